"""Fetch a sample response the way Genesys would send the request, and explain what came back.

Shared by the wizard and plain mode. The request is rendered by the runtime's own `prepare` with
the sample inputs, so what we fetch is what Genesys would send; credential references are filled
from secrets held in memory only. Nothing here raises for network or data problems: the result
says in plain words what went wrong. httpx is imported on first fetch, so importing this module
stays cheap.
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.model.action import Action
from tui.runtime.jsontext import parse_json
from tui.runtime.pipeline import MAX_RESPONSE_BYTES, Execution, PreparedRequest, StepFailed, prepare

if TYPE_CHECKING:
    import httpx

MAX_BODY_BYTES = MAX_RESPONSE_BYTES
HTML_MARKERS = (b"<!doctype html", b"<html")


@dataclass
class FetchResult:
    """What a fetch gave: a response (maybe with a warning) or an explained failure (`error`)."""

    method: str = "GET"
    url: str = ""
    status: int | None = None
    elapsed_ms: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    truncated: bool = False
    redirects: list[str] = field(default_factory=list)
    document: Any = None
    is_json: bool = False
    error: str | None = None
    warning: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None

    @property
    def content_type(self) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == "content-type"), "")

    @property
    def location(self) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == "location"), "")

    def summary(self) -> str:
        if self.status is None:
            return f"{self.method} {self.url}: no response"
        size = human_size(len(self.body)) + (" (truncated)" if self.truncated else "")
        return (
            f"{self.method} {self.url} → {self.status} in {self.elapsed_ms:.0f} ms, {size}, "
            f"{self.content_type or 'no content type'}"
        )


def human_size(n: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.0f} bytes"


def host_of(url: str) -> str:
    """The host name of `url` for messages (the URL itself when it has none)."""
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname or url
    except ValueError:  # an unparsable URL is reported as typed
        return url


def snippet(body: bytes, limit: int = 120) -> str:
    text = " ".join(body[:limit].decode("utf-8", errors="replace").split())
    return (text + ("…" if len(body) > limit else "")) or "no body"


# -- explanations ------------------------------------------------------------------------


def explain_transport_error(exc: Exception, url: str, timeout: float) -> str:
    """Plain words for an httpx failure before any response arrived."""
    import httpx

    host, text = host_of(url), str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return (
            f"No answer from {host} within {timeout:g} s. Genesys gives up after the action's "
            "timeout too: check the URL and that the service is up, or raise the timeout."
        )
    if isinstance(exc, httpx.TooManyRedirects):
        return (
            f"Too many redirects from {url}. The URL probably loops (e.g. http↔https or a login "
            "page); use the final URL directly."
        )
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, httpx.ConnectError) and (
        isinstance(cause, ssl.SSLError) or "SSL" in text.upper() or "CERTIFICATE" in text.upper()
    ):
        return (
            f"TLS handshake with {host} failed: {text}. The server's certificate is not trusted "
            "(self-signed, expired or wrong host name); Genesys needs a certificate from a public "
            "certificate authority."
        )
    if isinstance(exc, httpx.ConnectError):
        return f"Could not connect to {host}: {text}. Check the host name and port."
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return f"'{url}' is not a usable URL ({text}). It must start with http:// or https://."
    return f"The request to {host} failed: {text}."


def looks_html(result: FetchResult) -> bool:
    head = result.body[:200].lstrip().lower()
    return "html" in result.content_type.lower() or head.startswith(HTML_MARKERS)


def classify_body(
    result: FetchResult, max_bytes: int = MAX_BODY_BYTES, require_success: bool = False
) -> None:
    """Parse the body and set `document`, or explain why it cannot feed a translation map.

    With `require_success`, redirects, non-2xx answers and empty bodies are errors; otherwise a
    JSON error body and an empty body stay explorable, with a warning.
    """
    status = result.status or 0
    if result.truncated:
        result.error = (
            f"The response is over {human_size(max_bytes)}, more than Genesys accepts from a data "
            "action; only that much was read. Ask the API for less (filters, paging, fields)."
        )
        return
    if 300 <= status < 400:
        where = f" to {result.location}" if result.location else ""
        result.error = (
            f"The server redirects (HTTP {status}){where}. Genesys does not follow redirects "
            "for you: use the final URL."
        )
        return
    if require_success and not 200 <= status < 300:
        detail = "an HTML error page" if looks_html(result) else snippet(result.body)
        result.error = (
            f"The server answered HTTP {status} ({detail}). Check the URL, inputs and headers."
        )
        return
    if not result.body.strip():
        empty = f"The server answered HTTP {status} with an empty body."
        if require_success:
            result.error = (
                f"{empty} Outputs are picked from a JSON response: check the URL, or continue "
                "without outputs."
            )
            return
        result.document, result.is_json = {}, True
        result.warning = (
            f"{empty} Translation maps see it as {{}} so every path falls back to its default; "
            "add defaults or call an endpoint that returns JSON."
        )
        return
    try:
        result.document = parse_json(result.body)
        result.is_json = True
    except ValueError as exc:
        if looks_html(result):
            result.error = (
                "The server answered with an HTML page, not JSON: usually an error, login or "
                "proxy page. Check the URL, the method and the authentication headers."
            )
        else:
            result.error = (
                f"The response is not JSON ({result.content_type or 'unknown content type'}): "
                f"{exc}. Data actions read JSON responses only. First bytes: "
                f"{snippet(result.body)}"
            )
        return
    if not 200 <= status < 300:
        result.warning = (
            f"HTTP {status}: Genesys treats any non-2xx answer as a failed action. "
            "You can still explore this body, but map a successful response."
        )


# -- fetching ----------------------------------------------------------------------------


def render_request(
    action: Action, inputs: dict[str, Any], secrets: dict[str, str] | None = None
) -> PreparedRequest:
    """The request as Genesys renders it with these inputs (raises `StepFailed`)."""
    return prepare(Execution(), action, inputs, None, secrets or None)


def fetch_sample(
    action: Action,
    inputs: dict[str, Any],
    secrets: dict[str, str] | None = None,
    *,
    timeout: float | None = None,
    max_bytes: int = MAX_BODY_BYTES,
    follow_redirects: bool = True,
    require_success: bool = False,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Send the action's request with sample inputs; never raises for network or data problems.

    `timeout` defaults to the action's own. Followed redirects are listed and warned about.
    """
    import httpx

    result = FetchResult(method=action.request.request_type.upper())
    try:
        prepared = render_request(action, inputs, secrets)
    except StepFailed as exc:
        result.error = f"The request could not be built: {exc.error.message}"
        return result
    result.method, result.url = prepared.method, prepared.url
    wait = timeout if timeout is not None else float(action.timeout_seconds)
    auth = None
    if (
        secrets
        and secrets.get("userName") is not None
        and not any(k.lower() == "authorization" for k in prepared.headers)
    ):
        auth = httpx.BasicAuth(secrets.get("userName", ""), secrets.get("password", ""))
    from tui.runtime.deadline import deadline, deadline_client

    own = client is None
    http = client or deadline_client(follow_redirects=follow_redirects, max_redirects=10)
    start = time.perf_counter()
    try:
        with (
            deadline(wait),
            http.stream(
                prepared.method,
                prepared.url,
                headers=prepared.headers,
                content=prepared.body,
                timeout=wait,
                auth=auth,
            ) as response,
        ):
            result.status = response.status_code
            result.headers = dict(response.headers)
            result.redirects = [str(r.url) for r in response.history]
            result.body, result.truncated = read_capped(response.iter_bytes(), max_bytes)
    except httpx.HTTPError as exc:
        result.error = explain_transport_error(exc, prepared.url, wait)
        return result
    finally:
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        if own:
            http.close()
    classify_body(result, max_bytes, require_success)
    if result.redirects and not result.error and not result.warning:
        result.warning = f"Redirected {len(result.redirects)} time(s); final URL is what you see."
    return result


def read_capped(chunks: Any, max_bytes: int) -> tuple[bytes, bool]:
    """At most `max_bytes` of a streamed body, and whether more was there."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return b"".join(parts)[:max_bytes], True
    return b"".join(parts), False
