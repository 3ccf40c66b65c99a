"""How long a background process (the shared sandbox, the warm process) waits unused:
`$DATAACTION_SANDBOX_IDLE` seconds, default 600; 0 means none is started (standard library
only: the console script asks before anything loads)."""

from __future__ import annotations

import os

DEFAULT_IDLE_SECONDS = 600.0


def idle_seconds() -> float:
    """`$DATAACTION_SANDBOX_IDLE` (0: no shared process); anything but a number of seconds
    is a clear error, not a silent default."""
    text = os.environ.get("DATAACTION_SANDBOX_IDLE", "").strip()
    if not text:
        return DEFAULT_IDLE_SECONDS
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        from tui.model.problems import DataActionError

        raise DataActionError.single(
            f"DATAACTION_SANDBOX_IDLE={text!r} is not a number of seconds",
            field="DATAACTION_SANDBOX_IDLE",
            hint="e.g. 600 (the default: ten minutes), or 0 to run the sandbox inside each command",
        )
    return value
