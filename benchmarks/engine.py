"""Engine throughput: a full local execution of a typical action on a 50 KB response.

Prints medians. Targets: >= 2,000 executions/s on one core (render + translate + validate);
JSONPath on a 5 MB document < 50 ms.
"""

from __future__ import annotations

import json
import random
import statistics
import time

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


def median_of(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    action = typical_action()
    body = json.dumps(document(50_000)).encode()
    inputs = {"query": 'Ada "the first"', "tenant": "acme", "limit": 10}
    response = CannedResponse(body)
    result = run_test(action, inputs, response=response)
    assert result.success, result.error
    n = 500

    def batch() -> None:
        for _ in range(n):
            run_test(action, inputs, response=response)

    per_exec = median_of(batch) / n
    print(
        f"full execution, 50 KB response ({len(body)} bytes): median {per_exec * 1e6:.0f} µs "
        f"-> {1 / per_exec:,.0f} executions/s (target >= 2,000)"
    )
    heavy = action.model_copy(deep=True)
    heavy.config.response.translation_map["workPhone"] = "$.entities[?(@.status == 'pending')].id"
    per_heavy = median_of(lambda: [run_test(heavy, inputs, response=response) for _ in range(100)])
    entities = len(json.loads(body)["entities"])
    print(
        f"same with a filter over all {entities} entities: median {per_heavy * 1e4:.0f} µs "
        f"-> {100 / per_heavy:,.0f} executions/s"
    )
    passthrough = action.model_copy(deep=True)
    passthrough.config.response.success_template = "${rawResult}"
    passthrough.contract.output.success_schema = {"type": "object", "properties": {}}
    per_raw = median_of(
        lambda: [run_test(passthrough, inputs, response=response) for _ in range(20)]
    )
    print(f"${{rawResult}} pass-through of 50 KB: median {per_raw * 1e6 / 20:.0f} µs")

    big_text = json.dumps(document(5_000_000)).encode()
    big = parse_json(big_text)
    print(
        f"parse 5 MB ({len(big_text)} bytes): median {median_of(lambda: parse_json(big_text)) * 1e3:.1f} ms"
    )
    for path in (
        "$.entities[4000].name.last",
        "$.entities[*].id",
        "$..number",
        "$.entities[?(@.score > 99.5)].email",
    ):
        compiled = compile_path(path)
        ms = median_of(lambda c=compiled: c.evaluate(big)) * 1e3
        print(f"JSONPath {path:40s} on 5 MB: median {ms:.2f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
