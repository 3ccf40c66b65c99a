"""`dataaction integration list|create|auth-action`: the integration an action lives in.

`create NAME --credential-type basicAuth|userDefined|userDefinedOAuth` makes a Web Services Data
Actions integration with a new credential whose values come from environment variables
(`--credential-field FIELD=ENV_VAR`, or the DATAACTION_CREDENTIAL_* defaults) or a hidden prompt;
they are sent once and never printed. `auth-action INTEGRATION FILE` configures a User Defined
(OAuth) integration's custom auth action from an action file (its request and response).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from tui.commands import SUMMARIES
from tui.commands._genesys import EXIT_OK, add_target_arguments, guarded, target

HELP = SUMMARIES["integration"]
WARM = True  # an org command: run in a copy of the warm process (tui.warm)
CREDENTIAL_TYPES = ("basicAuth", "userDefined", "userDefinedOAuth")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "integration", help=HELP, description=__doc__.split("\n\n")[0] if __doc__ else HELP
    )
    p.set_defaults(func=run)  # argparse asks for a SUBCOMMAND before this could run bare
    sub = p.add_subparsers(dest="integration_command", metavar="SUBCOMMAND", required=True)

    ls = sub.add_parser("list", help="integrations that hold data actions, with their credential")
    ls.add_argument("--json", action="store_true")
    add_target_arguments(ls)
    ls.set_defaults(func=run)

    mk = sub.add_parser("create", help="a new Web Services Data Actions integration")
    mk.add_argument("name", metavar="NAME")
    mk.add_argument("--credential-type", required=True, choices=CREDENTIAL_TYPES)
    mk.add_argument("--credential-name", metavar="NAME", help="default: 'NAME credential'")
    mk.add_argument(
        "--credential-field",
        metavar="FIELD=ENV_VAR",
        action="append",
        help="read FIELD's value from $ENV_VAR (repeatable; never the value itself)",
    )
    mk.add_argument("--json", action="store_true")
    add_target_arguments(mk)
    mk.set_defaults(func=run)

    au = sub.add_parser("auth-action", help="configure an OAuth integration's custom auth action")
    au.add_argument("integration", metavar="INTEGRATION", help="name or id")
    au.add_argument("file", metavar="FILE", help="an action file: its request and response")
    au.add_argument("--json", action="store_true")
    add_target_arguments(au)
    au.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _run(args))


def _run(args: argparse.Namespace) -> int:
    from tui.genesys.session import Session

    with Session(target(args)) as session:
        if args.integration_command == "list":
            return _list(args, session)
        if args.integration_command == "create":
            return _create(args, session)
        return _auth_action(args, session)


def _list(args: argparse.Namespace, session: Any) -> int:
    from tui.genesys.integrations import list_integrations

    infos = list_integrations(session)
    if args.json:
        print(json.dumps([i.to_dict() for i in infos], indent=2))
        return EXIT_OK
    for i in infos:
        cred = (
            f"{i.credential_type} '{i.credential_name}'" if i.credential_type else "no credential"
        )
        auth = f", custom auth action {i.auth_action_id}" if i.auth_action_id else ""
        print(f"{i.name}  ({i.type_id}, {i.state.lower()}, {cred}{auth})  id {i.id}")
    return EXIT_OK


def _create(args: argparse.Namespace, session: Any) -> int:
    from tui.genesys.credentials import parse_field_vars, terminal_prompt
    from tui.genesys.integrations import create_integration

    info = create_integration(
        session,
        args.name,
        args.credential_type,
        credential_name=args.credential_name,
        field_vars=parse_field_vars(args.credential_field),
        prompt=terminal_prompt(),
    )
    if args.json:
        print(json.dumps({"ok": True, "integration": info.to_dict()}, indent=2))
        return EXIT_OK
    print(
        f"created integration {info.name} (id {info.id}) with {info.credential_type} credential "
        f"'{info.credential_name}'"
    )
    if info.auth_action_id:
        print(
            f"its custom auth action: {info.auth_action_id}; configure it with "
            f"`dataaction integration auth-action '{info.name}' FILE`, then use "
            "$authResponse.<field> in this integration's actions"
        )
    print(f"deploy actions into it with: dataaction deploy FILE --integration {info.id}")
    return EXIT_OK


def _auth_action(args: argparse.Namespace, session: Any) -> int:
    from tui.genesys.integrations import configure_auth_action, find_integration
    from tui.model.formats import load

    action = load(args.file).action
    integration = find_integration(session, args.integration)
    doc = configure_auth_action(session, integration["id"], action)
    if args.json:
        print(json.dumps({"ok": True, "id": doc.get("id"), "version": doc.get("version")}))
    else:
        print(f"custom auth action of {integration.get('name')}: version {doc.get('version')}")
    return EXIT_OK
