"""Step 4: run the local runtime on the fetched sample (or live) and show Genesys's test steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Label, Select, Static

from tui.app.cells import cells
from tui.runtime.results import TestExecutionResult

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp

MODES = (("on the fetched sample response", "sample"), ("live (call the API now)", "live"))


SAMPLE_VALUES_HINT = (
    "Check the input values above (their samples are set in step 1 Request → Inputs)."
)


def input_failed(result: TestExecutionResult) -> bool:
    """True when the run stopped at the input schema check (the sample values are wrong)."""
    from tui.runtime.pipeline import STEP_INPUT

    return any(op.name == STEP_INPUT and not op.success for op in result.operations)


class TestStep(Vertical):
    """Like the Test tab of Genesys's action editor: typed input values and a flatten toggle."""

    DEFAULT_CSS = """
    TestStep #test-mode { width: 40; }
    TestStep #test-steps { height: auto; max-height: 12; }
    TestStep #test-output { height: auto; }
    TestStep #test-inputs { height: auto; }
    TestStep #test-inputs Input { width: 1fr; }
    TestStep .test-input-label { width: 24; padding: 1 1 0 0; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.typed: dict[str, str] = {}

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label("Run", classes="field-label")
            yield Select(list(MODES), value="sample", allow_blank=False, id="test-mode")
            yield Button("Run test", variant="primary", id="run-test")
            yield Button("Save as case", id="save-case", disabled=True)
        yield Vertical(id="test-inputs")
        yield Checkbox(
            "Flatten output (Architect's format, as the Test tab's default)", True, id="flatten"
        )
        yield Static(
            "Type the input values (prefilled with the samples), then Run test (ctrl+t).",
            id="test-status",
            markup=False,
        )
        yield DataTable(id="test-steps", cursor_type="row", zebra_stripes=True)
        yield Label("Output", id="output-title", classes="section")
        yield Static("", id="test-output", markup=False)

    def on_mount(self) -> None:
        self.query_one("#test-steps", DataTable).add_columns("#", "step", "result", "detail")

    async def refresh_inputs(self) -> None:
        """One field per input, prefilled with its sample; what was typed here is kept."""
        from textual.widgets import Input

        box = self.query_one("#test-inputs", Vertical)
        for field in box.query(Input):
            self.typed[field.id.removeprefix("test-input-")] = field.value  # type: ignore[union-attr]
        await box.remove_children()
        rows = []
        for i in self.wizard.spec.inputs:
            sample = "" if i.sample is None else str(i.sample)
            rows.append(
                Horizontal(
                    Label(f"{i.name} ({i.type})", classes="test-input-label"),
                    Input(self.typed.get(i.name, sample), id=f"test-input-{i.name}"),
                    classes="row",
                )
            )
        await box.mount_all(rows)

    def input_values(self) -> dict[str, object]:
        """The typed values as JSON values of each input's type (text that is not, as text)."""
        from textual.widgets import Input

        from tui.model.values import typed_value

        values: dict[str, object] = {}
        for i in self.wizard.spec.inputs:
            found = self.query(f"#test-input-{i.name}").results(Input)
            field = next(iter(found), None)
            text = field.value if field is not None else ("" if i.sample is None else str(i.sample))
            if text == "" and i.type != "string":
                continue  # left empty: not passed (the input contract says if that is allowed)
            try:
                values[i.name] = typed_value(text, i.type)
            except ValueError:
                values[i.name] = text  # as Genesys's Test tab: the input check step fails on it
        return values

    @property
    def flatten(self) -> bool:
        return bool(self.query_one("#flatten", Checkbox).value)

    @property
    def mode(self) -> str:
        return str(self.query_one("#test-mode", Select).value)

    @on(Button.Pressed, "#run-test")
    async def run_pressed(self) -> None:
        await self.wizard.action_run_test()

    @on(Button.Pressed, "#save-case")
    def save_case_pressed(self) -> None:
        """The last run as a CI test case (tui.app.importing.save_case)."""
        from tui.app.importing import save_case

        if self.last_result is not None:
            save_case(self.wizard, self.last_result)

    def show_running(self) -> None:
        self.query_one("#test-status", Static).update("Running…")

    last_result: TestExecutionResult | None = None

    def show_result(self, result: TestExecutionResult) -> None:
        self.last_result = result
        self.query_one("#save-case", Button).disabled = False
        from tui.runtime import trace_text

        table = self.query_one("#test-steps", DataTable)
        table.clear()
        for line in trace_text.step_lines(result, limit=120):
            table.add_row(*cells(line.step, line.name, f"{line.mark} {line.word}", line.detail))
        status = self.query_one("#test-status", Static)
        output = self.query_one("#test-output", Static)
        self.query_one("#output-title", Label).update(trace_text.output_title(self.flatten))
        if result.success:
            status.update(trace_text.verdict(result))
            status.set_classes("ok")
            output.update(trace_text.output_text(result))
        else:
            message = trace_text.verdict(result)
            if input_failed(result):
                message += f"\n{SAMPLE_VALUES_HINT}"
            status.update(message)
            status.set_classes("error")
            output.update("")

    def show_problem(self, message: str) -> None:
        status = self.query_one("#test-status", Static)
        status.update(f"✘ {message}")
        status.set_classes("error")
