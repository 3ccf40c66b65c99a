"""OAuth clients and their orgs: registration, generated default clients, the default DB path."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .auth import check_secret, hash_secret
from .integrations import ensure_defaults
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


def default_db_path() -> Path:
    """`$DATAACTION_SANDBOX_DB`, else `$XDG_DATA_HOME/dataaction/sandbox.db`."""
    if env := os.environ.get("DATAACTION_SANDBOX_DB"):
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "dataaction" / "sandbox.db"


def register(store: Store, spec: ClientSpec | tuple[str, str]) -> str:
    """Create or update an OAuth client; returns its org id."""
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
    store.put_client(spec.client_id, org_id, hash_secret(spec.secret), perms)
    ensure_defaults(store, org_id)
    return org_id


def secret_file(db_path: str | Path) -> Path:
    """Where the generated default client's credentials are kept (mode 600)."""
    return Path(f"{db_path}.client.json")


def default_client(store: Store) -> tuple[str, str, bool]:
    """The generated client of this DB: (client id, secret, created now).

    Only a hash of the secret goes into the database; the secret itself is kept in a file
    readable by the user only, so the wizard and `deploy` can log in again later.
    """
    path = secret_file(store.path)
    if path.exists():
        data = json.loads(path.read_text())
        client_id, secret = data["client_id"], data["client_secret"]
        if store.client(client_id) is None:
            register(store, (client_id, secret))
        return client_id, secret, False
    client_id = f"sandbox-{secrets.token_hex(6)}"
    secret = secrets.token_urlsafe(32)
    register(store, (client_id, secret))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump({"client_id": client_id, "client_secret": secret}, fh)
    return client_id, secret, True


def register_all(store: Store, clients: Iterable[ClientSpec | tuple[str, str]]) -> list[str]:
    return [register(store, c) for c in clients]
