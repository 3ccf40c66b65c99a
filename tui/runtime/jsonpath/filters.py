"""Inline filter predicates, ported from Jayway json-path 2.0.0 (`Criteria`, `Filter`).

Jayway 2.0.0 compares values in its own way, reproduced here: the right-hand literal of
`@.x == 10` stays the *string* "10" and is compared with numbers through BigDecimal (so it also
equals the JSON string "10"), the word `null` and the string "null" are both "nullish", an
unquoted non-number compared with a number raises NumberFormatException, and `=~` matches the
Java `toString()` of the value against the whole pattern.
"""

from __future__ import annotations

import functools
import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tui.runtime.jsonpath.errors import PathNotFoundError, _JavaRuntimeError
from tui.runtime.jsontext import java_to_string

if TYPE_CHECKING:
    from tui.runtime.jsonpath.tokens import EvalContext


class _CompareError(Exception):
    """Jayway's ValueCompareException: the criterion is simply false."""


class JavaPattern:
    """A `/regex/` or `/regex/i` literal (java.util.regex semantics approximated by `re`)."""

    def __init__(self, source: str, ignore_case: bool) -> None:
        flags = re.ASCII | (re.IGNORECASE if ignore_case else 0)
        self.regex = re.compile(source, flags)


class PathOperand:
    """A path inside a filter (`@.a`, `$.b`); wraps a compiled path with a fast reader."""

    def __init__(self, compiled: Any) -> None:
        self.compiled = compiled
        self.is_root_path: bool = compiled.is_root_path
        self.value = self._read_one if compiled.simple_names == 1 else self._read

    def _read(self, item: Any, ctx: EvalContext) -> Any:
        return self.compiled.read(item, ctx.root)

    def _read_one(self, item: Any, ctx: EvalContext) -> Any:
        """`@.name`, inlined: the commonest filter operand."""
        if isinstance(item, dict):
            try:
                return item[self.compiled.first_name]
            except KeyError:
                pass
        return self.compiled.read(item, ctx.root)  # raises the same PathNotFoundError


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


_BIG_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


@functools.lru_cache(maxsize=1024)
def _literal_decimal(text: str) -> Decimal:
    """`new BigDecimal(text)`; raises NumberFormatException like Java for non-numbers."""
    if not _BIG_DECIMAL.fullmatch(text):
        raise _JavaRuntimeError(
            "NumberFormatException",
            f"{text!r} is compared with a number but is not a number "
            "(quote strings: 'text'; write numbers without quotes)",
        )
    return Decimal(text)


def _number_decimal(value: int | float | Decimal) -> Decimal:
    """`new BigDecimal(number.toString())` (Java prints the shortest round-trip digits)."""
    if isinstance(value, float):
        if math.isinf(value) or value != value:
            raise _JavaRuntimeError("NumberFormatException", "cannot compare infinite numbers")
        return Decimal(repr(value))
    return Decimal(value)


def _sign(number: int) -> int:
    return (number > 0) - (number < 0)


def _java_string_compare(left: str, right: str) -> int:
    """Sign of Java's `String.compareTo` (UTF-16 code unit order)."""
    if left == right:
        return 0
    i, shortest = 0, min(len(left), len(right))
    while i < shortest and left[i] == right[i]:
        i += 1
    if i == len(left) or i == len(right):
        return _sign(len(left) - len(right))
    a, b = ord(left[i]), ord(right[i])
    if (a >= 0x10000) != (b >= 0x10000):  # a surrogate pair against a BMP character
        a = 0xD800 + ((a - 0x10000) >> 10) if a >= 0x10000 else a
        b = 0xD800 + ((b - 0x10000) >> 10) if b >= 0x10000 else b
        if a == b:
            return -1 if ord(left[i]) < ord(right[i]) else 1
    return _sign(a - b)


def _bool_compare(left: bool, right: bool) -> int:
    return 0 if left == right else (1 if left else -1)


def _nullish(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "null")


def safe_compare(left: Any, right: Any) -> int:
    """Jayway's Criteria.safeCompare(expected, model)."""
    if left is right:
        return 0
    left_null, right_null = _nullish(left), _nullish(right)
    if left_null or right_null:
        return 0 if left_null and right_null else (-1 if left_null else 1)
    if isinstance(left, str):
        if isinstance(right, str):
            if "'" in left:
                left = left.replace("\\'", "'")
            return _java_string_compare(left, right)
        if isinstance(right, bool):
            return _bool_compare(left.lower() == "true", right)
        if _is_number(right):
            return _sign_of(_literal_decimal(left), right)
        raise _CompareError
    if isinstance(left, bool):
        if isinstance(right, bool):
            return _bool_compare(left, right)
        raise _CompareError
    if _is_number(left) and _is_number(right):
        if type(left) is int and type(right) is int:
            return _sign(left - right)
        return _sign_of(_number_decimal(left), right)
    raise _CompareError


@functools.lru_cache(maxsize=1024)
def _as_float(number: Decimal) -> float:
    return float(number)


def _sign_of(left: Decimal, right: int | float | Decimal) -> int:
    if type(right) is int:
        return 0 if left == right else (1 if left > right else -1)
    if type(right) is float and right - right == 0:
        # Rounding is monotonic, so when the double differs from the literal rounded to a
        # double, the float comparison has the sign of the exact decimal comparison.
        approx = _as_float(left)
        if approx != right:
            return 1 if approx > right else -1
    other = _number_decimal(right)
    return 0 if left == other else (1 if left > other else -1)


def _eq(e: Any, m: Any) -> bool:
    return safe_compare(e, m) == 0


