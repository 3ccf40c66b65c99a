"""What the commands that talk to Genesys Cloud share: target flags, the integration
credential flags, loading several files for a deploy, and turning failures into exit codes.

Exit codes: 0 ok, 1 validation problem (or, with --detailed-exitcode, changes pending),
2 usage/configuration, 3 auth, 4 API/network. The SDK loads only inside handlers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.commands._output import note

if TYPE_CHECKING:
    from tui.genesys.deploy import Deployer, PlanItem
    from tui.genesys.target import Target
    from tui.model.formats import Loaded
    from tui.model.problems import DataActionError, Problem

EXIT_OK, EXIT_VALIDATION, EXIT_USAGE = 0, 1, 2
EXPORTED_SUFFIX = re.compile(r"\s+-\s+Exported\s+\d{4}-\d{2}-\d{2}\s+@\s+\d{1,2}:\d{2}\s*$")


def add_target_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to connect: flags override the credential variables and profiles."""
    g = parser.add_argument_group("Genesys Cloud target (default: env vars, profile, else sandbox)")
    g.add_argument("--profile", help="profile name in the profile file")
    g.add_argument(
        "--environment",
        help="region host (mypurecloud.de), region key (eu_central_1) or URL",
    )
    g.add_argument("--client-id", help="OAuth client id (client credentials grant)")
    g.add_argument(
        "--client-secret-env",
        metavar="VAR",
        help="name of the environment variable holding the client secret",
    )
    g.add_argument("--sandbox", action="store_true", help="use the local sandbox even if set up")
    g.add_argument("--sandbox-db", metavar="PATH", help="sandbox database (default: shared one)")


def add_credential_arguments(parser: argparse.ArgumentParser) -> None:
    """The integration credential to use; secret values only from env vars or a prompt."""
    g = parser.add_argument_group("integration credential (optional)")
    g.add_argument(
        "--credential",
        metavar="NAME|ID",
        help="credential the actions' integration uses (${credentials.x} in templates)",
    )
    g.add_argument(
        "--create-credential",
        metavar="TYPE",
        choices=("basicAuth", "userDefined"),
        help="create --credential when missing, as basicAuth or userDefined",
    )
    g.add_argument(
        "--credential-field",
        metavar="FIELD=ENV_VAR",
        action="append",
        help="read FIELD's value from $ENV_VAR (repeatable; basicAuth defaults: "
        "DATAACTION_CREDENTIAL_USERNAME, DATAACTION_CREDENTIAL_PASSWORD)",
    )


def target(args: argparse.Namespace) -> Target:
    """The org (or sandbox) the flags, variables and profiles point at; says why on stderr."""
    import os

    from tui.genesys.target import resolve_target
    from tui.model.problems import DataActionError

    secret = None
    if var := getattr(args, "client_secret_env", None):
        secret = os.environ.get(var)
        if not secret:
            raise DataActionError.single(
                f"--client-secret-env {var}: ${var} is not set",
                field="--client-secret-env",
                hint=f"export {var}=... first",
            )
    found = resolve_target(
        profile=getattr(args, "profile", None),
        environment=getattr(args, "environment", None),
        client_id=getattr(args, "client_id", None),
        client_secret=secret,
        sandbox=getattr(args, "sandbox", False),
        sandbox_db=getattr(args, "sandbox_db", None),
        shared_sandbox=getattr(args, "one_shot", False),
    )
    if found.notice:
        note(found.notice)
    show_waits()
    return found


