"""Paths of nodes in Jayway notation, inferred output types, array variants, listing paths."""

from __future__ import annotations

import pytest

from tui.model.jsontree import (
    PathEntry,
    array_element,
    array_variants,
    child_parts,
    infer_type,
    list_paths,
    new_output,
    path_of,
    takes_first,
    values_at,
)
from tui.model.spec import OutputSpec
from tui.runtime.jsonpath import compile_path

USER = {
    "id": 42,
    "name": "Ada Lovelace",
    "profile": {"address": {"city": "London", "zip": "N1 9GU"}, "languages": ["en", "fr"]},
    "phones": [
        {"type": "home", "number": "+44 20 7946 0001"},
        {"type": "work", "number": "+44 20 7946 0002"},
    ],
    "active": True,
    "score": 98.5,
}


@pytest.mark.parametrize(
    ("parts", "path"),
    [
        ((), "$"),
        (("profile", "address", "city"), "$.profile.address.city"),
        (("phones", 0, "number"), "$.phones[0].number"),
        (("odd key", "it's"), "$['odd key'][\"it's\"]"),
        (("1st",), "$['1st']"),
        (("a-b",), "$['a-b']"),
    ],
)
def test_path_of(parts: tuple, path: str) -> None:
    assert path_of(parts) == path


def test_all_elements_form() -> None:
    assert path_of(("a", 3, "b", 0), all_elements=True) == "$.a[*].b[*]"


def test_every_listed_path_resolves_with_the_runtime_to_its_value() -> None:
    doc = {"odd key": {"x y": 1}, "1st": [True], "a-b": {"c": None}, **USER}
    entries, cut = list_paths(doc)
    assert not cut
    for entry in entries:
        assert compile_path(entry.path()).evaluate(doc) == entry.value, entry.path()


def test_list_paths_walks_arrays_through_the_first_element_and_stops_at_the_limit() -> None:
    doc = {"items": [{"id": i} for i in range(10_000)]}
    entries, cut = list_paths(doc)
    assert [e.path() for e in entries] == ["$.items", "$.items[0]", "$.items[0].id"]
    assert not cut
    entries, cut = list_paths({f"k{i}": i for i in range(10)}, limit=4)
    assert cut and len(entries) == 4


def test_values_at_matches_the_runtime_wildcard() -> None:
    parts = ("phones", 0, "number")
    assert values_at(USER, parts) == compile_path(path_of(parts, True)).evaluate(USER)
    assert PathEntry(parts, None).has_array_step


def test_child_parts_in_document_order() -> None:
    assert child_parts(("p",), {"a": 1, "b": 2}) == [(("p", "a"), 1), (("p", "b"), 2)]
    assert child_parts((), ["x"]) == [((0,), "x")]
    assert child_parts((), 3) == []


def test_new_output_infers_types_and_unique_names() -> None:
    assert new_output("$.score", 98.5, set()).type == "number"
    assert new_output("$.id", 42, set()).type == "integer"
    assert new_output("$.active", True, set()).type == "boolean"
    langs = new_output("$.profile.languages", ["en", "fr"], set())
    assert (langs.type, langs.items) == ("array", "string")
    assert new_output("$.name", "x", {"name"}).name == "name2"
    everything = new_output("$.phones[*].number", ["a", "b"], set())
    assert (everything.type, everything.items, everything.name) == ("array", "string", "number")
    assert infer_type("$.xs", [1, 2.5]) == ("array", "number")
    assert infer_type("$.xs", [1, "a"]) == ("array", "string")


def test_a_filter_mapping_keeps_the_scalar_type_and_takes_the_first_match() -> None:
    out = new_output("$.phones[?(@.type == 'work')].number", "+44", set(), single=True)
    assert (out.type, out.items) == ("string", None)
    assert takes_first(out)
    assert not takes_first(OutputSpec(name="n", path=out.path, type="array", items="string"))
    assert not takes_first(OutputSpec(name="n", path="$.phones[0].number"))


def test_array_variants_change_the_last_index() -> None:
    variants = array_variants("$.a[3].b[1].c")
    assert variants["first"] == "$.a[3].b[0].c"
    assert variants["all"] == "$.a[3].b[*].c"
    assert variants["filter"].startswith("$.a[3].b[?(")
    assert array_variants("$.a.b") == {}


def test_filter_suggestion_selects_the_clicked_element() -> None:
    element, leaf = array_element(USER, ("phones", 1, "number"))
    assert (element, leaf) == (USER["phones"][1], "number")
    path = array_variants("$.phones[1].number", element, leaf)["filter"]
    assert path == "$.phones[?(@.type == 'work')].number"
    assert compile_path(path).evaluate(USER) == ["+44 20 7946 0002"]
    assert array_variants("$.tags[1]", "it's", None)["filter"] == '$.tags[?(@ == "it\'s")]'
    assert array_element(USER, ("profile", "address")) == (None, None)
