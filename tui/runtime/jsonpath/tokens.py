"""Path tokens and their evaluation, ported from Jayway json-path 2.0.0 (`internal/token`).

Each token mirrors its Jayway counterpart, quirks included: a missing leaf property raises
PathNotFoundError even inside an indefinite path (only `[*]` over an array swallows it), a
filter applied to an object tests the object itself, `..` followed by a non-leaf array token
applies the *next* token to every element of every array, and slices do not wrap negative
`from` indexes of `[from:to]`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tui.runtime.jsonpath.errors import PathNotFoundError, _InvalidPathAtRuntime, _JavaRuntimeError
from tui.runtime.jsontext import java_to_string


class EvalContext:
    """Per-evaluation state (Jayway's EvaluationContextImpl)."""

    __slots__ = ("require_properties", "results", "root", "root_cache")

    def __init__(self, root: Any, require_properties: bool = False) -> None:
        self.root = root
        self.results: list[Any] = []
        self.root_cache: dict[int, Any] = {}
        self.require_properties = require_properties


class Token:
    """One step of a compiled path."""

    definite = True
    next: Token | None = None
    leaf = True
    upstream_definite = True

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        raise NotImplementedError

    def fragment(self) -> str:
        raise NotImplementedError

    def scan_matches(self, model: Any, ctx: EvalContext) -> bool:
        """Whether `..` hands `model` to this token (Jayway's ScanPathToken predicates)."""
        return False

    def _emit(self, value: Any, ctx: EvalContext) -> None:
        if self.next is None:
            ctx.results.append(value)
        else:
            self.next.evaluate(value, ctx)

    def _array_index(self, model: list, index: int, ctx: EvalContext) -> None:
        if index < 0 or index >= len(model):
            raise PathNotFoundError(f"index {index} is out of bounds (the array has {len(model)})")
        self._emit(model[index], ctx)


class RootToken(Token):
    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        self._emit(model, ctx)

    def fragment(self) -> str:
        return "$"


class PropertyToken(Token):
    def __init__(self, properties: list[str]) -> None:
        self.properties = properties

    def fragment(self) -> str:
        return "[" + ", ".join(f"'{p}'" for p in self.properties) + "]"

    def scan_matches(self, model: Any, ctx: EvalContext) -> bool:
        return isinstance(model, dict) and all(p in model for p in self.properties)

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if not isinstance(model, dict):
            raise PathNotFoundError(
                f"property {self.fragment()} not found: the value there is {_kind(model)}"
            )
        self.read_properties(model, ctx)

    def read_properties(self, model: dict, ctx: EvalContext) -> None:
        properties = self.properties
        if len(properties) == 1:
            name = properties[0]
            if name in model:
                self._emit(model[name], ctx)
                return
            if self.next is None:
                raise PathNotFoundError(f"no property '{name}' in the object")
            if not self.upstream_definite and not ctx.require_properties:
                return
            raise PathNotFoundError(f"missing property '{name}' in the path")
        if self.next is not None:
            raise _InvalidPathAtRuntime(
                f"multi properties {self.fragment()} can only be used as the last step of a path"
            )
        merged = {}
        for name in properties:
            if name in model:
                merged[name] = model[name]
            elif ctx.require_properties:
                raise PathNotFoundError(f"missing property '{name}' in the path")
        ctx.results.append(merged)


class WildcardToken(Token):
    definite = False

    def fragment(self) -> str:
        return "[*]"

    def scan_matches(self, model: Any, ctx: EvalContext) -> bool:
        return True

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if isinstance(model, dict):
            for value in list(model.values()):
                self._emit(value, ctx)
        elif isinstance(model, list):
            nxt = self.next
            if nxt is None:
                ctx.results.extend(model)
                return
            for item in model:
                try:
                    nxt.evaluate(item, ctx)
                except PathNotFoundError:
                    if ctx.require_properties:
                        raise


SINGLE_INDEX = "single"
INDEX_SEQUENCE = "sequence"
CONTEXT_SIZE = "context-size"
SLICE_FROM = "slice-from"
SLICE_TO = "slice-to"
SLICE_BETWEEN = "slice-between"


class ArrayToken(Token):
    def __init__(self, numbers: list[int], operation: str) -> None:
        self.numbers = numbers
        self.operation = operation
        self.definite = operation in (SINGLE_INDEX, CONTEXT_SIZE)

    def fragment(self) -> str:
        n = self.numbers
        if self.operation in (SINGLE_INDEX, INDEX_SEQUENCE):
            return "[" + ",".join(map(str, n)) + "]"
        if self.operation == CONTEXT_SIZE:
            return f"[@.size(){n[0]}]"
        if self.operation == SLICE_FROM:
            return f"[{n[0]}:]"
        if self.operation == SLICE_TO:
            return f"[:{n[0]}]"
        return f"[{n[0]}:{n[1]}]"

    def scan_matches(self, model: Any, ctx: EvalContext) -> bool:
        return isinstance(model, list)

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if model is None:
            raise PathNotFoundError(f"cannot apply {self.fragment()}: the value there is null")
        if not isinstance(model, list):
            raise _InvalidPathAtRuntime(
                f"{self.fragment()} can only be applied to arrays, but the value there is "
                f"{_kind(model)}"
            )
        op, numbers, length = self.operation, self.numbers, len(model)
        if op == SINGLE_INDEX:
            self._array_index(model, numbers[0], ctx)
        elif op == INDEX_SEQUENCE:
            for index in numbers:
                self._array_index(model, index, ctx)
        elif op == CONTEXT_SIZE:
            self._array_index(model, length + numbers[0], ctx)
        else:
            if op == SLICE_FROM:
                start = numbers[0] + length if numbers[0] < 0 else numbers[0]
                start, stop = max(0, start), length
            elif op == SLICE_TO:
                stop = numbers[0] + length if numbers[0] < 0 else numbers[0]
                start, stop = 0, min(length, stop)
            else:
                start, stop = numbers[0], min(length, numbers[1])
            for index in range(start, stop):
                self._array_index(model, index, ctx)


class PredicateToken(Token):
    """`[?(...)]` (one filter) or `[?]`/`[?,?]` placeholders (None: no filter was supplied)."""

    definite = False

    def __init__(self, predicates: list[Any]) -> None:
        self.predicates = predicates
        # One filter: its precompiled closure (see filters.py); else each filter in turn.
        self.accept: Callable[[Any, EvalContext], bool] = (
            predicates[0].test
            if len(predicates) == 1 and predicates[0] is not None
            else self._accept_each
        )

    def fragment(self) -> str:
        return "[" + ",".join("?" * len(self.predicates)) + "]"

    def _accept_each(self, item: Any, ctx: EvalContext) -> bool:
        for predicate in self.predicates:
            if predicate is None:
                raise _JavaRuntimeError(
                    "NullPointerException",
                    "the path has a '[?]' placeholder but no filter object is passed for it",
                )
            if not predicate.apply(item, ctx):
                return False
        return True

    def scan_matches(self, model: Any, ctx: EvalContext) -> bool:
        return self.accept(model, ctx)

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if isinstance(model, dict):
            if self.accept(model, ctx):
                self._emit(model, ctx)
        elif isinstance(model, list):
            accept = self.accept
            if self.next is None:
                ctx.results.extend([item for item in model if accept(item, ctx)])
                return
            emit = self.next.evaluate
            for item in model:
                if accept(item, ctx):
                    emit(item, ctx)
        else:
            raise _InvalidPathAtRuntime(
                f"filter {self.fragment()} cannot be applied to {_kind(model)}"
            )


class ScanToken(Token):
    """`..`: walks every object and array below the current value, parents first."""

    definite = False

    def fragment(self) -> str:
        return ".."

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        target = self.next
        assert target is not None  # a path cannot end with '..'
        if target.next is None:
            if type(target) is PropertyToken and len(target.properties) == 1:
                _scan_property(model, target.properties[0], ctx.results)
                return
            if type(target) is WildcardToken:
                _scan_all(model, ctx.results)
                return
        self.walk(model, ctx)

    def walk(self, model: Any, ctx: EvalContext) -> None:
        """The general scan (the reference for the fast paths above)."""
        target = self.next
        assert target is not None
        matches: Callable[[Any, EvalContext], bool] = target.scan_matches
        after = target.next

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if matches(node, ctx):
                    target.evaluate(node, ctx)
                for child in node.values():
                    if isinstance(child, (dict, list)):
                        walk(child)
            else:
                if matches(node, ctx):
                    if after is None:
                        target.evaluate(node, ctx)
                    else:
                        for item in node:
                            after.evaluate(item, ctx)
                for child in node:
                    if isinstance(child, (dict, list)):
                        walk(child)

        if isinstance(model, (dict, list)):
            walk(model)


# Types that can never hold children: one set lookup skips a leaf in the deep-scan loops
# (the commonest case by far); anything else falls back to isinstance checks.
_LEAF_TYPES = frozenset({str, int, float, bool, type(None), Decimal})


def _scan_property(node: Any, name: str, out: list[Any]) -> None:
    """Fast path of `..name` (the commonest deep scan): same order as the generic walk."""
    append = out.append
    leaves = _LEAF_TYPES

    def walk_dict(node: dict) -> None:
        if name in node:
            append(node[name])
        for child in node.values():
            kind = type(child)
            if kind in leaves:
                continue
            if kind is dict:
                walk_dict(child)
            elif kind is list:
                walk_list(child)
            else:
                walk_any(child)

    def walk_list(node: list) -> None:
        for child in node:
            kind = type(child)
            if kind in leaves:
                continue
            if kind is dict:
                walk_dict(child)
            elif kind is list:
                walk_list(child)
            else:
                walk_any(child)

    def walk_any(node: Any) -> None:
        if isinstance(node, dict):
            walk_dict(node)
        elif isinstance(node, list):
            walk_list(node)

    walk_any(node)


def _scan_all(node: Any, out: list[Any]) -> None:
    """Fast path of `..*` as the last step: every value of every object and array, each
    container's values before the values below them (the generic walk's order)."""
    extend = out.extend
    leaves = _LEAF_TYPES

    def walk_dict(node: dict) -> None:
        values = node.values()
        extend(values)
        for child in values:
            kind = type(child)
            if kind in leaves:
                continue
            if kind is dict:
                walk_dict(child)
            elif kind is list:
                walk_list(child)
            else:
                walk_any(child)

    def walk_list(node: list) -> None:
        extend(node)
        for child in node:
            kind = type(child)
            if kind in leaves:
                continue
            if kind is dict:
                walk_dict(child)
            elif kind is list:
                walk_list(child)
            else:
                walk_any(child)

    def walk_any(node: Any) -> None:
        if isinstance(node, dict):
            walk_dict(node)
        elif isinstance(node, list):
            walk_list(node)

    walk_any(node)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {java_to_string(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return f"the number {java_to_string(value)}"


def link(tokens: list[Token]) -> None:
    """Chain tokens and precompute Jayway's definiteness flags."""
    for token, nxt in itertools.pairwise(tokens):
        token.next = nxt
        token.leaf = False
    tokens[-1].next = None
    tokens[-1].leaf = True
    # Jayway's isUpstreamDefinite() asks the *previous* token whether the path from there to
    # the end is definite (sic); reproduce that.
    downstream = [True] * (len(tokens) + 1)
    for k in range(len(tokens) - 1, -1, -1):
        downstream[k] = tokens[k].definite and downstream[k + 1]
    for k, token in enumerate(tokens):
        token.upstream_definite = token.definite and (k == 0 or downstream[k - 1])
