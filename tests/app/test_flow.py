"""End to end: URL → fetch → map three fields → test → deploy to a sandbox → read it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.app.app_helpers import USER, fetch, search, set_sample, settle, type_url
from tui.app.draft import load_draft
from tui.app.wizard import WizardApp
from tui.runtime.jsonpath import compile_path
from tui.sandbox import ClientSpec, SandboxServer

pytestmark = pytest.mark.anyio

CLIENT_ID, CLIENT_SECRET = "wizard-client", "wizard-secret-value"
SIZE = (120, 40)


async def map_three_fields(pilot) -> None:
    """A nested field (search + Enter), an array element ([0]) and a hand-typed path."""
    await search(pilot, "city")
    await pilot.press("enter")  # a scalar: mapped at once
    await pilot.pause()
    await search(pilot, "+44 20 7946 0001")
    await pilot.press("enter")  # inside an array: choose the element
    await pilot.pause()
    await pilot.press("enter")  # the highlighted first choice: "first element" [0]
    await pilot.pause()
    pilot.app.query_one("#path-input").focus()
    await pilot.press(*"$.name", "enter")
    await pilot.pause()


async def test_url_to_deployed_action(
    api: str, isolated: Path, monkeypatch: pytest.MonkeyPatch, read_back
) -> None:
    with SandboxServer(
        isolated / "sandbox.db", clients=[ClientSpec(CLIENT_ID, CLIENT_SECRET)]
    ) as sandbox:
        monkeypatch.setenv("GENESYS_ENVIRONMENT", sandbox.url)
        monkeypatch.setenv("GENESYS_CLIENT_ID", CLIENT_ID)
        monkeypatch.setenv("GENESYS_CLIENT_SECRET", CLIENT_SECRET)
        app = WizardApp()
        async with app.run_test(size=SIZE) as pilot:
            await type_url(pilot, api + "/users/${input.userId}")
            assert [i.name for i in app.spec.inputs] == ["userId"]
            await set_sample(pilot, 0, "42")
            name_box = app.query_one("#action-name")
            name_box.value = "Get wizard user"
            await fetch(pilot)
            assert app.current_step == "explore"
            assert app.fetched is not None and app.fetched.document == USER

            await map_three_fields(pilot)
            outputs = {o.name: (o.path, o.type) for o in app.spec.outputs}
            assert outputs == {
                "city": ("$.profile.address.city", "string"),
                "number": ("$.phones[0].number", "string"),
                "name": ("$.name", "string"),
            }
            table = app.query_one("#mappings", DataTable)
            shown = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
            expected = [compile_path(p).evaluate(USER) for p, _ in outputs.values()]
            assert shown == [f'"{v}"' for v in expected]

            await pilot.press("ctrl+t")
            await settle(pilot)
            status = str(app.query_one("#test-status", Static).render())
            assert "Test passed" in status, status
            steps = app.query_one("#test-steps", DataTable)
            assert all("pass" in str(steps.get_row_at(i)[2]) for i in range(steps.row_count))

            await pilot.press("f6")
            await settle(pilot)
            assert not app.query_one("#deploy-button").disabled
            await pilot.click("#deploy-button")
            await settle(pilot)
            result = str(app.query_one("#deploy-result", Static).render())
            log = "\n".join(str(line) for line in app.query_one("#deploy-log").lines)
            assert "Created: 'Get wizard user' version 1" in result, log
            assert "Web Services Data Actions" in result

            # Deploy again after adding a default: the name exists, so the wizard asks.
            app.change_spec(lambda s: setattr(s.outputs[2], "default", '"nobody"'))
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert "already exists" in str(app.screen.query_one(".dialog-title").render())
            await pilot.press("enter")  # the first choice: update it
            await settle(pilot)
            result = str(app.query_one("#deploy-result", Static).render())
            assert "Updated: 'Get wizard user' version 2" in result, result

        action = read_back(sandbox.url, "Get wizard user", CLIENT_ID, CLIENT_SECRET)
        output_props = action["contract"]["output"]["successSchema"]["properties"]
        assert set(output_props) == {"city", "number", "name"}
        input_schema = action["contract"]["input"]["inputSchema"]
        assert input_schema["properties"]["userId"]["type"] == "string"
        assert action["config"]["response"]["translationMap"] == {
            "city": "$.profile.address.city",
            "number": "$.phones[0].number",
            "name": "$.name",
        }
        assert (
            action["config"]["request"]["requestUrlTemplate"]
            == api + "/users/$esc.url(${input.userId})"
        )
        assert action["config"]["response"]["translationMapDefaults"] == {"name": '"nobody"'}
        assert action["version"] == 2

    draft = load_draft()
    assert draft is not None and [o.name for o in draft.outputs] == ["city", "number", "name"]
    assert "secret" not in (isolated / "draft.yaml").read_text()
