"""Starting points and CI suites, through the console script, against same-run references.

- `new --from-openapi` on a 2,000-operation (~0.8 MB) JSON description vs `validate` of one spec
  (the console script's usual cost): goal ≤ 3x — the description is parsed once and only the
  picked operation's $refs are resolved;
- `new --from-curl` vs `validate`: goal ≤ 1.5x;
- `test --suite` with 200 canned cases vs `test --sample` of one action: goal ≤ 2x;
- parsing one curl line in-process: goal < 0.5 ms.

Run: python -P benchmarks/starting.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, absolute_row, interleave, ratio_row, render

ROUNDS = 7
SCRIPT = str(Path(sys.executable).parent / "dataaction")
ROOT = Path(__file__).resolve().parents[1]
CURL = (
    "curl -X POST 'https://api.example.com/v1/customers/{customerId}/notes?notify=true' "
    "-H 'Authorization: Bearer tok' -H 'Content-Type: application/json' "
    '--data-raw \'{"text": "called back", "tags": ["vip"]}\''
)


def big_description(n: int) -> dict:
    """An OpenAPI 3.0 description with `n` operations sharing component schemas."""
    schemas = {
        f"Thing{i}": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string", "description": "x" * 200},
                "owner": {"$ref": f"#/components/schemas/Thing{(i + 1) % 50}"},
                "tags": {"type": "array", "items": {"type": "string"}},
            },
        }
        for i in range(50)
    }
    paths = {}
    for i in range(n):
        paths[f"/things{i}/{{thingId}}"] = {
            "get": {
                "operationId": f"getThing{i}",
                "summary": f"Get thing {i}",
                "parameters": [
                    {
                        "name": "thingId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {"name": "expand", "in": "query", "schema": {"type": "boolean"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/Thing{i % 50}"}
                            }
                        },
                    }
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Big", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def timed(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, check=False)
    took = time.perf_counter() - start
    if proc.returncode not in ok:
        raise SystemExit(f"{cmd}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
    return took


def rows() -> list[Row]:
    work = Path(tempfile.mkdtemp(prefix="bench-start-"))
    desc = work / "big.json"
    desc.write_text(json.dumps(big_description(2000)))
    spec = ROOT / "examples" / "weather-by-city.yaml"
    suite = work / "suite"
    suite.mkdir()
    (suite / "w.yaml").write_text(
        spec.read_text().replace("../sample_responses/", str(ROOT / "sample_responses") + "/")
    )
    case = {
        "inputs": {"city": "London", "units": "metric"},
        "response": {"file": str(ROOT / "sample_responses" / "weather_current.json")},
        "expect": {"output": {"temperature": 11.62}},
    }
    cases = [{"name": f"case {i}", **case} for i in range(200)]
    (suite / "w.cases.yaml").write_text(json.dumps({"cases": cases}))
    counter = iter(range(10_000))

    runs = {
        "validate": lambda: timed([SCRIPT, "validate", str(spec)], work),
        "openapi": lambda: timed(
            [
                SCRIPT,
                "new",
                "--from-openapi",
                str(desc),
                "--operation",
                "getThing1999",
                "-o",
                f"o{next(counter)}.yaml",
            ],
            work,
        ),
        "curl": lambda: timed(
            [SCRIPT, "new", "--from-curl", CURL, "-o", f"c{next(counter)}.yaml"], work
        ),
        "test": lambda: timed([SCRIPT, "test", str(spec), "--sample"], work),
        "suite": lambda: timed([SCRIPT, "test", "--suite", str(suite)], work),
    }
    t = interleave(runs, ROUNDS)

    from tui.model.curl_import import parse_curl

    parse_curl(CURL)
    per_line = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(200):
            parse_curl(CURL)
        per_line.append((time.perf_counter() - start) / 200)
    size = desc.stat().st_size / 1e6
    return [
        ratio_row(
            f"new --from-openapi ({size:.1f} MB, 2,000 ops)",
            t["openapi"],
            t["validate"],
            "validate",
            3,
        ),
        ratio_row("new --from-curl", t["curl"], t["validate"], "validate", 1.5),
        ratio_row("test --suite (200 cases)", t["suite"], t["test"], "test --sample", 2),
        absolute_row("parse one curl line (in process)", per_line, 0.5),
    ]


if __name__ == "__main__":
    print(render(rows()))
