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
    from typing import Any

HANDSHAKE_SECONDS = 10.0


def _signals(*names: str) -> tuple[int, ...]:
    """Those of these POSIX signals the platform has (this module is imported before
    `supported()` says no)."""
    return tuple(getattr(signal, name) for name in names if hasattr(signal, name))


# Ctrl+C, Ctrl+\, a hang-up, a kill request and a resized window (for prompts) are passed on;
# Ctrl+Z stops the copy and then this process.
FORWARDED = _signals("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGWINCH")
STOPPING = _signals("SIGTSTP")
HARMLESS = _signals("SIGWINCH")
STREAMS = ("stdin", "stdout", "stderr")
LOG_LIMIT = 1 << 20


def run(argv: Sequence[str], idle: float) -> int | None:
    """Run the command line `argv` (without the program name) in a copy of the warm process;
    its exit code, or None when this process must run it itself."""
    if idle <= 0 or not places.supported() or not places.plain_interpreter():
        return None
    streams = _streams()
    folder = places.socket_folder()
    if streams is None or folder is None or not _in_foreground():
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
        if places.peer_uid(conn) != os.getuid():
            return None  # only a warm process of this user is handed a command
        return _hand_over(conn, argv, cwd, streams)
    finally:
        conn.close()


def _hand_over(
    conn: socket.socket, argv: Sequence[str], cwd: str, streams: dict[str, list[object]]
) -> int | None:
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
            "ignored": [int(sig) for sig in FORWARDED if signal.getsignal(sig) == signal.SIG_IGN],
        }
    ).encode()
    relay = _Relay(conn)
    try:
        socket.send_fds(conn, [b"C" + struct.pack("!I", len(message))], [0, 1, 2])
        conn.sendall(message)
        reader = conn.makefile("rb")
        line = reader.readline()
        if not line.startswith(b"P"):
            return None
        relay.copy_pid = int(line[1:])
        if os.environ.get("DATAACTION_DEBUG"):  # said before the copy starts: first
            print(f"dataaction: warm process {relay.copy_pid} runs this command", file=sys.stderr)
        relay.install()  # before `G`: a Ctrl+C from here on is the copy's
        conn.sendall(b"G")  # from here the command runs there: its outcome is the answer
    except OSError:
        relay.uninstall()
        return None
    conn.settimeout(None)
    try:
        return relay.wait(reader)
    finally:
        relay.uninstall()


def _in_foreground() -> bool:
    """Whether this process may read its terminal (a background job may not: it would be
    stopped, where a copy, in no job of the shell's, would read what was typed for the shell)."""
    try:
        if not os.isatty(0):
            return True
        return os.tcgetpgrp(0) == os.getpgrp()
    except OSError:
        return True


def _streams() -> dict[str, list[object]] | None:
    """Each standard stream's encoding, errors and buffering (None if one is closed)."""
    out: dict[str, list[object]] = {}
    for fd, name in enumerate(STREAMS):
        stream = getattr(sys, name)
        try:
            os.fstat(fd)
        except OSError:
            return None
        if stream is None:
            return None
        out[name] = [
            stream.encoding,
            stream.errors,
            bool(getattr(stream, "line_buffering", False)),
            bool(getattr(stream, "write_through", False)),  # python -u, PYTHONUNBUFFERED
        ]
    return out


class _Relay:
    """Passes the signals this process gets on to the copy, until its exit code comes."""

    def __init__(self, conn: socket.socket) -> None:
        self.conn = conn
        self.copy_pid = 0
        self.passed: list[int] = []
        self.previous: dict[int, Any] = {}

    def install(self) -> None:
        for sig in (*FORWARDED, *STOPPING):
            if signal.getsignal(sig) != signal.SIG_IGN:  # ignored here: not passed on either
                self.previous[sig] = signal.signal(sig, self._forward)

    def uninstall(self) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous = {}

    def _forward(self, signum: int, frame: FrameType | None) -> None:
        del frame
        self.passed.append(signum)
        try:
            self.conn.sendall(b"S%d\n" % signum)
        except OSError:
            return
        if signum in STOPPING:  # Ctrl+Z: the copy stops itself; so does this process, then
            signal.signal(signum, signal.SIG_DFL)  # wakes both when the shell continues it
            os.kill(os.getpid(), signum)
            signal.signal(signum, self._forward)
            try:  # noqa: SIM105 - contextlib is not loaded on this path
                os.kill(self.copy_pid, signal.SIGCONT)
            except OSError:
                pass

    def wait(self, reader: Any) -> int:
        while True:
            try:
                line = reader.readline()
            except InterruptedError:
                continue
            except OSError:
                line = b""
            if line.startswith(b"X"):
                return int(line[1:])
            if line:
                continue
            fatal = [sig for sig in self.passed if sig not in (signal.SIGINT, *STOPPING, *HARMLESS)]
            if fatal:  # the copy ended of it, as this process would have: end likewise
                self.uninstall()
                signal.signal(fatal[0], signal.SIG_DFL)
                os.kill(os.getpid(), fatal[0])
                return 128 + fatal[0]
            print(
                "error: the warm process running this command ended without an exit code "
                "(DATAACTION_SANDBOX_IDLE=0 runs commands in their own process)",
                file=sys.stderr,
            )
            return 1


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
