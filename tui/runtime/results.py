"""The TestExecutionResult shape Genesys's test endpoint returns, and its ErrorBody."""

from __future__ import annotations

from typing import Any

from tui.model.records import Record, field


def _context_id() -> str:
    """A fresh correlation id, as Genesys gives each error (uuid loads only for errors)."""
    import uuid

    return str(uuid.uuid4())


class _Wire(Record, camel=True, extra="ignore"):
    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class ErrorBody(_Wire):
    """Genesys's error body (SDK model ErrorBody)."""

    message: str
    code: str = "bad.request"
    status: int = 400
    message_with_params: str | None = None
    message_params: dict[str, str] = field(default_factory=dict)
    context_id: str = field(default_factory=lambda: _context_id())
    details: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


class Operation(_Wire):
    """One step of a test execution (TestExecutionOperationResult)."""

    step: int
    name: str
    success: bool
    result: Any = None
    error: ErrorBody | None = None


class TestExecutionResult(_Wire):
    __test__ = False  # not a pytest class

    operations: list[Operation] = field(default_factory=list)
    error: ErrorBody | None = None
    final_result: Any = None
    success: bool = False
