"""The SDK's HTTP layer, replaced by httpx: timeouts, bounded retries, request counting.

The SDK accepts any `AbstractHttpClient` (`ApiClient.set_http_client`). Its default client has no
timeout and retries blindly through urllib3, so this one adds: a timeout, retries with
exponential backoff that honour `Retry-After` (429, 502/503/504 always; 500 and dropped
connections only for reads), counts of every request, the raw JSON of the last response (the
SDK's models drop schema fields such as `items`), and an injectable httpx transport for tests.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import re
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from PureCloudPlatformClientV2.abstract_http_client import AbstractHttpClient
from PureCloudPlatformClientV2.rest import ApiException

from tui.runtime.deadline import deadline, honour_deadlines

ALWAYS_RETRY = frozenset({429, 502, 503, 504})
READ_RETRY = frozenset({500})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_ID = re.compile(r"/[0-9a-fA-F-]{16,}|/custom_-_[^/]+|/static[^/]*")


# A wait on 429/5xx can last up to a minute: say so (the CLI prints this logger to stderr), so
# a command that sits still is not mistaken for a hang.
log = logging.getLogger("tui.genesys.transport")


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts per request and limits on the waits between them."""

    attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_retry_after: float = 90.0
    budget: float = 240.0


@dataclass
class CallStats:
    """What went over the wire (counted per attempt)."""

    requests: int = 0
    writes: int = 0
    retries: int = 0
    throttled: int = 0
    failed: int = 0
    waited: float = 0.0
    routes: Counter[str] = field(default_factory=Counter)

    def lists(self) -> int:
        return sum(
            n
            for route, n in self.routes.items()
            if route.startswith("GET ")
            and route.split(" ", 1)[1]
            in ("/api/v2/integrations/actions", "/api/v2/integrations/actions/drafts")
        )

    def gets(self) -> int:
        return sum(n for route, n in self.routes.items() if route.startswith("GET "))


def route_of(method: str, url: str) -> str:
    """`GET /api/v2/integrations/actions/{id}` style key for counting."""
    path = httpx.URL(url).path
    return f"{method} {_ID.sub('/{id}', path)}"


class SdkResponse:
    """What the SDK reads from a response (the shape of its urllib3 RESTResponse)."""

    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        self.reason = response.reason_phrase
        self.data = response.text
        self._headers = response.headers

    def getheaders(self) -> httpx.Headers:
        return self._headers

    def getheader(self, name: str, default: str | None = None) -> str | None:
        return self._headers.get(name, default)


def retry_after_seconds(value: str | None) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def tls_for(base_url: str) -> bool | ssl.SSLContext:
    """The TLS verification for a client of `base_url`: httpx's default (the CA bundle) for
    https, and for a plain-HTTP target (the local sandbox) a context that trusts no
    certificate. Building the default context loads the whole bundle (10-20 ms of every org
    command, more on a busy machine) for a handshake a plain-HTTP client never makes; were one
    ever attempted, the empty context would refuse it rather than accept it."""
    if base_url.lower().startswith("https:"):
        return True
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # hostname checked, certificate required


