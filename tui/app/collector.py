"""The garbage collector waits while the wizard starts, and runs again after the first frame.

Start-up allocates a few hundred thousand objects (Textual's modules, the widgets, their
styles) and almost none of them are garbage, yet CPython's collector walks them again and again
as they pile up: 15-20 ms of a ~150 ms start on 2 cores. Textual pauses the collector the same
way while scrolling (`App.PAUSE_GC_ON_SCROLL`). Only the console script holds it (`run_app`);
the first collection after the release finds what start-up left, so nothing is kept longer.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Pause automatic collection (a no-op when it is already off)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Resume automatic collection, if `hold` paused it."""
    global _held
    if _held:
        _held = False
        gc.enable()
