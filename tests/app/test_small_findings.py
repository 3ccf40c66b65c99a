"""Small things seen in a real terminal, each done the way a person does it (keys, clicks)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.app.app_helpers import USER, click_step, search, set_sample, settle, type_url
from tui.app.dialogs import ChoiceScreen, FormScreen, HelpScreen
from tui.app.jsontree import JsonTree
from tui.app.wizard import WizardApp

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def text_of(app: WizardApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def fetch_url(pilot, url: str) -> None:
    await type_url(pilot, url)
    await pilot.press("enter")
    await settle(pilot)


async def test_f1_opens_and_f1_closes_the_help() -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert len(app.screen_stack) == 1


async def test_shortcuts_do_not_act_behind_an_open_help(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_url(pilot, api + "/users/42")
        await pilot.press("f1", "ctrl+f")
        await settle(pilot)
        assert app.fetched is None and app.current_step == "request"
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+f")
        await settle(pilot)
        assert app.fetched is not None and app.fetched.document == USER


async def test_a_new_fetch_resets_the_selected_node_panel(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await fetch_url(pilot, api + "/users/42")
        await search(pilot, "London")
        assert text_of(app, "#node-path") == "$.profile.address.city"
        await pilot.press("ctrl+b")  # back to Request
        await settle(pilot)
        assert app.current_step == "request"
        await fetch_url(pilot, api + "/users/7")  # a JSON 404: shown, and warned about
        assert text_of(app, "#node-path") == "$"
        assert "no user 7" in text_of(app, "#node-value")
        assert "London" not in text_of(app, "#node-value")


async def test_a_failed_fetch_keeps_the_last_good_response_marked_stale(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await fetch_url(pilot, api + "/users/42")
        await pilot.press("ctrl+b")
        await fetch_url(pilot, "http://127.0.0.1:9/nothing-listens")
        status = text_of(app, "#fetch-status")
        assert "Could not connect" in status and "stale" in status, status
        assert app.fetched is not None and app.fetched.document == USER
        assert app.query_one(JsonTree).document == USER


async def test_an_html_page_is_shown_as_not_json_with_the_reason(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await fetch_url(pilot, api + "/html")
        tree = app.query_one(JsonTree)
        assert tree.document is None
        assert "not JSON" in str(tree.root.label)
        assert "HTML page" in text_of(app, "#fetch-status")
        assert "<!DOCTYPE html>" in text_of(app, "#node-value")


async def test_escape_cancels_a_running_fetch(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_url(pilot, api + "/slow")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.workers_running("fetch")
        await pilot.press("escape")
        await pilot.pause()
        assert any("cancelled" in str(n.message) for n in app._notifications)
        await settle(pilot)  # the late answer arrives and is dropped
        assert app.fetched is None and app.current_step == "request"


async def test_the_timeout_field_limits_the_fetch(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_url(pilot, api + "/slow")
        app.query_one("#timeout", Input).focus()
        await pilot.press("1")
        await pilot.pause()
        assert app.spec.timeout == 1
        app.query_one("#url", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "within 1 s" in text_of(app, "#fetch-status")


async def test_secure_checkbox_is_saved(isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_url(pilot, "https://api.example.com/x")
        assert await pilot.click("#secure")
        await pilot.pause()
        assert app.spec.secure is True
    assert "secure: true" in (isolated / "draft.yaml").read_text()


async def test_ctrl_s_asks_where_to_write(api: str, isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await fetch_url(pilot, api + "/users/42")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        box = app.screen.query_one("#field-path", Input)
        box.value = ""
        target = isolated / "chosen" / "user.yaml"
        await pilot.press(*str(target), "enter")
        await pilot.pause()
    assert target.is_file()
    assert [p.name for p in isolated.glob("*.yaml")] == ["draft.yaml"]  # nothing else in cwd


async def test_loading_a_sample_leaves_no_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", None)
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert list(scratch.iterdir())  # the samples sandbox's database lives there meanwhile
        await pilot.press("escape")
    assert list(scratch.iterdir()) == []


async def test_mapping_a_null_field_asks_its_type_and_never_prints_none(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await fetch_url(pilot, api + "/nullable")
        app.query_one("#path-input").focus()
        await pilot.press(*"$.note", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "null" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("down", "enter")  # the second type offered: integer
        await pilot.pause()
        assert [(o.name, o.type) for o in app.spec.outputs] == [("note", "integer")]
        await pilot.press("ctrl+t")
        await settle(pilot)
        status = text_of(app, "#test-status")
        assert "null is not of type 'integer'" in status, status
        assert "None" not in status


async def test_first_and_all_elements_of_one_field_get_telling_names(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await fetch_url(pilot, api + "/users/42")
        app.query_one("#path-input").focus()
        await pilot.press(*"$.profile.languages[0]", "enter")
        await pilot.press(*"$.profile.languages[*]", "enter")
        await pilot.pause()
        assert [o.name for o in app.spec.outputs] == ["languagesFirst", "languages"]


async def test_a_text_input_goes_into_the_url_escaped(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_url(pilot, api + "/users/${input.userId}")
        await set_sample(pilot, 0, "a/b c")
        app.query_one("#url", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.spec.request.url == api + "/users/$esc.url(${input.userId})"
        assert app.query_one("#url", Input).value == app.spec.request.url
        assert app.fetched is not None and app.fetched.url == api + "/users/a%2Fb+c"
        assert any("Escaped ${input.userId}" in str(n.message) for n in app._notifications)


async def test_a_default_that_is_not_json_is_offered_quoted(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await fetch_url(pilot, api + "/users/42")
        app.query_one("#path-input").focus()
        await pilot.press(*"$.nickname", "enter")  # not in this response: the default is used
        await pilot.pause()

        async def set_default(choice: str) -> None:
            app.query_one("#mappings").focus()
            await pilot.press("enter")
            await pilot.pause()
            box = app.screen.query_one("#field-default", Input)
            box.focus()
            box.value = ""
            await pilot.press(*"NOASSERTION")
            assert await pilot.click("#ok")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            assert "not JSON" in str(app.screen.query_one(".dialog-title").render())
            await pilot.press(*choice)
            await pilot.pause()

        await set_default(["down", "enter"])  # keep it as typed
        assert app.spec.outputs[0].default == "NOASSERTION"
        await click_step(pilot, "review")
        problems = text_of(app, "#problems")
        assert "Valid" not in problems and "NOASSERTION" in problems, problems
        await click_step(pilot, "explore")
        await set_default(["enter"])  # use the quoted string
        assert app.spec.outputs[0].default == '"NOASSERTION"'


async def test_the_test_step_takes_typed_inputs_and_a_flatten_toggle(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_url(pilot, api + "/users/${input.userId}")
        await set_sample(pilot, 0, "42")
        app.query_one("#url", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        app.query_one("#path-input").focus()
        await pilot.press(*"$.profile.address", "enter")
        await click_step(pilot, "test")
        field = app.query_one("#test-input-userId", Input)
        assert field.value == "42"  # prefilled with the sample
        field.focus()
        field.value = ""
        await pilot.press(*"7")
        assert await pilot.click("#run-test")
        await settle(pilot)
        steps = app.query_one("#test-steps")
        assert "/users/7" in str(steps.get_row_at(1)[3])  # the typed value, not the sample
        assert '"address.city": "London"' in text_of(app, "#test-output")  # flattened
        assert await pilot.click("#flatten")
        assert await pilot.click("#run-test")
        await settle(pilot)
        assert '"city": "London"' in text_of(app, "#test-output")
        assert "address.city" not in text_of(app, "#test-output")
        assert "as the success template builds it" in str(app.query_one("#output-title").render())


async def test_quitting_while_the_sdk_session_module_is_half_imported() -> None:
    """The warm-up thread may be importing the Genesys session module when the wizard exits
    (seen under load): the half-imported module has no `close_all` yet and opened nothing, so
    the exit must not fail on it."""
    import types

    with pytest.MonkeyPatch.context() as patch:
        for name in ("tui.genesys.session", "tui.genesys.target"):
            patch.setitem(sys.modules, name, types.ModuleType(name))
        # The real warm-up would import from the stand-ins; this test is the moment before.
        patch.setattr(WizardApp, "warm_up", lambda self: None)
        app = WizardApp()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+q")
    assert app.return_code == 0
