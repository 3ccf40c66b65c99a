"""The tools Genesys puts in every template context: $esc, $math, $encoding,
$successTemplateUtils and $urlTool.

$esc and $math follow velocity-tools 2.0 EscapeTool/MathTool (checked against the Java
oracle); the Genesys-only methods follow the Genesys Data Actions reference.
"""

from __future__ import annotations

import base64
import json
import math
import re
from typing import Any
from urllib.parse import quote, quote_plus

from .errors import JavaException
from .java import INT_MAX, INT_MIN, NoSuchMethod, to_string, utf16_units


class Tool:
    """Dispatches `$tool.name(...)` and `$tool.name` to Python methods."""

    java_class_name = "Tool"
    properties: dict[str, str] = {}

    def velocity_method(self, name: str, args: list[Any]) -> Any:
        f = getattr(self, "m_" + name, None)
        if f is None:
            raise NoSuchMethod
        try:
            return f(*args)
        except TypeError:
            raise NoSuchMethod from None

    def velocity_property(self, name: str) -> Any:
        if name in self.properties:
            return self.properties[name]
        f = getattr(self, "m_get" + name[:1].upper() + name[1:], None)
        return f() if f else None

    def __str__(self) -> str:
        return f"{self.java_class_name}@tool"


def _escape_java_style(s: str, javascript: bool) -> str:
    """commons-lang 2.x StringEscapeUtils.escapeJava / escapeJavaScript."""
    out: list[str] = []
    for ch in s:
        o = ord(ch)
        if o > 0x7F:
            out.append(f"\\u{o:04X}" if o <= 0xFFFF else "".join(f"\\u{u:04X}" for u in _utf16(ch)))
        elif o < 32:
            out.append(
                {8: "\\b", 10: "\\n", 9: "\\t", 12: "\\f", 13: "\\r"}.get(o) or (f"\\u{o:04X}")
            )
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif javascript and ch == "'":
            out.append("\\'")
        elif javascript and ch == "/":
            out.append("\\/")
        else:
            out.append(ch)
    return "".join(out)


def _utf16(ch: str) -> list[int]:
    b = ch.encode("utf-16-be")
    return [int.from_bytes(b[i : i + 2], "big") for i in range(0, len(b), 2)]


def json_string(s: str) -> str:
    """Escape text for use inside a JSON string literal (caller writes the quotes)."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


class EscapeTool(Tool):
    java_class_name = "org.apache.velocity.tools.generic.EscapeTool"
    properties = {
        "dollar": "$",
        "d": "$",
        "hash": "#",
        "h": "#",
        "backslash": "\\",
        "b": "\\",
        "quote": '"',
        "q": '"',
        "singleQuote": "'",
        "s": "'",
        "exclamation": "!",
        "e": "!",
    }

    def m_java(self, s: Any) -> str | None:
        return None if s is None else _escape_java_style(to_string(s), False)

    def m_javascript(self, s: Any) -> str | None:
        return None if s is None else _escape_java_style(to_string(s), True)

    def m_html(self, s: Any) -> str | None:
        if s is None:
            return None
        from html.entities import codepoint2name  # loads only for templates that escape HTML

        out: list[str] = []
        for ch in utf16_units(to_string(s)):  # one entity per UTF-16 unit, as in Java
            o = ord(ch)
            if ch in '&<>"':
                out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[ch])
            elif o > 0x7F:
                name = codepoint2name.get(o)
                out.append(f"&{name};" if name else f"&#{o};")
            else:
                out.append(ch)
        return "".join(out)

    def m_xml(self, s: Any) -> str | None:
        if s is None:
            return None
        table = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
        return "".join(
            table.get(ch) or (f"&#{ord(ch)};" if ord(ch) > 0x7F else ch)
            for ch in utf16_units(to_string(s))
        )

    def m_sql(self, s: Any) -> str | None:
        return None if s is None else to_string(s).replace("'", "''")

    def m_url(self, s: Any) -> str | None:
        """java.net.URLEncoder with UTF-8: spaces become '+', and '~' is encoded (%7E)."""
        return None if s is None else quote_plus(to_string(s), safe="*").replace("~", "%7E")

    m_urlFormEncode = m_url

    def m_uriEncode(self, s: Any) -> str | None:
        """Percent-encoding for URL parts (RFC 3986 unreserved kept, space → %20)."""
        return None if s is None else quote(to_string(s), safe="-_.~")

    def m_jsonString(self, s: Any) -> str | None:
        return None if s is None else json_string(to_string(s))

    m_jsonEncode = m_jsonString

    def m_jsonDecode(self, s: Any) -> str | None:
        if s is None:
            return None
        try:
            return json.loads('"' + to_string(s) + '"')
        except ValueError:
            return to_string(s)

    def m_unicode(self, code: Any) -> str | None:
        if code is None:
            return None
        s = to_string(code)
        if s.startswith("\\u"):
            s = s[2:]
        try:
            return chr(int(s, 16))
        except ValueError:
            raise NoSuchMethod from None

    def _property(self, s: Any, is_key: bool) -> str | None:
        if s is None:
            return None
        text = to_string(s)
        out: list[str] = []
        for i, ch in enumerate(text):
            special = {"\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}.get(ch)
            if special:
                out.append(special)
                continue
            if ch == " " and (is_key or i == 0):
                out.append("\\ ")
                continue
            if ch in "\\#!=:":
                out.append("\\")
            if " " <= ch <= "~":
                out.append(ch)
            else:  # Properties.saveConvert: lower-case hex per UTF-16 unit
                units = ch.encode("utf-16-be")
                out.extend(
                    f"\\u{int.from_bytes(units[k : k + 2]):04x}" for k in range(0, len(units), 2)
                )
        return "".join(out)

    def m_propertyKey(self, s: Any) -> str | None:
        return self._property(s, True)

    def m_propertyValue(self, s: Any) -> str | None:
        return self._property(s, False)


def to_number(v: Any) -> int | float | None:
    """MathTool's argument conversion: numbers as-is, strings parsed like NumberFormat."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float):
        return v
    m = re.match(r"-?(\d[\d,]*)?(\.\d*)?", to_string(v))
    text = m.group() if m else ""
    digits = text.replace(",", "")
    if not digits.strip("-.") or digits in ("-", "."):
        return None
    value = float(digits)
    return int(value) if value.is_integer() and abs(value) < 2**63 else value


