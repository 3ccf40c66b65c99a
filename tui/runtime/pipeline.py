"""Execute an action the way Genesys's test endpoint does, step by step.

Steps (each a :class:`Operation`, numbered from 1, stopping at the first failure):
validate input, resolve the URL template, headers and body template, execute the request,
resolve the translation map, resolve the success template, validate the output against the
success schema, and (optionally) flatten. Genesys does not publish its step names; these follow
its UI's wording as closely as the public material allows.

`run_test` (sync) and `run_test_async` share everything but the HTTP call. Pass a
:class:`CannedResponse` to run against a saved response instead of the network.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from tui.model.action import Action
from tui.model.schema_check import schema_errors
from tui.runtime.assumptions import DEFAULTS, Assumptions, parse_success_output
from tui.runtime.flatten import flatten
from tui.runtime.jsonpath import JsonPathSyntaxError, PathNotFoundError, compile_path
from tui.runtime.jsontext import collector_paused, to_json_text
from tui.runtime.response_document import ResponseDocument
from tui.runtime.results import ErrorBody, Operation, TestExecutionResult
from tui.runtime.velocity import VelocityError, genesys_tools, render
from tui.runtime.velocity.tools import SuccessTemplateUtils

if TYPE_CHECKING:  # httpx costs ~80 ms to import: only live calls load it
    import httpx

MAX_RESPONSE_BYTES = 20 * 1024 * 1024
STEP_INPUT = "Validate input against input schema"
STEP_URL = "Resolve request URL template"
STEP_HEADERS = "Resolve request headers"
STEP_BODY = "Resolve request body template"
STEP_EXECUTE = "Execute request"
STEP_TRANSLATE = "Resolve translation map"
STEP_SUCCESS = "Resolve success template"
STEP_OUTPUT = "Validate output against success schema"
STEP_FLATTEN = "Flatten output"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


# Plain classes, not dataclasses: `dataclasses` imports `inspect` (with ast, dis and tokenize),
# ~7 ms of a ~55 ms `test --sample`.


class CannedResponse:
    """A saved HTTP response to run the response half of an action against (not changed once
    made)."""

    __slots__ = ("body", "headers", "status")

    def __init__(
        self, body: bytes | str, status: int = 200, headers: dict[str, str] | None = None
    ) -> None:
        self.body = body
        self.status = status
        self.headers: dict[str, str] = headers if headers is not None else {}

    def __eq__(self, other: object) -> bool:
        if type(other) is not CannedResponse:
            return NotImplemented
        return (self.body, self.status, self.headers) == (other.body, other.status, other.headers)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CannedResponse(body={self.body!r}, status={self.status}, headers={self.headers!r})"


class PreparedRequest:
    __slots__ = ("body", "headers", "method", "url")

    def __init__(self, method: str, url: str, headers: dict[str, str], body: str | None) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body


class StepFailed(Exception):
    def __init__(self, error: ErrorBody) -> None:
        super().__init__(error.message)
        self.error = error


def fail(message: str, code: str = "bad.request", status: int = 400, **params: str) -> StepFailed:
    return StepFailed(ErrorBody(message=message, code=code, status=status, message_params=params))


class Execution:
    """The operations of one run; `step()` records each as it passes or fails."""

    def __init__(self) -> None:
        self.result = TestExecutionResult()

    def step(self, name: str, work: Callable[[], Any]) -> Any:
        n = len(self.result.operations) + 1
        try:
            try:
                value = work()
            except RecursionError:
                # A document nested thousands of levels deep: one step fails, not the process.
                raise fail(
                    f"{name}: the data is nested too deeply to process", code="ACTION.PROCESSING"
                ) from None
        except StepFailed as exc:
            self.result.operations.append(
                Operation(step=n, name=name, success=False, error=exc.error)
            )
            self.result.error = exc.error
            raise
        self.result.operations.append(Operation(step=n, name=name, success=True, result=value))
        return value


# -- request half ------------------------------------------------------------------------


PYTHON_WORDS = re.compile(r"(?<![\w'\"])(None|True|False)(?= is not of type)")
JSON_WORDS = {"None": "null", "True": "true", "False": "false"}


def json_words(message: str) -> str:
    """jsonschema words a value as Python (`None is not of type 'string'`); say it in JSON."""
    return PYTHON_WORDS.sub(lambda m: JSON_WORDS[m.group(1)], message)


# How long one template may render. Genesys publishes no limit; without one a template looping
# ten million times holds a local test, or the sandbox serving every org, for minutes.
RENDER_BUDGET_SECONDS = 5.0


def _render(template: str, context: dict[str, Any], where: str) -> str:
    try:
        return render(template, context, name=where, budget=RENDER_BUDGET_SECONDS)
    except VelocityError as exc:
        place = f" at line {exc.line}, column {exc.column}" if exc.line else ""
        raise fail(
            f"Failed to resolve {where}{place}: {exc.message}", code="invalid.template"
        ) from exc


REDACTED = "********"


def secret_values(credentials: dict[str, str] | None) -> list[str]:
    """Credential values as they may appear in a trace: raw and URL-encoded, longest first.
    Values under 4 characters are left alone (masking every "1" would garble the trace)."""
    from urllib.parse import quote, quote_plus

    found: set[str] = set()
    for value in (credentials or {}).values():
        if isinstance(value, str) and len(value) >= 4:
            found |= {value, quote(value, safe=""), quote_plus(value)}
    return sorted(found, key=len, reverse=True)


def mask_text(value: Any, secrets: list[str]) -> Any:
    """`value` (text, or JSON-like data) with every secret replaced by the mask."""
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, dict):
        return {k: mask_text(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_text(v, secrets) for v in value]
    return value


def mask_result(
    result: TestExecutionResult, credentials: dict[str, str] | None
) -> TestExecutionResult:
    """The trace with credential values masked wherever they appear (URL, headers not named
    like secrets, body, error messages): masked by value, not only by header name."""
    secrets = secret_values(credentials)
    if not secrets:
        return result
    for op in result.operations:
        op.result = mask_text(op.result, secrets)
        if op.error is not None:
            op.error.message = mask_text(op.error.message, secrets)
    if result.error is not None:
        result.error.message = mask_text(result.error.message, secrets)
    return result


def redact_headers(headers: dict[str, str]) -> dict[str, str]:
    """Headers safe to show: values of credential-bearing headers are masked."""
    from tui.model.secret_names import is_secret_header

    return {k: REDACTED if is_secret_header(k) else v for k, v in headers.items()}


def request_context(
    inputs: dict[str, Any],
    credentials: dict[str, str] | None = None,
    auth_response: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What request templates see: `$input`, `$credentials` (the integration's), the tools, and
    `$authResponse` (what a User Defined (OAuth) integration's custom auth action returned)."""
    ctx = dict(genesys_tools())
    ctx["input"] = {**inputs, "rawRequest": json.dumps(inputs, ensure_ascii=False)}
    ctx["credentials"] = dict(credentials or {})
    if auth_response is not None:
        ctx["authResponse"] = auth_response
    return ctx


