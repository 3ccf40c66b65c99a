"""`dataaction validate FILE...`: check action files without calling anything."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from tui.commands import SUMMARIES
from tui.commands._output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, color, note, print_problems

if TYPE_CHECKING:
    from tui.model.problems import Problem

HELP = SUMMARIES["validate"]
LIGHT = True


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser("validate", help=HELP)
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a file, FILE.tf#RESOURCE, or a folder (every action in it; a Terraform module)",
    )
    p.add_argument(
        "--sample", metavar="FILE", help="also run the response half on this sample response"
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(func=run)
    return p


def _checked(file: str, sample_file: str | None) -> list[tuple[str, list[Problem]]]:
    """(name, problems) for each action of `file`: one, several (Terraform), or a folder's."""
    from tui.commands._files import load_all, sample_for
    from tui.model.problems import DataActionError
    from tui.runtime.validation import validate_action

    try:
        actions = load_all(file)
    except DataActionError as exc:
        return [(file, list(exc.problems))]
    out = []
    for loaded in actions:
        name = loaded.file
        if loaded.resource is not None:
            name = f"{loaded.file}#{loaded.resource}"
        try:
            sample = sample_for(loaded, sample_file)
            problems = list(validate_action(loaded.action, loaded=loaded, sample=sample))
        except DataActionError as exc:
            problems = list(exc.problems)
        out.append((name, problems))
    return out


def _exists(file: str) -> bool:
    """Whether `file` (or the file of `FILE.tf#RESOURCE`) is there at all."""
    from pathlib import Path

    return Path(file).exists() or ("#" in file and Path(file.rpartition("#")[0]).exists())


def run(args: argparse.Namespace) -> int:
    from tui.runtime.validation import has_errors

    missing = [f for f in args.files if not _exists(f)]
    for file in missing:  # a wrong path is a usage error, said once: not an "invalid" action
        note(f"error: no such file: {file}")
        note("  hint: check the path")
    worst = EXIT_USAGE if missing else EXIT_OK
    report = []
    for file in (f for f in args.files if f not in missing):
        for name, problems in _checked(file, args.sample):
            failed = has_errors(problems)
            worst = EXIT_FAILED if failed and worst == EXIT_OK else worst
            if args.json:
                report.append(
                    {"file": name, "valid": not failed, "problems": [p.to_dict() for p in problems]}
                )
                continue
            print_problems(problems, sys.stdout)
            verdict = color("31", "invalid") if failed else color("32", "valid")
            warn = sum(p.severity == "warning" for p in problems)
            print(f"{name}: {verdict}" + (f" ({warn} warning{'s' * (warn != 1)})" if warn else ""))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return worst
