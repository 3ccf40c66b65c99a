"""Credential values at rest in the sandbox database, sealed with a key kept elsewhere.

The sandbox must read an integration's credential values back to run its actions (as Genesys
does), so they cannot be hashed like client secrets. They are encrypted (Fernet: AES-128-CBC
with HMAC-SHA256, from the `cryptography` package) with a key in its own 0600 file under the
config folder, not next to the database: a `sandbox.db` copied, attached to a bug report or
committed by mistake holds no readable secret. Field names stay readable (they are not secret,
and the redacted GET of a credential lists them without the key).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

PREFIX = "sealed:v1:"


class SealError(ValueError):
    """A sealed value this key cannot open (the key file was replaced or lost)."""


def key_path() -> Path:
    """`$DATAACTION_SANDBOX_KEY`, else `$XDG_CONFIG_HOME/dataaction/sandbox.key`."""
    if env := os.environ.get("DATAACTION_SANDBOX_KEY"):
        return Path(env).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "dataaction" / "sandbox.key"


def _key() -> bytes:
    """The key, made on first use. Two processes racing to make it agree: each writes a
    private temporary file and links it into place; the loser reads the winner's."""
    from cryptography.fernet import Fernet

    path = key_path()
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".sandbox-key-")  # 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(Fernet.generate_key())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return path.read_bytes().strip()


_fernet: Fernet | None = None
_fernet_file: tuple[Path, int, int] | None = None


def _identity(path: Path) -> tuple[Path, int, int] | None:
    """The key file as it is now (None: not there yet)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return path, st.st_ino, st.st_mtime_ns


def _cipher() -> Fernet:
    """The cipher of the key file as it is now: a long-running sandbox (`dataaction sandbox`,
    the process commands share) sees a key file that was replaced or removed since."""
    global _fernet, _fernet_file
    path = key_path()
    now = _identity(path)
    if _fernet is None or now is None or _fernet_file != now:
        from cryptography.fernet import Fernet

        _fernet = Fernet(_key())  # makes the file when it is missing
        _fernet_file = _identity(path)
    return _fernet


def seal(fields: dict[str, str]) -> dict[str, str]:
    """Each value encrypted; names kept."""
    cipher = _cipher()
    return {k: PREFIX + cipher.encrypt(v.encode()).decode() for k, v in fields.items()}


def unseal(fields: dict[str, str]) -> dict[str, str]:
    """Each value decrypted. A value stored before sealing existed is returned as it is (and
    sealed when the credential is next written)."""
    from cryptography.fernet import InvalidToken

    out = {}
    for name, value in fields.items():
        if not value.startswith(PREFIX):
            out[name] = value
            continue
        try:
            out[name] = _cipher().decrypt(value[len(PREFIX) :].encode()).decode()
        except InvalidToken:
            raise SealError(
                f"the credential field {name!r} was sealed with another key than "
                f"{key_path()}; set the credential's values again"
            ) from None
    return out


def is_sealed(fields: dict[str, str]) -> bool:
    return all(v.startswith(PREFIX) for v in fields.values())
