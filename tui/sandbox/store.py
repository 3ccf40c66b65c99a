"""SQLite persistence for the sandbox: orgs, OAuth clients, tokens, integrations, credentials,
actions. Documents are stored as JSON text; every row belongs to an org.

One connection (WAL, autocommit) shared by the server's threads behind a lock: the sandbox is a
single-user local tool, and SQLite calls here take microseconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.model.problems import DataActionError

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
"""

# Per side (p_ published, d_ draft) of an action, the fields listings filter and sort on, so a
# page or a name check reads an index instead of parsing every action of the org. Lower-cased in
# Python (SQLite's lower() knows ASCII only). Added to older databases on open.
SIDE_FIELDS = ("key", "lname", "category", "lcategory", "secure", "version")
# The name indexes walk a default page (by name, ties in creation order) in order, both ways:
# a page reads its own rows only, whatever the org's size. They lead with org_id, so the plain
# org indexes of older databases only slowed writes: dropped.
INDEXES = """
DROP INDEX IF EXISTS actions_org;
DROP INDEX IF EXISTS actions_org_created;
CREATE INDEX IF NOT EXISTS actions_p_key ON actions(org_id, p_key);
CREATE INDEX IF NOT EXISTS actions_d_key ON actions(org_id, d_key);
CREATE INDEX IF NOT EXISTS actions_p_name ON actions(org_id, p_lname, created);
CREATE INDEX IF NOT EXISTS actions_p_name_desc ON actions(org_id, p_lname DESC, created);
CREATE INDEX IF NOT EXISTS actions_d_name ON actions(org_id, d_lname, created);
CREATE INDEX IF NOT EXISTS actions_d_name_desc ON actions(org_id, d_lname DESC, created);
"""
# Custom auth actions' ids start so (see auth_actions.py); listings leave them out unless asked.
AUTH_PREFIX = "customAuth_-_"
_IS_AUTH = f"(substr({{row}}.id, 1, {len(AUTH_PREFIX)}) = '{AUTH_PREFIX}')"
# An unfiltered listing's `total` without counting the org: the number of actions and of drafts
# per org, kept by triggers (so any writer of the file keeps it right). A side is present when
# its name column is set, as listings test it.
COUNTS = """
CREATE TABLE action_counts (
    org_id TEXT NOT NULL, side TEXT NOT NULL, auth INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (org_id, side, auth)) WITHOUT ROWID;
CREATE TRIGGER actions_count_insert AFTER INSERT ON actions BEGIN {add} END;
CREATE TRIGGER actions_count_delete AFTER DELETE ON actions BEGIN {remove} END;
CREATE TRIGGER actions_count_update AFTER UPDATE OF id, org_id, p_lname, d_lname ON actions
BEGIN {remove} {add} END;
INSERT INTO action_counts
    SELECT org_id, side, auth, count(*) FROM (
        SELECT org_id, 'p' AS side, {new_auth} AS auth FROM actions AS NEW
        WHERE p_lname IS NOT NULL
        UNION ALL
        SELECT org_id, 'd', {new_auth} FROM actions AS NEW WHERE d_lname IS NOT NULL)
    GROUP BY org_id, side, auth;
""".format(
    add=" ".join(
        f"INSERT INTO action_counts VALUES (NEW.org_id, '{x}', {_IS_AUTH.format(row='NEW')}, "
        f"NEW.{x}_lname IS NOT NULL) ON CONFLICT DO UPDATE SET n = n + excluded.n;"
        for x in "pd"
    ),
    remove=" ".join(
        f"UPDATE action_counts SET n = n - (OLD.{x}_lname IS NOT NULL) WHERE org_id = OLD.org_id "
        f"AND side = '{x}' AND auth = {_IS_AUTH.format(row='OLD')};"
        for x in "pd"
    ),
    new_auth=_IS_AUTH.format(row="NEW"),
)
# One indexed lookup per side (an OR of both would scan the org).
NAME_TAKEN = (
    "SELECT 1 FROM actions WHERE org_id = ? AND p_key = ? AND id IS NOT ? UNION ALL "
    "SELECT 1 FROM actions WHERE org_id = ? AND d_key = ? AND id IS NOT ? LIMIT 1"
)
SORT_COLUMNS = {
    "name": "{x}_lname",
    "category": "{x}_lcategory",
    "id": "lower(id)",
    "version": "{x}_version",
    "integrationId": "lower(integration_id)",
    "secure": "{x}_secure",
}


