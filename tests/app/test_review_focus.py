"""Review by keyboard: Tab walks the editors top to bottom, the focused one is plainly marked
(accent border and title) and what is typed after tabbing in edits it."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import Label, TextArea

from tests.app.app_helpers import click_step, fetch
from tests.app.test_review_edits import SIZE, checked, shown, user_spec
from tui.app.wizard import WizardApp
from tui.model.parts import OVERRIDE_FIELDS

pytestmark = pytest.mark.anyio


async def test_tab_reaches_each_editor_marks_it_and_typing_edits_it(api: str) -> None:
    app = WizardApp(user_spec(api))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await click_step(pilot, "review")
        reached: list[str] = []
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            if isinstance(focused, TextArea) and focused.id and focused.id.startswith("edit-"):
                reached.append(focused.id.removeprefix("edit-"))
            if reached[-1:] == ["successTemplate"]:
                break
        assert reached == list(OVERRIDE_FIELDS), reached  # each editor, in screen order
        editor = app.query_one("#edit-successTemplate", TextArea)
        assert app.focused is editor and editor.region.height > 0  # scrolled into view

        accent = Color.parse(app.get_css_variables()["accent"])
        other = app.query_one("#edit-input", TextArea)
        assert editor.styles.border_top[1].rgb == accent.rgb
        assert other.styles.border_top[1].rgb != accent.rgb
        assert editor.border_title == "Success template (editable)"
        await pilot.pause(0.2)
        title = app.query_one("#part-successTemplate .part-title", Label)
        assert title.styles.background.rgb == accent.rgb
        assert title.styles.color.rgb != accent.rgb  # readable on it
        assert app.query_one("#part-input .part-title", Label).styles.background.a == 0

        await pilot.press("end", "left", *', "level": "high"')
        await checked(pilot)
        assert "Applied your edit: Success template" in shown(app, "#edit-status")
        assert app.spec.success_template == (
            '{"name": ${name}, "score": ${score}, "level": "high"}'
        )
