"""The command line as a user runs it: exit codes, messages, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


SPEC = """\
name: Lookup
request:
  url: {url}/people/${{input.id}}
inputs:
  - {{name: id, type: integer, sample: 7}}
outputs:
  - {{name: fullName, path: $.name}}
  - {{name: firstPet, path: "$.pets[0].name", default: '"none"'}}
"""


def test_test_command_live_json_is_the_execution_result(tmp_path: Path, local_api) -> None:
    local_api.json("/people/7", {"name": "Grace", "pets": []})
    spec = tmp_path / "a.yaml"
    spec.write_text(SPEC.format(url=local_api.url))
    proc = cli("test", str(spec), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["success"] is True
    assert result["finalResult"] == {"fullName": "Grace", "firstPet": "none"}
    assert set(result) == {"operations", "finalResult", "success"}
    assert local_api.seen[0].path == "/people/7"


def test_test_command_canned_failure_trace(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(SPEC.format(url="https://example.invalid"))
    body = tmp_path / "r.json"
    body.write_text('{"error": "gone"}')
    proc = cli(
        "test", str(spec), "--input", "id=8", "--response-file", str(body), "--status", "410"
    )
    assert proc.returncode == 1
    assert "✘ fail 5. Execute request" in proc.stdout and "gone" in proc.stdout


def test_typed_inputs_are_checked(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(SPEC.format(url="https://example.invalid"))
    proc = cli("test", str(spec), "--input", "id=seven")
    assert proc.returncode == 1 and "input 'id' expects a whole number" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_validate_exit_codes_and_json(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(SPEC.format(url="https://example.invalid"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SPEC.format(url="https://example.invalid").replace("path: $.name}", "path: '$.na me'}")
    )
    assert cli("validate", str(good)).returncode == 0
    proc = cli("validate", str(good), str(bad), "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert [r["valid"] for r in report] == [True, False]
    [problem] = report[1]["problems"]
    assert problem["field"] == "outputs.0.path" and problem["line"] == 7


def test_bad_input_never_shows_a_traceback(tmp_path: Path) -> None:
    cases = {
        "broken.yaml": "name: [",
        "empty.yaml": "",
        "list.yaml": "- a\n- b\n",
        "unknown.json": '{"name": "x", "colour": 1}',
        "bad.tf": 'resource "x" {',
        "notes.md": "# hello",
    }
    for name, text in cases.items():
        f = tmp_path / name
        f.write_text(text)
        for args in (("validate", str(f)), ("test", str(f)), ("convert", str(f), "--to", "api")):
            proc = cli(*args)
            assert proc.returncode == 1, (name, args, proc.stderr)
            assert "Traceback" not in proc.stderr and "error" in (proc.stderr + proc.stdout)


def test_convert_between_formats(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(SPEC.format(url="https://example.invalid"))
    hcl = cli("convert", str(spec), "--to", "hcl", "-o", str(tmp_path / "a.tf"))
    assert hcl.returncode == 0
    back = cli("convert", str(tmp_path / "a.tf"), "--to", "api")
    assert json.loads(back.stdout)["config"]["response"]["translationMap"]["fullName"] == "$.name"


def test_module_and_script_agree() -> None:
    a = cli("--help")
    b = subprocess.run(
        [str(Path(sys.executable).parent / "dataaction"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout


def test_wizard_without_a_terminal_says_so_instead_of_hanging() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tui"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2 and "interactive terminal" in proc.stderr


def test_typo_in_a_type_suggests_the_word(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text("name: T\nrequest: {url: 'https://x'}\ninputs:\n  - {name: a, type: nubmer}\n")
    proc = cli("validate", str(spec))
    assert proc.returncode == 1
    assert "(got 'nubmer')" in proc.stdout and "did you mean 'number'?" in proc.stdout
