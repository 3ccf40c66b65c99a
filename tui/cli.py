"""The `dataaction` command line.

Only argparse is imported up front: each subcommand imports what it needs when it runs, so
`--help`, `validate` and `test` never load Textual or the Genesys SDK.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
GENESYS_DEFAULT_API = "https://api.mypurecloud.com"


def _color(code: str, text: str) -> str:
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return f"\033[{code}m{text}\033[0m"
    return text


def print_problems(problems: Sequence[Any], stream: Any = None) -> None:
    stream = stream or sys.stderr
    for p in problems:
        print(p.render(), file=stream)


# -- validate ----------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from tui.model.problems import DataActionError
    from tui.runtime.validation import has_errors, validate_action

    worst = EXIT_OK
    report = []
    for file in args.files:
        try:
            loaded = _load(file)
            sample = _sample_for(loaded, args.sample)
            problems = validate_action(loaded.action, loaded=loaded, sample=sample)
        except DataActionError as exc:
            problems = exc.problems
        failed = has_errors(problems)
        worst = EXIT_FAILED if failed else worst
        if args.json:
            report.append(
                {"file": file, "valid": not failed, "problems": [p.to_dict() for p in problems]}
            )
            continue
        print_problems(problems, sys.stdout)
        verdict = _color("31", "invalid") if failed else _color("32", "valid")
        warn = sum(p.severity == "warning" for p in problems)
        print(f"{file}: {verdict}" + (f" ({warn} warning{'s' * (warn != 1)})" if warn else ""))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return worst


def _load(file: str) -> Any:
    from tui.model.formats import load

    return load(file)


def _sample_for(loaded: Any, explicit: str | None) -> Any:
    """The sample response to check against: --sample, else the spec's sample_response."""
    from pathlib import Path

    from tui.model.problems import DataActionError
    from tui.runtime.pipeline import CannedResponse

    name = explicit
    if name is None and loaded.spec is not None and loaded.spec.sample_response:
        ref = loaded.spec.sample_response
        if ref.startswith(("http://", "https://")):
            return None
        name = str(Path(loaded.file).parent / ref)
    if name is None:
        return None
    try:
        return CannedResponse(Path(name).read_bytes())
    except OSError as exc:
        raise DataActionError.single(
            f"cannot read sample response {name}: {exc.strerror}",
            file=loaded.file,
            field="sample_response",
            hint="fix the path (relative to the spec)",
        ) from None


# -- test --------------------------------------------------------------------------------


def parse_inputs(
    pairs: Sequence[str], schema: dict[str, Any], defaults: dict[str, Any]
) -> dict[str, Any]:
    """`k=v` pairs typed by the input contract (integer, number, boolean), over the defaults."""
    from tui.model.problems import DataActionError

    props = schema.get("properties") or {}
    values = dict(defaults)
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise DataActionError.single(
                f"--input {pair!r} is not key=value", hint="e.g. --input city=Paris"
            )
        typ = (props.get(key) or {}).get("type", "string")
        try:
            if typ == "integer":
                values[key] = int(raw)
            elif typ == "number":
                values[key] = float(raw) if any(c in raw for c in ".eE") else int(raw)
            elif typ == "boolean":
                if raw.lower() not in ("true", "false"):
                    raise ValueError
                values[key] = raw.lower() == "true"
            else:
                values[key] = raw
        except ValueError:
            raise DataActionError.single(
                f"input '{key}' must be {typ}, got {raw!r}", field=f"--input {key}"
            ) from None
    return values


def render_trace(result: Any) -> str:
    lines = []
    for op in result.operations:
        mark = _color("32", "✓") if op.success else _color("31", "✗")
        lines.append(f"{mark} {op.step}. {op.name}")
        if op.success and op.result is not None:
            text = (
                op.result
                if isinstance(op.result, str)
                else json.dumps(op.result, ensure_ascii=False)
            )
            lines.append(
                "     " + (text if len(text) <= 300 else text[:300] + f"… ({len(text)} chars)")
            )
        if op.error is not None:
            lines.append("     " + _color("31", op.error.message))
    if result.success:
        lines.append(_color("32", "Success.") + " Output Architect sees:")
        lines.append(json.dumps(result.final_result, indent=2, ensure_ascii=False))
    else:
        lines.append(_color("31", "Failed") + f" at step {len(result.operations)}.")
    return "\n".join(lines)


def cmd_test(args: argparse.Namespace) -> int:
    if args.remote:
        from tui.genesys.commands import remote_test

        return remote_test(args)
    if not args.file:
        print("error: give an action FILE, or --remote NAME", file=sys.stderr)
        return EXIT_USAGE
    from pathlib import Path

    from tui.model.problems import DataActionError
    from tui.runtime.pipeline import CannedResponse, run_test

    try:
        loaded = _load(args.file)
        defaults = loaded.spec.sample_inputs() if loaded.spec else {}
        inputs = parse_inputs(args.input, loaded.action.input_schema, defaults)
        response = None
        if args.response_file:
            try:
                body = Path(args.response_file).read_bytes()
            except OSError as exc:
                raise DataActionError.single(
                    f"cannot read {args.response_file}: {exc.strerror}"
                ) from None
            response = CannedResponse(body, status=args.status)
        elif args.sample:
            response = _sample_for(loaded, None)
            if response is None:
                raise DataActionError.single(
                    "this file names no local sample_response",
                    file=args.file,
                    hint="use --response-file FILE",
                )
    except DataActionError as exc:
        print_problems(exc.problems)
        return EXIT_FAILED
    base_url = args.base_url
    if base_url is None and response is not None:
        base_url = GENESYS_DEFAULT_API  # relative /api/v2 URLs: any org host will do offline
    result = run_test(
        loaded.action, inputs, response=response, flatten=args.flatten, base_url=base_url
    )
    if args.json:
        print(json.dumps(result.to_wire(), indent=2, ensure_ascii=False))
    else:
        print(render_trace(result))
    return EXIT_OK if result.success else EXIT_FAILED


