"""A JSON tree that creates children only when a node is expanded, a page at a time.

Textual's Tree keeps every node it is given, so a 5 MB document (or a 10,000-element array) is
never added at once: a node gets its first PAGE children on expand, and a "show more" leaf loads
the next page. Search walks the document itself and reveals a match by loading its ancestors;
a match deep in a big array loads only the page around it (a window with "show earlier" and
"show more" leaves), so revealing item 25,999 costs what revealing item 0 does.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.app import collector
from tui.app.cells import counted
from tui.model.jsontree import Key, path_of
from tui.runtime.jsontext import to_json_text

PAGE = 200
PREVIEW_CHARS = 60


@dataclass(slots=True)
class JsonNode:
    parts: tuple[Key, ...]
    value: Any
    loaded: int = 0  # children [start, loaded) are in the tree
    start: int = 0

    @property
    def path(self) -> str:
        return path_of(self.parts)

    @property
    def is_container(self) -> bool:
        return isinstance(self.value, dict | list)


@dataclass(slots=True)
class MoreNode:
    """The "show more" leaf after a partly loaded container's children ("show earlier" before)."""

    owner: TreeNode[Any]
    earlier: bool = False


def scalar_text(value: Any) -> str:
    text = to_json_text(value)
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def node_label(key: Key | None, value: Any) -> Text:
    label = Text()
    if key is not None:
        label.append(f"[{key}]" if isinstance(key, int) else str(key), style="bold")
        label.append(": ")
    if isinstance(value, dict):
        label.append(f"{{{counted(len(value), 'key')}}}", style="dim")
    elif isinstance(value, list):
        label.append(f"[{counted(len(value), 'item')}]", style="dim")
    elif isinstance(value, str):
        label.append(scalar_text(value), style="green")
    else:
        label.append(scalar_text(value), style="cyan")
    return label


def bounded_json(value: Any, limit: int) -> str:
    """JSON text of `value`, cut near `limit` characters without serializing the rest.

    Serializing a 5 MB root just to show its first lines would freeze the UI, so containers
    are written item by item until the budget is spent.
    """
    parts: list[str] = []
    budget = [limit]

    def emit(text: str) -> bool:
        parts.append(text)
        budget[0] -= len(text)
        return budget[0] > 0

    def write(v: Any) -> bool:
        if isinstance(v, dict):
            if not emit("{"):
                return False
            for n, (k, child) in enumerate(v.items()):
                if not emit((", " if n else "") + to_json_text(str(k)) + ": ") or not write(child):
                    return False
            return emit("}")
        if isinstance(v, list):
            if not emit("["):
                return False
            for n, child in enumerate(v):
                if (n and not emit(", ")) or not write(child):
                    return False
            return emit("]")
        return emit(to_json_text(v))

    complete = write(value)
    text = "".join(parts)
    return text if complete and len(text) <= limit else text[:limit] + "…"


def children_of(value: Any, start: int, stop: int) -> Iterator[tuple[Key, Any]]:
    if isinstance(value, dict):
        return itertools.islice(value.items(), start, stop)
    return zip(range(start, min(stop, len(value))), value[start:stop], strict=True)


def scalar_search_text(value: Any) -> str:
    if isinstance(value, str):
        return value.lower()
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).lower()