def name_key(name: str) -> str:
    """Action names are unique per org ignoring case and surrounding blanks."""
    return name.strip().lower()


def _side(doc: dict[str, Any] | None) -> tuple[Any, ...]:
    if doc is None:
        return (None,) * len(SIDE_FIELDS)
    category = doc.get("category")
    return (
        name_key(doc["name"]),
        doc["name"].lower(),
        category,
        category.lower() if isinstance(category, str) else None,
        int(bool(doc.get("secure"))),
        doc.get("version"),
    )


def _private_file(path: Path) -> None:
    """Create the database file 0600 in a 0700 folder (it holds credential values and client
    secret hashes); an existing one open to others is narrowed to its owner."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.exists():
        if not path.is_file():
            raise OSError(0, "it is not a regular file")
        mode = path.stat().st_mode
        if mode & 0o077 and path.stat().st_uid == os.getuid():
            os.chmod(path, mode & 0o700)
        return
    with contextlib.suppress(FileExistsError):  # another process made it first
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


class Store:
    """The sandbox database."""

    def __init__(self, path: str | Path) -> None:
        try:
            self._open(path)
        except (sqlite3.Error, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise DataActionError.single(
                f"cannot use {path} as the sandbox database: {reason}",
                field="--sandbox-db",
                hint="give the path of a new or existing sandbox .db file in a writable folder",
            ) from None

    def _open(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            _private_file(Path(self.path))
        self._depth = 0
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            self._db.execute("PRAGMA busy_timeout=5000")
            self._setup_with_retries()

    def _setup_with_retries(self, seconds: float = 10.0) -> None:
        """Switch to WAL and create the schema. Two first runs at once race here, and SQLite
        answers the loser's journal-mode switch with "database is locked" at once, without
        waiting (it would deadlock otherwise): the loser retries until the winner is done."""
        until = time.monotonic() + seconds
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(SCHEMA)
                self._index_actions()
                self._db.executescript(INDEXES)
                self._count_actions()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > until:
                    raise
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                time.sleep(0.02)

    def _index_actions(self) -> None:
        """Add and fill the listing columns on a database written before they existed. The
        columns are looked at again inside the write transaction: two processes opening a new
        file at once (a command and the sandbox process it starts) both find them missing
        before, and only the first may add them."""
        if not self._missing_columns():
            return
        with self.transaction():
            for column in self._missing_columns():
                self._db.execute(f"ALTER TABLE actions ADD COLUMN {column}")
            rows = self._db.execute("SELECT id, published, draft FROM actions").fetchall()
            for row in rows:
                self._db.execute(
                    f"UPDATE actions SET {_SIDE_SET} WHERE id = ?",
                    (*_side(_load(row["published"])), *_side(_load(row["draft"])), row["id"]),
                )

    def _missing_columns(self) -> list[str]:
        have = {r["name"] for r in self._db.execute("PRAGMA table_info(actions)")}
        return [f"{x}_{f}" for x in "pd" for f in SIDE_FIELDS if f"{x}_{f}" not in have]

    def _count_actions(self) -> None:
        """Create the per-org counts and their triggers, counting the actions already there
        (one transaction: a writer in another process waits, then finds them kept)."""
        with self.transaction():
            if not self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'action_counts'"
            ).fetchone():
                for statement in filter(str.strip, COUNTS.split(";\n")):
                    self._db.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken before reading (BEGIN IMMEDIATE): a check and the write
        it allows cannot interleave with another process's on the same file. Reentrant."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0
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
        """The credential and its fields as stored: names readable, values sealed."""
        row = self._one(
            "SELECT doc, fields FROM credentials WHERE org_id = ? AND id = ?", org_id, cred_id
        )
        return (json.loads(row["doc"]), json.loads(row["fields"])) if row else None

    def put_credential(self, org_id: str, doc: dict[str, Any], fields: dict[str, str]) -> None:
        """Store a credential; its values are sealed (see sealing.py), never kept in clear."""
        from .sealing import seal

        self._run(
            "INSERT INTO credentials VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "doc = excluded.doc, fields = excluded.fields",
            doc["id"],
            org_id,
            json.dumps(doc),
            json.dumps(seal(fields)),
        )

    def delete_credential(self, org_id: str, cred_id: str) -> bool:
        return bool(
            self._run("DELETE FROM credentials WHERE org_id = ? AND id = ?", org_id, cred_id)
        )

    # -- actions ------------------------------------------------------------------------
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
        columns = ", ".join(_SIDE_COLUMNS)
        self._run(
            f"INSERT INTO actions (id, org_id, integration_id, published, draft, created, "
            f"{columns}) VALUES ({', '.join('?' * (6 + len(_SIDE_COLUMNS)))}) "
            "ON CONFLICT(id) DO UPDATE SET published = excluded.published, "
            "draft = excluded.draft, integration_id = excluded.integration_id, "
            + ", ".join(f"{c} = excluded.{c}" for c in _SIDE_COLUMNS),
            action_id,
            org_id,
            integration_id,
            _dump(published),
            _dump(draft),
            time.time(),
            *_side(published),
            *_side(draft),
        )

    def name_taken(self, org_id: str, name: str, except_id: str | None) -> bool:
        """Whether another action (published or draft) of the org has this name."""
        key = name_key(name)
        row = self._one(NAME_TAKEN, org_id, key, except_id, org_id, key, except_id)
        return row is not None

    def action_page(
        self,
        org_id: str,
        *,
        drafts: bool,
        offset: int,
        limit: int,
        name: str | None = None,
        category: str | None = None,
        ids: set[str] | None = None,
        secure: bool | None = None,
        sort_by: str = "name",
        descending: bool = False,
        include_auth: bool = True,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, one page of documents) of the org's actions or drafts.

        Sorted as `paging.sort` sorts: missing values last (first when descending), ties in
        creation order.
        """
        x = "d" if drafts else "p"
        where = ["org_id = ?", f"{x}_lname IS NOT NULL"]
        args: list[Any] = [org_id]
        if name:
            where.append(f"instr({x}_lname, ?) > 0")
            args.append(name.lower())
        if category:
            where.append(f"{x}_lcategory = ?")
            args.append(category.lower())
        if ids is not None:
            where.append(f"id IN ({', '.join('?' * len(ids))})")
            args.extend(sorted(ids))
        if secure is not None:
            where.append(f"{x}_secure = ?")
            args.append(int(secure))
        filtered = len(where) > 2
        if not include_auth:  # custom auth actions (see auth_actions.py) only when asked
            where.append(f"NOT {_IS_AUTH.format(row='actions')}")
        condition = " AND ".join(where)
        column = SORT_COLUMNS[sort_by].format(x=x)
        order = "DESC" if descending else "ASC"
        # A name is never missing, and without the IS NULL term the name indexes give the order.
        nulls = "" if sort_by == "name" else f"({column} IS NULL) {order}, "
        with self._lock:
            if filtered:
                total = self._db.execute(
                    f"SELECT count(*) FROM actions WHERE {condition}", args
                ).fetchone()[0]
            else:
                total = self._db.execute(
                    "SELECT coalesce(sum(n), 0) FROM action_counts "
                    "WHERE org_id = ? AND side = ? AND auth <= ?",
                    (org_id, x, int(include_auth)),
                ).fetchone()[0]
            rows = self._db.execute(
                f"SELECT {'draft' if drafts else 'published'} AS doc FROM actions "
                f"WHERE {condition} ORDER BY {nulls}{column} {order}, created, rowid "
                "LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return total, [json.loads(r["doc"]) for r in rows]

    def action_categories(self, org_id: str, secure: bool | None) -> list[str]:
        """The distinct categories of the org's published actions."""
        sql = "SELECT DISTINCT p_category FROM actions WHERE org_id = ? AND p_category != ''"
        args: list[Any] = [org_id]
        if secure is not None:
            sql += " AND p_secure = ?"
            args.append(int(secure))
        return [r["p_category"] for r in self._all(sql, *args)]

    def delete_action(self, org_id: str, action_id: str) -> bool:
        return bool(self._run("DELETE FROM actions WHERE org_id = ? AND id = ?", org_id, action_id))


_SIDE_COLUMNS = tuple(f"{x}_{f}" for x in "pd" for f in SIDE_FIELDS)
_SIDE_SET = ", ".join(f"{c} = ?" for c in _SIDE_COLUMNS)


def _load(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


def _dump(doc: dict[str, Any] | None) -> str | None:
    return json.dumps(doc) if doc is not None else None
