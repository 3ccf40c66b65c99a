"""Step 3: the generated action beside the spec, each part explained; problems; exports."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Button, Label, Static, TextArea

from tui.app.guide import PARTS, Part
from tui.app.part_editor import PartEditor
from tui.model.action import Action, to_wire
from tui.model.compile import compile_spec
from tui.model.formats import Format, Loaded, dump, export_file_name, spec_to_yaml
from tui.model.hcl import folder_declarations
from tui.model.parts import (
    JSON_PARTS,
    OVERRIDE_FIELDS,
    TITLES,
    PartKey,
    PartSyntaxError,
    effective,
    override,
    parse_part,
    part_text,
    set_override,
)
from tui.model.problems import DataActionError

if TYPE_CHECKING:
    from tui.app.wizard import WizardApp
    from tui.model.spec import Spec

CHECK_DELAY = 0.3  # seconds of quiet typing before an edit is checked (and applied when valid)


def part_value(action: Action, key: str) -> Any:
    wire = to_wire(action)
    config, contract = wire.get("config", {}), wire.get("contract", {})
    if key == "input":
        return contract.get("input", {}).get("inputSchema")
    if key == "output":
        return contract.get("output", {}).get("successSchema")
    if key == "request":
        return config.get("request")
    return config.get("response", {}).get(key)


EXPORT_TITLES = {"spec": "YAML spec", "custom-json": ".custom.json", "hcl": "Terraform"}


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "action"


class ReviewStep(Vertical):
    DEFAULT_CSS = """
    ReviewStep #problems { height: auto; max-height: 6; }
    ReviewStep #review-columns { height: 1fr; }
    ReviewStep #spec-column { width: 1fr; }
    ReviewStep #spec-yaml { height: 1fr; }
    ReviewStep #parts { width: 1fr; padding: 0 1; }
    ReviewStep .part { background: $boost; padding: 0 1; }
    ReviewStep #export-status { height: 1; }
    ReviewStep #edit-status { height: auto; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown: dict[str, str] = {}  # each editor's text as last loaded or applied
        self.check_timer: Timer | None = None
        self.warned: dict[str, str] = {}  # the unapplied edits last warned about

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="problems", markup=False)
        yield Static("", id="edit-status", markup=False)
        with Horizontal(id="review-columns"):
            with Vertical(id="spec-column"):
                yield Label("Your spec (YAML)", classes="section")
                yield TextArea("", id="spec-yaml", read_only=True, show_line_numbers=True)
            with VerticalScroll(id="parts"):
                for part in PARTS:
                    if part.key in OVERRIDE_FIELDS:
                        yield PartEditor(part, "json" if part.key in JSON_PARTS else None)
                        continue
                    yield Label(part.title, classes="section")
                    yield Static(self.part_note(part), classes="hint")
                    yield Static("", id=f"part-{part.key}", classes="part", markup=False)
        with Horizontal(classes="row"):
            yield Button("Export YAML spec", id="export-spec")
            yield Button("Export .custom.json", id="export-custom")
            yield Button("Export Terraform", id="export-hcl")
        yield Static("", id="export-status", markup=False)

    @staticmethod
    def part_note(part: Part) -> str:
        return f"{escape(part.explanation)} [link='{part.link}']Genesys docs[/link]"

    def refresh_review(self) -> None:
        self.load_editors()
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """The spec, the read-only parts and the action's problems (the editors are left be)."""
        spec = self.wizard.spec
        self.query_one("#spec-yaml", TextArea).text = spec_to_yaml(spec)
        problems_box = self.query_one("#problems", Static)
        try:
            action = compile_spec(spec)
        except (DataActionError, ValueError) as exc:
            problems_box.update(f"✘ The spec does not compile: {exc}")
            problems_box.set_classes("error")
            return
        for part in PARTS:
            if part.key in OVERRIDE_FIELDS:
                continue
            value = part_value(action, part.key)
            text = (
                json.dumps(value, indent=2, ensure_ascii=False)
                if not isinstance(value, str)
                else value
            )
            self.query_one(f"#part-{part.key}", Static).update(text)
        problems = self.wizard.problems(action)
        if problems:
            problems_box.update("\n".join(p.render() for p in problems))
            errors = any(p.severity == "error" for p in problems)
            problems_box.set_classes("error" if errors else "warning")
        else:
            problems_box.update("✔ Valid: contracts, templates and paths check out.")
            problems_box.set_classes("ok")

    # -- hand edits ----------------------------------------------------------------------

    def part_editor(self, key: str) -> PartEditor:
        return self.query_one(f"#part-{key}", PartEditor)

    def load_editors(self) -> None:
        """Each editor shows the part the action uses, or the user's unapplied edit of it."""
        spec, pending = self.wizard.spec, self.wizard.part_edits
        for key in OVERRIDE_FIELDS:
            editor = self.part_editor(key)
            value = effective(spec, key)
            self.shown[key] = part_text(value)
            wanted = pending.get(key, self.shown[key])
            if key not in pending and self.same_value(key, editor.editor.text, value):
                self.shown[key] = editor.editor.text  # the user's own layout of the same value
            elif editor.editor.text != wanted:
                editor.editor.load_text(wanted)
            editor.show_state(override(spec, key) is not None, key in pending)
        if pending:
            self.schedule_check()

    @staticmethod
    def same_value(key: PartKey, text: str, value: Any) -> bool:
        try:
            return bool(text) and parse_part(key, text) == value
        except PartSyntaxError:
            return False

    @on(TextArea.Changed)
    def part_typed(self, event: TextArea.Changed) -> None:
        area_id = event.text_area.id or ""
        if not area_id.startswith("edit-"):
            return
        key = area_id.removeprefix("edit-")
        pending = self.wizard.part_edits
        if event.text_area.text == self.shown.get(key):
            if pending.pop(key, None) is None:
                return  # the text this step loaded, not an edit
        else:
            pending[key] = event.text_area.text
        self.wizard.save_edits()  # an unapplied edit survives a crash or a restart
        self.schedule_check()

    def flush_edits(self, warn: bool = True) -> None:
        """Check and apply what the editors show now, without waiting for the typing pause or
        for queued Changed messages: a test, export or deploy right after typing uses it."""
        pending = self.wizard.part_edits
        for key in OVERRIDE_FIELDS:
            text = self.part_editor(key).editor.text
            if text != self.shown.get(key, text):
                pending[key] = text
        if pending:
            if self.check_timer is not None:
                self.check_timer.stop()
            self.check_edits()
        if pending and warn and pending != self.warned:
            self.warned = dict(pending)  # once per edit, not at every step change
            names = ", ".join(p.title for p in PARTS if p.key in pending)
            self.notify(
                f"Your edit of {names} is not applied (it has errors; Review shows them): "
                "the last valid version is used.",
                severity="warning",
                timeout=6,
            )

    def schedule_check(self) -> None:
        if self.check_timer is not None:
            self.check_timer.stop()
        self.check_timer = self.set_timer(CHECK_DELAY, self.check_edits)

    def check_edits(self) -> None:
        """Check the edits the editors hold now; apply them when the action stays valid."""
        from tui.app.edit_check import check_edits

        self.check_timer = None
        keys = [k for k in OVERRIDE_FIELDS if k in self.wizard.part_edits]
        texts = {k: self.part_editor(k).editor.text for k in keys}
        result = check_edits(self.wizard.spec, texts, self.wizard.problems)
        for key in OVERRIDE_FIELDS:
            self.part_editor(key).show_errors(result.errors.get(key, []))
        status = self.query_one("#edit-status", Static)
        if not result.ok:
            first = [
                f"{part.title}: {result.errors[part.key][0]}"
                for part in PARTS
                if part.key in result.errors
            ][:1]
            lines = ["✘ Your edit is not applied (it stays in the editor):"]
            status.update("\n".join(lines + [f"  {e}" for e in first + result.elsewhere]))
            status.set_classes("error")
            for key in keys:
                self.part_editor(key).show_state(override(self.wizard.spec, key) is not None, True)
            return

        def apply(spec: Spec) -> None:
            for key, value in result.values.items():
                set_override(spec, key, value)

        if result.values and not self.wizard.change_spec(apply):
            return
        for key in keys:
            self.shown[key] = texts[key]
            self.wizard.part_edits.pop(key, None)
            self.part_editor(key).show_state(override(self.wizard.spec, key) is not None)
        self.wizard.save_edits()
        names = ", ".join(p.title for p in PARTS if p.key in result.values)
        status.update(f"✔ Applied your edit: {names}." if names else "")
        status.set_classes("ok")
        self.refresh_summary()

    @on(PartEditor.Revert)
    def revert_part(self, event: PartEditor.Revert) -> None:
        key = cast("PartKey", event.key)
        self.wizard.part_edits.pop(key, None)
        self.wizard.change_spec(lambda spec: set_override(spec, key, None))
        self.part_editor(key).show_errors([])
        self.refresh_review()
        status = self.query_one("#edit-status", Static)
        status.update(f"Reverted to the generated {TITLES[key]}.")
        status.set_classes("ok")

    @on(Button.Pressed, "#export-spec")
    def export_spec(self) -> None:
        self.export("spec")

    @on(Button.Pressed, "#export-custom")
    def export_custom(self) -> None:
        self.export("custom-json")

    @on(Button.Pressed, "#export-hcl")
    def export_hcl(self) -> None:
        self.export("hcl")

    def export(self, fmt: Format) -> None:
        """Ask where to write the export (prefilled with the last folder used), then write it."""
        from tui.app.dialogs import Field, FormScreen

        spec = self.wizard.spec
        names = {
            "spec": f"{slug(spec.name)}.yaml",
            "custom-json": export_file_name(slug(spec.name)),
            "hcl": f"{slug(spec.name)}.tf",
        }
        suggested = self.wizard.export_dir / names[fmt]

        def chosen(values: dict[str, str] | None) -> None:
            if values and values["path"].strip():
                self.confirm_and_write(fmt, Path(values["path"].strip()).expanduser())

        self.app.push_screen(
            FormScreen(
                f"Export {EXPORT_TITLES[fmt]}",
                [Field("path", "Write to (Enter writes, Escape cancels)", str(suggested))],
            ),
            chosen,
        )

    def confirm_and_write(self, fmt: Format, target: Path) -> None:
        from tui.app.dialogs import ChoiceScreen

        if not target.exists():
            self.write_export(fmt, target)
            return

        def replace(key: str | None) -> None:
            if key == "replace":
                self.write_export(fmt, target)

        self.app.push_screen(
            ChoiceScreen(
                f"{target} exists",
                [("replace", "Replace it"), ("keep", "Keep it (nothing is written)")],
            ),
            replace,
        )

    def write_export(self, fmt: Format, target: Path) -> Path | None:
        spec = self.wizard.spec
        try:
            action = compile_spec(spec)
            # The spec says which integration type (and custom/static) the action is for:
            # every format keeps it. A Terraform folder declares the provider/variable once.
            loaded = Loaded(
                action,
                "spec",
                spec,
                integration_type=spec.integration_type,
                action_type=spec.action_type,
            )
            declared = (
                folder_declarations(self.wizard.export_dir) if fmt == "hcl" else (False, False)
            )
            text = (
                spec_to_yaml(spec)
                if fmt == "spec"
                else dump(loaded, fmt, provider=not declared[0], variable=not declared[1])
            )
        except (DataActionError, ValueError) as exc:
            self.notify(f"Cannot export: {exc}", severity="error")
            return None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"Cannot write {target}: {exc.strerror}", severity="error")
            return None
        self.wizard.export_dir = target.parent
        self.query_one("#export-status", Static).update(f"Wrote {target}")
        self.notify(f"Wrote {target}", timeout=4)
        return target
