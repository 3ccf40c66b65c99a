"""The benchmark scripts stay importable and their table renders (the runs are `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import sys
sys.path.insert(0, 'benchmarks')
import cli, deploy, engine, run, starting, terraform, wizard
from table import absolute_row, ratio_row, render
rows = [ratio_row('a', [0.2, 0.3], [0.1, 0.1], 'ref', 2), absolute_row('b', [0.1], 300)]
print(render(rows))
"""


def test_benchmarks_import_and_render_one_table() -> None:
    out = subprocess.run(
        [sys.executable, "-P", "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.splitlines()
    assert out[0].split("|")[0].strip() == "measure"
    assert "2.50x" in out[2] and "MISSED" in out[2]
    assert "ok" in out[3]
