"""`dataaction test` on a big saved response: the translation map gets the answers the whole
document gives, and a body broken far from what the paths read still fails as not JSON.

Executions read only what the paths need from the body (tui.runtime.response_document); the
reference here is each path evaluated on the fully built document.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.runtime.jsonpath import PathNotFoundError, compile_path
from tui.runtime.jsontext import parse_json, to_json_text

ROOT = Path(__file__).resolve().parents[2]
DATAACTION = str(Path(sys.executable).with_name("dataaction"))
ACTION = ROOT / "examples" / "analytics-conversations-by-ani.yaml"
BASE_URL = ["--base-url", "https://api.mypurecloud.com"]  # the action's URL is relative
SAMPLE = ROOT / "sample_responses" / "analytics_conversations_query.json"


def _big_query_result(conversations: int) -> dict[str, Any]:
    """The sample details query result grown to `conversations` entries (distinct ids)."""
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    models = sample["conversations"]
    grown = []
    for n in range(conversations):
        conversation = copy.deepcopy(models[n % len(models)])
        conversation["conversationId"] = f"{n:08x}-1f2e-4d3c-9b8a-7f6e5d4c3b21"
        grown.append(conversation)
    return {"conversations": grown, "totalHits": conversations}


def _test(body: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DATAACTION, "test", str(ACTION), "--response-file", str(body), "--json", *BASE_URL],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _translation_map() -> dict[str, tuple[str, str | None]]:
    import yaml

    outputs = yaml.safe_load(ACTION.read_text(encoding="utf-8"))["outputs"]
    return {o["name"]: (o["path"], o.get("default")) for o in outputs}


def _expected(body: bytes) -> dict[str, str]:
    document = parse_json(body)
    values = {}
    for key, (path, default) in _translation_map().items():
        try:
            values[key] = to_json_text(compile_path(path).evaluate(document))
        except PathNotFoundError:
            assert default is not None
            values[key] = default
    return values


@pytest.mark.parametrize("conversations", [3_000, 0])
def test_the_translation_map_answers_as_on_the_whole_document(
    tmp_path: Path, conversations: int
) -> None:
    body = json.dumps(_big_query_result(conversations)).encode()
    assert conversations == 0 or len(body) > 2_500_000
    (tmp_path / "big.json").write_bytes(body)
    proc = _test(tmp_path / "big.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout)
    translate = next(o for o in result["operations"] if o["name"] == "Resolve translation map")
    assert translate["result"] == _expected(body)
    if conversations:
        assert result["finalResult"]["conversationCount"] == conversations
        assert len(result["finalResult"]["conversationIds"]) == conversations


def test_a_body_broken_far_from_the_paths_is_not_json(tmp_path: Path) -> None:
    body = json.dumps(_big_query_result(2_000), indent=1).encode()
    broken = body[:-200] + b'"\xff"' + body[-200:]  # a byte that is not UTF-8, near the end
    (tmp_path / "broken.json").write_bytes(broken)
    proc = _test(tmp_path / "broken.json")
    assert proc.returncode == 1
    translate = json.loads(proc.stdout)["operations"][-1]
    assert translate["name"] == "Resolve translation map" and not translate["success"]
    with pytest.raises(ValueError) as parse_error:
        parse_json(broken)
    assert translate["error"]["message"] == (
        f"The response is not JSON ({parse_error.value}); translation maps need a JSON response"
    )
    assert "Traceback" not in proc.stderr
