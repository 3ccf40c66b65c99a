"""Plain mode keeps a spec's hand-edited parts through a new output, as the wizard does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.plain.plain_helpers import DOWN, ENTER, USER, Driver
from tui.model.formats import load

SPEC = """\
name: User
request:
  url: {url}/users/42
  headers: {{Accept: application/json}}
outputs:
  - {{name: name, path: $.name}}
sample_response: user.json
translation_map: {{name: $.name, id: $.id}}
success_template: '{{"who": ${{name}}, "id": ${{id}}}}'
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.timeout(60)  # keys that no longer match the prompts leave one waiting
def test_a_new_output_merges_into_the_edited_map_and_the_template_is_asked(
    api: str, workdir: Path
) -> None:
    spec = workdir / "user.yaml"
    spec.write_text(SPEC.format(url=api))
    (workdir / "user.json").write_text(json.dumps(USER))
    keys = "".join(
        [
            ENTER + ENTER,  # method and URL kept
            ENTER + ENTER,  # keep the headers, add none
            ENTER,  # use the saved sample
            "$.active " + ENTER,
            ENTER + ENTER,  # name 'active', type boolean
            DOWN + ENTER,  # the success template: merge
            "Done" + ENTER,
            ENTER,  # name kept
            DOWN + DOWN + ENTER,  # skip the test
            ENTER,  # save over the spec
            ENTER,  # no deploy
        ]
    )
    driver = Driver(keys)
    assert driver.run(str(spec)) == 0, driver.text
    assert "Your hand-edited success template does not follow this change (adds active)" in (
        driver.text
    )
    saved = load(spec).spec
    assert saved is not None
    assert saved.translation_map == {"name": "$.name", "id": "$.id", "active": "$.active"}
    assert saved.success_template == '{"who": ${name}, "id": ${id}, "active": ${active}}'
