"""Which header names carry credentials: one answer for curl import and the wizard.

Kept free of heavy imports: the wizard's Request step asks it before pydantic is loaded.
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

SECRET_NAME = re.compile(r"token|secret|api[-_]?key|apikey|password|passwd|signature", re.I)


def is_secret_header(name: str) -> bool:
    """Whether a header by this name carries a credential (the one answer for curl import and
    the wizard's warning about a secret typed in clear text)."""
    lower = name.lower()
    return lower in SECRET_HEADERS or SECRET_NAME.search(lower) is not None
