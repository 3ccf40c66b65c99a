"""Run the installed console script as a hostile user would: capped in time and memory.

Every run gets its own folder as working directory, HOME and XDG folders, so anything a command
writes lands there (or is a hole the caller checks for). Genesys variables are cleared: with no
credentials the commands use the embedded sandbox inside that folder.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "dataaction"
MEMORY_CAP = 1536 * 1024 * 1024  # address space per case: the SDK alone maps ~400 MB
TIME_CAP = 30.0
CLEARED = (
    "GENESYS_CLIENT_ID",
    "GENESYS_CLIENT_SECRET",
    "GENESYS_ENVIRONMENT",
    "GENESYSCLOUD_OAUTHCLIENT_ID",
    "GENESYSCLOUD_OAUTHCLIENT_SECRET",
    "GENESYSCLOUD_REGION",
    "DATAACTION_PROFILE",
    "DATAACTION_DEBUG",
    "DATAACTION_DRAFT",
)


@dataclass
class Outcome:
    code: int | None  # None: killed at the time cap
    stdout: str
    stderr: str
    seconds: float

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def _limit_memory(cap: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    os.setsid()  # its own process group: a timeout kills the children too


def case_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        DATAACTION_CONFIG=str(home / "profiles.yaml"),
        NO_COLOR="1",
    )
    env.update(extra or {})
    return env


def run_capped(
    args: list[str],
    cwd: Path,
    *,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    time_cap: float = TIME_CAP,
    memory_cap: int = MEMORY_CAP,
) -> Outcome:
    """`dataaction *args` in `cwd`, killed (code None) past `time_cap` seconds."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [str(SCRIPT), *args],
        cwd=cwd,
        env=case_env(cwd, env),
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: _limit_memory(memory_cap),
    )
    try:
        out, err = proc.communicate(stdin.encode() if stdin is not None else None, time_cap)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        code = None
    return Outcome(
        code,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        time.monotonic() - start,
    )
