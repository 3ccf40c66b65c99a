"""Restarts keep everything; orgs never see each other; credential secrets never leave."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from types import ModuleType

import pytest

from tests.sandbox.sandbox_helpers import (
    action_input,
    error_of,
    login,
    publish_input,
    web_services_integration,
)
from tui.sandbox import SandboxServer


def basic_credential(sdk: ModuleType, name: str, password: str) -> object:
    cred = sdk.Credential()
    cred.name = name
    cred.type = sdk.CredentialType()
    cred.type.name = "basicAuth"
    cred.credential_fields = {"userName": "svc", "password": password}
    return cred


def test_restart_keeps_actions_drafts_versions_credentials_and_tokens(
    sdk: ModuleType, fresh_db: Path, stub_api: str
) -> None:
    clients = [("persist", "secret")]
    with SandboxServer(fresh_db, clients=clients) as sb:
        api = login(sdk, sb.url, "persist", "secret")
        integration_id = web_services_integration(api)
        published = api.post_integrations_actions(
            action_input(sdk, integration_id, "Kept", stub_api)
        )
        api.post_integrations_action_draft(published.id)
        patch = sdk.UpdateDraftInput()
        patch.version = 1
        patch.category = "Edited"
        api.patch_integrations_action_draft(published.id, patch)
        cred = api.post_integrations_credentials(body=basic_credential(sdk, "kept cred", "pw"))
        config = sdk.IntegrationConfiguration()
        config.name = "Configured"
        config.version = 1
        config.credentials = {"basicAuth": {"id": cred.id}}
        api.put_integration_config_current(integration_id, body=config)
        token = api.api_client.access_token

    with SandboxServer(fresh_db, clients=clients) as sb:
        client = sdk.ApiClient(host=sb.url)
        client.access_token = token  # tokens persist until they expire
        api = sdk.IntegrationsApi(client)
        assert api.get_integrations_action(published.id).version == 1
        draft = api.get_integrations_action_draft(published.id)
        assert (draft.version, draft.category) == (2, "Edited")
        assert api.get_integrations_credential(cred.id).name == "kept cred"
        current = api.get_integration_config_current(integration_id)
        assert current.name == "Configured" and current.version == 2
        assert current.credentials["basicAuth"].id == cred.id
        assert [i.id for i in api.get_integrations(credential_id=cred.id).entities] == [
            integration_id
        ]
        republished = api.post_integrations_action_draft_publish(
            published.id, publish_input(sdk, 2)
        )
        assert republished.version == 2 and republished.category == "Edited"


def test_two_orgs_cannot_see_each_other(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    a = login(sdk, sandbox.url, "client-a", "secret-a")
    b = login(sdk, sandbox.url, "client-b", "secret-b")
    a_integration = web_services_integration(a)
    assert a_integration != web_services_integration(b)
    name = f"Private {uuid.uuid4()}"
    action = a.post_integrations_actions(action_input(sdk, a_integration, name, stub_api))
    cred = a.post_integrations_credentials(body=basic_credential(sdk, "a only", "pw"))

    assert b.get_integrations_actions(name=name).total == 0
    for call in (
        lambda: b.get_integrations_action(action.id),
        lambda: b.delete_integrations_action(action.id),
        lambda: b.get_integration(a_integration),
        lambda: b.get_integrations_credential(cred.id),
    ):
        with pytest.raises(sdk.rest.ApiException) as exc:
            call()
        assert exc.value.status == 404
    with pytest.raises(sdk.rest.ApiException) as exc:
        b.post_integrations_actions(action_input(sdk, a_integration, "Borrowed", stub_api))
    assert exc.value.status == 400
    assert error_of(exc.value)["details"][0]["fieldName"] == "integrationId"
    # Names are unique per org only: org B may reuse A's name.
    assert b.post_integrations_actions(
        action_input(sdk, web_services_integration(b), name, stub_api)
    ).id


def test_credential_secrets_are_stored_but_never_returned(
    sdk: ModuleType, sandbox: SandboxServer
) -> None:
    api = login(sdk, sandbox.url)
    password = f"pw-{uuid.uuid4()}"
    info = api.post_integrations_credentials(body=basic_credential(sdk, "redacted", password))
    assert info.type.name == "basicAuth" and info.created_date is not None
    got = api.get_integrations_credential(info.id)
    assert got.credential_fields == {"userName": None, "password": None}
    listed = api.get_integrations_credentials_listing(page_size=200)
    assert info.id in {c.id for c in listed.entities}
    assert "basicAuth" in {t.name for t in api.get_integrations_credentials_types()}
    db = sqlite3.connect(sandbox.db_path)
    stored = db.execute("SELECT fields FROM credentials WHERE id = ?", (info.id,)).fetchone()[0]
    assert password not in stored and "sealed:v1:" in stored  # sealed at rest (sealing.py)
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.put_integrations_credential(info.id, body=basic_credential(sdk, "", "x"))
    assert exc.value.status == 400
    api.delete_integrations_credential(info.id)
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_credential(info.id)
    assert exc.value.status == 404


def test_integrations_create_patch_delete(
    sdk: ModuleType, sandbox: SandboxServer, stub_api: str
) -> None:
    api = login(sdk, sandbox.url, "client-b", "secret-b")
    request = sdk.CreateIntegrationRequest()
    request.name = "Second web services"
    request.integration_type = sdk.IntegrationType()
    request.integration_type.id = "custom-rest-actions"
    created = api.post_integrations(body=request)
    assert created.reported_state.code == "ACTIVE"
    state = sdk.Integration()
    state.intended_state = "DISABLED"
    patched = api.patch_integration(created.id, body=state)
    assert patched.intended_state == "DISABLED" and patched.reported_state.code == "INACTIVE"
    action = api.post_integrations_actions(
        action_input(sdk, created.id, f"On second {uuid.uuid4()}", stub_api)
    )
    assert api.delete_integration(created.id).id == created.id
    with pytest.raises(sdk.rest.ApiException) as exc:
        api.get_integrations_action(action.id)
    assert exc.value.status == 404
    types = api.get_integrations_types()
    assert {t.id for t in types.entities} >= {"custom-rest-actions", "purecloud-data-actions"}


def test_paging_sorting_and_filters(sdk: ModuleType, fresh_db: Path, stub_api: str) -> None:
    with SandboxServer(fresh_db, clients=[("pager", "secret")]) as sb:
        api = login(sdk, sb.url, "pager", "secret")
        integration_id = web_services_integration(api)
        ids = []
        for n in range(5):
            body = action_input(sdk, integration_id, f"Item {n}", stub_api, secure=n % 2 == 0)
            ids.append(api.post_integrations_actions(body).id)
        page = api.get_integrations_actions(
            page_size=2, page_number=2, sort_by="name", sort_order="DESC"
        )
        assert [a.name for a in page.entities] == ["Item 2", "Item 1"]
        assert (page.total, page.page_count, page.page_size, page.page_number) == (5, 3, 2, 2)
        assert "pageNumber=3" in page.next_uri and "pageNumber=1" in page.previous_uri
        assert api.get_integrations_actions(secure="true").total == 3
        picked = api.get_integrations_actions(ids=[ids[0], ids[4]])
        assert {a.id for a in picked.entities} == {ids[0], ids[4]}
        with pytest.raises(sdk.rest.ApiException) as exc:
            api.get_integrations_actions(sort_by="nonsense")
        assert exc.value.status == 400
        with_config = api.get_integrations_actions(include_config=True, page_size=1)
        assert with_config.entities[0].config.request.request_type == "GET"
        assert api.get_integrations_actions(page_size=1).entities[0].config is None


def test_default_org_survives_restarts_without_a_stored_secret(tmp_path) -> None:
    import httpx

    from tui.sandbox import SandboxServer

    def token(url: str, cid: str, secret: str) -> int:
        return httpx.post(
            url + "/oauth/token", auth=(cid, secret), data={"grant_type": "client_credentials"}
        ).status_code

    db = tmp_path / "s.db"
    with SandboxServer(db) as first:
        owner, owner_secret = first.client_id, first.client_secret
        assert first.created_client and token(first.url, owner, owner_secret) == 200
    with SandboxServer(db) as second:
        assert not second.created_client and second.client_id != owner
        assert token(second.url, second.client_id, second.client_secret) == 200
        assert token(second.url, owner, owner_secret) == 200  # same org, hash kept
        session = (second.client_id, second.client_secret)
        org = second.app.state.store.client(second.client_id)["org_id"]
        assert org == second.app.state.store.client(owner)["org_id"]
    with SandboxServer(db) as third:
        assert token(third.url, *session) == 401  # session clients end with their server
    assert owner_secret.encode() not in b"".join(f.read_bytes() for f in tmp_path.iterdir())
