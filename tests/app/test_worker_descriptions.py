"""Every wizard worker has a fixed description. Without one, Textual describes a worker by the
repr of its arguments: the request's secret headers, an integration's credential values, or a
whole 20 MB response, kept in the worker's name, its logs and error reports."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "tui" / "app"


def workers_without_description() -> list[str]:
    found = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for deco in node.decorator_list:
                call = deco if isinstance(deco, ast.Call) else None
                name = call.func if call else deco
                if isinstance(name, ast.Name) and name.id == "work":
                    keywords = {k.arg for k in call.keywords} if call else set()
                    if "description" not in keywords:
                        found.append(f"{path.relative_to(APP)}:{node.lineno} {node.name}")
    return found


def test_every_worker_has_a_fixed_description() -> None:
    assert workers_without_description() == []


def test_the_check_sees_workers() -> None:
    """It would pass vacuously if it found no worker at all."""
    source = "\n".join(p.read_text() for p in APP.rglob("*.py"))
    assert source.count("@work(") >= 10
