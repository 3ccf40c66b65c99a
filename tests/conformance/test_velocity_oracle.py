"""Differential test: our Velocity engine against Apache Velocity 1.7 (Java)."""

from __future__ import annotations

import copy
import os

import pytest

from tests.conformance import oracle_client
from tests.conformance.velocity_cases import all_cases
from tui.runtime.velocity import (
    VelocityError,
    VelocitySyntaxError,
    genesys_tools,
    parse,
)

pytestmark = pytest.mark.oracle

TOOLS = {k: v for k, v in genesys_tools().items() if k in ("esc", "math")}


def _ours(case: dict) -> dict:
    try:
        out = parse(case["template"]).render({**copy.deepcopy(case["context"]), **TOOLS})
    except VelocitySyntaxError:
        return {"ok": False, "error": "ParseErrorException"}
    except VelocityError:
        return {"ok": False, "error": "runtime"}
    return {"ok": True, "output": out}


def _agree(java: dict, ours: dict) -> bool:
    if java["ok"] or ours["ok"]:
        return java["ok"] == ours["ok"] and java.get("output") == ours.get("output")
    return (java["error"] == "ParseErrorException") == (ours["error"] == "ParseErrorException")


@pytest.fixture(scope="module")
def answers() -> tuple[list[dict], list[dict]]:
    why = oracle_client.available()
    if why:
        if os.environ.get("CI") or os.environ.get("DATAACTION_REQUIRE_ORACLE"):
            pytest.fail(f"Velocity oracle unavailable ({why}): run make oracle")
        pytest.skip(why)
    cases = all_cases()
    return cases, oracle_client.run_batch("VelocityOracle", cases)


def test_engine_agrees_with_velocity_1_7(answers: tuple[list[dict], list[dict]]) -> None:
    cases, java = answers
    assert len(cases) >= 1200
    diffs = []
    for case, expected in zip(cases, java, strict=True):
        got = _ours(case)
        if not _agree(expected, got):
            diffs.append((case["template"], expected, got))
    rate = 1 - len(diffs) / len(cases)
    print(f"\nVelocity agreement: {rate:.4%} over {len(cases)} cases ({len(diffs)} differ)")
    for template, expected, got in diffs[:15]:
        print(f"--- {template!r}\n    java: {expected}\n    ours: {got}")
    assert rate >= 0.995


def test_error_cases_fail_in_both(answers: tuple[list[dict], list[dict]]) -> None:
    cases, java = answers
    failures = [(c, j) for c, j in zip(cases, java, strict=True) if not j["ok"]]
    assert failures, "the suite must contain failing templates"
    assert sum(not _ours(c)["ok"] for c, _ in failures) >= 0.95 * len(failures)
