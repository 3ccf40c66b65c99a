"""Data actions of an org: published actions and drafts, with Genesys's version rules.

Versions: a published action starts at 1 and each publish adds 1; a draft starts at 1 and each
PATCH of it adds 1. PATCH/publish must carry the current version, otherwise 400 "Supplied
version N does not match latest draft version M" (the reference quotes this 400; no 409 is
documented for data actions). Names are unique per org, ignoring case (409 otherwise).
"""

from __future__ import annotations

import copy
import functools
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from tui.model.action import to_wire
from tui.runtime.flatten import flatten_schema

from . import paging
from .bodies import PostActionInput, UpdateActionInput, UpdateDraftInput
from .errors import ApiError, bad_request, conflict, not_found, version_mismatch
from .integrations import DATA_ACTION_TYPES
from .store import Store
from .validation import malformed_schemas, validate_action

T = TypeVar("T")

BASE = "/api/v2/integrations/actions"
TEMPLATES = {
    "requesttemplate.vm": ("request", "requestTemplate"),
    "successtemplate.vm": ("response", "successTemplate"),
}
SCHEMAS = {
    "inputschema.json": ("input", "inputSchema"),
    "successschema.json": ("output", "successSchema"),
}
SORTABLE = ("name", "category", "id", "version", "integrationId", "secure")
MAX_IDS = 50

Pair = tuple[dict[str, Any] | None, dict[str, Any] | None]


def _atomic(method: Callable[..., T]) -> Callable[..., T]:
    """Run an Actions method in one store transaction: its name check and its write happen
    together, so two processes racing on one database cannot both create 'X'."""

    @functools.wraps(method)
    def wrapper(self: Actions, *args: Any, **kwargs: Any) -> T:
        with self.store.transaction():
            return method(self, *args, **kwargs)

    return wrapper


