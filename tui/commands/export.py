"""`dataaction export`: an org's published data actions, written to files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands import SUMMARIES
from tui.commands._genesys import EXIT_OK, EXIT_VALIDATION, add_target_arguments, guarded, target
from tui.commands._output import note

if TYPE_CHECKING:
    from tui.model.formats import Format

HELP = SUMMARIES["export"]
WARM = True  # an org command: run in a copy of the warm process (tui.warm)
FORMATS: dict[str, Format] = {
    "yaml": "spec",
    "custom-json": "custom-json",
    "hcl": "hcl",
    "json": "api",
}


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "export", help=HELP, description="Write an org's data actions to files."
    )
    p.add_argument("--name", help="only the action with this name")
    p.add_argument("--category", help="only actions in this category")
    p.add_argument("--format", choices=sorted(FORMATS), default="yaml")
    p.add_argument("--out", metavar="DIR", default=".", help="directory to write to")
    p.add_argument("--json", action="store_true", help="list written files as JSON")
    add_target_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _export(args))


def _export(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer
    from tui.genesys.errors import GenesysError
    from tui.model.action import WEB_SERVICES_TYPE
    from tui.model.filenames import safe_file_stem, unique_name, write_inside
    from tui.model.formats import EXTENSIONS, Loaded, dump, export_file_name
    from tui.model.hcl import folder_declarations
    from tui.model.problems import DataActionError, Problem

    fmt = FORMATS[args.format]
    deployer = Deployer(target(args))
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
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataActionError.single(
            f"--out {args.out}: cannot create the folder ({exc.strerror})", field="--out"
        ) from None
    if not out.is_dir():
        raise DataActionError.single(f"--out {args.out} is not a folder", field="--out")
    written, taken = [], {p.name.lower() for p in out.iterdir()}
    types = {ident: kind for ident, _name, kind in deployer.integrations()}
    provider, variable = folder_declarations(out)
    for action in actions:
        if fmt == "custom-json":
            stem = export_file_name(action.name).removesuffix(".custom.json")
            fname = unique_name(stem, ".custom.json", taken)
        else:
            fname = unique_name(safe_file_stem(action.name), EXTENSIONS[fmt], taken)
        itype = types.get(action.integration_id or "", WEB_SERVICES_TYPE)
        loaded = Loaded(action, "api", integration_type=itype)
        text = dump(loaded, fmt, provider=not provider, variable=not variable)
        provider = variable = True  # the first Terraform file carries the folder's declarations
        path = write_inside(out, fname, text)
        written.append(str(path))
        if not args.json:
            print(path)
    for problem in deployer.skipped:
        note(f"skipped: {problem.message}")
    if args.json:
        skipped = [p.to_dict() for p in deployer.skipped]
        print(json.dumps({"ok": True, "files": written, "skipped": skipped}, indent=2))
    return EXIT_OK
