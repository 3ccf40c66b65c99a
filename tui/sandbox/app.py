"""The sandbox ASGI app: OAuth, the Data Actions API, `/samples`, rate limit and error bodies."""

from __future__ import annotations

import json
import logging
import mimetypes
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.model.action import GENESYS_CLOUD_TYPE, Action
from tui.runtime.results import TestExecutionResult

from . import auth, integrations, outside, paging
from .actions import Actions, expand_values, render
from .bodies import (
    PostActionInput,
    PublishDraftInput,
    UpdateActionInput,
    UpdateDraftInput,
    json_body,
    json_object,
    model_body,
    read_body,
)
from .errors import ApiError, error_body, not_found
from .orgs import ClientSpec, register_all
from .store import Store

log = logging.getLogger("tui.sandbox")
PARSED_CACHE_SIZE = 1024
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "sample_responses"
Handler = Callable[[Request], Awaitable[Response]]


class CatchAll:
    """Outermost guard: any unexpected exception becomes a Genesys-style 500, no internals."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            body = error_body(
                500, "internal.server.error", "The server encountered an internal error."
            )
            log.error(
                "internal error, contextId %s",
                body["contextId"],
                exc_info=log.isEnabledFor(logging.DEBUG),
            )
            if not started:
                await JSONResponse(body, status_code=500)(scope, receive, send)


class Sandbox:
    """State and handlers of one sandbox app."""

    def __init__(
        self,
        store: Store,
        *,
        token_ttl: float,
        rate_limit: int | None,
        rate_window: float,
        samples_dir: Path,
    ) -> None:
        self.store = store
        self.oauth = auth.OAuth(store, token_ttl)
        self.limiter = auth.RateLimiter(rate_limit, rate_window)
        self.samples_dir = samples_dir
        self.http: httpx.AsyncClient | None = None
        # (org, action id, draft?) -> (stored text, parsed action, targets Genesys Cloud?)
        self._parsed: dict[tuple[str, str, bool], tuple[str, Action, bool]] = {}

    # -- plumbing -----------------------------------------------------------------------
    def caller(self, request: Request, permissions: tuple[str, ...]) -> auth.Principal:
        """401 without a valid token, 429 over budget, 403 without the permission."""
        who = self.oauth.principal(request.headers.get("authorization"))
        self.limiter.check(who.client_id)
        who.require(permissions)
        return who

    def actions(self, request: Request, permissions: tuple[str, ...]) -> Actions:
        return Actions(self.store, self.caller(request, permissions).org_id)

    def client(self) -> httpx.AsyncClient:
        if self.http is None:
            limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
            self.http = httpx.AsyncClient(limits=limits, follow_redirects=False)
        return self.http

    # -- oauth and samples --------------------------------------------------------------
    async def token(self, request: Request) -> Response:
        raw = await read_body(request)
        form = parse_qs(raw.decode("utf-8", errors="replace"))
        # Checking a chosen secret is scrypt (slow on purpose): in a worker thread, so a burst of
        # wrong-secret logins does not stall every other request.
        issued = await run_in_threadpool(
            self.oauth.issue, request.headers.get("authorization"), form
        )
        return JSONResponse(issued)

    async def sample(self, request: Request) -> Response:
        root = self.samples_dir.resolve()
        name = request.path_params["path"]
        try:  # a NUL or an over-long name cannot be a file: not found, not a 500
            path = (root / name).resolve()
            found = path.is_relative_to(root) and path.is_file()
        except (OSError, ValueError):
            found = False
        if not found:
            raise ApiError(404, "not.found", f"Sample {request.path_params['path']} not found")
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return FileResponse(path, media_type=media)

    # -- actions ------------------------------------------------------------------------
    async def list_actions(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_VIEW)
        return JSONResponse(acts.listing(dict(request.query_params), drafts=False))

    async def list_drafts(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_VIEW)
        return JSONResponse(acts.listing(dict(request.query_params), drafts=True))

    async def categories(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_VIEW)
        return JSONResponse(acts.categories(dict(request.query_params)))

    async def create_action(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_ADD)
        doc = acts.create(await model_body(request, PostActionInput), draft=False)
        return JSONResponse(render(doc, draft=False, contract=True, config=True))

    async def create_draft(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_ADD)
        doc = acts.create(await model_body(request, PostActionInput), draft=True)
        return JSONResponse(render(doc, draft=True, contract=True, config=True))

    def _view(self, request: Request, doc: dict[str, Any], *, draft: bool) -> Response:
        params = dict(request.query_params)
        return JSONResponse(
            render(
                doc,
                draft=draft,
                contract="contract" in expand_values(params),
                config=bool(paging.bool_param(params, "includeConfig")),
                flatten=bool(paging.bool_param(params, "flatten")),
            )
        )

    async def get_action(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_VIEW)
        return self._view(request, acts.published(request.path_params["action_id"]), draft=False)

    async def get_draft(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_VIEW)
        return self._view(request, acts.draft(request.path_params["action_id"]), draft=True)

    async def patch_action(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_EDIT)
        doc = acts.patch(
            request.path_params["action_id"], await model_body(request, UpdateActionInput)
        )
        return JSONResponse(render(doc, draft=False, contract=True, config=True))

    async def patch_draft(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_EDIT)
        doc = acts.patch_draft(
            request.path_params["action_id"], await model_body(request, UpdateDraftInput)
        )
        return JSONResponse(render(doc, draft=True, contract=True, config=True))

    async def delete_action(self, request: Request) -> Response:
        self.actions(request, auth.ACTION_DELETE).delete(request.path_params["action_id"])
        return Response(status_code=204)

    async def delete_draft(self, request: Request) -> Response:
        self.actions(request, auth.ACTION_DELETE).delete_draft(request.path_params["action_id"])
        return Response(status_code=204)

    async def draft_from_action(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_EDIT)
        await read_body(request)
        doc = acts.draft_from_action(request.path_params["action_id"])
        return JSONResponse(render(doc, draft=True, contract=True, config=True))

    async def publish(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_EDIT)
        body = await model_body(request, PublishDraftInput)
        doc = acts.publish(request.path_params["action_id"], body.version)
        return JSONResponse(render(doc, draft=False, contract=True, config=True))

    async def validation(self, request: Request) -> Response:
        acts = self.actions(request, auth.ACTION_EDIT)
        return JSONResponse(acts.validation(request.path_params["action_id"]))

    def _runnable(self, org_id: str, action_id: str, *, draft: bool) -> tuple[Action, bool]:
        """The parsed action and whether it targets Genesys Cloud itself.

        Published actions are cached by their stored text: parsing and validating the
        document is most of the sandbox's own work per execute.
        """
        texts = self.store.action_texts(org_id, action_id)
        text = texts[1 if draft else 0] if texts else None
        if text is None:
            raise not_found("Draft of action" if draft else "Action", action_id)
        key = (org_id, action_id, draft)
        cached = self._parsed.get(key)
        if cached is not None and cached[0] == text:
            return cached[1], cached[2]
        doc = json.loads(text)
        integration = self.store.integration(org_id, doc["integrationId"]) or {}
        internal = integration.get("integrationType", {}).get("id") == GENESYS_CLOUD_TYPE
        action = Action.model_validate(doc)
        if len(self._parsed) >= PARSED_CACHE_SIZE:
            self._parsed.clear()
        self._parsed[key] = (text, action, internal)
        return action, internal

    async def _run(
        self, request: Request, permissions: tuple[str, ...], *, draft: bool
    ) -> TestExecutionResult:
        who = self.caller(request, permissions)
        action, internal = self._runnable(who.org_id, request.path_params["action_id"], draft=draft)
        inputs = json_object(await json_body(request), "The input body")
        flatten = bool(paging.bool_param(dict(request.query_params), "flatten"))
        base_url = str(request.base_url).rstrip("/") if internal else None
        # Imported on first use: the runtime's template engines are heavy to import.
        from tui.runtime.pipeline import run_test_async

        from .auth_actions import OAUTH_TYPE, credential_type, is_auth_action

        # One read of the integration decides what its credential adds to the run.
        integration = self.store.integration(who.org_id, action.integration_id or "") or {}
        credentials = self._credential_fields(who.org_id, integration)
        kind = credential_type(integration)
        auth_response = None
        if kind == "basicAuth":
            action = with_basic_auth(action, credentials)
        elif kind == OAUTH_TYPE and not is_auth_action(request.path_params["action_id"]):
            got = await self._auth_response(who.org_id, integration, credentials)
            if isinstance(got, TestExecutionResult):
                return got
            auth_response = got
        return await run_test_async(
            action,
            inputs,
            client=self.client(),
            flatten=flatten,
            base_url=base_url,
            credentials=credentials,
            auth_response=auth_response,
        )

    async def _auth_response(
        self, org_id: str, integration: dict[str, Any], credentials: dict[str, str]
    ) -> dict[str, Any] | TestExecutionResult | None:
        """What the integration's custom auth action returns (None without one); a failed
        auth run is returned as it is, so the caller reports why the token could not be had."""
        from .auth_actions import auth_action_id

        auth_id = auth_action_id(self.store, org_id, integration)
        if auth_id is None:
            return None
        from tui.runtime.pipeline import run_test_async

        auth_action, _ = self._runnable(org_id, auth_id, draft=False)
        result = await run_test_async(
            auth_action, {}, client=self.client(), credentials=credentials
        )
        if not result.success:
            if result.error is not None:
                result.error.message = f"Custom auth action failed: {result.error.message}"
            return result
        final = result.final_result
        return final if isinstance(final, dict) else {"value": final}

    def _credential_fields(self, org_id: str, integration: dict[str, Any]) -> dict[str, str]:
        """The fields of the integration's credentials: what `${credentials.x}` reads."""
        refs = ((integration.get("config") or {}).get("current") or {}).get("credentials") or {}
        fields: dict[str, str] = {}
        for ref in refs.values():
            found = (
                self.store.credential(org_id, ref.get("id", "")) if isinstance(ref, dict) else None
            )
            if found is None:
                continue
            from .sealing import SealError, is_sealed, unseal

            try:
                values = unseal(found[1])
            except SealError as exc:
                raise ApiError(400, "credentials.unreadable", str(exc)) from None
            if not is_sealed(found[1]):  # written by an older version: seal it now
                self.store.put_credential(org_id, found[0], values)
            fields.update(values)
        return fields

    async def test(self, request: Request) -> Response:
        return JSONResponse((await self._run(request, auth.ACTION_EXECUTE, draft=False)).to_wire())

    async def draft_test(self, request: Request) -> Response:
        return JSONResponse((await self._run(request, auth.DRAFT_EXECUTE, draft=True)).to_wire())

    async def execute(self, request: Request) -> Response:
        result = await self._run(request, auth.ACTION_EXECUTE, draft=False)
        if result.success:
            return JSONResponse(result.final_result)
        error = (
            result.error.to_wire()
            if result.error
            else error_body(500, "internal.server.error", "Execution failed.")
        )
        return JSONResponse(error, status_code=int(error.get("status") or 500))

    async def template(self, request: Request, *, draft: bool = False) -> Response:
        acts = self.actions(request, auth.ACTION_VIEW)
        p = request.path_params
        text = acts.template(p["action_id"], p["file_name"], draft=draft)
        return Response(text, media_type="text/plain; charset=utf-8")

    async def draft_template(self, request: Request) -> Response:
        return await self.template(request, draft=True)

    async def schema(self, request: Request, *, draft: bool = False) -> Response:
        acts = self.actions(request, auth.ACTION_VIEW)
        p = request.path_params
        flatten = bool(paging.bool_param(dict(request.query_params), "flatten"))
        return JSONResponse(
            acts.schema(p["action_id"], p["file_name"], draft=draft, flatten=flatten)
        )

    async def draft_schema(self, request: Request) -> Response:
        return await self.schema(request, draft=True)

    # -- outside the sandbox's scope (see outside.py) ------------------------------------
    async def certificates(self, request: Request) -> Response:
        self.caller(request, outside.CERTIFICATE_VIEW)
        return JSONResponse(outside.certificates(request.url.path))

    async def truststore(self, request: Request) -> Response:
        self.caller(request, outside.CERTIFICATE_VIEW)
        return JSONResponse(outside.truststore())

    async def config_schema(self, request: Request) -> Response:
        self.caller(request, auth.INTEGRATION_VIEW)
        p = request.path_params
        integrations.check_type(p["type_id"])
        return JSONResponse(outside.config_schema(p["type_id"], p["config_type"]))

    async def runtimes(self, request: Request) -> Response:
        self.caller(request, outside.FUNCTION_VIEW)
        return JSONResponse(outside.runtimes())

    async def function(self, request: Request) -> Response:
        """GET/PUT .../draft/function, GET .../function, POST .../draft/function/upload."""
        edit = request.method != "GET"
        acts = self.actions(request, outside.FUNCTION_EDIT if edit else outside.FUNCTION_VIEW)
        action_id = request.path_params["action_id"]
        if request.url.path.endswith(("/draft/function", "/draft/function/upload")):
            acts.draft(action_id)  # 404 when there is no such draft, as for the other endpoints
        else:
            acts.published(action_id)
        raise outside.no_function(action_id)

    # -- integrations -------------------------------------------------------------------
    async def list_integrations(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_VIEW)
        params = dict(request.query_params)
        items = self.store.integrations(who.org_id)
        if itype := params.get("integrationType"):
            items = [i for i in items if i["integrationType"]["id"] == itype]
        if ids := params.get("ids"):
            wanted = {i.strip() for i in ids.split(",")}
            if len(wanted) > 100:
                raise ApiError(400, "bad.request", "ids accepts at most 100 ids.")
            items = [i for i in items if i["id"] in wanted]
        if state := params.get("reportedState"):
            items = [i for i in items if i["reportedState"]["code"] == state]
        if cred := params.get("credentialId"):
            items = [
                i
                for i in items
                if any(c.get("id") == cred for c in i["config"]["current"]["credentials"].values())
            ]
        items = paging.sort(items, params, ("name", "id"))
        listing = paging.page(items, params, integrations.BASE)
        expand = request.query_params.getlist("expand")
        listing["entities"] = [
            integrations.public_integration(i, expand) for i in listing["entities"]
        ]
        return JSONResponse(listing)

    async def create_integration(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_ADD)
        body = json_object(await json_body(request), "The request body")
        return JSONResponse(integrations.create_integration(self.store, who.org_id, body))

    async def get_integration(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_VIEW)
        doc = integrations.get_integration(
            self.store, who.org_id, request.path_params["integration_id"]
        )
        return JSONResponse(
            integrations.public_integration(doc, request.query_params.getlist("expand"))
        )

    async def patch_integration(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_EDIT)
        body = json_object(await json_body(request), "The request body")
        doc = integrations.patch_integration(
            self.store, who.org_id, request.path_params["integration_id"], body
        )
        return JSONResponse(
            integrations.public_integration(doc, request.query_params.getlist("expand"))
        )

    async def delete_integration(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_DELETE)
        doc = integrations.get_integration(
            self.store, who.org_id, request.path_params["integration_id"]
        )
        self.store.delete_integration(who.org_id, doc["id"])
        return JSONResponse(integrations.public_integration(doc, []))

    async def get_config(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_VIEW)
        doc = integrations.get_integration(
            self.store, who.org_id, request.path_params["integration_id"]
        )
        return JSONResponse(doc["config"]["current"])

    async def put_config(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_EDIT)
        body = json_object(await json_body(request), "The request body")
        integration_id = request.path_params["integration_id"]
        current = integrations.put_config(self.store, who.org_id, integration_id, body)
        from .auth_actions import ensure_auth_action

        ensure_auth_action(
            self.store,
            who.org_id,
            integrations.get_integration(self.store, who.org_id, integration_id),
        )
        return JSONResponse(current)

    async def types(self, request: Request) -> Response:
        self.caller(request, auth.INTEGRATION_VIEW)
        items = list(integrations.INTEGRATION_TYPES.values())
        return JSONResponse(
            paging.page(items, dict(request.query_params), f"{integrations.BASE}/types")
        )

    async def get_type(self, request: Request) -> Response:
        self.caller(request, auth.INTEGRATION_VIEW)
        return JSONResponse(integrations.check_type(request.path_params["type_id"]))

    # -- credentials --------------------------------------------------------------------
    async def list_credentials(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_VIEW)
        items = paging.sort(self.store.credentials(who.org_id), {}, ("name",))
        path = f"{integrations.BASE}/credentials"
        return JSONResponse(paging.page(items, dict(request.query_params), path))

    async def credentials_listing(self, request: Request) -> Response:
        """Cursor listing: `after`/`before` are credential ids in name order."""
        who = self.caller(request, auth.INTEGRATION_VIEW)
        params = dict(request.query_params)
        size = paging.int_param(params, "pageSize", 25, 1, 200)
        items = paging.sort(self.store.credentials(who.org_id), {}, ("name",))
        ids = [c["id"] for c in items]
        start, end = 0, len(items)
        if (after := params.get("after")) and after in ids:
            start = ids.index(after) + 1
        if (before := params.get("before")) and before in ids:
            end = ids.index(before)
            start = max(start, end - size)
        chunk = items[start : min(end, start + size)]
        path = f"{integrations.BASE}/credentials/listing"
        out: dict[str, Any] = {"entities": chunk, "selfUri": f"{path}?pageSize={size}"}
        if chunk and start + len(chunk) < len(items):
            out["nextUri"] = f"{path}?pageSize={size}&after={chunk[-1]['id']}"
            out["after"] = chunk[-1]["id"]
        if chunk and start > 0:
            out["previousUri"] = f"{path}?pageSize={size}&before={chunk[0]['id']}"
            out["before"] = chunk[0]["id"]
        return JSONResponse(out)

    async def credential_types(self, request: Request) -> Response:
        self.caller(request, auth.INTEGRATION_VIEW)
        types = [integrations.credential_type(n) for n in integrations.CREDENTIAL_TYPES]
        return JSONResponse(types)  # the SDK reads a bare list[CredentialType]

    async def create_credential(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_ADD)
        body = json_object(await json_body(request), "The request body")
        return JSONResponse(integrations.save_credential(self.store, who.org_id, body))

    async def get_credential(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_VIEW)
        return JSONResponse(
            integrations.redacted_credential(self.store, who.org_id, request.path_params["cred_id"])
        )

    async def put_credential(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_EDIT)
        body = json_object(await json_body(request), "The request body")
        cred_id = request.path_params["cred_id"]
        return JSONResponse(integrations.save_credential(self.store, who.org_id, body, cred_id))

    async def delete_credential(self, request: Request) -> Response:
        who = self.caller(request, auth.INTEGRATION_DELETE)
        if not self.store.delete_credential(who.org_id, request.path_params["cred_id"]):
            raise ApiError(
                404, "not.found", f"Credential {request.path_params['cred_id']} not found"
            )
        return Response(status_code=204)

    def routes(self) -> list[Route]:
        a = "/api/v2/integrations/actions"
        one = a + "/{action_id}"
        i = "/api/v2/integrations"
        table: list[tuple[str, str, Handler]] = [
            ("POST", "/oauth/token", self.token),
            ("GET", "/samples/{path:path}", self.sample),
            ("GET", a, self.list_actions),
            ("POST", a, self.create_action),
            ("GET", a + "/drafts", self.list_drafts),
            ("POST", a + "/drafts", self.create_draft),
            ("GET", a + "/categories", self.categories),
            ("GET", a + "/certificates", self.certificates),
            ("GET", a + "/certificates/truststore", self.truststore),
            ("GET", a + "/functions/runtimes", self.runtimes),
            ("GET", one, self.get_action),
            ("PATCH", one, self.patch_action),
            ("DELETE", one, self.delete_action),
            ("GET", one + "/draft", self.get_draft),
            ("PATCH", one + "/draft", self.patch_draft),
            ("DELETE", one + "/draft", self.delete_draft),
            ("POST", one + "/draft", self.draft_from_action),
            ("POST", one + "/draft/publish", self.publish),
            ("GET", one + "/draft/validation", self.validation),
            ("GET", one + "/draft/function", self.function),
            ("PUT", one + "/draft/function", self.function),
            ("POST", one + "/draft/function/upload", self.function),
            ("GET", one + "/function", self.function),
            ("POST", one + "/test", self.test),
            ("POST", one + "/draft/test", self.draft_test),
            ("POST", one + "/execute", self.execute),
            ("GET", one + "/templates/{file_name}", self.template),
            ("GET", one + "/draft/templates/{file_name}", self.draft_template),
            ("GET", one + "/schemas/{file_name}", self.schema),
            ("GET", one + "/draft/schemas/{file_name}", self.draft_schema),
            ("GET", i, self.list_integrations),
            ("POST", i, self.create_integration),
            ("GET", i + "/types", self.types),
            ("GET", i + "/types/{type_id}", self.get_type),
            ("GET", i + "/types/{type_id}/configschemas/{config_type}", self.config_schema),
            ("GET", i + "/credentials", self.list_credentials),
            ("POST", i + "/credentials", self.create_credential),
            ("GET", i + "/credentials/listing", self.credentials_listing),
            ("GET", i + "/credentials/types", self.credential_types),
            ("GET", i + "/credentials/{cred_id}", self.get_credential),
            ("PUT", i + "/credentials/{cred_id}", self.put_credential),
            ("DELETE", i + "/credentials/{cred_id}", self.delete_credential),
            ("GET", i + "/{integration_id}", self.get_integration),
            ("PATCH", i + "/{integration_id}", self.patch_integration),
            ("DELETE", i + "/{integration_id}", self.delete_integration),
            ("GET", i + "/{integration_id}/config/current", self.get_config),
            ("PUT", i + "/{integration_id}/config/current", self.put_config),
        ]
        return [Route(path, handler, methods=[method]) for method, path, handler in table]


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not.found", 405: "method.not.allowed"}
    message = "Resource not found" if exc.status_code == 404 else str(exc.detail)
    return JSONResponse(
        error_body(exc.status_code, codes.get(exc.status_code, "bad.request"), message),
        status_code=exc.status_code,
        headers=exc.headers,
    )


