"""Runs a Java reference harness over a batch of JSON cases (one JSON object per line).

Each harness in `oracle/` reads JSON lines on stdin and writes one JSON line per case, in order.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "oracle"


def available() -> str | None:
    """None when the oracle can run, else why not."""
    if not shutil.which("javac") or not shutil.which("java"):
        return "no JDK: run 'make deps'"
    if not Path("/usr/share/java/velocity.jar").exists():
        return "Debian's velocity/json-path jars are missing: run 'make deps'"
    return None


def build() -> str:
    """Compile the harnesses (idempotent) and return the classpath."""
    subprocess.run(["bash", str(ROOT / "tests/conformance/oracle/build.sh")], check=True)
    return (BUILD / "classpath").read_text().strip()


def run_batch(main_class: str, cases: list[dict], timeout: float = 600) -> list[dict]:
    """Feed `cases` to `main_class` and return its answers, one per case."""
    classpath = build()
    payload = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    proc = subprocess.run(
        ["java", "-Xss8m", "-Dfile.encoding=UTF-8", "-cp", classpath, main_class],
        input=payload.encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{main_class} failed:\n{proc.stderr.decode(errors='replace')[-4000:]}")
    lines = proc.stdout.decode("utf-8").splitlines()
    if len(lines) != len(cases):
        raise RuntimeError(f"{main_class} answered {len(lines)} of {len(cases)} cases")
    return [json.loads(line) for line in lines]