def _has_point(n: int | float) -> bool:
    return "." in to_string(n)


def match_type(value: float, *inputs: int | float) -> int | float:
    """MathTool.matchType: an integer type only when every input renders without a '.'."""
    if (
        value != value
        or not (math.isinf(value) or value.is_integer())
        or any(_has_point(n) for n in inputs)
    ):
        return float(value)
    return match_result(value)  # whole (or infinite): a saturating `(long)` cast


def match_result(value: float) -> int | float:
    """MathTool's n-ary add/sub/mul/div/max/min: a whole result becomes an integer.

    Java casts with `(long)`, which saturates at Long's bounds (infinity is "whole" too).
    """
    if value != value or not (math.isinf(value) or value.is_integer()):
        return float(value)
    return max(
        -(2**63),
        min(2**63 - 1, int(value) if not math.isinf(value) else int(math.copysign(2**63, value))),
    )


class MathTool(Tool):
    java_class_name = "org.apache.velocity.tools.generic.MathTool"

    def _nums(self, args: tuple[Any, ...]) -> list[int | float] | None:
        nums: list[int | float] = []
        for a in args:
            n = to_number(a)
            if n is None:
                return None
            nums.append(n)
        return nums

    def m_add(self, *args: Any) -> Any:
        nums = self._nums(args)
        return None if nums is None else match_result(float(sum(float(n) for n in nums)))

    def m_sub(self, *args: Any) -> Any:
        nums = self._nums(args)
        if not nums:
            return None
        value = float(nums[0])
        for n in nums[1:]:
            value -= n
        return match_result(value)

    def m_mul(self, *args: Any) -> Any:
        nums = self._nums(args)
        if not nums:
            return None
        value = 1.0
        for n in nums:
            value *= n
        return match_result(value)

    def m_div(self, *args: Any) -> Any:
        nums = self._nums(args)
        if not nums:
            return None
        value = float(nums[0])
        for n in nums[1:]:
            if n == 0:
                return None
            value /= n
        return match_result(value)

    def m_pow(self, a: Any, b: Any) -> Any:
        nums = self._nums((a, b))
        if nums is None:
            return None
        try:
            value = math.pow(nums[0], nums[1])
        except OverflowError:
            odd = float(nums[1]).is_integer() and int(nums[1]) % 2 == 1
            value = -math.inf if nums[0] < 0 and odd else math.inf
        except ValueError:
            value = math.nan
        return match_type(value, *nums)

    def _int_operands(self, a: Any, b: Any) -> tuple[int, int] | None:
        """Both operands as Java ints, or None (MathTool's answer) when either is not a
        number or the divisor is zero."""
        nums = self._nums((a, b))
        if nums is None or int(nums[1]) == 0:
            return None
        x, y = _to_int(nums[0]), _to_int(nums[1])
        return None if y == 0 else (x, y)

    def m_idiv(self, a: Any, b: Any) -> Any:
        operands = self._int_operands(a, b)
        if operands is None:
            return None
        x, y = operands
        q = abs(x) // abs(y)
        return -q if (x < 0) != (y < 0) else q

    def m_mod(self, a: Any, b: Any) -> Any:
        operands = self._int_operands(a, b)
        if operands is None:
            return None
        x, y = operands
        return int(math.fmod(x, y))

    def m_max(self, *args: Any) -> Any:
        nums = self._nums(args)
        # Velocity Tools 2.0 starts from Double.MIN_VALUE (the smallest positive double)
        return None if not nums else match_result(max(5e-324, *(float(n) for n in nums)))

    def m_min(self, *args: Any) -> Any:
        nums = self._nums(args)
        return None if not nums else match_result(float(min(nums)))

    def m_abs(self, a: Any) -> Any:
        n = to_number(a)
        if n is None:
            return None
        return abs(float(n)) if isinstance(n, float) else abs(n)

    def m_neg(self, a: Any) -> Any:
        n = to_number(a)
        return None if n is None else match_type(-float(n), n)

    def m_ceil(self, a: Any) -> Any:
        n = to_number(a)
        return None if n is None else _int32(math.ceil(n))

    def m_floor(self, a: Any) -> Any:
        n = to_number(a)
        return None if n is None else _int32(math.floor(n))

    def m_round(self, a: Any) -> Any:
        n = to_number(a)
        return None if n is None else _int32(round(float(n)))  # Math.rint: ties to even

    def m_roundTo(self, decimals: Any, a: Any) -> Any:
        places, n = to_number(decimals), to_number(a)
        if places is None or n is None:
            return None
        factor = 10.0 ** int(places)
        return float(_java_round(float(n) * factor)) / factor

    def m_toInteger(self, a: Any) -> Any:
        n = to_number(a)
        return None if n is None else _int32(int(n))

    def m_toDouble(self, a: Any) -> Any:
        n = to_number(a)
        return None if n is None else float(n)

    def m_toNumber(self, a: Any) -> Any:
        return to_number(a)

    def m_random(self, *args: Any) -> Any:
        import random

        if not args:
            return random.random()
        nums = self._nums(args)
        if nums is None or len(nums) != 2:
            return None
        low, high = nums
        value = random.uniform(low, high)
        return match_type(
            float(math.floor(value)) if not any(_has_point(n) for n in nums) else value, *nums
        )

    def m_getTotal(self, *args: Any) -> Any:
        return self.m_add(*args)


