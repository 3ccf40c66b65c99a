"""Sample URLs survive restarts: they are rebased onto the running samples sandbox."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.app.app_helpers import fetch, settle
from tui.app.draft import save_draft
from tui.app.samples import is_sample_url, rebase_sample_url, samples_dir, start_samples_sandbox
from tui.app.wizard import WizardApp, build_app
from tui.model.spec import RequestSpec, Spec

SIZE = (120, 40)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:41234/samples/weather_current.json", True),
        ("http://localhost:8787/samples/x.json?city=${input.city}", True),
        ("https://127.0.0.1:8787/samples/x.json", False),
        ("http://api.example.com/samples/x.json", False),
        ("http://127.0.0.1:8787/other/x.json", False),
        ("", False),
    ],
)
def test_sample_urls_are_recognised(url: str, expected: bool) -> None:
    assert is_sample_url(url) is expected


def test_rebase_keeps_path_and_query() -> None:
    url = "http://127.0.0.1:41234/samples/x.json?q=${input.q}"
    assert rebase_sample_url(url, "http://127.0.0.1:8787") == (
        "http://127.0.0.1:8787/samples/x.json?q=${input.q}"
    )


def test_samples_sandbox_falls_back_to_any_port_when_the_port_is_taken(tmp_path: Path) -> None:
    folder = samples_dir()
    assert folder is not None
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = start_samples_sandbox(folder, tmp_path, port=port)
        try:
            assert server.port not in (0, port)
        finally:
            server.stop()


@pytest.mark.anyio
async def test_a_saved_sample_url_with_a_dead_port_is_rebased_on_load(isolated: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}/samples/weather_current.json"
    saved = isolated / "saved.yaml"
    save_draft(Spec(name="Weather", request=RequestSpec(url=dead)), saved)
    app = build_app(str(saved))
    assert isinstance(app, WizardApp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.sandbox is not None
        expected = f"{app.sandbox.url}/samples/weather_current.json"
        assert app.spec.request.url == expected
        assert app.query_one("#url", Input).value == expected
        await fetch(pilot)
        assert app.fetched is not None and app.fetched.status == 200
        assert app.fetched.document["name"] == "London"


@pytest.mark.anyio
async def test_no_response_is_said_instead_of_an_empty_tree(isolated: Path) -> None:
    spec = Spec(name="t", request=RequestSpec(url=f"http://127.0.0.1:{free_port()}/x"))
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        assert app.fetched is not None and app.fetched.status is None
        label = str(app.query_one("#tree").root.label)
        assert "no response yet" in label and "keys" not in label


async def choose_sample(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+l")
    await settle(pilot)
    options = pilot.app.screen.query_one("#choices")
    names = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
    options.highlighted = names.index(name)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.anyio
@pytest.mark.parametrize("answer", ["replace", "keep"])
async def test_loading_a_sample_over_a_typed_url_asks_first(
    api: str, isolated: Path, answer: str
) -> None:
    from tui.model.spec import InputSpec

    typed = api + "/users/${input.userId}?x=${input.tmp}"
    spec = Spec(
        name="t",
        request=RequestSpec(url=typed),
        inputs=[InputSpec(name="userId", sample="42"), InputSpec(name="tmp")],
    )
    app = WizardApp(spec)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await choose_sample(pilot, "weather_current.json")
        options = app.screen.query_one("#choices")
        keys = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        assert keys == ["replace", "keep"]
        options.highlighted = keys.index(answer)
        await pilot.press("enter")
        await settle(pilot)
        if answer == "keep":
            assert app.spec.request.url == typed
            assert [i.name for i in app.spec.inputs] == ["userId", "tmp"]
            return
        assert app.spec.request.url == f"{app.sandbox.url}/samples/weather_current.json"
        assert [i.name for i in app.spec.inputs] == ["userId"]  # tmp had no sample value
        row = app.query_one("#inputs").get_row("userId")
        assert "unused" in str(row[0])
