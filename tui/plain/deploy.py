"""The deploy step: to the org the credentials name, else the embedded sandbox."""

from __future__ import annotations

import shlex
from typing import Any

from tui.model.action import Action
from tui.model.problems import DataActionError
from tui.plain.console import Console


def target_line() -> str:
    """Where a deploy would go, without starting anything."""
    from tui.genesys.settings import deploy_destination

    return deploy_destination().line()


NOT_NOW, PUBLISH, DRAFT = "no", "publish", "draft"


def ask_deploy(con: Console) -> str:
    """Not now, publish, or save a draft only (the admin UI's Save draft)."""
    from questionary import Choice

    return str(
        con.select(
            f"Deploy it now (to {target_line()})?",
            [
                Choice("Not now", NOT_NOW),
                Choice("Yes: deploy and publish it", PUBLISH),
                Choice("Save a draft in the org only (validated, not published)", DRAFT),
            ],
            default=NOT_NOW,
        )
    )


def deploy(con: Console, action: Action, *, draft_only: bool = False, file: str = "") -> bool:
    """Deploy (or save a draft) with progress lines; True when it worked. Errors are
    explained, never raised."""
    con.heading("Save a draft" if draft_only else "Deploy")
    try:
        from tui.genesys.deploy import Deployer
        from tui.genesys.target import resolve_target

        target = resolve_target()
        con.say(f"Target: {target.label}")
        if target.notice:
            con.say(target.notice)
        with Deployer(target) as deployer:
            if draft_only:
                saved = deployer.save_draft(action, on_progress=lambda line: con.say(f"  {line}"))
                return _said_draft(con, saved, file)
            result = deployer.deploy(action, on_progress=lambda line: con.say(f"  {line}"))
    except ImportError as exc:
        con.say(f"Deploying is not available in this installation ({exc.name} is missing).")
        return False
    except DataActionError as exc:
        for p in exc.problems:
            con.say(p.render())
        return False
    con.say(
        f"Deployed '{result.name}' ({result.change}), version {result.version}, id {result.action_id}."
    )
    con.say(
        f"In Architect: a Call Data Action step, category '{result.category}', "
        f"action '{result.name}'."
    )
    return True


def _said_draft(con: Console, saved: Any, file: str) -> bool:
    """The saved draft, its validation and what is (not) published; True when valid."""
    if saved.draft_id is None:
        con.say(f"Nothing to save: it equals the published version {saved.published_version}.")
        return True
    con.say(
        f"Saved a draft of '{saved.name}' (draft version {saved.draft_version}), "
        f"draft id {saved.draft_id}. Nothing is published."
    )
    if saved.valid:
        con.say("Genesys's draft validation: valid.")
    else:
        con.say("Genesys's draft validation: INVALID (publishing it will be refused):")
        for p in saved.problems:
            con.say(p.render())
    for note in saved.notes:
        con.say(f"Note: {note}")
    live = f"version {saved.published_version}" if saved.published_version else "nothing"
    con.say(
        f"Published now: {live}. Publish the draft with: dataaction deploy {shlex.quote(file) if file else 'FILE'}"
    )
    return bool(saved.valid)
