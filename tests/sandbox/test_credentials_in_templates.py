"""`${credentials.x}` in request templates reads the integration's credential, as in Genesys."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx

from tui.sandbox import ClientSpec, SandboxServer


def test_execute_uses_the_integrations_credential(tmp_path: Path, local_api) -> None:
    local_api.json("/secure/orders", {"count": 3})
    with (
        SandboxServer(tmp_path / "s.db", clients=[ClientSpec("c", "s3cret")]) as sandbox,
        httpx.Client() as api,
    ):
        token = httpx.post(
            sandbox.url + "/oauth/token",
            auth=("c", "s3cret"),
            data={"grant_type": "client_credentials"},
        ).json()["access_token"]
        api.base_url = httpx.URL(sandbox.url + "/api/v2")
        api.headers["Authorization"] = f"Bearer {token}"
        cred = api.post(
            "/integrations/credentials",
            json={
                "name": "orders-api",
                "type": {"name": "basicAuth"},
                "credentialFields": {"userName": "svc", "password": "p@ss"},
            },
        ).json()
        integrations = api.get(
            "/integrations", params={"integrationType": "custom-rest-actions"}
        ).json()["entities"]
        integration_id = integrations[0]["id"]
        got = api.get(f"/integrations/{integration_id}/config/current")
        assert got.status_code == 200, (got.status_code, got.text, integrations)
        current = got.json()
        put = api.put(
            f"/integrations/{integration_id}/config/current",
            json={
                "name": current["name"],
                "version": current["version"],
                "credentials": {"basicAuth": {"id": cred["id"]}},
            },
        )
        assert put.status_code == 200, put.text
        action = api.post(
            "/integrations/actions",
            json={
                "name": "Orders",
                "category": "Shop",
                "integrationId": integration_id,
                "config": {
                    "request": {
                        "requestUrlTemplate": local_api.url + "/secure/orders",
                        "requestType": "GET",
                        "headers": {
                            "Authorization": 'Basic $encoding.base64("${credentials.userName}:${credentials.password}")'
                        },
                    },
                    "response": {
                        "translationMap": {"count": "$.count"},
                        "successTemplate": '{"count": ${count}}',
                    },
                },
                "contract": {
                    "input": {"inputSchema": {"type": "object", "properties": {}}},
                    "output": {
                        "successSchema": {
                            "type": "object",
                            "properties": {"count": {"type": "integer"}},
                        }
                    },
                },
            },
        )
        assert action.status_code == 200, action.text
        result = api.post(f"/integrations/actions/{action.json()['id']}/execute", json={})
        assert result.status_code == 200 and result.json() == {"count": 3}
        sent = local_api.seen[-1].headers["Authorization"]
        assert sent == "Basic " + base64.b64encode(b"svc:p@ss").decode()
        traced = api.post(f"/integrations/actions/{action.json()['id']}/test", json={}).json()
        headers_step = next(
            op for op in traced["operations"] if op["name"] == "Resolve request headers"
        )
        assert headers_step["result"]["Authorization"] == "********"
        assert "p@ss" not in str(traced)