class Actions:
    """Operations on one org's actions."""

    def __init__(self, store: Store, org_id: str) -> None:
        self.store = store
        self.org_id = org_id

    # -- lookups ------------------------------------------------------------------------
    def _pair(self, action_id: str) -> Pair:
        pair = self.store.action(self.org_id, action_id)
        if pair is None:
            raise not_found("Action", action_id)
        return pair

    def published(self, action_id: str) -> dict[str, Any]:
        doc = self._pair(action_id)[0]
        if doc is None:
            raise not_found("Action", action_id)
        return doc

    def draft(self, action_id: str) -> dict[str, Any]:
        doc = self._pair(action_id)[1]
        if doc is None:
            raise not_found("Draft of action", action_id)
        return doc

    def _save(
        self, action_id: str, published: dict[str, Any] | None, draft: dict[str, Any] | None
    ) -> None:
        integration_id = (published or draft or {}).get("integrationId", "")
        self.store.put_action(self.org_id, action_id, integration_id, published, draft)

    def _check_name(self, name: str, action_id: str | None) -> None:
        if not name.strip():
            raise bad_request("Action name must not be empty.", "name", "missing.value")
        if self.store.name_taken(self.org_id, name, action_id):
            raise conflict(f"An action with the name '{name}' already exists.")

    def _check_integration(self, integration_id: str) -> str:
        integration = self.store.integration(self.org_id, integration_id)
        if integration is None or integration["integrationType"]["id"] not in DATA_ACTION_TYPES:
            raise bad_request(
                f"Integration {integration_id} does not exist or does not support data actions.",
                "integrationId",
                "invalid.value",
            )
        return integration["name"]

    # -- create -------------------------------------------------------------------------
    @_atomic
    def create(self, body: PostActionInput, *, draft: bool) -> dict[str, Any]:
        integration_name = self._check_integration(body.integration_id)
        self._check_name(body.name, None)
        wire = to_wire(body)
        action_id = f"custom_-_{uuid.uuid4()}"
        doc: dict[str, Any] = {
            "id": action_id,
            "name": body.name,
            "integrationId": body.integration_id,
            "category": body.category or integration_name,
            "version": 1,
            "secure": bool(body.secure),
        }
        if "config" in wire:
            doc["config"] = _strip_uris(wire["config"])
        if "contract" in wire:
            doc["contract"] = wire["contract"]
        _raise_malformed(doc)
        if not draft:
            _raise_invalid(doc)
        self._save(action_id, None if draft else doc, doc if draft else None)
        return doc

    def draft_from_action(self, action_id: str) -> dict[str, Any]:
        published, draft = self._pair(action_id)
        if published is None:
            raise not_found("Action", action_id)
        if draft is not None:
            raise conflict(f"Action {action_id} already has a draft.")
        draft = copy.deepcopy(published)
        draft["version"] = 1
        self._save(action_id, published, draft)
        return draft

    # -- update -------------------------------------------------------------------------
    @_atomic
    def patch(self, action_id: str, body: UpdateActionInput) -> dict[str, Any]:
        published, draft = self._pair(action_id)
        if published is None:
            raise not_found("Action", action_id)
        if body.version != published["version"]:
            raise version_mismatch(body.version, published["version"], draft=False)
        doc = _merged(published, body)
        doc["version"] += 1
        self._check_name(doc["name"], action_id)
        _raise_invalid(doc)
        self._save(action_id, doc, draft)
        return doc

    @_atomic
    def patch_draft(self, action_id: str, body: UpdateDraftInput) -> dict[str, Any]:
        published, draft = self._pair(action_id)
        if draft is None:
            raise not_found("Draft of action", action_id)
        if body.version != draft["version"]:
            raise version_mismatch(body.version, draft["version"], draft=True)
        doc = _merged(draft, body)
        doc["version"] += 1
        self._check_name(doc["name"], action_id)
        _raise_malformed(doc)
        self._save(action_id, published, doc)
        return doc

    @_atomic
    def publish(self, action_id: str, version: int) -> dict[str, Any]:
        published, draft = self._pair(action_id)
        if draft is None:
            raise not_found("Draft of action", action_id)
        if version != draft["version"]:
            raise version_mismatch(version, draft["version"], draft=True)
        _raise_invalid(draft)
        doc = copy.deepcopy(draft)
        doc["version"] = (published["version"] + 1) if published else 1
        self._save(action_id, doc, None)
        return doc

    def validation(self, action_id: str) -> dict[str, Any]:
        errors = validate_action(self.draft(action_id))
        return {"valid": not errors, "errors": errors}

    # -- delete -------------------------------------------------------------------------
    def delete(self, action_id: str) -> None:
        if self._pair(action_id)[0] is None:
            raise not_found("Action", action_id)
        self.store.delete_action(self.org_id, action_id)

    def delete_draft(self, action_id: str) -> None:
        published, draft = self._pair(action_id)
        if draft is None:
            raise not_found("Draft of action", action_id)
        self._save(action_id, published, None)

    # -- listings -----------------------------------------------------------------------
    def listing(self, params: dict[str, str], *, drafts: bool) -> dict[str, Any]:
        """A page of actions or drafts; `includeConfig=true` and `expand=contract` add those.

        The reference documents `expand` for single actions only; whether Genesys honours it
        on listings is uncertain. The sandbox does, so a deploy plan needs no per-action reads
        here (against an org that leaves contracts out, the deployer reads each action).
        """
        wanted = None
        if ids := params.get("ids"):
            wanted = {i.strip() for i in ids.split(",") if i.strip()}
            if len(wanted) > MAX_IDS:
                raise bad_request(f"ids accepts at most {MAX_IDS} ids.", "ids", "invalid.value")
        secure = paging.bool_param(params, "secure")
        include_auth = bool(paging.bool_param(params, "includeAuthActions"))
        include_config = bool(paging.bool_param(params, "includeConfig"))
        with_contract = "contract" in expand_values(params)
        sort_by, descending = paging.sort_order(params, SORTABLE)
        size, number = paging.window(params)
        total, docs = self.store.action_page(
            self.org_id,
            drafts=drafts,
            offset=(number - 1) * size,
            limit=size,
            name=params.get("name"),
            category=params.get("category"),
            ids=wanted,
            secure=secure,
            sort_by=sort_by,
            descending=descending,
            include_auth=include_auth,
        )
        path = f"{BASE}/drafts" if drafts else BASE
        entities = [
            render(d, draft=drafts, contract=with_contract, config=include_config) for d in docs
        ]
        return paging.listing(entities, total, params, path)

    def categories(self, params: dict[str, str]) -> dict[str, Any]:
        secure = paging.bool_param(params, "secure")
        names = self.store.action_categories(self.org_id, secure)
        items = paging.sort([{"name": n} for n in names], params, ("name",))
        return paging.page(items, params, f"{BASE}/categories")

    # -- files --------------------------------------------------------------------------
    def template(self, action_id: str, file_name: str, *, draft: bool) -> str:
        doc = self.draft(action_id) if draft else self.published(action_id)
        if file_name not in TEMPLATES:
            raise not_found("Template", file_name)
        part, key = TEMPLATES[file_name]
        return ((doc.get("config") or {}).get(part) or {}).get(key) or ""

    def schema(
        self, action_id: str, file_name: str, *, draft: bool, flatten: bool
    ) -> dict[str, Any]:
        doc = self.draft(action_id) if draft else self.published(action_id)
        if file_name not in SCHEMAS:
            raise not_found("Schema", file_name)
        part, key = SCHEMAS[file_name]
        schema = ((doc.get("contract") or {}).get(part) or {}).get(key)
        if schema is None:
            raise not_found("Schema", file_name)
        return flatten_schema(schema)[0] if flatten else schema


