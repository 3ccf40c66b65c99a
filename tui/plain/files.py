"""Where the flow writes: the spec, its sample response, and a draft when interrupted."""

from __future__ import annotations

import re
from pathlib import Path

from tui.model.formats import spec_to_yaml
from tui.model.spec import Spec


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "action"


def sample_path_for(spec_path: Path) -> Path:
    """`users.yaml` -> `users.sample.json` (`users.draft.yaml` -> `users.draft.sample.json`)."""
    return spec_path.with_name(spec_path.name.removesuffix(spec_path.suffix) + ".sample.json")


def write_spec(spec: Spec, path: Path, sample: bytes | None) -> Spec:
    """Write the spec YAML (and the sample response beside it, referenced by the spec)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if sample is not None:
        sample_file = sample_path_for(path)
        sample_file.write_bytes(sample)
        spec = spec.model_copy(update={"sample_response": sample_file.name})
    path.write_text(spec_to_yaml(spec), encoding="utf-8")
    return spec
