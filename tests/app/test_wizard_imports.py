"""The wizard starts from curl and OpenAPI, copies the request as curl and saves CI cases,
driven as a person drives it: paste, type, the palette, clicks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList, TextArea

from tests.app.app_helpers import palette, settle
from tui.app.url_input import CURL_START, UrlInput
from tui.app.wizard import WizardApp
from tui.model.curl_import import looks_like_curl

pytestmark = pytest.mark.anyio
SIZE = (120, 40)
OPENAPI = Path(__file__).parents[1] / "model" / "openapi"


def test_paste_detection_matches_the_model() -> None:
    for text in ("curl x", " $ curl -X", "curl.exe a", "curly x", "https://curl.se", "xcurl a"):
        assert bool(CURL_START.match(text)) == looks_like_curl(text), text


async def test_pasting_curl_in_the_url_field_fills_the_request(api: str, isolated: Path) -> None:
    app = WizardApp()
    command = (
        f"curl -X GET '{api}/users/{{userId}}' \\\n"
        "  -H 'Accept: application/json' \\\n  -H 'Authorization: Bearer tok-PASTED-secret'"
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        url = app.query_one("#url", UrlInput)
        url.focus()
        url.post_message(events.Paste(command))  # what a terminal's bracketed paste delivers
        await settle(pilot)
        assert app.spec.request.url == api + "/users/$esc.url(${input.userId})"
        assert app.spec.request.headers["Authorization"] == "Bearer ${credentials.token}"
        assert app.secrets == {"token": "tok-PASTED-secret"}
        assert str(app.query_one("#auth-kind").value) == "bearer"
        assert [i.name for i in app.spec.inputs] == ["userId"]
    draft = (isolated / "draft.yaml").read_text()
    assert "tok-PASTED-secret" not in draft and "${credentials.token}" in draft


async def test_typed_curl_and_enter_imports_instead_of_fetching(api: str, isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one("#url", Input).focus()
        await pilot.press(*f"curl -u ada:pw {api}/private", "enter")
        await settle(pilot)
        assert app.spec.request.url == api + "/private"
        assert app.fetched is None and app.current_step == "request"
        assert app.secrets == {"userName": "ada", "password": "pw"}
        assert str(app.query_one("#auth-kind").value) == "basic"
        await pilot.press("ctrl+f")  # the session's secrets make the fetch work
        await settle(pilot)
        assert app.fetched is not None and app.fetched.status == 200


async def test_palette_imports_curl_and_copies_it_back(api: str, isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Import a curl command")
        area = app.screen.query_one("#curl-text", TextArea)
        area.insert(f"curl {api}/users/42 -H 'X-API-Key: key-SECRET-9'")
        await pilot.click("#curl-import")
        await settle(pilot)
        assert app.spec.request.headers["X-API-Key"] == "${credentials.apiKey}"
        await palette(pilot, "Copy the request as curl")
        shown = app.screen.query_one("#shown-text", TextArea).text
        assert f"  {api}/users/42 " in shown and "X-API-Key: YOUR_API_KEY" in shown
        assert "key-SECRET-9" not in shown
        await pilot.click("#text-close")
        await pilot.pause()
        assert not app.screen.query("#shown-text")


async def test_openapi_dialog_picks_an_operation_and_maps_its_sample(isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Start from an OpenAPI description")
        app.screen.query_one("#oa-source", Input).focus()
        await pilot.press(*str(OPENAPI / "petstore-3.0.yaml"))
        await pilot.click("#oa-load")
        await settle(pilot)
        ops = app.screen.query_one("#ops", OptionList)
        assert ops.option_count == 3
        app.screen.query_one("#oa-search", Input).focus()
        await pilot.press(*"specific")
        await pilot.pause()
        assert ops.option_count == 1
        await pilot.click("#oa-use")
        await settle(pilot)
        assert app.spec.name == "Info for a specific pet"
        assert [i.name for i in app.spec.inputs] == ["petId"]
        assert app.current_step == "explore"
        assert app.fetched is not None and app.fetched.document == {
            "id": 7,
            "name": "Rex",
            "tag": "string",
        }


async def test_a_test_run_saved_as_a_case_passes_in_ci(api: str, isolated: Path) -> None:
    app = WizardApp(export_dir=isolated)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one("#url", Input).focus()
        await pilot.press(*f"curl {api}/users/42", "enter")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.click("#save-case")
        await pilot.pause()
        await pilot.press("enter")  # the form's defaults: name and NAME.cases.yaml here
        await settle(pilot)
    cases = list(isolated.glob("*.cases.yaml"))
    assert len(cases) == 1
    run = subprocess.run(
        [str(Path(sys.executable).with_name("dataaction")), "test", "--suite", str(isolated)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed, 0 failed" in run.stdout
