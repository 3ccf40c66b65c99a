"""Filter evaluation, ported from Jayway json-path 2.9.0 (`ValueNode(s)`, `EvaluatorFactory`).

What Genesys filters rely on: a path value becomes a typed node (number, string, boolean,
null, JSON for arrays/objects, undefined when missing); `==` between a number and a string
compares the string with the number's BigDecimal text (`'10' == 10`, not `'1.0' == 1`), `<`
and friends only compare number with number or string with string, `!=` is true when the
left side is missing, and `in`/`nin`/`subsetof`/`anyof`/`noneof`/`contains` use those rules
element by element over a JSON array literal parsed like json-smart's permissive mode.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tui.runtime.javaregex import JavaPatternError, compile_java
from tui.runtime.jsonpath.errors import PathNotFoundError, _InvalidPathAtRuntime, _JavaRuntimeError
from tui.runtime.jsonpath.literals import parse_permissive
from tui.runtime.jsontext import java_to_string, to_json_text

if TYPE_CHECKING:
    from tui.runtime.jsonpath.tokens import EvalContext, TokenPath

PATTERN_FLAGS = "dixmsuU"
OPERATORS = frozenset(
    {
        ">=", "<=", "==", "===", "!=", "!==", "<", ">", "=~", "NIN", "IN", "CONTAINS", "ALL",
        "SIZE", "EXISTS", "TYPE", "MATCHES", "EMPTY", "SUBSETOF", "ANYOF", "NONEOF",
    }
)  # fmt: skip


def _expected(kind: str) -> _InvalidPathAtRuntime:
    return _InvalidPathAtRuntime(f"expected {kind} node")


# ------------------------------------------------------------------------------- nodes


class Node:
    def equals(self, other: Node) -> bool:
        return self is other

    def as_string(self) -> StringNode:
        raise _expected("string")

    def as_number(self) -> NumberNode:
        raise _expected("number")


class StringNode(Node):
    __slots__ = ("string",)

    def __init__(self, string: str) -> None:
        self.string = string

    @classmethod
    def literal(cls, text: str) -> StringNode:
        """`createStringNode(text, escape=true)`: strips matching quotes, then unescapes."""
        from tui.runtime.jsonpath.charindex import java_unescape

        if len(text) > 1:
            if text[0] == text[-1] and text[0] in "'\"":
                text = text[1:-1]
            return cls(java_unescape(text))
        return cls(text)

    def as_string(self) -> StringNode:
        return self

    def as_number(self) -> NumberNode:
        from tui.runtime.jsonpath.filter_compiler import java_big_decimal

        try:
            return NumberNode(java_big_decimal(self.string))
        except ValueError:
            return NAN

    def equals(self, other: Node) -> bool:
        if isinstance(other, (StringNode, NumberNode)):
            return self.string == other.as_string().string
        return False


class NumberNode(Node):
    __slots__ = ("number",)

    def __init__(self, number: Decimal | None) -> None:
        self.number = number

    @classmethod
    def of(cls, value: int | float | Decimal) -> NumberNode:
        """`createNumberNode(value.toString())`: Java's text of the number as a BigDecimal."""
        if type(value) is int or type(value) is Decimal:
            return cls(Decimal(value))
        if isinstance(value, float) and (math.isinf(value) or value != value):
            raise _JavaRuntimeError(
                "NumberFormatException", f"{java_to_string(value)} is not a number"
            )
        return cls(Decimal(java_to_string(value)))

    def as_number(self) -> NumberNode:
        return self

    def as_string(self) -> StringNode:
        return StringNode(str(self.number))

    def equals(self, other: Node) -> bool:
        if isinstance(other, (StringNode, NumberNode)):
            that = other.as_number()
            if that is NAN or self.number is None or that.number is None:
                return False
            return self.number == that.number
        return False


NAN = NumberNode(None)


class BooleanNode(Node):
    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def equals(self, other: Node) -> bool:
        return isinstance(other, BooleanNode) and other.value == self.value


TRUE = BooleanNode(True)
FALSE = BooleanNode(False)


class NullNode(Node):
    def equals(self, other: Node) -> bool:
        return isinstance(other, NullNode)


NULL = NullNode()


class UndefinedNode(Node):
    def equals(self, other: Node) -> bool:
        return False


UNDEFINED = UndefinedNode()


