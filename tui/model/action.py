"""Records (typed models) of a Data Action exactly as the Genesys Cloud API puts it on the wire.

Field names follow the official SDK's `attribute_map` (camelCase on the wire, snake_case in
Python). Schemas stay raw JSON (`dict`): the SDK's JsonSchemaDocument cannot hold `items`.
Dump with :func:`to_wire` so that fields the source did not have stay absent (lossless).
"""

from __future__ import annotations

from typing import Any

from tui.model.records import Record, field

JsonObject = dict[str, Any]

METHODS = ("GET", "PUT", "POST", "PATCH", "DELETE")
DEFAULT_REQUEST_TEMPLATE = "${input.rawRequest}"
DEFAULT_SUCCESS_TEMPLATE = "${rawResult}"
DEFAULT_TIMEOUT_SECONDS = 60
WEB_SERVICES_TYPE = "custom-rest-actions"
GENESYS_CLOUD_TYPE = "purecloud-data-actions"


class WireModel(Record, camel=True, extra="forbid"):
    """Base: camelCase aliases, unknown fields rejected, assignment validated."""


class RequestConfig(WireModel):
    request_url_template: str = ""
    request_type: str = "GET"
    request_template: str | None = None
    request_template_uri: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class ResponseConfig(WireModel):
    translation_map: dict[str, str] = field(default_factory=dict)
    translation_map_defaults: dict[str, str] = field(default_factory=dict)
    success_template: str | None = None
    success_template_uri: str | None = None


class ActionConfig(WireModel):
    timeout_seconds: int | None = None
    request: RequestConfig = field(default_factory=RequestConfig)
    response: ResponseConfig = field(default_factory=ResponseConfig)


class ActionInput(WireModel):
    input_schema: JsonObject | None = None
    input_schema_flattened: JsonObject | None = None
    input_schema_uri: str | None = None


class ActionOutput(WireModel):
    success_schema: JsonObject | None = None
    success_schema_uri: str | None = None
    error_schema: JsonObject | None = None
    error_schema_uri: str | None = None
    success_schema_flattened: JsonObject | None = None
    error_schema_flattened: JsonObject | None = None


class ActionContract(WireModel):
    input: ActionInput = field(default_factory=ActionInput)
    output: ActionOutput = field(default_factory=ActionOutput)


class Action(WireModel):
    """An action as GET /api/v2/integrations/actions/{id} returns it (and POST takes it)."""

    id: str | None = None
    name: str = ""
    integration_id: str | None = None
    category: str | None = None
    contract: ActionContract | None = None
    version: int | None = None
    secure: bool | None = None
    config: ActionConfig | None = None
    self_uri: str | None = None

    # -- convenient, always-present views ------------------------------------------------
    @property
    def request(self) -> RequestConfig:
        return (self.config or ActionConfig()).request

    @property
    def response(self) -> ResponseConfig:
        return (self.config or ActionConfig()).response

    @property
    def input_schema(self) -> JsonObject:
        c = self.contract
        return (c.input.input_schema if c else None) or {"type": "object", "properties": {}}

    @property
    def success_schema(self) -> JsonObject:
        c = self.contract
        return (c.output.success_schema if c else None) or {"type": "object", "properties": {}}

    @property
    def timeout_seconds(self) -> int:
        t = self.config.timeout_seconds if self.config else None
        return t if t is not None else DEFAULT_TIMEOUT_SECONDS


def to_wire(model: Record) -> JsonObject:
    """The model as wire JSON: camelCase, only the fields that were set."""
    return model.model_dump(by_alias=True, exclude_unset=True, mode="json")


def post_body(action: Action) -> JsonObject:
    """The PostActionInput body for POST /api/v2/integrations/actions[/drafts]."""
    wire = to_wire(action)
    body: JsonObject = {
        k: wire[k] for k in ("name", "category", "integrationId", "secure") if k in wire
    }
    if action.config is not None:
        body["config"] = _strip_uris(wire.get("config", {}))
    if action.contract is not None:
        body["contract"] = {
            "input": {"inputSchema": action.input_schema},
            "output": {"successSchema": action.success_schema},
        }
    return body


def _strip_uris(config: JsonObject) -> JsonObject:
    out = dict(config)
    for part in ("request", "response"):
        if part in out:
            out[part] = {k: v for k, v in out[part].items() if not k.endswith("Uri")}
    return out
