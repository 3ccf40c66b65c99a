"""The wizard in a real terminal (tmux), driven by keys only, as a newcomer uses it.

Start `dataaction` (the installed console script) with no credentials, so Deploy goes to the
embedded sandbox; type the URL of a real local API, Enter, see the tree, map a field, test,
deploy, quit; start again, resume, and find the name kept. Every wait polls the screen
(`tmux capture-pane`) until the text appears or a deadline passes: no fixed sleeps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.local_api import json_route, serving

CONSOLE_SCRIPT = Path(sys.executable).with_name("dataaction")
WEATHER = {"city": "Paris", "main": {"temp": 18.5, "humidity": 71}, "wind": {"speed": 4.1}}
NAME = "Smoke weather"
WAIT = 60.0  # seconds for any one screen change on a busy 2-core machine

# `make test` installs tmux and sets DATAACTION_REQUIRE_TMUX: there a missing tmux fails the run.
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("DATAACTION_REQUIRE_TMUX"),
    reason="needs tmux (`make test` installs it)",
)


@pytest.fixture
def weather_api() -> Iterator[str]:
    """Every path answers the weather (the shared loopback server)."""
    with serving(
        lambda api: api.computed("/", lambda seen: json_route(WEATHER), prefix=True)
    ) as api:
        yield api.url


class Terminal:
    """One tmux server of our own (its own socket), one 120x40 window running a command."""

    def __init__(self, home: Path) -> None:
        self.socket = f"dataaction-smoke-{os.getpid()}-{time.monotonic_ns()}"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        # tmux's socket path must stay short (a Unix socket path has ~100 bytes at most).
        self.socket_dir = tempfile.mkdtemp(prefix="tmx", dir="/tmp")
        self.env["TMUX_TMPDIR"] = self.socket_dir

    def tmux(self, *args: str, check: bool = False) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: str) -> None:
        # The shell prints the exit code, then waits, so the last screen can still be read.
        self.tmux(
            "new-session", "-d", "-x", "120", "-y", "40", "-s", "smoke",
            f"{command}; echo EXIT=$?; sleep 600", check=True,
        )  # fmt: skip

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "smoke")

    def wait_for(self, *texts: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(t in shown for t in texts):
                return shown
            time.sleep(0.1)  # a poll interval, not a wait for something to happen
        raise AssertionError(f"never saw {texts!r} on screen; last screen:\n{shown}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "smoke", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "smoke", "-l", text)

    def stop(self) -> None:
        self.tmux("kill-server")
        # The next start gets a server of its own (one still shutting down refuses sessions).
        self.socket = f"dataaction-smoke-{os.getpid()}-{time.monotonic_ns()}"

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.socket_dir, ignore_errors=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    yield term
    term.close()


def test_url_enter_map_test_deploy_quit_resume(terminal: Terminal, weather_api: str) -> None:
    assert CONSOLE_SCRIPT.exists(), "install the package (make install) first"
    terminal.start(str(CONSOLE_SCRIPT))
    terminal.wait_for("1 Request", "Fetch", "Action name")

    # The URL field has the focus; the name is two Tabs away (past the Fetch button), and
    # typing there replaces the suggested name. All typed at once, as a fast typist does.
    terminal.type(weather_api + "/weather")
    terminal.keys("Tab", "Tab")
    terminal.type(NAME)
    terminal.keys("BTab", "BTab")  # back to the URL field
    terminal.wait_for(NAME, weather_api + "/weather")
    terminal.keys("Enter")  # Enter in the URL field fetches
    terminal.wait_for("→ 200", "humidity")

    # The tree has the focus: / opens the search box, Enter finds, Enter maps.
    terminal.keys("/")
    terminal.wait_for("search keys and values")
    terminal.type("71")
    terminal.keys("Enter")
    terminal.wait_for("$.main.humidity")
    terminal.keys("Enter")
    terminal.wait_for("Mapped humidity")

    terminal.keys("C-t")
    terminal.wait_for("Test passed")

    terminal.keys("F6")
    terminal.wait_for("Connected:")
    terminal.keys("C-g")
    shown = terminal.wait_for(f"Created: '{NAME}' version 1")
    assert "Web Services Data Actions" in shown

    terminal.keys("C-q")
    terminal.wait_for("EXIT=0")

    terminal.stop()
    terminal.start(str(CONSOLE_SCRIPT))
    terminal.wait_for("Resume your last draft?", f"Resume '{NAME}'")
    terminal.keys("Enter")
    shown = terminal.wait_for(NAME, weather_api + "/weather")
    assert "My data action" not in shown
    terminal.keys("C-q")
    terminal.wait_for("EXIT=0")
    draft = (Path(terminal.env["XDG_STATE_HOME"]) / "dataaction" / "draft.yaml").read_text()
    assert f"name: {NAME}" in draft and "$.main.humidity" in draft
