"""JSON documents as trees of paths: Jayway notation for a node, type inference, mapping helpers.

Pure (stdlib and the spec model only), shared by the wizard and plain mode. Hand-written because
no JSONPath library renders paths in Jayway 2.0.0's notation (which has no escapes in quoted
names) or suggests filters from a sample element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tui.model.paths import looks_indefinite, output_name_for
from tui.model.spec import ItemType, OutputSpec, OutputType

Key = str | int  # an object key, or an array index
MAX_ENTRIES = 5000
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ARRAY_INDEX = re.compile(r"\[(\d+)\]")


# -- paths -------------------------------------------------------------------------------


def path_of(parts: tuple[Key, ...], all_elements: bool = False) -> str:
    """The JSONPath of a node given its keys from the root (`$.a.b[0]`, `$['odd key']`).

    With `all_elements`, every array step becomes `[*]`.
    """
    out = ["$"]
    for p in parts:
        if isinstance(p, int):
            out.append("[*]" if all_elements else f"[{p}]")
        elif _PLAIN_KEY.match(p):
            out.append(f".{p}")
        elif "'" in p:
            # Quote with the other kind rather than escape: Jayway 2.9.0 reads both quotes.
            out.append(f'["{p}"]')
        else:
            out.append(f"['{p}']")
    return "".join(out)


def child_parts(parts: tuple[Key, ...], value: Any) -> list[tuple[tuple[Key, ...], Any]]:
    """The children of a node, as (parts, value), in document order."""
    if isinstance(value, dict):
        return [((*parts, k), v) for k, v in value.items()]
    if isinstance(value, list):
        return [((*parts, i), v) for i, v in enumerate(value)]
    return []


@dataclass(frozen=True, slots=True)
class PathEntry:
    """One node of a document: its keys from the root and its value."""

    parts: tuple[Key, ...]
    value: Any

    @property
    def has_array_step(self) -> bool:
        return any(isinstance(p, int) for p in self.parts)

    def path(self, all_elements: bool = False) -> str:
        return path_of(self.parts, all_elements)


def list_paths(document: Any, limit: int = MAX_ENTRIES) -> tuple[list[PathEntry], bool]:
    """Nodes in document order, arrays through their first element only; True when cut.

    Listing arrays through `[0]` makes a 10,000-element array cost as much as one element.
    """
    entries: list[PathEntry] = []
    stack: list[tuple[tuple[Key, ...], Any]] = [((), document)]
    while stack:
        parts, value = stack.pop()
        if parts:
            entries.append(PathEntry(parts, value))
            if len(entries) >= limit:
                return entries, True
        if isinstance(value, dict):
            stack.extend(reversed(child_parts(parts, value)))
        elif isinstance(value, list) and value:
            stack.append(((*parts, 0), value[0]))
    return entries, False


def values_at(document: Any, parts: tuple[Key, ...]) -> list[Any]:
    """All values the `[*]` form of a path reaches (a direct walk, for type inference)."""
    current = [document]
    for p in parts:
        nxt: list[Any] = []
        for node in current:
            if isinstance(p, int) and isinstance(node, list):
                nxt.extend(node)
            elif isinstance(p, str) and isinstance(node, dict) and p in node:
                nxt.append(node[p])
        current = nxt
    return current


# -- types -------------------------------------------------------------------------------


def json_type(value: Any) -> OutputType:
    """The JSON Schema type of a parsed JSON value (null counts as string)."""
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


def item_type(values: list[Any]) -> ItemType:
    """The element type of an array: string when empty or mixed, number for ints and floats."""
    kinds = {json_type(v) for v in values if v is not None}
    if kinds == {"integer", "number"}:
        return "number"
    if len(kinds) == 1:
        kind = kinds.pop()
        return kind if kind != "array" else "object"
    return "string"


def infer_type(path: str, value: Any, single: bool = False) -> tuple[OutputType, ItemType | None]:
    """(type, items) of an output whose path extracts `value`.

    Indefinite paths (wildcards, filters) give arrays; `single` keeps a scalar type for a filter
    path, whose first match the compiled success template takes.
    """
    if single and not isinstance(value, list | dict):
        return json_type(value), None
    if looks_indefinite(path):
        return "array", item_type(value if isinstance(value, list) else [value])
    kind = json_type(value)
    if kind == "array":
        return "array", item_type(value)
    return kind, None


def new_output(path: str, value: Any, taken: set[str], single: bool = False) -> OutputSpec:
    """An output for `path`: a unique valid name and a type inferred from the value."""
    kind, items = infer_type(path, value, single)
    return OutputSpec(name=output_name_for(path, taken), path=path, type=kind, items=items)


def takes_first(output: OutputSpec) -> bool:
    """True when the success template keeps only the first match of the output's path.

    The compiler wraps scalar-typed indefinite paths in `successTemplateUtils.firstFromArray`.
    """
    return output.type != "array" and looks_indefinite(output.path)


# -- arrays ------------------------------------------------------------------------------


def literal(value: Any) -> str:
    """A JSONPath filter literal (quoted with the other kind rather than escaped)."""
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
