"""Differential test: our JSONPath engine against Jayway json-path 2.9.0 (the real jar).

Two families: seeded random paths over varied documents, and paths in the shapes of public
Genesys actions. Jayway 2.0.0 answers the same cases only to count where versions differ, and
the version table of DIVERGENCES.md is checked against both jars.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from tests.conformance import oracle_client
from tests.conformance.jsonpath_cases import generate_cases, genesys_cases
from tui.runtime import jsontext
from tui.runtime.jsonpath import (
    CompiledPath,
    JsonPathEvaluationError,
    JsonPathSyntaxError,
    PathNotFoundError,
    compile_path,
)
from tui.runtime.jsontext import parse_json, to_json_text
from tui.runtime.response_document import ResponseDocument

pytestmark = pytest.mark.oracle

REQUIRED_AGREEMENT = 0.999
VERSION = oracle_client.JAYWAY


def _require_oracle() -> None:
    missing = oracle_client.available()
    if missing:
        if os.environ.get("CI") or os.environ.get("DATAACTION_REQUIRE_ORACLE"):
            pytest.fail(f"Java oracle unavailable ({missing}): run make oracle")
        pytest.skip(f"Java oracle unavailable: {missing}")


@pytest.fixture(scope="module")
def cases_and_answers() -> tuple[list[dict], list[dict]]:
    _require_oracle()
    cases = generate_cases()
    return cases, oracle_client.run_batch("JsonPathOracle", cases, VERSION)


@pytest.fixture(scope="module")
def genesys_answers() -> tuple[list[dict], list[dict]]:
    _require_oracle()
    cases = genesys_cases()
    return cases, oracle_client.run_batch("JsonPathOracle", cases, VERSION)


def _oracle_outcome(answer: dict) -> tuple:
    if answer["ok"]:
        return ("ok", answer["definite"], answer["result"])
    if "definite" not in answer:  # JsonPath.compile itself failed
        return ("rejected",)
    return ("error", answer["error"])


def _built(json_text: str, path: CompiledPath) -> Any:
    """The whole document built, then the path evaluated on it."""
    return path.evaluate(parse_json(json_text))


def _indexed(json_text: str, path: CompiledPath) -> Any:
    """What an execution on a large body does: only the part the path reads is built (the
    bodies here are small, which `_built` covers; the index is forced for them)."""
    with mock.patch.object(jsontext, "SMALL_BODY", 0):
        document = ResponseDocument(json_text.encode())
    return document.read(path)


# Both readers must give Jayway's answer to every case.
READERS = pytest.mark.parametrize("read", [_built, _indexed], ids=["built", "indexed"])


def _our_outcome(case: dict, read: Callable[[str, CompiledPath], Any] = _built) -> tuple:
    try:
        compiled = compile_path(case["path"])
    except JsonPathEvaluationError:
        raise
    except JsonPathSyntaxError:
        return ("rejected",)
    try:
        result = read(case["json"], compiled)
    except PathNotFoundError:
        return ("error", "PathNotFoundException")
    except JsonPathEvaluationError as exc:
        return ("error", exc.java_exception)
    return ("ok", compiled.is_definite, to_json_text(result))


def test_generator_is_large_and_varied(cases_and_answers) -> None:
    cases, answers = cases_and_answers
    kinds = {_oracle_outcome(a)[0] for a in answers}
    assert len(cases) >= 3000
    assert kinds == {"ok", "rejected", "error"}
    assert sum(a["ok"] and a["result"] not in ("[]",) for a in answers) > len(cases) // 3


def _agreement(cases: list[dict], answers: list[dict], label: str, read: Callable) -> None:
    differing = []
    for case, answer in zip(cases, answers, strict=True):
        expected, actual = _oracle_outcome(answer), _our_outcome(case, read)
        if expected != actual:
            differing.append((case, expected, actual))
    rate = 1 - len(differing) / len(cases)
    print(f"\nJSONPath agreement with Jayway {VERSION} ({label}): {rate:.2%} of {len(cases)}")
    for case, expected, actual in differing[:15]:
        print(f"  path {case['path']!r}\n    jayway {expected}\n    ours   {actual}")
    assert rate >= REQUIRED_AGREEMENT, f"{len(differing)} cases differ"


@READERS
def test_agreement_with_jayway(cases_and_answers, read) -> None:
    _agreement(*cases_and_answers, f"generated, {read.__name__}", read)


@READERS
def test_agreement_on_genesys_shaped_actions(genesys_answers, read) -> None:
    cases, answers = genesys_answers
    assert len(cases) >= 500
    ok = [a for a in answers if a["ok"] and a["result"] not in ("[]", "null")]
    # Each document answers the paths written for its kind (the others mostly miss).
    assert len(ok) > len(cases) // 6, "the family must find values, not only misses"
    _agreement(cases, answers, f"Genesys-shaped, {read.__name__}", read)


def _version_table() -> list[tuple[str, str, str, str]]:
    """Rows of DIVERGENCES.md's version table: path, document, 2.0.0 answer, 2.9.0 answer."""
    text = (Path(__file__).parent / "DIVERGENCES.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) >= 5 and cells[0].startswith("`") and cells[1].startswith("`"):
            rows.append(tuple(c.strip("`") for c in cells[:4]))
    return rows  # type: ignore[return-value]


def _answer_text(answer: dict) -> str:
    return (
        answer["result"]
        if answer["ok"]
        else ("rejected" if "definite" not in answer else answer["error"])
    )


def test_version_table_matches_both_jars() -> None:
    _require_oracle()
    rows = _version_table()
    assert len(rows) >= 10
    cases = [{"path": r[0], "json": r[1]} for r in rows]
    old = oracle_client.run_batch("JsonPathOracle", cases, oracle_client.JAYWAY_OLD)
    new = oracle_client.run_batch("JsonPathOracle", cases, VERSION)
    for row, a_old, a_new, case in zip(rows, old, new, cases, strict=True):
        assert (_answer_text(a_old), _answer_text(a_new)) == (row[2], row[3]), row[0]
        ours = _our_outcome(case)
        assert ours == _oracle_outcome(a_new), row[0]


def test_versions_differ_where_reported(cases_and_answers) -> None:
    """How many generated cases 2.0.0 answers differently (quoted in DIVERGENCES.md)."""
    cases, answers = cases_and_answers
    old = oracle_client.run_batch("JsonPathOracle", cases, oracle_client.JAYWAY_OLD)
    differ = sum(
        _oracle_outcome(a) != _oracle_outcome(b) for a, b in zip(answers, old, strict=True)
    )
    print(f"\nJayway 2.0.0 answers {differ} of {len(cases)} generated cases differently")
    assert differ > len(cases) // 10


@READERS
def test_large_documents_agree(read) -> None:
    """Thousands of objects (Debian's patched json-smart refused more than ~400)."""
    _require_oracle()
    import json

    items = [
        {
            "id": f"i-{k}",
            "n": k % 17,
            "purpose": ["agent", "customer"][k % 2],
            "tags": ["a"] * (k % 3),
        }
        for k in range(20_000)
    ]
    text = json.dumps({"items": items, "total": len(items)})
    assert len(text) > 1_000_000
    paths = [
        "$.items.length()",
        "$.items[?(@.n > 15)].id",
        '$.items[?(@.purpose == "agent" && @.tags.length() == 2)].id',
        "$..n.sum()",
        "$.items[-1].id",
        "$.items[?(@.purpose in ['customer'])].n.max()",
    ]
    cases = [{"path": p, "json": text} for p in paths]
    answers = oracle_client.run_batch("JsonPathOracle", cases, VERSION)
    # (the last path fails in Jayway too: `.max()` runs on each matched number, not a list)
    assert sum(a["ok"] for a in answers) == len(paths) - 1
    for case, answer in zip(cases, answers, strict=True):
        assert _our_outcome(case, read) == _oracle_outcome(answer), case["path"]
