"""The saved sample responses: each parses (or is rejected clearly), is documented, and is shaped
like the API it imitates."""

from __future__ import annotations

import importlib.util
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from tui.model.action import Action
from tui.runtime.jsontext import parse_json
from tui.runtime.pipeline import CannedResponse, run_test

SAMPLES = Path(__file__).resolve().parents[2] / "sample_responses"
README = SAMPLES / "README.md"
DATA_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in (".json", ".html"))
JSON_FILES = [p for p in DATA_FILES if p.suffix == ".json"]


def load(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def readme_entries() -> dict[str, str]:
    """File name -> description, from the README's table rows."""
    rows = re.findall(r"^\|\s*`([^`]+)`\s*\|\s*(.+?)\s*\|\s*$", README.read_text(), re.M)
    return dict(rows)


def test_there_are_enough_samples() -> None:
    assert len(DATA_FILES) >= 10


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_each_sample_has_a_readme_line(path: Path) -> None:
    description = readme_entries().get(path.name, "")
    assert len(description) > 15, f"{path.name} needs a line in sample_responses/README.md"


def test_readme_lists_only_existing_files() -> None:
    missing = [name for name in readme_entries() if not (SAMPLES / name).is_file()]
    assert missing == []


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.name)
def test_json_samples_parse_with_our_parser_and_the_stdlib(path: Path) -> None:
    raw = path.read_bytes()
    ours = parse_json(raw)
    assert isinstance(ours, dict) and ours
    # json-smart keeps integers and doubles; equal to the stdlib's reading of the same text.
    assert ours == json.loads(raw)


def test_html_error_page_is_rejected_with_a_located_error() -> None:
    raw = (SAMPLES / "error_page.html").read_bytes()
    with pytest.raises(ValueError) as info:
        parse_json(raw)
    message = str(info.value)
    assert "line 1" in message and "column 1" in message


def test_html_error_page_fails_the_translation_step_clearly() -> None:
    action = Action.model_validate(
        {
            "name": "Probe",
            "config": {
                "request": {"requestUrlTemplate": "https://crm.example.com/x"},
                "response": {"translationMap": {"id": "$.id"}, "successTemplate": "${rawResult}"},
            },
        }
    )
    body = (SAMPLES / "error_page.html").read_bytes()
    result = run_test(action, {}, response=CannedResponse(body))
    assert result.success is False
    failed = result.operations[-1]
    assert failed.success is False and failed.name == "Resolve translation map"
    assert "not JSON" in result.error.message
    assert len(result.error.message) < 400  # one screen, not the whole page


def test_users_me_has_the_genesys_user_fields() -> None:
    user = load("genesys_users_me.json")
    for key in (
        "id",
        "name",
        "division",
        "chat",
        "department",
        "email",
        "primaryContactInfo",
        "addresses",
        "state",
        "username",
        "version",
        "acdAutoAnswer",
        "selfUri",
    ):
        assert key in user, key
    assert user["selfUri"] == f"/api/v2/users/{user['id']}"
    assert {c["mediaType"] for c in user["primaryContactInfo"]} == {"EMAIL", "PHONE"}


@pytest.mark.parametrize("name", ["genesys_users_page.json", "genesys_timezones.json"])
def test_paged_lists_are_consistent(name: str) -> None:
    page = load(name)
    for key in ("entities", "pageSize", "pageNumber", "total", "pageCount", "firstUri", "selfUri"):
        assert key in page, key
    assert len(page["entities"]) <= page["pageSize"]
    assert page["pageCount"] == math.ceil(page["total"] / page["pageSize"])
    assert f"pageNumber={page['pageNumber']}" in page["selfUri"]
    assert f"pageNumber={page['pageCount']}" in page["lastUri"]


def test_empty_result_is_empty() -> None:
    empty = load("empty_entities.json")
    assert empty["entities"] == [] and empty["total"] == 0 and "nextUri" not in empty


def test_crm_search_has_nested_arrays() -> None:
    crm = load("crm_accounts_search.json")
    phones = [p for a in crm["accounts"] for c in a["contacts"] for p in c["phones"]]
    assert len(crm["accounts"]) == crm["totalSize"] >= 2
    assert len(phones) >= 4 and all(p["number"].startswith("+") for p in phones)


def test_analytics_details_has_participants_sessions_segments() -> None:
    conv = load("analytics_conversation_details.json")
    purposes = [p["purpose"] for p in conv["participants"]]
    assert {"customer", "agent", "external"} <= set(purposes)
    segments = [seg for p in conv["participants"] for s in p["sessions"] for seg in s["segments"]]
    assert all("segmentType" in seg for seg in segments) and len(segments) >= 5


SCRIPTS = {
    "Cyrillic": (0x0400, 0x04FF),
    "Arabic": (0x0600, 0x06FF),
    "Hebrew": (0x0590, 0x05FF),
    "CJK": (0x4E00, 0x9FFF),
    "Hangul": (0xAC00, 0xD7AF),
    "Devanagari": (0x0900, 0x097F),
    "Greek": (0x0370, 0x03FF),
    "Thai": (0x0E00, 0x0E7F),
    "Hiragana/Katakana": (0x3040, 0x30FF),
    "emoji": (0x1F300, 0x1FAFF),
}


def test_unicode_sample_covers_many_scripts_emoji_and_rtl() -> None:
    text = (SAMPLES / "unicode_contacts.json").read_text(encoding="utf-8")
    points = {ord(ch) for ch in text} | {
        ord(ch) for ch in json.dumps(load("unicode_contacts.json"), ensure_ascii=False)
    }
    missing = [s for s, (lo, hi) in SCRIPTS.items() if not any(lo <= p <= hi for p in points)]
    assert missing == []
    assert 0x200D in points  # zero-width joiner (family and profession emoji)
    assert 0x200F in points  # right-to-left mark


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_large", SAMPLES / "generate_large.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_large_sample_is_over_a_megabyte_and_regenerates_identically() -> None:
    path = SAMPLES / "large_catalog.json"
    size = path.stat().st_size
    assert 1024 * 1024 < size <= 1_500_000
    assert _generator().render().encode("utf-8") == path.read_bytes()
