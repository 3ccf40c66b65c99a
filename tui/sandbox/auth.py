"""OAuth client credentials, bearer tokens, permissions and the per-client rate limit."""

from __future__ import annotations

import base64
import binascii
import json
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

from .errors import ApiError
from .secret_hashes import check_secret, token_hash
from .store import Store

# Verified (secret, hash) pairs kept per process: a few per client is plenty.
_VERIFIED_PAIRS = 256

# Permission names from the Genesys Data Actions reference (section 2).
ACTION_VIEW = ("integrations:action:view", "bridge:actions:view")
ACTION_ADD = ("integrations:action:add",)
ACTION_EDIT = ("integrations:action:edit",)
ACTION_DELETE = ("integrations:action:delete",)
ACTION_EXECUTE = ("integrations:action:execute", "bridge:actions:execute")
DRAFT_EXECUTE = ("integrations:action:execute",)
INTEGRATION_VIEW = ("integrations:integration:view",)
INTEGRATION_ADD = ("integrations:integration:add",)
INTEGRATION_EDIT = ("integrations:integration:edit",)
INTEGRATION_DELETE = ("integrations:integration:delete",)

# How long a checked bearer token is trusted without reading the store again (seconds).
PRINCIPAL_CACHE_SECONDS = 5.0
PRINCIPAL_CACHE_SIZE = 10_000


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the OAuth client, its org and its permissions (None = all)."""

    client_id: str
    org_id: str
    permissions: frozenset[str] | None

    def require(self, any_of: tuple[str, ...]) -> None:
        if self.permissions is None or self.permissions.intersection(any_of):
            return
        names = ", ".join(any_of)
        raise ApiError(
            403,
            "missing.any.permissions",
            "Unable to perform the requested action. You must have at least one of the "
            f"following permissions assigned: [{names}]",
            params={"permissions": f"[{names}]"},
        )


class OAuth:
    """Issues and checks bearer tokens against the store."""

    def __init__(self, store: Store, token_ttl: float) -> None:
        self.store = store
        self.token_ttl = token_ttl
        self._secret_ok: OrderedDict[tuple[str, str], bool] = OrderedDict()
        self._secret_lock = threading.Lock()
        # token -> (principal, token expiry, checked until): two SQLite reads and a hash saved
        # per request; expiry is still enforced on every call.
        self._principals: dict[str, tuple[Principal, float, float]] = {}

    def issue(self, authorization: str | None, form: dict[str, list[str]]) -> dict[str, object]:
        """The token response for a client-credentials grant, or an OAuth error."""
        client_id, secret = _basic_credentials(authorization)
        grant = (form.get("grant_type") or [""])[0]
        if grant != "client_credentials":
            raise _oauth_error(
                400, "unsupported_grant_type", f"grant type {grant!r} is not supported"
            )
        row = self.store.client(client_id)
        if row is None or not self._secret_matches(secret, row["secret_hash"]):
            raise _oauth_error(401, "invalid_client", "client not found or bad client secret")
        token = secrets.token_urlsafe(32)
        expires = time.time() + self.token_ttl
        self.store.put_token(token_hash(token), client_id, row["org_id"], expires)
        return {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": math.ceil(self.token_ttl),
        }

    def _secret_matches(self, secret: str, stored: str) -> bool:
        # scrypt is deliberately slow; remember verified pairs (in memory only) per process.
        # Only matches are remembered, and only the latest few: wrong guesses would otherwise
        # grow the cache without bound.
        key = (secret, stored)
        with self._secret_lock:  # logins are checked in worker threads
            if key in self._secret_ok:
                self._secret_ok.move_to_end(key)
                return True
        if not check_secret(secret, stored):
            return False
        with self._secret_lock:
            self._secret_ok[key] = True
            while len(self._secret_ok) > _VERIFIED_PAIRS:
                self._secret_ok.popitem(last=False)
        return True

    def principal(self, authorization: str | None) -> Principal:
        """The caller behind a `Bearer` header, or a 401."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401,
                "authentication.required",
                "No authentication bearer token specified in authorization header.",
            )
        token = token.strip()
        now = time.time()
        cached = self._principals.get(token)
        if cached is not None and now < cached[2]:
            if cached[1] <= now:
                raise ApiError(401, "bad.credentials", "The bearer token has expired.")
            return cached[0]
        who, expires = self._lookup(token)
        if len(self._principals) >= PRINCIPAL_CACHE_SIZE:
            self._principals.clear()
        self._principals[token] = (who, expires, now + PRINCIPAL_CACHE_SECONDS)
        return who

    def _lookup(self, token: str) -> tuple[Principal, float]:
        row = self.store.token(token_hash(token))
        if row is None:
            raise ApiError(401, "bad.credentials", "Invalid login credentials.")
        if row["expires"] <= time.time():
            raise ApiError(401, "bad.credentials", "The bearer token has expired.")
        client = self.store.client(row["client_id"])
        if client is None:
            raise ApiError(401, "bad.credentials", "Invalid login credentials.")
        perms = client["permissions"]
        who = Principal(
            row["client_id"],
            row["org_id"],
            None if perms is None else frozenset(json.loads(perms)),
        )
        return who, row["expires"]


def _basic_credentials(authorization: str | None) -> tuple[str, str]:
    scheme, _, value = (authorization or "").partition(" ")
    if scheme.lower() == "basic":
        try:
            client_id, sep, secret = base64.b64decode(value.strip()).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            sep = ""
        if sep:
            return client_id, secret
    raise _oauth_error(401, "invalid_client", "missing or malformed Basic authorization header")


class OAuthError(ApiError):
    """A token-endpoint error, answered in RFC 6749 shape (`error`, `error_description`)."""

    def body(self) -> dict[str, object]:
        return {"error": self.code, "description": self.message, "error_description": self.message}


def _oauth_error(status: int, error: str, description: str) -> OAuthError:
    return OAuthError(status, error, description)


class RateLimiter:
    """A sliding-window request budget per client (requests per `window` seconds)."""

    def __init__(self, limit: int | None, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client_id: str) -> None:
        if not self.limit:
            return
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(client_id, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) < self.limit:
                hits.append(now)
                return
            wait = max(1, math.ceil(hits[0] + self.window - now))
        raise ApiError(
            429,
            "too.many.requests",
            f"Rate limit exceeded the maximum of {self.limit} requests per "
            f"{self.window:g} seconds. Retry the request in {wait} seconds.",
            params={"limit": str(self.limit), "retryAfter": str(wait)},
            headers={"Retry-After": str(wait)},
        )
