"""Plain flow to a deployed action on the sandbox, read back through the sandbox's API."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.plain.plain_helpers import DOWN, ENTER, Driver, mapping_keys, request_keys
from tests.sandbox_process import console_script
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
                DOWN + ENTER,  # deploy and publish
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


def test_save_a_draft_only_then_publish_it_with_the_console_script(
    api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    monkeypatch.chdir(tmp_path)
    with SandboxServer(
        tmp_path / "sandbox.db", clients=[ClientSpec(CLIENT_ID, CLIENT_SECRET)]
    ) as sandbox:
        env = {
            "GENESYS_ENVIRONMENT": sandbox.url,
            "GENESYS_CLIENT_ID": CLIENT_ID,
            "GENESYS_CLIENT_SECRET": CLIENT_SECRET,
            "DATAACTION_CONFIG": str(tmp_path / "no-profiles.yaml"),
        }
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        keys = "".join(
            [
                request_keys(api + "/users/${input.userId}"),
                mapping_keys(),
                ENTER,  # name: Get users
                DOWN + DOWN + ENTER,  # skip the test
                ENTER,  # save
                DOWN + DOWN + ENTER,  # save a draft only
            ]
        )
        driver = Driver(keys)
        assert driver.run() == 0, driver.text
        assert "Saved a draft of 'Get users' (draft version 1)" in driver.text
        assert "Genesys's draft validation: valid." in driver.text
        assert "Published now: nothing." in driver.text
        assert "dataaction deploy get-users.yaml" in driver.text

        with httpx.Client(base_url=sandbox.url, timeout=10) as http:
            token = http.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(CLIENT_ID, CLIENT_SECRET),
            ).json()["access_token"]
            http.headers["Authorization"] = f"Bearer {token}"
            [draft] = http.get("/api/v2/integrations/actions/drafts").json()["entities"]
            assert draft["name"] == "Get users"
            assert http.get("/api/v2/integrations/actions").json()["entities"] == []

            # What the message says to run publishes that same draft.
            published = subprocess.run(
                [console_script(), "deploy", "get-users.yaml", "--json"],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=tmp_path,
                check=False,
            )
            assert published.returncode == 0, published.stdout + published.stderr
            [result] = json.loads(published.stdout)["results"]
            assert (result["id"], result["version"]) == (draft["id"], 1)
            assert http.get("/api/v2/integrations/actions/drafts").json()["entities"] == []
