"""Velocity 1.7 lexer-state corners; each expected value is what Apache Velocity 1.7 printed
for the same template in the Java oracle (tests/conformance/oracle)."""

from __future__ import annotations

import pytest

from tui.runtime.velocity import VelocityError, VelocitySyntaxError, genesys_tools, render

CTX = {
    "s": "Hello, World",
    "d": 2.5,
    "t": True,
    "l": [1, "two", 3.5, True],
    "m": {"k": "v", "nested": {"x": [1, 2]}},
    "u": "a\U0001f600b\u20ac c",
}


def r(template: str) -> str:
    return render(template, {**genesys_tools(), **CTX})


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # after `$a`, `$a.b()` or `${..}` the lexer knows `##` as a comment ...
        ("$s## c\nY", "Hello, WorldY"),
        ("$!s## c\nY", "Hello, WorldY"),
        ("${m.k}## c\nY", "vY"),
        ("$s.length()## c\nY", "12Y"),
        # ... after `$a.b` it does not: `##end` is `#end`, `## c` is text
        ("$m.k## c\nY", "v## c\nY"),
        ("$m.nested.x[0]## c\nY", "1## c\nY"),
        ("$m.k##if(true)a#end", "va"),
        ("$m.k##*c*#Y", "vY"),
        ("$m.k##foo\nY", "v##foo\nY"),
        # and `##set(..)` is an unknown directive named "#set", printed as is
        ("$m.k##set($a)Y", "v##set($a)Y"),
        ("#if(true)$m.k##else#set($a)$a#end", "v"),
    ],
)
def test_hashes_after_a_reference(template: str, expected: str) -> None:
    assert r(template) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("a$ #set($a=1)Y$a", "aY1"),
        ("a$! #set($a=1)Y$a", "aY1"),
        ("a\\$ #set($a=1)Y$a", "aY1"),
        ("a$$  #set($a=1)Y$a", "aY1"),
        ("a$#  #set($a=1)Y$a", "aY1"),
        ("a$#set($a=1)Y$a", "aY1"),
        ("$m.k#  #set($a=1)Y$a", "vY1"),
        ("a\\#  #set($a=1)Y$a", "a\\Y1"),
        ("a#foo  #set($a=1)Y$a", "a#fooY1"),
        ("a#1.5  #set($a=1)Y$a", "a#1.5Y1"),
        ("a$.  #set($a=1)Y$a", "a$.Y1"),
        ("$s.  #set($a=1)Y$a", "Hello, World.  Y1"),
        ("$s}  #set($a=1)Y$a", "Hello, World}Y1"),
    ],
)
def test_set_swallows_the_token_prefix_before_it(template: str, expected: str) -> None:
    assert r(template) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("a#foo( $s 'x' )Y", "a#foo( $s 'x' )Y"),
        ("a#foo\n($s)Y", "a#foo\n($s)Y"),
        ("a$#foreach($i in $l)Y", "a$#foreach($i in $l)Y"),
        ("a#@foo(1)Y$s#end Z", "a#@foo(1)Y$s#end Z"),
        ("#foreach($i in)x#end", ""),
        ("#foreach($i on $l)x#end", "xxxx"),
        ("$d$\\#end", "2.5#end"),
        ("a#\\\\x", "a\\\\x"),
        ("$s.concat(\\$s)", "Hello, WorldHello, World"),
    ],
)
def test_directive_and_escape_corners(template: str, expected: str) -> None:
    assert r(template) == expected


def test_unknown_directive_arguments_must_parse() -> None:
    with pytest.raises(VelocitySyntaxError):
        r("a#foo($a = 1)Y")
    with pytest.raises(VelocityError):
        r("#foreach($i)x#end")
    with pytest.raises(VelocityError):
        r("$s.length(x)")


def test_strings_count_utf16_units_like_java() -> None:
    assert r("$u.length() $u.indexOf('b') $u.substring(1, 3) $u.codePointAt(1)") == (
        "7 3 \U0001f600 128512"
    )
    assert r("[$u.charAt(1)]") == "[?]"  # half a surrogate pair prints as '?'
    assert r("$u.substring(1, 2)$u.substring(2, 3)") == "\U0001f600"
    assert r("$esc.xml($u)") == "a&#55357;&#56832;b&#8364; c"


def test_math_tool_corners() -> None:
    assert r("$math.max(-2, -2) $math.pow(1e20, 43) $math.add(1e20, 1)") == (
        "4.9E-324 Infinity 9223372036854775807"
    )
