"""Command-line start-up: process start to answer for the commands that must stay light.

Prints medians of 7 runs (target: well under 250 ms each).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "weather-by-city.yaml"
COMMANDS = {
    "--help": ["--help"],
    "validate": ["validate", str(EXAMPLE)],
    "test --sample": ["test", str(EXAMPLE), "--sample"],
    "test --json --sample": ["test", str(EXAMPLE), "--sample", "--json"],
}


def main() -> None:
    baseline = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        baseline.append(time.perf_counter() - t)
    print(
        f"{'python -c pass':24s} median {statistics.median(baseline) * 1e3:6.0f} ms (interpreter floor)"
    )
    for name, args in COMMANDS.items():
        times = []
        for _ in range(7):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tui", *args], check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        print(f"dataaction {name:13s} median {statistics.median(times) * 1e3:6.0f} ms")


if __name__ == "__main__":
    main()
