"""The wizard's speed: start-up, a 5 MB response as a tree, a 10,000-element expand, previews.

Prints medians:
- process start to first screen (headless), next to a minimal Textual app (target ≤ 1.2x);
- a 5 MB response parsed and shown as a tree (target < 150 ms after it arrives);
- expanding a 10,000-element array (target < 150 ms);
- the live preview of a typed JSONPath on that 5 MB document (target < 16 ms).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name shadows the package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROUNDS = 9

# Each child prints the wall-clock time of Textual's Ready event (sent once the first frame is
# displayed) and exits; the parent subtracts the time it spawned the process.
MINIMAL_APP = """
import time
from textual.app import App
from textual.widgets import Footer, Header, Input

class Minimal(App):
    def compose(self):
        yield Header()
        yield Input(placeholder="https://")
        yield Footer()

    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()

Minimal().run(headless=True)
"""

WIZARD_APP = """
import time
from tui.app.wizard import WizardApp

def on_ready(self):
    print(time.time(), flush=True)
    self.exit()

WizardApp.on_ready = on_ready
WizardApp().run(headless=True)
"""


def start_ms(code: str, env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
    )
    return (float(done.stdout.split()[0]) - start) * 1000


def startup() -> tuple[float, float]:
    env = {**os.environ, "DATAACTION_DRAFT": str(Path(tempfile.mkdtemp()) / "draft.yaml")}
    minimal, wizard = [], []
    for _ in range(ROUNDS):  # interleaved, so machine load hits both alike
        minimal.append(start_ms(MINIMAL_APP, env))
        wizard.append(start_ms(WIZARD_APP, env))
    return statistics.median(minimal), statistics.median(wizard)


def five_mb_body() -> bytes:
    """About 5 MB of realistic records (nested objects, arrays, strings, numbers)."""
    records = [
        {
            "id": i,
            "name": f"Customer {i}",
            "email": f"customer{i}@example.com",
            "address": {"street": f"{i} Main Street", "city": "Springfield", "zip": f"{i:05d}"},
            "tags": ["gold", "newsletter", "eu"],
            "balance": i * 1.25,
            "active": i % 2 == 0,
        }
        for i in range(21_500)
    ]
    return json.dumps({"total": len(records), "items": records}).encode()


async def in_app() -> dict[str, list[float]]:
    from tui.app.jsontree import JsonTree
    from tui.app.steps.explore import ExploreStep
    from tui.app.wizard import WizardApp
    from tui.runtime.fetch import FetchResult, classify_body

    body = five_mb_body()
    big_array = json.dumps({"values": list(range(10_000))}).encode()
    timings: dict[str, list[float]] = {
        "parse": [],
        "tree": [],
        "expand": [],
        "preview": [],
        "filter": [],
    }
    os.environ["DATAACTION_DRAFT"] = str(Path(tempfile.mkdtemp()) / "draft.yaml")
    app = WizardApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.action_step("explore")
        await pilot.pause()
        explore = app.query_one(ExploreStep)
        tree = app.query_one(JsonTree)
        for _ in range(ROUNDS):
            # The fetch worker parses the body in its thread; then the UI shows it.
            start = time.perf_counter()
            result = FetchResult(
                status=200, body=body, headers={"content-type": "application/json"}
            )
            classify_body(result)
            timings["parse"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            app.fetched = result
            explore.show_fetch(result)
            await pilot.pause()  # until painted
            timings["tree"].append((time.perf_counter() - start) * 1000)

            for _ in range(3):
                start = time.perf_counter()
                explore.update_path_preview("$.items[21000].address.city")
                timings["preview"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            explore.update_path_preview("$.items[?(@.id == 21000)].address.city")
            timings["filter"].append((time.perf_counter() - start) * 1000)

        small = FetchResult(status=200, body=big_array, headers={})
        classify_body(small)
        app.fetched = small
        explore.show_fetch(small)
        await pilot.pause()
        for _ in range(ROUNDS):
            node = tree.root.children[0]
            node.collapse()
            node.remove_children()
            node.data.loaded = 0
            await pilot.pause()
            start = time.perf_counter()
            node.expand()
            await pilot.pause()
            timings["expand"].append((time.perf_counter() - start) * 1000)
            assert len(node.children) > 100
    return timings


def main() -> None:
    minimal, wizard = startup()
    print(
        f"start to first screen: wizard {wizard:.0f} ms, minimal Textual app {minimal:.0f} ms "
        f"({wizard / minimal:.2f}x; target ≤ 1.2x)"
    )
    timings = asyncio.run(in_app())
    print(
        f"5 MB response parsed in the fetch worker (off the UI thread): "
        f"{statistics.median(timings['parse']):.1f} ms"
    )
    print(
        f"5 MB response shown as a tree once parsed: {statistics.median(timings['tree']):.1f} ms "
        "(target < 150)"
    )
    print(
        f"expand 10,000-element array: {statistics.median(timings['expand']):.1f} ms (target < 150)"
    )
    print(f"typed JSONPath preview: {statistics.median(timings['preview']):.2f} ms (target < 16)")
    print(
        "typed filter JSONPath preview over 21,500 items: "
        f"{statistics.median(timings['filter']):.2f} ms (target < 16)"
    )


if __name__ == "__main__":
    main()
