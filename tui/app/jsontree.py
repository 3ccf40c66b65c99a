"""A JSON tree that creates children only when a node is expanded, a page at a time.

Textual's Tree keeps every node it is given, so a 5 MB document (or a 10,000-element array) is
never added at once: a node gets its first PAGE children on expand, and a "show more" leaf loads
the next page. Search walks the document itself and reveals a match by loading its ancestors.
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

from tui.app.cells import counted
from tui.model.jsontree import Key, path_of
from tui.runtime.jsontext import to_json_text

PAGE = 200
PREVIEW_CHARS = 60


@dataclass(slots=True)
class JsonNode:
    parts: tuple[Key, ...]
    value: Any
    loaded: int = 0

    @property
    def path(self) -> str:
        return path_of(self.parts)

    @property
    def is_container(self) -> bool:
        return isinstance(self.value, dict | list)


@dataclass(slots=True)
class MoreNode:
    """The "show more" leaf at the end of a partly loaded container."""

    owner: TreeNode[Any]


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


def find_in(document: Any, query: str, limit: int = 1000) -> list[tuple[Key, ...]]:
    """Matching paths in document order; a stack of iterators, tuples built only for hits and
    containers (a 5 MB document has hundreds of thousands of scalars)."""
    q = query.lower()
    found: list[tuple[Key, ...]] = []
    if not isinstance(document, dict | list):
        return [()] if q in scalar_search_text(document) else []
    stack: list[tuple[tuple[Key, ...], Iterator[tuple[Key, Any]]]] = [((), _items(document))]
    while stack:
        parts, items = stack[-1]
        for key, value in items:
            container = isinstance(value, dict | list)
            if (isinstance(key, str) and q in key.lower()) or (
                not container and q in scalar_search_text(value)
            ):
                found.append((*parts, key))
                if len(found) >= limit:
                    return found
            if container:
                stack.append(((*parts, key), _items(value)))
                break
        else:
            stack.pop()
    return found


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

    def show_message(self, text: str) -> None:
        """No document (nothing fetched, or no response): say so instead of an empty `{}`."""
        self.document = None
        self.clear()
        self.root.set_label(Text(text, style="dim italic"))
        self.root.data = None
        self.root.allow_expand = False
        self.cursor_line = 0

    def _fill(self, node: TreeNode[Any]) -> None:
        data = node.data
        if not isinstance(data, JsonNode) or not data.is_container:
            return
        total = len(data.value)
        if data.loaded >= total:
            return
        last = node.children[-1] if node.children else None
        if last is not None and isinstance(last.data, MoreNode):
            last.remove()
        stop = data.loaded + PAGE
        for key, child in children_of(data.value, data.loaded, stop):
            node.add(
                node_label(key, child),
                data=JsonNode((*data.parts, key), child),
                allow_expand=isinstance(child, dict | list) and len(child) > 0,
            )
        data.loaded = min(stop, total)
        if data.loaded < total:
            rest = total - data.loaded
            node.add_leaf(
                Text(f"… show {min(PAGE, rest)} more of {rest} (Enter)", style="italic"),
                data=MoreNode(node),
            )

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Any]) -> None:
        if event.node.tree is self and not event.node.children:
            self._fill(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Any]) -> None:
        data = event.node.data
        if isinstance(data, MoreNode):
            event.stop()
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

    def find(self, query: str, limit: int = 1000) -> list[tuple[Key, ...]]:
        """Paths of nodes whose key or scalar value contains `query` (case-insensitive).

        Pure Python over the parsed document (no serialization), so it can run in a thread.
        """
        return find_in(self.document, query, limit)

    def reveal(self, parts: tuple[Key, ...]) -> None:
        """Load and expand the ancestors of `parts`, then move the cursor to it."""
        node: TreeNode[Any] = self.root
        for key in parts:
            data = node.data
            if not node.is_expanded:
                node.expand()
            if not node.children:
                self._fill(node)
            index = list(data.value).index(key) if isinstance(data.value, dict) else key
            while data.loaded <= index:
                self._fill(node)
            node = node.children[index]
        # New nodes get their line numbers on the next refresh; move the cursor after it.
        self.call_after_refresh(self._land_on, node)

    def _land_on(self, node: TreeNode[Any]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)
