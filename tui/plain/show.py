"""Text the flow prints: the compiled action explained part by part, and test traces."""

from __future__ import annotations

import json
import re
from typing import Any

from tui.model.action import Action
from tui.model.secret_names import is_secret_header

TEMPLATE_ONLY = re.compile(r"^(?:[^$]*\$!?\{(?:input|credentials)\.[^}]+\})+[^$]*$")
MAX_SHOWN = 600


def shown_header(name: str, value: str) -> str:
    """A header value safe to print: secrets are hidden unless they are template references."""
    if is_secret_header(name) and not TEMPLATE_ONLY.match(value):
        return "******** (hidden)"
    return value


def _json(value: Any) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + f"\n… ({len(text)} chars)"


def review_text(action: Action) -> str:
    """Each generated part, with a one-line explanation of what Genesys does with it."""
    req, resp = action.request, action.response
    headers = {k: shown_header(k, v) for k, v in req.headers.items()}
    parts = [
        (
            "Input contract",
            "JSON Schema of what the flow passes in (Architect shows these).",
            _json(action.input_schema),
        ),
        (
            "Request",
            "Velocity templates; ${input.x} is replaced by the input's value.",
            f"{req.request_type} {req.request_url_template}"
            + "".join(f"\n{k}: {v}" for k, v in headers.items())
            + (
                f"\nbody: {req.request_template}"
                if req.request_type in ("POST", "PUT", "PATCH")
                else ""
            ),
        ),
        (
            "Translation map",
            "JSONPaths Genesys evaluates on the response, one variable each.",
            _json(resp.translation_map),
        ),
        (
            "Translation map defaults",
            "JSON used when a path does not resolve.",
            _json(resp.translation_map_defaults),
        ),
        (
            "Success template",
            "Velocity template building the output JSON from those variables.",
            resp.success_template or "${rawResult}",
        ),
        (
            "Output contract",
            "JSON Schema the output must match (Architect's output variables).",
            _json(action.success_schema),
        ),
    ]
    out = []
    for title, why, body in parts:
        out.append(f"-- {title}: {why}")
        out.extend("   " + line for line in body.splitlines())
    return "\n".join(out)
