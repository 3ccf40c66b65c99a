"""Wizard behaviour around the flow: drafts and resume, files, exports, editing, start-up cost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input

from tests.app.app_helpers import fetch, search, set_sample, settle, type_url
from tui.app.draft import load_draft, peek_draft, save_draft
from tui.app.steps.request import METHODS
from tui.app.wizard import WizardApp, build_app
from tui.model.action import METHODS as WIRE_METHODS
from tui.model.formats import load
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def test_methods_match_the_wire_model() -> None:
    assert set(METHODS) == set(WIRE_METHODS)


async def test_every_change_is_saved_without_secrets(api: str, isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        assert "sandbox" in app.sub_title
        await type_url(pilot, api + "/users/${input.userId}")
        app.query_one("#auth-kind").value = "bearer"
        await pilot.pause()
        app.query_one("#auth-secret", Input).value = "tok-123-very-secret"
        await pilot.pause()
        assert app.secrets == {"token": "tok-123-very-secret"}
    draft = (isolated / "draft.yaml").read_text()
    assert "${input.userId}" in draft and "Bearer ${credentials.token}" in draft
    assert "tok-123-very-secret" not in draft


async def test_literal_secret_headers_are_refused(isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.query_one("#headers").focus()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Authorization"
        app.screen.query_one("#field-value", Input).value = "Bearer abc123"
        await pilot.click("#ok")
        await pilot.pause()
        assert "Authorization" not in app.spec.request.headers


async def test_resume_offer_restores_the_draft(isolated: Path) -> None:
    save_draft(
        Spec(
            name="Weather",
            request=RequestSpec(url="https://api.example.com/w/${input.city}"),
            inputs=[InputSpec(name="city", sample="Paris")],
        )
    )
    app = build_app(resume=True)
    assert isinstance(app, WizardApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # "Resume 'Weather'"
        await pilot.pause()
        assert app.query_one("#url", Input).value == "https://api.example.com/w/${input.city}"
        assert app.query_one("#action-name", Input).value == "Weather"
        table = app.query_one("#inputs", DataTable)
        assert [str(c) for c in table.get_row_at(0)][:3] == ["city", "string", "Paris"]


class KeysWhileStarting(WizardApp):
    """Keys the terminal delivers while the wizard mounts (typed right after launch): they
    are queued behind the resume offer, as the driver queues them."""

    CSS_PATH = Path(sys.modules[WizardApp.__module__].__file__ or "").with_name("wizard.tcss")

    def on_mount(self) -> None:
        super().on_mount()
        self.post_message(events.Key("enter", "\r"))  # "Resume 'Weather'"


async def test_keys_typed_during_start_up_reach_the_resume_offer(isolated: Path) -> None:
    save_draft(Spec(name="Weather", request=RequestSpec(url="https://api.example.com/w")))
    peeked = peek_draft()
    app = KeysWhileStarting(offer_resume=peeked)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ModalScreen)  # Enter chose "Resume"
        assert app.query_one("#url", Input).value == "https://api.example.com/w"
        assert app.query_one("#action-name", Input).value == "Weather"


async def test_starting_new_keeps_the_draft_until_the_first_change(isolated: Path) -> None:
    save_draft(Spec(name="Old", request=RequestSpec(url="https://old.example/")))
    app = build_app(resume=True)
    assert isinstance(app, WizardApp)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # "Start a new action"
        await pilot.pause()
        assert app.query_one("#url", Input).value == ""
    assert load_draft() is not None and load_draft().name == "Old"


def test_a_broken_file_is_explained_with_its_place(isolated: Path) -> None:
    bad = isolated / "bad.yaml"
    bad.write_text("name: x\nrequest:\n  method: FETCH\n  url: https://a\n")
    message = build_app(str(bad))
    assert isinstance(message, str) and "bad.yaml" in message and "method" in message


async def test_edit_a_saved_spec_then_export_every_format(api: str, isolated: Path) -> None:
    spec_file = isolated / "user.yaml"
    save_draft(
        Spec(
            name="Get user",
            integration_type="purecloud-data-actions",  # not what the URL suggests: kept anyway
            request=RequestSpec(url=api + "/users/${input.userId}"),
            inputs=[InputSpec(name="userId", sample="42")],
            outputs=[OutputSpec(name="city", path="$.profile.address.city")],
        ),
        spec_file,
    )
    app = build_app(str(spec_file))
    assert isinstance(app, WizardApp)
    app.export_dir = isolated / "out"
    app.export_dir.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        table = app.query_one("#mappings", DataTable)
        table.focus()
        await pilot.press("enter")  # edit the mapping
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "town"
        app.screen.query_one("#field-default", Input).value = '"unknown"'
        await pilot.click("#ok")
        await pilot.pause()
        assert [(o.name, o.default) for o in app.spec.outputs] == [("town", '"unknown"')]
        await pilot.press("f4")
        await pilot.pause()
        for button in ("#export-spec", "#export-custom", "#export-hcl"):
            await pilot.click(button)
            await pilot.pause()
            # It asks where, prefilled with the export folder; Enter accepts.
            assert str(app.export_dir) in app.screen.query_one("#field-path", Input).value
            await pilot.press("enter")
            await pilot.pause()
    written = sorted(p.name for p in app.export_dir.iterdir())
    assert len(written) == 3
    for path in app.export_dir.iterdir():
        loaded = load(path)
        assert loaded.action.response.translation_map == {"town": "$.profile.address.city"}
        assert loaded.action.response.translation_map_defaults == {"town": '"unknown"'}
        assert loaded.integration_type == app.spec.integration_type  # every format keeps it


async def test_basic_auth_secret_reaches_the_fetch_only(api_server, isolated: Path) -> None:
    """Basic auth: the server sees the typed user:password; the spec keeps no header at all."""
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_url(pilot, f"{api_server.url}/private")
        app.query_one("#auth-kind").value = "basic"
        await pilot.pause()
        app.query_one("#auth-secret", Input).value = "ada:pw"
        await pilot.pause()
        await fetch(pilot)
        assert app.fetched is not None and app.fetched.status == 200
        assert app.fetched.document == {"secret": "data"}
        assert app.spec.request.headers == {}
    assert "ada:pw" not in (isolated / "draft.yaml").read_text()


async def test_test_step_runs_live_too(api: str, isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_url(pilot, api + "/users/${input.userId}")
        await set_sample(pilot, 0, "42")
        await pilot.press("f5")
        await pilot.pause()
        app.query_one("#test-mode").value = "live"
        await pilot.press("ctrl+t")
        await settle(pilot)
        steps = app.query_one("#test-steps", DataTable)
        names = [str(steps.get_row_at(i)[1]) for i in range(steps.row_count)]
        assert "Execute request" in names and "Flatten output" in names


async def test_palette_commands(isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
    for wanted in (
        "Go to Request",
        "Go to Explore & map",
        "Go to Deploy",
        "Fetch the sample response",
        "Run test",
        "Export Terraform",
        "Load a sample response",
        "Help for this step",
    ):
        assert wanted in titles


def test_first_screen_loads_neither_the_sdk_nor_pydantic(isolated: Path) -> None:
    probe = (
        "import sys\n"
        "from tui.app.wizard import WizardApp\n"
        "def on_ready(self):\n"
        "    print(sorted(m for m in ('PureCloudPlatformClientV2', 'pydantic', 'httpx') "
        "if m in sys.modules))\n"
        "    self.exit()\n"
        "WizardApp.on_ready = on_ready\n"
        "WizardApp().run(headless=True)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip().splitlines()[0] == "[]", out.stdout + out.stderr


async def test_map_an_array_item_by_a_filter(api: str, isolated: Path) -> None:
    app = WizardApp(
        Spec(
            name="Phones",
            request=RequestSpec(url=api + "/users/${input.userId}"),
            inputs=[InputSpec(name="userId", sample="42")],
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await search(pilot, "+44 20 7946 0002")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # "the element matching a filter"
        await pilot.pause()
        await pilot.click("#ok")  # accept the suggested filter
        await pilot.pause()
        (out,) = app.spec.outputs
        assert (out.path, out.type) == ("$.phones[?(@.type == 'work')].number", "string")
        await pilot.press("ctrl+t")
        await settle(pilot)
        step = app.query_one("#test-steps", DataTable)
        assert all("pass" in str(step.get_row_at(i)[2]) for i in range(step.row_count))
        assert '"+44 20 7946 0002"' in str(app.query_one("#test-output").render())


async def test_deploy_refuses_an_invalid_action(isolated: Path) -> None:
    """No credentials: the embedded sandbox is the target; a broken path stops the deploy."""
    app = WizardApp(
        Spec(
            name="Broken",
            request=RequestSpec(url="https://api.example.com/x"),
            outputs=[OutputSpec(name="bad", path="$.a[?(@.b ==")],
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        assert not app.query_one("#deploy-button").disabled
        await pilot.press("ctrl+g")
        await settle(pilot)
        result = str(app.query_one("#deploy-result").render())
        assert "Not deployed" in result and "bad" in result, result


async def test_search_next_previous_and_copy_path(api: str, isolated: Path) -> None:
    app = WizardApp(
        Spec(
            name="Phones",
            request=RequestSpec(url=api + "/users/${input.userId}"),
            inputs=[InputSpec(name="userId", sample="42")],
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await search(pilot, "+44")
        tree = app.query_one("#tree")
        assert tree.cursor_node.data.path == "$.phones[0].number"
        await pilot.press("n")
        await pilot.pause()
        assert tree.cursor_node.data.path == "$.phones[1].number"
        await pilot.press("N", "N")
        await pilot.pause()
        assert tree.cursor_node.data.path == "$.phones[1].number"  # wraps around
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == "$.phones[1].number"
        assert "$.phones[1].number" in str(app.query_one("#node-path").render())


async def test_start_from_a_sample_served_by_the_sandbox(isolated: Path) -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await settle(pilot)
        options = app.screen.query_one("#choices")
        names = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        assert "weather_current.json" in names and "README.md" not in names
        options.highlighted = names.index("weather_current.json")
        await pilot.press("enter")
        await pilot.pause()
        assert app.spec.request.url.endswith("/samples/weather_current.json")
        await fetch(pilot)
        assert app.fetched is not None and app.fetched.status == 200
        assert app.fetched.document["name"] == "London"


async def test_open_a_saved_spec_from_the_palette_key(isolated: Path) -> None:
    saved = isolated / "saved.yaml"
    save_draft(Spec(name="Saved one", request=RequestSpec(url="https://saved.example/")), saved)
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#field-path", Input).value = str(saved)
        await pilot.click("#ok")
        await pilot.pause()
        assert app.query_one("#url", Input).value == "https://saved.example/"
        assert app.spec.name == "Saved one"


async def test_clicking_a_step_name_opens_that_step(isolated: Path) -> None:
    from tui.app.stepbar import StepBar

    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        bar = app.query_one(StepBar)
        start, _, key = next(span for span in bar.spans() if span[2] == "review")
        await pilot.click(StepBar, offset=(start + 2 + bar.styles.padding.left, 0))
        await pilot.pause()
        assert app.current_step == key
        assert app.query_one("#review").display and not app.query_one("#request").display
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_step == "request" and app.focused is app.query_one("#url")
