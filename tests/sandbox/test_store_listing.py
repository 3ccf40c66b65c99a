"""Action listings and name checks read indexed columns, agreeing with the in-memory rules."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tui.sandbox import paging
from tui.sandbox.actions import SORTABLE
from tui.sandbox.store import NAME_TAKEN, Store

ORG = "org-1"
NAMES = ["Get user", "get USER by id", "Météo du jour", "Zeta", "alpha", " Beta ", "ÄPFEL", "x"]
CATEGORIES = [None, "", "Weather", "weather", "CRM", "Météo"]


def doc(i: int, rng: random.Random) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": f"custom_-_{i:04}",
        "name": f"{rng.choice(NAMES)} {i}",
        "integrationId": rng.choice(["int-b", "int-A"]),
        "version": rng.randint(1, 12),
        "secure": rng.random() < 0.3,
    }
    category = rng.choice(CATEGORIES)
    if category is not None:
        d["category"] = category
    return d


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Store, list[dict[str, Any]]]:
    rng = random.Random(7)
    store = Store(tmp_path / "s.db")
    docs = [doc(i, rng) for i in range(60)]
    for d in docs:
        store.put_action(ORG, d["id"], d["integrationId"], d, None)
    store.put_action("other-org", "custom_-_other", "int-b", doc(99, rng), None)
    return store, docs


@pytest.mark.parametrize("sort_by", SORTABLE)
@pytest.mark.parametrize("order", ["ASC", "DESC"])
def test_pages_match_sorting_the_whole_org(
    filled: tuple[Store, list[dict[str, Any]]], sort_by: str, order: str
) -> None:
    store, docs = filled
    params = {"sortBy": sort_by, "sortOrder": order}
    if sort_by == "secure":  # the in-memory rule sorted booleans as padded text; ours: False first
        expected = sorted(docs, key=lambda d: d["secure"], reverse=order == "DESC")
    else:
        expected = paging.sort(docs, params, SORTABLE)
    got: list[dict[str, Any]] = []
    for offset in range(0, 60, 25):
        total, page = store.action_page(
            ORG, drafts=False, offset=offset, limit=25, sort_by=sort_by, descending=order == "DESC"
        )
        assert total == 60
        got += page
    assert [d["id"] for d in got] == [d["id"] for d in expected]


def test_filters_match_the_in_memory_rules(filled: tuple[Store, list[dict[str, Any]]]) -> None:
    store, docs = filled
    cases: list[tuple[dict[str, Any], Any]] = [
        ({"name": "USER"}, lambda d: "user" in d["name"].lower()),
        ({"name": "mété"}, lambda d: "mété" in d["name"].lower()),
        ({"category": "WEATHER"}, lambda d: (d.get("category") or "").lower() == "weather"),
        ({"category": "météo"}, lambda d: (d.get("category") or "") == "Météo"),
        ({"secure": True}, lambda d: d["secure"]),
        (
            {"ids": {"custom_-_0003", "custom_-_0042", "nope"}},
            lambda d: d["id"] in {"custom_-_0003", "custom_-_0042"},
        ),
    ]
    for filters, keep in cases:
        total, page = store.action_page(ORG, drafts=False, offset=0, limit=500, **filters)
        expected = paging.sort([d for d in docs if keep(d)], {}, SORTABLE)
        assert total == len(expected) > 0, filters
        assert [d["id"] for d in page] == [d["id"] for d in expected], filters


def test_categories_are_distinct_non_empty_and_per_org(
    filled: tuple[Store, list[dict[str, Any]]],
) -> None:
    store, docs = filled
    assert sorted(store.action_categories(ORG, None)) == sorted(
        {d["category"] for d in docs if d.get("category")}
    )
    assert set(store.action_categories(ORG, True)) == {
        d["category"] for d in docs if d.get("category") and d["secure"]
    }


def test_name_check_ignores_case_blanks_and_the_action_itself(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    a = {"id": "custom_-_a", "name": "Get User", "integrationId": "i", "version": 1}
    store.put_action(ORG, a["id"], "i", None, a)  # a draft only
    assert store.name_taken(ORG, "  get user ", None)
    assert not store.name_taken(ORG, "get user", "custom_-_a")
    assert not store.name_taken("other-org", "get user", None)
    plan = " ".join(
        str(r[-1])
        for r in store._all("EXPLAIN QUERY PLAN " + NAME_TAKEN, ORG, "x", None, ORG, "x", None)
    )
    assert "actions_p_key" in plan and "actions_d_key" in plan, plan


def test_a_database_from_before_the_index_columns_is_filled_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE actions (id TEXT PRIMARY KEY, org_id TEXT NOT NULL, "
        "integration_id TEXT NOT NULL, published TEXT, draft TEXT, created REAL NOT NULL);"
    )
    old = {"id": "custom_-_old", "name": "Old One", "integrationId": "i", "version": 3}
    db.execute(
        "INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?)",
        (old["id"], ORG, "i", json.dumps(old), None, 1.0),
    )
    db.commit()
    db.close()
    store = Store(path)
    assert store.name_taken(ORG, "old one", None)
    total, page = store.action_page(ORG, drafts=False, offset=0, limit=25, name="OLD")
    assert (total, page) == (1, [old])
    assert store.action_page(ORG, drafts=True, offset=0, limit=25) == (0, [])
