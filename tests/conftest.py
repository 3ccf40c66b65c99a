"""Shared fixtures: every test isolated from the developer's credentials and folders; a real
local HTTP API to call; the sandbox as a user starts it."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

# Every family of names a Genesys tool reads credentials from (ours, the SDK tutorials', the CLI's
# and Terraform's), plus this tool's own settings: none may leak in from the developer's shell.
CREDENTIAL_PREFIXES = ("GENESYS_", "GENESYSCLOUD_", "GENESYS_CLOUD_", "PURECLOUD", "DATAACTION_")


@pytest.fixture(autouse=True)
def isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """No credential variable, and a fresh HOME with its own XDG folders, for every test.

    Profile files (ours under XDG_CONFIG_HOME, the `gc` CLI's under HOME), drafts (XDG_STATE_HOME,
    DATAACTION_DRAFT) and the shared sandbox database (XDG_DATA_HOME) all land in that HOME.
    Returns it. Subprocesses inherit it.
    """
    for name in list(os.environ):
        if name.upper().startswith(CREDENTIAL_PREFIXES):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("DATAACTION_DRAFT", str(home / "draft.yaml"))
    return home


@dataclass
class Route:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class LocalAPI:
    """A real HTTP server on 127.0.0.1 whose routes tests set, recording what it receives."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                api.seen.append(Seen(self.command, self.path, dict(self.headers), body))
                route = api.routes.get(self.path.split("?")[0]) or Route(
                    404, b'{"error":"no route"}'
                )
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def json(self, path: str, data: Any, status: int = 200, **kw: Any) -> None:
        self.routes[path] = Route(status, json.dumps(data).encode(), **kw)

    def raw(self, path: str, body: bytes, content_type: str, status: int = 200, **kw: Any) -> None:
        self.routes[path] = Route(status, body, {"Content-Type": content_type}, **kw)


@pytest.fixture
def local_api() -> Iterator[LocalAPI]:
    api = LocalAPI()
    api.thread.start()
    yield api
    api.server.shutdown()
    api.server.server_close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def read_back_action(url: str, name: str, client_id: str, secret: str) -> dict:
    """The published action named `name`, with contract and config, as the sandbox API gives it."""
    import httpx

    with httpx.Client(base_url=url, timeout=10) as http:
        token = http.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
        ).json()["access_token"]
        http.headers["Authorization"] = f"Bearer {token}"
        listing = http.get("/api/v2/integrations/actions", params={"name": name}).json()
        (found,) = [a for a in listing["entities"] if a["name"] == name]
        got = http.get(
            f"/api/v2/integrations/actions/{found['id']}",
            params={"expand": "contract", "includeConfig": "true"},
        )
        got.raise_for_status()
        return got.json()


@pytest.fixture
def read_back() -> Any:
    """`read_back(url, name, client_id, secret)`: an action as deployed, read over HTTP."""
    return read_back_action


@pytest.fixture(scope="session")
def user_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """`dataaction sandbox --port 0` started as a user starts it (one per test session)."""
    from tests.sandbox_process import start_user_sandbox

    box = start_user_sandbox(tmp_path_factory.mktemp("user-sandbox") / "sandbox.db")
    yield box
    box.stop()
