"""Chosen secrets get scrypt; generated 256-bit session secrets a salted SHA-256; both log in."""

from __future__ import annotations

from pathlib import Path

import httpx

from tui.sandbox import ClientSpec, SandboxServer
from tui.sandbox.secret_hashes import check_secret, hash_secret


def test_each_kind_of_secret_checks_only_itself() -> None:
    for generated in (False, True):
        stored = hash_secret("s3cret", generated=generated)
        assert stored.startswith("sha256$" if generated else "scrypt$")
        assert "s3cret" not in stored
        assert check_secret("s3cret", stored)
        assert not check_secret("s3cret!", stored)


def login(url: str, client_id: str, secret: str) -> int:
    return httpx.post(
        f"{url}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, secret),
    ).status_code


def test_the_default_session_client_is_fast_hashed_and_logs_in(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with SandboxServer(db):  # creates the owner client
        pass
    with SandboxServer(db, clients=[ClientSpec("chosen", "chosen-secret")]) as chosen:
        assert login(chosen.url, "chosen", "chosen-secret") == 200
        assert chosen.app.state.store.client("chosen")["secret_hash"].startswith("scrypt$")
    with SandboxServer(db) as server:
        row = server.app.state.store.client(server.client_id)
        assert server.client_id.startswith("session-")
        assert row["secret_hash"].startswith("sha256$")
        assert login(server.url, server.client_id, server.client_secret) == 200
        assert login(server.url, server.client_id, server.client_secret + "x") == 401
