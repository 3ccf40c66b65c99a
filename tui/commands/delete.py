"""`dataaction delete NAME`: remove a published data action, after a confirmation.

A delete cannot be undone, so on a terminal it asks first; a script (no terminal on stdin) must
say `--yes`, else nothing is deleted (exit 2).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from tui.commands import SUMMARIES
from tui.commands._genesys import EXIT_OK, EXIT_VALIDATION, add_target_arguments, guarded, target
from tui.commands._output import confirmed, note

HELP = SUMMARIES["delete"]
WARM = True  # an org command: run in a copy of the warm process (tui.warm)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "delete",
        help=HELP,
        description="Delete a published data action by name (asks first on a terminal).",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--yes", "-y", action="store_true", help="delete without asking (needed without a terminal)"
    )
    p.add_argument("--json", action="store_true")
    add_target_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _delete(args))


def _delete(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer

    deployer = Deployer(target(args))
    doc = deployer.remote(args.name)  # a name the org does not hold fails here (exit 1)
    question = f"Delete '{doc['name']}' (id {doc['id']}) from {deployer.target.label}?"
    if not args.yes and not confirmed(question, f"not deleting '{doc['name']}'"):
        note("not deleted")
        return EXIT_VALIDATION
    deployer.delete(doc["name"], doc)
    if args.json:
        print(json.dumps({"ok": True, "deleted": {"name": doc["name"], "id": doc["id"]}}, indent=2))
    else:
        print(f"deleted {doc['name']} (id {doc['id']})")
    return EXIT_OK
