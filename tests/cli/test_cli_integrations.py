"""`dataaction integration` against the sandbox a user starts: Basic, User Defined and User
Defined (OAuth) with its custom auth action, end to end through deploy and the org's test."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import uuid
from pathlib import Path

DATAACTION = str(Path(sys.executable).with_name("dataaction"))


def _unique(name: str) -> str:
    return f"{name} {uuid.uuid4().hex[:6]}"


def _created_id(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)["integration"]["id"]


def _action(tmp_path: Path, name: str, url: str, headers: str = "{}") -> Path:
    f = tmp_path / f"{uuid.uuid4().hex[:8]}.yaml"
    f.write_text(
        f"name: {name}\nrequest:\n  url: {url}\n  headers: {headers}\n"
        "outputs: [{name: who, path: $.who}]\n"
    )
    return f


def test_basic_auth_integration_sends_the_header(run, local_api, tmp_path: Path):
    local_api.json("/me", {"who": "basic user"})
    name = _unique("Billing")
    created = run(
        "integration",
        "create",
        name,
        "--credential-type",
        "basicAuth",
        "--json",
        DATAACTION_CREDENTIAL_USERNAME="ann",
        DATAACTION_CREDENTIAL_PASSWORD="pa55-SECRET",
    )
    iid = _created_id(created)
    assert "pa55-SECRET" not in created.stdout + created.stderr
    listing = run("integration", "list", "--json")
    [mine] = [i for i in json.loads(listing.stdout) if i["id"] == iid]
    assert mine["credential_type"] == "basicAuth"
    action = _unique("Who basic")
    deployed = run(
        "deploy", str(_action(tmp_path, action, local_api.url + "/me")), "--integration", iid
    )
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    tested = run("test", "--remote", action, "--json")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert json.loads(tested.stdout)["finalResult"]["who"] == "basic user"
    sent = local_api.seen[-1].headers["Authorization"]
    assert sent == "Basic " + base64.b64encode(b"ann:pa55-SECRET").decode()
    assert "pa55-SECRET" not in tested.stdout


def test_user_defined_fields_from_named_variables(run, local_api, tmp_path: Path):
    local_api.json("/me", {"who": "key user"})
    name = _unique("Weather")
    iid = _created_id(
        run(
            "integration",
            "create",
            name,
            "--credential-type",
            "userDefined",
            "--credential-field",
            "apiKey=WEATHER_KEY",
            "--json",
            WEATHER_KEY="k-123",
        )
    )
    action = _unique("Who key")
    f = _action(tmp_path, action, local_api.url + "/me", "{X-API-Key: '${credentials.apiKey}'}")
    assert run("deploy", str(f), "--integration", iid).returncode == 0
    assert run("test", "--remote", action).returncode == 0
    assert local_api.seen[-1].headers["X-API-Key"] == "k-123"


def test_oauth_integration_runs_its_custom_auth_action_first(run, local_api, tmp_path: Path):
    local_api.json("/token", {"access_token": "tok-FROM-LOGIN", "token_type": "bearer"})
    local_api.json("/me", {"who": "oauth user"})
    name = _unique("CRM")
    created = run(
        "integration",
        "create",
        name,
        "--credential-type",
        "userDefinedOAuth",
        "--json",
        DATAACTION_CREDENTIAL_CLIENT_ID="crm-client",
        DATAACTION_CREDENTIAL_CLIENT_SECRET="crm-SECRET",
        DATAACTION_CREDENTIAL_LOGIN_URL=local_api.url + "/token",
    )
    iid = _created_id(created)
    assert json.loads(created.stdout)["integration"]["auth_action_id"]
    auth = tmp_path / "auth.yaml"
    auth.write_text(
        "name: auth\nrequest:\n  method: POST\n  url: ${credentials.loginUrl}\n"
        "  headers: {Content-Type: application/x-www-form-urlencoded}\n"
        "  body: grant_type=client_credentials&client_id=$esc.url(${credentials.clientId})"
        "&client_secret=$esc.url(${credentials.clientSecret})\n"
        "success_template: ${rawResult}\n"
    )
    configured = run("integration", "auth-action", name, str(auth))
    assert configured.returncode == 0, configured.stdout + configured.stderr
    action = _unique("Who oauth")
    f = _action(
        tmp_path,
        action,
        local_api.url + "/me",
        "{Authorization: 'Bearer ${authResponse.access_token}'}",
    )
    assert run("deploy", str(f), "--integration", iid).returncode == 0
    tested = run("test", "--remote", action, "--json")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    token_call, api_call = local_api.seen[-2:]
    assert token_call.path == "/token" and b"client_secret=crm-SECRET" in token_call.body
    assert api_call.headers["Authorization"] == "Bearer tok-FROM-LOGIN"
    assert "crm-SECRET" not in tested.stdout + configured.stdout


def test_credential_problems_are_usage_errors(run):
    name = _unique("Broken")
    missing = run("integration", "create", name, "--credential-type", "basicAuth")
    assert missing.returncode == 2
    assert "DATAACTION_CREDENTIAL_USERNAME is not set" in missing.stderr
    assert name not in run("integration", "list").stdout  # nothing half-created
    no_auth = run("integration", "auth-action", "Web Services Data Actions", "x.yaml")
    assert no_auth.returncode in (1, 2) and "Traceback" not in no_auth.stderr


def test_new_actions_go_to_the_default_integration_and_the_plan_says_so(run, tmp_path: Path):
    """The org lists integrations by name, so 'Acme' (an OAuth integration, say) comes before
    'Web Services Data Actions'; that order must not send every new action to it."""
    db = ["--sandbox", "--sandbox-db", str(tmp_path / "own.db")]
    basic = {"DATAACTION_CREDENTIAL_USERNAME": "u", "DATAACTION_CREDENTIAL_PASSWORD": "p"}
    acme = _created_id(
        run(
            "integration",
            "create",
            "Acme",
            "--credential-type",
            "basicAuth",
            "--json",
            *db,
            **basic,
        )
    )
    listed = json.loads(run("integration", "list", "--json", *db).stdout)
    names = [i["name"] for i in listed]
    assert names[0] == "Acme" and "Web Services Data Actions" in names
    default = listed[names.index("Web Services Data Actions")]["id"]
    done = run("deploy", str(_action(tmp_path, "Lands home", "https://example.com/me")), *db)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "'Web Services Data Actions' (one of 2;" in done.stdout + done.stderr
    exported = run("export", "--name", "Lands home", "--format", "json", "--out", "out", *db)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    (written,) = (tmp_path / "out").glob("*.json")
    landed = json.loads(written.read_text())
    assert landed["integrationId"] == default != acme
