"""One sandbox process per database, shared by the commands that run once and exit.

Run in each command's own process, the embedded sandbox cost every `deploy`, `export`,
`delete`, `import` and `test --remote` Starlette, uvicorn, asyncio and a server start (~80 ms
of ~300 ms) before its first request, and the server then shared the command's core and
interpreter lock. Here the first command starts `python -m tui.sandbox.shared_process` in the
background and later commands use it; it ends after `DATAACTION_SANDBOX_IDLE` seconds (default
600) with no request and no command attached, at once if its database file goes away or on
`dataaction sandbox --stop`, and as soon as no command uses it once a command with other code
or settings has started another. `DATAACTION_SANDBOX_IDLE=0` keeps the sandbox in each
command's own process, as the wizard and the Python API always do.

Logins: the process holds none. Each command registers a session client of the database's
default org (`orgs.default_client`) with a generated secret that exists only in the command's
memory (the database keeps a salted hash), and removes it when it ends. The process gets a
short list of environment variables (`child_environment`), never the command's credentials.

Files beside the database (0600), for a process of generation GEN (a random id):
- `<db>.server.json`: pid, port, GEN and the stamp of the code and settings it runs with;
- `<db>.spawn.lock`: held while a command looks for or starts the process, and by the process
  while it decides to end, so two commands never start two and none finds one that is ending;
- `<db>.GEN.alive`: locked from before the process starts until it ends (however it ends): a
  record whose lock is free names a dead process, whatever its pid now belongs to;
- `<db>.GEN.users`: held shared by every command attached to GEN for its whole run;
- `<db>.GEN.ready`: made once the process serves;
- `<db>.server.log`: what the process prints (no secrets).

Standard library and the store only: importing this must not load Starlette.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import select
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .idle import idle_seconds
from .own_code import add_sources, python_path

# A command's login: `session-<its pid>-<random>`, so the process can sweep a killed one's.
SESSION_PREFIX = "session-"
LOCK_WAIT_SECONDS = 10.0
READY = b"ready"
# What the process may see of the command's environment: how to run Python, where the user's
# folders and the sandbox's key are, and the proxy and CA settings its HTTP client honours.
_PASSED = frozenset(
    {"PATH", "LANG", "TZ", "TMPDIR", "HOME", "VIRTUAL_ENV", "NETRC", "PYDANTIC_DISABLE_PLUGINS"}
)
_PASSED_PREFIXES = ("LC_", "PYTHON", "SSL_CERT_", "REQUESTS_CA_BUNDLE", "DATAACTION_SANDBOX_")
_PROXIES = frozenset({"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"})
_XDG = frozenset({"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
# Of those, what changes how the process behaves (a new process is started when one changes).
# (DATAACTION_SANDBOX_DB: the process is told its database, however the command was.)
_NOT_STAMPED = frozenset(
    {"PATH", "LANG", "TZ", "TMPDIR", "DATAACTION_SANDBOX_IDLE", "DATAACTION_SANDBOX_DB"}
)
# Processes started here outlive their command by design (kept referenced, so that no "still
# running" warning is raised for them while this process lives).
_OUTLIVING: list[Any] = []


class Record(NamedTuple):
    pid: int
    port: int
    gen: str
    stamp: str


def supported() -> bool:
    """Handing a socket and a lock to another process, and `flock`, are POSIX."""
    return os.name == "posix"


def sidecar(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def child_environment() -> dict[str, str]:
    """The process's environment: the passed variables only, and this package first on its
    path, so that it runs the code the command runs (an uninstalled checkout included)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k in _PASSED or k in _XDG or k.upper() in _PROXIES or k.startswith(_PASSED_PREFIXES)
    }
    env["PYTHONPATH"] = python_path(env)
    return env


def stamp() -> str:
    """The code and settings a process runs with: its package files' times and sizes, the
    interpreter, and the environment it is given (less what does not change its answers)."""
    digest = hashlib.sha256(sys.executable.encode())
    add_sources(digest)
    for key, value in sorted(child_environment().items()):
        if _stamped(key):
            digest.update(f"{key}={value}\0".encode())
    return digest.hexdigest()[:32]


def _stamped(key: str) -> bool:
    """Whether a passed variable changes the process's answers (the locale and Python's own
    switches do not: a terminal with another LC_ALL should not replace the process)."""
    if key in _NOT_STAMPED or key.startswith("LC_"):
        return False
    return key == "PYTHONPATH" or not key.startswith("PYTHON")


def private_file(path: Path, flags: int = os.O_RDWR) -> int:
    return os.open(path, flags | os.O_CREAT, 0o600)


