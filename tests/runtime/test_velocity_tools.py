"""Tools Genesys adds to templates, checked against the Genesys Data Actions reference."""

from __future__ import annotations

import json

from tui.runtime.velocity import genesys_tools, render


def r(template: str, **ctx: object) -> str:
    return render(template, {**genesys_tools(), **ctx})


def test_url_encodings() -> None:
    assert r("$esc.url('a b&c')|$esc.urlFormEncode('a b')|$esc.uriEncode('a b/c')") == (
        "a+b%26c|a+b|a%20b%2Fc"
    )


def test_json_string_escapes_for_a_json_literal() -> None:
    text = 'say "hi"\n\\ bye'
    out = r('{"v": "$esc.jsonString($t)"}', t=text)
    assert json.loads(out) == {"v": text}
    assert r("$esc.jsonDecode($esc.jsonEncode($t))", t=text) == text


def test_quote_constants() -> None:
    assert r('"$esc.quote$esc.quote" $esc.d$esc.h') == '"""" $#'


def test_base64() -> None:
    assert r("Basic $encoding.base64('user:pass')") == "Basic dXNlcjpwYXNz"


def test_first_from_array() -> None:
    assert r('{"offset": ${successTemplateUtils.firstFromArray("${offset}")}}', offset="[600]") == (
        '{"offset": 600}'
    )
    assert r('$successTemplateUtils.firstFromArray("[]", "$esc.quote$esc.quote")') == '""'
    assert r('[$successTemplateUtils.firstFromArray("[]")]') == "[]"


def test_move_keys_into_array_of_objects() -> None:
    out = r("$successTemplateUtils.moveKeysIntoArrayOfObjects($j, 'id')", j='{"a": {"x": 1}}')
    assert json.loads(out) == [{"id": "a", "x": 1}]


def test_optional_query_param() -> None:
    assert r("?$urlTool.optionalQueryParam('q', 'a b')") == "?q=a%20b"
    assert r("?$urlTool.optionalQueryParam('q', '')") == "?"


def test_math_types() -> None:
    # Apache Velocity Tools 2.0 (checked against the Java oracle): a whole result is an integer
    assert r("$math.add(1, 2) $math.div(1, 2) $math.div(4, 2) $math.mul(2, 1.5)") == "3 0.5 2 3"
    assert r("$math.sub(1, 3.0) $math.pow(2.0, 2) $math.abs(-2.0)") == "-2 4.0 2.0"
