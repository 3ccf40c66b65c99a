"""Integrations, integration types and credentials of an org."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from tui.model.action import GENESYS_CLOUD_TYPE, WEB_SERVICES_TYPE

from .errors import ApiError, bad_request, conflict, not_found
from .store import Store

BASE = "/api/v2/integrations"
DATA_ACTION_TYPES = (WEB_SERVICES_TYPE, GENESYS_CLOUD_TYPE)

INTEGRATION_TYPES: dict[str, dict[str, Any]] = {
    WEB_SERVICES_TYPE: {
        "id": WEB_SERVICES_TYPE,
        "name": "Web Services Data Actions",
        "description": "Call web services from Architect, scripts and other features.",
        "provider": "Genesys Cloud",
        "category": "Data Actions",
        "credentials": {
            "basicAuth": {
                "required": False,
                "title": "Credentials",
                "credentialTypes": ["basicAuth", "userDefined", "userDefinedOAuth"],
            }
        },
        "nonInstallable": False,
        "maxInstances": 100,
    },
    GENESYS_CLOUD_TYPE: {
        "id": GENESYS_CLOUD_TYPE,
        "name": "Genesys Cloud Data Actions",
        "description": "Call the Genesys Cloud Public API from Architect, scripts and more.",
        "provider": "Genesys Cloud",
        "category": "Data Actions",
        "credentials": {
            "pureCloudOAuthClient": {
                "required": True,
                "title": "Credentials",
                "credentialTypes": ["pureCloudOAuthClient"],
            }
        },
        "nonInstallable": False,
        "maxInstances": 100,
    },
}
for _t in INTEGRATION_TYPES.values():
    _t["selfUri"] = f"{BASE}/types/{_t['id']}"

# Field names are the reference's (uncertain for userDefined*): every field value is treated as
# secret and redacted on GET.
CREDENTIAL_TYPES: dict[str, dict[str, Any]] = {
    "basicAuth": {
        "properties": {"userName": {}, "password": {}},
        "required": ["userName", "password"],
    },
    "userDefined": {"properties": {}, "required": []},
    "userDefinedOAuth": {
        "properties": {"clientId": {}, "clientSecret": {}, "loginUrl": {}},
        "required": ["clientId", "clientSecret", "loginUrl"],
    },
    "pureCloudOAuthClient": {
        "properties": {"clientId": {}, "clientSecret": {}},
        "required": ["clientId", "clientSecret"],
    },
}
INTENDED_STATES = ("ENABLED", "DISABLED", "DELETED", "RESTORED")


def now_iso() -> str:
    return (
        datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{datetime.now(UTC).microsecond // 1000:03d}Z"
    )


def new_integration(type_id: str, name: str | None = None) -> dict[str, Any]:
    itype = INTEGRATION_TYPES[type_id]
    iid = str(uuid.uuid4())
    return {
        "id": iid,
        "name": name or itype["name"],
        "integrationType": dict(itype),
        "notes": "",
        "intendedState": "ENABLED",
        "config": {
            "current": {
                "id": iid,
                "name": name or itype["name"],
                "version": 1,
                "properties": {},
                "advanced": {},
                "notes": "",
                "credentials": {},
                "selfUri": f"{BASE}/{iid}/config/current",
            }
        },
        "reportedState": {"code": "ACTIVE", "effective": "Active", "lastUpdated": now_iso()},
        "attributes": {},
        "selfUri": f"{BASE}/{iid}",
    }


def ensure_defaults(store: Store, org_id: str) -> None:
    """Each org starts with one integration of each data-action type."""
    have = {i["integrationType"]["id"] for i in store.integrations(org_id)}
    for type_id in DATA_ACTION_TYPES:
        if type_id not in have:
            store.put_integration(org_id, new_integration(type_id))


def public_integration(doc: dict[str, Any], expand: list[str]) -> dict[str, Any]:
    out = dict(doc)
    if "config.current" not in expand and "config" not in expand:
        out.pop("config", None)
    return out


def get_integration(store: Store, org_id: str, integration_id: str) -> dict[str, Any]:
    doc = store.integration(org_id, integration_id)
    if doc is None:
        raise not_found("Integration", integration_id)
    return doc


def create_integration(store: Store, org_id: str, body: dict[str, Any]) -> dict[str, Any]:
    unknown = set(body) - {"id", "name", "integrationType", "selfUri"}
    if unknown:
        raise bad_request(
            f"Unknown field(s) in CreateIntegrationRequest: {', '.join(sorted(unknown))}.",
            sorted(unknown)[0],
        )
    itype = body.get("integrationType")
    type_id = itype.get("id") if isinstance(itype, dict) else None
    if type_id not in INTEGRATION_TYPES:
        raise bad_request(
            f"integrationType.id must be one of {', '.join(INTEGRATION_TYPES)}.",
            "integrationType.id",
            "invalid.value",
        )
    name = body.get("name")
    if name is not None and not isinstance(name, str):
        raise bad_request("name must be a string.", "name", "invalid.value")
    doc = new_integration(type_id, name)
    store.put_integration(org_id, doc)
    return doc


def patch_integration(
    store: Store, org_id: str, integration_id: str, body: dict[str, Any]
) -> dict[str, Any]:
    doc = get_integration(store, org_id, integration_id)
    if "intendedState" in body:
        state = body["intendedState"]
        if state not in INTENDED_STATES:
            raise bad_request(
                f"intendedState must be one of {', '.join(INTENDED_STATES)}.",
                "intendedState",
                "invalid.value",
            )
        doc["intendedState"] = state
        code = "ACTIVE" if state in ("ENABLED", "RESTORED") else "INACTIVE"
        doc["reportedState"] = {"code": code, "effective": code.title(), "lastUpdated": now_iso()}
    for key in ("name", "notes"):
        if key in body:
            if not isinstance(body[key], str):
                raise bad_request(f"{key} must be a string.", key, "invalid.value")
            doc[key] = body[key]
    if isinstance(body.get("attributes"), dict):
        doc["attributes"] = {str(k): str(v) for k, v in body["attributes"].items()}
    store.put_integration(org_id, doc)
    return doc


def put_config(
    store: Store, org_id: str, integration_id: str, body: dict[str, Any]
) -> dict[str, Any]:
    """PUT config/current: needs the current `version` (409 otherwise, Genesys's usual rule)."""
    doc = get_integration(store, org_id, integration_id)
    current = doc["config"]["current"]
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise bad_request("version is required for updates.", "version", "missing.value")
    if version != current["version"]:
        raise conflict(
            f"Supplied version {version} does not match current version {current['version']}"
        )
    creds = body.get("credentials") or {}
    if not isinstance(creds, dict):
        raise bad_request("credentials must be an object.", "credentials", "invalid.value")
    resolved = {}
    for key, ref in creds.items():
        cred_id = ref.get("id") if isinstance(ref, dict) else None
        found = store.credential(org_id, cred_id) if isinstance(cred_id, str) else None
        if found is None:
            raise bad_request(
                f"Credential {cred_id} for {key!r} not found.",
                f"credentials.{key}.id",
                "invalid.value",
            )
        resolved[key] = found[0]
    for key in ("properties", "advanced"):
        if key in body and not isinstance(body[key], dict):
            raise bad_request(f"{key} must be an object.", key, "invalid.value")
    current.update(
        {
            "name": body.get("name", current["name"]),
            "notes": body.get("notes", current.get("notes", "")),
            "properties": body.get("properties", current["properties"]),
            "advanced": body.get("advanced", current["advanced"]),
            "credentials": resolved,
            "version": version + 1,
        }
    )
    store.put_integration(org_id, doc)
    return current


# -- credentials ---------------------------------------------------------------------------
def credential_body(body: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    unknown = set(body) - {"id", "name", "type", "credentialFields", "selfUri"}
    if unknown:
        raise bad_request(
            f"Unknown field(s) in Credential: {', '.join(sorted(unknown))}.",
            sorted(unknown)[0],
            "unknown.field",
        )
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad_request("name is required.", "name", "missing.value")
    ctype = body.get("type")
    type_name = ctype.get("name") if isinstance(ctype, dict) else None
    if type_name not in CREDENTIAL_TYPES:
        raise bad_request(
            f"type.name must be one of {', '.join(CREDENTIAL_TYPES)}.", "type.name", "invalid.value"
        )
    fields = body.get("credentialFields") or {}
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise bad_request(
            "credentialFields must map names to strings.", "credentialFields", "invalid.value"
        )
    missing = [f for f in CREDENTIAL_TYPES[type_name]["required"] if f not in fields]
    if missing:
        raise bad_request(
            f"credentialFields is missing {', '.join(missing)}.",
            f"credentialFields.{missing[0]}",
            "missing.value",
        )
    return name, type_name, fields


def credential_type(type_name: str) -> dict[str, Any]:
    spec = CREDENTIAL_TYPES[type_name]
    return {
        "name": type_name,
        "properties": spec["properties"],
        "displayOrder": list(spec["properties"]),
        "required": spec["required"],
    }


def save_credential(
    store: Store, org_id: str, body: dict[str, Any], cred_id: str | None = None
) -> dict[str, Any]:
    name, type_name, fields = credential_body(body)
    created = now_iso()
    if cred_id is not None:
        old = store.credential(org_id, cred_id)
        if old is None:
            raise not_found("Credential", cred_id)
        created = old[0]["createdDate"]
    cid = cred_id or str(uuid.uuid4())
    info = {
        "id": cid,
        "name": name,
        "createdDate": created,
        "modifiedDate": now_iso(),
        "type": {"name": type_name},
        "selfUri": f"{BASE}/credentials/{cid}",
    }
    store.put_credential(org_id, info, fields)
    return info


def redacted_credential(store: Store, org_id: str, cred_id: str) -> dict[str, Any]:
    found = store.credential(org_id, cred_id)
    if found is None:
        raise not_found("Credential", cred_id)
    info, fields = found
    return {
        "id": info["id"],
        "name": info["name"],
        "type": info["type"],
        "credentialFields": dict.fromkeys(fields),
        "selfUri": info["selfUri"],
    }


def check_type(type_id: str) -> dict[str, Any]:
    if type_id not in INTEGRATION_TYPES:
        raise ApiError(404, "not.found", f"Integration type {type_id} not found")
    return INTEGRATION_TYPES[type_id]
