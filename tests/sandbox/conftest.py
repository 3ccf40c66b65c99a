"""Fixtures: the official SDK (imported once), sandboxes on temp DBs and a stub REST API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.local_api import LocalAPI, Route, Seen, json_route, serving
from tests.sandbox.sandbox_helpers import USERS
from tui.sandbox import ClientSpec, SandboxServer

CLIENTS = [
    ClientSpec("client-a", "secret-a"),
    ClientSpec("client-b", "secret-b"),
    ClientSpec(
        "viewer-a", "secret-v", permissions=("integrations:action:view",), org_of="client-a"
    ),
]


def stub_routes(api: LocalAPI) -> None:
    """GET /users/<id> answers the user record; anything else is a 404 JSON error."""

    def user(seen: Seen) -> Route:
        found = USERS.get(seen.path.removeprefix("/users/"))
        return (
            json_route(found) if found else json_route({"error": f"no such path {seen.path}"}, 404)
        )

    api.computed("/", user, prefix=True)


@pytest.fixture(scope="session")
def sdk() -> ModuleType:
    """The official SDK; its import takes seconds, so once per session."""
    import PureCloudPlatformClientV2

    return PureCloudPlatformClientV2


@pytest.fixture(scope="session")
def pipeline() -> ModuleType:
    """The runtime pipeline the sandbox runs test/execute with."""
    return pytest.importorskip("tui.runtime.pipeline", exc_type=ImportError)


@pytest.fixture(scope="session")
def stub_api() -> Iterator[str]:
    with serving(stub_routes) as api:
        yield api.url


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    db = tmp_path_factory.mktemp("sandbox") / "sandbox.db"
    with SandboxServer(db, clients=CLIENTS) as server:
        yield server


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    return tmp_path / "sandbox.db"
