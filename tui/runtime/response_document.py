"""A response body read only as far as the translation map's paths need it.

Genesys (json-smart) parses the whole body before Jayway reads the paths, so a body that is
not valid JSON anywhere must fail the same way here. Building the whole document as Python
values, though, is most of an execution on a big response: on 20 MB, ~65 ms to build its
million objects and as long again to free them, for paths that usually read a few values
near the top (`$.total`, `$.entities[0].id`).

So the body is first checked and indexed by simdjson (the whole of it, strictly: UTF-8,
escapes, numbers, structure), which builds no Python objects; each path then walks the index
along its leading single-property / single-index steps (`CompiledPath.lead`) and only the
value found there is built, with the same Python types `parse_json` gives it, for the rest of
the path to run on. Everything else (a step that finds nothing or the wrong kind of value, an
object with the same key twice, a path that reads the root again, a body simdjson refuses,
numbers json-smart keeps as BigDecimal) goes through `parse_json` and the full document, so
every answer and every error is the one the full document gives.
"""

from __future__ import annotations

from typing import Any

from tui.runtime import jsontext
from tui.runtime.jsonpath import CompiledPath
from tui.runtime.jsontext import may_hold_long_number, parse_json

__all__ = ["ResponseDocument"]

_UNBUILT: Any = object()
_NOT_FOUND: Any = object()


class ResponseDocument:
    """A parsed response body: `read(path)` evaluates a path, `value()` is the whole document.

    Raises ValueError (the message of `parse_json`) when the body is not JSON.
    """

    __slots__ = ("_body", "_index", "_value")

    def __init__(self, body: bytes, *, whole: bool = False) -> None:
        """`whole`: the caller needs the whole document anyway (it is built at once)."""
        self._body = body
        self._value: Any = _UNBUILT
        self._index: Any = None
        if whole or len(body) < jsontext.SMALL_BODY or may_hold_long_number(body):
            self._value = parse_json(body)  # small: building it all costs microseconds
            return
        import simdjson  # ~5 ms to import: only executions load it

        try:
            self._index = simdjson.Parser().parse(body)
        except (ValueError, RuntimeError):  # UnicodeDecodeError is a ValueError
            # Not JSON as simdjson reads it; parse_json decides (and words the error).
            self._value = parse_json(body)

    def value(self) -> Any:
        """The whole document as `parse_json` builds it (built on first use)."""
        if self._value is _UNBUILT:
            self._value = parse_json(self._body)
        return self._value

    def read(self, path: CompiledPath) -> Any:
        """`path.evaluate(self.value())`, building only what the path reads where possible."""
        if self._value is not _UNBUILT or not path.lead:
            return path.evaluate(self.value())
        node = self._index
        for step in path.lead:
            node = _step(node, step)
            if node is _NOT_FOUND:
                return path.evaluate(self.value())  # the full document words the failure
        return path.evaluate_below(_built(node), self.value)


def _step(node: Any, step: str | int) -> Any:
    """The value one lead step finds under `node`, or _NOT_FOUND where Jayway would not find
    one the plain way (or the answer depends on which of two equal keys counts)."""
    import simdjson

    if isinstance(step, str):
        if type(node) is not simdjson.Object:
            return _NOT_FOUND
        if list(node.keys()).count(step) != 1:
            return _NOT_FOUND  # missing, or there twice (json-smart keeps the last one)
        return node[step]
    if type(node) is not simdjson.Array:
        return _NOT_FOUND
    size = len(node)
    index = size + step if step < 0 else step
    if not 0 <= index < size:
        return _NOT_FOUND
    return node[index]


def _built(node: Any) -> Any:
    """The Python value of an indexed value: dicts, lists, str, int, float, bool, None."""
    import simdjson

    if type(node) is simdjson.Object:
        return node.as_dict()
    if type(node) is simdjson.Array:
        return node.as_list()
    return node
