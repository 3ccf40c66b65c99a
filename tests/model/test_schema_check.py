"""The contract fast path answers exactly as jsonschema (Draft 4) does."""

from __future__ import annotations

from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.schema_check import _plan, schema_errors

names = st.sampled_from(["a", "b", "c"])
leaf_types = st.sampled_from(["string", "integer", "number", "boolean", "null"])
values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3)
    ),
    lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(names, kids, max_size=3)),
    max_leaves=6,
)


@st.composite
def schemas(draw: Any, depth: int = 0) -> dict[str, Any]:
    kind = draw(st.sampled_from(["leaf", "object", "array"] if depth < 2 else ["leaf"]))
    if kind == "leaf":
        t = draw(st.one_of(leaf_types, st.lists(leaf_types, min_size=1, max_size=2, unique=True)))
        return {"type": t}
    if kind == "array":
        return {"type": "array", "items": draw(schemas(depth + 1))}
    props = draw(st.dictionaries(names, schemas(depth + 1), max_size=3))
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if draw(st.booleans()):
        schema["required"] = draw(st.lists(names, unique=True, max_size=2))
    if draw(st.booleans()):
        schema["additionalProperties"] = draw(st.booleans())
    return schema


def reference(schema: dict[str, Any], instance: Any) -> list[str]:
    v = jsonschema.Draft4Validator(schema)
    return sorted(
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in v.iter_errors(instance)
    )


@settings(max_examples=400, deadline=None)
@given(schemas(), values)
def test_fast_path_agrees_with_jsonschema(schema: dict[str, Any], instance: Any) -> None:
    ours = schema_errors(schema, instance)
    assert _plan.__wrapped__  # the cache is in front of the planner
    assert bool(ours) == bool(reference(schema, instance))
    assert sorted(ours) == reference(schema, instance)


def test_unusual_keywords_fall_back_to_jsonschema() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 3}}}
    assert schema_errors(schema, {"n": 2}) == ["n: 2 is less than the minimum of 3"]
    draft7 = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "integer"}
    assert schema_errors(draft7, 1.0) == []
