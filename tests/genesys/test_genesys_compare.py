"""`dataaction test FILE --compare`: the local trace next to the org's draft test (sandbox org)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.genesys.genesys_helpers import RecordingTransport, new_org_target, run, session_for
from tui.genesys.deploy import Deployer
from tui.genesys.draft_test import test_on_temporary_draft as run_on_temporary_draft
from tui.genesys.errors import EXIT_AUTH, EXIT_OK, EXIT_VALIDATION, GenesysError
from tui.model.formats import load


def timezone_spec(path: Path, sandbox: Any, success: str | None = None) -> Path:
    """An action over the sandbox's own sample (a real HTTP call on both sides)."""
    template = f"\n            success_template: '{success}'" if success else ""
    path.write_text(
        textwrap.dedent(
            f"""\
            name: Timezone offset
            category: Tests
            request:
              method: GET
              url: {sandbox.url}/samples/genesys_timezones.json?zone=$esc.url(${{input.zone}})
            inputs:
              - {{name: zone, type: string, sample: Europe/Berlin}}
            outputs:
              - name: offset
                path: '$.entities[?(@.id == "Europe/Berlin")].offset'
                type: array
                items: integer
              - name: zones
                path: $.entities.length()
                type: integer{template}
            """
        )
    )
    return path


def drafts_left(target: Any) -> list[str]:
    checker = Deployer(target, session=session_for(target))
    return [d["name"] for d in checker.session.list_actions(drafts=True)]


def test_compare_shows_both_traces_and_agrees_with_the_org(org_env, sandbox, tmp_path, capsys):
    spec = timezone_spec(tmp_path / "tz.yaml", sandbox)
    report = tmp_path / "tz.compare.json"
    argv = [
        "test",
        str(spec),
        "--compare",
        "--input",
        "zone=Europe/Berlin",
        "--report",
        str(report),
    ]
    code, out, err = run(argv, capsys)
    assert code == EXIT_OK, out + err
    assert "local runtime" in out and "| org 127.0.0.1" in out
    assert "Resolve translation map" in out and out.count("✔") >= 2 * 8
    assert "the traces agree" in err
    saved = json.loads(report.read_text())
    assert saved["differences"] == []
    assert saved["local"]["success"] and saved["org"]["success"]
    assert saved["org"]["finalResult"] == saved["local"]["finalResult"]
    # double-quoted filter literal and `.length()`, as Jayway 2.9.0 answers them
    assert saved["local"]["finalResult"] == {"offset": [60], "zones": 20}
    assert drafts_left(org_env) == []  # the temporary draft is gone


def test_compare_reports_an_injected_difference(org_env, sandbox, tmp_path, capsys):
    # A trailing comma: the org reads success templates strictly (the sandbox's default);
    # assuming a lenient parser locally injects a difference at the success-template step.
    spec = timezone_spec(tmp_path / "tz.yaml", sandbox, success='{"zones": ${zones},}')
    report = tmp_path / "diff.json"
    argv = ["test", str(spec), "--compare", "--assume", "success-json=lenient",
            "--report", str(report)]  # fmt: skip
    code, out, err = run(argv, capsys)
    assert code == EXIT_VALIDATION, out + err
    assert "≠ 7. Resolve success template" in out
    saved = json.loads(report.read_text())
    assert saved["assumptions"]["success-json"] == "lenient"
    fields = {(d["step"], d["field"]) for d in saved["differences"]}
    assert (7, "success") in fields and (None, "success") in fields
    step7 = next(d for d in saved["differences"] if d["step"] == 7)
    assert step7["local"] is True and step7["org"] is False
    assert "difference(s); report written to" in err
    assert drafts_left(org_env) == []


def test_compare_without_draft_rights_names_the_permission(
    monkeypatch, sandbox, tmp_path, capsys
) -> None:
    viewer = new_org_target(sandbox, ("integrations:action:view", "integrations:integration:view"))
    monkeypatch.setenv("GENESYS_CLIENT_ID", viewer.client_id)
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", viewer.client_secret.get_secret_value())
    monkeypatch.setenv("GENESYS_ENVIRONMENT", viewer.base_url)
    spec = timezone_spec(tmp_path / "tz.yaml", sandbox)
    code, out, err = run(
        ["test", str(spec), "--compare", "--report", str(tmp_path / "r.json")], capsys
    )
    assert code == EXIT_AUTH, out + err
    assert "integrations:action:add" in err and "Traceback" not in err
    assert not (tmp_path / "r.json").exists()


class ThrottledDraftTests(RecordingTransport):
    """The org answers every draft test with 429 (a fault at the edge: the network)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/draft/test"):
            self.calls.append(f"{request.method} {request.url.path}")
            return httpx.Response(
                429, json={"message": "Rate limit exceeded", "status": 429, "code": "too.many.requests"},
                headers={"Retry-After": "0"},
            )  # fmt: skip
        return super().handle_request(request)


def test_throttled_draft_test_is_a_clear_error_and_leaves_no_draft(target, sandbox, tmp_path):
    transport = ThrottledDraftTests()
    deployer = Deployer(target, session=session_for(target, transport))
    action = load(timezone_spec(tmp_path / "tz.yaml", sandbox)).action
    with pytest.raises(GenesysError) as info:
        run_on_temporary_draft(deployer, action, {"zone": "Europe/Berlin"})
    text = str(info.value)
    assert "429" in text or "rate" in text.lower() or "too many" in text.lower(), text
    assert sum("/draft/test" in c for c in transport.calls) > 1  # retried first
    assert drafts_left(target) == []
