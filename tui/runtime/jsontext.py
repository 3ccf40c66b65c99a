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
import marshal
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

__all__ = [
    "collector_paused",
    "exact_json_text",
    "java_number_text",
    "java_to_string",
    "may_hold_long_number",
    "parse_json",
    "to_json_text",
]

# json-smart keeps decimals longer than 18 characters as BigDecimal; orjson cannot tell us the
# literal, so documents that may contain one are re-read with the stdlib parser. Mapping number
# characters to "1" and finding a run of 19 is ~25x faster than a regex scan of the body.
_NUMBER_CHARS = bytes(0x31 if chr(b) in "0123456789.eE+-" else 0x30 for b in range(256))
_LONG_RUN = b"1" * 19
# Below this many bytes the stdlib parser takes microseconds: orjson (and its ~7 ms import,
# which brings uuid and platform) only pays off on bodies larger than this.
SMALL_BODY = 4096


def may_hold_long_number(raw: bytes) -> bool:
    """Whether `raw` may hold a number of 19 characters or more, which only the stdlib parser
    reads the way json-smart does (false alarms only cost time)."""
    return raw.translate(_NUMBER_CHARS).find(_LONG_RUN) != -1


def _parse_float(literal: str) -> float | Decimal:
    return Decimal(literal) if len(literal) > 18 else float(literal)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while parsed documents are alive.

    A parsed document is a tree (no reference cycles), but creating its hundreds of thousands
    of containers triggers full cyclic-GC passes over the whole heap, and the first pass after
    the parse walks every container again: on a 20 MB body, more than the parse itself. Code
    that parses, uses and drops a document inside this block never pays for either.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def parse_json(text: str | bytes) -> Any:
    """Parse a response body into Python values typed the way json-smart types them.

    Raises ValueError naming the line and column of the first syntax error.
    """
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    with collector_paused():
        return _parse(raw)


def _parse(raw: bytes) -> Any:
    if len(raw) >= SMALL_BODY and not may_hold_long_number(raw):
        import orjson

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
    except RecursionError:
        raise ValueError("the JSON is nested too deeply to read") from None
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
    fast = None if _small(value) else _fast_json_text(value)
    return fast if fast is not None else exact_json_text(value)


def exact_json_text(value: Any) -> str:
    """The reference serializer, one value at a time (`to_json_text` without the fast path)."""
    out: list[str] = []
    _write(value, out)
    return "".join(out)


# The fast path: orjson writes the text in C, then only what differs from json-smart is
# patched. orjson already writes `"`, `\\`, \b \f \n \r \t like json-smart; it differs on
# `/`, U+007F-U+009F and U+2000-U+20FF (unescaped), other control characters (lower-case
# hex), floats (Python's repr layout, not Java's) and NaN (null, json-smart prints NaN).
# Anything orjson cannot write exactly (Decimal, ints beyond 64 bits, non-text keys,
# subclasses, surrogates, deep nesting) raises and takes the reference path.
# Containers of up to this many scalars take the reference path at once: it is as fast for
# them, and a command whose values are all small never loads orjson.
_SMALL_CONTAINER = 32
# Floats whose Java text differs from orjson's (an exponent, >= 1e7, < 1e-3) are spotted
# with plain substring searches after mapping every digit to "1" (false alarms only cost
# time: the float pass then rewrites each float with `_java_double`, a no-op for the rest).
_DIGITS_AS_ONES = bytes(0x31 if 0x30 <= b <= 0x39 else b for b in range(256))
# Exactly the floats whose Java text differs (orjson writes the rest like Java does).
_FLOAT_TOKEN = re.compile(
    rb"(?<![0-9.e+-])-?(?:[0-9]+(?:\.[0-9]+)?e[+-]?[0-9]+|[0-9]{8,}\.[0-9]+|0\.000[0-9]*)"
)
_LOWER_HEX_ESCAPE = re.compile(r"\\\\|\\u00[01][0-9a-f]")
_SPECIAL = re.compile("[\x7f-\x9f\u2000-\u20ff]")


def _refuse(value: Any) -> Any:
    raise TypeError


def _small(value: Any) -> bool:
    """A scalar, or a container of a few scalars: the reference path writes it as fast."""
    if type(value) is not dict and type(value) is not list:
        return True
    if len(value) > _SMALL_CONTAINER:
        return False
    items = value.values() if type(value) is dict else value
    return not any(type(item) is dict or type(item) is list for item in items)


def _fast_json_text(value: Any) -> str | None:
    if type(value) is not dict and type(value) is not list:
        return None  # a single value: the reference is as fast
    import orjson

    options = (
        orjson.OPT_PASSTHROUGH_SUBCLASS
        | orjson.OPT_PASSTHROUGH_DATACLASS
        | orjson.OPT_PASSTHROUGH_DATETIME
    )
    try:
        raw = orjson.dumps(value, default=_refuse, option=options)
        if b"null" in raw and _may_hold_nan(marshal.dumps(value)):
            return None  # NaN (or infinity): rare, left to the reference
    except (TypeError, ValueError):
        return None
    if b"/" in raw:
        raw = raw.replace(b"/", b"\\/")
    if _may_need_java_floats(raw):
        fixed = _java_floats(raw)
        if fixed is None:
            return None
        raw = fixed
    special = b"\xc2" in raw or b"\x7f" in raw or b"\xe2" in raw
    text = raw.decode()
    if "\\u00" in text:
        text = _LOWER_HEX_ESCAPE.sub(_upper_hex, text)
    if special:
        text = _SPECIAL.sub(_escape_special, text)
    return text


def _may_hold_nan(marshalled: bytes) -> bool:
    """Whether a NaN or an infinity may be among the floats of a `marshal` dump.

    marshal writes a float as "g" (0xE7 when flagged as shared) and 8 little-endian bytes;
    NaN and infinities end in F0-FF 7F (FF when negative). Hand-written: a regex with a
    character class first scans ~5x slower than `bytes.find` on the rare last bytes.
    """
    for last in (b"\x7f", b"\xff"):
        at = marshalled.find(last, 8)
        while at != -1:
            if marshalled[at - 1] >= 0xF0 and marshalled[at - 8] in (0x67, 0xE7):
                return True
            at = marshalled.find(last, at + 1)
    return False


def _may_need_java_floats(raw: bytes) -> bool:
    shape = raw.translate(_DIGITS_AS_ONES)
    return b"1e" in shape or b"11111111." in shape or b"0.000" in raw


def _java_floats(raw: bytes) -> bytes | None:
    """Rewrite every float outside strings in Java's layout (None: leave it to the reference).

    Splitting at `"` separates text outside strings (even pieces) from string contents
    (odd pieces) as long as no string holds an escaped quote.
    """
    if b'\\"' in raw:
        return None
    pieces = raw.split(b'"')
    outside = b"\x00".join(pieces[0::2])  # orjson escapes NUL, so it is a safe separator
    pieces[0::2] = _FLOAT_TOKEN.sub(_java_float_token, outside).split(b"\x00")
    return b'"'.join(pieces)


def _java_float_token(match: re.Match[bytes]) -> bytes:
    return _java_double(float(match[0])).encode()


def _upper_hex(match: re.Match[str]) -> str:
    token = match[0]
    return token if token == "\\\\" else "\\u" + token[2:].upper()


def _escape_special(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04X}"
