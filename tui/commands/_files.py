"""Loading action files and their sample responses for validate and test."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.model.formats import Loaded
    from tui.runtime.pipeline import CannedResponse


def load(file: str) -> Loaded:
    from tui.model.formats import load

    return load(file)


def load_all(file: str) -> list[Loaded]:
    """Every action of a file (a Terraform file may hold several) or of a folder."""
    from tui.model.formats import load_all

    return load_all(file)


def sample_for(loaded: Loaded, explicit: str | None) -> CannedResponse | None:
    """The sample response to check against: `explicit`, else the spec's sample_response."""
    from tui.model.problems import DataActionError
    from tui.runtime.pipeline import CannedResponse

    name = explicit
    if name is None and loaded.spec is not None and loaded.spec.sample_response:
        ref = loaded.spec.sample_response
        if ref.startswith(("http://", "https://")):
            return None
        name = str(Path(loaded.file).parent / ref)
    if name is None:
        return None
    try:
        return CannedResponse(Path(name).read_bytes())
    except OSError as exc:
        raise DataActionError.single(
            f"cannot read sample response {name}: {exc.strerror}",
            file=loaded.file,
            field="sample_response",
            hint="fix the path (relative to the spec)",
        ) from None
