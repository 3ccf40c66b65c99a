"""Progress of multi-action deploys: a bar on a terminal, numbered lines otherwise."""

from __future__ import annotations

import io
import json

from tests.genesys.genesys_helpers import run, write_spec
from tui.genesys.errors import EXIT_OK
from tui.genesys.progress import StepProgress


class TerminalBuffer(io.StringIO):
    """A text stream that says it is a terminal, as a console's stderr does."""

    def isatty(self) -> bool:
        return True


def drive(progress: StepProgress, names: list[str]) -> None:
    with progress:
        for name in names:
            progress.start(name)
            progress.say(f"{name}: published version 1")
            progress.done()


def test_terminal_gets_a_bar_with_counts_and_step_lines() -> None:
    out = TerminalBuffer()
    progress = StepProgress(3, stream=out)
    assert progress.bar
    drive(progress, ["A", "B", "C"])
    text = out.getvalue()
    assert "3/3" in text and "\x1b[" in text  # rich drew the bar with terminal controls
    assert all(f"{n}: published version 1" in text for n in "ABC")


def test_pipe_gets_plain_numbered_lines() -> None:
    out = io.StringIO()
    progress = StepProgress(2, stream=out)
    assert not progress.bar
    drive(progress, ["A", "B"])
    assert out.getvalue().splitlines() == [
        "[1/2] A: published version 1",
        "[2/2] B: published version 1",
    ]


def test_cli_deploy_reports_each_action_on_stderr_and_keeps_stdout_json(
    org_env, tmp_path, capsys
) -> None:
    files = [str(write_spec(tmp_path / f"{i}.yaml", f"Progress {i}")) for i in range(2)]
    code, out, err = run(["deploy", "--json", *files], capsys)
    assert code == EXIT_OK
    assert json.loads(out)["ok"]
    lines = err.splitlines()
    assert any(line.startswith("[1/2] Progress 0:") for line in lines), err
    assert any(line.startswith("[2/2] Progress 1:") for line in lines), err
