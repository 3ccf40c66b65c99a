"""Settings, regions and targets: env names of both families, profiles, no SDK on describe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from tui.genesys.profiles import Profile, read_profiles, save_profile
from tui.genesys.regions import REGION_HOSTS, base_url
from tui.genesys.settings import resolve_credentials
from tui.genesys.target import describe_target_from_env
from tui.model.problems import DataActionError

ROOT = Path(__file__).resolve().parents[2]


def test_region_table_matches_the_sdk() -> None:
    from PureCloudPlatformClientV2.purecloud_region_hosts import PureCloudRegionHosts

    sdk = {r.name: r.value.removeprefix("https://") for r in PureCloudRegionHosts}
    assert sdk == REGION_HOSTS


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("mypurecloud.de", "https://api.mypurecloud.de"),
        ("api.mypurecloud.ie", "https://api.mypurecloud.ie"),
        ("login.mypurecloud.jp", "https://api.mypurecloud.jp"),
        ("usw2.pure.cloud", "https://api.usw2.pure.cloud"),
        ("eu_central_1", "https://api.mypurecloud.de"),
        ("us-east-1", "https://api.mypurecloud.com"),
        ("ap-southeast-2", "https://api.mypurecloud.com.au"),
        ("gov", "https://api.use2.us-gov-pure.cloud"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("https://login.euw2.pure.cloud", "https://api.euw2.pure.cloud"),
    ],
)
def test_environment_forms(value: str, url: str) -> None:
    assert base_url(value) == url


def test_every_region_host_resolves() -> None:
    for key, host in REGION_HOSTS.items():
        assert base_url(key) == base_url(host.removeprefix("api.")) == f"https://{host}"


def test_unknown_environment_lists_the_known_ones() -> None:
    with pytest.raises(DataActionError) as info:
        base_url("mypurecloud.xx")
    assert "mypurecloud.de" in info.value.problems[0].hint


def test_tutorial_and_cli_variable_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "cli-id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "cli-secret")
    monkeypatch.setenv("GENESYSCLOUD_REGION", "eu-west-2")
    creds = resolve_credentials()
    assert creds is not None
    assert (creds.base_url, creds.client_id) == ("https://api.euw2.pure.cloud", "cli-id")
    monkeypatch.setenv("GENESYS_CLIENT_ID", "tut-id")
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", "tut-secret")
    monkeypatch.setenv("GENESYS_ENVIRONMENT", "mypurecloud.de")
    creds = resolve_credentials()
    assert creds is not None
    assert (creds.base_url, creds.client_id) == ("https://api.mypurecloud.de", "tut-id")
    assert creds.client_secret.get_secret_value() == "tut-secret"
    assert "tut-secret" not in repr(creds)
    creds = resolve_credentials(client_id="flag-id", environment="mypurecloud.jp")
    assert creds is not None
    assert (creds.base_url, creds.client_id) == ("https://api.mypurecloud.jp", "flag-id")


def test_half_configured_credentials_are_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESYS_CLIENT_ID", "only-id")
    with pytest.raises(DataActionError) as info:
        resolve_credentials()
    assert "GENESYS_CLIENT_SECRET" in str(info.value)


def test_profiles_are_private_and_env_overrides_them(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "genesys.yaml"
    monkeypatch.setenv("PROD_SECRET", "p-secret")
    save_profile(
        "prod",
        Profile(environment="mypurecloud.de", client_id="p-id", client_secret_env="PROD_SECRET"),
        path,
    )
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert "p-secret" not in path.read_text()
    assert read_profiles(path).default == "prod"
    creds = resolve_credentials(config_file=path)
    assert creds is not None and creds.client_id == "p-id" and "profile prod" in creds.source
    monkeypatch.setenv("GENESYS_ENVIRONMENT", "usw2.pure.cloud")
    creds = resolve_credentials(config_file=path)
    assert creds is not None and creds.base_url == "https://api.usw2.pure.cloud"
    with pytest.raises(DataActionError, match="refusing to write a client secret"):
        save_profile("x", Profile(client_id="x", client_secret=SecretStr("s")), path)


def test_hand_written_secret_needs_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "genesys.yaml"
    path.write_text("profiles:\n  p:\n    client_id: a\n    client_secret: s\ndefault: p\n")
    os.chmod(path, 0o600)
    assert resolve_credentials(config_file=path) is not None
    os.chmod(path, 0o644)
    with pytest.raises(DataActionError) as info:
        resolve_credentials(config_file=path)
    assert "chmod 600" in info.value.problems[0].hint


def test_profile_secret_from_a_named_variable(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "genesys.yaml"
    path.write_text("profiles:\n  dev:\n    client_id: d-id\n    client_secret_env: DEV_SECRET\n")
    with pytest.raises(DataActionError) as info:
        resolve_credentials(profile="dev", config_file=path)
    assert "DEV_SECRET" in str(info.value)
    monkeypatch.setenv("DEV_SECRET", "from-env")
    creds = resolve_credentials(profile="dev", config_file=path)
    assert creds is not None and creds.client_secret.get_secret_value() == "from-env"
    with pytest.raises(DataActionError, match="no profile named 'nope'"):
        resolve_credentials(profile="nope", config_file=path)


def test_describe_target_is_instant_and_imports_no_sdk(tmp_path: Path) -> None:
    code = (
        "import sys; from tui.genesys.target import describe_target_from_env as d; print(d()); "
        "print(any(m.startswith(('PureCloudPlatformClientV2', 'tui.sandbox', 'uvicorn')) "
        "for m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    env["DATAACTION_CONFIG"] = str(tmp_path / "none.yaml")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert out.stdout.splitlines() == ["sandbox (no Genesys credentials set)", "False"]
    env.update(
        GENESYS_CLIENT_ID="abcdef123",
        GENESYS_CLIENT_SECRET="s3cr3t-value",
        GENESYS_ENVIRONMENT="mypurecloud.de",
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert out.stdout.splitlines() == ["org mypurecloud.de (client abcd…)", "False"]


def test_describe_reports_bad_configuration(monkeypatch) -> None:
    monkeypatch.setenv("GENESYS_CLIENT_ID", "x")
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", "y")
    monkeypatch.setenv("GENESYS_ENVIRONMENT", "nowhere.example")
    assert describe_target_from_env().startswith(
        "not configured: unknown Genesys Cloud environment"
    )
