"""A shown response stays out of the collector's full passes, yet nothing it replaces leaks.

Full passes of Python's cyclic collector walk every tracked container; with a big response on
screen they held the UI in the middle of a search. The wizard freezes what survives once a
response is shown (tui/app/collector.py), collects what an earlier response left behind, and hands
everything back when it ends.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from textual.widgets import Tree

from tests.app.app_helpers import fetch, search, settle
from tui.app.steps.explore import ExploreStep
from tui.app.wizard import WizardApp
from tui.model.spec import RequestSpec, Spec

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def _tracked_ids() -> set[int]:
    return {id(o) for o in gc.get_objects()}


async def test_a_shown_response_leaves_the_full_passes_and_the_old_one_is_collected(
    api: str,
) -> None:
    app = WizardApp(Spec(name="Numbers", request=RequestSpec(url=api + "/big-array")))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        tree = app.query_one("#tree", Tree)
        document = tree.document  # type: ignore[attr-defined]
        assert len(document["items"]) == 10_000
        assert gc.get_freeze_count() > 0
        assert id(document["items"]) not in _tracked_ids()  # no pass walks it any more

        tree.root.children[0].expand()
        await pilot.pause()
        old_node = weakref.ref(tree.root.children[0].children[0])
        await fetch(pilot)  # the same response again: a new document and tree
        assert tree.document is not document  # type: ignore[attr-defined]
        # The replaced tree was collected, or (a message being handled may still hold a node
        # for a moment) at least holds none of the old document.
        assert old_node() is None or old_node().data is None  # type: ignore[union-attr]

        await search(pilot, "9999")  # the search still walks the frozen document
        explore = app.query_one(ExploreStep)
        assert explore.matches == [("items", 9999)]
    assert gc.get_freeze_count() == 0  # the wizard handed everything back when it ended


async def test_the_search_worker_is_not_described_by_the_document(api: str) -> None:
    """Textual describes a worker by the repr of its arguments unless told otherwise: the
    repr of a 5 MB document cost the UI ~50 ms per search."""
    app = WizardApp(Spec(name="Numbers", request=RequestSpec(url=api + "/big-array")))
    async with app.run_test(size=SIZE) as pilot:
        await fetch(pilot)
        explore = app.query_one(ExploreStep)
        worker = explore.search_worker(app.query_one("#tree", Tree).document, "12")  # type: ignore[attr-defined]
        await settle(pilot)
        assert worker.description == "search the response"
        assert len(explore.matches) == sum("12" in str(n) for n in range(10_000))


async def test_what_the_warm_up_loaded_leaves_the_full_passes() -> None:
    app = WizardApp()
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):  # the warm-up starts after the first paint
            await pilot.pause(0.02)
            if any(w.group == "warm-up" for w in app.workers):
                break
        await settle(pilot)
        from tui.genesys import session

        assert gc.get_freeze_count() > 0
        assert id(session.warm_sdk) not in _tracked_ids()  # loaded by the warm-up, frozen
    assert gc.get_freeze_count() == 0
