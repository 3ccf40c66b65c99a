"""Edit dialogs: the first field has the focus, End + typing extends it, the cursor stays put."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from tests.app.app_helpers import fetch
from tui.app.wizard import WizardApp
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def two_mappings(api: str) -> Spec:
    return Spec(
        name="Get user",
        request=RequestSpec(url=api + "/users/${input.userId}"),
        inputs=[InputSpec(name="userId", sample="42")],
        outputs=[
            OutputSpec(name="city", path="$.profile.address.city"),
            OutputSpec(name="zip", path="$.profile.address.zip"),
        ],
    )


async def test_mapping_dialog_focuses_the_name_and_end_typing_appends(
    api: str, isolated: Path
) -> None:
    app = WizardApp(two_mappings(api))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        table = app.query_one("#mappings", DataTable)
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, Input) and focused.id == "field-name"
        await pilot.press("end", *"Code", "enter")
        await pilot.pause()
        assert [o.name for o in app.spec.outputs] == ["city", "zipCode"]
        assert app.focused is table and table.cursor_row == 1


async def test_input_dialog_focuses_the_sample_and_keeps_the_row(api: str, isolated: Path) -> None:
    spec = Spec(
        name="t",
        request=RequestSpec(url=api + "/users/${input.userId}?q=${input.q}"),
        inputs=[InputSpec(name="userId", sample="4"), InputSpec(name="q", sample="a")],
    )
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one("#inputs", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, Input) and focused.id == "field-sample"
        await pilot.press("2", "enter")  # the cursor starts at the end
        await pilot.pause()
        assert app.spec.inputs[0].sample == "42"
        assert table.cursor_row == 0
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("b", "enter")
        await pilot.pause()
        assert app.spec.inputs[1].sample == "ab" and table.cursor_row == 1


async def test_mapping_dialog_previews_live_and_suggests_an_array_for_a_wildcard(
    api: str, isolated: Path
) -> None:
    from textual.widgets import Select

    from tui.app.mapping import evaluate
    from tui.runtime.jsontext import to_json_text

    app = WizardApp(two_mappings(api))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        table = app.query_one("#mappings", DataTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        live = app.screen.query_one("#form-live")
        assert "London" in str(live.render())
        path = app.screen.query_one("#field-path", Input)
        path.value = "$.phones[*].number"
        await pilot.pause()
        expected = to_json_text(evaluate("$.phones[*].number", app.fetched.document))
        assert expected in str(live.render())
        assert app.screen.query_one("#field-type", Select).value == "array"
        assert app.screen.query_one("#field-items", Select).value == "string"
        path.value = "$.id"
        await pilot.pause()
        assert app.screen.query_one("#field-type", Select).value == "integer"
        path.value = "$.nope"
        await pilot.pause()
        assert "not found" in str(live.render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.spec.outputs[0].path == "$.profile.address.city"


async def test_fetch_with_a_required_input_without_sample_says_so(api: str, isolated: Path) -> None:
    spec = Spec(
        name="t",
        request=RequestSpec(url=api + "/users/${input.userId}?q=${input.q}"),
        inputs=[InputSpec(name="userId", sample="42"), InputSpec(name="q")],
    )
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fetch(pilot)
        assert app.fetched is None and app.current_step == "request"
        table = app.query_one("#inputs", DataTable)
        assert app.focused is table and table.cursor_row == 1
        messages = [n.message for n in app._notifications]
        assert any("required input(s) q" in m for m in messages)


async def test_failed_input_validation_says_where_to_set_samples(api: str, isolated: Path) -> None:
    spec = Spec(
        name="t",
        request=RequestSpec(url=api + "/users/${input.userId}"),
        inputs=[InputSpec(name="userId", type="integer", sample=42)],
    )
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        app.spec.inputs[0].sample = "not a number"
        await pilot.press("ctrl+t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.query_one("#test-status").render())
        assert "Test failed" in status and "Request → Inputs" in status


async def test_fetching_toast_goes_when_the_fetch_ends(api: str, isolated: Path) -> None:
    spec = Spec(
        name="t",
        request=RequestSpec(url=api + "/users/${input.userId}"),
        inputs=[InputSpec(name="userId", sample="42")],
    )
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        assert app.fetched is not None and app.fetched.status == 200
        assert not any("Fetching" in n.message for n in app._notifications)


async def test_table_keys_show_only_for_their_table(api: str, isolated: Path) -> None:
    spec = Spec(
        name="t",
        request=RequestSpec(url=api + "/users/${input.userId}", headers={"Accept": "x"}),
        inputs=[InputSpec(name="userId", sample="42")],
    )
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def shown() -> set[str]:
            return {b.binding.action for b in app.active_bindings.values() if b.enabled}

        app.query_one("#inputs").focus()
        await pilot.pause()
        assert "remove_row" in shown() and "add_header" not in shown()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]  # no header form opened
        app.query_one("#headers").focus()
        await pilot.pause()
        assert {"remove_row", "add_header"} <= shown()
