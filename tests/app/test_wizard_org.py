"""The org's existing actions and integrations in the wizard, against the sandbox a user
started (`dataaction sandbox`): open, test in the org, diff, new version; a new integration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from tests.app.app_helpers import palette, set_sample, settle
from tui.app.wizard import WizardApp
from tui.model.spec import Spec

pytestmark = pytest.mark.anyio
SIZE = (120, 40)
DATAACTION = str(Path(sys.executable).with_name("dataaction"))


def deploy_with_cli(tmp_path: Path, name: str, url: str) -> None:
    spec = tmp_path / "existing.yaml"
    spec.write_text(
        f"name: {name}\ncategory: Customers\nrequest:\n  url: {url}/users/$esc.url(${{input.userId}})\n"
        "inputs: [{name: userId, sample: '42'}]\n"
        "outputs: [{name: name, path: $.name}]\n"
    )
    # Its own integration: the shared sandbox org also holds other tests' OAuth integrations,
    # whose login servers are gone by now.
    home = f"Customers {uuid.uuid4().hex[:6]}"
    made = subprocess.run(
        [DATAACTION, "integration", "create", home, "--credential-type", "basicAuth", "--json"],
        env={
            **os.environ,
            "DATAACTION_CREDENTIAL_USERNAME": "u",
            "DATAACTION_CREDENTIAL_PASSWORD": "p",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    home_id = json.loads(made.stdout)["integration"]["id"]
    proc = subprocess.run(
        [DATAACTION, "deploy", str(spec), "--integration", home_id],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


async def test_open_test_diff_and_deploy_a_new_version(org, api: str, isolated: Path) -> None:
    name = f"Org customer {uuid.uuid4().hex[:6]}"
    deploy_with_cli(isolated, name, api)
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Open an action from the org")
        table = app.screen.query_one("#org-table", DataTable)
        app.screen.query_one("#org-search", Input).focus()
        await pilot.press(*name.split()[-1])
        await pilot.pause()
        assert table.row_count == 1
        row = [str(c) for c in table.get_row_at(0)]
        # The integration column names it (the shared sandbox org may hold several).
        listing = subprocess.run(
            [DATAACTION, "integration", "list", "--json"],
            capture_output=True,
            text=True,
            env=os.environ,
            check=True,
        ).stdout
        names = {i["name"] for i in json.loads(listing)}
        assert (row[0], row[1], row[3]) == (name, "Customers", "1") and row[2] in names
        await pilot.click("#org-open")
        await settle(pilot)
        assert app.spec.name == name and [o.path for o in app.spec.outputs] == ["$.name"]
        assert app.org_origin is not None and app.org_origin.version == 1

        await pilot.press("f2")  # the org keeps no sample values: give userId one, as a person does
        await settle(pilot)
        await set_sample(pilot, 0, "42")
        await palette(pilot, "Test in the org")
        status = str(app.query_one("#test-status", Static).render())
        assert "Test passed" in status, status

        app.change_spec(lambda s: setattr(s.outputs[0], "default", '"nobody"'))
        await pilot.press("f6")
        await settle(pilot)
        await pilot.click("#deploy-button")
        await settle(pilot)
        explanation = str(app.screen.query(Static).last().render())
        assert "translationMapDefaults" in explanation  # the diff, before anything is written
        await pilot.press("enter")  # update it
        await settle(pilot)
        result = str(app.query_one("#deploy-result", Static).render())
        assert f"Updated: '{name}' version 2" in result, result

        # A contract change cannot be made in place: the wizard says so and offers a new id.
        app.change_spec(lambda s: setattr(s.outputs[0], "type", "integer"))
        await pilot.click("#deploy-button")
        await settle(pilot)
        choices = str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
        assert "contract changed" in choices
        await pilot.press("escape")


async def test_the_start_screen_offers_the_org(org, isolated: Path) -> None:
    app = WizardApp(offer_resume=Spec(name="Old draft"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Open an action from the org" in prompts
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.screen.query("#org-table")


async def test_new_integration_with_its_credential_from_deploy(org, isolated: Path) -> None:
    app = WizardApp()
    name = f"Billing {uuid.uuid4().hex[:6]}"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await settle(pilot)
        await pilot.click("#new-integration")
        await settle(pilot)
        app.screen.query_one("#int-name", Input).focus()
        await pilot.press(*name)
        app.screen.query_one("#int-userName", Input).focus()
        await pilot.press(*"ann")
        app.screen.query_one("#int-password", Input).focus()
        await pilot.press(*"pw-SECRET-7")
        await pilot.click("#int-create")
        await settle(pilot)
        await settle(pilot)
        chosen = app.query_one("#integration", Select)
        assert app.spec.integration_id and chosen.value == app.spec.integration_id
        log = "\n".join(str(line) for line in app.query_one("#deploy-log").lines)
        assert "pw-SECRET-7" not in log
    assert "pw-SECRET-7" not in (isolated / "draft.yaml").read_text()
    listing = subprocess.run(
        [DATAACTION, "integration", "list"],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert f"{name}  (custom-rest-actions, enabled, basicAuth" in listing.stdout
