"""Deploy step → Save draft, clicked as a person does: the org holds a validated draft and no
new published version; Deploy then publishes that draft. Checked with the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.app.app_helpers import click_step, palette, settle
from tui.app.wizard import WizardApp
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec

pytestmark = pytest.mark.anyio
SIZE = (120, 40)
DATAACTION = str(Path(sys.executable).with_name("dataaction"))


def dataaction(*args: str) -> dict:
    proc = subprocess.run(
        [DATAACTION, *args, "--json"],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def drafts_named(name: str, *flags: str) -> list[dict]:
    return [d for d in dataaction("drafts", *flags)["drafts"] if d["name"] == name]


def spec(name: str, api: str, out_type: str = "string") -> Spec:
    return Spec(
        name=name,
        category="Drafts",
        request=RequestSpec(url=api + "/users/$esc.url(${input.userId})"),
        inputs=[InputSpec(name="userId", sample="42")],
        outputs=[OutputSpec(name="name", path="$.name", type=out_type)],
    )


def published(name: str, tmp: Path, api: str, *flags: str) -> dict:
    """The plan entry a plain deploy of the same action would show (version, pending draft)."""
    f = tmp / f"{uuid.uuid4().hex[:6]}.yaml"
    f.write_text(spec(name, api).model_dump_json())
    return dataaction("deploy", str(f), "--dry-run", *flags)["plan"][0]


def result_text(app: WizardApp) -> str:
    return str(app.query_one("#deploy-result", Static).render())


async def test_save_draft_of_a_new_action_then_deploy_publishes_it(
    org, api: str, isolated: Path
) -> None:
    name = f"Wizard draft {uuid.uuid4().hex[:6]}"
    app = WizardApp(spec(name, api))
    async with app.run_test(size=SIZE) as pilot:
        await click_step(pilot, "deploy")
        await settle(pilot)
        assert not app.query_one("#save-draft-button").disabled
        await pilot.click("#save-draft-button")
        await settle(pilot)
        text = result_text(app)
        assert f"Draft saved: '{name}' (draft version 1), not published" in text, text
        assert "draft validation: valid" in text and "Nothing is published yet" in text
        [draft] = drafts_named(name)
        assert draft["id"] in text
        plan = published(name, isolated, api)
        assert (plan["change"], plan["id"], plan["draft_id"]) == ("create", None, draft["id"])

        await pilot.click("#deploy-button")
        await settle(pilot)
        assert f"Created: '{name}' version 1" in result_text(app)
        assert f"action id {draft['id']}" in result_text(app)
        assert drafts_named(name) == []


async def test_save_draft_on_a_published_action_keeps_the_published_version(
    org, api: str, isolated: Path
) -> None:
    name = f"Wizard live {uuid.uuid4().hex[:6]}"
    app = WizardApp(spec(name, api))
    async with app.run_test(size=SIZE) as pilot:
        await click_step(pilot, "deploy")
        await settle(pilot)
        await pilot.press("ctrl+g")  # the shortcut publishes version 1
        await settle(pilot)
        assert f"Created: '{name}' version 1" in result_text(app)

        app.change_spec(lambda s: setattr(s.outputs[0], "type", "integer"))
        await pilot.click("#save-draft-button")
        await settle(pilot)
        dialog = str(app.screen.query_one(".dialog-title").render())
        assert "already exists (published version 1)" in dialog
        assert "publishing this draft will be refused" in str(
            app.screen.query(Static).last().render()
        )
        await pilot.press("enter")  # save a draft on it
        await settle(pilot)
        text = result_text(app)
        assert "Draft saved" in text and "Version 1 stays published" in text, text
        assert "publishing this draft will be refused" in text
        [draft] = drafts_named(name)
        plan = published(name, isolated, api)
        assert (plan["version"], plan["draft_id"]) == (1, draft["id"])

        await pilot.press("ctrl+d")  # the shortcut; the draft already holds it: no question
        await settle(pilot)
        assert "Draft unchanged" in result_text(app), result_text(app)


async def test_save_draft_in_the_embedded_sandbox(api: str, isolated: Path) -> None:
    """No credentials: the embedded sandbox (its database in DATAACTION_SANDBOX_DB)."""
    name = f"Embedded draft {uuid.uuid4().hex[:6]}"
    app = WizardApp(spec(name, api))
    async with app.run_test(size=SIZE) as pilot:
        await click_step(pilot, "deploy")
        await settle(pilot)
        await pilot.click("#save-draft-button")
        await settle(pilot)
        assert "Draft saved" in result_text(app), result_text(app)
    [draft] = drafts_named(name, "--sandbox")
    assert draft["version"] == 1
    assert published(name, isolated, api, "--sandbox")["change"] == "create"


async def test_save_draft_of_an_action_opened_from_the_org(org, api: str, isolated: Path) -> None:
    name = f"Wizard opened {uuid.uuid4().hex[:6]}"
    f = isolated / "live.yaml"
    f.write_text(spec(name, api).model_dump_json())
    first = dataaction("deploy", str(f))["results"][0]
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Open an action from the org")
        app.screen.query_one("#org-search", Input).focus()
        await pilot.press(*name.split()[-1])
        await pilot.pause()
        await pilot.click("#org-open")
        await settle(pilot)
        assert app.org_origin is not None and app.org_origin.action_id == first["id"]
        app.change_spec(lambda s: setattr(s.outputs[0], "default", '"nobody"'))
        await click_step(pilot, "deploy")
        await settle(pilot)
        await pilot.click("#save-draft-button")
        await settle(pilot)
        title = str(app.screen.query_one(".dialog-title").render())
        assert title == f"Save a draft of '{name}' (published version 1)?"
        assert "translationMapDefaults" in str(app.screen.query(Static).last().render())
        await pilot.press("enter")
        await settle(pilot)
        assert "Version 1 stays published" in result_text(app), result_text(app)
    [draft] = drafts_named(name)
    plan = published(name, isolated, api)
    assert (draft["id"], plan["version"], plan["change"]) == (first["id"], 1, "unchanged")
