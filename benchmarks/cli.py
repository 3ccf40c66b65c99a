"""Whole-process times of the console script, against references measured in the same rounds.

- `--help` vs a bare interpreter (`python -c pass`): goal ≤ 1.5x;
- `validate` and `test` (local, canned sample) vs the bare interpreter: goal ≤ 3x;
- the org commands (deploy, test --remote, export, delete, import) against the embedded
  sandbox vs `validate`: goal ≤ 2x.

Run: python -P benchmarks/cli.py (or `make bench` for every table row).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, interleave, ratio_row, render

ROUNDS = 9
BIN = Path(sys.executable).parent
SCRIPT = str(BIN / "dataaction")
NAME = "Bench weather"


class Stub(BaseHTTPRequestHandler):
    """The API the benchmark action calls (test --remote runs it for real)."""

    def do_GET(self) -> None:
        body = json.dumps({"main": {"temp": 21.5}, "weather": [{"description": "sunny"}]})
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def spec_text(api: str) -> str:
    return f"""\
name: {NAME}
category: Benchmark
request:
  method: GET
  url: {api}/weather?q=$esc.url(${{input.city}})
inputs:
  - {{name: city, type: string, sample: Paris}}
outputs:
  - {{name: temperature, path: $.main.temp, type: number}}
  - {{name: summary, path: "$.weather[0].description", type: string}}
sample_response: sample.json
"""


def timed(args: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed


def measure(work: Path, api: str) -> dict[str, list[float]]:
    spec = work / "weather.yaml"
    spec.write_text(spec_text(api))
    (work / "sample.json").write_text('{"main": {"temp": 12.0}, "weather": [{"description": "x"}]}')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    env |= {
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_STATE_HOME": str(work / "state"),
        "DATAACTION_CONFIG": str(work / "no-profiles.yaml"),
    }
    out = work / "export"

    def run(*args: str) -> Any:
        return lambda: timed([SCRIPT, *args], env, work)

    timed([SCRIPT, "deploy", str(spec)], env, work)  # the org exists from here on
    custom = work / "weather.custom.json"
    timed([SCRIPT, "convert", str(spec), "--to", "custom-json"], env, work)
    converted = subprocess.run(
        [SCRIPT, "convert", str(spec), "--to", "custom-json"],
        env=env,
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    custom.write_text(converted.stdout)
    runs = {
        "bare": lambda: timed([sys.executable, "-c", "pass"], env, work),
        "help": run("--help"),
        "validate": run("validate", str(spec)),
        "test": run("test", str(spec), "--sample", "--input", "city=Paris"),
        "deploy": run("deploy", str(spec)),
        "test --remote": run("test", "--remote", NAME, "--input", "city=Paris"),
        "export": run("export", "--name", NAME, "--format", "yaml", "--out", str(out)),
        "delete": run("delete", NAME, "--yes"),
        "import": run("import", str(custom)),
    }
    return interleave(runs, ROUNDS)


def rows() -> list[Row]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            t = measure(Path(tmp), f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
    bare, validate = t["bare"], t["validate"]
    out = [
        ratio_row("dataaction --help", t["help"], bare, "python -c pass", 1.5),
        ratio_row("dataaction validate", validate, bare, "python -c pass", 3),
        ratio_row("dataaction test --sample", t["test"], bare, "python -c pass", 3),
    ]
    for name in ("deploy", "test --remote", "export", "delete", "import"):
        out.append(
            ratio_row(f"dataaction {name} (embedded sandbox)", t[name], validate, "validate", 2)
        )
    return out


if __name__ == "__main__":
    print(render(rows()))
