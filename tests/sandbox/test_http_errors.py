"""Raw HTTP against the sandbox: malformed, mistyped and huge bodies, routes, samples."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tui.sandbox import SandboxServer
from tui.sandbox.bodies import MAX_BODY_BYTES


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    """An httpx client holding a valid bearer token, and the default integration id."""
    root = tmp_path_factory.mktemp("raw")
    samples = root / "samples"
    samples.mkdir()
    (samples / "users.json").write_text(json.dumps({"users": [{"id": 1}]}))
    with (
        SandboxServer(root / "sandbox.db", clients=[("raw", "secret")], samples_dir=samples) as sb,
        httpx.Client(base_url=sb.url) as http,
    ):
        token = http.post(
            "/oauth/token", auth=("raw", "secret"), data={"grant_type": "client_credentials"}
        ).json()
        assert token["token_type"] == "bearer" and token["expires_in"] == 86400
        http.headers["Authorization"] = f"Bearer {token['access_token']}"
        listing = http.get(
            "/api/v2/integrations", params={"integrationType": "custom-rest-actions"}
        )
        yield http, listing.json()["entities"][0]["id"]


def genesys_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status and body["contextId"] and "Traceback" not in response.text
    return body


def test_malformed_json_names_line_and_column(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    r = http.post("/api/v2/integrations/actions/drafts", content=b'{\n  "name": "x",\n  oops\n}')
    body = genesys_error(r, 400)
    assert body["messageParams"] == {"line": "3", "column": "3"}


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "text/json; charset=utf-8"]
)
def test_a_json_body_sent_as_another_type_is_415(
    raw: tuple[httpx.Client, str], content_type: str
) -> None:
    http, integration = raw
    body = json.dumps({"name": "typed wrong", "integrationId": integration})
    r = http.post(
        "/api/v2/integrations/actions/drafts",
        content=body,
        headers={"Content-Type": content_type},
    )
    error = genesys_error(r, 415)
    assert error["code"] == "unsupported.media.type" and "application/json" in error["message"]
    ok = http.post(
        "/api/v2/integrations/actions/drafts",
        content=body,
        headers={"Content-Type": "application/json; charset=UTF-8"},
    )
    assert ok.status_code != 415


def test_unknown_field_is_400_naming_it(raw: tuple[httpx.Client, str]) -> None:
    http, integration_id = raw
    r = http.post(
        "/api/v2/integrations/actions/drafts",
        json={"name": "u", "integrationId": integration_id, "colour": "red"},
    )
    body = genesys_error(r, 400)
    assert body["details"] == [{"errorCode": "unknown.field", "fieldName": "colour"}]


def test_wrong_type_is_400_naming_the_nested_field(raw: tuple[httpx.Client, str]) -> None:
    http, integration_id = raw
    r = http.post(
        "/api/v2/integrations/actions/drafts",
        json={"name": "t", "integrationId": integration_id, "config": {"timeoutSeconds": "soon"}},
    )
    body = genesys_error(r, 400)
    assert body["details"][0]["fieldName"] == "config.timeoutSeconds"


def test_contract_cannot_be_patched_after_publish(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    r = http.patch(
        "/api/v2/integrations/actions/custom_-_x",
        json={
            "version": 1,
            "contract": {"input": {"inputSchema": {}}, "output": {"successSchema": {}}},
        },
    )
    assert genesys_error(r, 400)["details"][0]["fieldName"] == "contract"


def test_body_over_5_mb_is_413(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    huge = b'{"name": "' + b"x" * MAX_BODY_BYTES + b'"}'
    assert genesys_error(http.post("/api/v2/integrations/actions", content=huge), 413)["code"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while reading
        yield huge

    assert genesys_error(http.post("/api/v2/integrations/actions", content=chunks()), 413)


def test_non_object_and_empty_bodies_are_400(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    genesys_error(http.post("/api/v2/integrations/actions", content=b"[1, 2]"), 400)
    genesys_error(http.post("/api/v2/integrations/actions", content=b""), 400)
    genesys_error(http.post("/api/v2/integrations/actions/drafts", content=b"\xff\xfe"), 400)


def test_bad_query_parameters_are_400(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    genesys_error(http.get("/api/v2/integrations/actions", params={"pageSize": "many"}), 400)
    genesys_error(http.get("/api/v2/integrations/actions", params={"secure": "maybe"}), 400)
    ids = ",".join(f"id{n}" for n in range(51))
    genesys_error(http.get("/api/v2/integrations/actions", params={"ids": ids}), 400)


def test_unknown_route_and_method_are_genesys_errors(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    assert genesys_error(http.get("/api/v2/nothing/here"), 404)["code"] == "not.found"
    assert (
        genesys_error(http.put("/api/v2/integrations/actions"), 405)["code"] == "method.not.allowed"
    )


def test_token_endpoint_refuses_other_grants_and_bad_auth(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    r = http.post("/oauth/token", auth=("raw", "secret"), data={"grant_type": "password"})
    assert r.status_code == 400 and r.json()["error"] == "unsupported_grant_type"
    r = http.post(
        "/oauth/token",
        headers={"Authorization": "Basic !!!"},
        data={"grant_type": "client_credentials"},
    )
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"


def test_samples_are_served_without_auth_and_stay_inside(raw: tuple[httpx.Client, str]) -> None:
    http, _ = raw
    anonymous = httpx.Client(base_url=str(http.base_url))
    r = anonymous.get("/samples/users.json")
    assert r.status_code == 200 and r.json() == {"users": [{"id": 1}]}
    assert anonymous.get("/samples/../sandbox.db").status_code == 404
    assert anonymous.get("/samples/%2e%2e/sandbox.db").status_code == 404
    anonymous.close()


def test_cli_prints_exports_once_and_stops_on_interrupt(tmp_path: Path) -> None:
    dataaction = Path(sys.executable).with_name("dataaction")
    cmd = [str(dataaction), "sandbox", "--port", "0", "--db", str(tmp_path / "s.db")]

    def first_run_lines() -> list[str]:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("Press Ctrl+C"):
                break
        url = next(ln.split("=", 1)[1] for ln in lines if "GENESYS_ENVIRONMENT" in ln)
        assert httpx.get(url + "/api/v2/integrations").status_code == 401
        proc.send_signal(signal.SIGINT)
        rest, errors = proc.communicate(timeout=15)  # reads the pipes to the end, closes them
        assert proc.returncode == 0, rest + errors
        assert "Traceback" not in errors, errors  # Ctrl+C stops it quietly
        return lines

    first = first_run_lines()
    secret = next(ln for ln in first if "GENESYS_CLIENT_SECRET" in ln).split("=", 1)[1]
    owner = next(ln for ln in first if "GENESYS_CLIENT_ID" in ln).split("=", 1)[1]
    assert json.loads((tmp_path / "s.db.client.json").read_text()) == {"client_id": owner}
    for f in tmp_path.iterdir():  # the secret is shown once and stored only as a hash
        assert secret.encode() not in f.read_bytes(), f
    second = first_run_lines()
    assert not any(secret in ln for ln in second)
    session = next(ln for ln in second if "GENESYS_CLIENT_ID" in ln).split("=", 1)[1]
    assert session != owner and session.startswith("session-")


def test_cli_rejects_malformed_client(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    assert main(["sandbox", "--client", "no-secret"]) == 2
    assert "expected ID:SECRET" in capsys.readouterr().err


def test_a_heavy_template_neither_stalls_the_sandbox_nor_runs_forever(
    raw: tuple[httpx.Client, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One client's ten-million-step #foreach: other requests are answered meanwhile, and the
    render stops at its time budget with a clear failure of the body step."""
    import threading
    import time

    import tui.runtime.pipeline as pipeline

    monkeypatch.setattr(pipeline, "RENDER_BUDGET_SECONDS", 1.0)
    http, integration = raw
    draft = http.post(
        "/api/v2/integrations/actions/drafts",
        json={
            "name": "heavy template",
            "category": "Hostile",
            "integrationId": integration,
            "config": {
                "request": {
                    "requestUrlTemplate": "http://127.0.0.1:9/never",
                    "requestType": "POST",
                    "headers": {},
                    "requestTemplate": "#foreach($i in [1..10000000])$i#end",
                },
                "response": {"translationMap": {}, "successTemplate": "${rawResult}"},
            },
            "contract": {
                "input": {"inputSchema": {"type": "object", "properties": {}}},
                "output": {"successSchema": {"type": "object", "properties": {}}},
            },
        },
    )
    assert draft.status_code == 200, draft.text
    answer: dict[str, httpx.Response] = {}

    def heavy() -> None:
        answer["test"] = http.post(
            f"/api/v2/integrations/actions/{draft.json()['id']}/draft/test", json={}, timeout=60
        )

    worker = threading.Thread(target=heavy)
    started = time.monotonic()
    worker.start()
    time.sleep(0.2)  # the render is under way
    meanwhile = time.monotonic()
    assert http.get("/api/v2/integrations").status_code == 200
    assert time.monotonic() - meanwhile < 0.8
    worker.join(30)
    assert time.monotonic() - started < 10
    result = answer["test"].json()
    assert result["success"] is False
    assert "render time limit" in json.dumps(result)


