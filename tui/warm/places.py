"""Where the warm process listens, and the code and interpreter settings it must share with a
command to run it (standard library only: the console script asks before loading anything)."""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import sys
from pathlib import Path

from tui.sandbox.own_code import PACKAGE_ROOT, add_sources

TYPE_CHECKING = False  # as in tui.cli: `typing` is not loaded for this
if TYPE_CHECKING:
    import socket

SOCKET_PREFIX = "warm-"
SOCKET_SUFFIX = ".sock"
MAX_SOCKET_PATH = 100  # bytes: Linux allows 107 for a Unix socket's path


def supported() -> bool:
    """Descriptor passing and fork are POSIX; checking who connected (`SO_PEERCRED`) is Linux."""
    import socket

    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


def socket_folder() -> Path | None:
    """This user's private folder for the socket: `$XDG_RUNTIME_DIR/dataaction`, else
    `/tmp/dataaction-<uid>`; made 0700 when missing, and None when it is not this user's alone
    (a folder someone else could enter is never trusted with a command's environment)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not os.path.isabs(runtime):  # unset, or relative (which the XDG spec says to ignore)
        base = Path(f"/tmp/dataaction-{os.getuid()}")
    else:
        base = Path(runtime) / "dataaction"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(base)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return base


def socket_path(folder: Path) -> Path | None:
    """The socket of the warm process for this code and these interpreter settings (None when
    the folder's path is too long for a Unix socket, ~100 bytes: then there is none)."""
    path = folder / f"{own_prefix()}{stamp()}{SOCKET_SUFFIX}"
    return path if len(os.fsencode(path)) <= MAX_SOCKET_PATH else None


def own_prefix() -> str:
    """The start of the socket names of this installation's warm processes (another checkout
    or virtual environment has its own: `sandbox --stop` ends only these)."""
    where = hashlib.sha256(f"{sys.executable}\0{PACKAGE_ROOT}".encode()).hexdigest()[:8]
    return f"{SOCKET_PREFIX}{where}-"


@functools.lru_cache(maxsize=1)  # asked twice by a command that starts the warm process
def stamp() -> str:
    """What a warm process must share with the command it runs: the interpreter, its switches
    (flags, -W, -X) and PYTHON* variables, which act when it starts, and this package's files
    (paths, times, sizes): an edited or upgraded package gets a new process."""
    digest = hashlib.sha256(sys.executable.encode())
    digest.update(repr((tuple(sys.flags), sys.warnoptions, sorted(sys._xoptions.items()))).encode())
    for key, value in sorted(os.environ.items()):
        if key.startswith("PYTHON"):
            digest.update(f"{key}={value}\0".encode())
    digest.update(_process_context().encode())
    add_sources(digest)
    return digest.hexdigest()[:16]


def _process_context() -> str:
    """What a forked copy would otherwise take from the warm process instead of the command:
    the group and supplementary groups, niceness, resource limits, cgroup and namespaces (a
    container or a sandbox gets its own warm process), and the installed packages' folder
    (an upgrade of the SDK or python-hcl2 changes its time)."""
    import resource

    limits = [resource.getrlimit(getattr(resource, n)) for n in _LIMITS if hasattr(resource, n)]
    parts = [os.getgid(), os.getegid(), sorted(os.getgroups()), os.getpriority(os.PRIO_PROCESS, 0)]
    parts.append(limits)
    for name in ("cgroup",):
        try:
            with open(f"/proc/self/{name}", "rb") as f:
                parts.append(f.read())
        except OSError:
            parts.append(None)
    for ns in ("mnt", "pid", "net", "user", "ipc", "uts", "cgroup"):
        try:
            parts.append(os.stat(f"/proc/self/ns/{ns}").st_ino)
        except OSError:
            parts.append(None)
    for folder in sys.path:
        if folder.endswith("site-packages"):
            try:
                parts.append(os.stat(folder).st_mtime_ns)
            except OSError:
                parts.append(None)
    return repr(parts)


_LIMITS = ("RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_STACK",
           "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_CORE", "RLIMIT_MEMLOCK")  # fmt: skip


def peer_uid(conn: socket.socket) -> int:
    """The user of the process at the other end of a Unix socket (Linux's SO_PEERCRED)."""
    import socket
    import struct

    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


def plain_interpreter() -> bool:
    """Whether this interpreter's switches can be rebuilt for the warm process (not -I, -E,
    -S, -O, -i, -v or -b: a command run so keeps its own process)."""
    f = sys.flags
    return not (
        f.isolated
        or f.ignore_environment
        or f.no_site
        or f.optimize
        or f.inspect
        or f.interactive
        or f.verbose
        or f.bytes_warning
    )


def interpreter_switches() -> list[str]:
    """The command line switches that rebuild this interpreter's settings in the warm process
    (the stamp compares them all; the process adds -P for its own path)."""
    out = [f"-W{w}" for w in sys.warnoptions]
    if sys.flags.no_user_site:
        out.append("-s")
    if sys.flags.dont_write_bytecode:
        out.append("-B")
    for key, value in sys._xoptions.items():
        out.append(f"-X{key}" if value is True else f"-X{key}={value}")
    return out