def prepare(
    run: Execution,
    action: Action,
    inputs: dict[str, Any],
    base_url: str | None,
    credentials: dict[str, str] | None = None,
    auth_response: dict[str, Any] | None = None,
) -> PreparedRequest:
    """Steps 1-4: validate inputs and render the request."""

    def check_input() -> dict[str, Any]:
        errors = schema_errors(action.input_schema, inputs)
        if errors:
            raise fail("Input does not match the input contract: " + "; ".join(errors))
        return inputs

    run.step(STEP_INPUT, check_input)
    ctx = request_context(inputs, credentials, auth_response)
    req = action.request

    def url() -> str:
        text = _render(req.request_url_template, ctx, "requestUrlTemplate").strip()
        if base_url and not text.lower().startswith(("http://", "https://")):
            text = urljoin(base_url.rstrip("/") + "/", text.lstrip("/"))
        if not text.lower().startswith(("http://", "https://")):
            raise fail(
                f"The request URL '{text}' is not an absolute http(s) URL",
                code="invalid.url",
            )
        return text

    rendered_url = run.step(STEP_URL, url)
    headers = {k: _render(v, ctx, f"header '{k}'") for k, v in req.headers.items()}
    run.step(STEP_HEADERS, lambda: redact_headers(headers))
    method = req.request_type.upper()
    template = req.request_template if req.request_template is not None else "${input.rawRequest}"
    body = run.step(STEP_BODY, lambda: _render(template, ctx, "requestTemplate"))
    send_body = body if method in BODY_METHODS else None
    if send_body is not None and not any(k.lower() == "content-type" for k in headers):
        headers = {**headers, "Content-Type": "application/json"}
    return PreparedRequest(method, rendered_url, headers, send_body)


