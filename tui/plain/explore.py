"""How plain mode lists a response's paths for picking outputs (the paths come from the model)."""

from __future__ import annotations

import json
from typing import Any

from tui.model.jsontree import PathEntry

PREVIEW_CHARS = 60


def preview(value: Any, limit: int = PREVIEW_CHARS) -> str:
    """A one-line glimpse of a value: sizes for containers, JSON text for scalars."""
    if isinstance(value, dict):
        return f"{{object, {len(value)} keys}}"
    if isinstance(value, list):
        return f"[array, {len(value)} items]"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label(entry: PathEntry) -> str:
    """The choice text for a path: `$.a.b  = value`."""
    return f"{entry.path()}  = {preview(entry.value)}"
