"""What every command prints the same way: colours, problems, stderr notes."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tui.model.problems import Problem

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def color(code: str, text: str) -> str:
    """`text` in ANSI colour `code` on a terminal that wants colour (NO_COLOR respected)."""
    if sys.stdout is not None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return f"\033[{code}m{text}\033[0m"
    return text


def print_problems(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for p in problems:
        print(p.render(), file=stream)


def failed_code(exc: Exception) -> int:
    """The exit code of a command stopped by `exc`: 2 for a path that is not there (a usage
    error, in every command alike), else 1."""
    from tui.model.problems import MissingFile

    return EXIT_USAGE if isinstance(exc, MissingFile) else EXIT_FAILED


def confirmed(question: str, refusal: str) -> bool:
    """A y/N answer on a terminal, for what cannot be undone. With no terminal on stdin, a
    usage error (exit 2) naming --yes: a script must opt in, never be asked or assumed."""
    from tui.model.problems import DataActionError

    if sys.stdin is None or not sys.stdin.isatty():  # None: started with standard input closed
        raise DataActionError.single(  # a `--` field: the commands' usage error (exit 2)
            f"{refusal}: no terminal to confirm on",
            field="--yes",
            hint="pass --yes (or -y) to go ahead without asking",
        )
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def note(text: str) -> None:
    """A line for the person at the terminal (stderr, so stdout stays machine-readable)."""
    print(text, file=sys.stderr, flush=True)
