"""`dataaction delete NAME`: remove a published data action."""

from __future__ import annotations

import argparse
import json
from typing import Any

from tui.commands import SUMMARIES
from tui.commands._genesys import EXIT_OK, add_target_arguments, guarded, target

HELP = SUMMARIES["delete"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "delete", help=HELP, description="Delete a published data action by name."
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--json", action="store_true")
    add_target_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _delete(args))


def _delete(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer

    doc = Deployer(target(args)).delete(args.name)
    if args.json:
        print(json.dumps({"ok": True, "deleted": {"name": doc["name"], "id": doc["id"]}}, indent=2))
    else:
        print(f"deleted {doc['name']} (id {doc['id']})")
    return EXIT_OK
