"""Problems: located, explained errors shared by every room.

A NamedTuple and a plain exception rather than dataclasses: `dataclasses` imports `inspect`
(with ast, dis and tokenize), ~7 ms of a ~55 ms `validate`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One thing wrong with an action, with where it is and how to fix it."""

    message: str
    field: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""
    severity: Severity = "error"

    @property
    def where(self) -> str:
        """`file:line:col field` with the parts that are known."""
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        if self.field:
            place = f"{place} {self.field}".strip()
        return place

    def render(self) -> str:
        """A one- or two-line human explanation."""
        head = f"{self.severity}: {self.where + ': ' if self.where else ''}{self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def to_dict(self) -> dict[str, object]:
        return {
            k: v
            for k, v in {
                "severity": self.severity,
                "message": self.message,
                "field": self.field,
                "file": self.file,
                "line": self.line,
                "column": self.column,
                "hint": self.hint,
            }.items()
            if v not in ("", None)
        }


class DataActionError(Exception):
    """An error the user can fix; carries one or more located problems."""

    def __init__(self, problems: list[Problem] | None = None) -> None:
        super().__init__()
        self.problems: list[Problem] = problems if problems is not None else []

    def __repr__(self) -> str:
        return f"{type(self).__name__}(problems={self.problems!r})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.problems == other.problems

    __hash__ = Exception.__hash__

    @classmethod
    def single(
        cls,
        message: str,
        *,
        field: str = "",
        file: str = "",
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
        severity: Severity = "error",
    ) -> DataActionError:
        return cls([Problem(message, field, file, line, column, hint, severity)])

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)


class MissingFile(DataActionError):
    """A path given that is not there: a usage error (exit 2 in every command), not an action
    that failed its checks (1)."""
