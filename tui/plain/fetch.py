"""Plain mode's fetch: the shared fetcher, strict about what can serve as a sample.

Plain mode does not follow redirects (Genesys would not either) and treats error answers and
empty bodies as problems, offering to fetch again or go on without a sample.
"""

from __future__ import annotations

from typing import Any

from tui.model.action import Action
from tui.runtime.fetch import MAX_BODY_BYTES, FetchResult, fetch_sample


def fetch(
    action: Action,
    inputs: dict[str, Any],
    timeout: float | None = None,
    limit: int = MAX_BODY_BYTES,
) -> FetchResult:
    """Render the request with the sample inputs, send it, and judge the answer."""
    return fetch_sample(
        action,
        inputs,
        timeout=timeout,
        max_bytes=limit,
        follow_redirects=False,
        require_success=True,
    )
