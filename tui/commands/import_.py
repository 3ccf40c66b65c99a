"""`dataaction import FILE.custom.json`: an admin UI export, into an org or the sandbox."""

from __future__ import annotations

import argparse
import json
from typing import Any

from tui.commands import SUMMARIES
from tui.commands._genesys import (
    EXIT_OK,
    add_credential_arguments,
    add_target_arguments,
    checked,
    guarded,
    note,
    target,
    use_credential,
    without_export_suffix,
)

HELP = SUMMARIES["import"]
WARM = True  # an org command: run in a copy of the warm process (tui.warm)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "import", help=HELP, description="Import an admin UI .custom.json export."
    )
    p.add_argument("file", metavar="FILE.custom.json")
    p.add_argument("--category", help="category to put it in (default: Data Actions)")
    p.add_argument("--integration", metavar="ID", help="integration to put it in")
    p.add_argument("--name", help="name to give it (default: the export's, without 'Exported')")
    p.add_argument("--json", action="store_true")
    add_credential_arguments(p)
    add_target_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer
    from tui.model.formats import load

    loaded = load(args.file, "custom-json" if args.file.endswith(".json") else None)
    loaded = checked(without_export_suffix(loaded, args.name, args.category))
    deployer = Deployer(target(args))
    item = deployer.plan([loaded])[0]
    integration_id = args.integration
    if args.credential:
        integration_id = use_credential(args, deployer, [item], integration_id)
    result = deployer.deploy(loaded, integration_id, note, item=item)
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
