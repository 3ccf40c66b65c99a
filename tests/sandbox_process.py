"""The sandbox as a user starts it: `dataaction sandbox --port 0` in its own process."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


def console_script() -> str:
    """The installed `dataaction` next to this interpreter (the venv's), else on PATH."""
    here = Path(sys.executable).parent / "dataaction"
    return str(here) if here.exists() else (shutil.which("dataaction") or "dataaction")


@dataclass
class UserSandbox:
    url: str
    client_id: str
    client_secret: str
    process: subprocess.Popen[str]

    def env(self) -> dict[str, str]:
        return {
            "GENESYS_ENVIRONMENT": self.url,
            "GENESYS_CLIENT_ID": self.client_id,
            "GENESYS_CLIENT_SECRET": self.client_secret,
        }

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_user_sandbox(db: Path) -> UserSandbox:
    """Start it and read the exports it prints (URL, client id, the secret shown once)."""
    proc = subprocess.Popen(
        [console_script(), "sandbox", "--port", "0", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    values: dict[str, str] = {}
    for line in proc.stdout:
        if "export GENESYS_" in line:
            key, _, value = line.strip().removeprefix("export ").partition("=")
            values[key] = value
        if line.startswith("Press Ctrl+C"):
            break
    if len(values) < 3:
        proc.kill()
        raise RuntimeError(f"the sandbox did not start: {values}")
    return UserSandbox(
        values["GENESYS_ENVIRONMENT"],
        values["GENESYS_CLIENT_ID"],
        values["GENESYS_CLIENT_SECRET"],
        proc,
    )
