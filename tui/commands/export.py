"""`dataaction export`: an org's published data actions, written to files."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands._genesys import EXIT_OK, EXIT_VALIDATION, add_target_arguments, guarded, target

if TYPE_CHECKING:
    from tui.model.formats import Format

HELP = "export actions from an org to files"
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


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "action"


def _export(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer
    from tui.genesys.errors import GenesysError
    from tui.model.formats import EXTENSIONS, dump, export_file_name
    from tui.model.problems import Problem

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
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for action in actions:
        fname = (
            export_file_name(action.name)
            if fmt == "custom-json"
            else _slug(action.name) + EXTENSIONS[fmt]
        )
        path = out / fname
        path.write_text(dump(action, fmt), encoding="utf-8")
        written.append(str(path))
        if not args.json:
            print(path)
    if args.json:
        print(json.dumps({"ok": True, "files": written}, indent=2))
    return EXIT_OK
