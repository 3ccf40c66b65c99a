"""`--input KEY=VALUE` pairs, typed by the action's input contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def parse_inputs(
    pairs: Sequence[str], schema: dict[str, Any], defaults: dict[str, Any]
) -> dict[str, Any]:
    """`k=v` pairs typed by the input contract (integer, number, boolean), over the defaults."""
    from tui.model.problems import DataActionError

    props = schema.get("properties") or {}
    values = dict(defaults)
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise DataActionError.single(
                f"--input {pair!r} is not key=value",
                field="--input",
                hint="e.g. --input city=Paris",
            )
        typ = (props.get(key) or {}).get("type", "string")
        try:
            if typ == "integer":
                values[key] = int(raw)
            elif typ == "number":
                values[key] = float(raw) if any(c in raw for c in ".eE") else int(raw)
            elif typ == "boolean":
                if raw.lower() not in ("true", "false"):
                    raise ValueError
                values[key] = raw.lower() == "true"
            else:
                values[key] = raw
        except ValueError:
            raise DataActionError.single(
                f"input '{key}' must be {typ}, got {raw!r}", field=f"--input {key}"
            ) from None
    return values