# -- response half -----------------------------------------------------------------------


def describe_response(status: int, headers: dict[str, str], body: bytes, elapsed_ms: float) -> dict:
    return {
        "status": status,
        "elapsedMs": round(elapsed_ms, 1),
        "size": len(body),
        "contentType": headers.get("content-type", headers.get("Content-Type", "")),
    }


def remote_error(status: int, body: bytes) -> StepFailed:
    text = body[:2000].decode("utf-8", errors="replace")
    return fail(
        "REST call for action execute failed. Message: Request to backend service failed. "
        f"Response from web service: {text}",
        code="ACTION.REMOTE_ENDPOINT" if status < 500 else "internal.server.error",
        status=status if 400 <= status < 600 else 502,
    )


def finish(
    run: Execution,
    action: Action,
    body: bytes,
    flatten_output: bool,
    assumptions: Assumptions = DEFAULTS,
    inputs: dict[str, Any] | None = None,
) -> None:
    """Steps 6-9: translate, render the success template, validate and flatten.

    The response document lives only inside `_finish`, so with the collector paused around it
    no GC pass ever walks the document (a 20 MB body: ~0.3 s saved per execution).
    """
    with collector_paused():
        _finish(run, action, body, flatten_output, assumptions, inputs)


def _finish(
    run: Execution,
    action: Action,
    body: bytes,
    flatten_output: bool,
    assumptions: Assumptions,
    inputs: dict[str, Any] | None,
) -> None:
    resp = action.response
    template = resp.success_template if resp.success_template is not None else "${rawResult}"
    uses_raw = "rawResult" in template  # then the whole document is needed anyway
    raw: dict[str, Any] = {}

    def translate() -> dict[str, str]:
        try:
            document = ResponseDocument(body if body.strip() else b"{}", whole=uses_raw)
        except ValueError as exc:
            raise fail(
                f"The response is not JSON ({exc}); translation maps need a JSON response",
                code="ACTION.PROCESSING",
            ) from exc
        values: dict[str, str] = {}
        if uses_raw:
            raw["document"] = document.value()
        for key, path in resp.translation_map.items():
            try:
                values[key] = to_json_text(document.read(compile_path(path)))
            except PathNotFoundError as exc:
                if key in resp.translation_map_defaults:
                    values[key] = resp.translation_map_defaults[key]
                else:
                    raise fail(
                        f"JSON path '{path}' for translation map key '{key}' did not resolve "
                        f"({exc}). Add a default in translationMapDefaults or fix the path.",
                        code="ACTION.PROCESSING",
                        key=key,
                    ) from exc
            except JsonPathSyntaxError as exc:
                raise fail(
                    f"Translation map key '{key}': {exc}",
                    code="ACTION.PROCESSING",
                    key=key,
                ) from exc
        return values

    values = run.step(STEP_TRANSLATE, translate)

    def success() -> Any:
        ctx = dict(genesys_tools())
        empty = assumptions["first-from-array-empty"]
        if empty != "empty":
            ctx["successTemplateUtils"] = SuccessTemplateUtils(empty)
        if uses_raw:  # serialising a large response is costly: only on use
            ctx["rawResult"] = to_json_text(raw["document"])
        if assumptions["success-input"] == "visible":
            ctx["input"] = dict(inputs or {})
        ctx.update(values)
        text = _render(template, ctx, "successTemplate")
        try:
            return parse_success_output(text, assumptions)
        except ValueError:
            if assumptions["success-json"] == "lenient":
                raise fail(
                    f"The success template produced text json-smart cannot read: {text[:500]}",
                    code="ACTION.PROCESSING",
                ) from None  # the stdlib parser below names the line and column otherwise
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(
                f"The success template produced invalid JSON at line {exc.lineno}, column "
                f"{exc.colno}: {exc.msg}. Output was: {text[:500]}",
                code="ACTION.PROCESSING",
            ) from exc

    output = run.step(STEP_SUCCESS, success)

    def validate() -> Any:
        errors = [json_words(e) for e in schema_errors(action.success_schema, output)]
        if errors:
            raise fail(
                "The output does not match the success schema: " + "; ".join(errors),
                code="ACTION.PROCESSING",
                field=errors[0].split(":", 1)[0].split("/", 1)[0],
            )
        return output

    run.step(STEP_OUTPUT, validate)
    final = run.step(STEP_FLATTEN, lambda: flatten(output)) if flatten_output else output
    run.result.final_result = final
    run.result.success = True


