"""Wrong-secret logins must not grow the sandbox's memory: only verified pairs are kept."""

from __future__ import annotations

from pathlib import Path

from tui.sandbox.auth import OAuth
from tui.sandbox.secret_hashes import hash_secret
from tui.sandbox.store import Store


def test_wrong_guesses_are_not_remembered(tmp_path: Path) -> None:
    oauth = OAuth(Store(tmp_path / "s.db"), token_ttl=60)
    stored = hash_secret("right")
    for guess in range(50):
        assert not oauth._secret_matches(f"wrong-{guess}", stored)
    assert oauth._secret_matches("right", stored)
    assert oauth._secret_matches("right", stored)  # the second time from memory
    assert len(oauth._secret_ok) == 1


def test_wrong_secret_logins_do_not_stall_other_requests(tmp_path: Path) -> None:
    """Each wrong guess at a chosen secret costs a deliberate scrypt: in a worker thread, so
    other clients' requests are answered meanwhile."""
    import threading
    import time

    import httpx

    from tui.sandbox import SandboxServer

    with SandboxServer(tmp_path / "s.db", clients=[("victim", "chosen-secret")]) as sb:
        stop = threading.Event()

        def guess() -> None:
            with httpx.Client(base_url=sb.url) as http:
                while not stop.is_set():
                    http.post(
                        "/oauth/token",
                        auth=("victim", "wrong"),
                        data={"grant_type": "client_credentials"},
                    )

        guessers = [threading.Thread(target=guess) for _ in range(4)]
        for g in guessers:
            g.start()
        try:
            time.sleep(0.3)
            with httpx.Client(base_url=sb.url) as http:
                took = []
                for _ in range(5):
                    start = time.monotonic()
                    assert http.get("/api/v2/integrations").status_code == 401
                    took.append(time.monotonic() - start)
        finally:
            stop.set()
            for g in guessers:
                g.join()
    assert sorted(took)[2] < 0.05, took  # ~2 ms; before: ~165 ms behind the guesses
