"""Bad files give one located, explained problem each, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model.formats import detect_format, load
from tui.model.problems import DataActionError


def problems_for(tmp_path: Path, name: str, text: str) -> list:
    f = tmp_path / name
    f.write_text(text)
    with pytest.raises(DataActionError) as info:
        load(f)
    return info.value.problems


def test_malformed_yaml_names_line(tmp_path: Path) -> None:
    [p] = problems_for(tmp_path, "a.yaml", "name: x\nrequest:\n  url: [unclosed\n")
    assert p.file.endswith("a.yaml") and p.line is not None and "YAML" in p.message


def test_unknown_field_in_spec_is_located(tmp_path: Path) -> None:
    [p] = problems_for(tmp_path, "a.yaml", "name: x\nrequest:\n  url: https://x\n  methd: GET\n")
    assert p.message == "unknown field 'methd'"
    assert p.field == "request.methd" and p.line == 4
    assert p.hint


def test_wrong_method_in_spec(tmp_path: Path) -> None:
    [p] = problems_for(tmp_path, "a.yaml", "name: x\nrequest:\n  method: FETCH\n  url: u\n")
    assert p.field == "request.method" and p.line == 3 and "GET" in p.message


def test_malformed_json(tmp_path: Path) -> None:
    [p] = problems_for(tmp_path, "a.json", '{"name": "x",\n "config": }')
    assert (p.line, p.column) == (2, 12)


def test_unknown_wire_field(tmp_path: Path) -> None:
    [p] = problems_for(
        tmp_path, "a.json", '{"name": "x",\n "config": {"request": {"requestUrl": "u"}}}'
    )
    assert p.field == "config.request.requestUrl" and p.line == 2


def test_custom_json_rejects_unknown_top_level(tmp_path: Path) -> None:
    [p] = problems_for(tmp_path, "a.custom.json", '{"name": "x", "id": "1"}')
    assert "unknown field 'id'" in p.message


def test_empty_and_missing_files(tmp_path: Path) -> None:
    [p] = problems_for(tmp_path, "a.yaml", "  \n")
    assert "empty" in p.message
    with pytest.raises(DataActionError, match="no such file"):
        load(tmp_path / "missing.yaml")


def test_detection() -> None:
    assert detect_format("x.tf", "") == "hcl"
    assert detect_format("x.custom.json", "{}") == "custom-json"
    assert detect_format("x.json", '{"actionType": "custom"}') == "custom-json"
    assert detect_format("x.json", '{"name": "a"}') == "api"
    assert detect_format("x.yml", "name: a") == "spec"
