"""The sandbox's own HTTP surface under hostile paths: never a 500, never outside its folders."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tui.sandbox import SandboxServer

PATHS = [
    "/samples/%00",
    "/samples/a%00b.json",
    "/samples/..%2f..%2f..%2fetc%2fpasswd",
    "/samples/%2e%2e/%2e%2e/etc/passwd",
    "/samples//etc/passwd",
    "/samples/" + "a" * 5000,
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> SandboxServer:
    db = tmp_path_factory.mktemp("sb") / "s.db"
    with SandboxServer(db) as running:
        yield running


@pytest.mark.parametrize("path", PATHS)
def test_hostile_sample_paths_are_not_found(server: SandboxServer, path: str) -> None:
    got = httpx.get(server.url + path, timeout=10)
    assert got.status_code == 404, (path, got.status_code, got.text[:200])
    assert "root:" not in got.text


def test_the_database_is_private(server: SandboxServer) -> None:
    assert Path(server.db_path).stat().st_mode & 0o077 == 0


def test_a_client_dripping_its_headers_is_cut_off(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slow loris: a request line and headers one byte at a time, each well inside any idle
    timeout. The connection is closed once the header deadline passes; others are served."""
    import socket
    import time

    import tui.sandbox.slow_clients as slow_clients

    monkeypatch.setattr(slow_clients, "HEADER_TIMEOUT_SECONDS", 1.0)
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        started = time.monotonic()
        closed_after = None
        for byte in b"GET /api/v2/integrations HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100:
            try:
                sock.sendall(bytes([byte]))
                time.sleep(0.1)
            except OSError:  # reset or broken pipe: the sandbox closed it
                closed_after = time.monotonic() - started
                break
            try:
                at_end = sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
            except BlockingIOError:  # nothing to read: still open
                at_end = False
            except OSError:
                at_end = True
            if at_end:
                closed_after = time.monotonic() - started
                break
        else:
            raise AssertionError("the dripping client was never cut off")
    assert closed_after is not None and closed_after < 3, closed_after
    assert httpx.get(server.url + "/api/v2/integrations").status_code == 401  # still serving
