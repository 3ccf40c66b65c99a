"""Secrets at rest and in output: file modes, masking by value, secrets kept out of `ps`."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

from tests.hostile.hostile_helpers import SCRIPT, case_env, run_capped
from tests.hostile.hostile_servers import HostileServer

SECRET = "k3y-V4lue-that-must-not-leak"

SPEC = """\
name: Keyed
request:
  url: {api}/ok?key=${{credentials.apiKey}}&q=$esc.url(${{credentials.apiKey}})
  headers:
    X-Custom: ${{credentials.apiKey}}
    Accept: application/json
outputs:
  - {{name: cityName, path: $.name}}
"""


def _files_holding(root: Path, needle: bytes, skip: tuple[str, ...]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.name.startswith(skip) and needle in path.read_bytes():
            found.append(str(path.relative_to(root)))
    return found


def test_a_credential_is_masked_by_value_and_kept_private_at_rest(tmp_path: Path) -> None:
    server = HostileServer()
    try:
        (tmp_path / "k.yaml").write_text(SPEC.format(api=server.url))
        env = {"MY_API_KEY": SECRET}
        deploy = run_capped(
            [
                "deploy",
                "k.yaml",
                "--credential",
                "keyed",
                "--create-credential",
                "userDefined",
                "--credential-field",
                "apiKey=MY_API_KEY",
            ],
            tmp_path,
            env=env,
        )
        assert deploy.code == 0, deploy.text
        remote = run_capped(["test", "--remote", "Keyed", "--json"], tmp_path)
        local = run_capped(["test", "k.yaml", "--json"], tmp_path)
    finally:
        server.close()
    assert remote.code == 0, remote.text
    assert "********" in remote.stdout  # the URL and the custom header, masked
    for got in (deploy, remote, local):
        assert SECRET not in got.text
        assert SECRET.replace("-", "%2D") not in got.text
    # At rest: only the sandbox database holds it, readable by its owner alone.
    data = tmp_path / "data" / "dataaction"
    assert _files_holding(tmp_path, SECRET.encode(), skip=("sandbox.db",)) == []
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for db in data.glob("sandbox.db*"):
        assert stat.S_IMODE(db.stat().st_mode) & 0o077 == 0, db
    # Three commands on the embedded sandbox leave no per-run session client behind.
    with sqlite3.connect(data / "sandbox.db") as con:
        clients = [row[0] for row in con.execute("SELECT id FROM clients")]
    assert [c for c in clients if c.startswith("session-")] == [], clients


def test_an_existing_world_readable_database_is_narrowed(tmp_path: Path) -> None:
    data = tmp_path / "data" / "dataaction"
    data.mkdir(parents=True)
    (tmp_path / "w.yaml").write_text(SPEC.format(api="https://api.example.com"))
    assert run_capped(["validate", "w.yaml"], tmp_path).code == 0
    db = data / "sandbox.db"
    run_capped(["export", "--out", "o"], tmp_path)  # creates the database
    os.chmod(db, 0o644)
    run_capped(["export", "--out", "o"], tmp_path)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def _start_sandbox(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [str(SCRIPT), "sandbox", "--port", "0", "--db", str(tmp_path / "s.db"), *args],
        cwd=tmp_path,
        env=case_env(tmp_path, env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if "Press Ctrl+C" in line or not line:
            break
    return proc


def _stop(proc: subprocess.Popen[str]) -> None:
    """Stop it and close its pipes (communicate reads them to the end and closes them)."""
    proc.terminate()
    proc.communicate(timeout=10)


def test_sandbox_client_secrets_stay_out_of_the_process_list(tmp_path: Path) -> None:
    proc = _start_sandbox(
        tmp_path, "--client", "my-app", env={"DATAACTION_SANDBOX_CLIENT_SECRET": SECRET}
    )
    try:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        assert SECRET.encode() not in cmdline and b"my-app" in cmdline
    finally:
        _stop(proc)
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    os.chmod(tmp_path / "secret.txt", 0o600)
    proc = _start_sandbox(
        tmp_path, "--client", "my-app", "--client-secret-file", "secret.txt", env={}
    )
    try:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    finally:
        _stop(proc)


def test_a_second_sandbox_cannot_silently_change_a_clients_secret(tmp_path: Path) -> None:
    proc = _start_sandbox(tmp_path, "--client", f"app:{SECRET}", env={})
    _stop(proc)
    got = run_capped(
        ["sandbox", "--port", "0", "--db", "s.db", "--client", "app:another-secret"],
        tmp_path,
        time_cap=15,
    )
    assert got.code == 2 and "already exists" in got.text, got.text
