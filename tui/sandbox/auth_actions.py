"""Custom auth actions of User Defined (OAuth) integrations.

Genesys: "The integration creates a custom auth action that returns an authentication response
... The authentication response values are accessible in the authResponse Velocity context"
(help.mypurecloud.com, How to use the User Defined (OAuth) credential type). The sandbox creates
one, published, when an integration is given a `userDefinedOAuth` credential; listings show it
only with `includeAuthActions=true`; before another action of that integration runs, its auth
action runs with the integration's credentials and its output becomes `$authResponse`.
Uncertain (not public): the auth action's id form, name and default configuration; the sandbox
uses `customAuth_-_<uuid>`, "<integration> Custom Auth" and a client-credentials token request.
"""

from __future__ import annotations

import uuid
from typing import Any

from .store import AUTH_PREFIX, Store

OAUTH_TYPE = "userDefinedOAuth"
DEFAULT_CONFIG: dict[str, Any] = {
    "request": {
        "requestUrlTemplate": "${credentials.loginUrl}",
        "requestType": "POST",
        "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        "requestTemplate": "grant_type=client_credentials&client_id=$esc.url(${credentials.clientId})"
        "&client_secret=$esc.url(${credentials.clientSecret})",
    },
    "response": {
        "translationMap": {},
        "translationMapDefaults": {},
        "successTemplate": "${rawResult}",
    },
}
CONTRACT: dict[str, Any] = {
    "input": {"inputSchema": {"type": "object", "properties": {}, "additionalProperties": True}},
    "output": {"successSchema": {"type": "object", "properties": {}, "additionalProperties": True}},
}


def is_auth_action(action_id: str) -> bool:
    return action_id.startswith(AUTH_PREFIX)


def credential_type(integration: dict[str, Any]) -> str | None:
    """The type name of the integration's credential (None without one)."""
    refs = ((integration.get("config") or {}).get("current") or {}).get("credentials") or {}
    for ref in refs.values():
        if isinstance(ref, dict):
            return ((ref.get("type") or {}).get("name")) or None
    return None


def uses_oauth(integration: dict[str, Any]) -> bool:
    return credential_type(integration) == OAUTH_TYPE


def auth_action_id(store: Store, org_id: str, integration: dict[str, Any]) -> str | None:
    """The id of the integration's custom auth action, if it has one (found by its name)."""
    _, docs = store.action_page(
        org_id,
        drafts=False,
        offset=0,
        limit=100,
        name=auth_action_name(integration),
        sort_by="name",
        include_auth=True,
    )
    for doc in docs:
        if is_auth_action(doc["id"]) and doc.get("integrationId") == integration.get("id"):
            return str(doc["id"])
    return None


def auth_action_name(integration: dict[str, Any]) -> str:
    return f"{integration.get('name') or 'Integration'} Custom Auth"


def ensure_auth_action(store: Store, org_id: str, integration: dict[str, Any]) -> str | None:
    """Create the custom auth action of an OAuth integration (once); its id, else None."""
    if not uses_oauth(integration):
        return None
    found = auth_action_id(store, org_id, integration)
    if found is not None:
        return found
    action_id = AUTH_PREFIX + str(uuid.uuid4())
    name = auth_action_name(integration)
    doc = {
        "id": action_id,
        "name": name,
        "integrationId": integration["id"],
        "category": integration.get("name") or "Custom Auth",
        "version": 1,
        "secure": False,
        "config": DEFAULT_CONFIG,
        "contract": CONTRACT,
    }
    store.put_action(org_id, action_id, integration["id"], doc, None)
    return action_id
