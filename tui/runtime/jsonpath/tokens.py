"""Path tokens and their evaluation, ported from Jayway json-path 2.9.0 (`internal/path`).

Quirks kept because Genesys answers follow them: a missing property inside a definite path
fails the read (`$.missing[*]` too), a missing leaf just gives no result; indexes out of range
give nothing and negative ones count from the end; `..` followed by a non-leaf array token
applies the *next* token to every element of every array (and then keeps only the elements at
that index for a leaf property); functions add their result and hand it to the next token;
`$..x.fn()` becomes `fn()` over the results of `$..x`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tui.runtime.jsonpath.errors import PathNotFoundError, _InvalidPathAtRuntime

UNDEFINED: Any = object()  # Jayway's JsonProvider.UNDEFINED

# Tokens whose `upstream_array_index` a `..` walk has set. Jayway sets it on the token itself
# and keeps it for the rest of that evaluation; a compiled path is reused (cached) here, so
# each top-level evaluation puts them back afterwards (`reset_array_indexes`) and the next
# evaluation starts like a freshly compiled path, as Jayway's does.
_MOVED: list[Token] = []


class EvalContext:
    """Per-evaluation state (Jayway's EvaluationContextImpl).

    `root` may be given as a loader instead of a value: a path evaluated below the root of a
    document that was not built in full (`CompiledPath.evaluate_below`) builds it only if a
    `$` path or a function argument actually reads it.
    """

    __slots__ = ("_root", "_root_loader", "path", "require_properties", "results", "root_cache")

    def __init__(
        self,
        path: TokenPath,
        root: Any,
        require_properties: bool = False,
        root_loader: Callable[[], Any] | None = None,
    ) -> None:
        self.path = path
        self._root = root
        self._root_loader = root_loader
        self.results: list[Any] = []
        self.root_cache: dict[int, Any] = {}
        self.require_properties = require_properties

    @property
    def root(self) -> Any:
        loader = self._root_loader
        if loader is not None:
            self._root = loader()
            self._root_loader = None
        return self._root


class Token:
    """One step of a compiled path."""

    prev: Token | None = None
    next: Token | None = None
    upstream_array_index = -1
    upstream_definite = True

    def token_definite(self) -> bool:
        return True

    def fragment(self) -> str:
        raise NotImplementedError

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.fragment() + (str(self.next) if self.next is not None else "")

    def handle_property(self, model: dict, ctx: EvalContext, properties: list[str]) -> None:
        """Jayway PathToken.handleObjectProperty."""
        if len(properties) == 1:
            name = properties[0]
            value = model.get(name, UNDEFINED)
            if value is UNDEFINED:
                if self.next is None:
                    if not ctx.require_properties:
                        return
                    raise PathNotFoundError(f"no property '{name}' in the object")
                if not (self.upstream_definite and self.token_definite()) and not (
                    ctx.require_properties
                ):
                    return
                raise PathNotFoundError(f"missing property '{name}' in the path")
            if self.next is None:
                index = self.upstream_array_index
                if index == -1 or ctx.path.tail_prev_fragment == f"[{index}]":
                    ctx.results.append(value)
            else:
                self.next.evaluate(value, ctx)
            return
        merged = {}
        for name in properties:
            if name in model:
                merged[name] = model[name]
            elif ctx.require_properties:
                raise PathNotFoundError(f"missing property '{name}' in the path")
        ctx.results.append(merged)

    def handle_index(self, index: int, model: list, ctx: EvalContext) -> None:
        """Jayway PathToken.handleArrayIndex: out of range gives nothing."""
        effective = len(model) + index if index < 0 else index
        if 0 <= effective < len(model):
            value = model[effective]
            if self.next is None:
                ctx.results.append(value)
            else:
                self.next.evaluate(value, ctx)


class RootToken(Token):
    def __init__(self, char: str) -> None:
        self.char = char
        self.tail: Token = self

    def fragment(self) -> str:
        return self.char

    def append(self, token: Token) -> None:
        self.tail.next = token
        token.prev = self.tail
        self.tail = token

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if self.next is None:
            ctx.results.append(model)
        else:
            self.next.evaluate(model, ctx)


class PropertyToken(Token):
    def __init__(self, properties: list[str], delimiter: str) -> None:
        self.properties = properties
        self.delimiter = delimiter

    def token_definite(self) -> bool:
        return len(self.properties) == 1 or self.next is None

    def fragment(self) -> str:
        d = self.delimiter
        return "[" + ",".join(f"{d}{p}{d}" for p in self.properties) + "]"

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if type(model) is not dict:
            if not self.upstream_definite:
                return
            raise PathNotFoundError(
                f"expected an object with the property {self.fragment()} but found {_kind(model)}"
            )
        if len(self.properties) == 1 or self.next is None:
            self.handle_property(model, ctx, self.properties)
            return
        for name in self.properties:
            self.handle_property(model, ctx, [name])


class WildcardToken(Token):
    def token_definite(self) -> bool:
        return False

    def fragment(self) -> str:
        return "[*]"

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if type(model) is dict:
            if self.next is None and self.upstream_array_index == -1:
                ctx.results.extend(model.values())
                return
            for name in list(model):
                self.handle_property(model, ctx, [name])
        elif type(model) is list:
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


class _ArrayToken(Token):
    def check_array(self, model: Any) -> bool:
        if type(model) is list:
            return True
        if not self.upstream_definite:
            return False
        if model is None:
            raise PathNotFoundError(f"the value before {self.fragment()} is null")
        raise PathNotFoundError(
            f"{self.fragment()} can only be applied to arrays, not {_kind(model)}"
        )


class ArrayIndexToken(_ArrayToken):
    def __init__(self, indexes: list[int]) -> None:
        self.indexes = indexes

    def token_definite(self) -> bool:
        return len(self.indexes) == 1

    def fragment(self) -> str:
        return "[" + ",".join(map(str, self.indexes)) + "]"

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if self.check_array(model):
            for index in self.indexes:
                self.handle_index(index, model, ctx)


class ArraySliceToken(_ArrayToken):
    def __init__(self, start: int | None, stop: int | None) -> None:
        self.start = start
        self.stop = stop

    def token_definite(self) -> bool:
        return False

    def fragment(self) -> str:
        start = "" if self.start is None else str(self.start)
        stop = "" if self.stop is None else str(self.stop)
        return f"[{start}:{stop}]"

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if not self.check_array(model):
            return
        length = len(model)
        start, stop = self.start, self.stop
        if stop is None:  # [from:]
            assert start is not None
            first = max(0, length + start if start < 0 else start)
            indexes = range(first, length)
        elif start is None:  # [:to]
            if length == 0:
                return
            indexes = range(min(length, length + stop if stop < 0 else stop))
        else:  # [from:to]: no wrap-around of negative bounds (handle_index wraps each index)
            indexes = range(start, min(length, stop))
        for index in indexes:
            self.handle_index(index, model, ctx)


class PredicateToken(Token):
    def __init__(self, predicate: Any) -> None:
        self.predicate = predicate

    def token_definite(self) -> bool:
        return False

    def fragment(self) -> str:
        return "[?]"

    def accept(self, item: Any, ctx: EvalContext) -> bool:
        try:
            return bool(self.predicate.test(item, ctx))
        except _InvalidPathAtRuntime:
            return False

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        if type(model) is dict:
            if self.accept(model, ctx):
                if self.next is None:
                    ctx.results.append(model)
                else:
                    self.next.evaluate(model, ctx)
        elif type(model) is list:
            accept = self.accept
            if self.next is None:
                ctx.results.extend([item for item in model if accept(item, ctx)])
                return
            nxt = self.next
            for item in model:
                if accept(item, ctx):
                    nxt.evaluate(item, ctx)
        elif self.upstream_definite:
            raise _InvalidPathAtRuntime(
                f"the filter {self.fragment()} cannot be applied to {_kind(model)}"
            )


class FunctionToken(Token):
    def __init__(self, name: str, parameters: list[Parameter] | None) -> None:
        self.name = name
        self.parameters = parameters

    def fragment(self) -> str:
        return "." + self.name + ("(...)" if self.parameters else "()")

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        from tui.runtime.jsonpath.functions import invoke

        result = invoke(self.name, model, ctx, self.parameters or [])
        ctx.results.append(result)
        if self.next is not None:
            self.next.evaluate(result, ctx)


class ScanToken(Token):
    """`..`: walks every object and array below the current value, parents first."""

    def token_definite(self) -> bool:
        return False

    def fragment(self) -> str:
        return ".."

    def evaluate(self, model: Any, ctx: EvalContext) -> None:
        target = self.next
        assert target is not None  # a path cannot end with '..'
        if (
            target.next is None
            and target.upstream_array_index == -1
            and type(target) is PropertyToken
            and len(target.properties) == 1
        ):
            _scan_property(model, target.properties[0], ctx.results)
            return
        self.walk(model, ctx)

    def walk(self, model: Any, ctx: EvalContext) -> None:
        """The general scan (Jayway's walk; the reference for the fast path above)."""
        target = self.next
        assert target is not None
        matches = _scan_predicate(target, ctx)
        after = target.next

        def walk(node: Any) -> None:
            if type(node) is dict:
                if matches(node):
                    target.evaluate(node, ctx)
                for child in node.values():
                    if type(child) is dict or type(child) is list:
                        walk(child)
            elif type(node) is list:
                if matches(node):
                    if after is None:
                        target.evaluate(node, ctx)
                    else:
                        _MOVED.append(after)
                        for index, item in enumerate(node):
                            after.upstream_array_index = index
                            after.evaluate(item, ctx)
                for child in node:
                    if type(child) is dict or type(child) is list:
                        walk(child)

        walk(model)


def reset_array_indexes() -> None:
    """Undo what `..` walks set on tokens (see `_MOVED`)."""
    while _MOVED:
        _MOVED.pop().upstream_array_index = -1


def _scan_predicate(target: Token, ctx: EvalContext) -> Callable[[Any], bool]:
    """Which nodes `..` hands to its target (Jayway ScanPathToken's predicates)."""
    if isinstance(target, PropertyToken):
        if not target.token_definite():
            return lambda node: type(node) is dict
        names = target.properties
        return lambda node: type(node) is dict and all(n in node for n in names)
    if isinstance(target, _ArrayToken):
        return lambda node: type(node) is list
    if isinstance(target, WildcardToken):
        return lambda node: True
    if isinstance(target, PredicateToken):
        return lambda node: target.accept(node, ctx)
    return lambda node: False


# Types that never hold children: one set lookup skips a leaf in the deep-scan loop.
_LEAF_TYPES = frozenset({str, int, float, bool, type(None), Decimal})


def _scan_property(node: Any, name: str, out: list[Any]) -> None:
    """Fast path of `..name` as the last step: same order as the generic walk."""
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

    def walk_list(node: list) -> None:
        for child in node:
            kind = type(child)
            if kind in leaves:
                continue
            if kind is dict:
                walk_dict(child)
            elif kind is list:
                walk_list(child)

    if type(node) is dict:
        walk_dict(node)
    elif type(node) is list:
        walk_list(node)


class Parameter:
    """A function argument: a JSON literal (parsed when used) or a compiled path."""

    def __init__(self, json: str | None = None, path: TokenPath | None = None) -> None:
        self.json = json
        self.path = path


class TokenPath:
    """A linked token chain with Jayway's CompiledPath properties."""

    def __init__(self, root: RootToken) -> None:
        self.root = root
        self.is_root_path = root.char == "$"
        self.tail_prev_fragment = ""
        self.link()

    def link(self) -> None:
        root = self.root
        chain: list[Token] = []
        token: Token | None = root
        while token is not None:
            chain.append(token)
            token = token.next
        for k, token in enumerate(chain):
            token.prev = chain[k - 1] if k else None
            token.upstream_definite = k == 0 or all(t.token_definite() for t in chain[:k])
        root.tail = chain[-1]
        self.tokens = chain
        self.is_definite = all(t.token_definite() for t in chain)
        self.is_function_path = isinstance(chain[-1], FunctionToken)
        prev = chain[-1].prev
        self.tail_prev_fragment = prev.fragment() if prev is not None else ""
        # `@.name`/`$.name`: filters read these inline (same answers as the token walk).
        last = chain[-1]
        self.single_name = (
            last.properties[0]
            if len(chain) == 2 and type(last) is PropertyToken and len(last.properties) == 1
            else None
        )

    def run(self, document: Any, root: Any, require_properties: bool = False) -> EvalContext:
        ctx = EvalContext(self, root, require_properties)
        self.root.evaluate(document, ctx)
        return ctx

    def value(self, document: Any, root: Any, require_properties: bool = False) -> Any:
        """Jayway `path.evaluate(document, root, conf).getValue()`."""
        return self.result(self.run(document, root, require_properties))

    def value_below(self, steps: int, model: Any, root_loader: Callable[[], Any]) -> Any:
        """`value(document, document)` when the first `steps` tokens after the root are single
        properties or indexes that are known to lead from the document to `model`.

        Those tokens only hand the value they find to the next one, so evaluating the rest on
        `model` gives Jayway's answer; the root is built by `root_loader` only if read.
        """
        rest = self.tokens[1 + steps :]
        if not rest:
            return model  # every token was such a step: `model` is the one result
        ctx = EvalContext(self, None, root_loader=root_loader)
        rest[0].evaluate(model, ctx)
        return self.result(ctx)

    def result(self, ctx: EvalContext) -> Any:
        if self.is_definite:
            if not ctx.results:
                raise PathNotFoundError("no results")
            return ctx.results[-1]
        return ctx.results

    def __str__(self) -> str:
        return str(self.root)


def finish(root: RootToken) -> TokenPath:
    """Jayway CompiledPath's constructor: link, and turn `$..x.fn()` into `fn($..x)`."""
    path = TokenPath(root)
    if path.is_function_path and isinstance(root.next, ScanToken):
        function = path.tokens[-1]
        assert isinstance(function, FunctionToken) and function.prev is not None
        function.prev.next = None
        inner = TokenPath(root)
        function.parameters = [Parameter(path=inner)]
        function.prev = None
        new_root = RootToken("$")
        new_root.next = function
        return TokenPath(new_root)
    return path


def _kind(value: Any) -> str:
    from tui.runtime.jsontext import java_to_string

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
