"""Snapshots of every step, including error states, at a fixed 120x40 terminal.

The API is reached through a real loopback server acting as an HTTP proxy for `http://api.test`
(so no random port shows on screen), and fetch timings are pinned, so screens are repeatable.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

import tui.runtime.fetch as fetching
from tests.app.app_helpers import fetch, search, set_sample, settle, type_url
from tests.local_api import LocalAPI
from tui.app.wizard import WizardApp
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec

SIZE = (120, 40)
API = "http://api.test"


class PinnedClock:
    """perf_counter that advances 12 ms per call: fetch timings read "12 ms" on every run."""

    def __init__(self) -> None:
        self.ticks = itertools.count()

    def perf_counter(self) -> float:
        return next(self.ticks) * 0.012


@pytest.fixture(autouse=True)
def through_proxy(api_server: LocalAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", api_server.url)
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(fetching, "time", PinnedClock())


async def quiet(pilot: Pilot) -> None:
    """Drop toasts and stop cursors blinking (their timing varies: on a loaded machine half a
    second passes before the screenshot, and a focused field's cursor was caught off), then let
    the screen repaint."""
    pilot.app.clear_notifications()
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


async def fetched_user(pilot: Pilot) -> None:
    await type_url(pilot, API + "/users/${input.userId}")
    await set_sample(pilot, 0, "42")
    await fetch(pilot)


async def mapped_user(pilot: Pilot) -> None:
    await fetched_user(pilot)
    await search(pilot, "city")
    await pilot.press("enter")
    await search(pilot, "+44 20 7946 0001")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    pilot.app.query_one("#path-input").focus()
    await pilot.press(*"$.name", "enter")
    await pilot.pause()


def test_request_first_screen(snap_compare) -> None:
    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=quiet)


def test_request_post_with_inputs_and_auth(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await type_url(pilot, API + "/search/${input.team}?limit=${input.limit}")
        app = pilot.app
        app.query_one("#method").value = "POST"
        app.query_one("#auth-kind").value = "bearer"
        await pilot.pause()
        app.query_one("#auth-secret", Input).value = "typed-but-never-saved"
        await set_sample(pilot, 1, "10")
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_explore_tree_and_mappings(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await mapped_user(pilot)
        await search(pilot, "zip")
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_explore_array_choice(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await fetched_user(pilot)
        await search(pilot, "work")
        await quiet(pilot)  # before the dialog: toasts under a modal are not repainted
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_explore_bad_typed_path(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await fetched_user(pilot)
        pilot.app.query_one("#path-input").focus()
        await pilot.press(*"$.phones[?(@.type ==")
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize(
    "path", ["/html", "/empty", "/text", "/users/7"], ids=["html", "empty", "text", "not-found"]
)
def test_fetch_problem_explained(snap_compare, path: str) -> None:
    async def run_before(pilot: Pilot) -> None:
        await type_url(pilot, API + path)
        await fetch(pilot)
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_fetch_connection_refused(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HTTP_PROXY")

    async def run_before(pilot: Pilot) -> None:
        await type_url(pilot, "http://127.0.0.1:9/users")
        await fetch(pilot)
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_review(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await mapped_user(pilot)
        await pilot.press("f4")
        await pilot.pause()
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_test_passed(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await mapped_user(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_test_failed_path_not_found(snap_compare) -> None:
    spec = Spec(
        name="Broken path",
        request=RequestSpec(url=API + "/users/${input.userId}"),
        inputs=[InputSpec(name="userId", sample="42")],
        outputs=[OutputSpec(name="fax", path="$.fax.number")],
    )

    async def run_before(pilot: Pilot) -> None:
        await fetch(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await quiet(pilot)

    assert snap_compare(WizardApp(spec), terminal_size=SIZE, run_before=run_before)


def test_test_without_sample(snap_compare) -> None:
    assert snap_compare(WizardApp(), terminal_size=SIZE, press=["ctrl+t"])


def test_deploy_unreachable_org(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HTTP_PROXY")
    monkeypatch.setenv("GENESYS_ENVIRONMENT", "http://127.0.0.1:9")
    monkeypatch.setenv("GENESYS_CLIENT_ID", "someone")
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", "not-a-real-secret")

    async def run_before(pilot: Pilot) -> None:
        await pilot.press("f6")
        await settle(pilot)
        await quiet(pilot)

    assert snap_compare(WizardApp(), terminal_size=SIZE, run_before=run_before)


def test_help_for_explore(snap_compare) -> None:
    assert snap_compare(WizardApp(), terminal_size=SIZE, press=["f3", "f1"])


def test_resume_offer(snap_compare, isolated: Path) -> None:
    draft = Spec(name="Weather", request=RequestSpec(url="https://api.example.com/w"))
    assert snap_compare(WizardApp(offer_resume=draft), terminal_size=SIZE)
