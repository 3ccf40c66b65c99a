"""Client secrets and bearer tokens as stored: salted hashes, never clear text.

Kept to the standard library, apart from the HTTP side of OAuth (`auth`), so that a command
registering its session client with a running sandbox (`tui.sandbox.shared`) does not load
Starlette.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_secret(secret: str, *, generated: bool = False) -> str:
    """A salted hash of a client secret (stdlib; secrets are never stored in clear).

    A secret someone chose gets scrypt (slow on purpose: guessable secrets). A `generated` one
    (256 random bits, e.g. each run's session client) cannot be guessed, so a salted SHA-256
    protects it as well, without scrypt's ~30 ms at every start and every login.
    """
    salt = secrets.token_bytes(16)
    if generated:
        return f"sha256${salt.hex()}${hashlib.sha256(salt + secret.encode()).hexdigest()}"
    digest = hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str) -> bool:
    scheme, salt, digest = stored.split("$")
    if scheme == "sha256":
        got = hashlib.sha256(bytes.fromhex(salt) + secret.encode()).hexdigest()
        return hmac.compare_digest(got, digest)
    raw = hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(raw.hex(), digest)


def token_hash(token: str) -> str:
    """Tokens are random 256-bit values, so a plain SHA-256 is a safe lookup key."""
    return hashlib.sha256(token.encode()).hexdigest()
