"""What a newcomer met running the README's commands through the console script: exit codes
that follow the README's table (0 ok, 1 invalid/failed, 2 usage/config, 4 API/network), each
subcommand's own usage for its own mistakes, a delete that asks first, and `validate` on a
response file saying what the file is."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATAACTION = str(Path(sys.executable).with_name("dataaction"))
SPEC = """\
name: {name}
category: Tests
request:
  url: https://api.example.com/weather?city=$esc.url(${{input.city}})
inputs:
  - {{name: city, type: string, sample: Paris}}
outputs:
  - {{name: temp, path: $.main.temp, type: number}}
"""


def _env(extra: dict[str, str], tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    base.update(extra, NO_COLOR="1", DATAACTION_CONFIG=str(tmp_path / "none.yaml"))
    return base


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    f = tmp_path / "action.yaml"
    f.write_text(SPEC.format(name=f"Newcomer {uuid.uuid4().hex[:8]}"))
    return f


def _offline(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DATAACTION, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env({}, cwd),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_an_input_that_is_not_key_value_is_a_usage_error(spec: Path) -> None:
    proc = _offline("test", str(spec), "--input", "city", cwd=spec.parent)
    assert proc.returncode == 2, proc.stderr
    assert "usage: dataaction test" in proc.stderr and "'city' is not key=value" in proc.stderr


def test_an_unknown_option_shows_the_subcommands_usage(spec: Path) -> None:
    proc = _offline("test", str(spec), "--bogus", cwd=spec.parent)
    assert proc.returncode == 2
    assert "usage: dataaction test" in proc.stderr
    assert "dataaction test: error: unrecognized arguments: --bogus" in proc.stderr
    nested = _offline("integration", "list", "--bogus", cwd=spec.parent)
    assert nested.returncode == 2 and "usage: dataaction integration" in nested.stderr
    top = _offline("--bogus", cwd=spec.parent)
    assert top.returncode == 2 and "usage: dataaction [-h]" in top.stderr


def test_validate_of_a_missing_file_is_a_usage_error_said_once(spec: Path) -> None:
    proc = _offline("validate", "missing.yaml", cwd=spec.parent)
    assert proc.returncode == 2
    assert proc.stderr.count("no such file: missing.yaml") == 1, proc.stderr
    assert "invalid" not in proc.stdout + proc.stderr
    both = _offline("validate", "missing.yaml", str(spec), cwd=spec.parent)
    assert both.returncode == 2 and f"{spec}: valid" in both.stdout  # the others still checked


@pytest.mark.parametrize(
    "args",
    [
        ["test", "missing.yaml"],
        ["test", "{spec}", "--response-file", "missing.json"],
        ["convert", "missing.yaml", "--to", "json"],
        ["deploy", "{spec}", "missing.yaml", "--dry-run", "--sandbox", "--sandbox-db", "s.db"],
        ["import", "missing.custom.json", "--sandbox", "--sandbox-db", "s.db"],
    ],
    ids=["test", "test-response", "convert", "deploy", "import"],
)
def test_a_missing_file_is_a_usage_error_in_every_command(spec: Path, args: list[str]) -> None:
    proc = _offline(*(a.replace("{spec}", str(spec)) for a in args), cwd=spec.parent)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "no such file: missing" in proc.stderr and "Traceback" not in proc.stderr


def test_validate_of_a_response_says_it_is_not_an_action(tmp_path: Path) -> None:
    sample = ROOT / "sample_responses" / "weather_current.json"
    proc = _offline("validate", str(sample), cwd=tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "looks like an API response" in out and "unknown field" not in out, out
    assert out.count("error:") == 1, out


def test_names_the_org_does_not_hold_are_failed_requests_not_network_errors(run) -> None:
    for args in (["delete", "NOPE"], ["test", "--remote", "NOPE"]):
        proc = run(*args)
        assert proc.returncode == 1, proc.stderr
        assert "no data action named 'NOPE'" in proc.stderr
        assert "export --format" not in proc.stderr  # that hint wrote files
        assert "Open an action from the org" in proc.stderr
    assert run("export", "--name", "NOPE", "--out", "o").returncode == 1


def test_delete_without_a_terminal_needs_yes(run, spec: Path) -> None:
    assert run("deploy", str(spec)).returncode == 0
    name = spec_name(spec)
    refused = run("delete", name)
    assert refused.returncode == 2 and "--yes" in refused.stderr, refused.stderr
    assert run("test", "--remote", name, "--input", "city=x").returncode in (0, 1)  # still there
    done = run("delete", name, "--yes")
    assert done.returncode == 0 and f"deleted {name}" in done.stdout, done.stderr


@pytest.mark.parametrize(("answer", "code"), [("n\n", 1), ("y\n", 0)])
def test_delete_on_a_terminal_asks_first(run, spec: Path, answer: str, code: int) -> None:
    assert run("deploy", str(spec)).returncode == 0
    name = spec_name(spec)
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer.encode())
        proc = run("delete", name, stdin=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == code, proc.stderr
    assert f"Delete '{name}' (id " in proc.stderr and "? [y/N]" in proc.stderr
    again = run("delete", name, "--yes")
    assert again.returncode == (0 if answer.startswith("n") else 1), again.stderr


def spec_name(spec: Path) -> str:
    return spec.read_text().splitlines()[0].removeprefix("name: ")
