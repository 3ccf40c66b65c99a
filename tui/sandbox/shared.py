"""One sandbox process per database, shared by the commands that run once and exit.

Run in each command's own process, the embedded sandbox cost every `deploy`, `export`,
`delete`, `import` and `test --remote` Starlette, uvicorn, asyncio and a server start (~80 ms
of ~300 ms) before its first request, and the server then shared the command's core and
interpreter lock. Here the first command starts `python -m tui.sandbox.shared_process` in the
background and later commands use it; it ends after `DATAACTION_SANDBOX_IDLE` seconds (default
600) with no request and no command attached, or at once if its database file goes away.
`DATAACTION_SANDBOX_IDLE=0` keeps the sandbox in each command's own process, as the wizard
and the Python API always do.

Logins: the shared process holds none. Each command registers a session client of the
database's default org (`orgs.default_client`), with a generated secret that exists only in
the command's memory (the database keeps a salted hash), and removes it when it ends.

Beside the database (all 0600): `<db>.server.json` names the process (pid, port, and a stamp
of the code and settings it runs with: a command whose stamp differs starts a new one);
`<db>.spawn.lock` is held while a command looks for or starts the process; `<db>.users.lock`
is held shared by every attached command for its whole run (the operating system lets go of
it however the command ends), so the process can tell when no command is using it;
`<db>.server.log` has what the process prints (no secrets).

Standard library and the store only: importing this must not load Starlette.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import select
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

DEFAULT_IDLE_SECONDS = 600.0
READY = b"ready"
# Settings the process reads from its environment once, for every command it then serves (the
# sandbox's own, its key file's place, the proxies and CA files its HTTP client honours), and
# nothing else: credential values a command reads never reach the record, even as a digest.
_ENV_PREFIXES = (
    "DATAACTION_SANDBOX",
    "XDG_",
    "HOME",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "SSL_CERT",
    "REQUESTS_CA_BUNDLE",
)


# Processes started here, which outlive their command by design (kept referenced, so that no
# "still running" warning is raised for them while this process lives).
_OUTLIVING: list[Any] = []


def idle_seconds() -> float:
    """`$DATAACTION_SANDBOX_IDLE` (0: no shared process); unreadable values use the default."""
    try:
        return max(0.0, float(os.environ.get("DATAACTION_SANDBOX_IDLE", DEFAULT_IDLE_SECONDS)))
    except ValueError:
        return DEFAULT_IDLE_SECONDS


def supported() -> bool:
    """Handing a socket to another process and `flock` are POSIX."""
    return os.name == "posix"


def sidecar(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def stamp() -> str:
    """The code and settings a process runs with: its package files' times and sizes, the
    interpreter, and a digest of the environment settings it reads once."""
    digest = hashlib.sha256(sys.executable.encode())
    _add_sources(str(Path(__file__).resolve().parents[1]), digest)
    for key in sorted(os.environ):
        if key.upper().startswith(_ENV_PREFIXES) and key.upper() != "DATAACTION_SANDBOX_IDLE":
            digest.update(f"{key}={os.environ[key]}".encode())
    return digest.hexdigest()[:32]


def _add_sources(folder: str, digest: Any) -> None:
    """Each module's path, time and size (os.scandir: ~0.5 ms for the package, where pathlib's
    rglob took ~4 ms of every command)."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                _add_sources(entry.path, digest)
        elif entry.name.endswith(".py"):
            st = entry.stat()
            digest.update(f"{entry.path}:{st.st_mtime_ns}:{st.st_size}".encode())


def _private(path: Path, flags: int) -> int:
    return os.open(path, flags | os.O_CREAT, 0o600)


