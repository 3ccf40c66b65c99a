"""`make bench`: every speed target in one table (measure, ours, reference, ratio, goal).

Each row's reference is measured in the same run (interleaved where both are processes), so
machine load hits both sides alike. Needs the Java oracle jars (`make oracle`).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cli
import deploy
import engine
import starting
import terraform
import wizard
from table import render


def main() -> None:
    rows = []
    for module in (cli, wizard, deploy, engine, starting, terraform):
        print(f"measuring {module.__name__}…", file=sys.stderr, flush=True)
        rows += module.rows()
        print(render(rows), file=sys.stderr, flush=True)  # so far, in case a later one fails
    print(render(rows))


if __name__ == "__main__":
    main()