def _java_round(x: float) -> int:
    """Math.round: floor(x + 0.5)."""
    return math.floor(x + 0.5)


def _to_int(n: int | float) -> int:
    """Number.intValue(): truncate, then wrap to 32 bits."""
    v = int(n) & 0xFFFFFFFF
    return v - 2**32 if v > INT_MAX else v


def _int32(v: int) -> int:
    return max(INT_MIN, min(INT_MAX, v))


class EncodingTool(Tool):
    java_class_name = "EncodingTool"

    def m_base64(self, s: Any) -> str | None:
        return None if s is None else base64.b64encode(to_string(s).encode("utf-8")).decode("ascii")


_NO_DEFAULT: Any = object()


class SuccessTemplateUtils(Tool):
    java_class_name = "SuccessTemplateUtils"

    def __init__(self, empty_without_default: str = "empty") -> None:
        # What an empty array without a default gives: an uncertain rule
        # (tui.runtime.assumptions, "first-from-array-empty").
        self.empty_without_default = empty_without_default

    def m_firstFromArray(self, text: Any, default: Any = _NO_DEFAULT) -> Any:
        """First element of a JSON array (as JSON text); the default when empty."""
        if text is None:
            return None
        try:
            data = json.loads(to_string(text))
        except ValueError:
            return None
        if not isinstance(data, list):
            return None
        if not data:
            if default is not _NO_DEFAULT:
                return default
            if self.empty_without_default == "error":
                raise JavaException(
                    "java.lang.IllegalArgumentException",
                    "firstFromArray: the array is empty and no default was given",
                )
            return "null" if self.empty_without_default == "null" else ""
        return json.dumps(data[0], ensure_ascii=False, separators=(",", ":"))

    def m_moveKeysIntoArrayOfObjects(self, text: Any, key_name: Any) -> Any:
        """`{"a": {...}, "b": {...}}` → `[{key: "a", ...}, {key: "b", ...}]` as JSON text."""
        if text is None or key_name is None:
            return None
        try:
            data = json.loads(to_string(text))
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        items = []
        for key, value in data.items():
            entry = {to_string(key_name): key}
            entry.update(value if isinstance(value, dict) else {"value": value})
            items.append(entry)
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


class UrlTool(Tool):
    java_class_name = "UrlTool"

    def m_optionalQueryParam(self, name: Any, value: Any, *more: Any) -> str:
        """`name=<uri-encoded value>` when value is non-empty, else ""; no '?'/'&' added."""
        if value is None or to_string(value) == "":
            return ""
        return f"{to_string(name)}={quote(to_string(value), safe='-_.~')}"


_TOOLS = {
    "esc": EscapeTool(),
    "math": MathTool(),
    "encoding": EncodingTool(),
    "successTemplateUtils": SuccessTemplateUtils(),
    "urlTool": UrlTool(),
}


def genesys_tools() -> dict[str, Any]:
    """The shared tool instances, keyed by their context names."""
    return dict(_TOOLS)
