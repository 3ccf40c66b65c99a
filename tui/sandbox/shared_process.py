"""`python -m tui.sandbox.shared_process`: the sandbox process one-shot commands share.

Started by `tui.sandbox.shared` (read it first). Reads one JSON line on standard input (the
database, the listening socket's inherited descriptor, the idle limit), answers `ready` or
`error: <reason>` on standard output, then serves until it has been idle that long with no
command attached, until its database file goes away, or, once another process has taken its
place (other code or settings), as soon as no command is attached."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import sys
import time
from pathlib import Path

from .shared import sidecar, spawn_lock, users_lock

TICK = 0.25


def _say(line: str) -> None:
    with contextlib.suppress(OSError):  # the command that started it may be gone
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def main() -> None:
    try:
        hello = json.loads(sys.stdin.buffer.readline())
        db = Path(hello["db"])
        idle = float(hello["idle"])
        sock = socket.socket(fileno=int(hello["fd"]))
        from .server import SandboxServer

        server = SandboxServer(db, login=False).start(sock=sock)
        inode = db.stat().st_ino
    except Exception as exc:  # told to the command, which says it as its own error
        _say(f"error: {exc}" if str(exc) else f"error: {type(exc).__name__}")
        os._exit(1)
    _say("ready")
    with contextlib.suppress(OSError):
        sys.stdout.close()
    while not _done(db, inode, server.idle_for(), idle):
        time.sleep(TICK)
    server.stop(wait=True)
    os._exit(0)


def _done(db: Path, inode: int, idle_for: float, idle: float) -> bool:
    """Whether to stop now: the database is gone, or idle with no command attached (then the
    record naming this process is removed first, under the lock commands take to find it)."""
    try:
        if db.stat().st_ino != inode:
            return True
    except OSError:
        return True
    if idle_for < (idle if _named(db) else TICK):  # replaced: it serves no new command
        return False
    with spawn_lock(db):
        users = users_lock(db)
        try:
            fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a command is attached (it may be about to send its first request)
        finally:
            os.close(users)  # a command may attach once the spawn lock is let go: not to us
        if _named(db):
            sidecar(db, ".server.json").unlink()
        return True


def _named(db: Path) -> bool:
    """Whether the record commands read still names this process (a command with other code
    or settings starts another and names that one instead)."""
    try:
        return bool(json.loads(sidecar(db, ".server.json").read_text()).get("pid") == os.getpid())
    except (OSError, ValueError, AttributeError):
        return False


if __name__ == "__main__":
    main()
