"""How a test run reads, in words: one owner for the CLI (`dataaction test`, local and
`--remote`), the plain flow and the wizard's Test step.

The three used to print the same run three ways (`✓ 5.`, `PASS 5.`, `✔ pass`, with the output
headed differently and the remote test saying `ok`/`FAIL`), so a person moving between them
had to relearn what a passing run looks like. Each surface still lays it out its own way (a
table in the wizard, lines in a terminal), but every mark, verdict, step detail and output
heading comes from here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

from tui.runtime.results import TestExecutionResult

PASSED, FAILED = "✔", "✘"
DETAIL_LIMIT = 300  # characters of a step's result shown on a line


class StepLine(NamedTuple):
    """One step of a run as people read it."""

    step: int
    name: str
    passed: bool
    detail: str

    @property
    def mark(self) -> str:
        return PASSED if self.passed else FAILED

    @property
    def word(self) -> str:
        return "pass" if self.passed else "fail"


def as_result(result: TestExecutionResult | dict[str, Any]) -> TestExecutionResult:
    """A run in the shape we format: ours already is; an org's test endpoint sends its JSON."""
    if isinstance(result, TestExecutionResult):
        return result
    return TestExecutionResult.model_validate(result)


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at `limit` characters with the full length said."""
    text = " ".join(text.splitlines())
    return text if len(text) <= limit else text[: limit - 1] + f"… ({len(text)} chars)"


def step_lines(result: TestExecutionResult, limit: int = DETAIL_LIMIT) -> list[StepLine]:
    """Each step: its error when it failed, else what it produced (cut at `limit`)."""
    lines = []
    for op in result.operations:
        if op.error is not None:
            detail = op.error.message
        elif op.result is None:
            detail = ""
        elif isinstance(op.result, str):
            detail = op.result
        else:
            detail = json.dumps(op.result, ensure_ascii=False, default=str)
        lines.append(StepLine(op.step, op.name, op.success, shorten(detail, limit)))
    return lines


def verdict(result: TestExecutionResult) -> str:
    """One line: passed with how many steps, or where it stopped and why."""
    if result.success:
        return f"{PASSED} Test passed: {len(result.operations)} steps."
    message = result.error.message if result.error else "unknown failure"
    failed = next((op for op in result.operations if not op.success), None)
    where = f" at step {failed.step} ({failed.name})" if failed is not None else ""
    return f"{FAILED} Test failed{where}: {message}"


def output_title(flatten: bool) -> str:
    return (
        "Flattened output (Architect gets the output contract's properties of it)"
        if flatten
        else "Output (as the success template builds it)"
    )


def output_text(result: TestExecutionResult) -> str:
    return json.dumps(result.final_result, indent=2, ensure_ascii=False, default=str)


def render(
    result: TestExecutionResult,
    *,
    flatten: bool,
    paint: Callable[[str, str], str] | None = None,
) -> str:
    """The whole run as terminal lines; `paint(ansi_code, text)` colours marks and verdict."""
    colour = paint or (lambda _code, text: text)
    out = []
    for line in step_lines(result):
        mark = colour("32" if line.passed else "31", f"{line.mark} {line.word}")
        out.append(f"{mark} {line.step}. {line.name}")
        if line.detail:
            out.append(f"       {line.detail}")
    out.append(colour("32" if result.success else "31", verdict(result)))
    if result.success:
        out.append(output_title(flatten) + ":")
        out.append(output_text(result))
    return "\n".join(out)
