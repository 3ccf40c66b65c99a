"""Ctrl-C saves a draft; editing the draft resumes and saving removes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plain.plain_helpers import CTRL_C, DOWN, ENTER, Driver, request_keys
from tui.model.formats import load


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_ctrl_c_saves_a_draft_and_edit_resumes_it(api: str, workdir: Path) -> None:
    url = api + "/users/${input.userId}"
    first = Driver(request_keys(url) + "address.city" + ENTER + ENTER + ENTER + CTRL_C)
    assert first.run() == 130
    draft = workdir / "untitled.draft.yaml"
    assert f"saved in {draft}" in first.text.replace("\n", " ")
    assert f"dataaction edit {draft} --plain" in first.text
    kept = load(draft).spec
    assert kept is not None
    assert kept.request.url == url
    assert [(i.name, i.type, i.sample) for i in kept.inputs] == [("userId", "integer", 42)]
    assert [(o.name, o.path) for o in kept.outputs] == [("city", "$.address.city")]

    resume = "".join(
        [
            ENTER + ENTER,  # method and URL kept
            ENTER + ENTER,  # keep the headers, add none
            ENTER,  # use the saved sample
            "Done" + ENTER,
            ENTER,  # name: the default
            DOWN + DOWN + ENTER,  # skip the test
            ENTER,  # save to the default path
            ENTER,  # no deploy
        ]
    )
    second = Driver(resume)
    assert second.run(str(draft)) == 0, second.text
    saved = load(workdir / "get-users.yaml")
    assert saved.action.response.translation_map == {"city": "$.address.city"}
    assert saved.action.request.headers == {"Accept": "application/json"}
    assert not draft.exists()
    assert not (workdir / "untitled.draft.sample.json").exists()


def test_edit_a_missing_file_is_one_clear_line(workdir: Path) -> None:
    driver = Driver("")
    assert driver.run("nope.yaml") == 1
    assert "no such file: nope.yaml" in driver.text
    assert "Traceback" not in driver.text
