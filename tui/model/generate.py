"""The parts of an action generated from the friendly fields: contracts and success template.

Whether the action uses a generated part or the user's hand-edited one is decided in one place,
:mod:`tui.model.parts`.
"""

from __future__ import annotations

import re
from typing import Any

from tui.model.action import DEFAULT_SUCCESS_TEMPLATE
from tui.model.paths import looks_indefinite
from tui.model.spec import InputSpec, OutputSpec


def input_schema(inputs: list[InputSpec]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for i in inputs:
        prop: dict[str, Any] = {"type": i.type}
        if i.description:
            prop["description"] = i.description
        props[i.name] = prop
    schema: dict[str, Any] = {"type": "object", "properties": props}
    required = [i.name for i in inputs if i.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = True
    return schema


def output_property(o: OutputSpec) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": o.type}
    if o.type == "array":
        prop["items"] = {"type": o.items or "string"}
    if o.description:
        prop["description"] = o.description
    return prop


def output_schema(outputs: list[OutputSpec]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {o.name: output_property(o) for o in outputs},
        "additionalProperties": True,
    }


def success_value(o: OutputSpec) -> str:
    """The Velocity expression that inserts one mapped value into the success template."""
    if o.type != "array" and looks_indefinite(o.path):
        # Filters and wildcards always give an array: take its first element, as Genesys
        # authors do with successTemplateUtils.firstFromArray.
        fallback = o.default if o.default is not None else "null"
        return f'$successTemplateUtils.firstFromArray("${{{o.name}}}", {velocity_string(fallback)})'
    return f"${{{o.name}}}"


_VELOCITY_SPECIALS = {"$": "${esc.dollar}", "#": "${esc.hash}", '"': "${esc.quote}"}


def velocity_string(text: str) -> str:
    """`text` as a Velocity 1.7 double-quoted literal (which has no backslash escapes)."""
    return '"' + re.sub(r'[$#"]', lambda m: _VELOCITY_SPECIALS[m.group()], text) + '"'


def success_template(outputs: list[OutputSpec]) -> str:
    if not outputs:
        return DEFAULT_SUCCESS_TEMPLATE
    return "{" + ", ".join(f'"{o.name}": {success_value(o)}' for o in outputs) + "}"


def translation_map(outputs: list[OutputSpec]) -> dict[str, str]:
    return {o.name: o.path for o in outputs}


def translation_map_defaults(outputs: list[OutputSpec]) -> dict[str, str]:
    return {o.name: o.default for o in outputs if o.default is not None}
