"""A logged-in connection to Genesys Cloud (or the sandbox) through the official SDK.

Every method returns the server's raw JSON (dicts), read from the transport, because the SDK's
models cannot hold every schema keyword. Tokens are cached per process until shortly before
they expire; a 401 on a cached token logs in once more.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from tui.genesys.errors import (
    EXIT_AUTH,
    EXIT_USAGE,
    GenesysError,
    from_api_exception,
    from_transport_error,
)
from tui.genesys.regions import display_host
from tui.genesys.target import Target
from tui.model.problems import Problem

PAGE_SIZE = 100
ACTIONS = "/api/v2/integrations/actions"
_TOKENS: dict[tuple[str, str, str], tuple[str, float]] = {}
_TOKENS_LOCK = threading.Lock()
EXPIRY_MARGIN = 60.0
DEFAULT_TIMEOUT = 30.0


def http_timeout() -> float:
    """Seconds one request to Genesys may take in all: $DATAACTION_HTTP_TIMEOUT, else 30."""
    import os

    try:
        value = float(os.environ.get("DATAACTION_HTTP_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value <= 3600 else DEFAULT_TIMEOUT


def _expiry(value: Any) -> float:
    """Seconds a token lives: `expires_in` when it is a sane number, else a day."""
    try:
        seconds = float(value)
    except (TypeError, ValueError, OverflowError):
        return 86400.0
    return seconds if 0 < seconds <= 10 * 86400 else 86400.0


def _entities(data: Any, operation: str, host: str) -> list[dict[str, Any]]:
    """The `entities` of a listing page, each a JSON object with an id (and a name when the
    listing has names); anything else is an answer this tool cannot use."""
    entities = data.get("entities") if isinstance(data, dict) else None
    if entities is None:
        return []
    if not isinstance(entities, list) or not all(
        isinstance(e, dict) and isinstance(e.get("id", ""), str) for e in entities
    ):
        raise GenesysError.single(
            f"{host} answered '{operation}' with something other than a list of entities",
            hint="check GENESYS_ENVIRONMENT points at a Genesys Cloud API",
        )
    return entities


def _sdk() -> Any:
    from tui.genesys.sdk import load  # the SDK with its models imported on first use

    return load()


def warm_sdk() -> None:
    """Import what a session uses (client, Integrations API, transport) ahead of the first
    session, e.g. from a wizard thread while the user is on earlier steps."""
    sdk = _sdk()
    sdk.ApiClient, sdk.IntegrationsApi  # noqa: B018  (lazy attributes: this imports them)
    import tui.genesys.deploy
    import tui.genesys.transport  # noqa: F401


def _token_key(target: Target) -> tuple[str, str, str]:
    secret = target.access_token or target.client_secret
    digest = hashlib.sha256(secret.get_secret_value().encode()).hexdigest()
    return (target.base_url, target.client_id, digest)


def clear_token_cache() -> None:
    with _TOKENS_LOCK:
        _TOKENS.clear()


# Held strongly until closed: a session dropped unclosed would leave its sockets to the garbage
# collector (which warns), so it stays here until `close()` or `close_all()`.
_OPEN: set[Session] = set()


def open_sessions() -> frozenset[Session]:
    return frozenset(_OPEN)


def close_all(keep: frozenset[Session] = frozenset()) -> None:
    """Close every session still open except `keep`: a command's and the wizard's last word
    (see `commands._genesys.guarded`), so no connection is left for the garbage collector."""
    for session in list(_OPEN - keep):
        session.close()


class Session:
    """SDK `ApiClient` + `IntegrationsApi` bound to one target."""

    def __init__(
        self,
        target: Target,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float | None = None,
        retry: Any = None,
    ) -> None:
        sdk = _sdk()
        from tui.genesys.transport import HttpxClient, tls_for

        self.target = target
        self.host = display_host(target.base_url)
        wait = timeout if timeout is not None else http_timeout()
        self.http = HttpxClient(
            timeout=wait, transport=transport, retry=retry, verify=tls_for(target.base_url)
        )
        self.client = sdk.ApiClient(host=target.base_url)
        self.client.set_http_client(self.http)
        self.api = sdk.IntegrationsApi(self.client)
        self._api_exception = sdk.rest.ApiException
        _OPEN.add(self)
        self._login_lock = threading.Lock()
        self.logins = 0

    @property
    def stats(self) -> Any:
        return self.http.stats

    def close(self) -> None:
        self.http.close()
        _OPEN.discard(self)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- auth ---------------------------------------------------------------------------
    def login(self, *, force: bool = False) -> None:
        """Get a client-credentials token (reused from the process cache until expiry)."""
        if self.target.access_token is not None:
            self._use_access_token(force)
            return
        self._sandbox_ready()
        key = _token_key(self.target)
        with self._login_lock:
            cached = _TOKENS.get(key)
            if cached and not force and cached[1] - EXPIRY_MARGIN > time.time():
                self.client.access_token = cached[0]
                return
            secret = self.target.client_secret.get_secret_value()
            if not (self.target.client_id.isascii() and secret.isascii()):
                raise GenesysError(
                    [
                        Problem(
                            "the client id or secret holds non-ASCII characters; Genesys OAuth "
                            "client ids and secrets are plain ASCII",
                            field="GENESYS_CLIENT_SECRET",
                            hint="copy them again from Admin > Integrations > OAuth",
                        )
                    ],
                    EXIT_USAGE,
                    operation="login",
                )
            self.http.forget_last()
            try:
                self.client.get_client_credentials_token(self.target.client_id, secret)
                data = self.http.last_json()
                token = data.get("access_token") if isinstance(data, dict) else None
                if not isinstance(token, str) or not token:
                    raise ValueError("no access_token")
            except self._api_exception as exc:
                raise from_api_exception(exc, "login", host=self.host) from None
            except httpx.TransportError as exc:
                raise from_transport_error(exc, "login", self.host) from None
            except (
                ValueError,
                KeyError,
                TypeError,
                IndexError,
                AttributeError,
                RecursionError,
                OverflowError,
            ) as exc:
                # The SDK reads the token answer without checking its shape: any of these means
                # the host is not a Genesys login (a proxy page, an empty or odd answer).
                reason = "too deeply nested" if isinstance(exc, RecursionError) else str(exc)
                raise GenesysError.single(
                    f"{self.host} answered the login with something other than a token "
                    f"({type(exc).__name__}: {reason[:200]})",
                    hint="check GENESYS_ENVIRONMENT points at a Genesys Cloud API",
                ) from None
            self.client.access_token = token
            self.logins += 1
            expires_in = _expiry(data.get("expires_in"))
            with _TOKENS_LOCK:
                _TOKENS[key] = (self.client.access_token, time.time() + expires_in)

    def _sandbox_ready(self) -> None:
        """A sandbox process the command has just started may still be starting: the first
        login waits for it, and says why it could not start."""
        ready = getattr(self.target.sandbox, "ready", None)
        if ready is None:
            return
        try:
            ready()
        except RuntimeError as exc:
            from tui.genesys.target import sandbox_failed

            raise sandbox_failed(exc) from None

    def _use_access_token(self, refused: bool) -> None:
        """A token given instead of a client (GENESYSCLOUD_ACCESS_TOKEN): used as it is; one
        the org refused cannot be renewed here."""
        if refused:
            raise GenesysError(
                [
                    Problem(
                        f"{self.host} refused the access token (expired or revoked?)",
                        field="GENESYSCLOUD_ACCESS_TOKEN",
                        hint="get a new token (gc CLI or your OAuth flow), or set a client id and "
                        "secret instead",
                    )
                ],
                EXIT_AUTH,
                status=401,
                operation="login",
            )
        assert self.target.access_token is not None
        self.client.access_token = self.target.access_token.get_secret_value()

    def call(
        self,
        operation: str,
        fn: Callable[..., Any],
        *args: Any,
        name: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """Run one SDK call; the raw JSON answer, or a GenesysError explaining the failure."""
        if not self.client.access_token:
            self.login()
        for attempt in (1, 2):
            self.http.forget_last()
            try:
                fn(*args, **kwargs)
                return self.http.last_json()
            except self._api_exception as exc:
                if exc.status == 401 and attempt == 1:
                    self.login(force=True)
                    continue
                raise from_api_exception(exc, operation, name=name, host=self.host) from None
            except httpx.TransportError as exc:
                raise from_transport_error(exc, operation, self.host) from None
            except (AttributeError, TypeError, ValueError, KeyError) as exc:
                # The SDK's models could not hold a 2xx answer (an action whose schema has a
                # list where a map belongs, say). We read the raw JSON anyway: use it.
                last = self.http.last
                if last is None or not 200 <= last.status < 300:
                    raise
                try:
                    return self.http.last_json()
                except ValueError:
                    raise GenesysError.single(
                        f"{self.host} answered {operation} with something that is not JSON "
                        f"({type(exc).__name__})",
                        hint="check GENESYS_ENVIRONMENT points at a Genesys Cloud API",
                    ) from None
        raise AssertionError("unreachable")

    def _get(self, path: str, params: dict[str, Any]) -> None:
        # The SDK's list methods have no `expand`; call_api is the SDK's own generic call. No
        # response_type: the raw JSON is what callers use, and building SDK models of every
        # listed action only to discard them cost ~1 ms per action.
        self.client.call_api(
            path,
            "GET",
            {},
            params,
            {"Accept": "application/json", "Content-Type": "application/json"},
            response_type=None,
            auth_settings=["PureCloud OAuth"],
        )

    # -- actions ------------------------------------------------------------------------
    def list_actions(self, *, drafts: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
        """All actions (or drafts), with config and contract, PAGE_SIZE per request."""
        path = ACTIONS + ("/drafts" if drafts else "")
        operation = "list drafts" if drafts else "list actions"
        page = 1
        while True:
            params = {
                "pageSize": PAGE_SIZE,
                "pageNumber": page,
                "includeConfig": "true",
                "expand": "contract",
                **{k: v for k, v in filters.items() if v is not None},
            }
            data = self.call(operation, self._get, path, params) or {}
            entities = _entities(data, operation, self.host)
            yield from entities
            count = data.get("pageCount") or 1
            if page >= count or not data.get("entities"):
                return
            page += 1

    def get_action(self, action_id: str, *, name: str | None = None) -> dict[str, Any]:
        return self.call(
            "get action",
            self.api.get_integrations_action,
            action_id,
            expand="contract",
            include_config=True,
            name=name,
        )

    def get_draft(self, action_id: str, *, name: str | None = None) -> dict[str, Any]:
        return self.call(
            "get draft",
            self.api.get_integrations_action_draft,
            action_id,
            expand="contract",
            include_config=True,
            name=name,
        )

    def create_draft(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.call(
            "create draft", self.api.post_integrations_actions_drafts, body, name=body.get("name")
        )

    def draft_from_action(self, action_id: str, *, name: str | None = None) -> dict[str, Any]:
        return self.call(
            "create draft from action",
            self.api.post_integrations_action_draft,
            action_id,
            name=name,
        )

    def update_draft(self, action_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.call(
            "update draft",
            self.api.patch_integrations_action_draft,
            action_id,
            body,
            name=body.get("name"),
        )

    def validate_draft(self, action_id: str, *, name: str | None = None) -> dict[str, Any]:
        return self.call(
            "validate draft",
            self.api.get_integrations_action_draft_validation,
            action_id,
            name=name,
        )

    def publish_draft(
        self, action_id: str, version: int, *, name: str | None = None
    ) -> dict[str, Any]:
        return self.call(
            "publish draft",
            self.api.post_integrations_action_draft_publish,
            action_id,
            {"version": version},
            name=name,
        )

    def delete_draft(self, action_id: str, *, name: str | None = None) -> None:
        self.call("delete draft", self.api.delete_integrations_action_draft, action_id, name=name)

    def delete_action(self, action_id: str, *, name: str | None = None) -> None:
        self.call("delete action", self.api.delete_integrations_action, action_id, name=name)

    def test_action(
        self,
        action_id: str,
        inputs: dict[str, Any],
        *,
        flatten: bool = False,
        name: str | None = None,
    ) -> dict[str, Any]:
        return self.call(
            "test action",
            self.api.post_integrations_action_test,
            action_id,
            inputs,
            flatten=flatten,
            name=name,
        )

    def test_draft(
        self,
        action_id: str,
        inputs: dict[str, Any],
        *,
        flatten: bool = False,
        name: str | None = None,
    ) -> dict[str, Any]:
        return self.call(
            "test draft",
            self.api.post_integrations_action_draft_test,
            action_id,
            inputs,
            flatten=flatten,
            name=name,
        )

    def categories(self) -> list[str]:
        names: list[str] = []
        page = 1
        while True:
            data = (
                self.call(
                    "list categories",
                    self.api.get_integrations_actions_categories,
                    page_size=PAGE_SIZE,
                    page_number=page,
                )
                or {}
            )
            names += [c.get("name", "") for c in _entities(data, "list categories", self.host)]
            if page >= (data.get("pageCount") or 1) or not data.get("entities"):
                return names
            page += 1

    # -- integrations -------------------------------------------------------------------
    def integrations(self, type_id: str | None = None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        page = 1
        while True:
            data = (
                self.call(
                    "list integrations",
                    self.api.get_integrations,
                    page_size=PAGE_SIZE,
                    page_number=page,
                    integration_type=type_id,
                )
                or {}
            )
            out += _entities(data, "list integrations", self.host)
            if page >= (data.get("pageCount") or 1) or not data.get("entities"):
                return out
            page += 1

    def create_integration(self, type_id: str, name: str) -> dict[str, Any]:
        created = self.call(
            "create integration",
            self.api.post_integrations,
            body={"integrationType": {"id": type_id}, "name": name},
        )
        enabled = self.call(
            "enable integration",
            self.api.patch_integration,
            created["id"],
            body={"intendedState": "ENABLED"},
        )
        return enabled or created

    # -- credentials --------------------------------------------------------------------
    def credentials(self) -> list[dict[str, Any]]:
        """Every integration credential of the org (names and ids; secrets never come back)."""
        out: list[dict[str, Any]] = []
        after = None
        while True:
            kwargs: dict[str, Any] = {"page_size": 200} | ({"after": after} if after else {})
            data = (
                self.call(
                    "list credentials", self.api.get_integrations_credentials_listing, **kwargs
                )
                or {}
            )
            out += _entities(data, "list credentials", self.host)
            after = data.get("after") if data.get("nextUri") else None
            if not after or not data.get("entities"):
                return out

    def create_credential(
        self, name: str, type_name: str, fields: dict[str, str]
    ) -> dict[str, Any]:
        body = {"name": name, "type": {"name": type_name}, "credentialFields": fields}
        return self.call(
            "create credential", self.api.post_integrations_credentials, body=body, name=name
        )

    def integration_config(self, integration_id: str) -> dict[str, Any]:
        return self.call(
            "read integration config", self.api.get_integration_config_current, integration_id
        )

    def put_integration_config(self, integration_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.call(
            "set integration credential",
            self.api.put_integration_config_current,
            integration_id,
            body=body,
        )
