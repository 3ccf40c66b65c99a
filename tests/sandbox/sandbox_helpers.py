"""Helpers for the sandbox tests: SDK logins, SDK-built action bodies, expected outputs."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

USERS = {
    "42": {
        "id": "42",
        "name": "Ada Lovelace",
        "tags": ["math", "poetry"],
        "address": {"city": "London"},
    },
    "7": {"id": "7", "name": "Alan Turing", "tags": ["codes"], "address": {"city": "Wilmslow"}},
}


# The keys of every Genesys error body (the SDK's ErrorBody).
ERROR_BODY_KEYS = {"message", "code", "status", "messageParams", "contextId", "details", "errors"}


def login(sdk: ModuleType, url: str, client_id: str = "client-a", secret: str = "secret-a") -> Any:
    """An IntegrationsApi logged in the way SDK users do it."""
    api = sdk.ApiClient(host=url).get_client_credentials_token(client_id, secret)
    return sdk.IntegrationsApi(api)


def web_services_integration(api: Any) -> str:
    listing = api.get_integrations(integration_type="custom-rest-actions")
    return listing.entities[0].id


def action_input(
    sdk: ModuleType, integration_id: str, name: str, stub_url: str, **extra: Any
) -> Any:
    """A PostActionInput built from SDK models: GET a stub user, map name and first tag."""
    request = sdk.RequestConfig()
    request.request_url_template = stub_url + "/users/${input.userId}"
    request.request_type = "GET"
    request.headers = {"Accept": "application/json"}
    response = sdk.ResponseConfig()
    response.translation_map = {"name": "$.name", "firstTag": "$.tags[0]", "city": "$.address.city"}
    response.translation_map_defaults = {}
    response.success_template = (
        '{"name": ${name}, "firstTag": ${firstTag}, "place": {"city": ${city}}}'
    )
    config = sdk.ActionConfig()
    config.request = request
    config.response = response
    config.timeout_seconds = 10
    in_schema = sdk.JsonSchemaDocument()
    in_schema.type = "object"
    in_schema.properties = {"userId": {"type": "string"}}
    in_schema.required = ["userId"]
    out_schema = sdk.JsonSchemaDocument()
    out_schema.type = "object"
    out_schema.properties = {
        "name": {"type": "string"},
        "firstTag": {"type": "string"},
        "place": {"type": "object", "properties": {"city": {"type": "string"}}},
    }
    contract = sdk.ActionContractInput()
    contract.input = sdk.PostInputContract()
    contract.input.input_schema = in_schema
    contract.output = sdk.PostOutputContract()
    contract.output.success_schema = out_schema
    body = sdk.PostActionInput()
    body.name = name
    body.integration_id = integration_id
    body.category = extra.get("category", "Stub API")
    body.secure = extra.get("secure", False)
    body.config = config
    body.contract = contract
    return body


def expected_output(user_id: str) -> dict[str, Any]:
    """What the action must return, computed from the stub's own data."""
    user = USERS[user_id]
    return {
        "name": user["name"],
        "firstTag": user["tags"][0],
        "place": {"city": user["address"]["city"]},
    }


def publish_input(sdk: ModuleType, version: int) -> Any:
    body = sdk.PublishDraftInput()
    body.version = version
    return body


def error_of(exc: Any) -> dict[str, Any]:
    return json.loads(exc.body)
