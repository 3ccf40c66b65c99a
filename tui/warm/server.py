"""`python -m tui.warm.server SOCKET IDLE`: the warm process, and the copies it forks.

Started in the background by `tui.warm.client.start_server` (read `tui.warm` first). It
imports what org commands use, listens on SOCKET (0600, in this user's 0700 folder) and forks
a copy for each connection, before reading anything from it: the command's arguments and
environment (its credentials among them) only ever reach that copy. It ends after IDLE seconds
without a connection, on SIGTERM or a `STOP` request (`dataaction sandbox --stop`), and once its
socket file is no longer its own.

The process stays single-threaded (a fork copies only the calling thread: a lock another
thread held would stay locked in every copy), which it checks before serving.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
from pathlib import Path
from typing import Any

from tui.warm.client import listening
from tui.warm.places import peer_uid

PRELOADED = (
    "tui.commands._genesys",
    "tui.commands.deploy",
    "tui.commands.export",
    "tui.commands.import_",
    "tui.commands.delete",
    "tui.commands.drafts",
    "tui.commands.integration",
    "tui.commands.test",
    "tui.commands.test_remote",
    "tui.commands.validate",
    "tui.commands.convert",
    "tui.model.hcl_read",
    "tui.model.hcl_eval",
    "tui.commands._deploy_drafts",
    "tui.genesys.target",
    "tui.genesys.settings",
    "tui.genesys.compare",
    "tui.sandbox.shared",
    "tui.model.formats",
    "tui.runtime.validation",
    "yaml",
)
HEADER = struct.Struct("!I")
ACCEPT_TICK = 1.0


def preload() -> None:
    """Import what the org commands import, the SDK's client, API and transport included."""
    import importlib

    from tui.cli import skip_httpx_command_line

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    skip_httpx_command_line()
    for name in PRELOADED:
        importlib.import_module(name)
    from tui.genesys.session import warm_sdk
    from tui.model.hcl_parser import load_parser

    warm_sdk()
    load_parser()


def serve(path: Path, idle: float) -> None:
    listener = _bind(path)
    if listener is None:
        return
    mine = os.stat(path).st_ino

    def stop(signum: int, frame: Any) -> None:
        raise _Stopped

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # copies are reaped by the kernel
    listener.settimeout(ACCEPT_TICK)
    last = time.monotonic()
    print(f"warm process {os.getpid()} serving {path}", flush=True)
    try:
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                if time.monotonic() - last > idle or not _still_mine(path, mine):
                    break
                continue
            except InterruptedError:
                continue
            last = time.monotonic()
            try:
                pid = os.fork()
            except OSError as exc:
                print(f"fork failed: {exc}", flush=True)
                conn.close()
                continue
            if pid == 0:
                _copy(conn, listener)  # never returns
            conn.close()
    except _Stopped:
        pass
    finally:
        listener.close()
        if _still_mine(path, mine):
            with contextlib.suppress(OSError):
                path.unlink()
        print(f"warm process {os.getpid()} ended", flush=True)


class _Stopped(Exception):
    """SIGTERM: stop serving at once (a copy already forked runs its command to the end)."""


def _bind(path: Path) -> socket.socket | None:
    """The listening socket at `path`, or None when a live warm process already has it."""
    if path.exists():
        if listening(path):
            return None  # another one serves already
        with contextlib.suppress(OSError):
            path.unlink()  # left by a process that died
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    tmp = path.with_name(f".{os.getpid()}.sock")  # no longer than the socket's own name
    try:
        listener.bind(str(tmp))
        os.chmod(tmp, 0o600)
        listener.listen(64)
        os.rename(tmp, path)  # whole: a command never connects to a socket not yet listening
    except OSError as exc:
        print(f"not serving: cannot listen at {path}: {exc}", flush=True)
        listener.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        return None
    return listener


def _still_mine(path: Path, inode: int) -> bool:
    try:
        return os.stat(path).st_ino == inode
    except OSError:
        return False


# -- a copy: one command ---------------------------------------------------------------------


