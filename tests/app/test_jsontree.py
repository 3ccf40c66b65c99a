"""The lazy tree: children on expand, pages of 200, search and reveal, bounded value previews."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult

from tui.app.jsontree import (
    PAGE,
    JsonNode,
    JsonTree,
    MoreNode,
    _find_stack,
    bounded_json,
    find_in,
)

pytestmark = pytest.mark.anyio

DOC = {"items": list(range(450)), "meta": {"deep": {"er": {"est": "found me"}}}}


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonTree(id="tree")

    def on_mount(self) -> None:
        self.query_one(JsonTree).load(DOC)


async def test_children_are_created_a_page_at_a_time() -> None:
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(JsonTree)
        items = tree.root.children[0]
        assert not items.children  # nothing below the root until expanded
        items.expand()
        await pilot.pause()
        assert len(items.children) == PAGE + 1
        assert isinstance(items.children[-1].data, MoreNode)
        tree.move_cursor(items.children[-1])
        await pilot.press("enter")  # "show more"
        await pilot.pause()
        values = [c.data.value for c in items.children if isinstance(c.data, JsonNode)]
        assert values == list(range(2 * PAGE))
        assert isinstance(items.children[-1].data, MoreNode)


async def test_search_reveals_deep_and_paged_matches() -> None:
    async with TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(JsonTree)
        assert tree.find("found") == [("meta", "deep", "er", "est")]
        tree.reveal(("meta", "deep", "er", "est"))
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data.path == "$.meta.deep.er.est"
        tree.reveal(("items", 444))
        await pilot.pause()
        assert tree.cursor_node.data.path == "$.items[444]"


async def test_enter_on_a_value_asks_to_map_it() -> None:
    picked: list[str] = []

    class PickApp(TreeApp):
        def on_json_tree_picked(self, message: JsonTree.Picked) -> None:
            picked.append(message.node.path)

    async with PickApp().run_test() as pilot:
        tree = pilot.app.query_one(JsonTree)
        tree.reveal(("meta", "deep", "er", "est"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
    assert picked == ["$.meta.deep.er.est", "$.meta.deep.er.est"]


def test_find_in_lists_matches_in_document_order() -> None:
    doc = {"a": [1, {"b": "x1"}], "c": {"x2": None}, "d": "x3", "e": [True, None, "X4"]}
    assert find_in(doc, "x") == [("a", 1, "b"), ("c", "x2"), ("d",), ("e", 2)]
    assert find_in(doc, "true") == [("e", 0)]
    assert find_in(doc, "null") == [("c", "x2"), ("e", 1)]
    assert find_in("x", "x") == [()]
    assert len(find_in({"k": list(range(50))}, "", limit=10)) == 10


def test_bounded_json_cuts_big_documents_early() -> None:
    small = {"a": [1, 2.5, "x"], "b": None}
    assert json.loads(bounded_json(small, 100)) == small
    big = list(range(1_000_000))
    text = bounded_json(big, 50)
    assert text.endswith("…") and len(text) <= 52


def test_counts_are_singular_for_one() -> None:
    from tui.app.cells import counted
    from tui.app.jsontree import node_label

    assert str(node_label(None, {"a": 1})) == "{1 key}"
    assert str(node_label(None, [1, 2])) == "[2 items]"
    assert counted(1, "category", "categories") == "1 category"
    assert counted(3, "category", "categories") == "3 categories"


def test_search_counts_every_match() -> None:
    doc = {"rows": [{"city": "Springfield"} for _ in range(2_500)]}
    matches = find_in(doc, "spring")
    assert len(matches) == 2_500
    assert matches[-1] == ("rows", 2_499, "city")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text("aAbİΣς1 .", max_size=4),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text("aAbΣ1", max_size=3), inner, max_size=4)
    ),
    max_leaves=25,
)


documents = st.lists(json_values, max_size=4) | st.dictionaries(
    st.text("aAbΣ1", max_size=3), json_values, max_size=4
)


@settings(max_examples=300, deadline=None)
@given(documents, st.text("aAbİσ1. ", min_size=1, max_size=2), st.sampled_from([None, 1, 3]))
def test_the_fast_search_finds_what_the_reference_walk_finds(
    document: Any, query: str, limit: int | None
) -> None:
    """The recursive walk against the explicit-stack walk (used past the recursion limit)."""
    assert find_in(document, query, limit) == _find_stack(document, query.lower(), limit)


class BigArrayApp(App[None]):
    def compose(self) -> ComposeResult:
        yield JsonTree(id="tree")

    def on_mount(self) -> None:
        self.query_one(JsonTree).load({"values": list(range(26_000))})


async def test_revealing_a_far_item_loads_only_the_page_around_it() -> None:
    async with BigArrayApp().run_test() as pilot:
        tree = pilot.app.query_one(JsonTree)
        tree.reveal(("values", 25_999))
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data.path == "$.values[25999]"
        values = tree.root.children[0]
        loaded = [c.data.value for c in values.children if isinstance(c.data, JsonNode)]
        assert loaded == list(range(25_800, 26_000))
        first = values.children[0]
        assert isinstance(first.data, MoreNode) and first.data.earlier
        assert "200 earlier of 25800" in str(first.label)
        tree.move_cursor(first)
        await pilot.press("enter")  # "show earlier"
        await pilot.pause()
        loaded = [c.data.value for c in values.children if isinstance(c.data, JsonNode)]
        assert loaded == list(range(25_600, 26_000))
        assert values.children[0].data.earlier
        tree.reveal(("values", 3))  # far back again: a new window
        await pilot.pause()
        assert tree.cursor_node.data.path == "$.values[3]"
        assert not isinstance(values.children[0].data, MoreNode)
        assert len(values.children) == PAGE + 1
