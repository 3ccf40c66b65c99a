"""`dataaction deploy FILE --draft-only` through the console script, against the sandbox a user
starts: drafts saved and validated, nothing published, then a plain deploy publishes them."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
SPEC = """\
name: {name}
category: Tests
request:
  url: https://api.example.com/{path}?city=$esc.url(${{input.city}})
inputs:
  - {{name: city, type: string, sample: Paris}}
outputs:
  - {{name: temp, path: $.main.temp, type: {kind}}}
"""


def _spec(tmp_path: Path, name: str, path: str = "weather", kind: str = "number") -> str:
    f = tmp_path / "action.yaml"
    f.write_text(SPEC.format(name=name, path=path, kind=kind))
    return str(f)


def _json(proc: subprocess.CompletedProcess[str], code: int = 0) -> dict:
    assert proc.returncode == code, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def _drafts(run, name: str) -> list[dict]:
    return [d for d in _json(run("drafts", "--json"))["drafts"] if d["name"] == name]


def test_a_new_action_is_saved_as_a_draft_and_a_plain_deploy_publishes_it(run, tmp_path):
    name = f"Draft only {uuid.uuid4().hex[:6]}"
    spec = _spec(tmp_path, name)
    planned = _json(run("deploy", spec, "--draft-only", "--dry-run", "--json"))
    assert planned["draft_only"] is True
    assert [(p["change"], p["draft_id"]) for p in planned["plan"]] == [("create", None)]
    assert planned["requests"]["writes"] == 0 and _drafts(run, name) == []

    saved = _json(run("deploy", spec, "--draft-only", "--json"))
    [result] = saved["results"]
    assert (result["change"], result["valid"], result["published"]) == ("create", True, False)
    assert [d["id"] for d in _drafts(run, name)] == [result["draft_id"]]
    pending = _json(run("deploy", spec, "--dry-run", "--json"))["plan"][0]
    assert (pending["change"], pending["id"], pending["draft_id"]) == (
        "create",
        None,
        result["draft_id"],
    )

    again = run("deploy", spec, "--draft-only")
    assert again.returncode == 0, again.stderr
    assert "its draft already holds this" in again.stdout
    assert "0 draft(s) saved, 1 unchanged" in again.stdout and "nothing published" in again.stdout

    # A new action's draft may change its contract: no publish is refused.
    spec = _spec(tmp_path, name, kind="string")
    changed = run("deploy", spec, "--draft-only")
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert f"~ {name}: update its unpublished draft" in changed.stdout
    assert "+          type: string" in changed.stdout and "refused" not in changed.stdout

    published = _json(run("deploy", spec, "--json"))
    [done] = published["results"]
    assert (done["id"], done["version"], done["change"]) == (result["draft_id"], 1, "create")
    assert "published the unpublished draft already in the org" in done["notes"]
    assert _drafts(run, name) == []
    assert _json(run("deploy", spec, "--dry-run", "--json"))["plan"][0]["change"] == "unchanged"


def test_a_draft_on_a_published_action_publishes_nothing_until_deploy(run, tmp_path):
    name = f"Draft on live {uuid.uuid4().hex[:6]}"
    first = _json(run("deploy", _spec(tmp_path, name), "--json"))["results"][0]
    spec = _spec(tmp_path, name, path="weather2")
    saved = run("deploy", spec, "--draft-only")
    assert saved.returncode == 0, saved.stdout + saved.stderr
    assert f"~ {name}: new draft on published version 1" in saved.stdout
    assert "+    requestUrlTemplate: https://api.example.com/weather2" in saved.stdout
    assert f"{name}: draft id {first['id']}, draft version 2, valid" in saved.stdout
    assert [d["id"] for d in _drafts(run, name)] == [first["id"]]
    plan = _json(run("deploy", spec, "--dry-run", "--json"))["plan"][0]
    assert (plan["change"], plan["version"], plan["draft_id"]) == ("update", 1, first["id"])

    published = _json(run("deploy", spec, "--json"))["results"][0]
    assert (published["id"], published["version"]) == (first["id"], 2)
    assert _drafts(run, name) == []


def test_a_contract_change_is_saved_with_the_reason_publish_will_refuse_it(run, tmp_path):
    name = f"Draft contract {uuid.uuid4().hex[:6]}"
    assert run("deploy", _spec(tmp_path, name)).returncode == 0
    spec = _spec(tmp_path, name, kind="string")
    saved = run("deploy", spec, "--draft-only")
    assert saved.returncode == 0, saved.stdout + saved.stderr
    assert "publishing this draft will be refused" in saved.stdout
    assert "-          type: number" in saved.stdout and "+          type: string" in saved.stdout
    refused = run("deploy", spec)
    assert refused.returncode == 1 and "--recreate" in refused.stderr
    both = run("deploy", spec, "--draft-only", "--recreate")
    assert both.returncode == 2 and "cannot go together" in both.stderr
    assert "Traceback" not in both.stderr
