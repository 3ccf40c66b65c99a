"""One sandbox per test session (real HTTP, real SDK); each test gets an org of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from genesys_helpers import new_org_target

from tui.genesys.target import Target

GENESYS_VARS = (
    "GENESYS_CLIENT_ID",
    "GENESYS_CLIENT_SECRET",
    "GENESYS_ENVIRONMENT",
    "GENESYSCLOUD_OAUTHCLIENT_ID",
    "GENESYSCLOUD_OAUTHCLIENT_SECRET",
    "GENESYSCLOUD_REGION",
    "DATAACTION_PROFILE",
)


@pytest.fixture(autouse=True)
def _no_genesys_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never see the developer's real credentials or profile file."""
    for var in GENESYS_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DATAACTION_CONFIG", str(tmp_path / "no-profiles.yaml"))


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tui.sandbox import SandboxServer

    db = tmp_path_factory.mktemp("sandbox") / "sandbox.db"
    with SandboxServer(db) as server:
        yield server


@pytest.fixture
def target(sandbox: Any) -> Target:
    return new_org_target(sandbox)


@pytest.fixture
def org_env(monkeypatch: pytest.MonkeyPatch, target: Target) -> Target:
    """Point the commands at a fresh sandbox org through the tutorial's variables."""
    monkeypatch.setenv("GENESYS_CLIENT_ID", target.client_id)
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", target.client_secret.get_secret_value())
    monkeypatch.setenv("GENESYS_ENVIRONMENT", target.base_url)
    return target
