"""The wizard App: Request → Explore and map → Review → Test → Deploy, saved as a draft on every change."""

from __future__ import annotations

import importlib
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header

from tui.app import collector
from tui.app.draft import DraftSummary, load_draft, load_edits, peek_draft, save_draft, save_edits
from tui.app.last_response import forget_response, load_response, save_response
from tui.app.stepbar import StepBar
from tui.app.steps.request import RequestStep

if TYPE_CHECKING:
    from textual.notifications import Notification
    from textual.widget import AwaitMount

    from tui.model.action import Action
    from tui.model.problems import Problem
    from tui.model.spec import Spec
    from tui.runtime.fetch import FetchResult
    from tui.runtime.results import TestExecutionResult

# Only the Request step (and no model, httpx or runtime) loads before the first screen; the
# other steps are imported and mounted when first shown, which keeps start-up near Textual's own.
STEPS = (
    ("request", "1 Request"),
    ("explore", "2 Explore & map"),
    ("review", "3 Review"),
    ("test", "4 Test"),
    ("deploy", "5 Deploy"),
)
STEP_CLASSES = {
    "explore": ("tui.app.steps.explore", "ExploreStep"),
    "review": ("tui.app.steps.review", "ReviewStep"),
    "test": ("tui.app.steps.testing", "TestStep"),
    "deploy": ("tui.app.steps.deploy", "DeployStep"),
}
STEP_FOCUS = {
    "request": "url",
    "explore": "tree",
    "review": "spec-yaml",
    "test": "run-test",
    "deploy": "integration",
}
DEFAULT_NAME = "My data action"


def request_pane() -> Vertical:
    return Vertical(RequestStep(id="request-step"), id="request", classes="step-pane")


def quick_target() -> str:
    """Where Deploy goes: the one answer (tui.genesys.settings), from variables and profile
    files; it starts nothing and imports no SDK."""
    from tui.genesys.settings import deploy_destination

    return deploy_destination().line()


class FetchDone(Message):
    def __init__(self, result: FetchResult, generation: int) -> None:
        super().__init__()
        self.result, self.generation = result, generation


class TestDone(Message):
    def __init__(self, result: TestExecutionResult) -> None:
        super().__init__()
        self.result = result


class SandboxReady(Message):
    def __init__(self, url: str, files: list[str]) -> None:
        super().__init__()
        self.url, self.files = url, files


