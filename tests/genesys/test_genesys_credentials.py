"""`deploy --credential`: use an org credential, or create one from environment variables."""

from __future__ import annotations

import pytest

from tests.genesys.genesys_helpers import run, write_spec
from tui.genesys.credentials import CredentialRequest, field_values
from tui.genesys.errors import EXIT_OK, EXIT_USAGE, GenesysError
from tui.genesys.session import Session
from tui.genesys.target import Target

SECRET = "s3cr3t-value-that-must-never-show"


def attached(session: Session) -> dict[str, str]:
    """Credential id used by each Web Services integration of the org."""
    out = {}
    for integration in session.integrations("custom-rest-actions"):
        creds = session.integration_config(integration["id"]).get("credentials") or {}
        out[integration["id"]] = next((c["id"] for c in creds.values()), "")
    return out


def test_existing_credential_is_attached_once(org_env: Target, tmp_path, capsys) -> None:
    session = Session(org_env)
    cred = session.create_credential("Weather key", "userDefined", {"apiKey": SECRET})
    spec = write_spec(tmp_path / "a.yaml", "With credential")
    code, _, err = run(["deploy", "--credential", "weather KEY", str(spec)], capsys)
    assert code == EXIT_OK, err
    assert set(attached(session).values()) == {cred["id"]}
    assert "now used by integration" in err
    code, _, err = run(["deploy", "--credential", cred["id"], str(spec)], capsys)
    assert code == EXIT_OK and "already used by integration" in err


def test_basic_auth_credential_is_created_from_env_and_never_printed(
    org_env: Target, tmp_path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATAACTION_CREDENTIAL_USERNAME", "svc-user")
    monkeypatch.setenv("DATAACTION_CREDENTIAL_PASSWORD", SECRET)
    spec = write_spec(tmp_path / "a.yaml", "Basic")
    argv = ["deploy", "--json", "--credential", "Basic login", "--create-credential", "basicAuth"]
    code, out, err = run([*argv, str(spec)], capsys)
    assert code == EXIT_OK, err
    assert SECRET not in out + err and "svc-user" not in out + err
    session = Session(org_env)
    [cred] = session.credentials()
    assert cred["name"] == "Basic login" and cred["type"]["name"] == "basicAuth"
    full = session.call("get credential", session.api.get_integrations_credential, cred["id"])
    assert sorted(full["credentialFields"]) == ["password", "userName"]
    assert SECRET not in str(full)
    assert set(attached(session).values()) == {cred["id"]}
    code, _, err = run([*argv, str(spec)], capsys)  # a second run reuses it
    assert code == EXIT_OK and len(session.credentials()) == 1 and "created" not in err


def test_missing_env_value_names_the_field_and_creates_nothing(
    org_env: Target, tmp_path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WEATHER_KEY", raising=False)
    spec = write_spec(tmp_path / "a.yaml", "No key")
    code, out, err = run(
        [
            "deploy",
            "--credential",
            "Weather",
            "--create-credential",
            "userDefined",
            "--credential-field",
            "apiKey=WEATHER_KEY",
            str(spec),
        ],
        capsys,
    )
    assert code == EXIT_USAGE
    assert "credential field 'apiKey'" in err and "$WEATHER_KEY is not set" in err
    assert "Traceback" not in err and "created" not in out
    assert Session(org_env).credentials() == []


def test_import_takes_the_credential_too(org_env: Target, tmp_path, capsys) -> None:
    session = Session(org_env)
    cred = session.create_credential("Import key", "userDefined", {"apiKey": SECRET})
    spec = write_spec(tmp_path / "a.yaml", "Imported with key")
    assert run(["deploy", str(spec)], capsys)[0] == EXIT_OK
    code, out, err = run(
        [
            "export",
            "--name",
            "Imported with key",
            "--format",
            "custom-json",
            "--out",
            str(tmp_path),
        ],
        capsys,
    )
    assert code == EXIT_OK, err
    code, _, err = run(
        ["import", out.strip(), "--name", "Imported copy", "--credential", "Import key"], capsys
    )
    assert code == EXIT_OK, err
    assert set(attached(session).values()) == {cred["id"]}


def test_unknown_credential_without_create_is_a_usage_error(org_env, tmp_path, capsys) -> None:
    spec = write_spec(tmp_path / "a.yaml", "Unknown cred")
    code, _, err = run(["deploy", "--credential", "Nope", str(spec)], capsys)
    assert code == EXIT_USAGE and "no integration credential named 'Nope'" in err


def test_field_values_prompt_fills_what_env_lacks() -> None:
    asked: list[str] = []

    def prompt(question: str) -> str:
        asked.append(question)
        return "typed"

    request = CredentialRequest("X", "basicAuth")
    values = field_values(request, env={"DATAACTION_CREDENTIAL_USERNAME": "u"}, prompt=prompt)
    assert values == {"userName": "u", "password": "typed"}
    assert len(asked) == 1 and "password" in asked[0]
    with pytest.raises(GenesysError, match="userDefined credential needs at least one field"):
        field_values(CredentialRequest("X", "userDefined"), env={})
