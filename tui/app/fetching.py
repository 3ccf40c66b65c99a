"""Fetch a sample response the way Genesys would send the request, and explain what came back.

Pure functions (no Textual) so they run in a thread worker and in tests. The request is rendered
by the runtime's own `prepare`, with the inputs' sample values, so what we fetch is what Genesys
would send; credential references are filled from secrets held in memory only.
"""

from __future__ import annotations

import re
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from tui.model.compile import compile_spec
from tui.model.spec import Spec
from tui.runtime.jsontext import parse_json
from tui.runtime.pipeline import Execution, StepFailed, prepare

MAX_BODY_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 15.0
CREDENTIAL_REF = re.compile(r"\$!?\{credentials\.([A-Za-z0-9_]+)\}")


@dataclass
class FetchResult:
    """What a fetch gave: either a response (maybe with a warning) or an explained failure."""

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

    def summary(self) -> str:
        if self.status is None:
            return f"{self.method} {self.url}: no response"
        size = human_size(len(self.body)) + (" (truncated)" if self.truncated else "")
        return (
            f"{self.method} {self.url} → {self.status} in {self.elapsed_ms:.0f} ms, {size}, "
            f"{self.content_type or 'no content type'}"
        )


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"


def fill_credentials(text: str, secrets: dict[str, str]) -> str:
    """Replace `${credentials.x}` with the secret typed for this session (left as is when unset)."""
    return CREDENTIAL_REF.sub(lambda m: secrets.get(m.group(1), m.group(0)), text)


def render_request(
    spec: Spec, secrets: dict[str, str]
) -> tuple[str, str, dict[str, str], str | None]:
    """Method, URL, headers and body as Genesys renders them with the sample inputs."""
    action = compile_spec(spec)
    inputs = {i.name: i.sample if i.sample is not None else "" for i in spec.inputs}
    run = Execution()
    prepared = prepare(run, action, inputs, None)
    headers = {k: fill_credentials(v, secrets) for k, v in prepared.headers.items()}
    return prepared.method, prepared.url, headers, prepared.body


def explain_transport_error(exc: Exception, url: str, timeout: float) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return (
            f"No answer from {url} within {timeout:g} s ({type(exc).__name__}). Check that the "
            "host is up and reachable from here; Genesys gives up after the action's timeout too."
        )
    if isinstance(exc, httpx.TooManyRedirects):
        return (
            f"Too many redirects from {url}. The URL probably loops (e.g. http↔https or a login "
            "page); use the final URL directly."
        )
    if isinstance(exc, httpx.ConnectError) and (
        "CERTIFICATE" in text.upper()
        or "SSL" in text.upper()
        or isinstance(exc.__cause__, ssl.SSLError)
    ):
        return (
            f"TLS handshake with {url} failed: {text}. The server's certificate is not trusted "
            "(self-signed, expired or wrong host name). Genesys rejects it as well: use a host "
            "with a valid public certificate."
        )
    if isinstance(exc, httpx.ConnectError):
        return f"Could not connect to {url}: {text}. Check the host name and port."
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return f"'{url}' is not a usable URL ({text}). It must start with http:// or https://."
    return f"The request to {url} failed: {text}"


def classify_body(result: FetchResult) -> None:
    """Parse the body and set `document`, or explain why it cannot feed a translation map."""
    body = result.body
    if result.truncated:
        result.error = (
            f"The response is larger than {human_size(MAX_BODY_BYTES)}; only the first "
            f"{human_size(MAX_BODY_BYTES)} were read. Genesys rejects responses this big: "
            "narrow the request (filters, paging, fields)."
        )
        return
    if not body.strip():
        result.document = {}
        result.is_json = True
        result.warning = (
            "The response body is empty. Translation maps see it as {} so every path falls back "
            "to its default; add defaults or call an endpoint that returns JSON."
        )
        return
    try:
        result.document = parse_json(body)
        result.is_json = True
    except ValueError as exc:
        head = body[:200].lstrip().lower()
        if "html" in result.content_type.lower() or head.startswith((b"<!doctype", b"<html")):
            result.error = (
                "The server answered with an HTML page, not JSON: usually an error, login or "
                "proxy page. Check the URL, the method and the authentication headers."
            )
        else:
            result.error = (
                f"The response is not JSON ({exc}). Data actions read JSON responses only "
                f"(content type: {result.content_type or 'none'})."
            )
        return
    if result.status is not None and not 200 <= result.status < 300:
        result.warning = (
            f"HTTP {result.status}: Genesys treats any non-2xx answer as a failed action. "
            "You can still explore this body, but map a successful response."
        )


def fetch(
    spec: Spec,
    secrets: dict[str, str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BODY_BYTES,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Send the spec's request with its sample inputs; never raises for network or data problems."""
    result = FetchResult(method=spec.request.method, url=spec.request.url)
    try:
        method, url, headers, body = render_request(spec, secrets or {})
    except StepFailed as exc:
        result.error = exc.error.message
        return result
    result.method, result.url = method, url
    auth = None
    if (
        secrets
        and secrets.get("userName") is not None
        and not any(k.lower() == "authorization" for k in headers)
    ):
        auth = httpx.BasicAuth(secrets.get("userName", ""), secrets.get("password", ""))
    own = client is None
    http = client or httpx.Client(follow_redirects=True, max_redirects=10)
    start = time.perf_counter()
    try:
        with http.stream(
            method, url, headers=headers, content=body, timeout=timeout, auth=auth
        ) as response:
            result.status = response.status_code
            result.headers = dict(response.headers)
            result.redirects = [str(r.url) for r in response.history]
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    result.truncated = True
                    break
            result.body = b"".join(chunks)[:max_bytes]
    except httpx.HTTPError as exc:
        result.error = explain_transport_error(exc, url, timeout)
        return result
    finally:
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        if own:
            http.close()
    classify_body(result)
    if result.redirects and not result.warning:
        result.warning = f"Redirected {len(result.redirects)} time(s); final URL is what you see."
    return result
