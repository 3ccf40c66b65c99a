"""Unit tests for the Velocity engine; expectations are Velocity 1.7's documented behaviour."""

from __future__ import annotations

import pytest

from tui.runtime.velocity import VelocityError, VelocitySyntaxError, parse, render


def test_null_references_render_literally_or_quietly() -> None:
    assert render("$x ${x} $!x $!{x}|", {}) == "$x ${x}  |"


def test_escaped_reference_depends_on_definition() -> None:
    assert render("\\$a \\$b", {"a": 1}) == "$a \\$b"


def test_java_to_string_of_values() -> None:
    ctx = {"i": 1, "d": 1.0, "b": True, "l": ["a", 2], "m": {"k": None}, "big": 1e10}
    assert render("$i $d $b $l $m $big", ctx) == "1 1.0 true [a, 2] {k=null} 1.0E10"


def test_directives_gobble_trailing_newline() -> None:
    template = "#set($a = 1)\n#if($a == 1)\nyes\n#else\nno\n#end\ndone"
    assert render(template, {}) == "yes\ndone"


def test_foreach_counters() -> None:
    out = render("#foreach($i in [1..3])$velocityCount$foreach.hasNext,#end", {})
    assert out == "1true,2true,3false,"


def test_integer_arithmetic_is_java_like() -> None:
    assert render("#set($a = -7 / 2)$a", {}) == "-3"
    assert render("#set($b = -7 % 3)$b", {}) == "-1"
    assert render("#set($c = 7 / 2.0)$c", {}) == "3.5"


def test_string_methods() -> None:
    ctx = {"s": "a,b,,c,,"}
    assert render("$s.split(',').size() $s.replaceAll('(,)', '$1$1') $s.length()", ctx) == (
        "4 a,,b,,,,c,,,, 8"
    )


def test_method_exception_has_position() -> None:
    with pytest.raises(VelocityError) as info:
        render("ok\n  $s.substring(5)", {"s": "ab"})
    assert (info.value.line, info.value.column) == (2, 6)
    assert not isinstance(info.value, VelocitySyntaxError)


def test_syntax_error_has_position() -> None:
    with pytest.raises(VelocitySyntaxError) as info:
        parse("line\n#if(true)x")
    assert info.value.line == 2


def test_parse_is_cached() -> None:
    assert parse("$a.b") is parse("$a.b")


def test_render_does_not_mutate_context_top_level() -> None:
    ctx: dict[str, object] = {}
    render("#set($a = 1)$a", ctx)
    assert ctx == {}