def test_an_action_pointed_at_the_sandbox_itself_gets_no_access(
    raw: tuple[httpx.Client, str],
) -> None:
    """SSRF into the sandbox's own API: the action's request carries none of the caller's
    authority, so reading the org's credentials through it is a 401, not a leak."""
    http, integration = raw
    own_api = str(http.base_url).rstrip("/") + "/api/v2/integrations/credentials"
    draft = http.post(
        "/api/v2/integrations/actions/drafts",
        json={
            "name": "ssrf probe",
            "category": "Hostile",
            "integrationId": integration,
            "config": {
                "request": {"requestUrlTemplate": own_api, "requestType": "GET", "headers": {}},
                "response": {"translationMap": {}, "successTemplate": "${rawResult}"},
            },
            "contract": {
                "input": {"inputSchema": {"type": "object", "properties": {}}},
                "output": {"successSchema": {"type": "object", "properties": {}}},
            },
        },
    )
    assert draft.status_code == 200, draft.text
    result = http.post(
        f"/api/v2/integrations/actions/{draft.json()['id']}/draft/test", json={}
    ).json()
    assert result["success"] is False
    text = json.dumps(result)
    assert result["error"]["status"] == 401 or "401" in result["error"]["message"], text
    assert http.headers["Authorization"].split()[1] not in text  # the caller's token stays home
