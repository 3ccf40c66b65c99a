"""`dataaction drafts`: list an org's unpublished drafts, and delete one.

A draft no client can read (a schema of the wrong shape made by another tool, say) makes the
admin UI and SDK listings fail; this lists drafts from the raw answer, readable or not, so any
of them can be removed by id.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from tui.commands import SUMMARIES
from tui.commands._genesys import EXIT_OK, EXIT_VALIDATION, add_target_arguments, guarded, target
from tui.commands._output import confirmed, note

HELP = SUMMARIES["drafts"]
WARM = True  # an org command: run in a copy of the warm process (tui.warm)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "drafts",
        help=HELP,
        description="List unpublished draft data actions (name, id, version, readable or not); "
        "--delete removes one by id or exact name.",
    )
    p.add_argument("--delete", metavar="ID|NAME", help="delete this draft (asks first)")
    p.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="with --delete: no question (needed without a terminal)",
    )
    p.add_argument("--json", action="store_true")
    add_target_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _drafts(args))


def _readable(doc: dict[str, Any]) -> str:
    """'' when the draft reads as an action, else why not."""
    from tui.genesys.compare import action_from_remote
    from tui.genesys.errors import GenesysError

    try:
        action_from_remote(doc)
    except GenesysError as exc:
        return exc.problems[0].message
    return ""


def _drafts(args: argparse.Namespace) -> int:
    from tui.genesys.errors import GenesysError
    from tui.genesys.session import Session
    from tui.model.problems import Problem

    session = Session(target(args))
    drafts = list(session.list_actions(drafts=True))
    if args.delete is None:
        rows = [
            {
                "id": d.get("id"),
                "name": d.get("name"),
                "version": d.get("version"),
                "problem": _readable(d),
            }
            for d in drafts
        ]
        if args.json:
            print(json.dumps({"ok": True, "drafts": rows}, indent=2, ensure_ascii=False))
        elif not rows:
            print("no unpublished drafts")
        for r in rows if not args.json else ():
            mark = f"  (unreadable: {r['problem']})" if r["problem"] else ""
            print(f"{r['name']}  id {r['id']}  version {r['version']}{mark}")
        return EXIT_OK
    wanted = args.delete.strip()
    matches = [d for d in drafts if d.get("id") == wanted] or [
        d for d in drafts if str(d.get("name", "")).strip().lower() == wanted.lower()
    ]
    if len(matches) != 1:
        why = "no draft" if not matches else f"{len(matches)} drafts"
        raise GenesysError(
            [
                Problem(
                    f"{why} with the id or name '{wanted}'",
                    hint="list them with: dataaction drafts",
                )
            ],
            1,
            operation="find",
        )
    doc = matches[0]
    question = f"Delete the draft '{doc.get('name')}' (id {doc['id']}) from {session.host}?"
    if not args.yes and not confirmed(question, f"not deleting the draft '{doc.get('name')}'"):
        note("not deleted")
        return EXIT_VALIDATION
    session.delete_draft(doc["id"], name=doc.get("name"))
    if args.json:
        print(json.dumps({"ok": True, "deleted": {"id": doc["id"], "name": doc.get("name")}}))
    else:
        print(f"deleted the draft {doc.get('name')} (id {doc['id']})")
    return EXIT_OK
