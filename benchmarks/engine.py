"""Engine throughput: a full local execution of a typical action (50 KB and 20 MB responses).

- one execution on 50 KB: ≥ 2,000/s on one core (render + translate + validate);
- one execution on a 20 MB response vs Java's parse + paths of the same translation map
  (json-smart + Jayway from the conformance oracle jars, `make oracle`), same run: ≤ 1.5x;
- JSONPath on a 5 MB document: < 50 ms.

Run: python -P benchmarks/engine.py (or `make bench`).
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, absolute_row, ratio_row, render

from tui.model.compile import compile_spec
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec
from tui.runtime.jsonpath import compile_path
from tui.runtime.jsontext import parse_json
from tui.runtime.pipeline import CannedResponse, run_test


def document(target_bytes: int, seed: int = 7) -> dict:
    """A CRM-style search result of about `target_bytes` of JSON."""
    rnd = random.Random(seed)
    contacts: list[dict] = []
    size = 0
    while size < target_bytes:
        i = len(contacts)
        contact = {
            "id": f"c-{i:06d}",
            "name": {"first": rnd.choice(["Ada", "Grace", "Linus", "Zoë"]), "last": f"N{i}"},
            "email": f"user{i}@example.com",
            "status": rnd.choice(["active", "inactive", "pending"]),
            "score": round(rnd.random() * 100, 2),
            "phones": [{"type": "work", "number": f"+1555{i:07d}"}],
            "tags": rnd.sample(["vip", "new", "churn", "b2b", "b2c"], 2),
        }
        contacts.append(contact)
        size += len(json.dumps(contact)) + 2
    return {"total": len(contacts), "pageSize": len(contacts), "entities": contacts}


def typical_action():
    spec = Spec(
        name="Contact search",
        request=RequestSpec(
            method="POST",
            url="https://crm.example.com/v2/contacts/search?q=$esc.url(${input.query})",
            headers={"Accept": "application/json", "X-Tenant": "${input.tenant}"},
            body='{"query": "$esc.jsonString(${input.query})", "limit": ${input.limit}}',
        ),
        inputs=[
            InputSpec(name="query"),
            InputSpec(name="tenant"),
            InputSpec(name="limit", type="integer"),
        ],
        outputs=[
            OutputSpec(name="total", path="$.total", type="integer"),
            OutputSpec(name="firstId", path="$.entities[0].id"),
            OutputSpec(name="firstEmail", path="$.entities[0].email"),
            OutputSpec(name="firstLast", path="$.entities[0].name.last"),
            OutputSpec(name="firstPhone", path="$.entities[0].phones[0].number"),
            OutputSpec(name="workPhone", path="$.entities[0].phones[?(@.type == 'work')].number"),
        ],
    )
    return compile_spec(spec)


ROOT = Path(__file__).resolve().parents[1]
ORACLE = ROOT / "build" / "oracle" / "2.9.0" / "classpath"  # Jayway as Genesys runs it


def java_parse_path(body: bytes, paths: list[str], rounds: int) -> list[float]:
    """Seconds per Java parse + paths (after JIT warm-up), from the oracle's jars."""
    if not ORACLE.exists():
        raise SystemExit("the Java reference needs the oracle jars: run `make oracle` first")
    classpath = ORACLE.read_text().strip()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "javac",
                "-nowarn",
                "-d",
                tmp,
                "-cp",
                classpath,
                str(Path(__file__).parent / "java" / "ParsePath.java"),
            ],
            check=True,
            capture_output=True,
        )
        data = Path(tmp) / "body.json"
        data.write_bytes(body)
        out = subprocess.run(
            ["java", "-cp", f"{tmp}:{classpath}", "ParsePath", str(data), str(rounds), *paths],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return [float(line) / 1e3 for line in out.split()]


def timings(fn, repeat: int = 7) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def rows() -> list[Row]:
    action = typical_action()
    inputs = {"query": 'Ada "the first"', "tenant": "acme", "limit": 10}
    body = json.dumps(document(50_000)).encode()
    response = CannedResponse(body)
    assert run_test(action, inputs, response=response).success
    n = 300
    per_exec = [
        t / n
        for t in timings(lambda: [run_test(action, inputs, response=response) for _ in range(n)], 5)
    ]
    out = [
        Row(
            "execution, typical action, 50 KB response",
            f"{statistics.median(per_exec) * 1e6:.0f} µs ({1 / statistics.median(per_exec):,.0f}/s)",
            "—",
            None,
            "≥ 2,000/s",
            1 / statistics.median(per_exec) >= 2000,
        )
    ]
    big_body = json.dumps(document(20_000_000)).encode()
    big_response = CannedResponse(big_body)
    assert run_test(action, inputs, response=big_response).success
    paths = list(action.config.response.translation_map.values())
    java = java_parse_path(big_body, paths, 7)
    ours = timings(lambda: run_test(action, inputs, response=big_response), 7)
    out.append(
        ratio_row(
            f"execution on a 20 MB response ({len(paths)} paths)",
            ours,
            java,
            "Java parse+paths",
            1.5,
        )
    )
    five = parse_json(json.dumps(document(5_000_000)).encode())
    for path in ("$..number", "$.entities[?(@.score > 99.5)].email"):
        compiled = compile_path(path)
        out.append(
            absolute_row(
                f"JSONPath {path} on 5 MB", timings(lambda c=compiled: c.evaluate(five)), 50
            )
        )
    return out


if __name__ == "__main__":
    print(render(rows()))
