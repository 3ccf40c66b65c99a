"""One text -> typed input value conversion for the wizard, plain mode, the CLI and the API."""

from __future__ import annotations

import pytest

from tui.app.steps.request import coerce_sample
from tui.model.values import ValueTextError, typed_value
from tui.plain.flow import coerce


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("7", "number", 7),
        ("7.5", "number", 7.5),
        ("1e3", "number", 1000.0),
        ("-3", "integer", -3),
        (" 42 ", "integer", 42),
        ("yes", "boolean", True),
        ("No", "boolean", False),
        ("TRUE", "boolean", True),
        ("false", "boolean", False),
        (" keep spaces ", "string", " keep spaces "),
    ],
)
def test_every_room_converts_alike(text: str, kind: str, value: object) -> None:
    for convert in (typed_value, coerce_sample, coerce):
        got = convert(text, kind)
        assert got == value and type(got) is type(value), (convert.__module__, got)


@pytest.mark.parametrize(
    ("text", "kind", "says"),
    [
        ("seven", "integer", "whole number"),
        ("7.0", "integer", "whole number"),
        ("1_000", "integer", "integer"),
        ("abc", "number", "number"),
        ("nan", "number", "number"),
        ("1e400", "number", "finite"),
        ("maybe", "boolean", "true/false or yes/no"),
        ("1", "boolean", "boolean"),
    ],
)
def test_bad_text_is_a_clear_error_in_every_room(text: str, kind: str, says: str) -> None:
    for convert in (typed_value, coerce_sample, coerce):
        with pytest.raises(ValueTextError, match=says):
            convert(text, kind)


def test_empty_means_no_sample_in_the_wizard_and_plain_mode() -> None:
    assert coerce_sample("", "number") is None and coerce("  ", "boolean") is None
    assert typed_value("", "string") == ""
