"""Genesys-shaped API errors (ErrorBody: message, code, status, messageParams, contextId, ...)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.responses import JSONResponse


class ApiError(Exception):
    """An error answered to the client as a Genesys ErrorBody."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        params: dict[str, str] | None = None,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params or {}
        self.details = details or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.code, self.message, self.params, self.details)

    def response(self) -> JSONResponse:
        # Starlette only when answering: the store and the org set-up raise these errors too,
        # in a command that registers its login with a running sandbox (tui.sandbox.shared).
        from starlette.responses import JSONResponse

        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def error_body(
    status: int,
    code: str,
    message: str,
    params: dict[str, str] | None = None,
    details: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The ErrorBody JSON Genesys answers with."""
    return {
        "message": message,
        "code": code,
        "status": status,
        "messageParams": params or {},
        "contextId": str(uuid.uuid4()),
        "details": details or [],
        "errors": [],
    }


def bad_request(message: str, field: str = "", code: str = "bad.request") -> ApiError:
    details = [{"errorCode": code, "fieldName": field}] if field else []
    return ApiError(400, code, message, details=details)


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(
        404,
        "not.found",
        f"{what} {ident} not found",
        details=[{"errorCode": "not.found", "entityId": ident, "entityName": what}],
    )


def conflict(message: str) -> ApiError:
    return ApiError(409, "conflict", message)


def version_mismatch(supplied: int, latest: int, *, draft: bool) -> ApiError:
    """Wrong `version` on publish/patch: a 400, as Genesys answers (Terraform provider #1961)."""
    kind = "latest draft version" if draft else "latest version"
    return ApiError(
        400,
        "bad.request",
        f"Supplied version {supplied} does not match {kind} {latest}",
        params={"supplied": str(supplied), "latest": str(latest)},
        details=[{"errorCode": "version.mismatch", "fieldName": "version"}],
    )
