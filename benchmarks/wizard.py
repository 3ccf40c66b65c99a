"""The wizard's speed where people wait.

- Real entry: `dataaction` as a subprocess in a pseudo-terminal, spawn to first frame (the
  screen text appears), with and without a saved draft, against an app with one Static widget
  started the same way in the same rounds: goal ≤ 1.2x.
- Deploy's first screen (connected to the embedded sandbox) after the warm-up: < 300 ms.
- A 5 MB response: search with the exact count < 300 ms; a 26,000-item array expanded, and
  its last item revealed, < 300 ms.
- Memory: RSS after 5 reloads of a 20 MB response within 1.2x of after 1.

Run: python -P benchmarks/wizard.py (or `make bench`).
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import pty
import re
import select
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, absolute_row, ratio_row, render

ROUNDS = 9
SCRIPT = str(Path(sys.executable).parent / "dataaction")
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")

ONE_STATIC = """
from textual.app import App
from textual.widgets import Static

class OneStatic(App):
    def compose(self):
        yield Static("one static widget")

OneStatic().run()
"""


def first_frame(argv: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from spawn until `marker` is on the pty's screen; the process is then ended."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a 120x40 terminal
        os.execvpe(argv[0], argv, env)
    start = time.perf_counter()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = ""
    elapsed = None
    deadline = start + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += ANSI.sub("", chunk.decode("utf-8", "replace"))
        if marker in seen:
            elapsed = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        raise SystemExit(f"{argv} never showed {marker!r}; last screen text: {seen[-500:]!r}")
    return elapsed


def startup_rows() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
        base |= {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        no_draft = base | {"DATAACTION_DRAFT": str(Path(tmp) / "none.yaml")}
        draft = Path(tmp) / "draft.yaml"
        draft.write_text(
            "name: Weather\nrequest:\n  method: GET\n  url: https://api.example.com/w\n"
            "outputs:\n  - {name: temp, path: $.main.temp, type: number}\n"
        )
        with_draft = base | {"DATAACTION_DRAFT": str(draft)}
        static, wizard, resumed = [], [], []
        for _ in range(ROUNDS):  # interleaved
            static.append(first_frame([sys.executable, "-c", ONE_STATIC], "one static", base))
            wizard.append(first_frame([SCRIPT], "Request", no_draft))
            resumed.append(first_frame([SCRIPT], "Resume", with_draft))
    return [
        ratio_row("wizard first frame (pty, no draft)", wizard, static, "one-Static app", 1.2),
        ratio_row("wizard first frame (pty, saved draft)", resumed, static, "one-Static app", 1.2),
    ]


def records(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": i,
            "name": f"Customer {i}",
            "email": f"customer{i}@example.com",
            "address": {"street": f"{i} Main Street", "city": "Springfield", "zip": f"{i:05d}"},
            "tags": ["gold", "newsletter", "eu"],
            "balance": i * 1.25,
            "active": i % 2 == 0,
        }
        for i in range(count)
    ]


def body_of(count: int) -> bytes:
    rows = records(count)
    return json.dumps({"total": len(rows), "items": rows}).encode()


def rss_mib() -> float:
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def in_app() -> dict[str, Any]:
    from tui.app.jsontree import JsonTree
    from tui.app.steps.explore import ExploreStep
    from tui.app.wizard import WizardApp
    from tui.runtime.fetch import FetchResult, classify_body

    five_mb = body_of(21_500)
    twenty_mb = body_of(86_000)
    array = json.dumps({"values": list(range(26_000))}).encode()
    out: dict[str, Any] = {"search": [], "expand": [], "reveal": [], "count": 0}

    def result(body: bytes) -> FetchResult:
        fetched = FetchResult(status=200, body=body, headers={"content-type": "application/json"})
        classify_body(fetched)
        return fetched

    app = WizardApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.action_step("explore")
        await pilot.pause()
        explore = app.query_one(ExploreStep)
        tree = app.query_one(JsonTree)
        app.fetched = result(five_mb)
        explore.show_fetch(app.fetched)
        await pilot.pause()
        for _ in range(ROUNDS):  # "/" and the query, then Enter until the first match shows
            explore.matches = []
            tree.focus()
            await pilot.press("slash", *"springfield")
            start = time.perf_counter()
            await pilot.press("enter")
            while not explore.matches:
                await asyncio.sleep(0.002)
            await pilot.pause()
            out["search"].append(time.perf_counter() - start)
            out["count"] = len(explore.matches)

        app.fetched = result(array)
        explore.show_fetch(app.fetched)
        await pilot.pause()
        for _ in range(ROUNDS):
            node = tree.root.children[0]
            node.collapse()
            node.remove_children()
            node.data.loaded = 0
            if hasattr(node.data, "start"):  # paging windows (newer trees)
                node.data.start = 0
            await pilot.pause()
            start = time.perf_counter()
            node.expand()
            await pilot.pause()
            out["expand"].append(time.perf_counter() - start)
            start = time.perf_counter()
            tree.reveal(("values", 25_999))
            await pilot.pause()
            out["reveal"].append(time.perf_counter() - start)

        rss = []
        for _ in range(5):
            app.fetched = result(twenty_mb)
            explore.show_fetch(app.fetched)
            await pilot.pause()
            rss.append(rss_mib())
        out["rss"] = rss
    return out


async def deploy_first_screen(tmp: Path) -> float:
    """Click Deploy once the warm-up is done; seconds until it says Connected."""
    from textual.widgets import Log

    from tui.app.wizard import WizardApp

    os.environ["DATAACTION_SANDBOX_DB"] = str(tmp / "embedded.db")
    app = WizardApp()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if any(w.group == "warm-up" for w in app.workers):
                break
        await app.workers.wait_for_complete()
        start = time.perf_counter()
        await app.action_step("deploy")
        log = app.query_one("#deploy-log", Log)
        while not any("Connected" in line for line in log.lines):
            await asyncio.sleep(0.002)
            if time.perf_counter() - start > 30:
                raise SystemExit(f"Deploy never connected: {list(log.lines)}")
        elapsed = time.perf_counter() - start
    from tui.genesys.target import stop_embedded_sandboxes

    stop_embedded_sandboxes()
    return elapsed


def in_app_rows() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        for key in [k for k in os.environ if k.startswith(("GENESYS", "DATAACTION"))]:
            del os.environ[key]
        os.environ["DATAACTION_DRAFT"] = str(Path(tmp) / "draft.yaml")
        os.environ["DATAACTION_CONFIG"] = str(Path(tmp) / "no-profiles.yaml")
        deploy = [asyncio.run(deploy_first_screen(Path(tmp) / f"d{i}")) for i in range(3)]
        t = asyncio.run(in_app())
    rss = t["rss"]
    growth = rss[-1] / rss[0]
    return [
        absolute_row("wizard Deploy first screen (connected, after warm-up)", deploy, 300),
        absolute_row(
            f"wizard search 5 MB (Enter to first match, exact count {t['count']:,})",
            t["search"],
            300,
        ),
        absolute_row("wizard expand a 26,000-item array", t["expand"], 300),
        absolute_row("wizard reveal item 25,999 of 26,000", t["reveal"], 300),
        Row(
            "wizard RSS after 5 reloads of 20 MB",
            f"{rss[-1]:.0f} MiB",
            f"after 1: {rss[0]:.0f} MiB",
            growth,
            "≤ 1.2x",
            growth <= 1.2,
        ),
    ]


def rows() -> list[Row]:
    return startup_rows() + in_app_rows()


if __name__ == "__main__":
    print(render(rows()))
