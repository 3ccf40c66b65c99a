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
import operator
import re
from collections.abc import Callable
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
    pattern: JavaPattern | None
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
def _no_sign_test(sign: int) -> bool:
    raise AssertionError("no literal fast path for this operator")  # never set up, never called


_SIGN_TESTS: dict[str, Callable[[int], bool]] = {
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
        has_sign = operator in _SIGN_TESTS  # the literal fast paths exist only for these
        self.sign_test: Callable[[int], bool] = _SIGN_TESTS.get(operator, _no_sign_test)
        self.number: Decimal | None = None
        if has_sign and isinstance(right, str) and _BIG_DECIMAL.fullmatch(right):
            self.number = Decimal(right)
            self.number_float = float(self.number)
            self.number_int = int(self.number) if self.number == self.number.to_integral() else None
        # `@.x == 'text'` and `@.flag == true`: string and boolean literals.
        self.text = right if has_sign and isinstance(right, str) and "'" not in right else None
        self.truth = right.lower() == "true" if self.text is not None else False
        self.test = _criterion_test(self, operator)

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
        self.test = self.apply
        compiled = path.compiled
        if not compiled.is_root_path and compiled.simple_names == 1:
            self.test = _exists_test(compiled.first_name, exists, self.apply)

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
        if len(predicates) == 2:
            first, second = predicates[0].test, predicates[1].test
            self.test = lambda item, ctx: first(item, ctx) and second(item, ctx)
        else:
            tests = [p.test for p in predicates]
            self.test = lambda item, ctx: all(test(item, ctx) for test in tests)

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
        first, second = left.test, right.test
        self.test = lambda item, ctx: first(item, ctx) or second(item, ctx)

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        return self.left.apply(item, ctx) or self.right.apply(item, ctx)

    def and_(self, other: Any) -> OrFilter:
        return OrFilter(self.left, AndFilter([self.right, other]))

    def or_(self, other: Any) -> OrFilter:
        return OrFilter(self, other)


class SingleFilter:
    def __init__(self, predicate: Any) -> None:
        self.predicate = predicate
        self.test = predicate.test

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        return self.predicate.apply(item, ctx)

    def and_(self, other: Any) -> AndFilter:
        return AndFilter([self, other])

    def or_(self, other: Any) -> OrFilter:
        return OrFilter(self, other)


# ------------------------------------------------------------------ precompiled tests
#
# `Criterion.apply` above is the reference. For the shapes filters almost always have
# (`@.name <op> literal`, `@.name <op> $.root.path`) `test` is a closure that decides the
# plain cases (int/float/str/bool values) inline and hands everything else (missing keys,
# nullish values, Decimals, huge ints, NaN/infinity, quotes in literals) to `apply`.

_MISSING = object()
_PY_OPERATORS = {
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}
_EXACT_FLOAT_INT = 2**53  # every int up to here is a double, and its digits are its toString


def _exists_test(name: str, exists: bool, generic: Any) -> Any:
    def test(item: Any, ctx: EvalContext) -> bool:
        if type(item) is dict:
            value = item.get(name, _MISSING)
            if value is not _MISSING:
                return (value is not None) == exists
        return generic(item, ctx)

    return test


def _criterion_test(criterion: Criterion, operator_text: str) -> Any:
    generic = criterion.apply
    left = criterion.left
    compare = _PY_OPERATORS.get(operator_text)
    if (
        compare is None
        or not criterion.left_is_path
        or left.is_root_path
        or left.compiled.simple_names != 1
    ):
        return generic
    name = left.compiled.first_name
    if criterion.right_is_path:
        if criterion.right.is_root_path:
            return _root_operand_test(name, id(criterion.right), compare, generic)
        return generic
    if criterion.number is None and (criterion.text is None or criterion.text == "null"):
        return generic
    return _literal_test(criterion, name, compare, operator_text, generic)


def _literal_test(
    criterion: Criterion, name: str, compare: Any, operator_text: str, generic: Any
) -> Any:
    """`@.name <op> literal`: the same decisions as the fast paths of `Criterion.apply`."""
    has_number = criterion.number is not None
    number_int = criterion.number_int if has_number else None
    number_float = criterion.number_float if has_number else 0.0
    text = criterion.text if criterion.text != "null" else None
    truth = criterion.truth
    sign_test = criterion.sign_test
    # Strings are equal exactly when Java's compareTo is 0, so ==/!= need no UTF-16 order.
    equality = operator_text in ("==", "!=")

    def test(item: Any, ctx: EvalContext) -> bool:
        if type(item) is dict:
            value = item.get(name, _MISSING)
            kind = type(value)
            if has_number:
                if kind is int and number_int is not None:
                    return compare(value, number_int)
                if kind is float and value != number_float and value - value == 0:
                    return compare(value, number_float)
            if text is not None:
                if kind is str and value != "null":
                    if equality:
                        return compare(value, text)
                    return sign_test(_java_string_compare(text, value))
                if kind is bool:
                    return sign_test(_bool_compare(truth, value))
        return generic(item, ctx)

    return test


def _root_operand_test(name: str, key: int, compare: Any, generic: Any) -> Any:
    """`@.name <op> $.path`: numbers compared as doubles where that equals BigDecimal order.

    Two doubles (finite) order like their shortest round-trip decimals, because rounding to
    the nearest double is monotonic; an int up to 2**53 is exactly a double, so the same
    holds for an int against a double and plain `int` order for two ints.
    """

    def test(item: Any, ctx: EvalContext) -> bool:
        if type(item) is dict:
            right = ctx.root_cache.get(key, _MISSING)  # `apply` fills it on first use
            value = item.get(name, _MISSING)
            if right is not _MISSING and value is not _MISSING:
                left_kind, right_kind = type(value), type(right)
                if left_kind is int and right_kind is int:
                    return compare(value, right)
                if (
                    (left_kind is float or left_kind is int)
                    and (right_kind is float or right_kind is int)
                    and value - value == 0
                    and right - right == 0
                    and -_EXACT_FLOAT_INT <= value <= _EXACT_FLOAT_INT
                    and -_EXACT_FLOAT_INT <= right <= _EXACT_FLOAT_INT
                ):
                    return compare(value, right)
        return generic(item, ctx)

    return test
