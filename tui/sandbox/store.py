"""SQLite persistence for the sandbox: orgs, OAuth clients, tokens, integrations, credentials,
actions. Documents are stored as JSON text; every row belongs to an org.

One connection (WAL, autocommit) shared by the server's threads behind a lock: the sandbox is a
single-user local tool, and SQLite calls here take microseconds.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS orgs (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS clients (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id),
    secret_hash TEXT NOT NULL, permissions TEXT, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, org_id TEXT NOT NULL,
    expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS integrations (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS integrations_org ON integrations(org_id);
CREATE TABLE IF NOT EXISTS credentials (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, doc TEXT NOT NULL, fields TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS credentials_org ON credentials(org_id);
CREATE TABLE IF NOT EXISTS actions (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, integration_id TEXT NOT NULL,
    published TEXT, draft TEXT, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS actions_org ON actions(org_id);
"""


class Store:
    """The sandbox database."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _all(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _one(self, sql: str, *args: Any) -> sqlite3.Row | None:
        with self._lock:
            return self._db.execute(sql, args).fetchone()

    def _run(self, sql: str, *args: Any) -> int:
        with self._lock:
            return self._db.execute(sql, args).rowcount

    # -- orgs and clients ---------------------------------------------------------------
    def create_org(self, name: str) -> str:
        org_id = str(uuid.uuid4())
        self._run("INSERT INTO orgs VALUES (?, ?, ?)", org_id, name, time.time())
        return org_id

    def orgs(self) -> list[str]:
        return [r["id"] for r in self._all("SELECT id FROM orgs ORDER BY created")]

    def client(self, client_id: str) -> sqlite3.Row | None:
        return self._one("SELECT * FROM clients WHERE id = ?", client_id)

    def clients(self) -> list[sqlite3.Row]:
        return self._all("SELECT * FROM clients ORDER BY created")

    def put_client(
        self, client_id: str, org_id: str, secret_hash: str, permissions: list[str] | None
    ) -> None:
        perms = None if permissions is None else json.dumps(sorted(permissions))
        self._run(
            "INSERT INTO clients VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "secret_hash = excluded.secret_hash, permissions = excluded.permissions",
            client_id,
            org_id,
            secret_hash,
            perms,
            time.time(),
        )

    # -- tokens -------------------------------------------------------------------------
    def delete_client(self, client_id: str) -> None:
        with self.transaction():
            self._run("DELETE FROM tokens WHERE client_id = ?", client_id)
            self._run("DELETE FROM clients WHERE id = ?", client_id)

    def put_token(self, token_hash: str, client_id: str, org_id: str, expires: float) -> None:
        self._run("DELETE FROM tokens WHERE expires < ?", time.time() - 3600)
        self._run("INSERT INTO tokens VALUES (?, ?, ?, ?)", token_hash, client_id, org_id, expires)

    def token(self, token_hash: str) -> sqlite3.Row | None:
        return self._one("SELECT * FROM tokens WHERE token_hash = ?", token_hash)

    # -- integrations -------------------------------------------------------------------
    def integrations(self, org_id: str) -> list[dict[str, Any]]:
        rows = self._all("SELECT doc FROM integrations WHERE org_id = ?", org_id)
        return [json.loads(r["doc"]) for r in rows]

    def integration(self, org_id: str, integration_id: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT doc FROM integrations WHERE org_id = ? AND id = ?", org_id, integration_id
        )
        return json.loads(row["doc"]) if row else None

    def put_integration(self, org_id: str, doc: dict[str, Any]) -> None:
        self._run(
            "INSERT INTO integrations VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET doc = excluded.doc",
            doc["id"],
            org_id,
            json.dumps(doc),
        )

    def delete_integration(self, org_id: str, integration_id: str) -> None:
        with self.transaction():
            self._run(
                "DELETE FROM actions WHERE org_id = ? AND integration_id = ?",
                org_id,
                integration_id,
            )
            self._run(
                "DELETE FROM integrations WHERE org_id = ? AND id = ?", org_id, integration_id
            )

    # -- credentials --------------------------------------------------------------------
    def credentials(self, org_id: str) -> list[dict[str, Any]]:
        rows = self._all("SELECT doc FROM credentials WHERE org_id = ?", org_id)
        return [json.loads(r["doc"]) for r in rows]

    def credential(self, org_id: str, cred_id: str) -> tuple[dict[str, Any], dict[str, str]] | None:
        row = self._one(
            "SELECT doc, fields FROM credentials WHERE org_id = ? AND id = ?", org_id, cred_id
        )
        return (json.loads(row["doc"]), json.loads(row["fields"])) if row else None

    def put_credential(self, org_id: str, doc: dict[str, Any], fields: dict[str, str]) -> None:
        self._run(
            "INSERT INTO credentials VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "doc = excluded.doc, fields = excluded.fields",
            doc["id"],
            org_id,
            json.dumps(doc),
            json.dumps(fields),
        )

    def delete_credential(self, org_id: str, cred_id: str) -> bool:
        return bool(
            self._run("DELETE FROM credentials WHERE org_id = ? AND id = ?", org_id, cred_id)
        )

    # -- actions ------------------------------------------------------------------------
    def actions(self, org_id: str) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
        """(published, draft) documents of every action of the org, oldest first."""
        rows = self._all(
            "SELECT published, draft FROM actions WHERE org_id = ? ORDER BY created", org_id
        )
        return [(_load(r["published"]), _load(r["draft"])) for r in rows]

    def action(
        self, org_id: str, action_id: str
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None] | None:
        row = self._one(
            "SELECT published, draft FROM actions WHERE org_id = ? AND id = ?", org_id, action_id
        )
        return (_load(row["published"]), _load(row["draft"])) if row else None

    def action_texts(self, org_id: str, action_id: str) -> tuple[str | None, str | None] | None:
        """(published, draft) JSON texts of one action, unparsed (callers cache by text)."""
        row = self._one(
            "SELECT published, draft FROM actions WHERE org_id = ? AND id = ?", org_id, action_id
        )
        return (row["published"], row["draft"]) if row else None

    def put_action(
        self,
        org_id: str,
        action_id: str,
        integration_id: str,
        published: dict[str, Any] | None,
        draft: dict[str, Any] | None,
    ) -> None:
        if published is None and draft is None:
            self.delete_action(org_id, action_id)
            return
        self._run(
            "INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "published = excluded.published, draft = excluded.draft, "
            "integration_id = excluded.integration_id",
            action_id,
            org_id,
            integration_id,
            _dump(published),
            _dump(draft),
            time.time(),
        )

    def delete_action(self, org_id: str, action_id: str) -> bool:
        return bool(self._run("DELETE FROM actions WHERE org_id = ? AND id = ?", org_id, action_id))


def _load(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


def _dump(doc: dict[str, Any] | None) -> str | None:
    return json.dumps(doc) if doc is not None else None
