"""The whole plain flow, driven by keystrokes, against a real local JSON API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.plain.plain_helpers import ENTER, USER, Driver, mapping_keys, request_keys
from tui.model.formats import load
from tui.runtime.pipeline import CannedResponse, run_test


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_action_end_to_end(api: str, workdir: Path) -> None:
    url = api + "/users/${input.userId}"
    keys = "".join(
        [
            request_keys(url),
            mapping_keys(),
            ENTER,  # name: the default
            ENTER + "n",  # test on the sample, no second test
            ENTER,  # save to the default path
            ENTER,  # no deploy
        ]
    )
    driver = Driver(keys)
    assert driver.run() == 0, driver.text

    saved = workdir / "get-users.yaml"
    loaded = load(saved)
    action = loaded.action
    assert action.name == "Get users"
    assert action.request.request_url_template == url
    assert action.request.headers == {"Accept": "application/json"}
    assert action.response.translation_map == {
        "city": "$.address.city",
        "skus": "$.orders[*].sku",
        "id": "$.id",
    }
    assert action.input_schema["properties"] == {"userId": {"type": "integer"}}
    assert action.input_schema["required"] == ["userId"]
    assert action.success_schema["properties"] == {
        "city": {"type": "string"},
        "skus": {"type": "array", "items": {"type": "string"}},
        "id": {"type": "integer"},
    }
    # The saved sample is what the server sent, and the saved action extracts the right values.
    sample = (workdir / yaml.safe_load(saved.read_text())["sample_response"]).read_bytes()
    assert json.loads(sample) == USER
    result = run_test(action, {"userId": 42}, response=CannedResponse(sample))
    assert result.success, result
    assert result.final_result == {
        "city": USER["address"]["city"],
        "skus": [o["sku"] for o in USER["orders"]],
        "id": USER["id"],
    }
    # The flow showed the test steps passing and the flattened output.
    assert "✘" not in driver.text
    assert "✔ pass 5. Execute request" in driver.text and "✔ Test passed" in driver.text
    assert '"skus.1": "B-200"' in driver.text or "skus" in driver.text
    assert not list(workdir.glob("*.draft.yaml"))
