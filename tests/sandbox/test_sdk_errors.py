"""Error paths as the official SDK sees them: status codes and Genesys error bodies."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from types import ModuleType

import pytest
import urllib3

from tests.sandbox.sandbox_helpers import (
    ERROR_BODY_KEYS,
    action_input,
    error_of,
    login,
    publish_input,
    web_services_integration,
)
from tui.sandbox import SandboxServer


def assert_error(sdk: ModuleType, exc: pytest.ExceptionInfo, status: int, code: str) -> dict:
    assert isinstance(exc.value, sdk.rest.ApiException)
    assert exc.value.status == status
    body = error_of(exc.value)
    assert set(body) >= ERROR_BODY_KEYS
    assert body["status"] == status and body["code"] == code
    return body


def test_no_token_is_401(sdk: ModuleType, sandbox: SandboxServer) -> None:
    api = sdk.IntegrationsApi(sdk.ApiClient(host=sandbox.url))
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_actions()
    assert_error(sdk, exc, 401, "authentication.required")


def test_unknown_token_is_401(sdk: ModuleType, sandbox: SandboxServer) -> None:
    client = sdk.ApiClient(host=sandbox.url)
    client.access_token = "not-a-token"
    with pytest.raises(sdk.rest.ApiException) as exc:
        sdk.IntegrationsApi(client).get_integrations_actions()
    assert_error(sdk, exc, 401, "bad.credentials")


def test_wrong_secret_cannot_log_in(sdk: ModuleType, sandbox: SandboxServer) -> None:
    with pytest.raises(sdk.rest.ApiException) as exc:
        sdk.ApiClient(host=sandbox.url).get_client_credentials_token("client-a", "wrong")
    assert exc.value.status == 401
    assert error_of(exc.value)["error"] == "invalid_client"


def test_expired_token_is_401(sdk: ModuleType, fresh_db: Path) -> None:
    with SandboxServer(fresh_db, clients=[("short", "lived")], token_ttl=0.3) as sb:
        api = login(sdk, sb.url, "short", "lived")
        assert api.get_integrations().total == 2
        time.sleep(0.4)
        with pytest.raises(sdk.rest.ApiException) as exc:
            api.get_integrations()
        body = assert_error(sdk, exc, 401, "bad.credentials")
        assert "expired" in body["message"]


def test_missing_permission_is_403_naming_it(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    viewer = login(sdk, sandbox.url, "viewer-a", "secret-v")
    assert viewer.get_integrations_actions().total >= 0  # view is granted
    owner = login(sdk, sandbox.url)
    body_in = action_input(sdk, web_services_integration(owner), f"Denied {uuid.uuid4()}", stub_api)
    with pytest.raises(sdk.rest.ApiException) as exc:
        viewer.post_integrations_actions(body_in)
    body = assert_error(sdk, exc, 403, "missing.any.permissions")
    assert "integrations:action:add" in body["message"]
    with pytest.raises(sdk.rest.ApiException) as exc:
        viewer.get_integrations()
    assert (
        "integrations:integration:view"
        in assert_error(sdk, exc, 403, "missing.any.permissions")["message"]
    )


def test_unknown_action_and_missing_draft_are_404(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_action(f"custom_-_{uuid.uuid4()}")
    assert_error(sdk, exc, 404, "not.found")
    created = api.post_integrations_actions(
        action_input(sdk, web_services_integration(api), f"No draft {uuid.uuid4()}", stub_api)
    )
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_action_draft(created.id)
    assert_error(sdk, exc, 404, "not.found")
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_action_template(created.id, "nosuchtemplate.vm")
    assert_error(sdk, exc, 404, "not.found")


def test_wrong_version_is_400_with_genesys_message(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    draft = api.post_integrations_actions_drafts(
        action_input(sdk, web_services_integration(api), f"Versioned {uuid.uuid4()}", stub_api)
    )
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.post_integrations_action_draft_publish(draft.id, publish_input(sdk, 2))
    body = assert_error(sdk, exc, 400, "bad.request")
    assert body["message"] == "Supplied version 2 does not match latest draft version 1"

    patch = sdk.UpdateDraftInput()
    patch.version = 7
    patch.name = "whatever"
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.patch_integrations_action_draft(draft.id, patch)
    assert "Supplied version 7" in assert_error(sdk, exc, 400, "bad.request")["message"]

    published = api.post_integrations_action_draft_publish(draft.id, publish_input(sdk, 1))
    update = sdk.UpdateActionInput()
    update.version = published.version + 1
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.patch_integrations_action(draft.id, update)
    assert_error(sdk, exc, 400, "bad.request")


def test_duplicate_name_is_409(sdk: ModuleType, sandbox: SandboxServer, stub_api: str) -> None:
    api = login(sdk, sandbox.url)
    integration_id = web_services_integration(api)
    name = f"Unique {uuid.uuid4()}"
    api.post_integrations_actions(action_input(sdk, integration_id, name, stub_api))
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.post_integrations_actions_drafts(
            action_input(sdk, integration_id, name.upper(), stub_api)
        )
    assert_error(sdk, exc, 409, "conflict")


def test_invalid_draft_reports_validation_errors_and_cannot_publish(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    body = action_input(sdk, web_services_integration(api), f"Bad {uuid.uuid4()}", stub_api)
    body.contract.input.input_schema.properties = {
        "rawRequest": {"type": "string"},
        "nested": {"type": "object"},
    }
    draft = api.post_integrations_actions_drafts(body)
    result = api.get_integrations_action_draft_validation(draft.id)
    assert result.valid is False
    fields = {d.field_name for e in result.errors for d in e.details}
    assert fields == {
        "contract.input.inputSchema.properties.rawRequest",
        "contract.input.inputSchema.properties.nested",
    }
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.post_integrations_action_draft_publish(draft.id, publish_input(sdk, 1))
    assert_error(sdk, exc, 400, "bad.request")


def test_rate_limit_is_429_with_retry_after(sdk: ModuleType, fresh_db: Path) -> None:
    with SandboxServer(fresh_db, clients=[("busy", "client")], rate_limit=3, rate_window=1.0) as sb:
        api = login(sdk, sb.url, "busy", "client")
        # The stock SDK (urllib3's default Retry) silently honours Retry-After on a 429; turn
        # that off to see the 429 itself, as a caller without retries would.
        api.api_client.get_http_client().rest_client.pool_manager = urllib3.PoolManager(
            retries=False
        )
        for _ in range(3):
            api.get_integrations_actions()
        with pytest.raises(sdk.rest.ApiException) as exc:
            api.get_integrations_actions()
        body = assert_error(sdk, exc, 429, "too.many.requests")
        assert exc.value.headers["Retry-After"] == "1"
        assert body["messageParams"]["limit"] == "3"


def test_stock_sdk_waits_out_a_429(sdk: ModuleType, fresh_db: Path) -> None:
    with SandboxServer(fresh_db, clients=[("busy", "client")], rate_limit=2, rate_window=1.0) as sb:
        api = login(sdk, sb.url, "busy", "client")
        start = time.monotonic()
        for _ in range(3):
            assert api.get_integrations_actions().total == 0
        assert time.monotonic() - start >= 0.5  # the third call waited for Retry-After
