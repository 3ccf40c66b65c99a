"""The optional credential of an integration: find one by name or id, create one, attach it.

Genesys keeps credentials on the integration (`config/current.credentials`), and its actions
read them as `${credentials.<field>}`. Secret values come only from environment variables or a
hidden prompt; they are sent to the API once and never printed, logged or kept.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tui.genesys.errors import EXIT_USAGE, GenesysError
from tui.model.problems import Problem

# Types a Web Services Data Actions integration accepts that this tool can create, with the
# fields Genesys requires (field names as the admin UI and the SDK's CredentialType show them).
CREATABLE_TYPES: dict[str, tuple[str, ...]] = {
    "basicAuth": ("userName", "password"),
    "userDefined": (),
    # The help page's example fields for User Defined (OAuth); a custom auth action reads them.
    "userDefinedOAuth": ("clientId", "clientSecret", "loginUrl"),
}
# Where a field's value is read from when no --credential-field names a variable for it.
DEFAULT_ENV = {
    "userName": "DATAACTION_CREDENTIAL_USERNAME",
    "password": "DATAACTION_CREDENTIAL_PASSWORD",
    "clientId": "DATAACTION_CREDENTIAL_CLIENT_ID",
    "clientSecret": "DATAACTION_CREDENTIAL_CLIENT_SECRET",
    "loginUrl": "DATAACTION_CREDENTIAL_LOGIN_URL",
}
DEFAULT_SLOT = "basicAuth"
Prompt = Callable[[str], str]


@dataclass(frozen=True)
class CredentialRequest:
    """What `--credential`, `--create-credential` and `--credential-field` asked for."""

    wanted: str
    create_type: str | None = None
    field_vars: tuple[tuple[str, str], ...] = ()


def parse_field_vars(pairs: list[str] | None) -> tuple[tuple[str, str], ...]:
    """`FIELD=ENV_VAR` pairs (the variable's name, never the secret itself)."""
    out = []
    for pair in pairs or []:
        field, sep, var = pair.partition("=")
        if not sep or not field.strip() or not var.strip():
            raise _usage(
                f"--credential-field '{pair}' is not FIELD=ENV_VAR",
                "e.g. --credential-field apiKey=WEATHER_API_KEY (the value is read from "
                "$WEATHER_API_KEY; secrets are never given on the command line)",
            )
        out.append((field.strip(), var.strip()))
    return tuple(out)


def field_values(
    request: CredentialRequest,
    env: Mapping[str, str] | None = None,
    prompt: Prompt | None = None,
) -> dict[str, str]:
    """The credential's fields, read from environment variables (or a hidden prompt)."""
    env = os.environ if env is None else env
    type_name = request.create_type or ""
    if type_name not in CREATABLE_TYPES:
        raise _usage(
            f"--create-credential {type_name}: unknown credential type",
            f"use one of {', '.join(CREATABLE_TYPES)}",
        )
    sources = {f: DEFAULT_ENV.get(f, "") for f in CREATABLE_TYPES[type_name]}
    sources.update(dict(request.field_vars))
    if not sources:
        raise _usage(
            "a userDefined credential needs at least one field",
            "add --credential-field NAME=ENV_VAR for each value the action uses as "
            "${credentials.NAME}",
        )
    values, missing = {}, []
    for field, var in sources.items():
        value = env.get(var) if var else None
        if not value and prompt is not None:
            value = prompt(f"Value of credential field {field} (hidden): ")
        if value:
            values[field] = value
        else:
            missing.append((field, var))
    if missing:
        field, var = missing[0]
        raise _usage(
            f"no value for credential field '{field}'" + (f": ${var} is not set" if var else ""),
            f"export {var or 'A_VARIABLE'}=... "
            + ("" if var else f"and add --credential-field {field}=A_VARIABLE ")
            + "(or run in a terminal to be asked)",
        )
    return values


def terminal_prompt() -> Prompt | None:
    """A hidden prompt when a person is at the terminal, else None."""
    return getpass.getpass if sys.stdin.isatty() else None


def find_credential(session: Any, wanted: str) -> dict[str, Any] | None:
    """The org's credential whose id is `wanted`, or whose name is (ignoring case)."""
    key = wanted.strip().lower()
    for cred in session.credentials():
        if cred.get("id") == wanted or (cred.get("name") or "").strip().lower() == key:
            return cred
    return None


def ensure_credential(
    session: Any, request: CredentialRequest, prompt: Prompt | None = None
) -> tuple[dict[str, Any], bool]:
    """(the credential, created?): found by name or id, else created when asked to."""
    found = find_credential(session, request.wanted)
    if found is not None:
        return found, False
    if request.create_type is None:
        raise GenesysError(
            [
                Problem(
                    f"no integration credential named '{request.wanted}' in the org",
                    field="--credential",
                    hint="check the name (Admin > Integrations > Credentials), or add "
                    "--create-credential basicAuth|userDefined to create it from "
                    "environment variables",
                )
            ],
            EXIT_USAGE,
            operation="find credential",
        )
    fields = field_values(request, prompt=prompt)
    created = session.create_credential(request.wanted, request.create_type, fields)
    return created, True


def attach(session: Any, integration: dict[str, Any], credential_id: str) -> bool:
    """Make `credential_id` the integration's credential; False when it already was."""
    config = session.integration_config(integration["id"])
    current = config.get("credentials") or {}
    slots = list(((integration.get("integrationType") or {}).get("credentials") or {}).keys())
    slot = next(iter(current), None) or (slots[0] if slots else DEFAULT_SLOT)
    if (current.get(slot) or {}).get("id") == credential_id:
        return False
    body = {
        "name": config.get("name") or integration.get("name", ""),
        "version": config.get("version", 1),
        "properties": config.get("properties") or {},
        "advanced": config.get("advanced") or {},
        "notes": config.get("notes") or "",
        "credentials": {slot: {"id": credential_id}},
    }
    session.put_integration_config(integration["id"], body)
    return True


def _usage(message: str, hint: str) -> GenesysError:
    return GenesysError(
        [Problem(message, field="--credential", hint=hint)], EXIT_USAGE, operation="credential"
    )
