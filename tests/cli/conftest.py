"""The console script against the sandbox a user started: one runner for the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
OrgCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(user_sandbox: Any, tmp_path: Path) -> OrgCli:
    """`run(*args, stdin=..., **env)`: `.venv/bin/dataaction` in `tmp_path`, pointed at the
    user's sandbox by its variables and nothing else (no outside Genesys or dataaction setting,
    no profile file), colour off, stdin closed unless given; `env` adds variables per call."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    base.update(user_sandbox.env(), NO_COLOR="1", DATAACTION_CONFIG=str(tmp_path / "none.yaml"))

    def dataaction(
        *args: str, stdin: int | None = subprocess.DEVNULL, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [DATAACTION, *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**base, **env},
            cwd=tmp_path,
            stdin=stdin,
            check=False,
        )

    return dataaction
