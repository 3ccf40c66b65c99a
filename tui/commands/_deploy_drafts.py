"""`dataaction deploy FILE --draft-only`: save drafts, validated, without publishing.

The admin UI's "Save draft": each action's draft is created or updated and Genesys's draft
validation is reported; a later `dataaction deploy FILE` publishes that same draft. Exit 1
when a draft was saved but Genesys finds it invalid (publishing it would be refused).
"""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING, Any

from tui.commands._genesys import EXIT_OK, EXIT_VALIDATION
from tui.commands._output import print_problems

if TYPE_CHECKING:
    from tui.genesys.deploy import Deployer, PlanItem
    from tui.genesys.errors import GenesysError
    from tui.model.formats import Loaded


def draft_words(item: PlanItem) -> str:
    """What saving the draft of `item` does, in the plan's words."""
    published = f"published version {item.version}"
    if item.change == "unchanged":
        if item.draft_id is None:
            return f"unchanged ({published}; no draft needed)"
        return "its draft already holds this" + (f" ({published})" if item.version else "")
    if item.action_id is None:
        return "update its unpublished draft" if item.draft_id else "new draft (a new action)"
    if item.draft_id is None:
        return f"new draft on {published}"
    return f"update its draft ({published})"


def save_drafts(
    args: argparse.Namespace,
    loaded: list[Loaded],
    plan: list[PlanItem],
    deployer: Deployer,
    integration_id: str | None,
) -> tuple[int, list[dict[str, Any]], list[tuple[PlanItem, GenesysError]]]:
    """(exit code, one result per action, failures): every draft saved, none published."""
    from tui.genesys.errors import GenesysError
    from tui.genesys.progress import StepProgress

    results: list[dict[str, Any]] = []
    errors: list[tuple[PlanItem, GenesysError]] = []
    invalid = False
    with StepProgress(len(plan)) as progress:
        for loaded_item, item in zip(loaded, plan, strict=True):
            progress.start(item.name)
            try:
                saved = deployer.save_draft(loaded_item, integration_id, progress.say, item=item)
            except GenesysError as exc:
                errors.append((item, exc))
                if not args.json:
                    progress.error(str(exc))
                progress.done()
                continue
            results.append(saved.to_dict())
            invalid = invalid or not saved.valid
            if not args.json:
                print_problems(saved.problems)
            progress.done()
    code = errors[0][1].exit_code if errors else EXIT_VALIDATION if invalid else EXIT_OK
    if not args.json:
        _summary(results, len(errors), deployer.session.stats.writes, args.files)
    return code, results, errors


def _summary(results: list[dict[str, Any]], failed: int, writes: int, files: list[str]) -> None:
    for r in results:
        if r["draft_id"] is None:
            continue
        state = "valid" if r["valid"] else "INVALID (publishing it will be refused)"
        if r["valid"] and r["notes"]:
            state += " (but see the note: publishing it will be refused)"
        print(f"{r['name']}: draft id {r['draft_id']}, draft version {r['draft_version']}, {state}")
    saved = sum(1 for r in results if r["change"] != "unchanged")
    print(
        f"{saved} draft(s) saved, {len(results) - saved} unchanged; {failed} failed; "
        f"nothing published; {writes} API writes"
    )
    if saved:
        print(f"publish with: dataaction deploy {shlex.join(files)}")
