"""The SDK methods for features the sandbox does not emulate get Genesys-shaped answers, not 404s;
draft validation parses templates and JSONPaths as `dataaction validate` does."""

from __future__ import annotations

import uuid
from types import ModuleType
from typing import Any

import pytest

from tests.sandbox.sandbox_helpers import (
    ERROR_BODY_KEYS,
    action_input,
    error_of,
    login,
    publish_input,
    web_services_integration,
)
from tui.sandbox import SandboxServer


def _draft(sdk: ModuleType, api: Any, stub_api: str, **changes: Any) -> Any:
    body = action_input(sdk, web_services_integration(api), f"Draft {uuid.uuid4()}", stub_api)
    for key, value in changes.items():
        setattr(body.config.response, key, value)
    return api.post_integrations_actions_drafts(body)


def test_certificates_and_truststore(sdk: ModuleType, sandbox: SandboxServer) -> None:
    api = login(sdk, sandbox.url)
    listing = api.get_integrations_actions_certificates()
    assert isinstance(listing, sdk.ActionCertificateListing)
    assert listing.entities == [] and listing.total == 0
    trust = api.get_integrations_actions_certificates_truststore()
    assert isinstance(trust, sdk.TrustedCertificates) and trust.total == 0


def test_integration_type_config_schema(sdk: ModuleType, sandbox: SandboxServer) -> None:
    api = login(sdk, sandbox.url)
    schema = api.get_integrations_type_configschema("custom-rest-actions", "properties")
    assert isinstance(schema, sdk.JsonSchemaDocument) and schema.type == "object"
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_type_configschema("custom-rest-actions", "nonsense")
    assert exc.value.status == 404 and error_of(exc.value)["code"] == "not.found"


def test_function_runtimes(sdk: ModuleType, sandbox: SandboxServer) -> None:
    runtimes = login(sdk, sandbox.url).get_integrations_actions_functions_runtimes()
    assert runtimes and all(isinstance(r, sdk.FunctionRuntime) for r in runtimes)
    assert {r.name for r in runtimes} >= {"nodejs20.x"}


def test_function_endpoints_answer_a_genesys_error(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    draft = _draft(sdk, api, stub_api)
    published = api.post_integrations_action_draft_publish(
        draft.id, publish_input(sdk, draft.version)
    )
    function = sdk.Function()
    function.handler, function.runtime = "src/index.handler", "nodejs20.x"
    upload = sdk.FunctionUploadRequest()
    upload.file_name = "function.zip"
    api.post_integrations_action_draft(published.id)  # a draft to ask about
    calls = [
        lambda: api.get_integrations_action_draft_function(published.id),
        lambda: api.put_integrations_action_draft_function(published.id, function),
        lambda: api.post_integrations_action_draft_function_upload(published.id, upload),
        lambda: api.get_integrations_action_function(published.id),
    ]
    for call in calls:
        with pytest.raises(sdk.rest.ApiException) as exc:
            call()
        body = error_of(exc.value)
        assert exc.value.status == 400 and set(body) >= ERROR_BODY_KEYS
        assert "function data action" in body["message"]
    with pytest.raises(sdk.rest.ApiException) as missing:
        api.get_integrations_action_function("no-such-action")
    assert missing.value.status == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"translation_map": {"name": "$.[[["}}, "translationMap"),
        ({"success_template": '#if($name) {"name": ${name}}'}, "successTemplate"),
    ],
    ids=["jsonpath", "velocity"],
)
def test_draft_validation_parses_like_validate(
    sdk: ModuleType,
    sandbox: SandboxServer,
    stub_api: str,
    change: dict[str, Any],
    field: str,
) -> None:
    api = login(sdk, sandbox.url)
    draft = _draft(sdk, api, stub_api, **change)
    result = api.get_integrations_action_draft_validation(draft.id)
    assert result.valid is False
    assert any(field in (d.field_name or "") for e in result.errors for d in e.details or [])
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.post_integrations_action_draft_publish(draft.id, publish_input(sdk, draft.version))
    assert exc.value.status == 400


def test_a_root_array_output_contract_publishes(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    """Genesys's own modules ship one; validate accepts it, so must the sandbox."""
    api = login(sdk, sandbox.url)
    body = action_input(sdk, web_services_integration(api), f"Array {uuid.uuid4()}", stub_api)
    body.contract.output.success_schema = {"type": "array", "items": {"type": "string"}}
    body.config.response.translation_map = {"tags": "$.tags"}
    body.config.response.success_template = "${tags}"
    draft = api.post_integrations_actions_drafts(body)
    assert api.get_integrations_action_draft_validation(draft.id).valid is True
