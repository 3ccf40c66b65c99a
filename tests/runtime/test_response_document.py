"""Reading paths from a response without building all of it gives the full document's answers.

The reference is `path.evaluate(parse_json(body))` (itself checked against Jayway's jar in
tests/conformance, where the reader runs every case too): same values, same Python types, same
errors, for bodies that are valid, broken far from what the paths read, or only readable by
the stdlib fallback.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.runtime import jsontext, response_document
from tui.runtime.jsonpath import compile_path
from tui.runtime.jsontext import parse_json
from tui.runtime.response_document import ResponseDocument

PATHS = [
    "$.a",
    "$.a.b",
    "$.a[0]",
    "$.a[-1].b",
    "$.a[1][0]",
    "$['a'].b.x",
    "a[0].x",
    "$.a[*].b",
    "$.a[0][?(@.x)]",
    "$.a.b[?(@ == $.c)]",  # reads the root again inside the filter
    "$.a.length()",
    "$.a[2:]",
    "$.a..x",
    "$..b",
    "$.a.concat($.c)",  # function arguments are read from the root
    "$.a[0,1]",
    "$['a','c']",
    "$",
]


def indexed(body: bytes) -> ResponseDocument:
    """The body read through simdjson's index, however small (these tests are about the index;
    a body under `SMALL_BODY` is otherwise built whole, which is faster than loading simdjson)."""
    with mock.patch.object(jsontext, "SMALL_BODY", 0):
        return ResponseDocument(body)


def parsed_by_orjson(body: bytes) -> Any:
    with mock.patch.object(jsontext, "SMALL_BODY", 0):
        return parse_json(body)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from("abcx"), inner, max_size=4)
    ),
    max_leaves=30,
)


def _outcome(run: Any) -> tuple:
    try:
        value = run()
    except Exception as exc:  # the kind and wording of a failure must match too
        return ("error", type(exc).__name__, str(exc))
    return ("ok", _typed(value))


def _typed(value: Any) -> Any:
    """The value with every scalar's type kept (1 and 1.0 and True are not the same here)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, repr(value))


def _same_answers(body: bytes, paths: list[str] = PATHS) -> None:
    for path in paths:
        compiled = compile_path(path)
        expected = _outcome(lambda c=compiled: c.evaluate(parse_json(body)))
        actual = _outcome(lambda c=compiled: indexed(body).read(c))
        assert actual == expected, path


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_every_path_answers_as_on_the_built_document(document: Any) -> None:
    _same_answers(json.dumps(document).encode())


@given(json_values)
def test_small_bodies_parse_alike_with_either_parser(document: Any) -> None:
    """Under SMALL_BODY the stdlib parser reads the body; orjson must have read it alike."""
    body = json.dumps(document).encode()
    assert _outcome(lambda: parse_json(body)) == _outcome(lambda: parsed_by_orjson(body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": {"b": 1, "b": 2}, "c": 2}',  # json-smart keeps the last of two equal keys
        b'{"a": 1, "c": 2, "a": {"b": [true]}}',
        b'{"a": [1, {"b": 2}], "c": 99999999999999999999.5}',  # BigDecimal far from the path
        b'{"a": [{"b": 12345678901234567890123}]}',  # BigInteger on the path
        b'{"a": [{"b": -0, "x": -0.0}, 1e-400, 1E5, 123.456e3]}',
        b'{"a": {"b": "\\u00e9\\ud83d\\ude00\\/"}, "c": "\\u0000"}',
        b'\xef\xbb\xbf{"a": {"b": 1}}',  # a byte-order mark
        b'{"a": {"b": 1}, "c": "tab\there"}',  # a raw control character: the stdlib reads it
        b'{"a": {"b": 1}, "c": NaN}',
        b' [ {"a": 1} ] ',
        b'"a"',
        b"7",
    ],
)
def test_edge_bodies_answer_as_on_the_built_document(body: bytes) -> None:
    _same_answers(body)
    assert _outcome(lambda: parse_json(body)) == _outcome(lambda: parsed_by_orjson(body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": {"b": 1}, "c": [1, 2, "\xff"]}',  # not UTF-8, far after what the path reads
        b'{"a": {"b": 1}, "c": [1, 2,]}',
        b'{"a": {"b": 1}} trailing',
        b'{"a": {"b": 1}, "c": 01}',
        b'{"a": {"b": 1}, "c": "\\q"}',
        b'{"a": {"b": 1}, "c": 1e999}',  # the stdlib reads it as Infinity
    ],
)
def test_a_body_broken_where_no_path_reads_fails_like_the_full_parse(body: bytes) -> None:
    try:
        expected: Any = ("ok", parse_json(body))
    except ValueError as exc:
        expected = ("error", str(exc))
    try:
        actual: Any = ("ok", indexed(body).read(compile_path("$.a.b")))
    except ValueError as exc:
        actual = ("error", str(exc))
    if expected[0] == "ok":
        assert actual == ("ok", 1)
    else:
        assert actual == expected


def test_only_what_the_paths_read_is_built() -> None:
    items = [{"id": f"i-{k}", "tags": ["x"] * (k % 3)} for k in range(50_000)]
    body = json.dumps({"total": len(items), "items": items}).encode()
    document = indexed(body)
    assert document.read(compile_path("$.items[-1].id")) == "i-49999"
    assert document.read(compile_path("$.items[7].tags.length()")) == 1
    assert document.read(compile_path("$.items[2][?(@.id)].id")) == ["i-2"]
    assert document.read(compile_path("$.total")) == 50_000
    assert document._value is response_document._UNBUILT  # no path needed the whole
    # A path that reads the root inside a filter builds the whole document, and gets it right.
    rooted = compile_path("$.items[5].tags[?(@ == $.items[4].tags[0])]")
    assert document.read(rooted) == ["x", "x"] == rooted.evaluate(parse_json(body))
    assert isinstance(document._value, dict)


def test_the_whole_document_when_asked() -> None:
    body = b'{"a": [1, 2.0, {"b": null}], "c": 12345678901234567890.5}'
    assert indexed(body).value() == parse_json(body)
    assert ResponseDocument(body, whole=True).value()["c"] == Decimal("12345678901234567890.5")


def test_not_json_says_where() -> None:
    with pytest.raises(ValueError, match="line 2, column 7"):
        indexed(b'{"a": 1,\n "b": }')
