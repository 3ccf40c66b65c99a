"""Fixtures: the official SDK (imported once), sandboxes on temp DBs and a stub REST API."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.sandbox.sandbox_helpers import USERS
from tui.sandbox import ClientSpec, SandboxServer

CLIENTS = [
    ClientSpec("client-a", "secret-a"),
    ClientSpec("client-b", "secret-b"),
    ClientSpec(
        "viewer-a", "secret-v", permissions=("integrations:action:view",), org_of="client-a"
    ),
]


class StubApi(BaseHTTPRequestHandler):
    """GET /users/<id> answers the user record; anything else is a 404 JSON error."""

    def do_GET(self) -> None:
        user = USERS.get(self.path.removeprefix("/users/"))
        status, body = (200, user) if user else (404, {"error": f"no such path {self.path}"})
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="session")
def sdk() -> ModuleType:
    """The official SDK; its import takes seconds, so once per session."""
    import PureCloudPlatformClientV2

    return PureCloudPlatformClientV2


@pytest.fixture(scope="session")
def pipeline() -> ModuleType:
    """The runtime pipeline the sandbox runs test/execute with."""
    return pytest.importorskip("tui.runtime.pipeline", exc_type=ImportError)


@pytest.fixture(scope="session")
def stub_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    db = tmp_path_factory.mktemp("sandbox") / "sandbox.db"
    with SandboxServer(db, clients=CLIENTS) as server:
        yield server


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    return tmp_path / "sandbox.db"
