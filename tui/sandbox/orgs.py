"""OAuth clients and their orgs: registration, generated default clients, the default DB path."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .integrations import ensure_defaults
from .secret_hashes import check_secret, hash_secret
from .store import Store


@dataclass(frozen=True, slots=True)
class ClientSpec:
    """An OAuth client to register: its own org unless `org` names another client's org.

    `permissions=None` grants every permission; a list restricts the client to those.
    """

    client_id: str
    secret: str
    permissions: tuple[str, ...] | None = None
    org_of: str | None = None


def register(store: Store, spec: ClientSpec | tuple[str, str], *, generated: bool = False) -> str:
    """Create or update an OAuth client; returns its org id. `generated`: the secret is 256
    random bits made here (see `hash_secret`)."""
    if not isinstance(spec, ClientSpec):
        spec = ClientSpec(*spec)
    perms = None if spec.permissions is None else list(spec.permissions)
    row = store.client(spec.client_id)
    if row is not None:
        org_id = row["org_id"]
        unchanged = row["permissions"] == (None if perms is None else json.dumps(sorted(perms)))
        if unchanged and check_secret(spec.secret, row["secret_hash"]):
            return org_id
    elif spec.org_of is not None:
        other = store.client(spec.org_of)
        if other is None:
            raise ValueError(f"client {spec.org_of!r} (org_of) is not registered")
        org_id = other["org_id"]
    else:
        org_id = store.create_org(f"Sandbox org of {spec.client_id}")
    store.put_client(spec.client_id, org_id, hash_secret(spec.secret, generated=generated), perms)
    ensure_defaults(store, org_id)
    return org_id


def owner_file(db_path: str | Path) -> Path:
    """Names the DB's generated default client (its id only: secrets are never written)."""
    return Path(f"{db_path}.client.json")


@dataclass(frozen=True, slots=True)
class DefaultClient:
    """The DB's generated client, and a login for this process.

    The owner client's secret exists only when it is created (to be shown once); afterwards
    only its hash is stored. Each in-process run gets a fresh session client in the owner's
    org instead, whose secret lives in memory only.
    """

    owner_id: str
    client_id: str
    secret: str
    created: bool


def default_client(store: Store, session: tuple[str, str] | None = None) -> DefaultClient:
    """The owner client (made on first run) and a session login; first runs of two processes
    at once are serialised by one store transaction, so they make one org, not two.

    `session`: the session client's id and generated secret, chosen by the command that logs
    in with them (`tui.sandbox.shared`); on a first run the owner's own secret is then never
    used and never leaves this function."""
    with store.transaction():
        return _default_client(store, session)


def _default_client(store: Store, chosen: tuple[str, str] | None) -> DefaultClient:
    path = owner_file(store.path)
    owner_id = None
    if path.exists():
        try:
            owner_id = json.loads(path.read_text()).get("client_id")
        except (ValueError, OSError):
            owner_id = None
    created = not (owner_id and store.client(owner_id) is not None)
    if created:
        owner_id = f"sandbox-{secrets.token_hex(6)}"
        secret = secrets.token_urlsafe(32)
        register(store, (owner_id, secret), generated=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps({"client_id": owner_id}))
        if chosen is None:
            return DefaultClient(owner_id, owner_id, secret, created=True)
    assert owner_id is not None
    client_id, secret = chosen or (f"session-{secrets.token_hex(6)}", secrets.token_urlsafe(32))
    register(store, ClientSpec(client_id, secret, org_of=owner_id), generated=True)
    return DefaultClient(owner_id, client_id, secret, created=created)


def register_all(store: Store, clients: Iterable[ClientSpec | tuple[str, str]]) -> list[str]:
    return [register(store, c) for c in clients]
