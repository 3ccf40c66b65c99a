"""One sandbox per test session (real HTTP, real SDK); each test gets an org of its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.genesys.genesys_helpers import new_org_target
from tui.genesys.target import Target


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