class PatternNode(Node):
    def __init__(self, text: str) -> None:
        begin, end = text.index("/"), text.rindex("/")
        self.flags = text[end + 1 :]
        try:
            self.regex = compile_java(text[begin + 1 : end], self.flags)
        except JavaPatternError as exc:
            raise ValueError(f"invalid regular expression {text}: {exc}") from None


class JsonNode(Node):
    """A JSON array/object: a literal (parsed when used) or a value read from the document."""

    __slots__ = ("json", "parsed")

    def __init__(self, json: Any, parsed: bool) -> None:
        self.json = json
        self.parsed = parsed

    def value(self) -> Any:
        if self.parsed:
            return self.json
        try:
            return parse_permissive(self.json)
        except ValueError as exc:
            raise _JavaRuntimeError("IllegalArgumentException", str(exc)) from None

    def as_value_list(self) -> Node:
        value = self.value()
        if type(value) is not list:
            return UNDEFINED
        return ValueListNode([to_value_node(v) for v in value])

    def length(self) -> int:
        value = self.value()
        return len(value) if type(value) is list else -1

    def is_empty(self) -> bool:
        value = self.value()
        if type(value) in (list, dict, str):
            return len(value) == 0
        return True

    def json_equals(self, other: JsonNode) -> bool:
        return java_equals(self.json, other.value())

    def equals(self, other: Node) -> bool:
        return isinstance(other, JsonNode) and java_equals(self.json, other.json)


class ValueListNode(Node):
    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes

    def contains(self, node: Node) -> bool:
        return any(node.equals(item) for item in self.nodes)

    def equals(self, other: Node) -> bool:
        return (
            isinstance(other, ValueListNode)
            and len(self.nodes) == len(other.nodes)
            and all(a.equals(b) for a, b in zip(self.nodes, other.nodes, strict=True))
        )


class PathNode(Node):
    def __init__(self, path: TokenPath, exists_check: bool, should_exist: bool) -> None:
        self.path = path
        self.exists_check = exists_check
        self.should_exist = should_exist

    def as_exists_check(self) -> PathNode:
        return PathNode(self.path, True, self.should_exist)

    def evaluate(self, item: Any, ctx: EvalContext) -> Node:
        path = self.path
        name = path.single_name
        if name is not None and not path.is_root_path:
            # `@.name`: present (even null) -> its node; missing or not an object -> not found.
            value = item.get(name, _MISSING) if type(item) is dict else _MISSING
            if self.exists_check:
                return FALSE if value is _MISSING else TRUE
            return UNDEFINED if value is _MISSING else value_node(value)
        if self.exists_check:
            try:
                path.value(item, ctx.root, True)
            except PathNotFoundError:
                return FALSE
            return TRUE
        try:
            if path.is_root_path:
                key = id(path)
                cache = ctx.root_cache
                if key in cache:
                    value = cache[key]
                else:
                    value = cache[key] = path.value(ctx.root, ctx.root)
            else:
                value = path.value(item, ctx.root)
        except PathNotFoundError:
            return UNDEFINED
        return value_node(value)


_MISSING: Any = object()


def value_node(value: Any) -> Node:
    """The node a path's value becomes (PathNode.evaluate)."""
    kind = type(value)
    if kind is str:
        return StringNode(value)
    if kind is bool:
        return TRUE if value else FALSE
    if kind is int or kind is float or kind is Decimal:
        return NumberNode.of(value)
    if value is None:
        return NULL
    return JsonNode(value, parsed=True)


def to_value_node(value: Any) -> Node:
    """Jayway ValueNode.toValueNode, for the elements of a JSON array operand."""
    if value is None:
        return NULL
    if isinstance(value, str):
        if _looks_like_path(value):
            from tui.runtime.jsonpath.compiler import compile_tokens

            return PathNode(compile_tokens(value.strip(_JAVA_BLANKS)), False, False)
        if _looks_like_json(value):
            return JsonNode(value, parsed=False)
        return StringNode.literal(value)
    if isinstance(value, bool):
        return TRUE if value else FALSE
    if isinstance(value, (int, float, Decimal)):
        return NumberNode.of(value)
    raise _JavaRuntimeError("JsonPathException", "Could not determine value type")


_JAVA_BLANKS = "".join(chr(c) for c in range(33))