def expand_values(params: dict[str, str]) -> set[str]:
    """The comma-separated `expand` query values (e.g. `contract`)."""
    return {e.strip() for e in params.get("expand", "").split(",") if e.strip()}


def render(
    doc: dict[str, Any], *, draft: bool, contract: bool, config: bool, flatten: bool = False
) -> dict[str, Any]:
    """An action as the API returns it: selfUri, file URIs, contract/config on request."""
    base = f"{BASE}/{doc['id']}" + ("/draft" if draft else "")
    out = {k: v for k, v in doc.items() if k not in ("config", "contract")}
    if config and "config" in doc:
        cfg = copy.deepcopy(doc["config"])
        cfg.setdefault("request", {})["requestTemplateUri"] = f"{base}/templates/requesttemplate.vm"
        cfg.setdefault("response", {})["successTemplateUri"] = (
            f"{base}/templates/successtemplate.vm"
        )
        out["config"] = cfg
    if contract and "contract" in doc:
        in_schema = doc["contract"].get("input", {}).get("inputSchema")
        out_schema = doc["contract"].get("output", {}).get("successSchema")
        c_in: dict[str, Any] = {"inputSchemaUri": f"{base}/schemas/inputschema.json"}
        c_out: dict[str, Any] = {"successSchemaUri": f"{base}/schemas/successschema.json"}
        if flatten:
            c_in["inputSchemaFlattened"] = flatten_schema(in_schema or {})[0]
            schema, arrays = flatten_schema(out_schema or {})
            c_out["successSchemaFlattened"] = {"schema": schema, "arrayProperties": arrays}
        else:
            c_in["inputSchema"] = in_schema
            c_out["successSchema"] = out_schema
        out["contract"] = {"input": c_in, "output": c_out}
    out["selfUri"] = f"{BASE}/{doc['id']}"
    return out


def _merged(doc: dict[str, Any], body: UpdateActionInput | UpdateDraftInput) -> dict[str, Any]:
    wire = to_wire(body)
    out = copy.deepcopy(doc)
    for key in ("name", "category", "secure", "contract"):
        if wire.get(key) is not None:
            out[key] = wire[key]
    if "config" in wire:
        out["config"] = _strip_uris(wire["config"])
    return out


def _strip_uris(config: dict[str, Any]) -> dict[str, Any]:
    out = dict(config)
    for part in ("request", "response"):
        if isinstance(out.get(part), dict):
            out[part] = {k: v for k, v in out[part].items() if not k.endswith("Uri")}
    return out


def _raise_malformed(doc: dict[str, Any]) -> None:
    errors = malformed_schemas(doc)
    if errors:
        raise ApiError(
            400,
            "bad.request",
            "; ".join(e["message"] for e in errors),
            details=[d for e in errors for d in e["details"]],
        )


def _raise_invalid(doc: dict[str, Any]) -> None:
    errors = validate_action(doc)
    if errors:
        raise ApiError(
            400,
            "bad.request",
            "The action is invalid: " + "; ".join(e["message"] for e in errors),
            details=[d for e in errors for d in e["details"]],
        )
