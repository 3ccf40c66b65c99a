"""A default action page costs the same in any org: its rows come from a name index in order and
its `total` from per-org counts that triggers keep, never from sorting or counting the org."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tui.sandbox.store import AUTH_PREFIX, Store

ORG = "org-1"


def action(action_id: str, name: str, version: int = 1) -> dict[str, Any]:
    return {"id": action_id, "name": name, "integrationId": "i", "version": version}


def truth(store: Store, org: str, *, drafts: bool, include_auth: bool) -> int:
    """The total by reading every row of the org."""
    return sum(
        (row["draft"] if drafts else row["published"]) is not None
        and (include_auth or not row["id"].startswith(AUTH_PREFIX))
        for row in store._all("SELECT id, published, draft FROM actions WHERE org_id = ?", org)
    )


def assert_totals_agree(store: Store) -> None:
    """The kept count (no filter) and a counted one (a name filter every name here matches:
    they all have a blank) both say what the rows say."""
    for org in ("org-1", "org-2"):
        for drafts in (False, True):
            for include_auth in (False, True):
                expected = truth(store, org, drafts=drafts, include_auth=include_auth)
                for name in (None, " "):
                    total, _ = store.action_page(
                        org, drafts=drafts, offset=0, limit=1, name=name, include_auth=include_auth
                    )
                    assert total == expected, (org, drafts, include_auth, name)


def test_totals_stay_right_through_creates_publishes_renames_and_deletes(tmp_path: Path) -> None:
    rng = random.Random(12)
    store = Store(tmp_path / "s.db")
    live: dict[str, tuple[str, dict[str, Any] | None, dict[str, Any] | None]] = {}
    for step in range(400):
        roll = rng.random()
        if roll < 0.45 or not live:
            org = rng.choice(["org-1", "org-2"])
            prefix = AUTH_PREFIX if rng.random() < 0.15 else "custom_-_"
            action_id = f"{prefix}{step}"
            doc = action(action_id, f"Action {step}")
            published, draft = rng.choice([(doc, None), (None, doc), (doc, dict(doc))])
            live[action_id] = (org, published, draft)
        else:
            action_id = rng.choice(sorted(live))
            org, published, draft = live[action_id]
            kind = rng.choice(["publish", "drop draft", "new draft", "rename", "delete"])
            if kind == "delete":
                del live[action_id]
                assert store.delete_action(org, action_id)
                continue
            if kind == "publish" and draft is not None:
                published, draft = draft, None
            elif kind == "drop draft" and published is not None:
                draft = None
            elif kind == "new draft" and published is not None:
                draft = dict(published, version=2)
            elif kind == "rename":
                side = published or draft
                assert side is not None
                side["name"] = f"Renamed {step}"
            live[action_id] = (org, published, draft)
        store.put_action(org, action_id, "i", published, draft)
        if step % 50 == 0:
            assert_totals_agree(store)
    assert_totals_agree(store)
    # a writer that knows nothing of the counts (another process, an older version) keeps them
    other = sqlite3.connect(tmp_path / "s.db")
    other.execute(
        "INSERT INTO actions (id, org_id, integration_id, published, created, p_lname) "
        "VALUES ('custom_-_raw', 'org-2', 'i', '{}', 0, 'raw one')"
    )
    other.execute("DELETE FROM actions WHERE org_id = 'org-1' AND draft IS NOT NULL")
    other.commit()
    other.close()
    assert_totals_agree(store)


def plans(store: Store, **page: Any) -> list[str]:
    """The query plans of the statements one action_page runs."""
    seen: list[str] = []
    real = store._db

    class Explaining:
        def execute(self, sql: str, args: Any = ()) -> sqlite3.Cursor:
            plan = real.execute("EXPLAIN QUERY PLAN " + sql, args).fetchall()
            seen.append(" / ".join(r["detail"] for r in plan))
            return real.execute(sql, args)

    store._db = Explaining()  # type: ignore[assignment]
    try:
        store.action_page(ORG, offset=5, limit=5, **page)
    finally:
        store._db = real
    return seen


@pytest.mark.parametrize("drafts", [False, True])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("include_auth", [False, True])
def test_a_default_page_reads_an_index_in_order_and_the_kept_count(
    tmp_path: Path, drafts: bool, descending: bool, include_auth: bool
) -> None:
    store = Store(tmp_path / "s.db")
    for i in range(30):
        doc = action(f"custom_-_{i}", f"Action {i}")
        store.put_action(ORG, doc["id"], "i", None if drafts else doc, doc if drafts else None)
    count, page = plans(store, drafts=drafts, descending=descending, include_auth=include_auth)
    assert count.startswith("SEARCH action_counts USING PRIMARY KEY"), count
    side = "d" if drafts else "p"
    index = f"actions_{side}_name" + ("_desc" if descending else "")
    assert page.startswith(f"SEARCH actions USING INDEX {index} (org_id=? AND"), page
    assert "TEMP B-TREE" not in page and "SCAN" not in page, page


def test_a_filtered_page_counts_only_what_matches(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    for i in range(30):
        doc = action(f"custom_-_{i}", f"Action {i}" + (" weather" if i % 3 == 0 else ""))
        store.put_action(ORG, doc["id"], "i", doc, None)
    total, page = store.action_page(ORG, drafts=False, offset=0, limit=3, name="WEATHER")
    assert total == 10
    assert [d["name"] for d in page] == [
        "Action 0 weather",
        "Action 12 weather",
        "Action 15 weather",
    ]


def listed(store: Store) -> tuple[int, list[dict[str, Any]]]:
    """The first page of published actions, as listed by default (no auth actions)."""
    return store.action_page(ORG, drafts=False, offset=0, limit=25, include_auth=False)


# The schema the previous release wrote (listing columns, org indexes, no counts).
OLD_SCHEMA = """
CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE actions (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, integration_id TEXT NOT NULL,
    published TEXT, draft TEXT, created REAL NOT NULL,
    p_key, p_lname, p_category, p_lcategory, p_secure, p_version,
    d_key, d_lname, d_category, d_lcategory, d_secure, d_version);
