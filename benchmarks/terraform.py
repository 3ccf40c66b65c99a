"""Reading Terraform through the console script, against `validate` of one YAML spec measured in
the same rounds (the same process start, pydantic and runtime; only the reading differs):

- `validate` of a 22-resource `.tf` file (python-hcl2 parse + expression evaluation): goal ≤ 2x;
- `validate` of a module folder (variables, locals, two resources): goal ≤ 2x;
- `convert` of a UI export to Terraform: goal ≤ 1.5x.

Run: python -P benchmarks/terraform.py (or `make bench`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, interleave, ratio_row, render

ROUNDS = 9
SCRIPT = str(Path(sys.executable).parent / "dataaction")
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def timed(args: list[str], ok: tuple[int, ...] = (0, 1)) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    start = time.perf_counter()
    done = subprocess.run(
        [SCRIPT, *args], env=env, capture_output=True, text=True, check=False, cwd=CORPUS
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok or "internal error" in done.stderr:
        raise SystemExit(f"{args} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


def rows() -> list[Row]:
    export = str(CORPUS / "custom" / "Get-Queue-ID-by-Name.json")
    t = interleave(
        {
            "yaml": lambda: timed(["validate", str(CORPUS / "yaml" / "weather.yaml")], (0,)),
            "catalogue": lambda: timed(["validate", str(CORPUS / "tf" / "catalogue.tf")]),
            "module": lambda: timed(["validate", str(CORPUS / "tf" / "devops-module")], (0,)),
            "convert": lambda: timed(["convert", export, "--to", "tf"], (0,)),
        },
        ROUNDS,
    )
    return [
        ratio_row(
            "validate catalogue.tf (22 resources)", t["catalogue"], t["yaml"], "validate YAML", 2
        ),
        ratio_row("validate a module folder (4 files)", t["module"], t["yaml"], "validate YAML", 2),
        ratio_row("convert a UI export --to tf", t["convert"], t["yaml"], "validate YAML", 1.5),
    ]


if __name__ == "__main__":
    print(render(rows()))
