"""Review: hand-edit the success template, translation map and contracts, checked live.

A person clicks into an editor, types, sees the error next to it, fixes it, sees it applied,
then runs the test; later mapping changes keep the edit or ask; a restart keeps even an edit
that was not valid yet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from tests.app.app_helpers import click_step, fetch, settle
from tui.app.dialogs import ChoiceScreen
from tui.app.draft import edits_path, load_draft
from tui.app.wizard import WizardApp, build_app
from tui.model.compile import compile_spec
from tui.model.spec import OutputSpec, RequestSpec, Spec

pytestmark = pytest.mark.anyio
SIZE = (120, 40)
GENERATED = '{"name": ${name}, "score": ${score}}'


def user_spec(api: str, **overrides: object) -> Spec:
    return Spec(
        name="User",
        request=RequestSpec(url=api + "/users/42"),
        outputs=[
            OutputSpec(name="name", path="$.name"),
            OutputSpec(name="score", path="$.score", type="number"),
        ],
        **overrides,  # type: ignore[arg-type]
    )


async def click_editor(pilot: Pilot, key: str) -> TextArea:
    editor = pilot.app.query_one(f"#edit-{key}", TextArea)
    editor.scroll_visible(animate=False, immediate=True)
    await pilot.pause()
    assert await pilot.click(editor)
    await pilot.pause()
    return editor


async def checked(pilot: Pilot) -> None:
    """Wait out the editors' typing pause, then for the check it starts."""
    await pilot.pause(0.5)
    await settle(pilot)