def try_flock(fd: int, operation: int) -> bool:
    """`flock`; False when a non-blocking request finds the lock taken."""
    import fcntl  # POSIX: imported only where the shared process is used

    try:
        fcntl.flock(fd, operation)
    except BlockingIOError:
        return False
    return True


def lock_flags() -> tuple[int, int, int]:
    import fcntl

    return fcntl.LOCK_EX, fcntl.LOCK_SH, fcntl.LOCK_NB


@contextlib.contextmanager
def spawn_lock(db_path: Path) -> Iterator[None]:
    """Held by a command while it looks for the process or starts one, and by the process
    while it decides to end. Waited for up to 10 s: a command stopped (Ctrl+Z) while holding
    it gets a clear error rather than every later command hanging."""
    ex, _, nb = lock_flags()
    fd = private_file(sidecar(db_path, ".spawn.lock"))
    try:
        until = time.monotonic() + LOCK_WAIT_SECONDS
        while not try_flock(fd, ex | nb):
            if time.monotonic() > until:
                raise RuntimeError(
                    f"another dataaction command has held {sidecar(db_path, '.spawn.lock')} "
                    f"for {LOCK_WAIT_SECONDS:.0f} s (stopped with Ctrl+Z?)"
                )
            time.sleep(0.01)
        yield
    finally:
        os.close(fd)


