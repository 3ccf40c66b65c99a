"""Fixtures for the wizard: a real loopback JSON API, an isolated draft file and export folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app.app_helpers import app_routes
from tests.local_api import LocalAPI, serving


@pytest.fixture(scope="session")
def api_server() -> Iterator[LocalAPI]:
    with serving(app_routes) as api:
        yield api


@pytest.fixture
def api(api_server: LocalAPI) -> str:
    return api_server.url


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Drafts, exports and Genesys settings of each test stay in its own folder (credential
    variables are cleared for every test by the root conftest)."""
    monkeypatch.setenv("DATAACTION_DRAFT", str(tmp_path / "draft.yaml"))
    monkeypatch.setenv("DATAACTION_CONFIG", str(tmp_path / "no-profiles.yaml"))
    monkeypatch.setenv("DATAACTION_SANDBOX_DB", str(tmp_path / "embedded.db"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def org(user_sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The wizard pointed at the sandbox a user started (`dataaction sandbox`) by variables."""
    for k, v in user_sandbox.env().items():
        monkeypatch.setenv(k, v)
    return user_sandbox


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