def shown(app: WizardApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_typed_template_error_is_shown_then_the_fix_is_applied_and_tested(
    api: str, isolated: Path
) -> None:
    app = WizardApp(user_spec(api))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await click_step(pilot, "review")
        editor = await click_editor(pilot, "successTemplate")
        assert editor.text == GENERATED
        await pilot.press("end", "left", *', "level": #if(')
        await checked(pilot)
        errors = shown(app, "#errors-successTemplate")
        assert "Velocity syntax error" in errors and "line 1, column" in errors, errors
        assert "not applied" in shown(app, "#edit-status")
        assert "Velocity syntax error" in shown(app, "#edit-status")
        assert app.spec.success_template is None  # never applied ...
        assert (
            "#if(" in json.loads(edits_path(isolated / "draft.yaml").read_text())["successTemplate"]
        )  # ... and never lost

        await pilot.press(*["backspace"] * 4, *'"high"')
        await checked(pilot)
        assert shown(app, "#errors-successTemplate") == ""
        assert "Applied your edit: Success template" in shown(app, "#edit-status")
        assert app.spec.success_template == '{"name": ${name}, "score": ${score}, "level": "high"}'
        assert "hand-edited" in shown(app, "#state-successTemplate")
        assert "level" in (isolated / "draft.yaml").read_text()
        assert not edits_path(isolated / "draft.yaml").exists()

        await click_step(pilot, "test")
        assert await pilot.click("#run-test")
        await settle(pilot)
        assert "Test passed" in shown(app, "#test-status")
        output = json.loads(shown(app, "#test-output"))
        assert output == {"name": "Ada Lovelace", "score": 98.5, "level": "high"}


async def test_contract_json_error_and_a_result_the_contract_refuses_are_not_applied(
    api: str,
) -> None:
    app = WizardApp(user_spec(api))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await click_step(pilot, "review")
        editor = await click_editor(pilot, "output")
        before = app.spec.model_copy(deep=True)
        await pilot.press("end", "x")  # after the opening brace of line 1
        await checked(pilot)
        errors = shown(app, "#errors-output")
        assert "JSON syntax error" in errors and "line 1, column 2" in errors, errors
        await pilot.press("backspace")
        # score: number -> integer; the sample's 98.5 then breaks the output contract.
        editor.select_all()
        await pilot.press("delete")
        schema = {"type": "object", "properties": {"score": {"type": "integer"}}}
        await pilot.press(*json.dumps(schema))
        await checked(pilot)
        errors = shown(app, "#errors-output")
        assert "with the sample response" in errors and "score" in errors, errors
        assert app.spec == before
        assert await pilot.click("#revert-output")
        await settle(pilot)
        assert json.loads(editor.text)["properties"]["score"] == {"type": "number"}
        assert app.part_edits == {} and app.spec == before


async def test_translation_map_edit_applies_and_reverts(api: str) -> None:
    app = WizardApp(user_spec(api, success_template='{"name": ${name}, "id": ${id}}'))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await click_step(pilot, "review")
        assert "uses '$id'" in shown(app, "#problems")
        editor = await click_editor(pilot, "translationMap")
        await pilot.press("down", "end", *' "id": "$.i[d",')
        await checked(pilot)
        assert "translationMap.id" in shown(app, "#errors-translationMap")
        await pilot.press("left", "left", "left", "backspace")
        await checked(pilot)
        assert app.spec.translation_map == {"id": "$.id", "name": "$.name", "score": "$.score"}
        assert "error" not in shown(app, "#problems")  # the template's $id now resolves
        assert await pilot.click("#revert-translationMap")
        await settle(pilot)
        assert app.spec.translation_map is None
        assert json.loads(editor.text) == {"name": "$.name", "score": "$.score"}


async def test_a_mapping_added_after_edits_merges_the_map_and_asks_about_the_template(
    api: str,
) -> None:
    spec = user_spec(
        api,
        success_template='{"who": ${name}, "score": ${score}}',
        translation_map={"name": "$.name", "score": "$.score", "id": "$.id"},
    )
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        app.query_one("#path-input", Input).focus()
        await pilot.press(*"$.active", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        text = str(app.screen.query_one(".hint", Static).render())
        assert "adds active" in text and "REPLACES your edit" in text and '"who"' in text
        assert app.spec.translation_map == {
            "name": "$.name",
            "score": "$.score",
            "id": "$.id",
            "active": "$.active",
        }
        assert app.spec.success_template == '{"who": ${name}, "score": ${score}}'  # not yet
        await pilot.click("#choices", offset=(4, 2))  # "Merge: ..."
        await settle(pilot)
        assert app.spec.success_template == (
            '{"who": ${name}, "score": ${score}, "active": ${active}}'
        )
        await click_step(pilot, "review")
        assert "error" not in shown(app, "#problems")
        assert "${active}" in app.query_one("#edit-successTemplate", TextArea).text


async def test_taking_the_regenerated_template_replaces_the_edit(api: str) -> None:
    app = WizardApp(user_spec(api, success_template="$rawResult"))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        app.query_one("#path-input", Input).focus()
        await pilot.press(*"$.active", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)  # no merge for this one: keep or take
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.spec.success_template is None
        assert compile_spec(app.spec).response.success_template == (
            '{"name": ${name}, "score": ${score}, "active": ${active}}'
        )


async def test_an_unapplied_edit_survives_a_restart(api: str, isolated: Path) -> None:
    app = WizardApp(user_spec(api, success_template='{"n": ${name}}'))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await click_step(pilot, "review")
        await click_editor(pilot, "translationMapDefaults")
        await pilot.press("right", *'"score": NOASSERTION')
        await checked(pilot)
        assert "JSON syntax error" in shown(app, "#errors-translationMapDefaults")
        await pilot.press("ctrl+q")
    assert load_draft() is not None and load_draft().success_template == '{"n": ${name}}'

    again = build_app(resume=True)
    assert isinstance(again, WizardApp)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # "Resume 'User'"
        await settle(pilot)
        await click_step(pilot, "review")
        await checked(pilot)
        editor = again.query_one("#edit-translationMapDefaults", TextArea)
        assert editor.text == '{"score": NOASSERTION}'
        assert "JSON syntax error" in shown(again, "#errors-translationMapDefaults")
        assert "NOT applied" in shown(again, "#state-translationMapDefaults")
        assert again.query_one("#edit-successTemplate", TextArea).text == '{"n": ${name}}'


async def test_run_test_right_after_typing_uses_the_edit(api: str) -> None:
    """ctrl+t before the typing pause is over (and before the editor's messages are handled)
    tests what the editor shows, not the previous template."""
    app = WizardApp(user_spec(api))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await click_step(pilot, "review")
        await click_editor(pilot, "successTemplate")
        await pilot.press("end", "left", *', "now": true', "ctrl+t")
        await settle(pilot)
        assert app.current_step == "test"
        assert json.loads(shown(app, "#test-output")) == {
            "name": "Ada Lovelace",
            "score": 98.5,
            "now": True,
        }
