"""The console script's first pass: every subcommand runs its own handler, never the wizard."""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import build_parser
from tui.commands import COMMANDS

DATAACTION = str(Path(sys.executable).with_name("dataaction"))


def dataaction(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DATAACTION, *args], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_has_a_handler(name: str) -> None:
    sub = build_parser(name)._subparsers
    assert sub is not None
    [choices] = [a for a in sub._group_actions if isinstance(a, argparse._SubParsersAction)]
    assert choices.choices[name].get_default("func") is not None, name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_help_runs(name: str) -> None:
    proc = dataaction(name, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: dataaction {name}")


def test_an_unwired_command_is_an_error_not_the_wizard(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui import cli
    from tui.commands import new

    def forgetful(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser("new")
        return p  # no set_defaults(func=...)

    monkeypatch.setattr(new, "add_parser", forgetful)
    monkeypatch.setattr(cli, "open_wizard", None, raising=False)
    assert cli.main(["new"]) == 2
    assert "'new' has no handler" in capsys.readouterr().err


def test_unknown_command_exits_2_with_the_choices() -> None:
    proc = dataaction("sandboxx")
    assert proc.returncode == 2
    assert "invalid choice: 'sandboxx'" in proc.stderr and "sandbox" in proc.stderr
    assert "interactive terminal" not in proc.stderr


def test_sandbox_command_serves_instead_of_opening_the_wizard(tmp_path: Path) -> None:
    with subprocess.Popen(
        [DATAACTION, "sandbox", "--port", "0", "--db", str(tmp_path / "s.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            first = proc.stdout.readline()
            assert first.startswith("Genesys Cloud sandbox on http://127.0.0.1:"), first
        finally:
            proc.terminate()
            proc.wait(timeout=15)


@pytest.mark.parametrize("form", [["--remote=Nope"], ["--remote", "Nope"]])
def test_test_remote_accepts_both_option_forms(tmp_path: Path, form: list[str]) -> None:
    proc = dataaction("test", *form, "--sandbox", "--sandbox-db", str(tmp_path / "s.db"))
    assert "unrecognized arguments" not in proc.stderr
    assert proc.returncode == 1, proc.stderr  # parsed, then not found: a failed request
    assert "no data action named 'Nope'" in proc.stderr


NUMBER_SPEC = """\
name: Typed
request:
  url: {url}/search?q=${{input.q}}&all=${{input.all}}
inputs:
  - {{name: q, type: number, sample: 3}}
  - {{name: all, type: boolean, sample: false}}
outputs:
  - {{name: hits, path: $.hits, type: integer}}
"""


def test_input_values_are_typed_like_the_wizard(tmp_path: Path, local_api) -> None:
    local_api.json("/search", {"hits": 2})
    spec = tmp_path / "a.yaml"
    spec.write_text(NUMBER_SPEC.format(url=local_api.url))
    proc = dataaction("test", str(spec), "--input", "q=7", "--input", "all=yes", "--json")
    assert proc.returncode == 0, proc.stderr
    assert local_api.seen[-1].path == "/search?q=7&all=true"
    bad = dataaction("test", str(spec), "--input", "q=seven")
    assert bad.returncode == 1
    assert "input 'q' expects a number, got 'seven'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_ctrl_c_right_after_start_stops_the_sandbox_cleanly(tmp_path: Path) -> None:
    """Ctrl+C while the sandbox was still printing its exports ended with exit 130."""
    for attempt in range(3):
        with subprocess.Popen(
            [DATAACTION, "sandbox", "--port", "0", "--db", str(tmp_path / f"{attempt}.db")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().startswith("Genesys Cloud sandbox on")
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=20) == 0, proc.stdout.read()
