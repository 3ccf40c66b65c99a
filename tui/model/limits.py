"""Limits on what a file may cost to read: size, kind, YAML alias expansion and nesting depth.

A spec is a few kilobytes; without limits a 488-byte YAML alias bomb expands to gigabytes, a
FIFO blocks forever and `/dev/zero` never ends. Each limit has a default that real files stay
far below and an environment variable to raise it; the error names both.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.model.problems import DataActionError, MissingFile

if TYPE_CHECKING:  # PyYAML loads with the first document read, not with the limits
    import yaml

MiB = 1024 * 1024
FILE_BYTES_VAR = "DATAACTION_MAX_FILE_BYTES"
YAML_NODES_VAR = "DATAACTION_MAX_YAML_NODES"
DEFAULT_FILE_BYTES = 5 * MiB
DEFAULT_YAML_NODES = 100_000


def limit(var: str, default: int) -> int:
    """The limit from `$var` (a positive integer), else the default."""
    raw = os.environ.get(var, "")
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if value > 0 else default


def read_limited(path: str | Path, *, max_bytes: int | None = None, what: str = "") -> bytes:
    """The bytes of a regular file no larger than the limit, read without following it forever.

    Raises `DataActionError` for a missing file, a directory, FIFO or device, an unreadable
    file and one over the limit (naming the limit and how to raise it).
    """
    p = Path(path)
    cap = max_bytes if max_bytes is not None else limit(FILE_BYTES_VAR, DEFAULT_FILE_BYTES)
    label = f"{what} {p}".strip()
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not block before we can refuse it.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise MissingFile.single(f"no such file: {p}", hint="check the path") from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise DataActionError.single(f"cannot read {label}: {reason}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise DataActionError.single(
            f"cannot read {label}: it is {_kind(mode)}, not a regular file",
            hint="give the path of a file",
        )
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(cap + 1)
        except OSError as exc:
            raise DataActionError.single(f"cannot read {label}: {exc.strerror}") from None
    if len(data) > cap:
        raise DataActionError.single(
            f"{label} is larger than the {human_bytes(cap)} limit",
            hint=f"set {FILE_BYTES_VAR} to a larger number of bytes to read it anyway",
        )
    return data


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "not a regular file"


def human_bytes(n: int) -> str:
    if n >= MiB and n % MiB == 0:
        return f"{n // MiB} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n:,} bytes"


def load_yaml(text: str, file: str = "") -> Any:
    """`yaml.safe_load`, refusing documents whose aliases expand past the node limit.

    PyYAML shares aliased objects, so loading is cheap, but everything after (validation,
    dumping, walking) sees the expanded tree. Raises `yaml.YAMLError` for syntax errors and
    `DataActionError` for a document over the limits.

    libyaml's parser (PyYAML's C loader, ~10x faster) reads it when installed; a document it
    refuses is read again by the pure-Python one, so errors keep the messages they always had
    (and a document nested past libyaml's depth limit is still reported as too deep).
    """
    import yaml

    aliases = "*" in text  # an alias is written `*name`: without one, nothing is shared
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return _load_with(fast(text), file, aliases)
        except yaml.YAMLError:
            pass
    return _load_with(yaml.SafeLoader(text), file, aliases)


def _load_with(loader: Any, file: str, aliases: bool = True) -> Any:
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise too_deep(file) from None
        if node is None:
            return None
        check_expansion(node, file, aliases=aliases)
        try:
            return loader.construct_document(node)
        except RecursionError:
            raise too_deep(file) from None
    finally:
        loader.dispose()


def too_deep(file: str) -> DataActionError:
    return DataActionError.single(
        "the document is nested too deeply to read",
        file=file,
        hint="a data action needs a few levels of nesting; check for a runaway structure",
    )


def check_expansion(root: yaml.Node, file: str = "", *, aliases: bool = True) -> None:
    """Raise when the node graph, with every alias expanded, has more nodes than the limit.

    `aliases=False` (the text has no `*`): every node appears once, so a plain count is the
    expanded size, at a third of the cost of the walk that follows aliases.
    """
    cap = limit(YAML_NODES_VAR, DEFAULT_YAML_NODES)
    if not aliases:
        if _count_nodes(root, cap) > cap:
            raise _too_many(cap, file)
        return
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    # Post-order without recursion: a node's expanded size is 1 + its children's.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _children(node)
        if not done:
            if key in open_nodes:
                raise DataActionError.single(
                    "the document refers to itself through an alias (a cycle)",
                    file=file,
                    hint="an alias (*name) cannot appear inside the node it names",
                )
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        open_nodes.discard(key)
        total = 1 + sum(sizes.get(id(c), 0) for c in children)
        if total > cap:
            raise _too_many(cap, file)
        sizes[key] = total


def _too_many(cap: int, file: str) -> DataActionError:
    return DataActionError.single(
        f"the document expands to more than {cap:,} YAML nodes (through aliases such as *name)",
        file=file,
        hint=f"write the values out, or set {YAML_NODES_VAR} to a larger number",
    )


def _count_nodes(root: yaml.Node, cap: int) -> int:
    """How many nodes a tree without aliases holds (counting stops just past `cap`)."""
    count = 0
    stack = [root]
    while stack and count <= cap:
        node = stack.pop()
        count += 1
        value = node.value
        if type(value) is list:
            for item in value:
                if type(item) is tuple:  # a mapping's (key, value) pair
                    stack.extend(item)
                else:
                    stack.append(item)
    return count


def _children(node: yaml.Node) -> list[yaml.Node]:
    kind = type(node).__name__  # PyYAML's node classes, without importing PyYAML here
    if kind == "SequenceNode":
        return list(node.value)
    if kind == "MappingNode":
        return [n for pair in node.value for n in pair]
    return []
