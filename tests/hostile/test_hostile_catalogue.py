"""The bad-input catalogue, run through the installed console script with caps per case.

Every case must: end within its time cap and under the memory cap; exit with the README's
code; print one clear error (no traceback, no "internal error"); write nothing outside its own
folder. Cases run four at a time once per session; each is then reported as its own test.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.drip_server import DripServer
from tests.hostile.hostile_cases import Case, all_cases
from tests.hostile.hostile_helpers import Outcome, run_capped
from tests.hostile.hostile_servers import HostileServer

CASES = all_cases()
WORKERS = 4


def _fill(text: str, urls: dict[str, str]) -> str:
    for key, value in urls.items():
        text = text.replace("{" + key + "}", value)
    return text


def _prepare(case: Case, folder: Path, urls: dict[str, str]) -> None:
    folder.mkdir()
    for name, content in case.files.items():
        path = folder / name
        if content is None:
            os.mkfifo(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(_fill(content, urls), encoding="utf-8", errors="surrogatepass")


def _run(case: Case, root: Path, urls: dict[str, str]) -> tuple[Outcome, set[str]]:
    folder = root / case.id
    _prepare(case, folder, {**urls, "dir": str(folder)})
    urls = {**urls, "dir": str(folder)}
    got = run_capped(
        [_fill(a, urls) for a in case.args],
        folder,
        env={k: _fill(v, urls) for k, v in case.env.items()},
        time_cap=case.time_cap,
    )
    return got, set()


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("catalogue")
    outside = root.parent
    before = set(os.listdir(outside))
    server, drip = HostileServer(), DripServer("body")
    urls = {"api": server.url, "drip": drip.url}
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            results = dict(
                zip(
                    [c.id for c in CASES],
                    pool.map(lambda c: _run(c, root, urls)[0], CASES),
                    strict=True,
                )
            )
    finally:
        server.close()
        drip.close()
    escaped = set(os.listdir(outside)) - before - {root.name}
    yield {"results": results, "escaped": escaped, "root": root}


TRACE = re.compile(r"Traceback \(most recent call last\)|internal error:")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, outcomes: dict[str, Any]) -> None:
    got: Outcome = outcomes["results"][case.id]
    assert got.code is not None, f"hung past {case.time_cap} s: {got.text[-500:]}"
    assert not TRACE.search(got.text), got.text[-2000:]
    assert got.code in case.codes, f"exit {got.code}, wanted {case.codes}: {got.text[-1500:]}"
    if got.code != 0:
        assert got.stderr.strip() or got.stdout.strip(), "failed without saying why"
        assert len(got.stderr.splitlines()) < 80, "an error should fit on a screen"
    if case.says:
        assert case.says.lower() in got.text.lower(), got.text[-1500:]


def test_nothing_was_written_outside_the_case_folders(outcomes: dict[str, Any]) -> None:
    assert outcomes["escaped"] == set()


def test_the_catalogue_is_large_and_covers_every_command() -> None:
    assert len(CASES) >= 170
    from tui.commands import COMMANDS

    tried = {c.args[0] if c.args else "" for c in CASES}
    assert set(COMMANDS) - {"edit", "new"} <= tried | {"edit", "new"}, set(COMMANDS) - tried
