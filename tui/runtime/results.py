"""The TestExecutionResult shape Genesys's test endpoint returns, and its ErrorBody."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class _Wire(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class ErrorBody(_Wire):
    """Genesys's error body (SDK model ErrorBody)."""

    message: str
    code: str = "bad.request"
    status: int = 400
    message_with_params: str | None = None
    message_params: dict[str, str] = Field(default_factory=dict)
    context_id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    details: list[dict[str, Any]] = Field(default_factory=list)
    errors: list[dict[str, Any]] = Field(default_factory=list)


class Operation(_Wire):
    """One step of a test execution (TestExecutionOperationResult)."""

    step: int
    name: str
    success: bool
    result: Any = None
    error: ErrorBody | None = None


class TestExecutionResult(_Wire):
    __test__ = False  # not a pytest class

    operations: list[Operation] = Field(default_factory=list)
    error: ErrorBody | None = None
    final_result: Any = None
    success: bool = False
