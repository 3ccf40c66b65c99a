"""Credentials as Genesys's own tools name them, through the console script against a sandbox
started as a user starts it: each family reaches the org, precedence is as documented, and an
incomplete family stops with exit 2 instead of deploying to the local sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
SPEC = """\
name: {name}
category: Credentials
request: {{method: GET, url: "https://api.example.com/x"}}
outputs: [{{name: a, path: $.a, type: string}}]
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(SPEC.format(name=f"Creds {uuid.uuid4().hex[:8]}"))
    return path


def dataaction(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DATAACTION, *args],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "NO_COLOR": "1", **env},
        check=False,
    )


def plan_target(spec: Path, **env: str) -> dict[str, Any]:
    proc = dataaction("deploy", str(spec), "--dry-run", "--json", **env)
    assert proc.returncode == 0, proc.stderr
    target: dict[str, Any] = json.loads(proc.stdout)["target"]
    return target


def families(box: Any) -> dict[str, dict[str, str]]:
    return {
        "sdk tutorials": {
            "GENESYS_CLOUD_CLIENT_ID": box.client_id,
            "GENESYS_CLOUD_CLIENT_SECRET": box.client_secret,
            "GENESYS_CLOUD_REGION": box.url,
        },
        "terraform": {
            "GENESYSCLOUD_OAUTHCLIENT_ID": box.client_id,
            "GENESYSCLOUD_OAUTHCLIENT_SECRET": box.client_secret,
            "GENESYSCLOUD_REGION": box.url,
        },
    }


@pytest.mark.parametrize("family", ["sdk tutorials", "terraform"])
def test_each_variable_family_deploys_to_the_org(
    user_sandbox: Any, spec: Path, family: str
) -> None:
    env = families(user_sandbox)[family]
    proc = dataaction("deploy", str(spec), **env)
    assert proc.returncode == 0, proc.stderr
    assert "1 created" in proc.stdout
    assert f"org 127.0.0.1:{user_sandbox.url.rsplit(':', 1)[1]}" in proc.stdout
    assert "Deploy target: the local sandbox" not in proc.stderr
    assert user_sandbox.client_secret not in proc.stdout + proc.stderr


def test_access_token_instead_of_a_client(user_sandbox: Any, spec: Path) -> None:
    token = httpx.post(
        user_sandbox.url + "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(user_sandbox.client_id, user_sandbox.client_secret),
    ).json()["access_token"]
    env = {"GENESYSCLOUD_ACCESS_TOKEN": token, "GENESYSCLOUD_REGION": user_sandbox.url}
    proc = dataaction("deploy", str(spec), **env)
    assert proc.returncode == 0, proc.stderr
    assert "(token)" in proc.stdout and token not in proc.stdout + proc.stderr
    refused = dataaction(
        "deploy", str(spec), "--dry-run", **{**env, "GENESYSCLOUD_ACCESS_TOKEN": "expired"}
    )
    assert refused.returncode == 3, refused.stderr
    assert "refused the access token" in refused.stderr


def test_gc_cli_profile_file_is_read(
    user_sandbox: Any, spec: Path, isolated_environment: Path
) -> None:
    config = isolated_environment / ".gc" / "config.toml"
    config.parent.mkdir()
    config.write_text(
        "[DEFAULT]\n"
        f'  client_credentials = "{user_sandbox.client_id}"\n'
        f'  client_secret = "{user_sandbox.client_secret}"\n'
        f'  environment = "{user_sandbox.url}"\n'
    )
    before = config.read_bytes()
    target = plan_target(spec)
    assert target["kind"] == "org" and target["url"] == user_sandbox.url
    assert config.read_bytes() == before  # read only


def test_precedence_ours_then_sdk_then_terraform(user_sandbox: Any, spec: Path) -> None:
    both = {**families(user_sandbox)["terraform"], **families(user_sandbox)["sdk tutorials"]}
    both["GENESYSCLOUD_OAUTHCLIENT_ID"] = "zzzz-terraform-client"
    assert plan_target(spec, **both)["label"].endswith(f"(client {user_sandbox.client_id[:4]}…)")
    ours = {
        "GENESYS_CLIENT_ID": user_sandbox.client_id,
        "GENESYS_CLIENT_SECRET": user_sandbox.client_secret,
        "GENESYS_ENVIRONMENT": user_sandbox.url,
        "GENESYS_CLOUD_CLIENT_ID": "yyyy-sdk-client",
    }
    # an incomplete family is an error even when another one is complete
    proc = dataaction("deploy", str(spec), "--dry-run", **ours)
    assert proc.returncode == 2 and "GENESYS_CLOUD_CLIENT_SECRET" in proc.stderr


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"GENESYS_CLOUD_CLIENT_ID": "abc"}, "GENESYS_CLOUD_CLIENT_SECRET"),
        ({"GENESYS_CLOUD_CLIENT_SECRET": "s3cr3t"}, "GENESYS_CLOUD_CLIENT_ID"),
        ({"GENESYSCLOUD_OAUTHCLIENT_ID": "abc"}, "GENESYSCLOUD_OAUTHCLIENT_SECRET"),
        ({"GENESYS_CLOUD_REGION": "mypurecloud.de"}, "GENESYS_CLOUD_CLIENT_ID"),
        ({"GENESYSCLOUD_REGION": "eu-west-2"}, "GENESYSCLOUD_ACCESS_TOKEN"),
    ],
)
def test_incomplete_credentials_stop_with_exit_2(
    spec: Path, env: dict[str, str], named: str
) -> None:
    proc = dataaction("deploy", str(spec), **env)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "incomplete Genesys credentials" in proc.stderr and named in proc.stderr
    assert "Deploy target: the local sandbox" not in proc.stderr and "Plan for" not in proc.stdout
    assert "s3cr3t" not in proc.stdout + proc.stderr


def test_wizard_header_and_deploy_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wizard header once said "sandbox" while Deploy went to the org these name."""
    from tui.app.wizard import quick_target
    from tui.genesys.target import describe_target_from_env

    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "tfclient1")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "tfsecret")
    monkeypatch.setenv("GENESYSCLOUD_REGION", "eu-central-1")
    expected = "org mypurecloud.de (client tfcl…)"
    assert quick_target() == describe_target_from_env() == expected
