"""JSON text as Genesys sees it: json-smart 2.2 parsing (Jayway's default provider) and printing.

Numbers keep json-smart's types: integers become `int` (Integer/Long/BigInteger all print the
same), decimals of at most 18 characters become `float` (Java Double) and longer ones become
`decimal.Decimal` (Java BigDecimal, exact digits kept). `to_json_text` reproduces
`JSONValue.toJSONString` (JSONStyle.NO_COMPRESS) byte for byte, including Java's
`Double.toString` number format and the escaping of `/` and of U+007F-U+009F, U+2000-U+20FF.
"""

from __future__ import annotations

import gc
import json
import math
import re
from decimal import Decimal
from typing import Any

import orjson

__all__ = ["java_number_text", "java_to_string", "parse_json", "to_json_text"]

# json-smart keeps decimals longer than 18 characters as BigDecimal; orjson cannot tell us the
# literal, so documents that may contain one are re-read with the stdlib parser. Mapping number
# characters to "1" and finding a run of 19 is ~25x faster than a regex scan of the body.
_NUMBER_CHARS = bytes(0x31 if chr(b) in "0123456789.eE+-" else 0x30 for b in range(256))
_LONG_RUN = b"1" * 19


def _may_hold_long_number(raw: bytes) -> bool:
    return raw.translate(_NUMBER_CHARS).find(_LONG_RUN) != -1


def _parse_float(literal: str) -> float | Decimal:
    return Decimal(literal) if len(literal) > 18 else float(literal)


def parse_json(text: str | bytes) -> Any:
    """Parse a response body into Python values typed the way json-smart types them.

    Raises ValueError naming the line and column of the first syntax error.
    """
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    # A parsed document is a tree (no reference cycles), but creating its hundreds of
    # thousands of containers triggers full cyclic-GC passes over the whole heap: on a 5 MB
    # body they cost about as much as parsing itself. Pausing the collector is safe here.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _parse(raw)
    finally:
        if paused:
            gc.enable()


def _parse(raw: bytes) -> Any:
    if not _may_hold_long_number(raw):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # big integers, raw control characters or a real error: let the stdlib decide
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"response body is not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(decoded, parse_float=_parse_float, strict=False)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            " (the response body must be a single JSON value)"
        ) from None


def _java_double(value: float) -> str:
    """Java's `Double.toString` (shortest round-trip digits, Java's layout)."""
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    if abs(value) == 5e-324:  # Double.MIN_VALUE: Java 17 prints one digit more than needed
        return "-4.9E-324" if value < 0 else "4.9E-324"
    sign, digit_tuple, exponent = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    exp10 = len(digit_tuple) + int(exponent) - 1  # position of the first digit
    prefix = "-" if sign else ""
    if 1e-3 <= abs(value) < 1e7:
        if exp10 >= 0:
            whole = digits[: exp10 + 1].ljust(exp10 + 1, "0")
            frac = digits[exp10 + 1 :] or "0"
            return f"{prefix}{whole}.{frac}"
        return f"{prefix}0.{'0' * (-exp10 - 1)}{digits}"
    return f"{prefix}{digits[0]}.{digits[1:] or '0'}E{exp10}"


def java_number_text(value: int | float | Decimal) -> str:
    """`Number.toString()` of the Java number json-smart would hold for `value`."""
    if isinstance(value, float):
        return _java_double(value)
    return str(value)  # int: Integer/Long/BigInteger; Decimal: BigDecimal.toString (same rules)


def java_to_string(value: Any) -> str:
    """Java `toString()` of a parsed value (used by Jayway's `=~` regex filter)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):  # java.util.LinkedHashMap
        inner = ", ".join(f"{k}={java_to_string(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):  # net.minidev.json.JSONArray prints itself as JSON
        return to_json_text(value)
    return java_number_text(value)


_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("/"): "\\/"}
_ESCAPES.update({ord("\b"): "\\b", ord("\f"): "\\f", ord("\n"): "\\n", ord("\r"): "\\r"})
_ESCAPES[ord("\t")] = "\\t"
for _code in [*range(0x20), *range(0x7F, 0xA0), *range(0x2000, 0x2100)]:
    _ESCAPES.setdefault(_code, f"\\u{_code:04X}")
_NEEDS_ESCAPE = re.compile('["\\\\/\x00-\x1f\x7f-\x9f\u2000-\u20ff]')


def _quote(text: str) -> str:
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return '"' + text + '"'


def _write(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_quote(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, dict):
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            out.append(_quote(str(key)))
            out.append(":")
            _write(item, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, out)
        out.append("]")
    elif isinstance(value, float) and math.isinf(value):
        out.append("null")  # json-smart's Double writer prints infinities as null
    elif isinstance(value, (int, float, Decimal)):
        out.append(java_number_text(value))
    else:
        raise TypeError(f"cannot serialize {type(value).__name__} as JSON")


def to_json_text(value: Any) -> str:
    """Serialize like json-smart's `JSONValue.toJSONString` (what Jayway's result prints as)."""
    out: list[str] = []
    _write(value, out)
    return "".join(out)