def _looks_like_path(text: str) -> bool:
    from tui.runtime.jsonpath.compiler import compile_tokens

    text = text.strip(_JAVA_BLANKS)
    if not text or text[0] not in "@$":
        return False
    try:
        compile_tokens(text)
    except Exception:
        return False
    return True


def _looks_like_json(text: str) -> bool:
    text = text.strip(_JAVA_BLANKS)
    if len(text) <= 1 or (text[0], text[-1]) not in (("[", "]"), ("{", "}")):
        return False
    try:
        parse_permissive(text)
    except ValueError:
        return False
    return True


def java_equals(a: Any, b: Any) -> bool:
    """Java `equals` between parsed JSON values (types must match: 1 is not 1.0)."""
    ta, tb = type(a), type(b)
    if ta is not tb:
        return False
    if ta is list:
        return len(a) == len(b) and all(java_equals(x, y) for x, y in zip(a, b, strict=True))
    if ta is dict:
        return a.keys() == b.keys() and all(java_equals(a[k], b[k]) for k in a)
    if ta is Decimal:
        return str(a) == str(b)  # BigDecimal.equals compares the scale too
    if ta is float and a != a and b != b:
        return True  # Double.equals(NaN, NaN)
    return bool(a == b)


# -------------------------------------------------------------------------- evaluators


def _compare(left: Node, right: Node) -> int | None:
    """Sign of left.compareTo(right) for number/number and string/string, else None."""
    if isinstance(left, NumberNode) and isinstance(right, NumberNode):
        a, b = left.number, right.number
        if a is None or b is None:
            raise _JavaRuntimeError("NullPointerException", "NaN number node")
        return (a > b) - (a < b)
    if isinstance(left, StringNode) and isinstance(right, StringNode):
        return java_string_compare(left.string, right.string)
    return None


def _eq(left: Node, right: Node) -> bool:
    if isinstance(left, JsonNode) and isinstance(right, JsonNode):
        return left.json_equals(right)
    return left.equals(right)


def _value_list(node: Node) -> ValueListNode | None:
    """A JSON operand as a list of nodes (None: not an array, the test is false)."""
    if isinstance(node, JsonNode):
        values = node.as_value_list()
        return values if isinstance(values, ValueListNode) else None
    if isinstance(node, ValueListNode):
        return node
    raise _expected("value list")


def _in(left: Node, right: Node) -> bool:
    values = _value_list(right)
    return values is not None and values.contains(left)


def _subsetof(left: Node, right: Node) -> bool:
    rights, lefts = _value_list(right), _value_list(left)
    if rights is None or lefts is None:
        return False
    return all(rights.contains(node) for node in lefts.nodes)


def _anyof(left: Node, right: Node) -> bool:
    rights, lefts = _value_list(right), _value_list(left)
    if rights is None or lefts is None:
        return False
    return any(a.equals(b) for a in lefts.nodes for b in rights.nodes)


def _noneof(left: Node, right: Node) -> bool:
    rights, lefts = _value_list(right), _value_list(left)
    if rights is None or lefts is None:
        return False
    return not any(a.equals(b) for a in lefts.nodes for b in rights.nodes)


def _all(left: Node, right: Node) -> bool:
    if not isinstance(right, ValueListNode):
        raise _expected("value list")
    return False  # a filter literal is never a value list node


def _contains(left: Node, right: Node) -> bool:
    if isinstance(left, StringNode) and isinstance(right, StringNode):
        return right.string in left.string
    if isinstance(left, JsonNode):
        values = left.as_value_list()
        return isinstance(values, ValueListNode) and any(
            right.equals(node) for node in values.nodes
        )
    return False


def _size(left: Node, right: Node) -> bool:
    if not isinstance(right, NumberNode) or right.number is None:
        return False
    expected = _java_int_value(right.number)
    if isinstance(left, StringNode):
        return java_length(left.string) == expected
    if isinstance(left, JsonNode):
        return left.length() == expected
    return False


def _empty(left: Node, right: Node) -> bool:
    if isinstance(left, StringNode):
        if not isinstance(right, BooleanNode):
            raise _expected("boolean")
        return (left.string == "") == right.value
    if isinstance(left, JsonNode):
        if not isinstance(right, BooleanNode):
            raise _expected("boolean")
        return left.is_empty() == right.value
    return False