def _items(value: Any) -> Iterator[tuple[Key, Any]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def find_in(document: Any, query: str, limit: int | None = None) -> list[tuple[Key, ...]]:
    """Every path whose key or scalar value contains `query` (case-insensitive), in document
    order, up to `limit`. Exact counts matter (the user is told "match 3 of 21,500"), so the
    walk is a tight recursion that builds tuples only for hits and containers; a document
    nested deeper than the recursion limit takes the slower explicit-stack walk instead.
    """
    q = query.lower()
    if not isinstance(document, dict | list):
        return [()] if q in scalar_search_text(document) else []
    found: list[tuple[Key, ...]] = []
    try:
        _find_fast(document, q, found, limit if limit is not None else -1)
    except RecursionError:
        found = _find_stack(document, q, limit)
    except _Enough:
        pass
    return found


class _Enough(Exception):
    """Raised inside the walk once `limit` hits are found."""


def _find_fast(document: Any, q: str, found: list[tuple[Key, ...]], cap: int) -> None:
    """`_find_stack`'s answers, ~20% faster: objects and arrays get their own loop (array
    indexes are never text), strings are tested before containers (most values are), and a
    scalar's search text is inlined (`scalar_search_text` gives the same)."""

    def hit(path: tuple[Key, ...]) -> None:
        found.append(path)
        if len(found) == cap:
            raise _Enough

    def in_object(value: dict, parts: tuple[Key, ...]) -> None:
        for key, child in value.items():
            kind = type(child)
            if kind is str:
                if q in key.lower() or q in child.lower():
                    hit((*parts, key))
            elif kind is dict or kind is list:
                if q in key.lower():
                    hit((*parts, key))
                if child:
                    (in_object if kind is dict else in_array)(child, (*parts, key))
            elif q in key.lower() or q in ("null" if child is None else str(child).lower()):
                hit((*parts, key))

    def in_array(value: list, parts: tuple[Key, ...]) -> None:
        for index, child in enumerate(value):
            kind = type(child)
            if kind is str:
                if q in child.lower():
                    hit((*parts, index))
            elif kind is dict or kind is list:
                if child:
                    (in_object if kind is dict else in_array)(child, (*parts, index))
            elif q in ("null" if child is None else str(child).lower()):
                hit((*parts, index))

    if type(document) is dict:
        in_object(document, ())
    else:
        in_array(document, ())


def _find_stack(document: Any, q: str, limit: int | None) -> list[tuple[Key, ...]]:
    found: list[tuple[Key, ...]] = []
    stack: list[tuple[tuple[Key, ...], Iterator[tuple[Key, Any]]]] = [((), _items(document))]
    while stack:
        parts, items = stack[-1]
        for key, value in items:
            container = isinstance(value, dict | list)
            if (isinstance(key, str) and q in key.lower()) or (
                not container and q in scalar_search_text(value)
            ):
                found.append((*parts, key))
                if limit is not None and len(found) >= limit:
                    return found
            if container:
                stack.append(((*parts, key), _items(value)))
                break
        else:
            stack.pop()
    return found


def _container(node: TreeNode[Any]) -> JsonNode:
    """The JsonNode of a tree node that holds children (only JsonNodes do; "more" leaves never)."""
    data = node.data
    assert isinstance(data, JsonNode)
    return data


class JsonTree(Tree[JsonNode | MoreNode]):
    """Lazy JSON explorer; posts `JsonTree.Picked` when the user asks to map a node."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "pick", "Map field", id="tree.map"),
        Binding("c", "copy_path", "Copy path", id="tree.copy"),
    ]

    class Picked(Message):
        def __init__(self, node: JsonNode) -> None:
            super().__init__()
            self.node = node

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Text("$"), **kwargs)
        self.document: Any = None
        self.show_root = True
        self.guide_depth = 3

    def clear(self) -> JsonTree:
        """Textual's `Tree.clear` makes a new root but keeps every old node in its id table,
        and an old node's data holds part of the old document (its parent node, the rest of
        it): a replaced response stayed in memory. The table restarts with the new root, and
        the old nodes let go of their data (a message being handled may still hold one)."""
        old_root, root_data = self.root, self.root.data
        for node in self._tree_nodes.values():
            node.data = None
        self._tree_nodes.clear()
        old_root.data = root_data  # Tree.clear hands it to the new root
        super().clear()
        old_root.data = None
        self._tree_nodes[self.root.id] = self.root
        return self

    def load(self, document: Any) -> None:
        """Show a new document: only the root's first page is created."""
        self.document = document
        self.clear()
        self.root.set_label(
            node_label(None, document) if isinstance(document, dict | list) else Text("$")
        )
        self.root.data = JsonNode((), document)
        self.root.allow_expand = isinstance(document, dict | list)
        self._fill(self.root)
        self.root.expand()
        self.cursor_line = 0
        # Once it is on screen, the new document (and what stays) leaves the collector's
        # full passes, and the previous response's tree is collected (see collector.py).
        self.call_after_refresh(collector.settle)

    def show_message(self, text: str) -> None:
        """No document (nothing fetched, or no response): say so instead of an empty `{}`."""
        self.document = None
        self.clear()
        self.root.set_label(Text(text, style="dim italic"))
        self.root.data = None
        self.root.allow_expand = False
        self.cursor_line = 0

    def _add_child_nodes(
        self, node: TreeNode[Any], start: int, stop: int, before: int | None
    ) -> None:
        data = _container(node)
        for n, (key, child) in enumerate(children_of(data.value, start, stop)):
            node.add(
                node_label(key, child),
                data=JsonNode((*data.parts, key), child),
                allow_expand=isinstance(child, dict | list) and len(child) > 0,
                before=None if before is None else before + n,
            )

    def _fill(self, node: TreeNode[Any]) -> None:
        """Load the next page of `node`'s children."""
        data = _container(node)
        if not isinstance(data, JsonNode) or not data.is_container:
            return
        total = len(data.value)
        if data.loaded >= total:
            return
        last = node.children[-1] if node.children else None
        if last is not None and isinstance(last.data, MoreNode) and not last.data.earlier:
            last.remove()
        stop = min(data.loaded + PAGE, total)
        self._add_child_nodes(node, data.loaded, stop, None)
        data.loaded = stop
        if data.loaded < total:
            rest = total - data.loaded
            node.add_leaf(
                Text(f"… show {min(PAGE, rest)} more of {rest} (Enter)", style="italic"),
                data=MoreNode(node),
            )

    def _fill_earlier(self, node: TreeNode[Any]) -> None:
        """Load the page before the first loaded child of a windowed `node`."""
        data = _container(node)
        if not isinstance(data, JsonNode) or data.start == 0:
            return
        node.children[0].remove()  # the "show earlier" leaf
        start = max(0, data.start - PAGE)
        self._add_child_nodes(node, start, data.start, 0)
        data.start = start
        self._add_earlier_leaf(node)

    def _add_earlier_leaf(self, node: TreeNode[Any]) -> None:
        start = _container(node).start
        if start > 0:
            node.add_leaf(
                Text(f"… show {min(PAGE, start)} earlier of {start} (Enter)", style="italic"),
                data=MoreNode(node, earlier=True),
                before=0,
            )

    def _window(self, node: TreeNode[Any], index: int) -> None:
        """Show only the page of children around `index` (with leaves for the rest)."""
        data = _container(node)
        node.remove_children()
        data.start = data.loaded = index - index % PAGE
        self._fill(node)
        self._add_earlier_leaf(node)

    def _child_at(self, node: TreeNode[Any], index: int) -> TreeNode[Any]:
        """The tree node of child `index`, loading pages (or a window) so that it exists."""
        data = _container(node)
        if not node.children:
            self._fill(node)
        if index >= data.loaded + 2 * PAGE or index < data.start - 2 * PAGE:
            self._window(node, index)
        while index >= data.loaded:
            self._fill(node)
        while index < data.start:
            self._fill_earlier(node)
        return node.children[index - data.start + (1 if data.start else 0)]

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Any]) -> None:
        if event.node.tree is self and not event.node.children:
            self._fill(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Any]) -> None:
        data = event.node.data
        if isinstance(data, MoreNode):
            event.stop()
            if data.earlier:
                self._fill_earlier(data.owner)
            else:
                self._fill(data.owner)
        elif isinstance(data, JsonNode) and not data.is_container:
            self.post_message(self.Picked(data))

    def current(self) -> JsonNode | None:
        node = self.cursor_node
        return node.data if node is not None and isinstance(node.data, JsonNode) else None

    def action_pick(self) -> None:
        data = self.current()
        if data is not None:
            self.post_message(self.Picked(data))

    def action_copy_path(self) -> None:
        data = self.current()
        if data is not None:
            self.app.copy_to_clipboard(data.path)
            self.notify(f"Copied {data.path}", timeout=2)

    # -- search ------------------------------------------------------------------------

    def find(self, query: str, limit: int | None = None) -> list[tuple[Key, ...]]:
        """Paths of nodes whose key or scalar value contains `query` (case-insensitive).

        Pure Python over the parsed document (no serialization), so it can run in a thread.
        """
        return find_in(self.document, query, limit)

    def reveal(self, parts: tuple[Key, ...]) -> None:
        """Load and expand the ancestors of `parts`, then move the cursor to it."""
        node: TreeNode[Any] = self.root
        for key in parts:
            data = _container(node)
            assert data is not None  # every node of this tree carries its NodeData
            if not node.is_expanded:
                node.expand()
            index = list(data.value).index(key) if isinstance(data.value, dict) else int(key)
            node = self._child_at(node, index)
        # New nodes get their line numbers on the next refresh; move the cursor after it.
        self.call_after_refresh(self._land_on, node)

    def _land_on(self, node: TreeNode[Any]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)