def _copy(conn: socket.socket, listener: socket.socket) -> None:
    """Run one command in this forked copy and end the process with its exit code."""
    code = 1
    log = os.dup(1)  # this process's log, before the command's output takes descriptor 1
    try:
        listener.close()
        _default_signals()  # not those of whichever command started this process
        conn.settimeout(10.0)
        if peer_uid(conn) != os.getuid():
            os._exit(1)
        kind, fds = _receive_start(conn)
        if not kind:
            os._exit(0)  # a probe: is anyone listening?
        if kind == b"S":
            os.kill(os.getppid(), signal.SIGTERM)
            conn.sendall(b"Q%d\n" % os.getppid())
            os._exit(0)
        request = json.loads(_receive_exact(conn, HEADER.unpack(kind[1:])[0]))
        for ignored in request.get("ignored", []):  # as nohup or `trap ''` left the command
            signal.signal(ignored, signal.SIG_IGN)
        _become(request, fds)
        conn.sendall(b"P%d\n" % os.getpid())
        if conn.recv(1) != b"G":
            os._exit(1)  # the command went back to its own process: nothing ran here
        conn.settimeout(None)
    except Exception as exc:  # before the command: it runs in its own process instead
        with contextlib.suppress(Exception):
            note = f"copy {os.getpid()} refused a command: {type(exc).__name__}: {exc}\n"
            os.write(log, note.encode(errors="replace"))
        os._exit(1)
    os.close(log)
    try:
        threading.Thread(target=_listen, args=(conn,), daemon=True).start()
        code = _run(request["argv"])
        # Done: a signal now would only lose the exit code on its way back.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
        _flush()
        conn.sendall(b"X%d\n" % code)
    finally:
        os._exit(code)


def _default_signals() -> None:
    """A fresh interpreter's signal handling (Python's Ctrl+C, the rest the system's); what
    the command ignores is ignored again once its request is read."""
    for name in ("SIGTERM", "SIGCHLD", "SIGHUP", "SIGQUIT", "SIGWINCH", "SIGTSTP", "SIGTTIN",
                 "SIGTTOU", "SIGUSR1", "SIGUSR2", "SIGCONT"):  # fmt: skip
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _receive_start(conn: socket.socket) -> tuple[bytes, list[int]]:
    data, fds, _, _ = socket.recv_fds(conn, 1 + HEADER.size, 3)
    if not data:
        return b"", fds
    if data[:1] == b"S":
        return b"S", fds
    while len(data) < 1 + HEADER.size:
        more = conn.recv(1 + HEADER.size - len(data))
        if not more:
            raise ConnectionError("the command hung up")
        data += more
    if data[:1] != b"C" or len(fds) != 3:
        raise ValueError("not a command")
    return data, fds


def _receive_exact(conn: socket.socket, size: int) -> bytes:
    chunks, got = [], 0
    while got < size:
        chunk = conn.recv(min(65536, size - got))
        if not chunk:
            raise ConnectionError("the command hung up")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _become(request: dict[str, Any], fds: list[int]) -> None:
    """Take the command's descriptors, folder, environment, umask, locale and streams."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.umask(int(request["umask"]))
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    import locale

    with contextlib.suppress(locale.Error):
        locale.setlocale(locale.LC_CTYPE, "")
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        encoding, errors, line_buffering, write_through = request["streams"][name]
        raw = io.FileIO(fd, "r" if fd == 0 else "w", closefd=False)
        buffered = io.BufferedReader(raw) if fd == 0 else io.BufferedWriter(raw)
        stream = io.TextIOWrapper(
            buffered,
            encoding=encoding,
            errors=errors,
            line_buffering=bool(line_buffering),
            write_through=bool(write_through),
        )
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    sys.argv = list(request["argv"])


def _listen(conn: socket.socket) -> None:
    """Signals the command's process passes on. It hangs up before the exit code only when it
    was killed outright (every other signal is passed on first): this copy ends likewise."""
    reader = conn.makefile("rb")
    while True:
        try:
            line = reader.readline()
        except OSError:
            line = b""
        if not line:
            os.kill(os.getpid(), signal.SIGKILL)
            return
        if line.startswith(b"S"):
            with contextlib.suppress(ValueError, OSError):
                signum = int(line[1:])
                if signum == getattr(signal, "SIGTSTP", None):  # Ctrl+Z: no terminal of its
                    signum = signal.SIGSTOP  # own here would stop it, so stop outright
                os.kill(os.getpid(), signum)


def _run(argv: list[str]) -> int:
    """The console script's run of `argv`, as `tui.cli.entry` does it."""
    from tui.cli import run_in_copy

    try:
        return run_in_copy(argv[1:])
    except SystemExit as exc:  # argparse's usage errors, sys.exit in a handler
        if exc.code is None or isinstance(exc.code, int):
            return int(exc.code or 0)
        print(exc.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _flush() -> None:
    """What a normal exit does before the process ends: other threads' work, exit hooks and
    the streams' buffers."""
    import atexit

    main = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not main and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()


def main() -> None:
    path, idle = Path(sys.argv[1]), float(sys.argv[2])
    preload()
    import gc

    gc.collect()
    gc.freeze()  # what is loaded stays: copies neither scan it nor touch its pages
    if threading.active_count() != 1:
        print(f"not serving: {threading.active_count()} threads after the imports", flush=True)
        return
    serve(path, idle)


if __name__ == "__main__":
    main()
