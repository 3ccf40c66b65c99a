"""Java semantics for the Python values a template sees.

Context values stand for Java objects: str = String, int = Integer/Long, float = Double,
bool = Boolean, None = null, list = ArrayList, dict = LinkedHashMap. This module gives them
Java's `toString` and the String/List/Map/Number methods templates call, with Java's results
and exceptions (hand-written: no library models java.lang semantics in Python).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from tui.runtime.javaregex import JavaPatternError, compile_java

from .errors import JavaException

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1


class NoSuchMethod(Exception):
    """No Java method matches the name and argument types (Velocity then yields null)."""


class JavaArray(list):
    """A Java array (e.g. from String.split): Velocity 1.7 allows size/get/isEmpty on it."""

    java_name = "[Ljava.lang.String;"


class JavaChar(str):
    """A java.lang.Character (from String.charAt)."""


def java_class(value: Any) -> str:
    """The Java class name a value stands for (used in messages and equals)."""
    if isinstance(value, bool):
        return "java.lang.Boolean"
    if isinstance(value, int):
        return "java.lang.Integer" if INT_MIN <= value <= INT_MAX else "java.lang.Long"
    if isinstance(value, float):
        return "java.lang.Double"
    if isinstance(value, JavaChar):
        return "java.lang.Character"
    if isinstance(value, str):
        return "java.lang.String"
    if isinstance(value, JavaArray):
        return "[Ljava.lang.String;"
    if isinstance(value, list):
        return "java.util.ArrayList"
    if isinstance(value, dict):
        return "java.util.LinkedHashMap"
    return getattr(value, "java_class_name", type(value).__name__)


def double_to_string(d: float) -> str:
    """Java's Double.toString."""
    if d != d:
        return "NaN"
    if d in (math.inf, -math.inf):
        return "Infinity" if d > 0 else "-Infinity"
    if d == 0:
        return "-0.0" if math.copysign(1.0, d) < 0 else "0.0"
    sign = "-" if d < 0 else ""
    if abs(d) == 5e-324:
        return f"{sign}4.9E-324"  # Double.MIN_VALUE: Java prints two digits
    mantissa, _, exp_text = f"{abs(d):.17e}".partition("e")
    digits, exp = _shortest_digits(abs(d))
    del mantissa, exp_text
    if 1e-3 <= abs(d) < 1e7:
        point = exp + 1
        if point <= 0:
            return f"{sign}0.{'0' * -point}{digits}"
        if point >= len(digits):
            return f"{sign}{digits}{'0' * (point - len(digits))}.0"
        return f"{sign}{digits[:point]}.{digits[point:]}"
    frac = digits[1:] or "0"
    return f"{sign}{digits[0]}.{frac}E{exp}"


def _shortest_digits(d: float) -> tuple[str, int]:
    """Shortest round-tripping significant digits and the decimal exponent of the first."""
    text = repr(d)
    mant, _, e = text.partition("e")
    exp = int(e) if e else 0
    whole, _, frac = mant.partition(".")
    digits = (whole + frac).lstrip("0")
    lead_zeros = len(whole + frac) - len((whole + frac).lstrip("0"))
    exp += len(whole) - 1 - lead_zeros
    return digits.rstrip("0") or "0", exp


def to_string(value: Any) -> str:
    """Java's String.valueOf for a value (null → "null")."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return double_to_string(value)
    if isinstance(value, JavaArray):
        return f"{value.java_name}@{id(value) & 0xFFFFFFF:x}"
    if isinstance(value, list):
        return (
            "["
            + ", ".join("(this Collection)" if v is value else to_string(v) for v in value)
            + "]"
        )
    if isinstance(value, dict):
        parts = (
            f"{to_string(k)}={'(this Map)' if v is value else to_string(v)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(parts) + "}"
    return str(value)


def java_equals(a: Any, b: Any) -> bool:
    """Object.equals between two values of the same Java class family."""
    if a is None or b is None:
        return a is b
    if java_class(a) != java_class(b) and not (isinstance(a, list) and isinstance(b, list)):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(java_equals(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(java_equals(a[k], b[k]) for k in a)
    return a == b


# ---------------------------------------------------------------- argument conversion


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and INT_MIN <= v <= INT_MAX


def _is_str(v: Any) -> bool:
    return isinstance(v, str) or v is None


def _need(cond: bool) -> bool:
    """Java's overload resolution: no method matches unless `cond` (True, for use in tuples)."""
    if not cond:
        raise NoSuchMethod
    return True


def _index_error(cls: str, detail: str) -> JavaException:
    return JavaException(f"java.lang.{cls}", detail)


