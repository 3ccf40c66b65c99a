"""The wizard's fetch: the spec's request with its sample inputs, through the shared fetcher.

Pure functions (no Textual) so they run in a thread worker and in tests. The wizard follows
redirects (and says so) and keeps error and empty bodies explorable, with a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.model.compile import compile_spec
from tui.model.spec import Spec
from tui.runtime.fetch import MAX_BODY_BYTES, FetchResult, fetch_sample, render_request
from tui.runtime.pipeline import PreparedRequest

if TYPE_CHECKING:
    import httpx

# A fetch waits the action's timeoutSeconds when set, else this (Genesys itself waits 60 s when
# unset: a shorter wait keeps a wrong URL from freezing the step; Escape cancels either way).
DEFAULT_TIMEOUT = 15.0


def sample_inputs(spec: Spec) -> dict[str, Any]:
    """Every input with its sample value ("" when none is set yet)."""
    return {i.name: i.sample if i.sample is not None else "" for i in spec.inputs}


def prepared_request(spec: Spec, secrets: dict[str, str]) -> PreparedRequest:
    """Method, URL, headers and body as Genesys renders them with the sample inputs."""
    return render_request(compile_spec(spec), sample_inputs(spec), secrets)


def fetch(
    spec: Spec,
    secrets: dict[str, str] | None = None,
    *,
    timeout: float | None = None,
    max_bytes: int = MAX_BODY_BYTES,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Send the spec's request with its sample inputs; never raises for network or data problems."""
    return fetch_sample(
        compile_spec(spec),
        sample_inputs(spec),
        secrets,
        timeout=timeout if timeout is not None else float(spec.timeout or DEFAULT_TIMEOUT),
        max_bytes=max_bytes,
        client=client,
    )
