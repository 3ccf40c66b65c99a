"""Paths of clicked nodes, inferred output types, array variants and the live preview."""

from __future__ import annotations

import pytest
from app_helpers import USER

from tui.app.mapping import array_element, array_variants, new_output, path_of, preview
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


def test_filter_suggestion_selects_the_clicked_element() -> None:
    element, leaf = array_element(USER, ("phones", 1, "number"))
    assert (element, leaf) == (USER["phones"][1], "number")
    path = array_variants("$.phones[1].number", element, leaf)["filter"]
    assert path == "$.phones[?(@.type == 'work')].number"
    assert compile_path(path).evaluate(USER) == ["+44 20 7946 0002"]
    assert array_variants("$.tags[1]", "it's", None)["filter"] == '$.tags[?(@ == "it\'s")]'
    assert array_element(USER, ("profile", "address")) == (None, None)


def test_a_filter_mapping_keeps_the_scalar_type() -> None:
    out = new_output("$.phones[?(@.type == 'work')].number", "+44", set(), single=True)
    assert (out.type, out.items) == ("string", None)