@contextlib.contextmanager
def spawn_lock(db_path: Path) -> Iterator[None]:
    """Held by a command while it looks for the process or starts one, and by the process
    while it decides to end: two commands never start two, and none finds one that is ending."""
    fd = _private(sidecar(db_path, ".spawn.lock"), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def users_lock(db_path: Path) -> int:
    """The descriptor of the lock every attached command holds shared (see the module)."""
    return _private(sidecar(db_path, ".users.lock"), os.O_RDWR)


class SharedSandbox:
    """A command's attachment to the shared sandbox process of `db_path`: the same face as
    `SandboxServer` where a command uses one (`url`, `client_id`, `client_secret`, `db_path`,
    `ready`, `stop`)."""

    def __init__(self, db_path: str | Path, *, idle: float | None = None) -> None:
        self.db_path = Path(db_path).absolute()  # the process runs from another folder
        self.idle = idle_seconds() if idle is None else idle
        self.host = "127.0.0.1"
        self.port = 0
        self.client_id = ""
        self.client_secret = ""
        self.started_process = False
        self.stamp = stamp()
        self._users: int | None = None
        self._spawned: Any = None  # the Popen of a process this command started
        self._ready = False
        self._store: Any = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> SharedSandbox:
        """Attach to the running process, or start one; register this command's login."""
        from .orgs import default_client
        from .store import Store

        self._store = Store(self.db_path)  # first: it says clearly what is wrong with the path
        try:
            with spawn_lock(self.db_path):
                self._users = users_lock(self.db_path)
                fcntl.flock(self._users, fcntl.LOCK_SH)  # held until this command ends
                found = self._running()
                if found is None:
                    self._spawn()
                else:
                    self.port, self._ready = found, True
                login = default_client(self._store, session=self._session_name())
                self.client_id, self.client_secret = login.client_id, login.secret
        except BaseException:
            self.stop()
            raise
        return self

    def _session_name(self) -> tuple[str, str]:
        import secrets

        return f"session-{os.getpid()}-{secrets.token_hex(4)}", secrets.token_urlsafe(32)

    def _running(self) -> int | None:
        """The port of a live process for this database running this code, if any."""
        try:
            info = json.loads(sidecar(self.db_path, ".server.json").read_text())
            pid, port, their_stamp = int(info["pid"]), int(info["port"]), str(info["stamp"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if their_stamp != self.stamp:
            return None  # another takes its place; it ends once no command is attached
        try:
            os.kill(pid, 0)
            with socket.create_connection((self.host, port), timeout=1.0):
                pass
        except OSError:
            return None
        return port

    def _spawn(self) -> None:
        import subprocess

        from .sockets import listening_socket

        sock = listening_socket(self.host, 0)
        self.port = sock.getsockname()[1]
        log = _private(sidecar(self.db_path, ".server.log"), os.O_WRONLY | os.O_APPEND)
        try:
            # -P: the working folder is not put on sys.path (a `tui` folder there must not
            # stand in for this package); cwd "/": the process holds no folder busy.
            self._spawned = subprocess.Popen(
                [sys.executable, "-P", "-m", "tui.sandbox.shared_process"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                pass_fds=(sock.fileno(),),
                cwd="/",
                start_new_session=True,
            )
            hello = {
                "db": str(self.db_path),
                "fd": sock.fileno(),
                "idle": self.idle,
            }
            stdin: IO[bytes] = self._spawned.stdin
            stdin.write(json.dumps(hello).encode() + b"\n")
            stdin.close()
        finally:
            sock.close()  # the process holds it now
            os.close(log)
        self.started_process = True
        record = {"pid": self._spawned.pid, "port": self.port, "stamp": self.stamp}
        path = sidecar(self.db_path, ".server.json")
        fd = _private(path, os.O_WRONLY | os.O_TRUNC)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(record))

    def ready(self, timeout: float = 30.0) -> None:
        """Wait until a process this command started serves (RuntimeError with its reason if
        it cannot); at once for one that was running already."""
        if self._ready:
            return
        proc = self._spawned
        if proc is None or proc.stdout is None:
            raise RuntimeError("the sandbox was not started")
        readable, _, _ = select.select([proc.stdout], [], [], timeout)
        line = proc.stdout.readline().strip() if readable else b""
        if line == READY:
            self._ready = True
            return
        if not readable:
            raise RuntimeError(f"the sandbox did not start within {timeout:.0f} s")
        reason = line.decode(errors="replace").removeprefix("error: ")
        raise RuntimeError(reason or f"it stopped before serving (see {self.log_path})")

    @property
    def log_path(self) -> Path:
        return sidecar(self.db_path, ".server.log")

    def stop(self, *, wait: bool = True) -> None:
        """Remove this command's login and let go of the process (which stays for the next
        command). `wait` is accepted for `SandboxServer`'s face: nothing here waits."""
        del wait
        store, self._store = self._store, None
        if store is not None:
            if self.client_id:
                with contextlib.suppress(Exception):  # clean-up never masks the outcome
                    store.delete_client(self.client_id)
            store.close()
        proc, self._spawned = self._spawned, None
        if proc is not None:
            if proc.stdout is not None:
                proc.stdout.close()
            _OUTLIVING.append(proc)  # it serves the next commands: never waited for here
        if self._users is not None:
            os.close(self._users)
            self._users = None
