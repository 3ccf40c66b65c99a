"""An action's request as a curl command, rendered exactly as the runtime would send it.

Credential references are rendered as `YOUR_<FIELD>` placeholders: the secrets are never known
here, and a copied command must not carry them.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from tui.model.action import Action
from tui.model.problems import DataActionError, Problem
from tui.runtime.pipeline import Execution, StepFailed, prepare

CREDENTIAL_REF = re.compile(r"\$!?\{?credentials\.([A-Za-z_][A-Za-z0-9_]*)")


def placeholder(field: str) -> str:
    """`apiKey` -> `YOUR_API_KEY`: safe through URL escaping, obvious to replace."""
    return "YOUR_" + re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", field).upper()


def credential_fields(action: Action) -> list[str]:
    req = action.request
    text = " ".join([req.request_url_template, *req.headers.values(), req.request_template or ""])
    return list(dict.fromkeys(CREDENTIAL_REF.findall(text)))


def curl_command(
    action: Action,
    inputs: dict[str, Any],
    *,
    base_url: str | None = None,
    basic_auth: bool = False,
) -> str:
    """A curl command line (one option per line) making the request this action makes."""
    creds = {f: placeholder(f) for f in credential_fields(action)}
    try:
        prepared = prepare(Execution(), action, inputs, base_url, creds)
    except StepFailed as exc:
        raise DataActionError(
            [
                Problem(
                    f"cannot render the request: {exc.error.message}",
                    hint="give every required input a sample value",
                )
            ]
        ) from None
    parts = ["curl"]
    if prepared.method != "GET":
        parts.append(f"-X {prepared.method}")
    parts.append(shlex.quote(prepared.url))
    parts.extend(f"-H {shlex.quote(f'{k}: {v}')}" for k, v in prepared.headers.items())
    if basic_auth:
        parts.append(f"-u {shlex.quote('YOUR_USER_NAME:YOUR_PASSWORD')}")
    if prepared.body is not None:
        parts.append(f"--data-raw {shlex.quote(prepared.body)}")
    return " \\\n  ".join(parts)
