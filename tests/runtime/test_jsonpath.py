"""Unit tests of the JSONPath engine's public API (Jayway 2.0.0 semantics)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.runtime.jsonpath import (
    JsonPathEvaluationError,
    JsonPathSyntaxError,
    PathNotFoundError,
    compile_path,
    evaluate,
    is_definite,
)
from tui.runtime.jsontext import parse_json, to_json_text

CONVERSATION = parse_json(
    """{"participants": [
         {"purpose": "customer", "sessions": [{"direction": "inbound"}]},
         {"purpose": "external", "sessions": [{"direction": "outbound"}, {"direction": "inbound"}]}
       ],
       "price": 10.50, "count": 3, "missing": null}"""
)


def test_definite_path_returns_the_value() -> None:
    assert evaluate("$.participants[1].purpose", CONVERSATION) == "external"
    assert evaluate("$['participants'][0]['sessions'][0]['direction']", CONVERSATION) == "inbound"
    assert evaluate("$.missing", CONVERSATION) is None


def test_path_without_dollar_is_rooted() -> None:
    path = "['participants'][?(@.purpose=='external')]['sessions'][?(@.direction=='outbound')].direction"
    assert evaluate(path, CONVERSATION) == ["outbound"]
    assert evaluate("participants[0].purpose", CONVERSATION) == "customer"


def test_indefinite_paths_return_lists() -> None:
    assert evaluate("$.participants[*].purpose", CONVERSATION) == ["customer", "external"]
    assert evaluate("$..direction", CONVERSATION) == ["inbound", "outbound", "inbound"]
    assert evaluate("$.participants[?(@.purpose == 'nobody')]", CONVERSATION) == []
    assert evaluate("$.participants[0:1].purpose", CONVERSATION) == ["customer"]


def test_definiteness_follows_jayway() -> None:
    assert is_definite("$.a.b[0]")
    assert is_definite("$['a','b']")
    assert is_definite("$.a.length()")
    for path in ("$..a", "$.a[*]", "$.a[0,1]", "$.a[1:2]", "$.a[?(@.x)]", "$.*"):
        assert not is_definite(path), path


def test_missing_property_on_definite_path_raises() -> None:
    with pytest.raises(PathNotFoundError) as info:
        evaluate("$.nope", CONVERSATION)
    assert "$.nope" in info.value.message


def test_out_of_range_index_raises_and_negative_single_index_counts_from_the_end() -> None:
    with pytest.raises(PathNotFoundError):
        evaluate("$.participants[5]", CONVERSATION)
    # Jayway 2.9.0 wraps [-1] (2.0.0 did not).
    assert evaluate("$.participants[-1].purpose", CONVERSATION) == "external"
    assert evaluate("$.participants[-1:].purpose", CONVERSATION) == ["external"]


def test_index_on_non_array_is_not_found() -> None:
    with pytest.raises(PathNotFoundError):
        evaluate("$.conversationId[0]", CONVERSATION)


def test_missing_key_before_a_wildcard_fails_the_read() -> None:
    with pytest.raises(PathNotFoundError):
        evaluate("$.nothere[*]", CONVERSATION)
    assert evaluate("$.participants[*].missing", CONVERSATION) == []


def test_filter_literal_comparisons_use_bigdecimal() -> None:
    doc = parse_json(
        '[{"v": 10}, {"v": "10"}, {"v": 10.0}, {"v": 9.99}, {"v": "null"}, {"v": null}]'
    )
    assert evaluate("$[?(@.v == 10)].v", doc) == [10, "10", 10.0]
    assert evaluate("$[?(@.v < 10)].v", doc) == [9.99]  # only numbers order with numbers
    assert evaluate("$[?(@.v == null)].v", doc) == [None]


def test_functions_double_quotes_and_in() -> None:
    assert evaluate("$.participants.length()", CONVERSATION) == 2
    assert evaluate('$.participants[?(@.purpose == "external")].purpose', CONVERSATION) == [
        "external"
    ]
    assert evaluate(
        "$.participants[?(@.purpose in ['agent', 'customer'])].purpose", CONVERSATION
    ) == ["customer"]
    assert evaluate("$.participants[?(@.sessions.length() > 1)].purpose", CONVERSATION) == [
        "external"
    ]


def test_filter_with_root_reference_and_logic() -> None:
    doc = parse_json(
        '{"limit": 5, "items": [{"n": 1, "ok": true}, {"n": 7, "ok": true}, {"n": 2}]}'
    )
    assert evaluate("$.items[?(@.n < $.limit && @.ok == true)].n", doc) == [1]
    assert evaluate("$.items[?(@.n > $.limit || !@.ok)].n", doc) == [7, 2]
    assert evaluate("$.items[?(@.ok)].n", doc) == [1, 7]


def test_regex_filter_matches_whole_string() -> None:
    doc = parse_json('[{"s": "Abc"}, {"s": "xAbc"}]')
    assert evaluate("$[?(@.s =~ /a.*/i)].s", doc) == ["Abc"]


def test_unknown_function_fails_when_evaluated() -> None:
    compile_path("$.a.nope()")
    with pytest.raises(JsonPathEvaluationError) as info:
        evaluate("$.participants.nope()", CONVERSATION)
    assert info.value.java_exception == "InvalidPathException"


@pytest.mark.parametrize(
    "path",
    ["", "$a", "$.a b", "$.a..", "$[?(@.v == abc)]", "$.a[(@.length-1)]", "$.a[?(@.b =="],
)
def test_syntax_errors_have_path_position_and_hint(path: str) -> None:
    with pytest.raises(JsonPathSyntaxError) as info:
        compile_path(path)
    error = info.value
    assert error.path == path
    assert error.message
    assert error.position is None or 0 <= error.position <= len(path)


def test_space_error_points_at_the_space() -> None:
    with pytest.raises(JsonPathSyntaxError) as info:
        compile_path("a.b c")
    assert "['my prop']" in info.value.message


def test_compile_is_cached() -> None:
    assert compile_path("$.x.y") is compile_path("$.x.y")


def test_json_text_matches_json_smart_number_and_string_format() -> None:
    doc = parse_json(
        "[10.50, 1e3, 1E-7, 12345678.9, 123456789012345678901234, 0.12345678901234567890, -0.0]"
    )
    assert isinstance(doc[5], Decimal)
    assert to_json_text(doc) == (
        "[10.5,1000.0,1.0E-7,1.23456789E7,123456789012345678901234,0.12345678901234567890,-0.0]"
    )
    assert to_json_text({"k/": 'a/b\u2028\x01é"\\'}) == '{"k\\/":"a\\/b\\u2028\\u0001é\\"\\\\"}'
    assert to_json_text([True, None, {"a": []}]) == '[true,null,{"a":[]}]'


def test_parse_json_reports_line_and_column() -> None:
    with pytest.raises(ValueError, match=r"line 2, column 8"):
        parse_json('{"a": 1,\n  "b": }')


def test_a_reused_path_answers_like_a_freshly_compiled_one() -> None:
    """`..` followed by array tokens marks the token after it with the array index it walks
    (Jayway's upstreamArrayIndex); a cached path must not keep that into its next use."""
    from tui.runtime.jsonpath import CompiledPath, compiler

    document = parse_json('{"a": {"b": {"c": 1}}, "d": [[1, 2]]}')
    path = "@..[*][*]"
    fresh = CompiledPath(path, compiler.compile_tokens(path)).evaluate(document)
    assert {"c": 1} in fresh  # read before any array was walked
    cached = compile_path(path)
    assert [cached.evaluate(document) for _ in range(3)] == [fresh] * 3
