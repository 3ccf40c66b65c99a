"""Progress of multi-action work on stderr: a rich bar on a terminal, plain lines otherwise.

stdout stays clean for `--json`; rich is imported only when a bar is shown.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO


class StepProgress:
    """`with StepProgress(total) as p: p.start(name); p.say(msg); p.done()` per item."""

    def __init__(self, total: int, *, stream: TextIO | None = None, bar: bool | None = None):
        self.total = total
        self.stream = stream or sys.stderr
        self.bar = (self.stream.isatty() and total > 1) if bar is None else bar
        self.count = 0
        self._rich: Any = None
        self._task: Any = None

    def __enter__(self) -> StepProgress:
        if self.bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._rich = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=self.stream),
            )
            self._rich.start()
            self._task = self._rich.add_task("deploying", total=self.total)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None

    def start(self, name: str) -> None:
        """The next item begins."""
        self.count += 1
        if self._rich is not None:
            self._rich.update(self._task, description=name)

    def say(self, message: str) -> None:
        """A step of the current item: a line above the bar, or a numbered line."""
        if self._rich is not None:
            self._rich.console.print(message, markup=False, highlight=False)
        else:
            print(f"[{self.count}/{self.total}] {message}", file=self.stream, flush=True)

    def error(self, text: str) -> None:
        """An error report, kept readable while the bar is shown."""
        if self._rich is not None:
            self._rich.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.stream, flush=True)

    def done(self) -> None:
        if self._rich is not None:
            self._rich.advance(self._task)
