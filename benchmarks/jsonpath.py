"""Medians of JSONPath evaluation: typical paths on 50 KB, deep scan and filter on 5 MB.

The 5 MB paths are also timed in the same run on Jayway json-path 2.9.0 itself, warm (the
conformance oracle's jars, `make oracle`): the target is to be faster than Jayway warm.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from tui.runtime.jsonpath import compile_path
from tui.runtime.jsontext import parse_json, to_json_text


def make_document(records: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    return {
        "total": records,
        "entities": [
            {
                "id": f"id-{i}",
                "name": f"Name {i}",
                "price": round(rng.uniform(0, 100), 2),
                "active": rng.random() < 0.5,
                "address": {"city": rng.choice(["Berlin", "Paris", "Oslo"]), "zip": str(10000 + i)},
                "tags": [rng.choice(["a", "b", "c"]) for _ in range(3)],
            }
            for i in range(records)
        ],
    }


def median_seconds(run: Callable[[], Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(
    label: str, path: str, doc: Any, repeat: int, jayway: dict[str, float] | None = None
) -> None:
    compiled = compile_path(path)
    seconds = median_seconds(lambda: compiled.evaluate(doc), repeat)
    unit, scale = ("µs", 1e6) if seconds < 1e-3 else ("ms", 1e3)
    line = f"{label:<42} {path:<45} {seconds * scale:9.1f} {unit}"
    if jayway and path in jayway:
        ratio = jayway[path] / (seconds * 1e3)
        line += f"   Jayway warm {jayway[path]:8.1f} ms ({ratio:.1f}x {'faster' if ratio >= 1 else 'SLOWER'})"
    print(line)


BIG_PATHS = [
    "$..city",
    "$.entities[?(@.price < 10)].id",
    "$.entities[?(@.active == true && @.price <= $.total)]",
    "$..*",
    "$.entities.length()",
]


def jayway_warm(text: bytes, paths: list[str], repeat: int) -> dict[str, float]:
    """Median ms per path on the real Jayway 2.9.0 jar, warm (`benchmarks/java/JsonPathBench`)."""
    import subprocess
    import tempfile
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    oracle = root / "build" / "oracle" / "2.9.0" / "classpath"
    if not oracle.exists():
        raise SystemExit("the Jayway reference needs the oracle jars: run `make oracle` first")
    classpath = oracle.read_text().strip()
    source = Path(__file__).parent / "java" / "JsonPathBench.java"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["javac", "-nowarn", "-d", tmp, "-cp", classpath, str(source)],
            check=True,
            capture_output=True,
        )
        data = Path(tmp) / "big.json"
        data.write_bytes(text)
        out = subprocess.run(
            ["java", "-cp", f"{tmp}:{classpath}", "JsonPathBench", str(data), str(repeat), *paths],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return {path: float(ms) for ms, path in (line.split("\t", 1) for line in out.splitlines())}


def main() -> None:
    import orjson

    small = parse_json(orjson.dumps(make_document(400)))
    big_text = orjson.dumps(make_document(40_000))
    big = parse_json(big_text)
    print(f"documents: {len(orjson.dumps(small)) / 1e3:.0f} KB and {len(big_text) / 1e6:.1f} MB")
    report("50 KB, definite path", "$.entities[17].address.city", small, 2000)
    report("50 KB, no-$ path (Genesys style)", "entities[0].name", small, 2000)
    report("50 KB, filter", "$.entities[?(@.id == 'id-42')].price", small, 300)
    jayway = jayway_warm(big_text, BIG_PATHS, 15)
    report("5 MB, deep scan", "$..city", big, 15, jayway)
    report("5 MB, filter", "$.entities[?(@.price < 10)].id", big, 15, jayway)
    report(
        "5 MB, filter with && and root ref",
        "$.entities[?(@.active == true && @.price <= $.total)]",
        big,
        10,
        jayway,
    )
    report("5 MB, deep scan wildcard", "$..*", big, 5, jayway)
    report("5 MB, function", "$.entities.length()", big, 15, jayway)
    parse = median_seconds(lambda: parse_json(big_text), 5)
    print(f"{'parse_json 5 MB':<88} {parse * 1e3:9.1f} ms")
    result = compile_path("$.entities[?(@.price < 10)]").evaluate(big)
    dump = median_seconds(lambda: to_json_text(result), 5)
    print(f"{'to_json_text of the 5 MB filter result':<88} {dump * 1e3:9.1f} ms")
    print(f"(compile of a new path: {median_seconds(_fresh_compile, 200) * 1e6:.1f} µs)")


_counter = [0]


def _fresh_compile() -> None:
    _counter[0] += 1
    compile_path(f"$.entities[?(@.price < {_counter[0]})].id")


if __name__ == "__main__":
    main()