def _regex_input(node: Node) -> str:
    if isinstance(node, (StringNode, NumberNode)):
        return node.as_string().string
    if isinstance(node, BooleanNode):
        return "true" if node.value else "false"
    return ""


def _regex(left: Node, right: Node) -> bool:
    left_pattern, right_pattern = isinstance(left, PatternNode), isinstance(right, PatternNode)
    if left_pattern == right_pattern:
        return False
    pattern, other = (left, right) if left_pattern else (right, left)
    assert isinstance(pattern, PatternNode)
    if isinstance(other, JsonNode) and type(other.value()) is list:
        values = other.as_value_list()
        return isinstance(values, ValueListNode) and any(
            pattern.regex.fullmatch(_regex_input(node)) is not None for node in values.nodes
        )
    return pattern.regex.fullmatch(_regex_input(other)) is not None


def _exists(left: Node, right: Node) -> bool:
    assert isinstance(left, BooleanNode) and isinstance(right, BooleanNode)
    return left.value == right.value


def _ordered(test: Any) -> Any:
    def evaluate(left: Node, right: Node) -> bool:
        sign = _compare(left, right)
        return sign is not None and test(sign)

    return evaluate


def _never(kind: str) -> Any:
    def evaluate(left: Node, right: Node) -> bool:
        raise _expected(kind)  # `type` and `matches` need Java objects a path cannot write

    return evaluate


EVALUATORS: dict[str, Any] = {
    "EXISTS": _exists,
    "==": _eq,
    "!=": lambda a, b: not _eq(a, b),
    "===": lambda a, b: type(a) is type(b) and _eq(a, b),
    "!==": lambda a, b: not (type(a) is type(b) and _eq(a, b)),
    "<": _ordered(lambda s: s < 0),
    "<=": _ordered(lambda s: s <= 0),
    ">": _ordered(lambda s: s > 0),
    ">=": _ordered(lambda s: s >= 0),
    "=~": _regex,
    "SIZE": _size,
    "EMPTY": _empty,
    "IN": _in,
    "NIN": lambda a, b: not _in(a, b),
    "ALL": _all,
    "CONTAINS": _contains,
    "MATCHES": _never("predicate"),
    "TYPE": _never("class"),
    "SUBSETOF": _subsetof,
    "ANYOF": _anyof,
    "NONEOF": _noneof,
}


class Relation:
    """`left <operator> right` (Jayway RelationalExpressionNode)."""

    def __init__(self, left: Node, operator: str, right: Node) -> None:
        self.left = left
        self.right = right
        self.operator = operator
        self.evaluator = EVALUATORS[operator]
        self.left_path = isinstance(left, PathNode)
        self.right_path = isinstance(right, PathNode)
        self.test = _fast_test(self) or self.apply

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        left = self.left.evaluate(item, ctx) if self.left_path else self.left  # type: ignore[attr-defined]
        right = self.right.evaluate(item, ctx) if self.right_path else self.right  # type: ignore[attr-defined]
        return bool(self.evaluator(left, right))


class AndNode:
    def __init__(self, operands: list[Any]) -> None:
        self.operands = operands
        tests = [op.test for op in operands]
        if len(tests) == 2:
            first, second = tests
            self.test = lambda item, ctx: first(item, ctx) and second(item, ctx)
        else:
            self.test = lambda item, ctx: all(t(item, ctx) for t in tests)

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        return all(op.apply(item, ctx) for op in self.operands)


class OrNode:
    def __init__(self, operands: list[Any]) -> None:
        self.operands = operands
        tests = [op.test for op in operands]
        self.test = lambda item, ctx: any(t(item, ctx) for t in tests)

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        return any(op.apply(item, ctx) for op in self.operands)


class NotNode:
    def __init__(self, operand: Any) -> None:
        self.operand = operand
        test = operand.test
        self.test = lambda item, ctx: not test(item, ctx)

    def apply(self, item: Any, ctx: EvalContext) -> bool:
        return not self.operand.apply(item, ctx)


# ------------------------------------------------------------------ precompiled tests
#
# `Relation.apply` is the reference. For `@.name <op> literal` (what filters almost always
# are) `test` decides the plain cases inline: strings, booleans, null, ints, finite doubles
# that differ from the literal as doubles (rounding to a double is monotonic, so the double
# order is then the BigDecimal order). Everything else goes to `apply`.

_ORDER = {
    "<": lambda s: s < 0,
    "<=": lambda s: s <= 0,
    ">": lambda s: s > 0,
    ">=": lambda s: s >= 0,
}


def _fast_test(relation: Relation) -> Any:
    left, right, operator = relation.left, relation.right, relation.operator
    if not isinstance(left, PathNode) or left.exists_check or left.path.is_root_path:
        return None
    name = left.path.single_name
    if name is None or operator not in ("==", "!=", *_ORDER):
        return None
    if isinstance(right, PathNode) and right.path.is_root_path and not right.exists_check:
        return _root_number_test(relation, name, id(right.path), operator)
    if not isinstance(right, (StringNode, NumberNode, BooleanNode, NullNode)):
        return None
    generic = relation.apply
    negate = operator == "!="
    order = _ORDER.get(operator)
    text = right.string if isinstance(right, StringNode) else None
    number = right.number if isinstance(right, NumberNode) else None
    number_text = str(number) if number is not None else None
    integral = number is not None and number == number.to_integral_value()
    number_int = int(number) if number is not None and integral else None
    number_float = float(number) if number is not None else 0.0
    boolean = right.value if isinstance(right, BooleanNode) else None
    is_null = isinstance(right, NullNode)

    def test(item: Any, ctx: EvalContext) -> bool:
        value = item.get(name, _MISSING) if type(item) is dict else _MISSING
        kind = type(value)
        if kind is str:
            if text is not None:
                if order is None:
                    return (value == text) != negate
                return order(java_string_compare(value, text))
            if number_text is not None and order is None:
                return (value == number_text) != negate
            return negate if order is None else False
        if kind is int and number_int is not None:
            if order is None:
                return (value == number_int) != negate
            return order((value > number_int) - (value < number_int))
        if kind is float and number is not None and value - value == 0 and value != number_float:
            if order is None:
                return negate
            return order(1 if value > number_float else -1)
        if kind is bool:
            if order is not None:
                return False
            return (boolean is not None and value == boolean) != negate
        if value is None:
            return False if order is not None else is_null != negate
        if value is _MISSING or kind is dict or kind is list:
            return negate if order is None else False
        return generic(item, ctx)

    return test


_EXACT = 2**53  # every int up to here is a double, and its digits are its Java text
_PY_ORDER = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _root_number_test(relation: Relation, name: str, key: int, operator: str) -> Any:
    """`@.name <op> $.path` between plain numbers: int order, or double order where that is
    the BigDecimal order (finite values within 2**53); anything else goes to `apply`."""
    generic = relation.apply
    compare = _PY_ORDER[operator]

    def test(item: Any, ctx: EvalContext) -> bool:
        right = ctx.root_cache.get(key, _MISSING)  # `apply` fills it on first use
        value = item.get(name, _MISSING) if type(item) is dict else _MISSING
        if right is not _MISSING and value is not _MISSING:
            lk, rk = type(value), type(right)
            if lk is int and rk is int:
                return bool(compare(value, right))
            if (
                (lk is float or lk is int)
                and (rk is float or rk is int)
                and value - value == 0
                and right - right == 0
                and -_EXACT <= value <= _EXACT
                and -_EXACT <= right <= _EXACT
            ):
                return bool(compare(value, right))
        return generic(item, ctx)

    return test


# ------------------------------------------------------------------------ Java helpers


def java_length(text: str) -> int:
    """String.length(): UTF-16 code units."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _java_int_value(number: Decimal) -> int:
    """BigDecimal.intValue(): truncated, low 32 bits."""
    value = int(number) & 0xFFFFFFFF
    return value - 2**32 if value >= 2**31 else value


def java_string_compare(left: str, right: str) -> int:
    """Sign of Java's `String.compareTo` (UTF-16 code unit order)."""
    if left == right:
        return 0
    a = left.encode("utf-16-be", "surrogatepass")
    b = right.encode("utf-16-be", "surrogatepass")
    return (a > b) - (a < b)


def java_text(value: Any) -> str:
    """Java `toString()` of a parsed JSON value: Jayway's json-smart reader makes objects
    LinkedHashMaps (`{k=v, k2=v2}`) and arrays JSONArrays (printed as JSON)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={java_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return to_json_text(value)
    return java_to_string(value)
