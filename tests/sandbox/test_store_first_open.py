"""A new sandbox database opened by several processes at once (a command and the background
sandbox process it starts, or two commands on a fresh machine): every one of them opens it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OPEN = "import sys; from tui.sandbox.store import Store; Store(sys.argv[1]).close(); print('ok')"


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    for round_ in range(8):  # the race is won or lost by chance: several rounds
        db = tmp_path / f"new-{round_}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN, str(db)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        outs = [p.communicate(timeout=60) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outs]
