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
