"""The action name suggested for a request: a verb for the method and the last literal word of
the URL's path (`GET .../customers/$esc.url(${input.customerId})` -> "Get customers").

One owner for every place that proposes a name: the plain prompts and `new --from-curl`.
"""

from __future__ import annotations

import re

VERBS = {"GET": "Get", "POST": "Create", "PUT": "Update", "PATCH": "Update", "DELETE": "Delete"}
_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*")
_TEMPLATED = re.compile(r"[$#{}<>]")  # Velocity (`$esc.url(...)`, `${input.x}`) or a placeholder


def suggest_action_name(method: str, url: str) -> str:
    """'Get customers' for a GET of `/customers/$esc.url(${input.customerId})`: segments that
    hold a template expression or only digits are values, not the resource's name."""
    from tui.model.urls import without_escaped_calls

    path = _HOST.sub("", without_escaped_calls(url)).split("?")[0].split("#")[0]
    words = [
        re.sub(r"[^A-Za-z0-9]+", " ", seg).strip()
        for seg in path.split("/")
        if seg and not _TEMPLATED.search(seg) and not seg.isdigit()
    ]
    words = [w for w in words if w]
    return f"{VERBS.get(method.upper(), 'Call')} {words[-1] if words else 'data'}"