def show_waits() -> None:
    """Commands print the Genesys client's retry waits (a 429 can hold a command for a minute)
    on stderr, once per process; the wizard shows its own progress and keeps the terminal to
    itself. Set up here, with the target, so that commands that never reach an org (validate,
    test, convert) do not load `logging`."""
    import logging

    logger = logging.getLogger("tui.genesys")
    if any(getattr(h, "dataaction_waits", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.dataaction_waits = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def guarded(args: argparse.Namespace, body: Callable[[], int]) -> int:
    """Run a command body, turning every expected failure into a message and exit code."""
    from tui.genesys.errors import GenesysError
    from tui.model.problems import DataActionError

    as_json = getattr(args, "json", False)
    loaded = sys.modules.get("tui.genesys.session")
    before = loaded.open_sessions() if loaded else frozenset()  # a caller's own (the Python API)
    try:
        return body()
    except GenesysError as exc:
        return _fail(exc, as_json, exc.exit_code)
    except DataActionError as exc:
        return _fail(exc, as_json, EXIT_USAGE if _is_config(exc) else EXIT_VALIDATION)
    except KeyboardInterrupt:
        start = "\n" if sys.stderr.isatty() else ""  # after the terminal's ^C, not on its line
        if getattr(args, "command", None) == "deploy":
            note(
                f"{start}interrupted: run the same command again to finish (deploys are safe to repeat)"
            )
        else:
            note(f"{start}interrupted")
        return 130
    finally:
        if session := sys.modules.get("tui.genesys.session"):  # imported only if one was opened
            session.close_all(keep=before)


def _fail(exc: DataActionError, as_json: bool, code: int) -> int:
    if as_json:
        print(json.dumps({"ok": False, "errors": [p.to_dict() for p in exc.problems]}, indent=2))
    else:
        note(str(exc))
    return code


def _is_config(exc: DataActionError) -> bool:
    from tui.model.problems import MissingFile

    return isinstance(exc, MissingFile) or any(
        p.field.startswith(("GENESYS", "--", "DATAACTION_SANDBOX")) or "profile" in p.message
        for p in exc.problems
    )


def load_all(files: list[str]) -> list[Loaded]:
    """Every action of the files (or folders, or Terraform modules) loaded; all their problems
    at once, names used twice, and what cannot be deployed (an unresolved Terraform reference,
    a function data action)."""
    from tui.model.formats import load, load_all
    from tui.model.problems import DataActionError, MissingFile, Problem

    loaded, problems = [], []
    missing = False  # a path that is not there makes the whole run a usage error
    for f in files:
        try:
            found = [load(f)] if "#" in f else load_all(f)
            loaded += [checked(without_export_suffix(item)) for item in found]
        except DataActionError as exc:
            problems += exc.problems
            missing = missing or isinstance(exc, MissingFile)
    for item in loaded:
        problems += undeployable(item)
    seen: dict[str, str] = {}
    for item in loaded:
        key = item.action.name.strip().lower()
        if key in seen:
            problems.append(
                Problem(
                    f"two files define the action '{item.action.name}'",
                    file=item.file,
                    hint=f"also in {seen[key]}; names are unique per org (ignoring case)",
                )
            )
        seen[key] = item.file
    if problems:
        raise (MissingFile if missing else DataActionError)(problems)
    return loaded


def checked(loaded: Loaded) -> Loaded:
    """The file, once `dataaction validate` finds no error in it: nothing invalid is written
    to an org (a malformed contract there breaks every later listing)."""
    from tui.model.problems import DataActionError
    from tui.runtime.validation import validate_action

    errors = [p for p in validate_action(loaded.action, loaded=loaded) if p.severity == "error"]
    if errors:
        raise DataActionError(errors)
    return loaded


def undeployable(loaded: Loaded) -> list[Problem]:
    """Why an action read from Terraform cannot be deployed as it stands (empty when it can)."""
    from tui.model.problems import Problem

    where = loaded.file + (f"#{loaded.resource}" if loaded.resource else "")
    if loaded.function is not None:
        return [
            Problem(
                "a function data action is not deployed by dataaction: its code is uploaded "
                "to Genesys's function runtime, which needs the real org (use Terraform)",
                file=where,
                field="function_config",
            )
        ]
    return [
        Problem(
            f"{'.'.join(map(str, path))} has no value here: {p.message}",
            file=where,
            line=p.line,
            hint="give the variable a default or a local value, or deploy with Terraform",
        )
        for path in loaded.unresolved
        for p in loaded.problems
        if p.field == ".".join(map(str, path))
    ]


def without_export_suffix(
    loaded: Loaded, name: str | None = None, category: str | None = None
) -> Loaded:
    """A UI export's action named as it was before "Exported YYYY-MM-DD @ HH:MM" was added."""
    if loaded.format != "custom-json" and name is None and category is None:
        return loaded
    action = loaded.action
    loaded.action = action.model_copy(
        update={
            "name": name or EXPORTED_SUFFIX.sub("", action.name),
            "category": category or action.category,
        }
    )
    return loaded


def use_credential(
    args: argparse.Namespace,
    deployer: Deployer,
    plan: list[PlanItem],
    integration_id: str | None,
) -> str:
    """Attach --credential (created first when asked) to every integration the deploy uses.

    Returns the integration new actions go to.
    """
    from tui.genesys.credentials import (
        CredentialRequest,
        attach,
        ensure_credential,
        parse_field_vars,
        terminal_prompt,
    )
    from tui.model.problems import DataActionError

    request = CredentialRequest(
        args.credential, args.create_credential, parse_field_vars(args.credential_field)
    )
    if request.create_type is None and request.field_vars:
        raise DataActionError.single(
            "--credential-field needs --create-credential",
            field="--credential-field",
            hint="fields are only read to create a credential; an existing one is used as it is",
        )
    session = deployer.session
    credential, created = ensure_credential(session, request, terminal_prompt())
    label = f"credential '{credential.get('name')}' ({credential.get('id')})"
    if created:
        note(f"{label}: created")
    target_id = integration_id or deployer.pick_integration()
    wanted = {target_id} | {p.integration_id for p in plan if p.integration_id}
    for iid in sorted(wanted):
        doc = deployer.integration_doc(iid)
        changed = attach(session, doc, credential["id"])
        name = doc.get("name") or iid
        note(f"{label}: {'now used by' if changed else 'already used by'} integration {name}")
    return target_id


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2), file=sys.stdout)