# ---------------------------------------------------------------- Java regex


def java_regex(pattern: str) -> Any:
    """Compile a java.util.regex pattern (see `tui.runtime.javaregex`: `\\p{L}`, ASCII `\\w`)."""
    try:
        return compile_java(pattern)
    except JavaPatternError as exc:
        raise JavaException("java.util.regex.PatternSyntaxException", str(exc)) from None


def _java_replacement(pattern: Any, replacement: str) -> Callable[[Any], str]:
    """Matcher.appendReplacement semantics: `$n`, `${name}` and `\\x` escapes."""
    parts: list[str | int] = []
    i, n = 0, len(replacement)
    while i < n:
        c = replacement[i]
        if c == "\\":
            i += 1
            if i >= n:
                raise JavaException(
                    "java.lang.IllegalArgumentException", "character to be escaped is missing"
                )
            parts.append(replacement[i])
            i += 1
        elif c == "$":
            i += 1
            if i >= n:
                raise JavaException(
                    "java.lang.IllegalArgumentException",
                    "Illegal group reference: group index is missing",
                )
            if replacement[i] == "{":
                end = replacement.find("}", i)
                name = replacement[i + 1 : end] if end > 0 else ""
                if end < 0 or name not in pattern.groupindex:
                    raise JavaException(
                        "java.lang.IllegalArgumentException", f"No group with name {{{name}}}"
                    )
                parts.append(pattern.groupindex[name])
                i = end + 1
                continue
            if not replacement[i].isdigit():
                raise JavaException("java.lang.IllegalArgumentException", "Illegal group reference")
            group = int(replacement[i])
            if group > pattern.groups:
                raise JavaException("java.lang.IndexOutOfBoundsException", f"No group {group}")
            i += 1
            while (
                i < n
                and replacement[i].isdigit()
                and group * 10 + int(replacement[i]) <= pattern.groups
            ):
                group = group * 10 + int(replacement[i])
                i += 1
            parts.append(group)
        else:
            j = i
            while j < n and replacement[j] not in "\\$":
                j += 1
            parts.append(replacement[i:j])
            i = j

    def expand(m: re.Match[str]) -> str:
        return "".join(p if isinstance(p, str) else (m.group(p) or "") for p in parts)

    return expand


def java_split(s: str, regex: str, limit: int = 0) -> JavaArray:
    """String.split: zero-width leading match skipped, trailing empties dropped (limit 0)."""
    if len(regex) == 1 and regex not in ".$|()[{^?*+\\":
        pattern = re.compile(re.escape(regex))
    else:
        pattern = java_regex(regex)
    if s == "":
        return JavaArray([""])
    parts: list[str] = []
    idx = 0
    for m in pattern.finditer(s):
        if limit > 0 and len(parts) >= limit - 1:
            break
        if m.end() == 0:
            continue
        parts.append(s[idx : m.start()])
        idx = m.end()
    if not parts and idx == 0:
        return JavaArray([s])
    parts.append(s[idx:])
    if limit == 0:
        while parts and parts[-1] == "":
            parts.pop()
    return JavaArray(parts)


# ---------------------------------------------------------------- String methods

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf16_units(s: str) -> str:
    """`s` as Java sees it: one str character per UTF-16 unit (surrogates kept apart)."""
    if s.isascii() or not _ASTRAL.search(s):
        return s
    data = s.encode("utf-16-le")
    return "".join(chr(int.from_bytes(data[i : i + 2], "little")) for i in range(0, len(data), 2))


def java_output(s: str) -> str:
    """Text as Java writes it: surrogate pairs joined, a lone surrogate printed as '?'."""
    if s.isascii() or not _LONE_SURROGATE.search(s):
        return s
    return _LONE_SURROGATE.sub("?", utf16_joined(s))


