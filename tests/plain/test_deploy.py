"""Plain flow to a deployed action on the sandbox, read back through the sandbox's API."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plain.plain_helpers import DOWN, ENTER, Driver, mapping_keys, request_keys
from tui.sandbox import ClientSpec, SandboxServer

pytest.importorskip("tui.genesys.deploy")

CLIENT_ID, CLIENT_SECRET = "plain-client", "plain-secret-value"


def test_deploy_to_sandbox(
    api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_back
) -> None:
    monkeypatch.chdir(tmp_path)
    with SandboxServer(
        tmp_path / "sandbox.db", clients=[ClientSpec(CLIENT_ID, CLIENT_SECRET)]
    ) as sandbox:
        monkeypatch.setenv("GENESYS_ENVIRONMENT", sandbox.url)
        monkeypatch.setenv("GENESYS_CLIENT_ID", CLIENT_ID)
        monkeypatch.setenv("GENESYS_CLIENT_SECRET", CLIENT_SECRET)
        monkeypatch.setenv("DATAACTION_CONFIG", str(tmp_path / "no-profiles.yaml"))
        url = api + "/users/${input.userId}"
        keys = "".join(
            [
                request_keys(url),
                mapping_keys(),
                ENTER,  # name: Get users
                DOWN + DOWN + ENTER,  # skip the test
                ENTER,  # save
                "y",  # deploy
            ]
        )
        driver = Driver(keys)
        assert driver.run() == 0, driver.text
        assert "Deployed 'Get users'" in driver.text
        assert CLIENT_SECRET not in driver.text
        action = read_back(sandbox.url, "Get users", CLIENT_ID, CLIENT_SECRET)

    config, contract = action["config"], action["contract"]
    assert config["request"]["requestUrlTemplate"] == url
    assert config["response"]["translationMap"] == {
        "city": "$.address.city",
        "skus": "$.orders[*].sku",
        "id": "$.id",
    }
    assert contract["input"]["inputSchema"]["properties"] == {"userId": {"type": "integer"}}
    assert contract["output"]["successSchema"]["properties"] == {
        "city": {"type": "string"},
        "skus": {"type": "array", "items": {"type": "string"}},
        "id": {"type": "integer"},
    }
