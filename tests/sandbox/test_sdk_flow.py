"""The official SDK drives the sandbox through the whole life of an action."""

from __future__ import annotations

import uuid
from types import ModuleType

import pytest

from tests.sandbox.sandbox_helpers import (
    USERS,
    action_input,
    error_of,
    expected_output,
    login,
    publish_input,
    web_services_integration,
)
from tui.sandbox import SandboxServer


def unique(name: str) -> str:
    return f"{name} {uuid.uuid4().hex[:8]}"


def test_default_integrations_exist_for_a_new_org(sdk: ModuleType, sandbox: SandboxServer) -> None:
    api = login(sdk, sandbox.url)
    listing = api.get_integrations()
    types = {i.integration_type.id: i.name for i in listing.entities}
    assert types == {
        "custom-rest-actions": "Web Services Data Actions",
        "purecloud-data-actions": "Genesys Cloud Data Actions",
    }
    assert listing.total == 2 and listing.page_number == 1 and listing.page_count == 1


@pytest.mark.usefixtures("pipeline")
def test_draft_validate_publish_get_list_patch_test_execute_delete(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    integration_id = web_services_integration(api)
    name = unique("Get user")

    draft = api.post_integrations_actions_drafts(action_input(sdk, integration_id, name, stub_api))
    assert draft.id.startswith("custom_-_") and draft.version == 1
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_action(draft.id)
    assert exc.value.status == 404  # a draft is not published yet

    assert api.get_integrations_action_draft_validation(draft.id).valid is True

    patch = sdk.UpdateDraftInput()
    patch.version = 1
    patch.category = "Users"
    patched = api.patch_integrations_action_draft(draft.id, patch)
    assert patched.version == 2 and patched.category == "Users"

    tested = api.post_integrations_action_draft_test(draft.id, {"userId": "42"})
    assert tested.success is True and tested.final_result == expected_output("42")
    assert [op.step for op in tested.operations] == list(range(1, len(tested.operations) + 1))

    published = api.post_integrations_action_draft_publish(draft.id, publish_input(sdk, 2))
    assert published.version == 1
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_action_draft(draft.id)
    assert exc.value.status == 404  # publishing consumes the draft

    got = api.get_integrations_action(draft.id, expand="contract", include_config=True)
    assert got.name == name and got.category == "Users" and got.integration_id == integration_id
    assert got.contract.input.input_schema.properties == {"userId": {"type": "string"}}
    assert got.config.request.request_url_template.endswith("/users/${input.userId}")
    template_uri = got.config.response.success_template_uri
    assert template_uri == f"/api/v2/integrations/actions/{draft.id}/templates/successtemplate.vm"
    bare = api.get_integrations_action(draft.id)
    assert bare.config is None and bare.contract is None

    template = api.get_integrations_action_template(draft.id, "successtemplate.vm")
    assert template == got.config.response.success_template
    schema = api.get_integrations_action_schema(draft.id, "successschema.json")
    assert set(schema.properties) == {"name", "firstTag", "place"}

    listing = api.get_integrations_actions(name=name.split()[-1].upper())
    assert [a.id for a in listing.entities] == [draft.id]
    assert "Users" in {c.name for c in api.get_integrations_actions_categories().entities}

    tested = api.post_integrations_action_test(draft.id, {"userId": "7"})
    assert tested.success is True and tested.final_result == expected_output("7")
    executed = api.post_integrations_action_execute(draft.id, {"userId": "42"})
    assert executed == expected_output("42")

    update = sdk.UpdateActionInput()
    update.version = 1
    update.name = name + " v2"
    updated = api.patch_integrations_action(draft.id, update)
    assert updated.version == 2 and updated.name == name + " v2"

    api.delete_integrations_action(draft.id)
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_action(draft.id)
    assert exc.value.status == 404
    assert error_of(exc.value)["code"] == "not.found"


def test_draft_from_published_action_then_republish(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    created = api.post_integrations_actions(
        action_input(sdk, web_services_integration(api), unique("Direct"), stub_api)
    )
    assert created.version == 1
    draft = api.post_integrations_action_draft(created.id)
    assert draft.version == 1
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.post_integrations_action_draft(created.id)
    assert exc.value.status == 409
    again = api.post_integrations_action_draft_publish(created.id, publish_input(sdk, 1))
    assert again.version == 2


@pytest.mark.usefixtures("pipeline")
def test_failed_remote_call_is_reported_by_test_and_execute(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    created = api.post_integrations_actions(
        action_input(sdk, web_services_integration(api), unique("Missing user"), stub_api)
    )
    assert "nobody" not in USERS
    tested = api.post_integrations_action_test(created.id, {"userId": "nobody"})
    assert tested.success is False and tested.error.status == 404
    assert tested.operations[-1].success is False
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.post_integrations_action_execute(created.id, {"userId": "nobody"})
    assert exc.value.status == 404
    assert error_of(exc.value)["message"] == tested.error.message


@pytest.mark.usefixtures("pipeline")
def test_flatten_applies_to_schemas_and_results(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    created = api.post_integrations_actions(
        action_input(sdk, web_services_integration(api), unique("Flat"), stub_api)
    )
    got = api.get_integrations_action(created.id, expand="contract", flatten=True)
    assert got.contract.output.success_schema is None
    assert "place.city" in got.contract.output.success_schema_flattened.schema.properties
    tested = api.post_integrations_action_test(created.id, {"userId": "42"}, flatten=True)
    assert tested.final_result["place.city"] == USERS["42"]["address"]["city"]


def test_listing_expands_contract_and_config_on_request(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    name = unique("Listed")
    created = api.post_integrations_actions(
        action_input(sdk, web_services_integration(api), name, stub_api)
    )
    bare = api.get_integrations_actions(name=name)
    assert [(a.id, a.contract, a.config) for a in bare.entities] == [(created.id, None, None)]

    # The SDK's list method has no `expand`: ask through its own generic call, as deploy does.
    listed = api.api_client.call_api(
        "/api/v2/integrations/actions",
        "GET",
        {},
        {"name": name, "expand": "contract", "includeConfig": "true"},
        {"Accept": "application/json"},
        response_type="ActionEntityListing",
        auth_settings=["PureCloud OAuth"],
    )
    full = api.get_integrations_action(created.id, expand="contract", include_config=True)
    [entity] = listed.entities
    assert entity.contract.to_dict() == full.contract.to_dict()
    assert entity.config.to_dict() == full.config.to_dict()


@pytest.mark.usefixtures("pipeline")
def test_execute_follows_each_new_version(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url)
    body = action_input(sdk, web_services_integration(api), unique("Versioned"), stub_api)
    created = api.post_integrations_actions(body)
    assert api.post_integrations_action_execute(created.id, {"userId": "42"}) == expected_output(
        "42"
    )

    update = sdk.UpdateActionInput()
    update.version = created.version
    update.config = body.config
    update.config.response.success_template = (
        '{"name": ${firstTag}, "firstTag": ${name}, "place": {"city": ${city}}}'
    )
    assert api.patch_integrations_action(created.id, update).version == created.version + 1
    swapped = expected_output("42")
    swapped["name"], swapped["firstTag"] = swapped["firstTag"], swapped["name"]
    assert api.post_integrations_action_execute(created.id, {"userId": "42"}) == swapped
