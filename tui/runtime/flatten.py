"""Architect's flattening format: nested keys dotted, arrays of objects as parallel arrays.

The exact format is not documented publicly; this follows the Genesys Data Actions reference
(section 3.6): `{"a":{"b":1}}` -> `{"a.b":1}` and `{"items":[{"id":1},{"id":2}]}` ->
`{"items.id":[1,2]}`; arrays of primitives stay arrays.
"""

from __future__ import annotations

from typing import Any


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Flatten a JSON object for Architect."""
    out: dict[str, Any] = {}
    if not isinstance(value, dict):
        return {prefix or "value": value}
    for key, item in value.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(item, dict):
            out.update(flatten(item, name))
        elif isinstance(item, list) and any(isinstance(e, dict) for e in item):
            columns: dict[str, list[Any]] = {}
            for element in item:
                flat = flatten(element, name) if isinstance(element, dict) else {name: element}
                for k in columns.keys() | flat.keys():
                    columns.setdefault(k, [None] * (len(next(iter(columns.values()), []))))
                for k, col in columns.items():
                    col.append(flat.get(k))
            out.update(columns)
        else:
            out[name] = item
    return out


def flatten_schema(schema: dict[str, Any], prefix: str = "") -> tuple[dict[str, Any], list[str]]:
    """A flattened JSON schema and the dotted names of properties that were arrays."""
    props: dict[str, Any] = {}
    arrays: list[str] = []
    for key, prop in (schema.get("properties") or {}).items():
        name = f"{prefix}.{key}" if prefix else key
        typ = prop.get("type") if isinstance(prop, dict) else None
        if typ == "object":
            sub, sub_arrays = flatten_schema(prop, name)
            props.update(sub["properties"])
            arrays += sub_arrays
        elif typ == "array" and (prop.get("items") or {}).get("type") == "object":
            arrays.append(name)
            sub, sub_arrays = flatten_schema(prop["items"], name)
            for k, v in sub["properties"].items():
                props[k] = {"type": "array", "items": v}
            arrays += sub_arrays
        else:
            if typ == "array":
                arrays.append(name)
            props[name] = prop
    return {"type": "object", "properties": props}, arrays
