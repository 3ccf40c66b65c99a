"""Path functions of Jayway json-path 2.9.0 (`internal/function`): `.length()`, `.size()`,
`.keys()`, `.min()`, `.max()`, `.avg()`, `.stddev()`, `.sum()`, `.first()`, `.last()`,
`.index(n)`, `.concat(...)`, `.append(...)`.

Ported with their Java quirks: numeric functions compute in doubles and fail on no numbers,
`max()` starts from Double.MIN_VALUE (the smallest *positive* double), `last()` fails on a
one-element array, `length()` of a string is null, and `$..x.length()` counts `$..x[*]`.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tui.runtime.jsonpath.errors import _InvalidPathAtRuntime, _JavaRuntimeError
from tui.runtime.jsonpath.literals import parse_permissive

if TYPE_CHECKING:
    from tui.runtime.jsonpath.tokens import EvalContext, Parameter


def _is_number(value: Any) -> bool:
    kind = type(value)
    return kind is int or kind is float or kind is Decimal


def _double(value: int | float | Decimal) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _argument(parameter: Parameter, ctx: EvalContext) -> Any:
    if parameter.path is not None:
        return parameter.path.value(ctx.root, ctx.root)
    try:
        return parse_permissive(parameter.json or "")
    except ValueError as exc:
        raise _JavaRuntimeError("InvalidJsonException", str(exc)) from None


def _arguments(kind: str, values: list[Any]) -> list[Any]:
    """Parameter.toList: numbers (or any value's text for strings), arrays flattened once."""
    out: list[Any] = []
    for value in values:
        for item in value if type(value) is list else [value]:
            if kind == "number" and _is_number(item):
                out.append(item)
            elif kind == "string" and item is not None:
                from tui.runtime.jsonpath.filters import java_text

                out.append(java_text(item))
    return out


def _aggregate(name: str, model: Any, values: list[Any]) -> float:
    numbers = [v for v in model if _is_number(v)] if type(model) is list else []
    numbers += _arguments("number", values)
    if not numbers:
        raise _JavaRuntimeError(
            "JsonPathException",
            "Aggregation function attempted to calculate value using empty array",
        )
    doubles = [_double(v) for v in numbers]
    if name == "sum" or name == "avg":
        total = 0.0
        for d in doubles:
            total += d
        return total if name == "sum" else total / len(doubles)
    if name == "stddev":
        total = squares = 0.0
        for d in doubles:
            total += d
            squares += d * d
        count = float(len(doubles))
        variance = squares / count - total * total / count / count
        return math.sqrt(variance) if variance >= 0 else math.nan
    best = 5e-324 if name == "max" else 1.7976931348623157e308
    for d in doubles:
        if (name == "max" and best < d) or (name == "min" and best > d):
            best = d
    return best


def _length(model: Any, parameters: list[Parameter]) -> Any:
    if parameters:
        from tui.runtime.jsonpath.tokens import EvalContext, WildcardToken

        inner = parameters[0].path
        if inner is None:
            raise _JavaRuntimeError("NullPointerException", "length() of a JSON literal")
        if not inner.is_function_path:
            # Jayway hangs a `[*]` after the path's tail for the call (without relinking, so
            # the tail's neighbours stay as they were) and counts what that path lists.
            tail = inner.root.tail
            tail.next = WildcardToken()
            try:
                counting = EvalContext(inner, model)
                inner.root.evaluate(model, counting)
                counted: Any = counting.results
            finally:
                tail.next = None
        else:
            counted = inner.value(model, model)
        if type(counted) is list:
            return len(counted)
    if type(model) is list or type(model) is dict:
        return len(model)
    return None


def _sequence(name: str, model: Any, values: list[Any]) -> Any:
    if type(model) is not list:
        raise _JavaRuntimeError(
            "JsonPathException",
            "Aggregation function attempted to calculate value using empty array",
        )
    if name == "first":
        target = 0
    elif name == "last":
        target = -1
    else:
        numbers = _arguments("number", values)
        if not numbers:
            raise _JavaRuntimeError("IndexOutOfBoundsException", "index() needs a number")
        target = int(_double(numbers[0])) if type(numbers[0]) is float else int(numbers[0])
    if target >= 0:
        if target >= len(model):
            raise _JavaRuntimeError(
                "IndexOutOfBoundsException", f"Index {target} out of bounds for length {len(model)}"
            )
        return model[target]
    real = len(model) + target
    if real > 0:
        return model[real]
    raise _JavaRuntimeError(
        "JsonPathException", f"Target index:{target} larger than object count:{len(model)}"
    )


FUNCTIONS = frozenset(
    {"avg", "stddev", "sum", "min", "max", "concat", "length", "size", "append", "keys",
     "first", "last", "index"}
)  # fmt: skip


def invoke(name: str, model: Any, ctx: EvalContext, parameters: list[Parameter]) -> Any:
    """Jayway FunctionPathToken.evaluate's call: arguments are bound first (paths read from
    the root document), then the function runs on the current value."""
    if name not in FUNCTIONS:
        raise _InvalidPathAtRuntime(f"Function with name: {name} does not exist.")
    bound = [p for p in parameters if p.path is not None]
    path_values = {id(p): p.path.value(ctx.root, ctx.root) for p in bound if p.path is not None}

    def values() -> list[Any]:
        return [
            path_values[id(p)] if id(p) in path_values else _argument(p, ctx) for p in parameters
        ]

    if name in ("length", "size"):
        return _length(model, parameters)
    if name == "keys":
        return list(model) if type(model) is dict else None
    if name in ("avg", "stddev", "sum", "min", "max"):
        return _aggregate(name, model, values())
    if name == "concat":
        parts = [v for v in model if type(v) is str] if type(model) is list else []
        return "".join(parts + _arguments("string", values()))
    if name == "append":
        return [*model, *values()] if type(model) is list else model
    return _sequence(name, model, values())
