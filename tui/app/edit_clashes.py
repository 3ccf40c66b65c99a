"""After a mapping change: keep the user's hand edits, or ask before replacing one.

The merge itself is the model's (tui.model.part_merge); this module only asks the question,
one part at a time, and applies the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp
    from tui.model.part_merge import Clash
    from tui.model.spec import Spec

SHOWN_LINES = 8


def keep_edits(app: WizardApp, before: Spec) -> list[Clash]:
    """Carry the hand-edited parts over the change just made to `app.spec` (saying which took
    it in); return the parts that need the user's decision."""
    from tui.model.parts import TITLES, overridden, override

    after = app.spec
    if not overridden(after):
        return []
    from tui.model.part_merge import rebase

    edited = {key: override(after, key) for key in overridden(after)}
    clashes = rebase(before, after)
    merged = [TITLES[k] for k, v in edited.items() if override(after, k) != v]
    if merged:
        app.notify(f"Your edited {', '.join(merged)} took this change in.", timeout=4)
    return clashes


def excerpt(value: object) -> str:
    from tui.model.parts import part_text

    lines = part_text(value).splitlines()
    more = len(lines) - SHOWN_LINES
    return "\n".join(lines[:SHOWN_LINES] + ([f"… ({more} more lines)"] if more > 0 else []))


def ask_about_clashes(app: WizardApp, clashes: list[Clash]) -> None:
    """One question per clash: keep the edit (as it is now), merge, or take the regenerated."""
    from tui.app.dialogs import ChoiceScreen
    from tui.model.parts import TITLES, override, set_override

    if not clashes:
        return
    clash, rest = clashes[0], clashes[1:]
    title = TITLES[clash.key]
    mine = override(app.spec, clash.key)
    choices = [("keep", f"Keep your {title} as you wrote it")]
    if clash.merged is not None:
        choices.append(("merge", f"Merge: your {title} with the change added"))
    choices.append(("take", f"Take the regenerated {title} (replaces your edit)"))
    explanation = (
        f"The {title} is your own (edited here or imported); this mapping change "
        f"{clash.what}.\n"
        f"Taking the regenerated one REPLACES your edit:\n{excerpt(mine)}\n"
        f"with:\n{excerpt(clash.take)}"
    )
    if clash.merged is not None:
        explanation += f"\nMerging gives:\n{excerpt(clash.merged)}"

    def chosen(key: str | None) -> None:
        value = {"merge": clash.merged, "take": clash.take}.get(key or "keep")
        if key in ("merge", "take"):
            app.change_spec(lambda spec: set_override(spec, clash.key, value))
        else:
            app.notify(f"Kept your {title}; Review → Revert to generated takes it back.")
        review = app.step_if_mounted("review")
        if review is not None:
            review.refresh_review()
        ask_about_clashes(app, rest)

    app.push_screen(
        ChoiceScreen(f"Your edited {title} and this change", choices, explanation), chosen
    )