def create_app(
    db_path: str | Path,
    *,
    clients: Iterable[ClientSpec | tuple[str, str]] = (),
    rate_limit: int | None = None,
    rate_window: float = 60.0,
    token_ttl: float = 86400.0,
    samples_dir: str | Path | None = None,
) -> Starlette:
    """The sandbox app over the SQLite file `db_path`, with `clients` registered.

    `rate_limit` is requests per client per `rate_window` seconds (None: unlimited);
    `token_ttl` is the lifetime in seconds of issued tokens.
    """
    store = Store(db_path)
    register_all(store, clients)
    sandbox = Sandbox(
        store,
        token_ttl=token_ttl,
        rate_limit=rate_limit,
        rate_window=rate_window,
        samples_dir=Path(samples_dir) if samples_dir else SAMPLES_DIR,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if sandbox.http is not None:
            await sandbox.http.aclose()
            sandbox.http = None

    app = Starlette(
        routes=sandbox.routes(),
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
        middleware=[Middleware(CatchAll)],
        lifespan=lifespan,
    )
    app.state.sandbox = sandbox
    app.state.store = store
    return app


def with_basic_auth(action: Action, fields: dict[str, str]) -> Action:
    """A Basic Auth integration sends `Authorization: Basic ...` with every request (help page:
    Credential types for the web services data actions integration), unless the action sets
    that header itself."""
    import base64

    if action.config is None or any(k.lower() == "authorization" for k in action.request.headers):
        return action
    pair = f"{fields.get('userName', '')}:{fields.get('password', '')}".encode()
    changed = action.model_copy(deep=True)
    assert changed.config is not None
    changed.config.request.headers = {
        **changed.config.request.headers,
        "Authorization": "Basic " + base64.b64encode(pair).decode("ascii"),
    }
    return changed
