"""`dataaction convert FILE --to FORMAT`: one action file in another format."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tui.commands import SUMMARIES
from tui.commands._output import EXIT_OK, EXIT_USAGE, failed_code, print_problems

if TYPE_CHECKING:
    from tui.model.formats import Format

HELP = SUMMARIES["convert"]
LIGHT = True


def warm(args: argparse.Namespace) -> bool:
    """Reading Terraform runs in a copy of the warm process (tui.warm), which has python-hcl2
    loaded (writing it needs no parser)."""
    from tui.commands._files import terraform_in

    return terraform_in([args.file])


# --to choice -> format (yaml, json and tf are the everyday names).
TARGETS: dict[str, Format] = {
    "spec": "spec",
    "yaml": "spec",
    "api": "api",
    "json": "api",
    "custom-json": "custom-json",
    "hcl": "hcl",
    "tf": "hcl",
}


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser("convert", help=HELP)
    p.add_argument("file")
    p.add_argument(
        "--to",
        required=True,
        choices=list(TARGETS),
        help="spec (= yaml), api (= json), custom-json, hcl (= tf)",
    )
    p.add_argument("--output", "-o", metavar="FILE")
    p.add_argument(
        "--category",
        help="category for Terraform when the file has none (a UI export has none); "
        "default: the integration's name",
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tui.commands._files import load
    from tui.model.formats import dump
    from tui.model.hcl import default_category, folder_declarations
    from tui.model.problems import DataActionError

    fmt = TARGETS[args.to]
    try:
        loaded = load(args.file)
        provider = variable = True
        if fmt == "hcl" and args.output:
            # A folder is one Terraform module: it declares the provider and the variable once.
            has_provider, has_variable = folder_declarations(Path(args.output).parent)
            provider, variable = not has_provider, not has_variable
        category = args.category
        if fmt == "hcl" and category is None and not loaded.action.category:
            category = default_category(loaded.integration_type)
            note = f"note: {args.file} names no category (Terraform requires one): using "
            print(
                f"{note}'{category}', the integration's name; --category sets another",
                file=sys.stderr,
            )
        text = dump(loaded, fmt, category=category, provider=provider, variable=variable)
    except DataActionError as exc:
        print_problems(exc.problems)
        return failed_code(exc)
    if args.output is not None:
        if not args.output.strip():
            print("error: -o/--output needs a file name", file=sys.stderr)
            return EXIT_USAGE
        try:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            print(
                "  hint: give a file path in a folder that exists and is writable", file=sys.stderr
            )
            return EXIT_USAGE
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK
