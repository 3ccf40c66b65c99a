"""Request bodies: size limit, JSON parsing and record validation into Genesys-style 400s."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from starlette.requests import Request

from tui.model.action import ActionConfig, JsonObject, WireModel
from tui.model.records import Record, ValidationError
from tui.model.records import field as Field

from .errors import ApiError

MAX_BODY_BYTES = 5 * 1024 * 1024

M = TypeVar("M", bound=Record)


class PostInputContract(WireModel):
    input_schema: JsonObject


class PostOutputContract(WireModel):
    success_schema: JsonObject


class ActionContractInput(WireModel):
    input: PostInputContract
    output: PostOutputContract


class PostActionInput(WireModel):
    """Body of POST /actions and POST /actions/drafts."""

    category: str | None = Field(default=None, max_length=256)
    name: str = Field(max_length=256)
    integration_id: str
    config: ActionConfig | None = None
    contract: ActionContractInput | None = None
    secure: bool | None = None


class UpdateActionInput(WireModel):
    """Body of PATCH /actions/{id}: no contract, no secure (contracts are immutable)."""

    category: str | None = Field(default=None, max_length=256)
    name: str | None = Field(default=None, max_length=256)
    config: ActionConfig | None = None
    version: int


class UpdateDraftInput(WireModel):
    """Body of PATCH /actions/{id}/draft."""

    category: str | None = Field(default=None, max_length=256)
    name: str | None = Field(default=None, max_length=256)
    config: ActionConfig | None = None
    contract: ActionContractInput | None = None
    secure: bool | None = None
    version: int


class PublishDraftInput(WireModel):
    version: int


async def read_body(request: Request) -> bytes:
    """The raw body, refusing anything over 5 MB with a 413 before reading it all."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def too_large() -> ApiError:
    return ApiError(
        413,
        "request.entity.too.large",
        f"The request body is larger than the {MAX_BODY_BYTES // (1024 * 1024)} MB limit.",
        params={"limit": str(MAX_BODY_BYTES)},
    )


def _declares_other_than_json(request: Request) -> bool:
    """A Content-Type that is not JSON (`text/plain`, a form, ...). Genesys's API answers those
    with 415; a missing header is let through (loopback tools that send bare bytes)."""
    declared = request.headers.get("content-type")
    if declared is None:
        return False
    media = declared.split(";", 1)[0].strip().lower()
    return media != "application/json" and not media.endswith("+json")


async def json_body(request: Request, *, required: bool = True) -> Any:
    """The body parsed as JSON, or a 400 naming the line and column of the syntax error."""
    raw = await read_body(request)
    if raw.strip() and _declares_other_than_json(request):
        raise ApiError(
            415,
            "unsupported.media.type",
            f"Content-Type {request.headers['content-type']!r} is not supported: "
            "send the body as application/json.",
        )
    if not raw.strip():
        if required:
            raise ApiError(400, "bad.request", "A request body is required.")
        return None
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, RecursionError):
        raise ApiError(400, "bad.request", "The request body is not valid UTF-8 JSON.") from None
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "bad.request",
            f"The request could not be understood by the server due to malformed syntax: "
            f"{exc.msg} at line {exc.lineno} column {exc.colno}.",
            params={"line": str(exc.lineno), "column": str(exc.colno)},
        ) from None


async def model_body(request: Request, model: type[M]) -> M:
    """The body validated into `model`; unknown fields and wrong types are 400s."""
    data = await json_body(request)
    if not isinstance(data, dict):
        raise ApiError(400, "bad.request", "The request body must be a JSON object.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc) from None


def validation_error(exc: ValidationError) -> ApiError:
    details = []
    lines = []
    for err in exc.errors(include_url=False):
        field = ".".join(str(p) for p in err["loc"])
        code = "unknown.field" if err["type"] == "extra_forbidden" else "invalid.value"
        if err["type"] == "missing":
            code = "missing.value"
        details.append({"errorCode": code, "fieldName": field})
        lines.append(f"{field}: {err['msg']}")
    return ApiError(
        400,
        "bad.request",
        "The request body is invalid: " + "; ".join(lines),
        details=details,
    )


def json_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ApiError(400, "bad.request", f"{what} must be a JSON object.")
    return value
