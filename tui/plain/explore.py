"""Every JSONPath in a response, with its value, for picking outputs from a list.

Arrays are listed through their first element (`[0]`), so a 10,000-element array costs as much
as one element; the flow then offers first element `[0]` or all elements `[*]`. Hand-written
because no JSONPath library lists paths in Jayway's bracket notation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

MAX_ENTRIES = 5000
PREVIEW_CHARS = 60
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

Segment = str | int  # a key, or an array index


@dataclass(frozen=True, slots=True)
class PathEntry:
    """One node of the document: its path segments and value."""

    segments: tuple[Segment, ...]
    value: Any

    @property
    def has_array_step(self) -> bool:
        return any(isinstance(s, int) for s in self.segments)

    def path(self, all_elements: bool = False) -> str:
        """Jayway notation; with `all_elements`, every array step becomes `[*]`."""
        return render_path(self.segments, all_elements)

    def label(self) -> str:
        return f"{self.path()}  = {preview(self.value)}"


def render_path(segments: tuple[Segment, ...], all_elements: bool = False) -> str:
    out = ["$"]
    for s in segments:
        if isinstance(s, int):
            out.append("[*]" if all_elements else f"[{s}]")
        elif _PLAIN_KEY.match(s):
            out.append(f".{s}")
        else:
            out.append("['" + s.replace("\\", "\\\\").replace("'", "\\'") + "']")
    return "".join(out)


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    if isinstance(value, dict):
        return f"{{object, {len(value)} keys}}"
    if isinstance(value, list):
        return f"[array, {len(value)} items]"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def list_paths(document: Any, limit: int = MAX_ENTRIES) -> tuple[list[PathEntry], bool]:
    """Nodes in document order (breadth of first array elements only); True when cut at `limit`."""
    entries: list[PathEntry] = []
    stack: list[tuple[tuple[Segment, ...], Any]] = [((), document)]
    while stack:
        segments, value = stack.pop()
        if segments:
            entries.append(PathEntry(segments, value))
            if len(entries) >= limit:
                return entries, True
        children: list[tuple[tuple[Segment, ...], Any]] = []
        if isinstance(value, dict):
            children = [((*segments, k), v) for k, v in value.items()]
        elif isinstance(value, list) and value:
            children = [((*segments, 0), value[0])]
        stack.extend(reversed(children))
    return entries, False


# -- types -----------------------------------------------------------------------------


def json_type(value: Any) -> str:
    """The JSON Schema type of a parsed JSON value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float) or type(value).__name__ == "Decimal":
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string"


def item_type(values: list[Any]) -> str:
    """The element type of an array (string when empty or mixed scalars)."""
    kinds = {json_type(v) for v in values if v is not None}
    if kinds == {"integer", "number"}:
        return "number"
    if len(kinds) == 1:
        kind = kinds.pop()
        return kind if kind != "array" else "string"
    return "string"


def infer_output_type(value: Any, all_elements: bool, samples: list[Any]) -> tuple[str, str | None]:
    """(type, items) for an output: arrays for `[*]` picks or array values."""
    if all_elements:
        return "array", item_type(samples)
    kind = json_type(value)
    if kind == "array":
        return "array", item_type(value)
    return kind, None


def values_at(document: Any, segments: tuple[Segment, ...]) -> list[Any]:
    """All values the `[*]` form of a path reaches (a direct walk, for type inference)."""
    current = [document]
    for s in segments:
        nxt: list[Any] = []
        for node in current:
            if isinstance(s, int) and isinstance(node, list):
                nxt.extend(node)
            elif isinstance(s, str) and isinstance(node, dict) and s in node:
                nxt.append(node[s])
        current = nxt
    return current
