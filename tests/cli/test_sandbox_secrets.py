"""Credential values in the sandbox database are sealed, with the key kept elsewhere: what
`dataaction integration create` stores cannot be read from a copy of `sandbox.db`, yet the
org's test still sends them; an older database's clear values are sealed on first use."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
PASSWORD = "pw-CLEAR-8812"


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    db = ["--sandbox", "--sandbox-db", str(tmp_path / "box.db")]
    return subprocess.run(
        [DATAACTION, *args, *db],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", **env},
        cwd=tmp_path,
        check=False,
    )


def basic_integration_with_action(tmp_path: Path, url: str) -> None:
    made = run(
        tmp_path,
        "integration",
        "create",
        "Vault",
        "--credential-type",
        "basicAuth",
        "--json",
        DATAACTION_CREDENTIAL_USERNAME="ann",
        DATAACTION_CREDENTIAL_PASSWORD=PASSWORD,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    iid = json.loads(made.stdout)["integration"]["id"]
    spec = tmp_path / "who.yaml"
    spec.write_text(f"name: Who\nrequest:\n  url: {url}\noutputs: [{{name: who, path: $.who}}]\n")
    deployed = run(tmp_path, "deploy", str(spec), "--integration", iid)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr


def sent_password(local_api) -> str:
    header = local_api.seen[-1].headers["Authorization"]
    return base64.b64decode(header.removeprefix("Basic ")).decode().split(":", 1)[1]


def test_the_database_holds_no_clear_credential(local_api, tmp_path: Path) -> None:
    local_api.json("/me", {"who": "ann"})
    basic_integration_with_action(tmp_path, local_api.url + "/me")
    assert PASSWORD.encode() not in (tmp_path / "box.db").read_bytes()
    for extra in tmp_path.glob("box.db-*"):  # the WAL too
        assert PASSWORD.encode() not in extra.read_bytes()
    key = Path(os.environ["XDG_CONFIG_HOME"]) / "dataaction" / "sandbox.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    tested = run(tmp_path, "test", "--remote", "Who")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert sent_password(local_api) == PASSWORD

    key.write_bytes(base64.urlsafe_b64encode(os.urandom(32)))  # the key is lost and remade
    broken = run(tmp_path, "test", "--remote", "Who")
    assert broken.returncode != 0 and "Traceback" not in broken.stderr
    assert "sealed with another key" in broken.stdout + broken.stderr


def test_clear_values_of_an_older_database_are_sealed_on_first_use(
    local_api, tmp_path: Path
) -> None:
    local_api.json("/me", {"who": "ann"})
    basic_integration_with_action(tmp_path, local_api.url + "/me")
    with sqlite3.connect(tmp_path / "box.db") as db:  # as an older version wrote it
        db.execute(
            "UPDATE credentials SET fields = ?",
            (json.dumps({"userName": "ann", "password": PASSWORD}),),
        )
    tested = run(tmp_path, "test", "--remote", "Who")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert sent_password(local_api) == PASSWORD
    with sqlite3.connect(tmp_path / "box.db") as db:
        (fields,) = db.execute("SELECT fields FROM credentials").fetchone()
    assert PASSWORD not in fields and set(json.loads(fields)) == {"userName", "password"}
