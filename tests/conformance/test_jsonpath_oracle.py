"""Differential test: our JSONPath engine against Jayway json-path 2.0.0 (the real jar)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import oracle_client
from jsonpath_cases import generate_cases

from tui.runtime.jsonpath import (
    JsonPathEvaluationError,
    JsonPathSyntaxError,
    PathNotFoundError,
    compile_path,
)
from tui.runtime.jsontext import parse_json, to_json_text

pytestmark = pytest.mark.oracle

REQUIRED_AGREEMENT = 0.995
VERSION = oracle_client.JAYWAY_OLD  # switched to JAYWAY with the 2.9.0 runtime


@pytest.fixture(scope="module")
def cases_and_answers() -> tuple[list[dict], list[dict]]:
    missing = oracle_client.available()
    if missing:
        if os.environ.get("CI") or os.environ.get("DATAACTION_REQUIRE_ORACLE"):
            pytest.fail(f"Java oracle unavailable ({missing}): run make oracle")
        pytest.skip(f"Java oracle unavailable: {missing}")
    cases = generate_cases()
    return cases, oracle_client.run_batch("JsonPathOracle", cases, VERSION)


def _oracle_outcome(answer: dict) -> tuple:
    if answer["ok"]:
        return ("ok", answer["definite"], answer["result"])
    if "definite" not in answer:  # JsonPath.compile itself failed
        return ("rejected",)
    return ("error", answer["error"])


def _our_outcome(case: dict) -> tuple:
    try:
        compiled = compile_path(case["path"])
    except JsonPathEvaluationError:
        raise
    except JsonPathSyntaxError:
        return ("rejected",)
    try:
        result = compiled.evaluate(parse_json(case["json"]))
    except PathNotFoundError:
        return ("error", "PathNotFoundException")
    except JsonPathEvaluationError as exc:
        return ("error", exc.java_exception)
    return ("ok", compiled.is_definite, to_json_text(result))


def test_generator_is_large_and_varied(cases_and_answers) -> None:
    cases, answers = cases_and_answers
    kinds = {_oracle_outcome(a)[0] for a in answers}
    assert len(cases) >= 1000
    assert kinds == {"ok", "rejected", "error"}
    assert sum(a["ok"] and a["result"] not in ("[]",) for a in answers) > len(cases) // 3


def test_agreement_with_jayway(cases_and_answers) -> None:
    cases, answers = cases_and_answers
    differing = []
    for case, answer in zip(cases, answers, strict=True):
        expected, actual = _oracle_outcome(answer), _our_outcome(case)
        if expected != actual:
            differing.append((case, expected, actual))
    rate = 1 - len(differing) / len(cases)
    print(f"\nJSONPath agreement with Jayway 2.0.0: {rate:.2%} of {len(cases)} cases")
    for case, expected, actual in differing[:15]:
        print(f"  path {case['path']!r}\n    jayway {expected}\n    ours   {actual}")
    assert rate >= REQUIRED_AGREEMENT, f"{len(differing)} cases differ"
