"""The console script's side of a warm run (standard library only, and little of it).

`run(argv, idle)` hands the command to the warm process and returns its exit code, or None
when the command must run in this process instead: no warm process is listening yet (then
`start_server` starts one for the next command), the platform or interpreter switches do not
allow it, or the warm process did not take the command. Nothing of the command has run when
None is returned, so running it here never runs it twice.

The exchange on the socket: this side sends `C` and a 4-byte length with its standard input,
output and error descriptors attached, then that many bytes of JSON (arguments, folder, environment,
umask, and the encoding and buffering of its three streams); the copy answers `P<pid>`, this
side `G` (go), and at the end the copy sends `X<exit code>`. Ctrl+C and other terminal signals
this process gets are passed on as `S<signal>`. A copy that gets no `G` runs nothing.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import sys

from tui.sandbox.own_code import python_path
from tui.warm import places

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from types import FrameType

HANDSHAKE_SECONDS = 10.0
# Ctrl+C, Ctrl+\, a hang-up, a kill request, and a resized window (for prompts).
FORWARDED = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGWINCH")
    if hasattr(signal, name)  # POSIX names: this module is imported before `supported()` says no
)
STREAMS = ("stdin", "stdout", "stderr")
LOG_LIMIT = 1 << 20


def run(argv: Sequence[str], idle: float) -> int | None:
    """Run the command line `argv` (without the program name) in a copy of the warm process;
    its exit code, or None when this process must run it itself."""
    if idle <= 0 or not places.supported() or not places.plain_interpreter():
        return None
    streams = _streams()
    folder = places.socket_folder()
    if streams is None or folder is None:
        return None
    try:
        cwd = os.getcwd()
    except OSError:
        return None  # the working folder is gone: the command says so itself
    path = places.socket_path(folder)
    if path is None:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(HANDSHAKE_SECONDS)
        try:
            conn.connect(str(path))
        except OSError:
            return None
        umask = os.umask(0o022)
        os.umask(umask)
        message = json.dumps(
            {
                "argv": [sys.argv[0] if sys.argv else "dataaction", *argv],
                "cwd": cwd,
                "env": dict(os.environ),
                "umask": umask,
                "streams": streams,
                # nohup, `trap ''` and background jobs ignore some: the copy must too
                "ignored": [
                    int(sig) for sig in FORWARDED if signal.getsignal(sig) == signal.SIG_IGN
                ],
            }
        ).encode()
        try:
            socket.send_fds(conn, [b"C" + struct.pack("!I", len(message))], [0, 1, 2])
            conn.sendall(message)
            reader = conn.makefile("rb")
            line = reader.readline()
            if not line.startswith(b"P"):
                return None
            if os.environ.get("DATAACTION_DEBUG"):  # said before the copy starts: first
                print(
                    f"dataaction: warm process {int(line[1:])} runs this command", file=sys.stderr
                )
            conn.sendall(b"G")  # from here the command runs there: its outcome is the answer
        except OSError:
            return None
        conn.settimeout(None)
        return _wait(conn, reader)
    finally:
        conn.close()


def _streams() -> dict[str, list[object]] | None:
    """Each standard stream's encoding, errors and line buffering (None if one is closed)."""
    out: dict[str, list[object]] = {}
    for fd, name in enumerate(STREAMS):
        stream = getattr(sys, name)
        try:
            os.fstat(fd)
        except OSError:
            return None
        if stream is None:
            return None
        out[name] = [stream.encoding, stream.errors, bool(getattr(stream, "line_buffering", 0))]
    return out


def _wait(conn: socket.socket, reader: object) -> int:
    """Pass signals on until the copy reports its exit code."""

    passed: list[int] = []

    def forward(signum: int, frame: FrameType | None) -> None:
        del frame
        passed.append(signum)
        try:  # noqa: SIM105 - contextlib is not loaded on this path
            conn.sendall(b"S%d\n" % signum)
        except OSError:
            pass

    previous = {
        sig: signal.signal(sig, forward)
        for sig in FORWARDED
        if signal.getsignal(sig) != signal.SIG_IGN  # ignored here: not passed on either
    }
    try:
        while True:
            try:
                line = reader.readline()  # type: ignore[attr-defined]
            except InterruptedError:
                continue
            if not line:
                fatal = [sig for sig in passed if sig not in (signal.SIGINT, signal.SIGWINCH)]
                if fatal:  # the copy ended of it, as this process would have: end likewise
                    signal.signal(fatal[0], signal.SIG_DFL)
                    os.kill(os.getpid(), fatal[0])
                    return 128 + fatal[0]
                print(
                    "error: the warm process running this command ended without an exit code "
                    "(DATAACTION_SANDBOX_IDLE=0 runs commands in their own process)",
                    file=sys.stderr,
                )
                return 1
            if line.startswith(b"X"):
                return int(line[1:])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def start_server(idle: float) -> None:
    """Start the warm process for the next commands (this one has run in its own process).
    Its output goes to a log beside its socket; it gets no credentials: only what Python needs
    to start (each copy gets its command's own environment)."""
    if idle <= 0 or not places.supported() or not places.plain_interpreter():
        return
    folder = places.socket_folder()
    if folder is None:
        return
    import subprocess

    path = places.socket_path(folder)
    if path is None or listening(path):
        return  # one serves (it came up while this command ran)
    env = {
        k: v
        for k, v in os.environ.items()
        if k.startswith(("PYTHON", "LC_")) or k in ("PATH", "LANG", "TZ", "HOME", "XDG_CACHE_HOME")
    }
    env["PYTHONPATH"] = python_path(env)
    log_path = folder / "warm.log"
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    if os.fstat(log).st_size > LOG_LIMIT:  # a line or two per start: kept short all the same
        os.ftruncate(log, 0)
    try:
        subprocess.Popen(
            [
                sys.executable,
                "-P",
                *places.interpreter_switches(),
                "-m",
                "tui.warm.server",
                str(path),
                str(idle),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            cwd="/",
            env=env,
            start_new_session=True,
        )
    except OSError:
        pass
    finally:
        os.close(log)


def listening(path: Path) -> bool:
    """Whether a warm process listens at `path` (a socket file left by one that died does not
    count: the new process replaces it)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def stop_servers(folder: Path | None = None, timeout: float = 5.0) -> list[int]:
    """Stop this installation's warm processes (`dataaction sandbox --stop`; those of other
    checkouts are theirs) and wait until each has let go of its socket; their pids. A socket
    left by one that was killed is removed."""
    import time

    folder = folder or places.socket_folder()
    if folder is None or not places.supported():
        return []
    stopped = []
    for path in sorted(folder.glob(f"{places.own_prefix()}*{places.SOCKET_SUFFIX}")):
        pid = _stop(path)
        if pid is None:
            if not listening(path):
                from contextlib import suppress

                with suppress(OSError):
                    path.unlink()
            continue
        stopped.append(pid)
        until = time.monotonic() + timeout
        while path.exists() and time.monotonic() < until:
            time.sleep(0.01)
    return stopped


def _stop(path: Path) -> int | None:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(5.0)
    try:
        conn.connect(str(path))
        conn.sendall(b"STOP")
        reply = conn.makefile("rb").readline()
        return int(reply[1:]) if reply.startswith(b"Q") else None
    except (OSError, ValueError):
        return None
    finally:
        conn.close()