class WizardApp(App[int]):
    CSS_PATH = "wizard.tcss"
    TITLE = "dataaction"
    AUTO_FOCUS = "#url"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help", priority=True),
        Binding(
            "f2", "step('request')", "Request", id="app.step.request", show=False, priority=True
        ),
        Binding(
            "f3", "step('explore')", "Explore", id="app.step.explore", show=False, priority=True
        ),
        Binding("f4", "step('review')", "Review", id="app.step.review", show=False, priority=True),
        Binding("f5", "step('test')", "Test", id="app.step.test", show=False, priority=True),
        Binding("f6", "step('deploy')", "Deploy", id="app.step.deploy", show=False, priority=True),
        # Tab moves the focus when it is pressed, not when the field typed into has caught up:
        # otherwise keys typed right after Tab reach the previous field (seen in a real terminal).
        Binding("tab", "focus_next", "Next field", id="app.focus_next", show=False, priority=True),
        Binding(
            "shift+tab",
            "focus_previous",
            "Previous field",
            id="app.focus_previous",
            show=False,
            priority=True,
        ),
        Binding("ctrl+b", "previous_step", "Back", id="app.previous", priority=True),
        Binding("ctrl+n", "next_step", "Next step", id="app.next", priority=True),
        Binding("ctrl+f", "fetch", "Fetch", id="app.fetch", priority=True),
        Binding("ctrl+t", "run_test", "Test", id="app.test", priority=True),
        Binding(
            "ctrl+s", "export('spec')", "Save spec", id="app.export", priority=True, show=False
        ),
        Binding("ctrl+o", "open_spec", "Open spec", id="app.open", priority=True, show=False),
        Binding("ctrl+l", "load_sample", "Load sample", id="app.sample", priority=True, show=False),
        Binding("escape", "cancel_fetch", "Cancel fetch", id="app.cancel_fetch", priority=True),
    ]
    # What still works while a dialog (help, a form, a choice) is open: nothing acts behind it.
    MODAL_ACTIONS = frozenset({"quit", "help", "command_palette"})

    def __init__(
        self,
        spec: Spec | None = None,
        *,
        offer_resume: Spec | DraftSummary | None = None,
        draft_file: Path | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self._spec = spec
        self.default_name = DEFAULT_NAME
        self.offer_resume = offer_resume
        self.draft_file = draft_file
        # Exports ask where; this folder is only the suggestion (the last one used after that).
        self.export_dir = export_dir or Path.cwd()
        self.fetched: FetchResult | None = None
        self.fetched_at = ""
        self.fetched_restored = False  # the last response came with the resumed draft
        self.fetch_generation = 0  # a cancelled fetch's late answer is dropped
        self.secrets: dict[str, str] = {}
        # Review edits that do not validate yet: kept (and saved beside the draft), not applied.
        self.part_edits: dict[str, str] = {}
        self.sandbox: Any = None
        self.sandbox_folder: tempfile.TemporaryDirectory[str] | None = None
        self.sandbox_lock = threading.Lock()
        self.fetch_note: Notification | None = None
        self.step_key = "request"
        self.first_painted = False
        self.request_mount: AwaitMount | None = None
        self.org_origin: Any = (
            None  # tui.app.org_actions.OrgOrigin of an action opened from the org
        )
        self.sub_title = f"deploy target: {quick_target()}"

    @property
    def spec(self) -> Spec:
        if self._spec is None:
            from tui.model.spec import Spec

            self._spec = Spec(name=DEFAULT_NAME)
        return self._spec

    @spec.setter
    def spec(self, value: Spec) -> None:
        self._spec = value

    @property
    def loaded_spec(self) -> Spec | None:
        """The spec if one exists yet (reading it never imports the model)."""
        return self._spec

    def compose(self) -> ComposeResult:
        yield Header(icon="⇄")
        yield StepBar(STEPS, self.step_key, id="step-bar")
        with Vertical(id="steps"):
            # With a resume offer, the offer alone is the first frame (over the header, step bar
            # and footer): the Request step mounts once it is painted (`ensure_request`).
            if self.offer_resume is None:
                yield request_pane()
        yield Footer()

    async def ensure_request(self) -> None:
        """Mount the Request step, if the resume offer left it for after its first paint."""
        if self.request_mount is None and not self.screen_stack[0].query(RequestStep):
            self.request_mount = self.screen_stack[0].query_one("#steps").mount(request_pane())
        if self.request_mount is not None:
            await self.request_mount

    async def ensure_step(self, key: str) -> Any:
        """The step's widget, imported and mounted (hidden unless current) when first needed."""
        step = self.step_if_mounted(key)
        if step is None:
            module, name = STEP_CLASSES[key]
            step = getattr(importlib.import_module(module), name)(id=f"{key}-step")
            pane = Vertical(step, id=key, classes="step-pane")
            pane.display = key == self.step_key
            await self.query_one("#steps").mount(pane)
        return step

    def step_if_mounted(self, key: str) -> Any:
        found = self.query(f"#{key}-step")
        return found.first() if found else None

    def on_load(self) -> None:
        # The resume offer is the first message queued, before the terminal driver starts and
        # so before any key typed ahead: those keys reach the offer. Pushed from `on_mount`
        # instead, it rendered inside Textual's start-up batch, whose frame is dropped: the
        # dialog was painted alone on a blank terminal and the screen beneath ~70 ms later.
        if self.offer_resume is not None:
            self.call_later(self.show_resume_offer)

    def on_mount(self) -> None:
        if self._spec is not None:
            self.rebase_sample_url(self._spec)
        if self.offer_resume is None:
            self.call_after_refresh(self.after_first_paint)

    async def show_resume_offer(self) -> None:
        from tui.app.dialogs import ChoiceScreen

        draft = self.offer_resume
        if draft is None:
            return
        url = draft.url if isinstance(draft, DraftSummary) else draft.request.url
        offer = ChoiceScreen(
            "Resume your last draft?",
            [
                ("resume", f"Resume '{draft.name}' ({url or 'no URL yet'})"),
                ("new", "Start a new action"),
                ("org", "Open an action from the org"),
            ],
            "Your work is saved as you go; nothing is lost by quitting.",
        )
        # Awaited: keys queued behind this message go to the offer's list, focused by then.
        await self.push_screen(offer, self.resume_chosen)
        # The warm-up thread competes for the interpreter: start it once the offer is painted.
        offer.call_after_refresh(self.after_first_paint)

    async def after_first_paint(self) -> None:
        """What waits for the first frame: the Request step under a resume offer, the garbage
        collector and the warm-up. Also run by a choice made before the offer painted."""
        if self.first_painted:
            return
        self.first_painted = True
        collector.release()  # held by `run_app` while the first frame was built
        await self.ensure_request()
        self.warm_up()

    @work(thread=True, group="warm-up", description="load the Genesys SDK")
    def warm_up(self) -> None:
        """Load the model, the real target when credentials are set, and the Genesys SDK's
        client classes, off the UI thread while the user is on the first steps (Deploy then
        opens without an import pause)."""
        import tui.app.steps.deploy
        import tui.model.spec  # noqa: F401  (first edit is then instant)
        from tui.genesys.session import warm_sdk

        warm_sdk()
        # What it loaded (~100,000 objects: classes, functions, schemas) stays for good; keep
        # it out of the collector's full passes, which otherwise recur during searches and
        # scrolls (see collector.py).
        self.call_from_thread(collector.settle)

    def show_target(self, text: str) -> None:
        self.sub_title = f"deploy target: {text}"
        deploy = self.step_if_mounted("deploy")
        if deploy is not None:
            deploy.show_target(text)

    async def resume_chosen(self, key: str | None) -> None:
        offer, self.offer_resume = self.offer_resume, None
        await self.after_first_paint()  # done already, unless chosen by keys typed ahead
        if key == "org":
            from tui.app.org_actions import OrgActionsScreen

            self.push_screen(OrgActionsScreen())
            return
        if key != "resume" or offer is None:
            return
        spec = load_draft(offer.path) if isinstance(offer, DraftSummary) else offer
        if spec is None:
            self.notify("The draft no longer reads as a spec; starting anew.", severity="error")
            return
        kept = None
        if isinstance(offer, DraftSummary):
            self.part_edits = load_edits(offer.path)
            kept = load_response(offer.path)
        self.replace_spec(spec, kept)

    # -- the spec ----------------------------------------------------------------------

    def change_spec(self, change: Callable[[Spec], Any]) -> bool:
        """Apply an edit and save the draft; an invalid edit is reported and undone. Parts the
        user hand-edited in Review follow the change where they can; where the change would
        replace an edit, the user is asked (tui.app.edit_clashes)."""
        from tui.app.edit_clashes import ask_about_clashes, keep_edits

        before = self.spec.model_copy(deep=True)
        try:
            change(self.spec)
            clashes = keep_edits(self, before)
        except ValueError as exc:  # a record's ValidationError is a ValueError
            self.spec = before
            self.notify(f"Not applied: {exc}", severity="error")
            return False
        self.save()
        if clashes:
            ask_about_clashes(self, clashes)
        return True

    def replace_spec(self, spec: Spec, kept: tuple[FetchResult, str] | None = None) -> None:
        """Work on `spec` from now on; `kept` is the response saved with it (a resumed draft),
        shown as the last good response until the next fetch."""
        self.spec = spec
        self.fetched, self.fetched_restored = None, False
        if kept is not None:
            (self.fetched, self.fetched_at), self.fetched_restored = kept, True
        self.save()
        self.reload_request()
        self.rebase_sample_url(spec)
        explore = self.step_if_mounted("explore")
        if explore is not None and kept is not None:
            explore.show_restored()
        elif explore is not None:
            explore.refresh_mappings()

    def request_step(self) -> RequestStep | None:
        """The Request step once mounted (under a resume offer it mounts after the first paint;
        it then shows the spec as it is by then)."""
        found = self.screen_stack[0].query(RequestStep)
        return found.first() if found and found.first().is_mounted else None

    def reload_request(self) -> None:
        step = self.request_step()
        if step is not None:
            step.reload()

    def save(self) -> None:
        try:
            save_draft(self.spec, self.draft_file)
            save_edits(self.part_edits, self.draft_file)
            if self.fetched is None:  # a response kept for an earlier draft does not match
                forget_response(self.draft_file)
        except OSError as exc:
            self.notify(f"Could not save the draft: {exc.strerror}", severity="warning")

    def save_edits(self) -> None:
        """Save the Review step's unapplied edits beside the draft."""
        try:
            save_edits(self.part_edits, self.draft_file)
        except OSError as exc:
            self.notify(f"Could not save your edit: {exc.strerror}", severity="warning")

    def problems(self, action: Action) -> list[Problem]:
        from tui.model.problems import DataActionError
        from tui.runtime.pipeline import CannedResponse
        from tui.runtime.validation import validate_action

        sample = None
        if self.fetched is not None and self.fetched.is_json and self.fetched.status is not None:
            sample = CannedResponse(self.fetched.body, self.fetched.status, self.fetched.headers)
        try:
            return validate_action(action, sample=sample)
        except DataActionError as exc:
            return list(exc.problems)

    # -- navigation --------------------------------------------------------------------

    @property
    def current_step(self) -> str:
        return self.step_key

    def flush_fields(self, warn_edits: bool = True) -> None:
        """Apply what the Request fields and the Review editors show now (their Changed
        messages may still be queued)."""
        step = self.request_step()
        if step is not None:
            step.flush()
        review = self.step_if_mounted("review")
        if review is not None:
            review.flush_edits(warn_edits)

    async def action_step(self, step: str) -> None:
        self.flush_fields(warn_edits=step != "review")
        widget = await self.ensure_step(step) if step != "request" else None
        self.set_focus(None)  # the focus stays out of hidden panes
        self.step_key = step
        for pane in self.query(".step-pane"):
            pane.display = pane.id == step
        self.query_one(StepBar).show(step)
        if step == "review" and widget is not None:
            widget.refresh_review()
        elif step == "explore" and widget is not None:
            widget.refresh_mappings()
        elif step == "test" and widget is not None:
            await widget.refresh_inputs()
        # Focus at once, so a key pressed right after the switch reaches the new step (a
        # still-hidden target is focused after the next refresh instead).
        self.focus_step(step)
        self.call_after_refresh(self.focus_step, step)

    async def on_step_bar_chosen(self, event: StepBar.Chosen) -> None:
        await self.action_step(event.key)

    def focus_step(self, step: str) -> None:
        if step != self.step_key or isinstance(self.screen, ModalScreen):
            return  # another step was chosen meanwhile, or a dialog has the keys
        target = self.query_one(f"#{STEP_FOCUS[step]}")
        if target.focusable and self.focused is not target:
            target.focus()

    async def action_next_step(self) -> None:
        keys = [k for k, _ in STEPS]
        here = keys.index(self.current_step)
        await self.action_step(keys[(here + 1) % len(keys)])

    async def action_previous_step(self) -> None:
        keys = [k for k, _ in STEPS]
        here = keys.index(self.current_step)
        if here > 0:
            await self.action_step(keys[here - 1])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from textual.screen import ModalScreen

        if isinstance(self.screen, ModalScreen) and action not in self.MODAL_ACTIONS:
            return False  # the dialog's own keys (Escape, Enter) go to the dialog
        if action == "cancel_fetch":
            return self.workers_running("fetch")
        return True

    def action_help(self) -> None:
        """F1 opens this step's help; F1 again (or Escape) closes it."""
        from tui.app.dialogs import HelpScreen
        from tui.app.guide import STEP_HELP

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(STEP_HELP[self.current_step]))

    def workers_running(self, group: str) -> bool:
        return any(w.group == group and w.is_running for w in self.workers)

    # -- fetch -------------------------------------------------------------------------

    async def action_fetch(self) -> None:
        self.flush_fields()
        if not self.spec.request.url:
            await self.action_step("request")
            self.notify("Type a URL first", severity="warning")
            return
        missing = [
            i.name
            for i in self.spec.inputs
            if i.required
            and (i.sample is None or i.sample == "")
            and i.name in self.spec.input_names_in_templates()
        ]
        if missing:
            await self.action_step("request")
            self.notify(
                f"Set a sample value for the required input(s) {', '.join(missing)} first "
                "(Inputs table: Enter edits), or mark them not required.",
                severity="warning",
                timeout=8,
            )
            self.call_after_refresh(self.focus_input, missing[0])
            return
        self.fetch_note = self.notify_until_done(
            f"Fetching {self.spec.request.url}… (Escape cancels)"
        )
        self.fetch_generation += 1
        self.fetch_worker(
            self.spec.model_copy(deep=True), dict(self.secrets), self.fetch_generation
        )

    def action_cancel_fetch(self) -> None:
        """Stop waiting for the running fetch; its answer, if it still comes, is dropped."""
        self.fetch_generation += 1
        for worker in self.workers:
            if worker.group == "fetch":
                worker.cancel()
        self.done_notifying(self.fetch_note)
        self.fetch_note = None
        self.notify("Fetch cancelled.", timeout=3)

    def notify_until_done(self, message: str) -> Notification:
        """A toast that stays until `done_notifying` (a fetch may take longer than any timeout)."""
        from textual.notifications import Notification, Notify

        note = Notification(message, "", "information", 30, markup=False)
        self.post_message(Notify(note))
        return note

    def done_notifying(self, note: Notification | None) -> None:
        # Textual has no public way to withdraw one toast; `_unnotify` is what its timer calls.
        if note is not None:
            self._unnotify(note)

    def focus_input(self, name: str) -> None:
        from textual.widgets import DataTable

        from tui.app.cells import move_to_row

        for table in self.query("#inputs").results(DataTable):  # absent before it mounts
            table.focus()
            move_to_row(table, name)

    @work(thread=True, exclusive=True, group="fetch", description="fetch the sample")
    def fetch_worker(self, spec: Spec, secrets: dict[str, str], generation: int) -> None:
        from tui.app.fetching import fetch

        self.post_message(FetchDone(fetch(spec, secrets), generation))

    async def on_fetch_done(self, message: FetchDone) -> None:
        if message.generation != self.fetch_generation:
            return  # cancelled (Escape) or overtaken by a newer fetch
        self.done_notifying(self.fetch_note)
        self.fetch_note = None
        result, previous = message.result, self.fetched
        explore = await self.ensure_step("explore")
        if not result.is_json and previous is not None and previous.is_json:
            # A failed or non-JSON answer never throws away the last good response.
            explore.show_fetch(result, stale=(previous, self.fetched_at))
        else:
            self.keep_response(result)
            explore.show_fetch(result)
        await self.action_step("explore")

    def keep_response(self, result: FetchResult | None) -> None:
        """The response Explore, previews and checks use from now on, saved beside the draft
        (tui.app.last_response) so resuming the draft keeps it."""
        from datetime import datetime

        self.fetched, self.fetched_restored = result, False
        now = datetime.now()
        self.fetched_at = now.strftime("%H:%M:%S")
        try:
            if result is None or not result.is_json:
                forget_response(self.draft_file)
                return
            stamp = now.strftime("%Y-%m-%d %H:%M:%S")
            if not save_response(result, self.spec.request.url, stamp, self.draft_file):
                self.notify(
                    "The response is too large to keep with the draft: resuming it later "
                    "needs a new fetch.",
                    severity="warning",
                )
        except OSError as exc:
            self.notify(f"Could not save the response: {exc.strerror}", severity="warning")

    # -- test --------------------------------------------------------------------------

    async def action_run_test(self) -> None:
        self.flush_fields()
        await self.action_step("test")
        step = await self.ensure_step("test")
        live = step.mode == "live"
        if not live and (self.fetched is None or self.fetched.status is None):
            step.show_problem("No sample response yet: fetch first (ctrl+f) or choose live.")
            return
        inputs = step.input_values()
        step.show_running()
        self.test_worker(self.spec.model_copy(deep=True), live, inputs, step.flatten)

    @work(thread=True, exclusive=True, group="test", description="test the action")
    def test_worker(
        self, spec: Spec, live: bool, inputs: dict[str, Any], flatten: bool = True
    ) -> None:
        from tui.model.compile import compile_spec
        from tui.runtime.pipeline import CannedResponse, run_test

        action = compile_spec(spec)
        response = None
        if not live and self.fetched is not None:
            f = self.fetched
            response = CannedResponse(f.body, f.status or 200, f.headers)
        result = run_test(action, inputs, response=response, flatten=flatten)
        self.post_message(TestDone(result))

    async def on_test_done(self, message: TestDone) -> None:
        step = await self.ensure_step("test")
        step.show_result(message.result)

    # -- files and samples -------------------------------------------------------------

    async def action_quit(self) -> None:
        self.flush_fields()  # a name typed just before ctrl+q is in the draft
        await super().action_quit()

    async def action_export(self, fmt: str = "spec") -> None:
        self.flush_fields()
        review = await self.ensure_step("review")
        review.export(fmt)

    def action_open_spec(self) -> None:
        from tui.app.dialogs import Field, FormScreen

        async def done(values: dict[str, str] | None) -> None:
            if values and values["path"].strip():
                await self.open_spec(values["path"].strip())

        self.push_screen(
            FormScreen(
                "Open a saved action",
                [Field("path", "File (YAML spec, API JSON, .custom.json or .tf)")],
            ),
            done,
        )

    async def open_spec(self, path: str) -> bool:
        spec = spec_from_file(path)
        if isinstance(spec, str):
            self.notify(spec, severity="error", timeout=10)
            return False
        self.replace_spec(spec)
        await self.action_step("request")
        return True

    def action_load_sample(self) -> None:
        self.sandbox_worker()

    def samples_sandbox(self) -> Any:
        """The embedded sandbox serving `sample_responses/`, started on first use (any thread)."""
        from tui.app.samples import samples_dir, start_samples_sandbox

        with self.sandbox_lock:
            if self.sandbox is None:
                folder = samples_dir()
                if folder is None:
                    return None
                # Its database lives in a folder removed when the wizard ends (on_unmount).
                self.sandbox_folder = tempfile.TemporaryDirectory(prefix="dataaction-samples-")
                self.sandbox = start_samples_sandbox(folder, Path(self.sandbox_folder.name))
            return self.sandbox

    @work(thread=True, exclusive=True, group="sandbox", description="start the sandbox")
    def sandbox_worker(self) -> None:
        from tui.app.samples import sample_files, samples_dir

        sandbox = self.samples_sandbox()
        folder = samples_dir()
        if sandbox is None or folder is None:
            self.call_from_thread(self.notify, "No sample_responses folder found", severity="error")
            return
        self.post_message(SandboxReady(sandbox.url, sample_files(folder)))

    def rebase_sample_url(self, spec: Spec) -> None:
        """A loaded spec whose URL points at a sample: serve it from this session's sandbox."""
        from tui.app.samples import is_sample_url

        if is_sample_url(spec.request.url):
            self.sample_rebase_worker()

    @work(thread=True, group="sample-rebase", description="rebase the sample")
    def sample_rebase_worker(self) -> None:
        sandbox = self.samples_sandbox()
        if sandbox is not None:
            self.call_from_thread(self.use_sample_base, sandbox.url)

    def use_sample_base(self, base: str) -> None:
        from tui.app.samples import is_sample_url, rebase_sample_url

        url = self.spec.request.url
        if not is_sample_url(url) or rebase_sample_url(url, base) == url:
            return
        self.change_spec(lambda s: setattr(s.request, "url", rebase_sample_url(url, base)))
        self.reload_request()
        self.notify(f"The sample URL now points at this session's sandbox ({base}).")

    def on_sandbox_ready(self, message: SandboxReady) -> None:
        from tui.app.dialogs import ChoiceScreen

        async def use(url: str) -> None:
            from tui.app.steps.request import sync_inputs

            def change(spec: Spec) -> None:
                spec.request.url = url
                sync_inputs(spec)

            self.change_spec(change)
            self.reload_request()
            await self.action_step("request")

        async def chosen(name: str | None) -> None:
            if name is None:
                return
            url = f"{message.url}/samples/{name}"
            current = self.loaded_spec.request.url if self.loaded_spec is not None else ""
            if not current or current == url:
                await use(url)
                return

            async def confirmed(key: str | None) -> None:
                if key == "replace":
                    await use(url)

            self.push_screen(
                ChoiceScreen(
                    "Replace the URL you typed?",
                    [("replace", f"Replace it with {url}"), ("keep", f"Keep {current}")],
                    "Inputs the new URL no longer uses are dropped unless they have a sample "
                    "value (then they are marked unused).",
                ),
                confirmed,
            )

        self.push_screen(
            ChoiceScreen(
                "Load a sample response (served by the local sandbox)",
                [(f, f) for f in message.files],
            ),
            chosen,
        )

    def on_unmount(self) -> None:
        collector.thaw()  # what settling froze goes back to the collector
        if self.sandbox is not None:
            self.sandbox.stop()
        if self.sandbox_folder is not None:
            self.sandbox_folder.cleanup()
        # Loaded only if Deploy was used, or being loaded by the warm-up thread right now: a
        # module still half-imported has opened nothing yet, so a missing function is skipped.
        for module, cleanup in (
            ("tui.genesys.session", "close_all"),
            ("tui.genesys.target", "stop_embedded_sandboxes"),
        ):
            done = getattr(sys.modules.get(module), cleanup, None)
            if done is not None:
                done()

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key, title in STEPS:
            yield SystemCommand(
                f"Go to {title[2:]}",
                f"Step {title[0]}",
                lambda k=key: self.run_action(f"step('{k}')"),
            )
        yield SystemCommand(
            "Fetch the sample response",
            "Call the URL with the sample inputs",
            lambda: self.run_action("fetch"),
        )
        yield SystemCommand(
            "Run test",
            "Run the action locally as Genesys would",
            lambda: self.run_action("run_test"),
        )
        yield SystemCommand(
            "Deploy", "Publish the action", lambda: self.run_action("step('deploy')")
        )
        yield SystemCommand(
            "Open a saved spec", "YAML, API JSON, .custom.json or .tf", self.action_open_spec
        )
        yield SystemCommand(
            "Load a sample response",
            "From sample_responses via the sandbox",
            self.action_load_sample,
        )
        for fmt, title in (
            ("spec", "Export YAML spec"),
            ("custom-json", "Export .custom.json"),
            ("hcl", "Export Terraform"),
        ):
            yield SystemCommand(
                title,
                "Asks where to write it",
                lambda f=fmt: self.run_action(f"export('{f}')"),
            )
        from tui.app.importing import commands as import_commands

        yield from import_commands(self)
        yield SystemCommand("Help for this step", "F1", self.action_help)


def spec_from_file(path: str) -> Spec | str:
    """The spec a file holds (any format), or a one-screen explanation of what is wrong."""
    from tui.model.compile import decompile
    from tui.model.formats import load
    from tui.model.problems import DataActionError

    try:
        loaded = load(path)
    except DataActionError as exc:
        return "\n".join(p.render() for p in exc.problems)
    except OSError as exc:
        return f"Cannot read {path}: {exc.strerror}"
    return loaded.spec or decompile(loaded.action)


def build_app(spec_path: str | None = None, resume: bool = True) -> WizardApp | str:
    """The app for `dataaction [edit FILE]`; a string explains a file that cannot be opened."""
    if spec_path:
        spec = spec_from_file(spec_path)
        if isinstance(spec, str):
            return spec
        return WizardApp(spec, export_dir=Path(spec_path).resolve().parent)
    draft = peek_draft() if resume else None
    return WizardApp(offer_resume=draft) if draft is not None else WizardApp()
