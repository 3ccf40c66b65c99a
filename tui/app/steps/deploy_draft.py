"""The Deploy step's "Save draft" (the admin UI's action editor has it next to Publish): what
the confirmation asks and what the result box says. The work is `Deployer.save_draft`."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class DraftSaved(Message):
    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


def draft_question(
    item: Any, opened_id: str | None = None
) -> tuple[str, list[tuple[str, str]], str] | None:
    """(title, choices, explanation) before a draft is saved on a published action; None when
    nothing published is at stake (a new action, or its own unpublished draft). `opened_id`:
    the org action the wizard opened (then no name clash is asked about, only the diff)."""
    if item is None or item.action_id is None or item.change == "unchanged":
        return None
    what = "Replace its unpublished draft" if item.draft_id else "Save a draft on it"
    explanation = item.diff or ""
    if item.refused:
        explanation = f"Note: {item.refused}\n\n{explanation}"
    choices = [("draft", f"{what} (version {item.version} stays published)")]
    if opened_id == item.action_id:
        title = f"Save a draft of '{item.name}' (published version {item.version})?"
    else:
        title = f"An action named '{item.name}' already exists (published version {item.version})"
        choices.append(("rename", "Rename mine and save a draft of a new action"))
    return title, [*choices, ("cancel", "Cancel")], explanation


def draft_text(result: Any) -> tuple[str, str]:
    """(text, style class) for the result box after a save."""
    live = (
        f"version {result.published_version} stays published until you press Deploy"
        if result.published_version
        else "nothing is published yet: Deploy publishes this draft"
    )
    if result.draft_id is None:
        return (
            f"✔ Nothing to save: '{result.name}' equals its published version "
            f"{result.published_version}; no draft was made.",
            "ok",
        )
    saved = "Draft unchanged" if result.change == "unchanged" else "Draft saved"
    lines = [
        f"{'✔' if result.valid else '✘'} {saved}: '{result.name}' "
        f"(draft version {result.draft_version}), not published",
        f"  draft id {result.draft_id}",
    ]
    if result.valid:
        lines.append("  Genesys's draft validation: valid")
    else:
        lines.append("  Genesys's draft validation: INVALID (publishing it will be refused)")
        lines += ["  " + p.render().replace("\n", "\n  ") for p in result.problems]
    lines += [f"  Note: {n}" for n in result.notes]
    lines.append(f"  {live[0].upper()}{live[1:]}.")
    style = "error" if not result.valid else "warning" if result.notes else "ok"
    return "\n".join(lines), style
