"""The first frame stays light with a saved draft; the SDK is warmed while the user works."""

from __future__ import annotations

import fcntl
import gc
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.app.app_helpers import settle
from tui.app import collector
from tui.app.draft import save_draft
from tui.app.wizard import WizardApp
from tui.model.spec import RequestSpec, Spec

HEAVY = "('PureCloudPlatformClientV2', 'pydantic', 'httpx', 'yaml')"

FIRST_FRAME_WITH_DRAFT = f"""
import sys
from tui.app.wizard import WizardApp, build_app
def on_ready(self):
    print(sorted(m for m in {HEAVY} if m in sys.modules))
    print(type(self.screen).__name__)
    self.exit()
WizardApp.on_ready = on_ready
build_app(resume=True).run(headless=True)
"""

WARMED = """
import asyncio, sys
from tui.app.wizard import WizardApp
async def main():
    app = WizardApp()
    async with app.run_test() as pilot:
        before = 'PureCloudPlatformClientV2.apis.integrations_api' in sys.modules
        for _ in range(50):  # the warm-up starts after the first paint
            await pilot.pause(0.05)
            if any(w.group == 'warm-up' for w in app.workers):
                break
        await app.workers.wait_for_complete()
        after = 'PureCloudPlatformClientV2.apis.integrations_api' in sys.modules
        print(before, after, 'tui.genesys.deploy' in sys.modules)
asyncio.run(main())
"""


def _run(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return out.stdout.strip().splitlines()


def test_a_saved_draft_is_offered_before_pydantic_loads(isolated: Path) -> None:
    save_draft(Spec(name="Weather", request=RequestSpec(url="https://api.example.com/w")))
    heavy, screen = _run(FIRST_FRAME_WITH_DRAFT)[:2]
    assert heavy == "[]"
    assert screen == "ChoiceScreen"  # the resume offer is up on the first frame


def test_the_sdk_client_is_warmed_after_the_first_frame(isolated: Path) -> None:
    assert _run(WARMED)[-1] == "False True True"


CONSOLE_SCRIPT = str(Path(sys.executable).with_name("dataaction"))
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")


def text_until(marker: str, env: dict[str, str], timeout: float = 60) -> str:
    """The console script in a 120x40 pseudo-terminal: its screen text (escape sequences
    removed) from the start until `marker` is painted; the process is then ended."""
    pid, fd = pty.fork()
    if pid == 0:  # the child becomes the wizard
        os.execve(CONSOLE_SCRIPT, [CONSOLE_SCRIPT], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen, deadline = "", time.monotonic() + timeout
    try:
        while marker not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.5)[0]:
                seen += ANSI.sub("", os.read(fd, 65536).decode("utf-8", "replace"))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    assert marker in seen, f"never painted {marker!r}: {seen[-500:]!r}"
    return seen


def test_the_resume_offer_is_painted_over_the_wizard_in_one_frame(isolated: Path) -> None:
    """The first frame holds the offer and the wizard beneath it. The offer used to render
    inside Textual's start-up batch, whose frame is dropped: the dialog was painted alone on a
    blank terminal and the step bar beneath only ~70 ms later."""
    save_draft(Spec(name="Weather", request=RequestSpec(url="https://api.example.com/w")))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENESYS")}
    seen = text_until("Resume your last draft?", env | {"TERM": "xterm-256color"})
    assert "1 Request" in seen and "5 Deploy" in seen


@pytest.mark.anyio
async def test_collection_held_for_start_up_runs_again_after_the_first_frame() -> None:
    collector.hold()  # as `run_app` does for the console script
    try:
        assert not gc.isenabled()
        app = WizardApp()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert gc.isenabled()  # released once the first frame was painted
            # what start-up made was frozen, not left for one long collection after the frame
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_collection_paused_by_someone_else_stays_paused() -> None:
    gc.disable()
    try:
        collector.hold()
        collector.release()
        assert not gc.isenabled()
    finally:
        gc.enable()
