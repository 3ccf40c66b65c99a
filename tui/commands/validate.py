"""`dataaction validate FILE...`: check action files without calling anything."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from tui.commands import SUMMARIES
from tui.commands._output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, color, print_problems

if TYPE_CHECKING:
    from tui.model.problems import Problem

HELP = SUMMARIES["validate"]
LIGHT = True


def warm(args: argparse.Namespace) -> bool:
    """Terraform files are read in a copy of the warm process (tui.warm), which has
    python-hcl2 and its parser loaded; the other formats read faster in this process."""
    from tui.commands._files import terraform_in

    return terraform_in(args.files)


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
    from tui.model.problems import DataActionError, MissingFile
    from tui.runtime.validation import validate_action

    try:
        actions = load_all(file)
    except MissingFile:
        raise  # a wrong path: the caller's usage error, not an invalid action
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


def run(args: argparse.Namespace) -> int:
    from tui.model.problems import MissingFile
    from tui.runtime.validation import has_errors

    worst = EXIT_OK
    report = []
    for file in args.files:
        try:
            checked = _checked(file, args.sample)
        except MissingFile as exc:  # said once on stderr; the other files are still checked
            print_problems(exc.problems)
            worst = EXIT_USAGE
            continue
        for name, problems in checked:
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
