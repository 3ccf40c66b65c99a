"""Integrations that hold data actions, with their credential: list, create, custom auth action.

A Web Services Data Actions integration authenticates with one credential: Basic Auth (Genesys
adds the Authorization header), User Defined (fields read as `${credentials.x}`) or User
Defined (OAuth) (its custom auth action runs first; actions read its output as
`$authResponse`). Secret values come from environment variables or a hidden prompt, go to the
API once, and are never printed or kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.genesys.credentials import CredentialRequest, Prompt, attach, field_values
from tui.genesys.errors import EXIT_USAGE, GenesysError
from tui.model.action import WEB_SERVICES_TYPE, Action, post_body
from tui.model.problems import Problem

AUTH_CATEGORY_NOTE = "custom auth actions are listed with includeAuthActions=true"


@dataclass
class IntegrationInfo:
    id: str
    name: str
    type_id: str
    state: str
    credential_type: str | None = None
    credential_name: str | None = None
    auth_action_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


def _credential_of(session: Any, integration_id: str) -> tuple[str | None, str | None]:
    config = session.integration_config(integration_id) or {}
    for ref in (config.get("credentials") or {}).values():
        if isinstance(ref, dict):
            return ((ref.get("type") or {}).get("name"), ref.get("name"))
    return None, None


def auth_action(session: Any, integration_id: str) -> dict[str, Any] | None:
    """The integration's custom auth action (User Defined (OAuth) integrations have one)."""
    for doc in session.list_actions(includeAuthActions="true"):
        if doc.get("integrationId") == integration_id and _is_auth(doc):
            return doc
    return None


def _is_auth(doc: dict[str, Any]) -> bool:
    # Genesys does not document how an auth action is marked in listings; the sandbox's ids
    # start with customAuth_-_ and its name ends with "Custom Auth".
    return str(doc.get("id", "")).startswith("customAuth_-_") or str(doc.get("name", "")).endswith(
        "Custom Auth"
    )


def list_integrations(session: Any) -> list[IntegrationInfo]:
    out = []
    auth_ids = {
        d.get("integrationId"): d["id"]
        for d in session.list_actions(includeAuthActions="true")
        if _is_auth(d)
    }
    for doc in session.integrations():
        type_id = (doc.get("integrationType") or {}).get("id", "")
        ctype, cname = (
            _credential_of(session, doc["id"]) if type_id == WEB_SERVICES_TYPE else (None, None)
        )
        out.append(
            IntegrationInfo(
                id=doc["id"],
                name=doc.get("name", ""),
                type_id=type_id,
                state=str(doc.get("intendedState", "")),
                credential_type=ctype,
                credential_name=cname,
                auth_action_id=auth_ids.get(doc["id"]),
            )
        )
    return out


def find_integration(session: Any, wanted: str) -> dict[str, Any]:
    key = wanted.strip().lower()
    docs = session.integrations()
    for doc in docs:
        if doc.get("id") == wanted or (doc.get("name") or "").strip().lower() == key:
            return dict(doc)
    names = ", ".join(sorted(d.get("name", "") for d in docs)) or "none"
    raise GenesysError(
        [Problem(f"no integration named '{wanted}'", hint=f"the org has: {names}")],
        EXIT_USAGE,
        operation="find integration",
    )


def create_integration(
    session: Any,
    name: str,
    credential_type: str,
    *,
    credential_name: str | None = None,
    field_vars: tuple[tuple[str, str], ...] = (),
    prompt: Prompt | None = None,
    env: dict[str, str] | None = None,
) -> IntegrationInfo:
    """A new, enabled Web Services Data Actions integration with a new credential."""
    for doc in session.integrations():
        if (doc.get("name") or "").strip().lower() == name.strip().lower():
            raise GenesysError(
                [Problem(f"an integration named '{name}' exists", hint="choose another name")],
                EXIT_USAGE,
                operation="create integration",
            )
    request = CredentialRequest(
        credential_name or f"{name} credential", credential_type, field_vars
    )
    values = field_values(request, env=env, prompt=prompt)  # checked before anything is created
    credential = session.create_credential(request.wanted, credential_type, values)
    created = session.create_integration(WEB_SERVICES_TYPE, name)
    attach(session, created, credential["id"])
    auth = auth_action(session, created["id"]) if credential_type == "userDefinedOAuth" else None
    return IntegrationInfo(
        id=created["id"],
        name=created.get("name", name),
        type_id=WEB_SERVICES_TYPE,
        state=str(created.get("intendedState", "ENABLED")),
        credential_type=credential_type,
        credential_name=request.wanted,
        auth_action_id=auth["id"] if auth else None,
    )


def configure_auth_action(session: Any, integration_id: str, action: Action) -> dict[str, Any]:
    """Give the integration's custom auth action `action`'s request and response; publish it.

    Only the configuration changes: Genesys fixes an auth action's contract and name.
    """
    found = auth_action(session, integration_id)
    if found is None:
        raise GenesysError(
            [
                Problem(
                    "this integration has no custom auth action",
                    hint="only User Defined (OAuth) integrations have one: create it with "
                    "`dataaction integration create NAME --credential-type userDefinedOAuth`",
                )
            ],
            EXIT_USAGE,
            operation="configure auth action",
        )
    name = found.get("name")
    draft = session.draft_from_action(found["id"], name=name)
    body = {"config": post_body(action)["config"], "version": draft.get("version", 1)}
    updated = session.update_draft(found["id"], {**body, "name": name})
    return dict(session.publish_draft(found["id"], updated.get("version", 1), name=name))
