"""`dataaction test`: run an action step by step as Genesys would, locally or in an org.

Locally (`test FILE`) the pure-Python runtime runs it against the live URL or a canned response;
with `--remote NAME` the org's (or sandbox's) test endpoint runs the published action.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from tui.commands import SUMMARIES
from tui.commands._genesys import add_target_arguments
from tui.commands._inputs import key_value
from tui.commands._output import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    color,
    failed_code,
    note,
    print_problems,
)

if TYPE_CHECKING:
    from tui.runtime.pipeline import CannedResponse

HELP = SUMMARIES["test"]
LIGHT = True  # except with --remote: see `light`
GENESYS_DEFAULT_API = "https://api.mypurecloud.com"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser("test", help=HELP)
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument(
        "--input", "-i", action="append", default=[], metavar="KEY=VALUE", type=key_value
    )
    p.add_argument(
        "--response-file",
        metavar="FILE",
        help="use this canned response instead of calling the URL",
    )
    p.add_argument("--status", type=int, default=200, help="HTTP status of the canned response")
    p.add_argument("--sample", action="store_true", help="use the spec's sample_response")
    p.add_argument("--flatten", action="store_true", help="flatten the output as Architect does")
    p.add_argument("--json", action="store_true", help="print exactly the TestExecutionResult JSON")
    p.add_argument(
        "--remote", metavar="NAME", help="run the org's test endpoint for the action NAME"
    )
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="API host for relative URLs (Genesys Cloud Data Actions), e.g. https://api.mypurecloud.de",
    )
    p.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="switch a rule no public source settles (success-json=strict|lenient, "
        "success-input=hidden|visible, first-from-array-empty=empty|null|error)",
    )
    p.add_argument(
        "--compare",
        action="store_true",
        help="also run the action through the org's test endpoint (a temporary draft) and "
        "show both step traces side by side",
    )
    p.add_argument(
        "--report",
        metavar="FILE",
        help="with --compare: where to write the JSON report of differences "
        "(default: <action>.compare.json)",
    )
    from tui.commands.test_suite import add_arguments as add_suite_arguments

    add_suite_arguments(p)
    add_target_arguments(p)
    p.set_defaults(func=run)
    return p


def warm(args: argparse.Namespace) -> bool:
    """A remote test is an org command, and a Terraform file needs python-hcl2: either runs
    in a copy of the warm process (tui.warm), which has them loaded."""
    from tui.commands._files import terraform_in

    return bool(args.remote or args.compare or (args.file and terraform_in([args.file])))


def light(args: argparse.Namespace) -> bool:
    """A local test leaves nothing running; a remote one may hold SDK threads."""
    return not args.remote and not args.compare


def run(args: argparse.Namespace) -> int:
    if args.suite:
        from tui.commands.test_suite import run_suite

        return run_suite(args)
    if args.junit:
        note("error: --junit needs --suite DIR")
        return EXIT_USAGE
    if args.remote:
        from tui.commands.test_remote import run_remote

        return run_remote(args)
    if not args.file:
        note("error: give an action FILE, or --remote NAME")
        return EXIT_USAGE
    from tui.commands._files import load, read_response, sample_for
    from tui.commands._inputs import parse_inputs
    from tui.model.problems import DataActionError
    from tui.runtime.assumptions import Assumptions
    from tui.runtime.pipeline import CannedResponse, run_test

    try:
        assumptions = Assumptions.parse(args.assume)
    except ValueError as exc:
        note(f"error: {exc}")
        return EXIT_USAGE
    response: CannedResponse | None = None
    try:
        loaded = load(args.file)
        if loaded.function is not None:
            raise DataActionError.single(
                "a function data action runs its code in Genesys's function runtime, "
                "which is not emulated here",
                file=loaded.file,
                field="function_config",
                hint="test it in the org: dataaction test --remote NAME",
            )
        defaults = loaded.spec.sample_inputs() if loaded.spec else {}
        inputs = parse_inputs(args.input, loaded.action.input_schema, defaults)
        if args.response_file:
            if not 100 <= args.status <= 599:
                raise DataActionError.single(
                    f"--status {args.status} is not an HTTP status", hint="use 100 to 599"
                )
            response = CannedResponse(read_response(args.response_file), status=args.status)
        elif args.sample:
            response = sample_for(loaded, None)
            if response is None:
                raise DataActionError.single(
                    "this file names no local sample_response",
                    file=args.file,
                    hint="use --response-file FILE",
                )
    except DataActionError as exc:
        print_problems(exc.problems)
        return failed_code(exc)
    base_url = args.base_url
    if base_url is None and response is not None:
        base_url = GENESYS_DEFAULT_API  # relative /api/v2 URLs: any org host will do offline
    if args.compare:
        from tui.commands.test_compare import run_compare

        return run_compare(args, loaded, inputs, response, base_url, assumptions)
    result = run_test(
        loaded.action,
        inputs,
        response=response,
        flatten=args.flatten,
        base_url=base_url,
        assumptions=assumptions,
    )
    switched = assumptions.switched()
    if switched and not args.json:
        note("assuming " + ", ".join(f"{k}={v}" for k, v in switched.items()))
    if args.json:
        print(json.dumps(result.to_wire(), indent=2, ensure_ascii=False))
    else:
        from tui.runtime.trace_text import render

        print(render(result, flatten=args.flatten, paint=color))
    return EXIT_OK if result.success else EXIT_FAILED
