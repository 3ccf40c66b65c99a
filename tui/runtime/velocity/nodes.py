"""Syntax tree of a parsed template and how each node renders (Velocity 1.7 semantics)."""

from __future__ import annotations

import math
import time
from typing import Any

from .errors import JavaException, VelocityError
from .java import (
    INT_MAX,
    INT_MIN,
    JavaArray,
    NoSuchMethod,
    call_method,
    get_property,
    java_class,
    java_equals,
    to_string,
)


class Stop(Exception):
    """#stop: end rendering, keep the output so far."""


class Break(Exception):
    """#break: leave the innermost #foreach (or the template)."""


class Context:
    """Render-time variables plus the template's macros."""

    __slots__ = ("deadline", "macros", "name", "vars")

    def __init__(
        self,
        variables: dict[str, Any],
        macros: dict[str, Macro],
        name: str,
        deadline: float | None = None,
    ) -> None:
        self.vars = variables
        self.macros = macros
        self.name = name
        self.deadline = deadline  # time.monotonic() past which loops stop (None: no limit)


class Node:
    __slots__ = ()

    def render(self, ctx: Context, out: list[str]) -> None:
        raise NotImplementedError

    def value(self, ctx: Context) -> Any:
        return None

    def evaluate(self, ctx: Context) -> bool:
        """Truth value in #if: Velocity 1.7 gives literals (numbers, strings, lists) false."""
        return False

    def literal(self) -> str:
        return ""


class Text(Node):
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, ctx: Context, out: list[str]) -> None:
        out.append(self.text)


def render_nodes(nodes: list[Node], ctx: Context, out: list[str]) -> None:
    for node in nodes:
        node.render(ctx, out)


# ---------------------------------------------------------------- references


class Step:
    """One `.name`, `.name(args)` or `[index]` after a reference's root."""

    __slots__ = ("args", "column", "kind", "line", "name")

    def __init__(self, kind: str, name: str, args: list[Node], line: int, column: int) -> None:
        self.kind = kind
        self.name = name
        self.args = args
        self.line = line
        self.column = column


class Reference(Node):
    __slots__ = (
        "column",
        "escaped",
        "line",
        "null_prefix",
        "null_text",
        "prefix",
        "quiet",
        "root",
        "source",
        "steps",
    )

    def __init__(
        self,
        root: str,
        steps: list[Step],
        source: str,
        quiet: bool,
        backslashes: int,
        line: int,
        column: int,
    ) -> None:
        self.root = root
        self.steps = steps
        self.source = source
        self.quiet = quiet
        self.escaped = backslashes % 2 == 1
        self.prefix = "\\" * (backslashes // 2)
        self.null_text = "" if quiet and not self.escaped else source
        self.null_prefix = self.prefix + self.prefix
        self.line = line
        self.column = column

    def literal(self) -> str:
        return self.source

    def value(self, ctx: Context) -> Any:
        v = ctx.vars.get(self.root)
        for step in self.steps:
            if v is None:
                return None
            v = self._apply(step, v, ctx)
        return v

    def _apply(self, step: Step, v: Any, ctx: Context) -> Any:
        if step.kind == "prop":
            return get_property(v, step.name)
        args = [a.value(ctx) for a in step.args]
        try:
            if step.kind == "index":
                return _index(v, args[0])
            return call_method(v, step.name, args)
        except NoSuchMethod:
            return None
        except JavaException as exc:
            if step.kind == "index":
                raise VelocityError(
                    f"Error invoking method 'get({java_class(args[0])})' in {java_class(v)}",
                    step.line,
                    step.column,
                    ctx.name,
                ) from None
            raise VelocityError(
                f"Invocation of method '{step.name}' in class {java_class(v)} threw exception "
                f"{exc.java_class}: {exc.detail}",
                step.line,
                step.column,
                ctx.name,
            ) from None

    def evaluate(self, ctx: Context) -> bool:
        v = self.value(ctx)
        if v is None:
            return False
        if isinstance(v, bool):
            return v
        return True

    def render(self, ctx: Context, out: list[str]) -> None:
        v = self.value(ctx)
        if self.escaped:
            out.append(self.prefix + ("\\" + self.null_text if v is None else self.null_text))
            return
        if v is None:
            out.append(self.null_prefix + self.null_text)
        else:
            out.append(self.prefix + (v if type(v) is str else to_string(v)))


def _index(v: Any, key: Any) -> Any:
    if isinstance(v, list):
        if not isinstance(key, int) or isinstance(key, bool):
            raise NoSuchMethod
        if key < 0:
            key += len(v)
        if not 0 <= key < len(v):
            raise JavaException("java.lang.IndexOutOfBoundsException", str(key))
        return v[key]
    if isinstance(v, dict):
        return v.get(key) if not isinstance(key, list | dict) else None
    raise NoSuchMethod


# ---------------------------------------------------------------- literals


class Literal(Node):
    __slots__ = ("source", "val")

    def __init__(self, val: Any, source: str) -> None:
        self.val = val
        self.source = source

    def value(self, ctx: Context) -> Any:
        return self.val

    def literal(self) -> str:
        return self.source


class BoolLiteral(Literal):
    __slots__ = ()

    def evaluate(self, ctx: Context) -> bool:
        return bool(self.val)


class Interpolated(Node):
    """A double-quoted string with `$` or `#`: rendered as a template."""

    __slots__ = ("nodes", "source")

    def __init__(self, nodes: list[Node], source: str) -> None:
        self.nodes = nodes
        self.source = source

    def value(self, ctx: Context) -> Any:
        out: list[str] = []
        render_nodes(self.nodes, ctx, out)
        return "".join(out)

    def literal(self) -> str:
        return self.source


class ListLiteral(Node):
    __slots__ = ("items", "source")

    def __init__(self, items: list[Node], source: str) -> None:
        self.items = items
        self.source = source

    def value(self, ctx: Context) -> Any:
        return [i.value(ctx) for i in self.items]

    def literal(self) -> str:
        return self.source


class MapLiteral(Node):
    __slots__ = ("pairs", "source")

    def __init__(self, pairs: list[tuple[Node, Node]], source: str) -> None:
        self.pairs = pairs
        self.source = source

    def value(self, ctx: Context) -> Any:
        result: dict[Any, Any] = {}
        for k, v in self.pairs:
            key = k.value(ctx)
            if isinstance(key, list | dict):
                key = to_string(key)
            result[key] = v.value(ctx)
        return result

    def literal(self) -> str:
        return self.source


class Range(Node):
    __slots__ = ("high", "low", "source")

    def __init__(self, low: Node, high: Node, source: str) -> None:
        self.low = low
        self.high = high
        self.source = source

    def value(self, ctx: Context) -> Any:
        lo, hi = self.low.value(ctx), self.high.value(ctx)
        if not _is_integral(lo) or not _is_integral(hi):
            return None
        lo, hi = int(lo), int(hi)
        step = 1 if hi >= lo else -1
        return list(range(lo, hi + step, step))

    def literal(self) -> str:
        return self.source


def _is_integral(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


# ---------------------------------------------------------------- operators


class Paren(Node):
    __slots__ = ("inner",)

    def __init__(self, inner: Node) -> None:
        self.inner = inner

    def value(self, ctx: Context) -> Any:
        return self.inner.value(ctx)

    def evaluate(self, ctx: Context) -> bool:
        return self.inner.evaluate(ctx)

    def literal(self) -> str:
        return self.inner.literal()


class Not(Node):
    __slots__ = ("inner",)

    def __init__(self, inner: Node) -> None:
        self.inner = inner

    def value(self, ctx: Context) -> Any:
        return not self.inner.evaluate(ctx)

    evaluate = value


class Logical(Node):
    __slots__ = ("is_and", "left", "right")

    def __init__(self, is_and: bool, left: Node, right: Node) -> None:
        self.is_and = is_and
        self.left = left
        self.right = right

    def value(self, ctx: Context) -> Any:
        if self.is_and:
            return self.left.evaluate(ctx) and self.right.evaluate(ctx)
        return self.left.evaluate(ctx) or self.right.evaluate(ctx)

    evaluate = value


class Compare(Node):
    __slots__ = ("left", "op", "right")

    def __init__(self, op: str, left: Node, right: Node) -> None:
        self.op = op
        self.left = left
        self.right = right

    def value(self, ctx: Context) -> Any:
        a, b = self.left.value(ctx), self.right.value(ctx)
        if self.op == "==":
            return velocity_equals(a, b)
        if self.op == "!=":
            return not velocity_equals(a, b)
        if not _is_number(a) or not _is_number(b):
            return False
        if self.op == "<":
            return a < b
        if self.op == ">":
            return a > b
        if self.op == "<=":
            return a <= b
        return a >= b

    evaluate = value


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def velocity_equals(a: Any, b: Any) -> bool:
    """ASTEQNode: numbers by value, same classes by equals, otherwise by toString."""
    if _is_number(a) and _is_number(b):
        return a == b
    if a is not None and b is not None:
        ca, cb = java_class(a), java_class(b)
        if ca == cb:
            return java_equals(a, b)
    if a is None and b is None:
        return True
    if a is None or b is None:
        return False
    return to_string(a) == to_string(b)


class Arithmetic(Node):
    __slots__ = ("left", "op", "right")

    def __init__(self, op: str, left: Node, right: Node) -> None:
        self.op = op
        self.left = left
        self.right = right

    def literal(self) -> str:
        return f"{self.left.literal()} {self.op} {self.right.literal()}"

    def value(self, ctx: Context) -> Any:
        a, b = self.left.value(ctx), self.right.value(ctx)
        if self.op == "+" and (isinstance(a, str) or isinstance(b, str)):
            left = self.left.literal() if a is None else to_string(a)
            right = self.right.literal() if b is None else to_string(b)
            return left + right
        if not _is_number(a) or not _is_number(b):
            return None
        return arithmetic(self.op, a, b)


def arithmetic(op: str, a: int | float, b: int | float) -> int | float | None:
    """Velocity 1.7 MathUtils: integers widen without overflow, doubles follow IEEE."""
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        return None
    if isinstance(a, float) or isinstance(b, float):
        if op == "/":
            return a / b
        return math.fmod(a, b)
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    if op == "/":
        return q
    return a - q * b


# ---------------------------------------------------------------- directives


class SetDirective(Node):
    __slots__ = ("expr", "target")

    def __init__(self, target: Reference, expr: Node) -> None:
        self.target = target
        self.expr = expr

    def render(self, ctx: Context, out: list[str]) -> None:
        value = self.expr.value(ctx)
        if value is None:
            return
        target = self.target
        if not target.steps:
            ctx.vars[target.root] = value
            return
        obj = ctx.vars.get(target.root)
        for step in target.steps[:-1]:
            if obj is None:
                return
            obj = target._apply(step, obj, ctx)
        last = target.steps[-1]
        if isinstance(obj, dict) and last.kind == "prop":
            obj[last.name] = value
        elif last.kind == "index" and isinstance(obj, dict):
            obj[last.args[0].value(ctx)] = value
        elif last.kind == "index" and isinstance(obj, list):
            i = last.args[0].value(ctx)
            if isinstance(i, int) and -len(obj) <= i < len(obj):
                obj[i] = value


class IfDirective(Node):
    __slots__ = ("branches", "otherwise")

    def __init__(
        self, branches: list[tuple[Node, list[Node]]], otherwise: list[Node] | None
    ) -> None:
        self.branches = branches
        self.otherwise = otherwise

    def render(self, ctx: Context, out: list[str]) -> None:
        for cond, body in self.branches:
            if cond.evaluate(ctx):
                render_nodes(body, ctx, out)
                return
        if self.otherwise is not None:
            render_nodes(self.otherwise, ctx, out)


class ForeachState:
    """`$foreach`: count, index, hasNext, first, last (Velocity 1.7)."""

    __slots__ = ("count", "has_next", "parent")

    def __init__(self, parent: Any) -> None:
        self.parent = parent
        self.count = 0
        self.has_next = False

    java_class_name = "org.apache.velocity.runtime.directive.ForeachScope"

    def velocity_property(self, name: str) -> Any:
        return {
            "count": self.count,
            "index": self.count - 1,
            "hasNext": self.has_next,
            "first": self.count == 1,
            "last": not self.has_next,
            "parent": self.parent,
        }.get(name)

    def velocity_method(self, name: str, args: list[Any]) -> Any:
        if args:
            raise NoSuchMethod
        prop = {
            "getCount": "count",
            "getIndex": "index",
            "hasNext": "hasNext",
            "isFirst": "first",
            "isLast": "last",
            "getParent": "parent",
        }.get(name)
        if prop is None:
            raise NoSuchMethod
        return self.velocity_property(prop)


class BrokenDirective(Node):
    """What Velocity 1.7 parses but cannot run (`#foreach($i)`, `$a.b(word)`): fails when used."""

    __slots__ = ("column", "line", "message")

    def __init__(self, message: str, line: int, column: int) -> None:
        self.message = message
        self.line = line
        self.column = column

    def render(self, ctx: Context, out: list[str]) -> None:
        raise VelocityError(self.message, self.line, self.column)

    def value(self, ctx: Context) -> Any:
        raise VelocityError(self.message, self.line, self.column)


class ForeachDirective(Node):
    __slots__ = ("body", "iterable", "var")

    def __init__(self, var: str, iterable: Node, body: list[Node]) -> None:
        self.var = var
        self.iterable = iterable
        self.body = body

    def render(self, ctx: Context, out: list[str]) -> None:
        items = self.iterable.value(ctx)
        if isinstance(items, dict):
            items = list(items.values())
        elif not isinstance(items, list):
            return
        variables = ctx.vars
        saved = {
            k: variables[k]
            for k in (self.var, "foreach", "velocityCount", "velocityHasNext")
            if k in variables
        }
        state = ForeachState(variables.get("foreach"))
        variables["foreach"] = state
        total = len(items)
        deadline = ctx.deadline
        try:
            for i, item in enumerate(list(items)):
                if deadline is not None and not i & 1023 and time.monotonic() > deadline:
                    raise VelocityError(
                        f"#foreach over {total} items ran past the render time limit",
                        None,
                        None,
                        ctx.name,
                    )
                state.count = i + 1
                state.has_next = i + 1 < total
                variables["velocityCount"] = i + 1
                variables["velocityHasNext"] = i + 1 < total
                if item is None:
                    variables.pop(self.var, None)
                else:
                    variables[self.var] = item
                render_nodes(self.body, ctx, out)
        except Break:
            pass
        finally:
            for k in (self.var, "foreach", "velocityCount", "velocityHasNext"):
                if k in saved:
                    variables[k] = saved[k]
                else:
                    variables.pop(k, None)


class StopDirective(Node):
    __slots__ = ()

    def render(self, ctx: Context, out: list[str]) -> None:
        raise Stop


class BreakDirective(Node):
    __slots__ = ()

    def render(self, ctx: Context, out: list[str]) -> None:
        raise Break


class Macro:
    __slots__ = ("body", "name", "params")

    def __init__(self, name: str, params: list[str], body: list[Node]) -> None:
        self.name = name
        self.params = params
        self.body = body


class MacroCall(Node):
    __slots__ = ("args", "literal_text", "name")

    def __init__(self, name: str, args: list[Node], literal_text: str) -> None:
        self.name = name
        self.args = args
        self.literal_text = literal_text

    def render(self, ctx: Context, out: list[str]) -> None:
        macro = ctx.macros.get(self.name)
        if macro is None or len(self.args) > len(macro.params):
            out.append(self.literal_text)
            return
        variables = ctx.vars
        values = [a.value(ctx) for a in self.args]
        saved = {p: variables[p] for p in macro.params if p in variables}
        try:
            for i, p in enumerate(macro.params):
                if i < len(values) and values[i] is not None:
                    variables[p] = values[i]
                else:
                    variables.pop(p, None)
            render_nodes(macro.body, ctx, out)
        except Break:
            pass
        finally:
            for p in macro.params:
                if p in saved:
                    variables[p] = saved[p]
                else:
                    variables.pop(p, None)


class MacroDefinition(Node):
    __slots__ = ()

    def render(self, ctx: Context, out: list[str]) -> None:
        return None


__all__ = ["INT_MAX", "INT_MIN", "JavaArray"]
