"""Shared fixtures: every test isolated from the developer's credentials and folders; a real
local HTTP API to call; the sandbox as a user starts it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.local_api import LocalAPI, serving

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
    # Each test's commands share a sandbox process of their own (a fresh database): it ends
    # a second after their last request rather than the default ten minutes; so do the warm
    # processes that run org commands, which this run's tests share (tui.warm).
    monkeypatch.setenv("DATAACTION_SANDBOX_IDLE", "1")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(warm_folder(tmp_path_factory)))
    return home


def warm_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's runtime folder (0700), where its warm processes listen."""
    folder = tmp_path_factory.getbasetemp() / "run"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


@pytest.fixture(scope="session", autouse=True)
def shared_sandboxes_end(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The sandbox processes this run's commands started (tui.sandbox.shared) end with it,
    even those of tests that set a long idle time: each is named by a record beside its
    database, under this run's temporary folders, and is signalled only while it holds that
    record's lock."""
    yield
    from tui.sandbox.shared import stop_process, supported

    if supported():
        for record in tmp_path_factory.getbasetemp().rglob("*.server.json"):
            stop_process(record.with_name(record.name.removesuffix(".server.json")), timeout=2)
    from tui.warm.client import stop_servers
    from tui.warm.places import socket_folder

    stop_servers(warm_folder(tmp_path_factory) / "dataaction", timeout=2)
    # and those a test's command started with an environment of its own, without this run's
    # folder (only this checkout's: stop_servers leaves other installations' alone)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("XDG_RUNTIME_DIR", raising=False)
        if default := socket_folder():
            stop_servers(default, timeout=2)


@pytest.fixture(autouse=True)
def sessions_closed() -> Iterator[None]:
    """Every Genesys session a test opened is closed after it, as each command does on exit
    (`tui.genesys.session.close_all`), so an unclosed socket anywhere else is an error."""
    yield
    if session := sys.modules.get("tui.genesys.session"):
        session.close_all()


@pytest.fixture
def local_api() -> Iterator[LocalAPI]:
    """A loopback API for this test alone; set its routes with `json`, `raw`, `computed`."""
    with serving() as api:
        yield api


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


@pytest.fixture
def self_signed_server(tmp_path: Path) -> Iterator[str]:
    """A real HTTPS server on 127.0.0.1 with a self-signed certificate (trusted by nobody)."""
    import http.server
    import ssl
    import subprocess
    import threading

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    # The handshake runs in the request handler, which closes the connection when it fails
    # (done in accept(), a failed handshake would leave the socket to the garbage collector).
    server.socket = context.wrap_socket(
        server.socket, server_side=True, do_handshake_on_connect=False
    )
    server.daemon_threads = False  # server_close() then waits for the handler to finish
    server.handle_error = lambda request, address: None  # the refused handshake is the point
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
