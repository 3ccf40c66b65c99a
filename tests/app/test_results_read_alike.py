"""One run reads the same in the wizard and in `dataaction test`: the same marks, step
details, verdict and output heading (issue: test results printed in three styles)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label, Select, Static

from tests.app.app_helpers import click_step, settle
from tui.app.wizard import WizardApp, build_app

pytestmark = pytest.mark.anyio
SIZE = (120, 40)
DATAACTION = str(Path(sys.executable).with_name("dataaction"))
SPEC = """\
name: Read alike
request:
  url: {api}/users/$esc.url(${{input.userId}})
inputs: [{{name: userId, type: integer, sample: {user}}}]
outputs:
  - {{name: name, path: $.name}}
  - {{name: city, path: $.profile.address.city}}
"""


async def wizard_run(path: Path) -> tuple[list[str], str, str]:
    """Open the file, pick a live run, click Run test: the table's rows, status, heading."""
    app = build_app(str(path))
    assert isinstance(app, WizardApp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await click_step(pilot, "test")
        app.query_one("#test-mode", Select).focus()
        await pilot.press("enter", "down", "enter")  # "live (call the API now)"
        await settle(pilot)
        assert await pilot.click("#run-test")
        await settle(pilot)
        table = app.query_one("#test-steps", DataTable)
        rows = [" ".join(str(c) for c in table.get_row_at(r)[:3]) for r in range(table.row_count)]
        status = str(app.query_one("#test-status", Static).render())
        heading = str(app.query_one("#output-title", Label).render())
        return rows, status, heading


def cli_run(path: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [DATAACTION, "test", str(path), "--flatten"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    return proc.returncode, proc.stdout


@pytest.mark.parametrize("user", ["42", "7"], ids=["passing", "failing"])
async def test_the_wizard_and_the_cli_say_the_same(api: str, tmp_path: Path, user: str) -> None:
    spec = tmp_path / "alike.yaml"
    spec.write_text(SPEC.format(api=api, user=user))
    rows, status, heading = await wizard_run(spec)
    code, printed = cli_run(spec)
    assert code == (0 if user == "42" else 1), printed
    assert len(rows) >= 5
    for row in rows:  # "3 Execute request ✔ pass" in the table, "✔ pass 3. Execute request" printed
        step, rest = row.split(" ", 1)
        name, mark = rest.rsplit(" ", 2)[0], " ".join(rest.rsplit(" ", 2)[1:])
        assert f"{mark} {step}. {name}" in printed, (row, printed)
    first_line_of_status = status.splitlines()[0]
    assert first_line_of_status in printed.splitlines(), (status, printed)
    if user == "42":
        assert status.startswith("✔ Test passed") and f"{heading}:" in printed
    else:
        assert status.startswith("✘ Test failed at step") and "no user 7" in status
