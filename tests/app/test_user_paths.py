"""What a person does: Enter in the URL field, click Fetch and Run test; act right after typing.

Shortcuts are tested elsewhere too; these prove the buttons and Enter, and that acting at once
(or on a busy machine, where the fields' messages lag behind the keys) uses what is on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.app.app_helpers import USER, click_step, settle, slow_messages, type_url
from tui.app.draft import load_draft, save_draft
from tui.app.steps.request import RequestStep
from tui.app.wizard import WizardApp, build_app
from tui.model.spec import InputSpec, RequestSpec, Spec

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


async def test_enter_in_the_url_field_fetches(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_url(pilot, api + "/users/42")
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_step == "explore"
        assert app.fetched is not None and app.fetched.document == USER


async def test_clicking_fetch_fetches(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_url(pilot, api + "/users/42")
        assert await pilot.click("#fetch")
        await settle(pilot)
        assert app.current_step == "explore"
        assert app.fetched is not None and app.fetched.document == USER


async def test_clicking_run_test_runs_it(api: str) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_url(pilot, api + "/users/42")
        await pilot.press("enter")
        await settle(pilot)
        app.query_one("#path-input").focus()
        await pilot.press(*"$.name", "enter")
        await click_step(pilot, "test")
        assert app.current_step == "test"
        assert await pilot.click("#run-test")
        await settle(pilot)
        status = str(app.query_one("#test-status", Static).render())
        assert "Test passed" in status, status


@pytest.mark.parametrize("key", ["enter", "ctrl+f"])
async def test_fetch_right_after_typing_on_a_busy_machine_uses_the_whole_url(
    api: str, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    slow_messages(monkeypatch, RequestStep, Input.Changed, 0.1)
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one("#url", Input).focus()
        await pilot.press(*(api + "/users/42"), key)  # typed and fetched in one go
        await settle(pilot)
        assert app.fetched is not None and app.fetched.url == api + "/users/42"
        assert app.fetched.document == USER


async def test_name_typed_then_quit_at_once_is_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    slow_messages(monkeypatch, RequestStep, Input.Changed, 0.1)
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_url(pilot, "https://api.example.com/x")
        box = app.query_one("#action-name", Input)
        box.focus()
        box.value = ""
        await pilot.press(*"Quick name", "ctrl+q")
    draft = load_draft()
    assert draft is not None and draft.name == "Quick name"


async def test_resuming_on_a_busy_machine_keeps_the_drafts_name(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_draft(
        Spec(
            name="Weather for Paris",
            request=RequestSpec(url="https://api.example.com/w/${input.city}"),
            inputs=[InputSpec(name="city", sample="Paris")],
        )
    )
    slow_messages(monkeypatch, RequestStep, Input.Changed, 0.1)
    app = build_app(resume=True)
    assert isinstance(app, WizardApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # "Resume" at once, while the fields are still mounting
        await settle(pilot)
        await pilot.pause(0.5)
        assert app.spec.name == "Weather for Paris"
        assert app.query_one("#action-name", Input).value == "Weather for Paris"
    draft = load_draft()
    assert draft is not None and draft.name == "Weather for Paris"
