"""A big response is parsed, translated and dropped without a GC pass walking it."""

from __future__ import annotations

import gc
import json
from typing import Any

from tui.model.compile import compile_spec
from tui.model.spec import OutputSpec, RequestSpec, Spec
from tui.runtime.pipeline import CannedResponse, run_test


def test_no_collection_walks_the_parsed_response() -> None:
    body = json.dumps(
        {"items": [{"id": i, "tags": ["a", "b"], "address": {"city": "X"}} for i in range(60_000)]}
    ).encode()
    action = compile_spec(
        Spec(
            name="Big",
            request=RequestSpec(url="https://api.example.com/x"),
            outputs=[OutputSpec(name="last", path="$.items[59999].id", type="integer")],
        )
    )
    young_at_collection: list[int] = []

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            young_at_collection.append(gc.get_count()[0])

    gc.collect()
    gc.callbacks.append(watch)
    try:
        for _ in range(3):
            result = run_test(action, {}, response=CannedResponse(body))
            assert result.success and result.final_result == {"last": 59999}
    finally:
        gc.callbacks.remove(watch)
    # The document holds ~180,000 containers: a pass that met it would see them as young.
    assert max(young_at_collection, default=0) < 20_000, young_at_collection