# -- entry points ------------------------------------------------------------------------


class Received:
    """What came back from the HTTP call (or why nothing did)."""

    __slots__ = ("body", "elapsed_ms", "failure", "headers", "status")

    def __init__(
        self,
        status: int = 0,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        elapsed_ms: float = 0.0,
        failure: Exception | None = None,
    ) -> None:
        self.status = status
        self.headers: dict[str, str] = headers if headers is not None else {}
        self.body = body
        self.elapsed_ms = elapsed_ms
        self.failure = failure


def _check_received(run: Execution, prepared: PreparedRequest, got: Received) -> None:
    def check() -> dict:
        if got.failure is not None:
            raise _transport_error(prepared, got.failure)
        if len(got.body) > MAX_RESPONSE_BYTES:
            raise fail(
                f"The response is over the {MAX_RESPONSE_BYTES}-byte limit",
                code="ACTION.PROCESSING",
            )
        if 300 <= got.status < 400:
            where = next((v for k, v in got.headers.items() if k.lower() == "location"), "")
            raise fail(
                f"The server answered with a redirect (HTTP {got.status})"
                f"{' to ' + where if where else ''}; redirects are not followed: call the "
                "final URL directly",
                code="ACTION.REMOTE_ENDPOINT",
                status=502,
            )
        if not 200 <= got.status < 300:
            raise remote_error(got.status, got.body)
        return describe_response(got.status, got.headers, got.body, got.elapsed_ms)

    run.step(STEP_EXECUTE, check)


def _transport_error(prepared: PreparedRequest, exc: Exception) -> StepFailed:
    import httpx

    kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
    return fail(
        f"Request to {prepared.method} {prepared.url} {kind}: {exc or type(exc).__name__}",
        code="ACTION.REMOTE_ENDPOINT",
        status=504 if kind == "timed out" else 502,
    )


def _steps(
    run: Execution,
    action: Action,
    inputs: dict[str, Any],
    response: CannedResponse | None,
    flatten_output: bool,
    base_url: str | None,
    credentials: dict[str, str] | None,
    auth_response: dict[str, Any] | None = None,
    assumptions: Assumptions = DEFAULTS,
) -> Generator[PreparedRequest, Received, None]:
    """The whole run without I/O: yields the request to send and is sent what came back."""
    prepared = prepare(run, action, inputs, base_url, credentials, auth_response)
    if response is not None:
        body = response.body.encode("utf-8") if isinstance(response.body, str) else response.body
        got = Received(response.status, response.headers, body)
    else:
        got = yield prepared
    _check_received(run, prepared, got)
    finish(run, action, got.body, flatten_output, assumptions, inputs)


