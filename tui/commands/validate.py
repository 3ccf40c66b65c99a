"""`dataaction validate FILE...`: check action files without calling anything."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tui.commands._output import EXIT_FAILED, EXIT_OK, color, print_problems

HELP = "check action files (spec YAML, API JSON, .custom.json, .tf)"
LIGHT = True


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser("validate", help=HELP)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--sample", metavar="FILE", help="also run the response half on this sample response"
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from tui.commands._files import load, sample_for
    from tui.model.problems import DataActionError, Problem
    from tui.runtime.validation import has_errors, validate_action

    worst = EXIT_OK
    report = []
    for file in args.files:
        problems: list[Problem]
        try:
            loaded = load(file)
            sample = sample_for(loaded, args.sample)
            problems = list(validate_action(loaded.action, loaded=loaded, sample=sample))
        except DataActionError as exc:
            problems = list(exc.problems)
        failed = has_errors(problems)
        worst = EXIT_FAILED if failed else worst
        if args.json:
            report.append(
                {"file": file, "valid": not failed, "problems": [p.to_dict() for p in problems]}
            )
            continue
        print_problems(problems, sys.stdout)
        verdict = color("31", "invalid") if failed else color("32", "valid")
        warn = sum(p.severity == "warning" for p in problems)
        print(f"{file}: {verdict}" + (f" ({warn} warning{'s' * (warn != 1)})" if warn else ""))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return worst
