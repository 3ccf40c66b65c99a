"""From a clicked JSON node to a translation-map entry: paths, inferred types, live previews."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from tui.model.paths import looks_indefinite, output_name_for
from tui.model.spec import OutputSpec, OutputType
from tui.runtime.jsonpath import JsonPathSyntaxError, PathNotFoundError, compile_path
from tui.runtime.jsontext import to_json_text

Key = str | int
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ARRAY_INDEX = re.compile(r"\[(\d+)\]")


def path_of(parts: tuple[Key, ...]) -> str:
    """The JSONPath of a node given its keys from the root (`$.a.b[0]`, `$['odd key']`)."""
    out = ["$"]
    for p in parts:
        if isinstance(p, int):
            out.append(f"[{p}]")
        elif _PLAIN_KEY.match(p):
            out.append(f".{p}")
        elif "'" in p:
            # Jayway 2.0.0 has no escapes inside quoted names: quote with the other kind.
            out.append(f'["{p}"]')
        else:
            out.append(f"['{p}']")
    return "".join(out)


def json_type(value: Any) -> OutputType:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float | Decimal):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def item_type(values: list[Any]) -> str:
    kinds = {json_type(v) for v in values if v is not None}
    if kinds == {"integer", "number"}:
        return "number"
    if len(kinds) == 1:
        kind = kinds.pop()
        return kind if kind != "array" else "object"
    return "string"


def literal(value: Any) -> str:
    """A JSONPath filter literal (Jayway 2.0.0 has no escapes: quote with the other kind)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return f'"{text}"' if "'" in text else f"'{text}'"


def filter_condition(element: Any, leaf: Key | None = None) -> str:
    """A filter that picks `element` out of its array, by its first other identifying field."""
    if isinstance(element, dict):
        for key, value in element.items():
            plain = isinstance(key, str) and _PLAIN_KEY.match(key)
            if key != leaf and plain and isinstance(value, str | int | bool) and value != "":
                return f"@.{key} == {literal(value)}"
        return "@.id == 'value'"
    if isinstance(element, str | int | float | bool):
        return f"@ == {literal(element)}"
    return "@.id == 'value'"


def array_variants(path: str, element: Any = None, leaf: Key | None = None) -> dict[str, str]:
    """For a path through an array element: the first element, all elements, or a filter.

    `element` is the array item the path goes through (and `leaf` the key read from it), used
    to suggest a filter that selects that very item by one of its other fields.
    """
    matches = list(ARRAY_INDEX.finditer(path))
    if not matches:
        return {}
    last = matches[-1]
    head, tail = path[: last.start()], path[last.end() :]
    return {
        "first": f"{head}[0]{tail}",
        "all": f"{head}[*]{tail}",
        "filter": f"{head}[?({filter_condition(element, leaf)})]{tail}",
    }


def array_element(document: Any, parts: tuple[Key, ...]) -> tuple[Any, Key | None]:
    """The item of the innermost array on `parts`, and the key read from it next."""
    last = max((i for i, p in enumerate(parts) if isinstance(p, int)), default=None)
    if last is None:
        return None, None
    node = document
    for p in parts[: last + 1]:
        node = node[p]
    return node, parts[last + 1] if last + 1 < len(parts) else None


def new_output(path: str, value: Any, taken: set[str], single: bool = False) -> OutputSpec:
    """An output for `path`: a unique valid name and a type inferred from the value.

    `single` keeps a scalar type for a filter path (the compiler takes its first match).
    """
    name = output_name_for(path, taken)
    if single and not isinstance(value, list | dict):
        return OutputSpec(name=name, path=path, type=json_type(value))
    if looks_indefinite(path):
        values = value if isinstance(value, list) else [value]
        return OutputSpec(name=name, path=path, type="array", items=item_type(values))
    kind = json_type(value)
    if kind == "array":
        return OutputSpec(name=name, path=path, type="array", items=item_type(value))
    return OutputSpec(name=name, path=path, type=kind)


def preview(path: str, document: Any, limit: int = 200) -> tuple[bool, str]:
    """What the runtime extracts for `path` (as JSON text), or why it cannot."""
    try:
        value = compile_path(path).evaluate(document)
    except PathNotFoundError as exc:
        return False, f"not found: {exc} (the default is used)"
    except JsonPathSyntaxError as exc:
        return False, f"invalid path: {exc}"
    text = to_json_text(value)
    return True, text if len(text) <= limit else text[: limit - 1] + "…"


def evaluate(path: str, document: Any) -> Any:
    return compile_path(path).evaluate(document)