def _ne(e: Any, m: Any) -> bool:
    return safe_compare(e, m) != 0


def _gt(e: Any, m: Any) -> bool:
    return (e is None) == (m is None) and safe_compare(e, m) < 0


def _gte(e: Any, m: Any) -> bool:
    return (e is None) == (m is None) and safe_compare(e, m) <= 0


def _lt(e: Any, m: Any) -> bool:
    return (e is None) == (m is None) and safe_compare(e, m) > 0


def _lte(e: Any, m: Any) -> bool:
    return (e is None) == (m is None) and safe_compare(e, m) >= 0


def _regex(e: Any, m: Any) -> bool:
    if isinstance(m, JavaPattern):
        pattern, target = m, e
    else:
        if e is not None and not isinstance(e, JavaPattern):
            raise _JavaRuntimeError(
                "ClassCastException", "'=~' needs a /regex/ literal on its right-hand side"
            )
        pattern, target = e, m
    if target is None:
        return False
    if pattern is None:
        raise _JavaRuntimeError("NullPointerException", "'=~' compared with null")
    return pattern.regex.fullmatch(java_to_string(target)) is not None


OPERATORS = {"==": _eq, "!=": _ne, ">": _gt, ">=": _gte, "<": _lt, "<=": _lte, "=~": _regex}
# Jayway finds the operator with String.indexOf, trying them in this order.
OPERATOR_SEARCH_ORDER = ("==", ">=", "<=", "!=", "<", ">", "=~")


# How each operator reads the sign of safeCompare(expected, model).
_SIGN_TESTS = {
    "==": lambda s: s == 0,
    "!=": lambda s: s != 0,
    ">": lambda s: s < 0,
    ">=": lambda s: s <= 0,
    "<": lambda s: s > 0,
    "<=": lambda s: s >= 0,
}


class Criterion:
    """`left <op> right` with operands that are PathOperand, JavaPattern or str."""

    def __init__(self, left: Any, operator: str, right: Any) -> None:
        self.left = left
        self.right = right
        self.compare = OPERATORS[operator]
        self.left_is_path = isinstance(left, PathOperand)
        self.right_is_path = isinstance(right, PathOperand)
        # Fast path for the common `@.x <op> <number literal>`: the literal's BigDecimal value
        # and its nearest double, precomputed (see `_sign_of` for why the double is enough
        # whenever it differs from the value).
        self.sign_test = _SIGN_TESTS.get(operator)
        self.number: Decimal | None = None
        if self.sign_test and isinstance(right, str) and _BIG_DECIMAL.fullmatch(right):
            self.number = Decimal(right)
            self.number_float = float(self.number)
            self.number_int = int(self.number) if self.number == self.number.to_integral() else None
        # `@.x == 'text'` and `@.flag == true`: string and boolean literals.
        self.text = (
            right if self.sign_test and isinstance(right, str) and "'" not in right else None
        )
        self.truth = right.lower() == "true" if self.text is not None else False

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        try:
            left = _operand_value(self.left, item, ctx) if self.left_is_path else self.left
            if self.number is not None:
                kind = type(left)
                if kind is int and self.number_int is not None:
                    return self.sign_test(_sign(self.number_int - left))
                if kind is float and left != self.number_float and left - left == 0:
                    return self.sign_test(1 if self.number_float > left else -1)
            if self.text is not None and self.text != "null":
                kind = type(left)
                if kind is bool:
                    return self.sign_test(_bool_compare(self.truth, left))
                if kind is str and left != "null":
                    return self.sign_test(_java_string_compare(self.text, left))
            right = _operand_value(self.right, item, ctx) if self.right_is_path else self.right
            return self.compare(right, left)
        except (_CompareError, PathNotFoundError):
            return False


class ExistsCriterion:
    """`@.a` / `!@.a`: evaluated with REQUIRE_PROPERTIES against the current item (even `$`)."""

    def __init__(self, path: PathOperand, exists: bool) -> None:
        self.path = path
        self.exists = exists

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        try:
            value = self.path.compiled.read(item, ctx.root, True)
        except PathNotFoundError:
            return not self.exists
        return (value is not None) == self.exists


def _operand_value(operand: PathOperand, item: Any, ctx: EvalContext) -> Any:
    if not operand.is_root_path:
        return operand.value(item, ctx)
    if operand.is_root_path:
        key = id(operand)
        cache = ctx.root_cache
        if key not in cache:
            cache[key] = operand.value(ctx.root, ctx)
        return cache[key]
    return operand.value(item, ctx)


class AndFilter:
    def __init__(self, predicates: list[Any]) -> None:
        self.predicates = predicates

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        for predicate in self.predicates:  # noqa: SIM110 (a loop is faster than all())
            if not predicate.apply(item, ctx):
                return False
        return True

    def and_(self, other: Any) -> AndFilter:
        return AndFilter([*self.predicates, other])

    def or_(self, other: Any) -> OrFilter:
        return OrFilter(self, other)


class OrFilter:
    def __init__(self, left: Any, right: Any) -> None:
        self.left = left
        self.right = right

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        return self.left.apply(item, ctx) or self.right.apply(item, ctx)

    def and_(self, other: Any) -> OrFilter:
        return OrFilter(self.left, AndFilter([self.right, other]))

    def or_(self, other: Any) -> OrFilter:
        return OrFilter(self, other)


class SingleFilter:
    def __init__(self, predicate: Any) -> None:
        self.predicate = predicate

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        return self.predicate.apply(item, ctx)

    def and_(self, other: Any) -> AndFilter:
        return AndFilter([self, other])

    def or_(self, other: Any) -> OrFilter:
        return OrFilter(self, other)
