"""`dataaction new --from-curl/--from-openapi`: a new action from what people already have.

The action is written as a spec YAML (never with secrets: those become credential references and
are only reported by field name), then opened in the wizard when a person is at the terminal.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands._output import EXIT_OK, EXIT_USAGE, failed_code, note, print_problems

if TYPE_CHECKING:
    from tui.model.spec import Spec


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("start from something you have")
    src = g.add_mutually_exclusive_group()
    src.add_argument("--from-curl", metavar="'curl ...'", help="a curl command (quote it)")
    src.add_argument(
        "--from-openapi", metavar="FILE_OR_URL", help="an OpenAPI 3.0/3.1 description (JSON/YAML)"
    )
    g.add_argument(
        "--operation",
        metavar="ID",
        help="with --from-openapi: the operationId, or 'METHOD /path' (omit to list them)",
    )
    g.add_argument("--name", help="the action's name")
    g.add_argument("--category", default="Data Actions", help="the action's category")
    g.add_argument(
        "--out", "-o", metavar="FILE", help="spec file to write (default: NAME.yaml here)"
    )
    g.add_argument("--force", action="store_true", help="overwrite --out when it exists")


def wanted(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "from_curl", None) or getattr(args, "from_openapi", None))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "action"


def run(args: argparse.Namespace) -> int:
    from tui.model.problems import DataActionError

    try:
        if args.from_curl:
            spec, notes = _from_curl(args)
        else:
            got = _from_openapi(args)
            if isinstance(got, int):
                return got
            spec, notes = got
    except DataActionError as exc:
        print_problems(exc.problems)
        return failed_code(exc)  # a description that is not there: 2, as in every command
    spec.category = args.category
    out = Path(args.out or f"{slug(spec.name)}.yaml")
    if out.exists() and not args.force:
        note(f"error: {out} exists")
        note("  hint: give another --out FILE, or --force to overwrite it")
        return EXIT_USAGE
    from tui.model.formats import spec_to_yaml

    for line in notes:
        note(f"note: {line}")
    out.write_text(spec_to_yaml(spec), encoding="utf-8")
    inputs = ", ".join(i.name for i in spec.inputs) or "none"
    note(f"wrote {out}: {spec.request.method} {spec.request.url} (inputs: {inputs})")
    if sys.stdin.isatty() and sys.stdout.isatty() and not args.out:
        from tui.commands._wizard import open_wizard

        return open_wizard(str(out), plain=args.plain)
    note(f"next: dataaction edit {out}   (or validate/test/deploy it)")
    return EXIT_OK


def _from_curl(args: argparse.Namespace) -> tuple[Spec, list[str]]:
    from tui.model.curl_import import parse_curl
    from tui.model.naming import suggest_action_name

    imp = parse_curl(args.from_curl)
    spec = imp.to_spec(args.name or suggest_action_name(imp.request.method, imp.request.url))
    notes = list(imp.notes)
    if imp.secrets:
        notes.append(
            "secrets found (not saved): credential field(s) "
            + ", ".join(sorted(imp.secrets))
            + "; store them in the integration's credential (deploy --credential)"
        )
    return spec, notes


def _from_openapi(args: argparse.Namespace) -> tuple[Spec, list[str]] | int:
    from tui.model.openapi import describe_operations, find_operation, load_openapi, spec_for

    doc = load_openapi(args.from_openapi)
    if not args.operation:
        note(f"{args.from_openapi}: {len(doc.operations)} operations; pick one with --operation:")
        for line in describe_operations(doc):
            print(line)
        return EXIT_USAGE
    op = find_operation(doc, args.operation)
    got = spec_for(doc, op, name=args.name)
    if got.sample is not None:
        out = Path(args.out or f"{slug(got.spec.name)}.yaml")
        sample = out.with_name(out.name.removesuffix(".yaml") + ".sample.json")
        for path in (out, sample):  # refuse before writing anything: nothing is lost
            if path.exists() and not args.force:
                note(f"error: {path} exists")
                note("  hint: give another --out FILE, or --force to overwrite it")
                return EXIT_USAGE
        sample.write_text(json.dumps(got.sample, indent=2, ensure_ascii=False) + "\n")
        got.spec.sample_response = sample.name
        got.notes.append(f"wrote the sample response to {sample} (map it in the wizard)")
    return got.spec, got.notes