def _utf16(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run an index-based String method on UTF-16 units, as java.lang.String does."""

    def wrapped(s: str, *args: Any) -> Any:
        if s.isascii() and all(not isinstance(a, str) or a.isascii() for a in args):
            return method(s, *args)
        result = method(
            utf16_units(s), *(utf16_units(a) if isinstance(a, str) else a for a in args)
        )
        if isinstance(result, str) and not isinstance(result, JavaChar):
            return utf16_joined(result)
        if isinstance(result, JavaArray):
            return JavaArray(
                utf16_joined(x) if isinstance(x, str) and not isinstance(x, JavaChar) else x
                for x in result
            )
        return result

    return wrapped


def utf16_joined(s: str) -> str:
    """The inverse of `utf16_units`: surrogate pairs back to one character (lone ones stay)."""
    return _SURROGATE_PAIR.sub(
        lambda m: chr(0x10000 + ((ord(m[0][0]) - 0xD800) << 10) + ord(m[0][1]) - 0xDC00), s
    )


def _substring(s: str, *args: Any) -> str:
    _need(all(_is_int(a) for a in args) and 1 <= len(args) <= 2)
    begin = args[0]
    end = args[1] if len(args) == 2 else len(s)
    if begin < 0 or end > len(s) or begin > end:
        raise _index_error(
            "StringIndexOutOfBoundsException", f"begin {begin}, end {end}, length {len(s)}"
        )
    return s[begin:end]


def _index_of(s: str, *args: Any, last: bool = False) -> int:
    _need(1 <= len(args) <= 2)
    target = args[0]
    if _is_int(target):
        target = utf16_units(chr(target)) if 0 <= target <= 0x10FFFF else "\x00\x00"
    else:
        _need(isinstance(target, str))
    if len(args) == 2:
        _need(_is_int(args[1]))
        start = args[1]
        if last:
            return -1 if start < 0 else s.rfind(target, 0, start + len(target))
        return s.find(target, max(start, 0))
    return s.rfind(target) if last else s.find(target)


def _char_at(s: str, i: Any) -> JavaChar:
    _need(_is_int(i))
    if not 0 <= i < len(s):
        raise _index_error("StringIndexOutOfBoundsException", f"index {i}, length {len(s)}")
    return JavaChar(s[i])


def _code_point_at(units: str, i: Any) -> int:
    high = ord(_char_at(units, i))
    if 0xD800 <= high <= 0xDBFF and i + 1 < len(units) and 0xDC00 <= ord(units[i + 1]) <= 0xDFFF:
        return 0x10000 + ((high - 0xD800) << 10) + ord(units[i + 1]) - 0xDC00
    return high


def _replace(s: str, a: Any, b: Any) -> str:
    _need(isinstance(a, str) and isinstance(b, str))
    if a == "":
        return b + b.join(s) + b if s else b
    return s.replace(a, b)


def _replace_all(s: str, regex: Any, repl: Any, count: int = 0) -> str:
    _need(isinstance(regex, str) and isinstance(repl, str))
    pattern = java_regex(regex)
    if pattern.search(s) is None:
        return s  # Java parses the replacement only when it has a match to expand
    return pattern.sub(_java_replacement(pattern, repl), s, count=count)


def _str_equals(s: str, other: Any) -> bool:
    return isinstance(other, str) and not isinstance(other, JavaChar) and s == other


def _compare_to(s: str, other: Any) -> int:
    _need(isinstance(other, str))
    for a, b in zip(s, other, strict=False):
        if a != b:
            return ord(a) - ord(b)
    return len(s) - len(other)


def _java_trim(s: str) -> str:
    start, end = 0, len(s)
    while start < end and s[start] <= " ":
        start += 1
    while end > start and s[end - 1] <= " ":
        end -= 1
    return s[start:end]


def _str_arg(f: Callable[[str, str], Any]) -> Callable[..., Any]:
    def method(s: str, *args: Any) -> Any:
        _need(len(args) == 1 and isinstance(args[0], str))
        return f(s, args[0])

    return method


def _no_args(f: Callable[[Any], Any]) -> Callable[..., Any]:
    def method(v: Any, *args: Any) -> Any:
        _need(not args)
        return f(v)

    return method


def _null_arg_npe(s: str, *args: Any) -> None:
    raise JavaException("java.lang.NullPointerException")


STRING_METHODS: dict[str, Callable[..., Any]] = {
    "length": _utf16(_no_args(len)),
    "isEmpty": _no_args(lambda s: s == ""),
    "toString": _no_args(str),
    "toUpperCase": _no_args(str.upper),
    "toLowerCase": _no_args(str.lower),
    "trim": _no_args(_java_trim),
    "strip": _no_args(str.strip),
    "isBlank": _no_args(lambda s: s.strip() == ""),
    "hashCode": _no_args(lambda s: _string_hash(s)),
    "toCharArray": _utf16(_no_args(lambda s: JavaArray(JavaChar(c) for c in s))),
    "substring": _utf16(_substring),
    "indexOf": _utf16(_index_of),
    "lastIndexOf": _utf16(lambda s, *a: _index_of(s, *a, last=True)),
    "charAt": _utf16(_char_at),
    "codePointAt": _utf16(lambda s, *a: _code_point_at(s, *a)),
    "replace": _replace,
    "replaceAll": _replace_all,
    "replaceFirst": lambda s, r, p: _replace_all(s, r, p, count=1),
    "contains": _str_arg(lambda s, t: t in s),
    "startsWith": _utf16(lambda s, *a: _starts_with(s, *a)),
    "endsWith": _str_arg(str.endswith),
    "equals": lambda s, *a: (_need(len(a) == 1), _str_equals(s, a[0]))[1],
    "equalsIgnoreCase": lambda s, *a: (
        _need(len(a) == 1),
        isinstance(a[0], str) and len(a[0]) == len(s) and a[0].upper().lower() == s.upper().lower(),
    )[1],
    "concat": _str_arg(lambda s, t: s + t),
    "matches": _str_arg(lambda s, r: java_regex(r).fullmatch(s) is not None),
    "split": lambda s, *a: (
        _need(1 <= len(a) <= 2 and isinstance(a[0], str) and (len(a) == 1 or _is_int(a[1]))),
        java_split(s, a[0], a[1] if len(a) == 2 else 0),
    )[1],
    "compareTo": _utf16(lambda s, *a: (_need(len(a) == 1), _compare_to(s, a[0]))[1]),
    "compareToIgnoreCase": lambda s, *a: (
        _need(len(a) == 1 and isinstance(a[0], str)),
        _compare_to(s.upper().lower(), a[0].upper().lower()),
    )[1],
    "repeat": lambda s, *a: (_need(len(a) == 1 and _is_int(a[0])), _repeat(s, a[0]))[1],
}


def _repeat(s: str, count: int) -> str:
    if count < 0:
        raise JavaException("java.lang.IllegalArgumentException", f"count is negative: {count}")
    return s * count


def _starts_with(s: str, *args: Any) -> bool:
    _need(1 <= len(args) <= 2 and isinstance(args[0], str))
    if len(args) == 2:
        _need(_is_int(args[1]))
        return 0 <= args[1] <= len(s) and s.startswith(args[0], args[1])
    return s.startswith(args[0])


def _string_hash(s: str) -> int:
    h = 0
    for c in s.encode("utf-16-be").hex(" ", 2).split():
        h = (31 * h + int(c, 16)) & 0xFFFFFFFF
    return h - 2**32 if h > INT_MAX else h


# ---------------------------------------------------------------- List / Map methods


def _list_get(lst: list[Any], *args: Any) -> Any:
    _need(len(args) == 1 and _is_int(args[0]))
    i = args[0]
    if not 0 <= i < len(lst):
        raise _index_error(
            "IndexOutOfBoundsException", f"Index {i} out of bounds for length {len(lst)}"
        )
    return lst[i]


def _list_add(lst: list[Any], *args: Any) -> Any:
    _need(1 <= len(args) <= 2)
    if len(args) == 1:
        lst.append(args[0])
        return True
    _need(_is_int(args[0]))
    if not 0 <= args[0] <= len(lst):
        raise _index_error("IndexOutOfBoundsException", f"Index: {args[0]}, Size: {len(lst)}")
    lst.insert(args[0], args[1])
    return None


def _list_index_of(lst: list[Any], *args: Any) -> int:
    _need(len(args) == 1)
    for i, v in enumerate(lst):
        if _loose_equals(args[0], v):
            return i
    return -1


def _loose_equals(a: Any, b: Any) -> bool:
    return java_equals(a, b)


def _list_set(lst: list[Any], *args: Any) -> Any:
    _need(len(args) == 2 and _is_int(args[0]))
    old = _list_get(lst, args[0])
    lst[args[0]] = args[1]
    return old


def _list_remove(lst: list[Any], *args: Any) -> Any:
    _need(len(args) == 1)
    if _is_int(args[0]):
        old = _list_get(lst, args[0])
        del lst[args[0]]
        return old
    i = _list_index_of(lst, args[0])
    if i >= 0:
        del lst[i]
    return i >= 0


LIST_METHODS: dict[str, Callable[..., Any]] = {
    "size": _no_args(len),
    "isEmpty": _no_args(lambda v: not v),
    "toString": _no_args(to_string),
    "get": _list_get,
    "contains": lambda lst, *a: (_need(len(a) == 1), _list_index_of(lst, a[0]) >= 0)[1],
    "indexOf": _list_index_of,
    "add": _list_add,
    "set": _list_set,
    "remove": _list_remove,
    "clear": _no_args(lambda v: v.clear()),
}

ARRAY_METHODS = {k: LIST_METHODS[k] for k in ("size", "isEmpty", "get", "contains", "indexOf")}


def _map_get(m: dict[Any, Any], *args: Any) -> Any:
    _need(len(args) == 1)
    return m.get(args[0]) if _hashable(args[0]) else None


def _hashable(v: Any) -> bool:
    return not isinstance(v, list | dict)


def _map_put(m: dict[Any, Any], *args: Any) -> Any:
    _need(len(args) == 2 and _hashable(args[0]))
    old = m.get(args[0])
    m[args[0]] = args[1]
    return old


def _map_remove(m: dict[Any, Any], *args: Any) -> Any:
    _need(len(args) == 1 and _hashable(args[0]))
    return m.pop(args[0], None)


MAP_METHODS: dict[str, Callable[..., Any]] = {
    "size": _no_args(len),
    "isEmpty": _no_args(lambda v: not v),
    "toString": _no_args(to_string),
    "get": _map_get,
    "containsKey": lambda m, *a: (_need(len(a) == 1), _hashable(a[0]) and a[0] in m)[1],
    "containsValue": lambda m, *a: (
        _need(len(a) == 1),
        any(java_equals(a[0], v) for v in m.values()),
    )[1],
    "keySet": _no_args(lambda m: KeySet(m.keys())),
    "values": _no_args(lambda m: list(m.values())),
    "put": _map_put,
    "remove": _map_remove,
    "getOrDefault": lambda m, *a: (_need(len(a) == 2), m.get(a[0], a[1]))[1],
}


class KeySet(list):
    """A map's keySet (renders like a list)."""


def _number_methods(v: int | float) -> dict[str, Callable[..., Any]]:
    return {
        "toString": _no_args(to_string),
        "intValue": _no_args(lambda n: _to_int32(int(n) if not isinstance(n, float) else _d2i(n))),
        "longValue": _no_args(lambda n: int(n) if not isinstance(n, float) else _d2l(n)),
        "doubleValue": _no_args(float),
        "equals": lambda n, *a: (_need(len(a) == 1), java_equals(n, a[0]))[1],
        "compareTo": lambda n, *a: (
            _need(len(a) == 1 and java_class(a[0]) == java_class(n)),
            (n > a[0]) - (n < a[0]),
        )[1],
    }


def _to_int32(n: int) -> int:
    n &= 0xFFFFFFFF
    return n - 2**32 if n > INT_MAX else n


def _d2i(d: float) -> int:
    if d != d:
        return 0
    return (
        max(INT_MIN, min(INT_MAX, int(d))) if math.isfinite(d) else (INT_MAX if d > 0 else INT_MIN)
    )


def _d2l(d: float) -> int:
    if d != d:
        return 0
    return (
        max(LONG_MIN, min(LONG_MAX, int(d)))
        if math.isfinite(d)
        else (LONG_MAX if d > 0 else LONG_MIN)
    )


_INT_METHODS = _number_methods(0)
BOOL_METHODS: dict[str, Callable[..., Any]] = {
    "toString": _no_args(to_string),
    "booleanValue": _no_args(bool),
    "equals": lambda b, *a: (_need(len(a) == 1), java_equals(b, a[0]))[1],
}


def call_method(obj: Any, name: str, args: list[Any]) -> Any:
    """Invoke a Java method on a value; NoSuchMethod when Velocity would find none."""
    if isinstance(obj, str):
        table = STRING_METHODS
        if (
            args
            and args[0] is None
            and name
            in (
                "contains",
                "startsWith",
                "endsWith",
                "concat",
                "split",
                "matches",
                "replaceAll",
                "replace",
            )
        ):
            raise JavaException("java.lang.NullPointerException")
    elif isinstance(obj, JavaArray):
        table = ARRAY_METHODS
    elif isinstance(obj, list):
        table = LIST_METHODS
    elif isinstance(obj, dict):
        table = MAP_METHODS
    elif isinstance(obj, bool):
        table = BOOL_METHODS
    elif isinstance(obj, int | float):
        table = _INT_METHODS
    else:
        method = getattr(obj, "velocity_method", None)
        if method is None:
            raise NoSuchMethod
        return method(name, args)
    f = table.get(name)
    if f is None:
        raise NoSuchMethod
    return f(obj, *args)


def get_property(obj: Any, name: str) -> Any:
    """`$obj.name`: Map key, Java getter (getName/isName) or tool property; None when absent."""
    if isinstance(obj, dict):
        return obj.get(name)
    if isinstance(obj, str | list):
        if name == "empty":
            return len(obj) == 0
        if name == "bytes" and isinstance(obj, str):
            return None
        return None
    getter = getattr(obj, "velocity_property", None)
    return getter(name) if getter else None
