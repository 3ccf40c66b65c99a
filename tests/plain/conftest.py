"""A tiny real JSON API on loopback for the plain-mode tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.local_api import serving
from tests.plain.plain_helpers import plain_routes


@pytest.fixture(scope="session")
def api() -> Iterator[str]:
    with serving(plain_routes) as served:
        yield served.url