def read_record(db_path: Path) -> Record | None:
    """The record naming the process, if there is one this user wrote."""
    path = sidecar(db_path, ".server.json")
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if st.st_uid != os.getuid() or st.st_mode & 0o077:
            return None  # not ours (a shared folder): never trusted with a login
        info = json.loads(os.read(fd, 4096))
        return Record(int(info["pid"]), int(info["port"]), str(info["gen"]), str(info["stamp"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    finally:
        os.close(fd)


def _open_alive(db_path: Path, gen: str) -> int | None:
    """A descriptor on generation `gen`'s `.alive` file (None: there is none)."""
    try:
        return os.open(sidecar(db_path, f".{gen}.alive"), os.O_RDWR)
    except OSError:
        return None


def _held(fd: int) -> bool:
    """Whether the `.alive` lock on `fd` is held, i.e. its process still runs."""
    _, sh, nb = lock_flags()
    return not try_flock(fd, sh | nb)


def alive(db_path: Path, gen: str) -> bool:
    """Whether the process of generation `gen` still runs: it holds its `.alive` lock."""
    fd = _open_alive(db_path, gen)
    if fd is None:
        return False
    try:
        return _held(fd)
    finally:
        os.close(fd)


def forget(db_path: Path, gen: str, *, record: bool) -> None:
    """Remove a generation's files (and the record naming it); under the spawn lock."""
    for suffix in (".alive", ".users", ".ready"):
        with contextlib.suppress(OSError):
            sidecar(db_path, f".{gen}{suffix}").unlink()
    if record:
        with contextlib.suppress(OSError):
            sidecar(db_path, ".server.json").unlink()


def stop_process(db_path: Path, timeout: float = 15.0) -> Record | None:
    """End the process serving `db_path` (`dataaction sandbox --stop`) and wait until it has
    (it lets attached commands finish their requests first, for up to 10 s); which it was.
    The signal goes only to a process that holds the record's `.alive` lock, and the wait is
    on that lock (held until the process has exited, its file removed or not)."""
    import signal

    found = read_record(db_path)
    fd = None if found is None else _open_alive(db_path, found.gen)
    if found is None or fd is None:
        return None
    try:
        if not _held(fd):
            return None  # that process is gone
        with contextlib.suppress(ProcessLookupError):
            os.kill(found.pid, signal.SIGTERM)
        until = time.monotonic() + timeout
        while _held(fd) and time.monotonic() < until:
            time.sleep(0.02)
    finally:
        os.close(fd)
    return found


class SharedSandbox:
    """A command's attachment to the shared sandbox process of `db_path`: the same face as
    `SandboxServer` where a command uses one (`url`, `client_id`, `client_secret`, `db_path`,
    `ready`, `stop`)."""

    def __init__(self, db_path: str | Path, *, idle: float | None = None) -> None:
        self.db_path = Path(db_path).absolute()  # the process runs from another folder
        self.idle = idle_seconds() if idle is None else idle
        self.host = "127.0.0.1"
        self.port = 0
        self.gen = ""
        self.client_id = ""
        self.client_secret = ""
        self.started_process = False
        self.stamp = stamp()
        self._users: int | None = None
        self._spawned: Any = None  # the Popen of a process this command started
        self._ready: bool | str = False  # True, or why it cannot serve
        self._ready_lock = threading.Lock()
        self._store: Any = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        return sidecar(self.db_path, ".server.log")

    def start(self) -> SharedSandbox:
        """Attach to the running process, or start one; register this command's login."""
        from .orgs import default_client
        from .store import Store

        self._store = Store(self.db_path)  # first: it says clearly what is wrong with the path
        _, sh, nb = lock_flags()
        try:
            # The login next: a database that cannot be written fails here, before a process
            # is started for it.
            client_id = f"{SESSION_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
            login = default_client(self._store, session=(client_id, secrets.token_urlsafe(32)))
            self.client_id, self.client_secret = login.client_id, login.secret
            with spawn_lock(self.db_path):
                found = read_record(self.db_path)
                if found is not None and not alive(self.db_path, found.gen):
                    forget(self.db_path, found.gen, record=True)  # it died without clean-up
                    found = None
                if found is not None and found.stamp == self.stamp:
                    self.port, self.gen = found.port, found.gen
                else:  # none, or one with other code or settings: it ends once unused
                    self._spawn()
                self._users = private_file(sidecar(self.db_path, f".{self.gen}.users"))
                try_flock(self._users, sh | nb)  # free: the process takes it only under our lock
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self) -> None:
        import subprocess

        from .sockets import listening_socket

        ex, _, _ = lock_flags()
        self.gen = secrets.token_hex(8)
        log = private_file(self.log_path, os.O_WRONLY | os.O_APPEND)
        alive_fd = private_file(sidecar(self.db_path, f".{self.gen}.alive"))
        sock = None
        try:
            try_flock(alive_fd, ex)  # held from now until the process ends (it inherits it)
            sock = listening_socket(self.host, 0)
            self.port = sock.getsockname()[1]
            # -P: the working folder is not put on sys.path; cwd "/": the process holds no
            # folder busy; its own session: Ctrl+C in this terminal is for this command.
            self._spawned = subprocess.Popen(
                # the database as an argument only so that `ps` tells processes apart
                [sys.executable, "-P", "-m", "tui.sandbox.shared_process", str(self.db_path)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                pass_fds=(sock.fileno(), alive_fd),
                cwd="/",
                env=child_environment(),
                start_new_session=True,
            )
            # (the `.alive` descriptor needs no mention: the process only keeps it open)
            hello = {
                "db": str(self.db_path),
                "fd": sock.fileno(),
                "idle": self.idle,
                "gen": self.gen,
            }
            stdin = self._spawned.stdin
            assert stdin is not None
            with contextlib.suppress(BrokenPipeError):  # it died at once: ready() says why
                stdin.write(json.dumps(hello).encode() + b"\n")
                stdin.close()
        finally:
            if sock is not None:
                sock.close()  # the process holds them now
            os.close(alive_fd)
            os.close(log)
        self.started_process = True
        record = Record(self._spawned.pid, self.port, self.gen, self.stamp)
        tmp = sidecar(self.db_path, f".server.{self.gen}.tmp")
        with os.fdopen(private_file(tmp, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as f:
            f.write(json.dumps(record._asdict()))
        os.replace(tmp, sidecar(self.db_path, ".server.json"))  # whole, or not at all

    def ready(self, timeout: float = 30.0) -> None:
        """Wait until the process serves (RuntimeError with its reason if it cannot): the
        process this command started says so on its output; one started by another command
        has made its `.ready` file."""
        with self._ready_lock:
            if self._ready is False:
                try:
                    self._wait(timeout)
                    self._ready = True
                except RuntimeError as exc:
                    self._ready = str(exc)
            if self._ready is not True:
                raise RuntimeError(str(self._ready))

    def _wait(self, timeout: float) -> None:
        hint = f" (its log: {self.log_path}; DATAACTION_SANDBOX_IDLE=0 runs it in the command)"
        proc = self._spawned
        if proc is not None and proc.stdout is not None:
            readable, _, _ = select.select([proc.stdout], [], [], timeout)
            line = proc.stdout.readline().strip() if readable else b""
            if line == READY:
                return
            if not readable:
                raise RuntimeError(f"the sandbox process did not start within {timeout:.0f} s")
            reason = line.decode(errors="replace").removeprefix("error: ")
            raise RuntimeError((reason or "the sandbox process stopped before serving") + hint)
        marker = sidecar(self.db_path, f".{self.gen}.ready")
        until = time.monotonic() + timeout
        while not marker.exists():
            if not alive(self.db_path, self.gen):
                raise RuntimeError("the sandbox process stopped before serving" + hint)
            if time.monotonic() > until:
                raise RuntimeError(f"the sandbox process did not start within {timeout:.0f} s")
            time.sleep(0.01)

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