class HttpxClient(AbstractHttpClient):
    """An SDK HTTP client on httpx with retries; thread-safe (one httpx pool)."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        verify: bool | str | ssl.SSLContext = True,
    ) -> None:
        super().__init__()
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.stats = CallStats()
        self._sleep = sleep
        self._local = threading.local()
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            verify=verify,
            follow_redirects=False,
            headers={"User-Agent": "dataaction (PureCloud SDK/python)"},
        )
        if transport is None:
            honour_deadlines(self._client)

    # -- the raw JSON of this thread's last response ------------------------------------
    @property
    def last(self) -> SdkResponse | None:
        return getattr(self._local, "last", None)

    def last_json(self) -> Any:
        last = self.last
        if last is None or not last.data:
            return None
        return json.loads(last.data)

    def forget_last(self) -> None:
        """Drop this thread's last response, so a failure before any answer is not mistaken
        for one."""
        self._local.last = None

    def close(self) -> None:
        self._client.close()

    # -- AbstractHttpClient -------------------------------------------------------------
    def request(self, http_request_options: Any) -> SdkResponse:
        opts = http_request_options
        if self.pre_hook and callable(self.pre_hook):
            opts = self.pre_hook(opts)
        request = self._build(opts)
        response = self._send_with_retries(request)
        result = SdkResponse(response)
        if self.post_hook and callable(self.post_hook):
            result = self.post_hook(result)
        self._local.last = result
        if not 200 <= result.status <= 205:
            raise ApiException(http_resp=result)
        return result

    def _build(self, opts: Any) -> httpx.Request:
        headers = {k: str(v) for k, v in (opts.headers or {}).items()}
        content_type = headers.setdefault("Content-Type", "application/json")
        params = {k: str(v) for k, v in (opts.query_params or {}).items()}
        method = opts.method.upper()
        kwargs: dict[str, Any] = {}
        if method in ("POST", "PUT", "PATCH", "OPTIONS"):
            if content_type == "application/x-www-form-urlencoded":
                kwargs["data"] = opts.post_params or {}
            else:
                # As the SDK's own client does: the JSON body, `null` when there is none.
                kwargs["content"] = json.dumps(opts.body).encode()
        return self._client.build_request(
            method, opts.url, params=params, headers=headers, **kwargs
        )

    def _retryable(self, method: str, status: int) -> bool:
        return status in ALWAYS_RETRY or (status in READ_RETRY and method in SAFE_METHODS)

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.retry.max_retry_after)
        backoff = self.retry.base_delay * 2 ** (attempt - 1)
        return min(self.retry.max_delay, backoff) * (0.5 + random.random() / 2)

    def _wait(self, seconds: float, waited: float) -> bool:
        """Sleep unless it would exceed the budget; False when the budget is spent."""
        if waited + seconds > self.retry.budget:
            return False
        self._sleep(seconds)
        with self._lock:
            self.stats.waited += seconds
            self.stats.retries += 1
        return True

    def _count(self, request: httpx.Request) -> None:
        with self._lock:
            self.stats.requests += 1
            self.stats.routes[route_of(request.method, str(request.url))] += 1
            if request.method not in SAFE_METHODS and request.url.path.startswith("/api/"):
                self.stats.writes += 1

    def _send_with_retries(self, request: httpx.Request) -> httpx.Response:
        method = request.method
        waited = 0.0
        for attempt in range(1, self.retry.attempts + 1):
            last_try = attempt == self.retry.attempts
            self._count(request)
            try:
                with deadline(self.timeout):  # per attempt, however slowly the server drips
                    response = self._client.send(request)
            except (httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                # Nothing reached the server: safe to retry any method.
                if last_try or not self._wait(d := self._delay(attempt, None), waited):
                    self._failed()
                    raise exc
                waited += d
                continue
            except (
                httpx.ReadTimeout,
                httpx.WriteTimeout,
                httpx.RemoteProtocolError,
                httpx.ReadError,
            ) as exc:
                # The server may have acted on it: only reads are repeated.
                if method not in SAFE_METHODS or last_try:
                    self._failed()
                    raise exc
                if not self._wait(d := self._delay(attempt, None), waited):
                    self._failed()
                    raise exc
                waited += d
                continue
            except httpx.TransportError:
                self._failed()
                raise
            if response.status_code == 429:
                with self._lock:
                    self.stats.throttled += 1
            if not self._retryable(method, response.status_code) or last_try:
                if response.status_code >= 400:
                    self._failed()
                return response
            delay = self._delay(attempt, retry_after_seconds(response.headers.get("Retry-After")))
            if delay >= 1 and waited + delay <= self.retry.budget:
                log.warning(
                    "Genesys answered %s to %s %s: waiting %.0f s before retrying",
                    response.status_code,
                    method,
                    response.request.url.path,
                    delay,
                )
            if not self._wait(delay, waited):
                self._failed()
                return response
            waited += delay
        raise AssertionError("unreachable")

    def _failed(self) -> None:
        with self._lock:
            self.stats.failed += 1
