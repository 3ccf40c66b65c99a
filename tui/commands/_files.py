"""Loading action files and their sample responses for validate and test."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.model.formats import Loaded
    from tui.runtime.pipeline import CannedResponse


TERRAFORM_SUFFIXES = (".tf", ".tf.json")


def terraform_in(files: list[str]) -> bool:
    """Whether reading `files` means reading Terraform (python-hcl2 and its parser, ~65 ms to
    load): a `.tf` / `.tf.json` file, `FILE.tf#RESOURCE`, or a folder holding one. Such a
    command runs in a copy of the warm process (tui.warm), which has them loaded."""
    import os

    for file in files:
        name = file.split("#", 1)[0]
        if name.endswith(TERRAFORM_SUFFIXES):
            return True
        if os.path.isdir(name):
            try:
                if any(entry.endswith(TERRAFORM_SUFFIXES) for entry in os.listdir(name)):
                    return True
            except OSError:
                continue
    return False


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
        return CannedResponse(read_response(name))
    except DataActionError as exc:
        raise DataActionError.single(
            f"sample response: {exc.problems[0].message}",
            file=loaded.file,
            field="sample_response",
            hint=exc.problems[0].hint or "fix the path (relative to the spec)",
        ) from None


def read_response(name: str) -> bytes:
    """A saved response body: a regular file no larger than Genesys accepts (+ the limit's
    variable to raise it)."""
    from tui.model.limits import FILE_BYTES_VAR, limit, read_limited
    from tui.runtime.pipeline import MAX_RESPONSE_BYTES

    return read_limited(
        name, max_bytes=limit(FILE_BYTES_VAR, MAX_RESPONSE_BYTES), what="response file"
    )