def _request_args(prepared: PreparedRequest, action: Action) -> dict[str, Any]:
    return {
        "method": prepared.method,
        "url": prepared.url,
        "headers": prepared.headers,
        "content": prepared.body,
        "timeout": action.timeout_seconds,
    }


def _start(
    run: Execution, steps: Generator[PreparedRequest, Received, None]
) -> PreparedRequest | None:
    """Run up to the HTTP call; None when the run already ended (canned response or failure)."""
    try:
        return next(steps)
    except StopIteration:
        return None
    except StepFailed:
        run.result.success = False
        return None


def _deliver(
    run: Execution, steps: Generator[PreparedRequest, Received, None], got: Received, start: float
) -> TestExecutionResult:
    """Hand the HTTP outcome to the remaining steps and return the result."""
    got.elapsed_ms = (time.perf_counter() - start) * 1000
    try:
        steps.send(got)
    except StopIteration:
        pass
    except StepFailed:
        run.result.success = False
    return run.result


def run_test(
    action: Action,
    inputs: dict[str, Any],
    *,
    response: CannedResponse | None = None,
    client: httpx.Client | None = None,
    flatten: bool = False,
    base_url: str | None = None,
    credentials: dict[str, str] | None = None,
    auth_response: dict[str, Any] | None = None,
    assumptions: Assumptions = DEFAULTS,
) -> TestExecutionResult:
    """Run every step; the HTTP call goes through `client` unless `response` is given.

    `assumptions` picks the answers of the rules no public source settles (see
    `tui.runtime.assumptions`)."""
    run = Execution()
    steps = _steps(
        run, action, inputs, response, flatten, base_url, credentials, auth_response, assumptions
    )
    prepared = _start(run, steps)
    if prepared is None:
        return mask_result(run.result, credentials)
    import httpx

    from tui.runtime.deadline import deadline, deadline_client

    http = client or deadline_client()
    start = time.perf_counter()
    try:
        with (
            deadline(action.timeout_seconds),
            http.stream(**_request_args(prepared, action)) as r,
        ):
            got = Received(r.status_code, dict(r.headers), _read_capped(r.iter_bytes()))
    except httpx.HTTPError as exc:
        got = Received(failure=exc)
    finally:
        if client is None:
            http.close()
    return mask_result(_deliver(run, steps, got, start), credentials)


async def run_test_async(
    action: Action,
    inputs: dict[str, Any],
    *,
    response: CannedResponse | None = None,
    client: httpx.AsyncClient | None = None,
    flatten: bool = False,
    base_url: str | None = None,
    credentials: dict[str, str] | None = None,
    auth_response: dict[str, Any] | None = None,
) -> TestExecutionResult:
    """`run_test` for asyncio callers (the sandbox)."""
    run = Execution()
    steps = _steps(run, action, inputs, response, flatten, base_url, credentials, auth_response)
    import asyncio  # here, not at the top: the CLI's local runs never need it

    # Rendering and translating are CPU work: off the event loop, so one client's heavy template
    # does not stall the sandbox's other requests (each render also has a time budget).
    prepared = await asyncio.to_thread(_start, run, steps)
    if prepared is None:
        return mask_result(run.result, credentials)
    import httpx

    from tui.runtime.deadline import async_deadline

    http = client or httpx.AsyncClient()
    start = time.perf_counter()
    try:
        async with (
            async_deadline(action.timeout_seconds),
            http.stream(**_request_args(prepared, action)) as r,
        ):
            chunks, size = [], 0
            async for chunk in r.aiter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    break
            got = Received(r.status_code, dict(r.headers), b"".join(chunks))
    except httpx.HTTPError as exc:
        got = Received(failure=exc)
    finally:
        if client is None:
            await http.aclose()
    delivered = await asyncio.to_thread(_deliver, run, steps, got, start)
    return mask_result(delivered, credentials)


def _read_capped(chunks: Iterable[bytes]) -> bytes:
    """The body, read no further than one chunk past the size limit."""
    out = []
    size = 0
    for chunk in chunks:
        out.append(chunk)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            break
    return b"".join(out)
