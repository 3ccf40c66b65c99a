"""Inputs in a URL template: which ones are escaped, and escaping the bare ones.

The Request configuration help page
(https://help.mypurecloud.com/articles/request-configuration-data-actions/) asks for `esc.url()`
or `urlTool.optionalQueryParam()` around inputs in the URL template: a `/`, `?`, `#` or space in
a bare `${input.x}` changes the request. The validator warns about bare ones; the wizard and the
plain prompts write them escaped.
"""

from __future__ import annotations

import re
from collections.abc import Collection

URL_ESCAPES = re.compile(
    r"\$!?\{?(esc\.(url|uriEncode|urlFormEncode|urlEncode)|urlTool\.optionalQueryParam)\("
)
BARE_INPUT = re.compile(r"\$!?\{input\.([A-Za-z][A-Za-z0-9_-]*)\}")
# What Velocity would take as more of a shorthand reference: `.name` or `.name(`.
PROPERTY_NEXT = re.compile(r"\.[A-Za-z_][A-Za-z0-9_-]*")


def escaped_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every escaping call in `text`, its balanced arguments included."""
    spans: list[tuple[int, int]] = []
    end = 0
    for m in URL_ESCAPES.finditer(text):
        if m.start() < end:
            continue
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        spans.append((m.start(), j))
        end = j
    return spans


def without_escaped_calls(text: str) -> str:
    """The URL template with every escaping call (and its arguments) removed."""
    out, i = [], 0
    for start, end in escaped_spans(text):
        out.append(text[i:start])
        i = end
    out.append(text[i:])
    return "".join(out)


def path_start(url: str) -> int:
    """Where the path begins (after `scheme://host:port`); inputs before it name the host."""
    scheme = url.find("://")
    if scheme < 0:
        return 0
    slash = url.find("/", scheme + 3)
    return len(url) if slash < 0 else slash


def escape_url_inputs(url: str, keep: Collection[str] = ()) -> tuple[str, list[str]]:
    """`url` with each bare `${input.x}` in its path or query wrapped in `$esc.url(...)`.

    `keep` names inputs left bare (numbers and booleans have nothing to escape; a person may
    also have unwrapped one on purpose). Returns the URL and the names wrapped.
    """
    spans = escaped_spans(url)
    start = path_start(url)
    wrapped: list[str] = []

    def wrap(m: re.Match[str]) -> str:
        name = m.group(1)
        inside = any(a <= m.start() < b for a, b in spans)
        if inside or m.start() < start or name in keep or name == "rawRequest":
            return m.group(0)
        wrapped.append(name)
        return escaped_input(name, url[m.end() :], quiet=m.group(0).startswith("$!"))

    return BARE_INPUT.sub(wrap, url), wrapped


def escaped_input(name: str, followed_by: str = "", *, quiet: bool = False) -> str:
    """`${input.name}` wrapped in `esc.url`, for a URL where `followed_by` comes next: the one
    spelling every URL the tool writes uses (the wizard, plain prompts, curl and OpenAPI import).

    `$esc.url(${input.id}).json` would read `.json` as a property of the call's result, and
    Velocity prints an unresolved reference as written (the Java oracle agrees): before a
    `.name`, the formal form ends the reference at its brace."""
    bang = "!" if quiet else ""
    if PROPERTY_NEXT.match(followed_by):
        return f"${bang}{{esc.url(${{input.{name}}})}}"
    return f"$esc.url(${bang}{{input.{name}}})"
