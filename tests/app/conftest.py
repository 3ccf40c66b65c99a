"""Fixtures for the wizard: a real loopback JSON API, an isolated draft file and export folder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.app.app_helpers import Handler


@pytest.fixture(scope="session")
def api_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def api(api_server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{api_server.server_address[1]}"


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
def anyio_backend() -> str:
    return "asyncio"
