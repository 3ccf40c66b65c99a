"""Resume keeps the last fetched response: Explore shows it (said to be stale), the mappings
preview on it and Review checks edits against it, with no new fetch. The file it lives in is
private, capped and holds no secret."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, TextArea

from tests.app.app_helpers import USER, click_step, fetch, settle
from tests.app.test_review_edits import SIZE, checked, click_editor, shown, user_spec
from tui.app.last_response import response_path
from tui.app.wizard import WizardApp, build_app
from tui.model.spec import RequestSpec

pytestmark = pytest.mark.anyio
SECRET = "tok-NEVER-stored-7731"
EDITED = '{"name": ${name}, "score": ${score}, "level": "high"}'


def secret_spec(api: str) -> object:
    """The user API called with a credential in a header and in the query string."""
    spec = user_spec(api)
    spec.request = RequestSpec(
        url=api + "/users/42?key=${credentials.token}",
        headers={"Authorization": "Bearer ${credentials.token}"},
    )
    return spec


async def test_resume_keeps_the_fetched_response(api: str, isolated: Path) -> None:
    app = WizardApp(secret_spec(api))  # type: ignore[arg-type]
    app.secrets["token"] = SECRET
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        assert app.fetched is not None and app.fetched.status == 200
        await click_step(pilot, "review")
        await click_editor(pilot, "successTemplate")
        await pilot.press("end", "left", *', "level": "high"')
        await checked(pilot)
        assert app.spec.success_template == EDITED
        await pilot.press("ctrl+q")

    kept = response_path(isolated / "draft.yaml")
    assert kept.stat().st_mode & 0o777 == 0o600
    text = kept.read_text()
    assert SECRET not in text and "Authorization" not in text and "Bearer" not in text
    assert "Ada Lovelace" in text

    again = build_app(resume=True)
    assert isinstance(again, WizardApp)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # "Resume 'User'"
        await settle(pilot)
        await click_step(pilot, "explore")
        status = shown(again, "#fetch-status")
        assert "Still showing the last good response (stale:" in status, status
        assert "press ctrl+f to fetch it again" in status and SECRET not in status
        assert again.fetched is not None and again.fetched.document == USER
        rows = again.query_one("#mappings", DataTable)
        values = [str(rows.get_row_at(i)[-1]) for i in range(rows.row_count)]
        assert values == ['"Ada Lovelace"', "98.5"], values

        await click_step(pilot, "review")
        assert again.query_one("#edit-successTemplate", TextArea).text == EDITED
        assert "✔ Valid" in shown(again, "#problems")
        editor = await click_editor(pilot, "successTemplate")
        editor.select_all()
        await pilot.press("delete", *'{"name": ${name}, "score": "${score}"}')
        await checked(pilot)
        status = shown(again, "#edit-status")  # the run on the kept sample refuses it
        assert "not applied" in status and "not of type 'number'" in status, status
        assert again.spec.success_template == EDITED  # the refused edit is not applied


async def test_a_new_action_forgets_the_kept_response(api: str, isolated: Path) -> None:
    app = WizardApp(user_spec(api))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        await pilot.press("ctrl+q")
    kept = response_path(isolated / "draft.yaml")
    assert kept.exists()
    again = build_app(resume=True)
    assert isinstance(again, WizardApp)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # "Start a new action"
        await settle(pilot)
        await pilot.press(*"x")  # the first change saves the new draft
        again.save()
        await settle(pilot)
        assert not kept.exists()
        await click_step(pilot, "explore")
        assert "Nothing fetched yet" in str(again.query_one("#fetch-status", Static).render())


def test_a_response_over_the_file_limit_is_not_kept(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app.last_response import load_response, save_response
    from tui.runtime.fetch import FetchResult, classify_body

    result = FetchResult(status=200, headers={"content-type": "application/json"})
    result.body = json.dumps(USER).encode()
    classify_body(result)
    draft = isolated / "draft.yaml"
    assert save_response(result, "https://api.example.com/u", "2026-01-01 10:00:00", draft)
    loaded = load_response(draft)
    assert loaded is not None and loaded[0].document == USER
    assert loaded[1] == "2026-01-01 10:00:00"
    monkeypatch.setenv("DATAACTION_MAX_FILE_BYTES", "100")
    assert load_response(draft) is None  # reading is capped too
    assert not save_response(result, "https://api.example.com/u", "now", draft)
    assert not response_path(draft).exists()
