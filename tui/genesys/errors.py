"""Turn SDK and network failures into one-screen explanations with an exit code.

Works on duck-typed SDK `ApiException`s (status, reason, body, headers) so this module never
imports the SDK itself.
"""

from __future__ import annotations

import json
import ssl
from typing import Any

import httpx

from tui.model.problems import DataActionError, Problem

EXIT_OK = 0
EXIT_VALIDATION = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_API = 4

# Operation -> (what it does, the permissions that allow it), from the Data Actions reference.
OPERATIONS: dict[str, tuple[str, str]] = {
    "login": ("log in", ""),
    "list actions": ("list data actions", "integrations:action:view"),
    "list drafts": ("list draft data actions", "integrations:action:view"),
    "get action": ("read a data action", "integrations:action:view"),
    "get draft": ("read a draft", "integrations:action:view"),
    "create draft": ("create a draft action", "integrations:action:add"),
    "create draft from action": ("open a draft of a published action", "integrations:action:edit"),
    "update draft": ("update a draft", "integrations:action:edit"),
    "validate draft": ("validate a draft", "integrations:action:edit"),
    "publish draft": ("publish a draft", "integrations:action:edit"),
    "delete draft": ("delete a draft", "integrations:action:delete"),
    "delete action": ("delete a data action", "integrations:action:delete"),
    "test action": ("test a data action", "integrations:action:execute"),
    "list categories": ("list categories", "integrations:action:view"),
    "list integrations": ("list integrations", "integrations:integration:view"),
    "create integration": ("create an integration", "integrations:integration:add"),
    "enable integration": ("enable an integration", "integrations:integration:edit"),
}


class GenesysError(DataActionError):
    """A failed call to Genesys (or the sandbox), explained; `exit_code` for the CLI."""

    def __init__(
        self,
        problems: list[Problem],
        exit_code: int = EXIT_API,
        status: int | None = None,
        operation: str = "",
    ) -> None:
        super().__init__(problems)
        self.exit_code = exit_code
        self.status = status
        self.operation = operation

    def __str__(self) -> str:
        return DataActionError.__str__(self)


def error_body(exc: Any) -> dict[str, Any]:
    raw = getattr(exc, "body", None)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return {"message": str(raw)[:300]}
    return data if isinstance(data, dict) else {}


def field_names(body: dict[str, Any]) -> list[str]:
    """The `details[].fieldName`s of an ErrorBody and of its nested `errors`."""
    names = [d.get("fieldName") for d in body.get("details") or [] if isinstance(d, dict)]
    for sub in body.get("errors") or []:
        if isinstance(sub, dict):
            names += field_names(sub)
    return [n for n in names if n]


def _what(operation: str, name: str | None) -> str:
    doing = OPERATIONS.get(operation, (operation, ""))[0]
    return f"{doing} '{name}'" if name else doing


def from_api_exception(
    exc: Any, operation: str, *, name: str | None = None, host: str = ""
) -> GenesysError:
    """Explain an SDK ApiException for `operation` (on the action called `name`)."""
    status = getattr(exc, "status", None) or 0
    body = error_body(exc)
    message = body.get("message") or body.get("error_description") or getattr(exc, "reason", "")
    what = _what(operation, name)
    permission = OPERATIONS.get(operation, ("", ""))[1]
    if operation == "login" and status in (400, 401, 403):
        return GenesysError(
            [
                Problem(
                    f"{host or 'Genesys'} refused the client credentials ({status}: {message})",
                    field="GENESYS_CLIENT_ID",
                    hint="check GENESYS_CLIENT_ID/GENESYS_CLIENT_SECRET and GENESYS_ENVIRONMENT "
                    "(the client must exist in that region and use the Client Credentials grant)",
                )
            ],
            EXIT_AUTH,
            status,
            operation,
        )
    if status == 401:
        return GenesysError(
            [
                Problem(
                    f"cannot {what}: the access token was rejected ({message})",
                    hint="the OAuth client may have been deleted or its secret rotated; check "
                    "the credentials and try again",
                )
            ],
            EXIT_AUTH,
            status,
            operation,
        )
    if status == 403:
        needed = (body.get("messageParams") or {}).get("permissions") or permission
        return GenesysError(
            [
                Problem(
                    f"cannot {what}: the OAuth client lacks the permission {needed}",
                    hint="in Genesys Cloud Admin > OAuth, give the client's role the permission "
                    f"{needed} (Integrations > Action/Integration), then retry",
                )
            ],
            EXIT_AUTH,
            status,
            operation,
        )
    if status == 404:
        hint = "it may have been deleted in the meantime; run the command again"
        return GenesysError(
            [Problem(f"cannot {what}: not found ({message})", hint=hint)],
            EXIT_API,
            status,
            operation,
        )
    if status == 409:
        return GenesysError(
            [
                Problem(
                    f"cannot {what}: conflict ({message})",
                    hint="an action with this name already exists (names ignore case); "
                    "rename the action or deploy again to update the existing one",
                )
            ],
            EXIT_API,
            status,
            operation,
        )
    if status == 429:
        return GenesysError(
            [
                Problem(
                    f"cannot {what}: rate limited even after retrying ({message})",
                    hint="wait a minute and run the command again; deploy fewer actions at once",
                )
            ],
            EXIT_API,
            status,
            operation,
        )
    if status >= 500 or status == 0:
        return GenesysError(
            [
                Problem(
                    f"cannot {what}: the server failed ({status or 'no response'}: {message})",
                    hint="a temporary Genesys problem; it was retried. Run the command again "
                    "later: deploys are safe to repeat",
                )
            ],
            EXIT_API,
            status,
            operation,
        )
    if status == 400:
        fields = field_names(body) or [""]
        return GenesysError(
            [
                Problem(
                    f"cannot {what}: Genesys says: {message}",
                    field=f,
                    hint="fix the field in the file and deploy again" if f else "",
                )
                for f in fields
            ],
            EXIT_VALIDATION,
            status,
            operation,
        )
    return GenesysError(
        [Problem(f"cannot {what}: {status} {message}")], EXIT_API, status, operation
    )


def from_transport_error(exc: Exception, operation: str, host: str) -> GenesysError:
    """Explain DNS, TLS, refused connections and timeouts."""
    text = str(exc) or type(exc).__name__
    cause = exc.__cause__ or exc.__context__
    chain = f"{text} {cause!r}".lower()
    if isinstance(exc, httpx.TimeoutException):
        message, hint = (
            f"{host} did not answer in time ({type(exc).__name__})",
            "check your network or proxy; it was retried. Try again later",
        )
    elif isinstance(cause, ssl.SSLError) or "ssl" in chain or "certificate" in chain:
        message, hint = (
            f"TLS with {host} failed: {text}",
            "a proxy may be intercepting HTTPS: point SSL_CERT_FILE at its CA bundle",
        )
    elif (
        "name or service not known" in chain
        or "nodename" in chain
        or "getaddrinfo" in chain
        or ("temporary failure in name resolution" in chain)
    ):
        message, hint = (
            f"cannot resolve {host}",
            "check GENESYS_ENVIRONMENT (for example mypurecloud.de or usw2.pure.cloud) and DNS",
        )
    elif "refused" in chain:
        message, hint = (
            f"nothing is listening at {host} (connection refused)",
            "is the sandbox still running? check GENESYS_ENVIRONMENT",
        )
    else:
        message, hint = (f"network error talking to {host}: {text}", "check your connection")
    return GenesysError(
        [Problem(f"cannot {_what(operation, None)}: {message}", hint=hint)],
        EXIT_API,
        None,
        operation,
    )
