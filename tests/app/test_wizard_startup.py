"""The first frame stays light with a saved draft; the SDK is warmed while the user works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.app.draft import save_draft
from tui.model.spec import RequestSpec, Spec

HEAVY = "('PureCloudPlatformClientV2', 'pydantic', 'httpx')"

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
