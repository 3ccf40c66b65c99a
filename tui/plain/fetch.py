"""Fetch a sample response, rendering the request the way Genesys would, and explain failures."""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass
from typing import Any

import httpx

from tui.model.action import Action
from tui.runtime.jsontext import parse_json
from tui.runtime.pipeline import MAX_RESPONSE_BYTES, Execution, StepFailed, prepare

HTML_MARKERS = (b"<!doctype html", b"<html")


@dataclass(slots=True)
class Fetched:
    """What came back: `document` is set when the body is usable JSON, else `problem` says why."""

    url: str = ""
    status: int = 0
    elapsed_ms: float = 0.0
    body: bytes = b""
    content_type: str = ""
    document: Any = None
    problem: str = ""
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem

    def summary(self) -> str:
        size = f"{len(self.body):,} bytes" + (" (cut at the limit)" if self.truncated else "")
        kind = f", {self.content_type}" if self.content_type else ""
        return f"HTTP {self.status} in {self.elapsed_ms:.0f} ms, {size}{kind}"


def fetch_sample(
    action: Action,
    inputs: dict[str, Any],
    timeout: float | None = None,
    limit: int = MAX_RESPONSE_BYTES,
) -> Fetched:
    """Render the request with the sample inputs, send it, and judge the answer."""
    try:
        prepared = prepare(Execution(), action, inputs, None)
    except StepFailed as exc:
        return Fetched(problem=f"The request could not be built: {exc.error.message}")
    out = Fetched(url=prepared.url)
    wait = timeout if timeout is not None else float(action.timeout_seconds)
    start = time.perf_counter()
    try:
        with (
            httpx.Client(timeout=wait, follow_redirects=False) as client,
            client.stream(
                prepared.method, prepared.url, headers=prepared.headers, content=prepared.body
            ) as r,
        ):
            out.status = r.status_code
            out.content_type = r.headers.get("content-type", "")
            location = r.headers.get("location", "")
            chunks: list[bytes] = []
            size = 0
            for chunk in r.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    out.truncated = True
                    break
            out.body = b"".join(chunks)
    except httpx.TimeoutException:
        out.problem = (
            f"No answer from {_host(prepared.url)} within {wait:g} s. Genesys gives up after the "
            "action's timeout too: check the URL and that the service is up, or raise the timeout."
        )
        return out
    except httpx.ConnectError as exc:
        out.problem = _connect_problem(prepared.url, exc)
        return out
    except httpx.HTTPError as exc:
        out.problem = f"The request to {_host(prepared.url)} failed: {exc or type(exc).__name__}."
        return out
    finally:
        out.elapsed_ms = (time.perf_counter() - start) * 1000
    out.problem = judge(out, location, limit)
    return out


def judge(out: Fetched, location: str, limit: int) -> str:
    """Why this answer cannot serve as a sample ('' when it can); sets `document`."""
    if out.truncated:
        return (
            f"The response is over {limit:,} bytes, more than Genesys accepts from a data action. "
            "Ask the API for less (filters, paging, fields) and fetch again."
        )
    if 300 <= out.status < 400:
        where = f" to {location}" if location else ""
        return (
            f"The server redirects (HTTP {out.status}){where}. Genesys does not follow redirects "
            "for you: use the final URL."
        )
    head = out.body[:200].lstrip().lower()
    if not 200 <= out.status < 300:
        detail = _snippet(out.body)
        if head.startswith(HTML_MARKERS):
            detail = "an HTML error page"
        return (
            f"The server answered HTTP {out.status} ({detail}). Check the URL, inputs and headers."
        )
    if not out.body.strip():
        return (
            f"The server answered HTTP {out.status} with an empty body. Outputs are picked from a "
            "JSON response: check the URL, or continue without outputs."
        )
    if head.startswith(HTML_MARKERS):
        return "The server sent an HTML page, not JSON (a login page or a wrong URL?)."
    try:
        out.document = parse_json(out.body)
    except ValueError as exc:
        kind = out.content_type or "unknown content type"
        return f"The response is not JSON ({kind}): {exc}. First bytes: {_snippet(out.body)}"
    return ""


def _connect_problem(url: str, exc: Exception) -> str:
    text = str(exc)
    cause = exc.__context__ or exc.__cause__
    if isinstance(cause, ssl.SSLError) or "SSL" in text or "CERTIFICATE" in text.upper():
        return (
            f"TLS failed with {_host(url)}: {text}. Genesys needs a certificate from a public "
            "certificate authority; self-signed or expired certificates are refused."
        )
    return f"Could not connect to {_host(url)}: {text or 'connection refused'}. Check the host and port."


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except Exception:  # an unparsable URL is reported as typed
        return url


def _snippet(body: bytes, limit: int = 120) -> str:
    text = " ".join(body[:limit].decode("utf-8", errors="replace").split())
    return (text + ("…" if len(body) > limit else "")) or "no body"
