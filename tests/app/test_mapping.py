"""Paths of clicked nodes, inferred output types, array variants and the live preview."""

from __future__ import annotations

import pytest
from app_helpers import USER

from tui.app.mapping import array_variants, new_output, path_of, preview
from tui.runtime.jsonpath import compile_path


@pytest.mark.parametrize(
    ("parts", "path"),
    [
        ((), "$"),
        (("profile", "address", "city"), "$.profile.address.city"),
        (("phones", 0, "number"), "$.phones[0].number"),
        (("odd key", "it's"), "$['odd key'][\"it's\"]"),
        (("1st",), "$['1st']"),
    ],
)
def test_path_of(parts: tuple, path: str) -> None:
    assert path_of(parts) == path


def test_paths_resolve_with_the_runtime() -> None:
    doc = {"odd key": {"x y": 1}, "1st": [True]}
    assert compile_path(path_of(("odd key", "x y"))).evaluate(doc) == 1
    assert compile_path(path_of(("1st", 0))).evaluate(doc) is True


def test_new_output_infers_types_and_unique_names() -> None:
    assert new_output("$.score", 98.5, set()).type == "number"
    assert new_output("$.id", 42, set()).type == "integer"
    assert new_output("$.active", True, set()).type == "boolean"
    langs = new_output("$.profile.languages", ["en", "fr"], set())
    assert (langs.type, langs.items) == ("array", "string")
    taken = new_output("$.name", "x", {"name"})
    assert taken.name == "name2"
    everything = new_output("$.phones[*].number", ["a", "b"], set())
    assert (everything.type, everything.items, everything.name) == ("array", "string", "number")


def test_array_variants_change_the_last_index() -> None:
    variants = array_variants("$.a[3].b[1].c")
    assert variants["first"] == "$.a[3].b[0].c"
    assert variants["all"] == "$.a[3].b[*].c"
    assert variants["filter"].startswith("$.a[3].b[?(")
    assert array_variants("$.a.b") == {}


def test_preview_shows_what_the_runtime_extracts() -> None:
    assert preview("$.profile.address.city", USER) == (True, '"London"')
    assert preview("$.phones[*].type", USER) == (True, '["home","work"]')
    ok, text = preview("$.fax", USER)
    assert not ok and "not found" in text
    ok, text = preview("$.phones[?(@.type ==", USER)
    assert not ok and "invalid path" in text
