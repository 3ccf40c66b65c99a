"""Velocity 1.7 template engine (pure Python) with the Genesys Data Actions tools.

    render("Hello ${input.name}", {"input": {"name": "Ada"}})  -> "Hello Ada"

Templates are parsed once and cached; rendering never mutates the caller's top-level dict.
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from .errors import VelocityError, VelocitySyntaxError
from .java import java_output
from .nodes import Break, Context, Macro, Node, Stop, render_nodes
from .parser import Parser
from .tools import genesys_tools

__all__ = ["Template", "VelocityError", "VelocitySyntaxError", "genesys_tools", "parse", "render"]


class Template:
    """A parsed template, safe to render many times and from many threads."""

    __slots__ = ("macros", "name", "nodes", "source")

    def __init__(self, source: str, name: str) -> None:
        self.source = source
        self.name = name
        self.macros: dict[str, Macro] = {}
        self.nodes: list[Node] = Parser(source, name, self.macros).parse_template()

    def render(self, context: dict[str, Any], budget: float | None = None) -> str:
        """The output; with a `budget` (seconds) a #foreach running past it fails the render."""
        deadline = None if budget is None else time.monotonic() + budget
        ctx = Context(dict(context), self.macros, self.name, deadline)
        out: list[str] = []
        try:
            render_nodes(self.nodes, ctx, out)
        except (Stop, Break):
            pass
        except RecursionError:
            raise VelocityError("Template nests too deeply", None, None, self.name) from None
        return java_output("".join(out))


@lru_cache(maxsize=4096)
def _parse_cached(template: str, name: str) -> Template:
    return Template(template, name)


def parse(template: str, name: str = "template") -> Template:
    """Parse (cached); raises VelocitySyntaxError with 1-based line/column."""
    try:
        return _parse_cached(template, name)
    except RecursionError:
        raise VelocitySyntaxError("Template nests too deeply", None, None, name) from None


def render(
    template: str, context: dict[str, Any], name: str = "template", budget: float | None = None
) -> str:
    """Render `template` with `context` (tools are not added: merge genesys_tools() yourself)."""
    return parse(template, name).render(context, budget)
