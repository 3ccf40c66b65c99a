"""Find the line/column of a field in a YAML or JSON document, for error messages."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

Loc = tuple[int, int]


def index_positions(text: str) -> dict[tuple[str | int, ...], Loc]:
    """Map each key path (('config','request','headers'), ...) to its 1-based (line, column).

    JSON is parsed as YAML for positions only; any failure gives an empty index.
    """
    try:  # libyaml's parser when installed (as in tui.model.limits.load_yaml)
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except (yaml.YAMLError, RecursionError):
            return {}
    except RecursionError:
        return {}
    out: dict[tuple[str | int, ...], Loc] = {}
    seen: set[int] = set()

    def walk(node: yaml.Node, path: tuple[str | int, ...]) -> None:
        out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in seen:  # an alias: its node was indexed where the anchor is
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                k = key.value
                out[(*path, k)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, (*path, k))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    if root is not None:
        try:
            walk(root, ())
        except RecursionError:
            return {}
    return out


def find(index: dict[tuple[str | int, ...], Loc], path: Sequence[str | int]) -> Loc | None:
    """The position of `path`, or of its nearest known ancestor."""
    p = tuple(path)
    while p:
        if p in index:
            return index[p]
        p = p[:-1]
    return index.get(())
