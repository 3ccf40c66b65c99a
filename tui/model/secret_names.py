"""Which header names carry credentials: one answer for curl import, the wizard's and the
plain flow's clear-text warnings, and the masking of test traces (which had three lists that
disagreed: a trace showed a `Session` header the plain flow hid, and so on).

Kept free of heavy imports: the wizard's Request step asks it before the model is loaded.
"""

from __future__ import annotations

import re

SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "x-api-key",
        "api-key",
        "apikey",
        "x-auth-token",
        "cookie",
        "x-access-token",
        "private-token",
        "x-apikey",
    }
)

SECRET_NAME = re.compile(
    r"auth|token|secret|api[-_]?key|apikey|password|passwd|passphrase|signature|cookie|session",
    re.I,
)


def is_secret_header(name: str) -> bool:
    """Whether a header by this name carries a credential. Erring towards yes is deliberate:
    a needless mask or warning costs a glance, a missed one leaks a secret."""
    lower = name.lower()
    return lower in SECRET_HEADERS or SECRET_NAME.search(lower) is not None
