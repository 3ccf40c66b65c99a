"""`dataaction test --suite DIR [--junit FILE]`: every action's cases, for CI.

Prints one line per case and a summary; `--junit` also writes JUnit XML. Exit 0 when every case
passes, 1 on any failure, 2 when there is nothing to run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tui.commands._output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, color, note, print_problems


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--suite",
        metavar="DIR",
        help="run every NAME.cases.yaml under DIR against its action NAME.*",
    )
    p.add_argument("--junit", metavar="FILE", help="with --suite: also write JUnit XML to FILE")


def run_suite(args: argparse.Namespace) -> int:
    from tui.model.problems import DataActionError
    from tui.runtime.suites import CaseResult, junit_xml, run_suites

    root = Path(args.suite)
    if not root.exists():
        note(f"error: {root} does not exist")
        return EXIT_USAGE

    def show(r: CaseResult) -> None:
        from tui.runtime.trace_text import FAILED, PASSED

        mark = color("32", PASSED) if r.passed else color("31", FAILED)
        tail = f": {r.message}" if r.message else ""
        print(f"{mark} {r.suite} › {r.case} ({r.seconds * 1000:.0f} ms){tail}", flush=True)

    start = time.perf_counter()
    try:
        results = run_suites(root, show)
    except DataActionError as exc:
        print_problems(exc.problems)
        return EXIT_USAGE
    failed = sum(not r.passed for r in results)
    suites = len({r.suite for r in results})
    summary = (
        f"{len(results) - failed} passed, {failed} failed "
        f"({len(results)} case{'s' * (len(results) != 1)}, {suites} action{'s' * (suites != 1)}) "
        f"in {time.perf_counter() - start:.2f} s"
    )
    print(color("31" if failed else "32", summary))
    if args.junit:
        Path(args.junit).write_text(junit_xml(results), encoding="utf-8")
        note(f"wrote {args.junit}")
    return EXIT_FAILED if failed else EXIT_OK
