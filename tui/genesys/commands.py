"""CLI subcommands talking to Genesys Cloud: deploy, export, import, delete, test --remote.

`add_parsers(subparsers)` registers deploy/export/import/delete; `remote_test(args)` runs
`dataaction test --remote NAME`. Handlers return the exit code: 0 ok, 1 validation problem (or,
with --detailed-exitcode, changes pending), 2 usage/configuration, 3 auth, 4 API/network error.
The SDK is imported only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from tui.genesys.errors import (
    EXIT_OK,
    EXIT_USAGE,
    EXIT_VALIDATION,
    GenesysError,
)
from tui.model.problems import DataActionError, Problem

EXPORT_FORMATS = {"yaml": "spec", "custom-json": "custom-json", "hcl": "hcl", "json": "api"}
EXPORTED_SUFFIX = re.compile(r"\s+-\s+Exported\s+\d{4}-\d{2}-\d{2}\s+@\s+\d{1,2}:\d{2}\s*$")


# -- parsers ---------------------------------------------------------------------------------


def add_target_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to connect: flags override GENESYS_* / GENESYSCLOUD_* variables and profiles."""
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


def add_parsers(subparsers: Any) -> None:
    """Register deploy, export, import and delete on an argparse subparsers object."""
    p = subparsers.add_parser(
        "deploy",
        help="create or update data actions in Genesys Cloud (or the sandbox)",
        description="Deploy action files (spec YAML, API JSON, .custom.json, Terraform HCL). "
        "Shows a plan (create/update/unchanged/recreate with a diff), then applies it.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="only show the plan")
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.add_argument(
        "--recreate",
        action="store_true",
        help="replace actions whose contract changed by new actions (new ids)",
    )
    p.add_argument(
        "--detailed-exitcode",
        action="store_true",
        help="with --dry-run: exit 1 when changes are pending",
    )
    p.add_argument("--integration", metavar="ID", help="integration for new actions")
    add_credential_arguments(p)
    add_target_arguments(p)
    p.set_defaults(func=deploy_command)

    p = subparsers.add_parser("export", help="write an org's data actions to files")
    p.add_argument("--name", help="only the action with this name")
    p.add_argument("--category", help="only actions in this category")
    p.add_argument("--format", choices=sorted(EXPORT_FORMATS), default="yaml")
    p.add_argument("--out", metavar="DIR", default=".", help="directory to write to")
    p.add_argument("--json", action="store_true", help="list written files as JSON")
    add_target_arguments(p)
    p.set_defaults(func=export_command)

    p = subparsers.add_parser("import", help="import an admin UI .custom.json export")
    p.add_argument("file", metavar="FILE.custom.json")
    p.add_argument("--category", help="category to put it in (default: Data Actions)")
    p.add_argument("--integration", metavar="ID", help="integration to put it in")
    p.add_argument("--name", help="name to give it (default: the export's, without 'Exported')")
    p.add_argument("--json", action="store_true")
    add_credential_arguments(p)
    add_target_arguments(p)
    p.set_defaults(func=import_command)

    p = subparsers.add_parser("delete", help="delete a published data action by name")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--json", action="store_true")
    add_target_arguments(p)
    p.set_defaults(func=delete_command)


def add_remote_test_arguments(parser: argparse.ArgumentParser) -> None:
    """`--remote NAME`, `--flatten` and the target flags, for the `test` subcommand.

    Options the parser already has (for example from the local `test`) are left as they are.
    """
    have = parser._option_string_actions  # argparse keeps no public list of options
    if "--remote" not in have:
        parser.add_argument("--remote", metavar="NAME", help="run the org's test of this action")
    if "--flatten" not in have:
        parser.add_argument("--flatten", action="store_true", help="Architect-flattened output")
    add_target_arguments(parser)


# -- shared plumbing -------------------------------------------------------------------------


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _target(args: argparse.Namespace) -> Any:
    from tui.genesys.target import resolve_target

    secret = None
    if var := getattr(args, "client_secret_env", None):
        import os

        secret = os.environ.get(var)
        if not secret:
            raise DataActionError.single(f"--client-secret-env {var}: ${var} is not set")
    target = resolve_target(
        profile=getattr(args, "profile", None),
        environment=getattr(args, "environment", None),
        client_id=getattr(args, "client_id", None),
        client_secret=secret,
        sandbox=getattr(args, "sandbox", False),
        sandbox_db=getattr(args, "sandbox_db", None),
    )
    if target.notice:
        _err(target.notice)
    return target


def _fail(exc: DataActionError, as_json: bool, code: int | None = None) -> int:
    code = code if code is not None else getattr(exc, "exit_code", EXIT_VALIDATION)
    if as_json:
        print(json.dumps({"ok": False, "errors": [p.to_dict() for p in exc.problems]}, indent=2))
    else:
        _err(str(exc))
    return code


def _run(args: argparse.Namespace, body: Any) -> int:
    """Run a command body, turning every expected failure into a message and exit code."""
    as_json = getattr(args, "json", False)
    try:
        return body()
    except GenesysError as exc:
        return _fail(exc, as_json)
    except DataActionError as exc:
        return _fail(exc, as_json, EXIT_USAGE if _is_config(exc) else EXIT_VALIDATION)
    except KeyboardInterrupt:
        _err("interrupted: run the same command again to finish (deploys are safe to repeat)")
        return 130


def _is_config(exc: DataActionError) -> bool:
    return any(
        p.field.startswith(("GENESYS", "--")) or "profile" in p.message for p in exc.problems
    )


# -- deploy ----------------------------------------------------------------------------------


def _load_all(files: list[str]) -> list[Any]:
    from tui.model.formats import load

    loaded, problems = [], []
    for f in files:
        try:
            loaded.append(_without_export_suffix(load(f)))
        except DataActionError as exc:
            problems += exc.problems
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
        raise DataActionError(problems)
    return loaded


def _without_export_suffix(
    loaded: Any, name: str | None = None, category: str | None = None
) -> Any:
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


def deploy_command(args: argparse.Namespace) -> int:
    return _run(args, lambda: _deploy(args))


def _deploy(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer

    loaded = _load_all(args.files)
    target = _target(args)
    deployer = Deployer(target)
    plan = deployer.plan(loaded)
    if not args.json:
        _print_plan(plan, target.label)
    pending = [p for p in plan if p.change != "unchanged"]
    if args.dry_run:
        if args.json:
            print(json.dumps(_plan_json(plan, target, deployer), indent=2))
        return EXIT_VALIDATION if args.detailed_exitcode and pending else EXIT_OK
    from tui.genesys.progress import StepProgress

    integration_id = args.integration
    if getattr(args, "credential", None):
        integration_id = _use_credential(args, deployer, plan, integration_id)
    results, errors = [], []
    with StepProgress(len(pending)) as progress:
        for loaded_item, item in zip(loaded, plan, strict=True):
            if item.change == "unchanged":
                results.append(
                    {
                        "name": item.name,
                        "change": "unchanged",
                        "id": item.action_id,
                        "version": item.version,
                    }
                )
                continue
            progress.start(item.name)
            try:
                r = deployer.deploy(
                    loaded_item,
                    integration_id,
                    progress.say,
                    recreate=args.recreate,
                    item=item,
                )
                results.append(
                    {
                        "name": r.name,
                        "change": r.change,
                        "id": r.action_id,
                        "version": r.version,
                        "notes": r.notes,
                    }
                )
            except GenesysError as exc:
                errors.append((item, exc))
                if not args.json:
                    progress.error(str(exc))
            progress.done()
    stats = deployer.session.stats
    code = errors[0][1].exit_code if errors else EXIT_OK
    if args.json:
        out = _plan_json(plan, target, deployer)
        out.update(
            ok=not errors,
            results=results,
            errors=[
                {"name": i.name, "problems": [p.to_dict() for p in e.problems]} for i, e in errors
            ],
        )
        print(json.dumps(out, indent=2))
    else:
        counts = {
            c: sum(1 for r in results if r["change"] == c)
            for c in ("create", "update", "recreate", "unchanged")
        }
        summary = ", ".join(
            f"{n} {c if c != 'create' else 'created'}" for c, n in counts.items() if n
        )
        print(f"{summary or 'nothing deployed'}; {len(errors)} failed; {stats.writes} API writes")
    return code


def _use_credential(
    args: argparse.Namespace, deployer: Any, plan: list[Any], integration_id: str | None
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
        _err(f"{label}: created")
    target_id = integration_id or deployer.pick_integration()
    wanted = {target_id} | {p.integration_id for p in plan if p.integration_id}
    for iid in sorted(wanted):
        doc = deployer.integration_doc(iid)
        changed = attach(session, doc, credential["id"])
        name = doc.get("name") or iid
        _err(f"{label}: {'now used by' if changed else 'already used by'} integration {name}")
    return target_id


def _print_plan(plan: list[Any], label: str) -> None:
    print(f"Plan for {label}:")
    for item in plan:
        mark = {"create": "+", "update": "~", "recreate": "-/+", "unchanged": "="}[item.change]
        extra = f" (version {item.version})" if item.version else ""
        print(f"  {mark} {item.name}: {item.change}{extra}")
        if item.diff:
            print("    " + item.diff.rstrip("\n").replace("\n", "\n    "))
        if item.change == "recreate":
            print("    the contract changed: needs --recreate (the action gets a new id)")


def _plan_json(plan: list[Any], target: Any, deployer: Any) -> dict[str, Any]:
    stats = deployer.session.stats
    return {
        "target": {"kind": target.kind, "label": target.label, "url": target.base_url},
        "plan": [
            {
                "name": p.name,
                "change": p.change,
                "file": p.file,
                "id": p.action_id,
                "version": p.version,
                "diff": p.diff,
            }
            for p in plan
        ],
        "requests": {"total": stats.requests, "writes": stats.writes, "retries": stats.retries},
    }


# -- export / import / delete ----------------------------------------------------------------


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "action"


def export_command(args: argparse.Namespace) -> int:
    return _run(args, lambda: _export(args))


def _export(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer
    from tui.model.formats import EXTENSIONS, dump, export_file_name

    fmt = EXPORT_FORMATS[args.format]
    deployer = Deployer(_target(args))
    actions = deployer.export(args.name, args.category)
    if not actions:
        what = " ".join(
            f"{k} '{v}'" for k, v in (("name", args.name), ("category", args.category)) if v
        )
        raise GenesysError(
            [Problem(f"no published data actions {'with ' + what if what else 'in the org'}")],
            EXIT_VALIDATION,
        )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for action in actions:
        fname = (
            export_file_name(action.name)
            if fmt == "custom-json"
            else _slug(action.name) + EXTENSIONS[fmt]  # type: ignore[index]
        )
        path = out / fname
        path.write_text(dump(action, fmt), encoding="utf-8")  # type: ignore[arg-type]
        written.append(str(path))
        if not args.json:
            print(path)
    if args.json:
        print(json.dumps({"ok": True, "files": written}, indent=2))
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    return _run(args, lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer
    from tui.model.formats import load

    loaded = load(args.file, "custom-json" if args.file.endswith(".json") else None)
    loaded = _without_export_suffix(loaded, args.name, args.category)
    deployer = Deployer(_target(args))
    item = deployer.plan([loaded])[0]
    integration_id = args.integration
    if args.credential:
        integration_id = _use_credential(args, deployer, [item], integration_id)
    result = deployer.deploy(loaded, integration_id, _err, item=item)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": True,
                    "name": result.name,
                    "change": result.change,
                    "id": result.action_id,
                    "version": result.version,
                },
                indent=2,
            )
        )
    else:
        print(f"{result.name}: {result.change} (id {result.action_id}, version {result.version})")
    return EXIT_OK


def delete_command(args: argparse.Namespace) -> int:
    return _run(args, lambda: _delete(args))


def _delete(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer

    doc = Deployer(_target(args)).delete(args.name)
    if args.json:
        print(json.dumps({"ok": True, "deleted": {"name": doc["name"], "id": doc["id"]}}, indent=2))
    else:
        print(f"deleted {doc['name']} (id {doc['id']})")
    return EXIT_OK


# -- test --remote ---------------------------------------------------------------------------


def parse_inputs(pairs: list[str], schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """`k=v` pairs as inputs, typed by the action's input schema when it says so."""
    props = (schema or {}).get("properties") or {}
    out: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise DataActionError.single(
                f"--input '{pair}' is not key=value",
                field="--input",
                hint="e.g. --input city=Paris",
            )
        typ = (props.get(key) or {}).get("type")
        out[key] = _typed(key, raw, typ)
    return out


def _typed(key: str, raw: str, typ: Any) -> Any:
    try:
        if typ == "integer":
            return int(raw)
        if typ == "number":
            return float(raw) if any(c in raw for c in ".eE") else int(raw)
        if typ == "boolean":
            if raw.lower() not in ("true", "false"):
                raise ValueError
            return raw.lower() == "true"
    except ValueError:
        raise DataActionError.single(
            f"--input {key}={raw}: the action expects {typ}", field="--input"
        ) from None
    return raw


def remote_test(args: argparse.Namespace) -> int:
    """`dataaction test --remote NAME --input k=v [--json]`: the org's test endpoint."""
    return _run(args, lambda: _remote_test(args))


def _remote_test(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer

    deployer = Deployer(_target(args))
    doc = deployer.remote(args.remote)
    schema = ((doc.get("contract") or {}).get("input") or {}).get("inputSchema")
    inputs = parse_inputs(getattr(args, "input", None) or [], schema)
    result = deployer.session.test_action(
        doc["id"], inputs, flatten=getattr(args, "flatten", False), name=doc["name"]
    )
    ok = bool(result.get("success"))
    if getattr(args, "json", False):
        print(json.dumps(result, indent=2))
    else:
        for op in result.get("operations") or []:
            mark = "ok  " if op.get("success") else "FAIL"
            print(f"{mark} {op.get('step')}. {op.get('name')}")
            if not op.get("success") and op.get("error"):
                print(f"     {op['error'].get('message')}")
        if ok:
            print(json.dumps(result.get("finalResult"), indent=2))
        else:
            err = result.get("error") or {}
            _err(
                f"error: the test of '{doc['name']}' failed: {err.get('message', 'unknown error')}"
            )
    return EXIT_OK if ok else EXIT_VALIDATION
