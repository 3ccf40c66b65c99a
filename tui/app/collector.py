"""When the wizard lets CPython's cyclic garbage collector run, and over what.

Start-up: allocates a few hundred thousand objects (Textual's modules, the widgets, their
styles) and almost none of them are garbage, yet CPython's collector walks them again and again
as they pile up: 15-20 ms of a ~150 ms start on 2 cores. Textual pauses the collector the same
way while scrolling (`App.PAUSE_GC_ON_SCROLL`). Only the console script holds it (`run_app`);
the release freezes what start-up made, and the first settle (below) collects its garbage.

Afterwards: a full pass walks every tracked container. With the SDK loaded by the warm-up
(~100,000 objects) and a shown 5 MB response (~50,000 more), each full pass held the UI for
50-250 ms at whatever moment allocations triggered one, typically mid-search or mid-scroll.
So the wizard settles the heap where a pause is expected anyway (a response has just been
shown, the warm-up is done): one full pass collects what is garbage, then `gc.freeze()` moves
the survivors to the permanent generation, which later passes skip. Each settle unfreezes
first, so what became garbage since the last one (the previous response's tree) is collected
by that pass; `thaw` hands everything back when the wizard ends.
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
    """Resume automatic collection, if `hold` paused it. What start-up made is frozen first:
    enabled as it was, the next collection would walk all of it at once, a pause of 20-70 ms
    on the UI thread just after the first frame; what start-up left as garbage is collected by
    the next `settle` (the warm-up's end)."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def settle() -> None:
    """Collect what is garbage now, then keep the survivors out of later full passes."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def thaw() -> None:
    """Hand what `settle` froze back to the collector (the wizard is ending)."""
    gc.unfreeze()
