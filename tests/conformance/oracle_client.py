"""Runs a Java reference harness over a batch of JSON cases (one JSON object per line).

Each harness in `oracle/` reads JSON lines on stdin and writes one JSON line per case, in order.
The jars come from Maven Central (`oracle/build.sh`, run by `make oracle`); `version` picks the
Jayway json-path release on the classpath (Velocity 1.7 and velocity-tools 2.0 are always there).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "oracle"
JAYWAY = "2.9.0"  # what the runtime follows
JAYWAY_OLD = "2.0.0"  # only reported against (tests/conformance/DIVERGENCES.md)


def available() -> str | None:
    """None when the oracle can be built here, else why not."""
    for tool in ("java", "javac", "mvn"):
        if not shutil.which(tool):
            return f"no '{tool}' on PATH: run 'make deps' (JDK 17 + Maven)"
    return None


def build(version: str = JAYWAY) -> str:
    """Fetch the jars and compile the harnesses for `version` (idempotent); the classpath."""
    subprocess.run(["bash", str(ROOT / "tests/conformance/oracle/build.sh"), version], check=True)
    return (BUILD / version / "classpath").read_text().strip()


def run_batch(
    main_class: str, cases: list[dict], version: str = JAYWAY, timeout: float = 600
) -> list[dict]:
    """Feed `cases` to `main_class` on the `version` classpath and return one answer per case."""
    classpath = build(version)
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
