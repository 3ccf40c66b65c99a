"""Wrong-secret logins must not grow the sandbox's memory: only verified pairs are kept."""

from __future__ import annotations

from pathlib import Path

from tui.sandbox.auth import OAuth, hash_secret
from tui.sandbox.store import Store


def test_wrong_guesses_are_not_remembered(tmp_path: Path) -> None:
    oauth = OAuth(Store(tmp_path / "s.db"), token_ttl=60)
    stored = hash_secret("right")
    for guess in range(50):
        assert not oauth._secret_matches(f"wrong-{guess}", stored)
    assert oauth._secret_matches("right", stored)
    assert oauth._secret_matches("right", stored)  # the second time from memory
    assert len(oauth._secret_ok) == 1
