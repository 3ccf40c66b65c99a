"""`python -m tui.sandbox.shared_process`: the sandbox process one-shot commands share.

Started by `tui.sandbox.shared` (read it first), which holds the generation's `.alive` lock on
a descriptor this process inherits and keeps until it ends. Reads one JSON line on standard
input (the database, the inherited listening socket, the idle limit, its generation), makes
its `.ready` file and answers `ready` (or `error: <reason>`) on standard output, then serves
until: SIGTERM (`dataaction sandbox --stop`); its database file goes away; or it has been idle
that long, or once another process has taken its place, idle at all, with no command attached.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

from .shared import (
    SESSION_PREFIX,
    forget,
    lock_flags,
    private_file,
    read_record,
    sidecar,
    spawn_lock,
    try_flock,
)

TICK = 0.25
STOP_GRACE = 10.0
SWEEP_SECONDS = 60.0


def _say(line: str) -> None:
    with contextlib.suppress(OSError):  # the command that started it may be gone
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def main() -> None:
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
    try:
        hello = json.loads(sys.stdin.buffer.readline())
        db, gen = Path(hello["db"]), str(hello["gen"])
        idle = float(hello["idle"])
        sock = socket.socket(fileno=int(hello["fd"]))
        from .server import SandboxServer

        server = SandboxServer(db, login=False).start(sock=sock)
        st = db.stat()
        identity = (st.st_dev, st.st_ino)
        os.close(private_file(sidecar(db, f".{gen}.ready")))
    except Exception as exc:  # told to the command, which says it as its own error
        _say(f"error: {exc}" if str(exc) else f"error: {type(exc).__name__}")
        os._exit(1)
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} serving {db} on {server.url}", file=sys.stderr)
    _say("ready")
    with contextlib.suppress(OSError):
        sys.stdout.close()
    reason = None
    swept = 0.0
    asked_at: float | None = None
    while reason is None:
        time.sleep(TICK)
        if time.monotonic() - swept > SWEEP_SECONDS:
            sweep_logins(server.app.state.store)
            swept = time.monotonic()
        if stopping and asked_at is None:
            asked_at = time.monotonic()
        # Asked to stop: commands in the middle of a request get up to STOP_GRACE to finish.
        asked = asked_at is not None
        forced = asked_at is not None and time.monotonic() - asked_at > STOP_GRACE
        reason = _reason_to_end(db, gen, identity, server, idle, asked=asked, forced=forced)
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} stopping: {reason}", file=sys.stderr)
    server.stop(wait=True)
    os._exit(0)


def sweep_logins(store: Any) -> None:
    """Remove the session logins of commands that ended without removing their own (killed):
    their ids carry the command's process id (`tui.sandbox.shared`)."""
    for row in store.clients():
        name = str(row["id"])
        if not name.startswith(SESSION_PREFIX):
            continue
        parts = name.removeprefix(SESSION_PREFIX).split("-")
        # In-process sandboxes name theirs `session-<12 hex>`: never taken for a process id.
        if len(parts) == 2 and parts[0].isdigit() and not _running(int(parts[0])):
            store.delete_client(name)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process now, or no process id at all: leave it
    return True


def _reason_to_end(
    db: Path,
    gen: str,
    identity: tuple[int, int],
    server: Any,
    idle: float,
    *,
    asked: bool,
    forced: bool,
) -> str | None:
    """Why to stop now, if it should: the database gone; asked to (once no command is
    attached, or `forced` after a grace period); idle with no command attached. Its files (and
    the record, if it still names it) go first, under the lock commands take to find it, so no
    command attaches to a process that is ending."""
    try:
        st = db.stat()
        gone = (st.st_dev, st.st_ino) != identity
    except OSError:
        gone = True
    found = read_record(db)
    named = found is not None and found.gen == gen
    # Once replaced, it serves no new command: it ends as soon as it is unused.
    if not (asked or gone) and server.idle_for() < (idle if named else TICK):
        return None
    ex, _, nb = lock_flags()
    with spawn_lock(db):
        if not (forced or gone):
            users = private_file(sidecar(db, f".{gen}.users"))
            try:
                if not try_flock(users, ex | nb):
                    return None  # a command is attached (it may be about to send a request)
            finally:
                os.close(users)  # a command may attach once the spawn lock is let go: not here
        forget(db, gen, record=named and read_record(db) == found)
    if gone:
        return "its database is gone"
    if asked:
        return "asked to (SIGTERM)" + (", with a command still attached" if forced else "")
    return "idle" if named else "replaced by a process with other code or settings"


if __name__ == "__main__":
    main()