CREATE INDEX actions_org ON actions(org_id);
CREATE INDEX actions_org_created ON actions(org_id, created);
CREATE INDEX actions_p_key ON actions(org_id, p_key);
CREATE INDEX actions_d_key ON actions(org_id, d_key);
"""


def test_a_database_from_the_previous_schema_is_counted_and_indexed_on_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    rows = [
        ("custom_-_b", "Beta", True, False),
        ("custom_-_a", "Alpha", True, True),
        ("custom_-_c", "Gamma draft", False, True),
        (f"{AUTH_PREFIX}x", "Web Custom Auth", True, False),
    ]
    for n, (action_id, name, published, draft) in enumerate(rows):
        doc = json.dumps(action(action_id, name))
        db.execute(
            "INSERT INTO actions (id, org_id, integration_id, published, draft, created, "
            "p_key, p_lname, d_key, d_lname) VALUES (?, ?, 'i', ?, ?, ?, ?, ?, ?, ?)",
            (
                action_id,
                ORG,
                doc if published else None,
                doc if draft else None,
                float(n),
                *((name.lower(), name.lower()) if published else (None, None)),
                *((name.lower(), name.lower()) if draft else (None, None)),
            ),
        )
    db.commit()
    db.close()

    store = Store(path)
    total, page = listed(store)
    assert total == 2 and [d["name"] for d in page] == ["Alpha", "Beta"]
    assert store.action_page(ORG, drafts=False, offset=0, limit=25, include_auth=True)[0] == 3
    assert store.action_page(ORG, drafts=True, offset=0, limit=25)[0] == 2
    indexes = {r["name"] for r in store._all("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"actions_p_name", "actions_d_name_desc"} <= indexes
    assert not {"actions_org", "actions_org_created"} & indexes
    store.put_action(ORG, "custom_-_d", "i", action("custom_-_d", "Delta"), None)
    store.delete_action(ORG, "custom_-_b")
    total, page = listed(store)
    assert total == 2 and [d["name"] for d in page] == ["Alpha", "Delta"]
    store.close()
    # opened again: counted once, not twice
    assert listed(Store(path))[0] == 2