# -- convert -----------------------------------------------------------------------------


def cmd_convert(args: argparse.Namespace) -> int:
    from tui.model.formats import dump
    from tui.model.problems import DataActionError

    try:
        fmt = {"yaml": "spec", "json": "api", "tf": "hcl"}.get(args.to, args.to)
        text = dump(_load(args.file), fmt)
    except DataActionError as exc:
        print_problems(exc.problems)
        return EXIT_FAILED
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


# -- wizard ------------------------------------------------------------------------------


def cmd_wizard(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("error: the wizard needs an interactive terminal", file=sys.stderr)
        print(
            "  hint: run it in a terminal, or use `dataaction --help` for the scriptable commands",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if getattr(args, "plain", False):
        from tui.plain import run_plain

        return run_plain(getattr(args, "file", None))
    from tui.app import run_app

    return run_app(getattr(args, "file", None), resume=not getattr(args, "fresh", False))


# -- parser ------------------------------------------------------------------------------


def build_parser(command: str | None = None, remote: bool = False) -> argparse.ArgumentParser:
    from tui import __version__

    parser = argparse.ArgumentParser(
        prog="dataaction",
        description="Build, test and deploy Genesys Cloud Data Actions. "
        "With no command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"dataaction {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="open the wizard on a new action")
    p.add_argument(
        "--plain", action="store_true", help="plain prompts instead of the full-screen wizard"
    )
    p.set_defaults(func=cmd_wizard, fresh=True)
    p = sub.add_parser("edit", help="open the wizard on an action file")
    p.add_argument("file")
    p.add_argument(
        "--plain", action="store_true", help="plain prompts instead of the full-screen wizard"
    )
    p.set_defaults(func=cmd_wizard)

    p = sub.add_parser(
        "validate", help="check action files (spec YAML, API JSON, .custom.json, .tf)"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--sample", metavar="FILE", help="also run the response half on this sample response"
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("test", help="run an action locally, step by step, as Genesys would")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--input", "-i", action="append", default=[], metavar="KEY=VALUE")
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
    if remote:  # only `test --remote` pays for the deploy room's settings
        from tui.genesys.commands import add_target_arguments

        add_target_arguments(p)
    p.set_defaults(func=cmd_test)

    p = sub.add_parser("convert", help="convert an action between formats")
    p.add_argument("file")
    p.add_argument(
        "--to",
        required=True,
        choices=["spec", "yaml", "api", "json", "custom-json", "hcl", "tf"],
        help="spec (= yaml), api (= json), custom-json, hcl (= tf)",
    )
    p.add_argument("--output", "-o", metavar="FILE")
    p.set_defaults(func=cmd_convert)

    _external_parsers(sub, command)
    return parser


EXTERNAL = {
    "deploy": (
        "tui.genesys.commands",
        "add_parsers",
        "deploy actions to Genesys Cloud (or the sandbox)",
    ),
    "export": ("tui.genesys.commands", "add_parsers", "export actions from an org to files"),
    "import": ("tui.genesys.commands", "add_parsers", "import a .custom.json export into an org"),
    "delete": ("tui.genesys.commands", "add_parsers", "delete an action from an org"),
    "sandbox": ("tui.sandbox.cli", "add_parser", "run the local Genesys Cloud sandbox"),
}


def _external_parsers(sub: Any, command: str | None) -> None:
    """Subcommands from other rooms: their modules load only when that command runs."""
    if command in EXTERNAL:
        module, func, _ = EXTERNAL[command]
        getattr(importlib.import_module(module), func)(sub)
        return
    for name, (_, _, help_text) in EXTERNAL.items():
        sub.add_parser(name, help=help_text, add_help=False)


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic scans installed packages' entry points for plugins on first model build
    # (~15 ms of a ~230 ms run); this tool uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    argv = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command, remote=command == "test" and "--remote" in argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        return cmd_wizard(args)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: one clear line, never a traceback
        if os.environ.get("DATAACTION_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("  hint: set DATAACTION_DEBUG=1 to see the traceback and report it", file=sys.stderr)
        return EXIT_FAILED


FAST_EXIT_COMMANDS = frozenset({"validate", "test", "convert"})


def entry() -> None:
    """The console script: `main`, then for the light commands an exit without interpreter
    teardown (garbage-collecting every imported module costs ~40 ms of a ~250 ms run; these
    commands hold no open files, threads or servers once they return)."""
    argv = sys.argv[1:]
    code = main(argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    if command in FAST_EXIT_COMMANDS and "--remote" not in argv:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            pass
        os._exit(code)
    sys.exit(code)
