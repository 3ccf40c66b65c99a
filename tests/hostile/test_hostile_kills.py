"""kill -9 at random points: of the sandbox while a deploy writes to it, and of the deploy itself.

Each round kills one process at a random moment (seeded, so a failure can be replayed); after
all rounds a plain re-run of the same deploy must converge: every action published exactly
once, nothing a finished deploy reported lost, and a further run changes nothing.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

import httpx

from tests.hostile.hostile_cases import spec
from tests.hostile.hostile_helpers import case_env, run_capped
from tests.sandbox_process import console_script

ACTIONS = 40
ROUNDS = 4
SECRET = "kill-test-secret-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Sandbox:
    """`dataaction sandbox` on a fixed port and database, restartable after a kill -9."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.db = home / "kills.db"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        return {
            "GENESYS_ENVIRONMENT": f"http://127.0.0.1:{self.port}",
            "GENESYS_CLIENT_ID": "killer",
            "GENESYS_CLIENT_SECRET": SECRET,
        }

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                console_script(),
                "sandbox",
                "--port",
                str(self.port),
                "--db",
                str(self.db),
                "--client",
                "killer",
            ],
            env=case_env(self.home, {"DATAACTION_SANDBOX_CLIENT_SECRET": SECRET}),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        until = time.monotonic() + 20
        while time.monotonic() < until:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/api/v2/integrations", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise AssertionError("the sandbox did not start")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            self.proc.wait(15)


def write_specs(folder: Path) -> list[str]:
    folder.mkdir()
    names = [f"Killed {n}" for n in range(ACTIONS)]
    for n, name in enumerate(names):
        text = spec(name=name, request__url="https://x.example/v1/things")
        (folder / f"a{n}.yaml").write_text(text)
    return names


def deploy(box: Sandbox, home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [console_script(), "deploy", "actions", "--json"],
        cwd=home,
        env=case_env(home, box.env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def published(db: Path) -> Counter[str]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT json_extract(published, '$.name') FROM actions WHERE published IS NOT NULL"
        ).fetchall()
    return Counter(row[0] for row in rows)


def converge(box: Sandbox, home: Path, names: list[str], acknowledged: set[str]) -> None:
    box.start()
    try:
        first = run_capped(["deploy", "actions", "--json"], home, env=box.env, time_cap=60)
        assert first.code == 0, first.text
        again = run_capped(["deploy", "actions", "--json"], home, env=box.env, time_cap=60)
        assert again.code == 0, again.text
        changes = {r["change"] for r in json.loads(again.stdout)["results"]}
        assert changes == {"unchanged"}, again.stdout
    finally:
        box.stop()
    counts = published(box.db)
    assert counts == Counter({name: 1 for name in names}), counts
    assert acknowledged <= set(counts)


def finished_names(proc: subprocess.Popen[bytes]) -> set[str]:
    """What a deploy that ended normally reported as written."""
    out, _ = proc.communicate(timeout=60)
    if proc.returncode != 0:
        return set()
    return {r["name"] for r in json.loads(out)["results"]}


def test_kill_9_of_the_sandbox_during_deploys_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("DATAACTION_KILL_SEED", "9")))
    names = write_specs(tmp_path / "actions")
    box = Sandbox(tmp_path)
    acknowledged: set[str] = set()
    for _ in range(ROUNDS):
        box.start()
        run = deploy(box, tmp_path)
        time.sleep(rng.uniform(0.05, 1.2))
        box.kill()
        acknowledged |= finished_names(run)
        assert run.returncode in (0, 4), run.returncode  # done, or a clear API/network error
    converge(box, tmp_path, names, acknowledged)


def test_kill_9_of_deploy_at_random_points_converges(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("DATAACTION_KILL_SEED", "9")))
    names = write_specs(tmp_path / "actions")
    box = Sandbox(tmp_path)
    box.start()
    try:
        for _ in range(ROUNDS):
            run = deploy(box, tmp_path)
            time.sleep(rng.uniform(0.05, 1.2))
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
            run.communicate(timeout=30)
    finally:
        box.stop()
    converge(box, tmp_path, names, set())
