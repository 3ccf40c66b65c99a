"""The `dataaction` console script: a thin entry over `tui.commands`.

A first pass reads the command line before anything heavy loads: it finds the subcommand and
imports only that command's module (argparse and little else), whose handler then imports the rooms
it drives. `--help`, `validate`, `test` and `convert` so never load Textual, the Genesys SDK or
Starlette. With no subcommand, `dataaction` opens the wizard; a subcommand never does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace

from tui.commands import COMMANDS, SUMMARIES, command_module

# `typing` itself costs --help ~2 ms: the constant it would give, spelt out (mypy knows it).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
WIZARD_COMMANDS = ("new", "edit")  # full-screen, like no command at all


def first_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word not an option), if any."""
    return next((a for a in argv if not a.startswith("-")), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser (see `build_parsers`)."""
    return build_parsers(command)[0]


def build_parsers(
    command: str | None = None,
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser | None]:
    """The parser and, when `command` is known, its subcommand's own parser; with `command`
    known, only that subcommand's module is imported and only its parser built. Without one
    (`--help`, an unknown command) no command module is imported: the list of commands comes
    from `SUMMARIES`, so usage and errors still name them all."""
    import argparse

    from tui import __version__

    parser = argparse.ArgumentParser(
        prog="dataaction",
        description="Build, test and deploy Genesys Cloud Data Actions. "
        "With no command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"dataaction {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    own: argparse.ArgumentParser | None = None
    if command in COMMANDS:
        # Only its own parser: the others would never be read (usage names COMMAND), and each
        # costs an ArgumentParser with its gettext look-ups (~0.4 ms apiece).
        own = command_module(command).add_parser(sub)
        return parser, own
    for name in COMMANDS:
        sub.add_parser(name, help=SUMMARIES[name], add_help=False)
    return parser, own


def _parse(argv: list[str]) -> argparse.Namespace:
    """Parse `argv`; an option the subcommand does not know is reported with that subcommand's
    usage (`dataaction test: error: ...`), as its own errors are, not with the top-level one."""
    if not argv:  # bare `dataaction`: the wizard, nothing to parse. Neither argparse (~1 ms
        # with gettext) nor the parsers (twelve subcommands, ~4 ms) load for its start-up.
        return SimpleNamespace(command=None)  # type: ignore[return-value]
    parser, own = build_parsers(first_command(argv))
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        (own if own is not None and args.command else parser).error(
            f"unrecognized arguments: {' '.join(unknown)}"
        )
    return args


def skip_httpx_command_line() -> None:
    """Keep httpx's optional command-line client (`httpx._main`) from loading with httpx.

    `import httpx` tries `from ._main import main` and, on ImportError, keeps a `main` that
    explains the client's dependencies are missing. click, rich and pygments are installed
    (uvicorn and Textual bring them), so the import succeeds and costs ~30 ms on every command
    that talks HTTP, for a client this process never runs. A `None` entry in `sys.modules` is
    Python's own way to make one import fail: httpx then takes its ImportError path. Put before
    the first `import httpx`; an httpx already imported is left as it is.
    """
    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    sys.modules["httpx._main"] = None  # type: ignore[assignment]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line; the exit code (README: 0 ok, 1 failed, 2 usage, 3 auth, 4 API)."""
    # pydantic (loaded where a record explains a refused value, and by the credential
    # settings) scans installed packages' entry points for plugins on first model build
    # (~15 ms); this tool uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    skip_httpx_command_line()
    args = _parse(list(sys.argv[1:] if argv is None else argv))
    return _run(args)


def _tolerant_output() -> None:
    """Text from an org or a response may hold lone surrogates: print them escaped rather than
    fail on them."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _run(args: argparse.Namespace, *, exiting: bool = False) -> int:
    """Run the parsed command line; `exiting`: the process ends right after (the console
    script), so an embedded sandbox is stopped without waiting for its thread."""
    _tolerant_output()
    # A command of the console script (not the wizard, not the Python API) uses the sandbox
    # process commands share (tui.sandbox.shared).
    args.one_shot = exiting
    func = getattr(args, "func", None)
    if args.command is not None and func is None:  # a module without set_defaults(func=...)
        print(f"error: the command '{args.command}' has no handler", file=sys.stderr)
        return EXIT_USAGE
    try:
        if func is None:  # no command: the wizard, behind the same last line of defence
            from tui.commands._wizard import open_wizard

            return open_wizard(None)
        return int(func(args) or 0)
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
    finally:
        _stop_embedded_sandboxes(wait=not exiting)


def _stop_embedded_sandboxes(*, wait: bool) -> None:
    """Stop the in-process sandbox a command started: its per-run session client is removed
    then, instead of piling up in the database with every command."""
    target = sys.modules.get("tui.genesys.target")
    if target is not None:
        import contextlib

        with contextlib.suppress(Exception):  # cleanup never masks the command's outcome
            target.stop_embedded_sandboxes(wait=wait)


def _leaves_nothing_running(args: argparse.Namespace) -> bool:
    """Whether the command's module says it holds no threads, servers or files on return."""
    return _module_says(args, "light", "LIGHT")


def _module_says(args: argparse.Namespace, question: str, constant: str) -> bool:
    """The command module's answer for this command line: its function `question(args)`, else
    its `constant` (False for no command, or a module with neither)."""
    if args.command not in COMMANDS:
        return False
    module = command_module(args.command)
    ask = getattr(module, question, None)
    return bool(ask(args)) if ask else bool(getattr(module, constant, False))


def entry() -> None:
    """The console script: `main`, then, when nothing is left for it to finish, an exit without
    interpreter teardown (freeing every imported module costs ~40 ms of a ~250 ms `validate`
    and ~100 ms of an org command, which has the SDK, Starlette and uvicorn loaded)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    skip_httpx_command_line()
    args = _parse(sys.argv[1:])
    idle = _warm_idle(args)
    if idle:  # run by a copy of the warm process when one listens (tui.warm)
        from tui.warm import client

        try:
            warm_code = client.run(sys.argv[1:], idle)
        except KeyboardInterrupt:  # before the copy started: nothing ran
            print("interrupted", file=sys.stderr)
            _exit_now(130)
        if warm_code is not None:
            _exit_now(warm_code)
    code = _run(args, exiting=True)
    if idle:
        client.start_server(idle)  # for the next org command
    if _leaves_nothing_running(args) or _only_daemon_threads_left(args):
        _exit_now(code)
    sys.exit(code)


def run_in_copy(argv: Sequence[str]) -> int:
    """The command line run in a copy of the warm process (tui.warm.server), which then ends
    as `entry` would have ended the command's own process."""
    return _run(_parse(list(argv)), exiting=True)


def _warm_idle(args: argparse.Namespace) -> float:
    """How long a warm process may wait unused, for a command that runs in one (the org
    commands, whose modules say `WARM`, and those reading Terraform, whose `warm(args)` says
    so); 0 for any other, or when background processes are
    off or their setting is wrong (the command itself then says so)."""
    if not _module_says(args, "warm", "WARM"):
        return 0.0
    from tui.sandbox.idle import idle_seconds

    try:
        return idle_seconds()
    except Exception:  # a wrong DATAACTION_SANDBOX_IDLE: the command reports it
        return 0.0


def _only_daemon_threads_left(args: argparse.Namespace) -> bool:
    """Whether a command (not the wizard) returned leaving only daemon threads: the embedded
    sandbox's server and worker threads, told to stop by `_run`. Its session client is removed
    and its database closed by then, and files are closed by the code that wrote them; an
    interpreter shutdown would only free memory and stop those threads."""
    if args.command is None or args.command in WIZARD_COMMANDS:
        return False
    import threading

    main_thread = threading.main_thread()
    return all(t.daemon for t in threading.enumerate() if t is not main_thread)


def _exit_now(code: int) -> None:
    """Flush, run the exit hooks (logging's flush, weakref finalizers such as temporary folders'
    clean-up), then end the process without tearing the interpreter down."""
    import atexit

    for stream in (sys.stdout, sys.stderr):  # None: the process started with it closed
        try:
            if stream is not None:
                stream.flush()
        except (BrokenPipeError, ValueError):
            pass
    atexit._run_exitfuncs()
    os._exit(code)
