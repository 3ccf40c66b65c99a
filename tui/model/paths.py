"""Syntactic facts about JSONPath strings and contract names the model needs without the runtime."""

from __future__ import annotations

import re

NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
RESERVED_INPUT_NAMES = frozenset({"orgId", "integrationId", "rawRequest"})


def looks_indefinite(path: str) -> bool:
    """True when a JSONPath has a wildcard, deep scan, filter, slice or union (Jayway's rule).

    A quick lexical check for the compiler; the runtime's parser is the authority.
    """
    in_quote: str | None = None
    depth = 0
    prev = ""
    for ch in path:
        if in_quote:
            if ch == in_quote and prev != "\\":
                in_quote = None
        elif ch in "'\"":
            in_quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "*" or (ch == "." and prev == ".") or (depth > 0 and ch in ":,?"):
            return True
        prev = ch
    return False


def output_name_for(path: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A valid, unused contract property name derived from the last named segment of a path."""
    segments = re.findall(r"[A-Za-z_][A-Za-z0-9_-]*", re.sub(r"\[\?\(.*?\)\]", "", path))
    base = segments[-1] if segments else "value"
    base = re.sub(r"^[^A-Za-z]+", "", base) or "value"
    # `$.topics[0]` and `$.topics[*]` of one field get names that say which (not topics/topics2).
    element = re.search(r"\[(\d+|\*)\]$", path.strip())
    if element and segments:
        index = element.group(1)
        suffix = "All" if index == "*" else ("First" if index == "0" else f"At{index}")
        if f"{base}{suffix}" not in taken and (index != "*" or base in taken):
            base = f"{base}{suffix}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name
