"""The plain flow: request, inputs, fetch, pick outputs, review, test, save, deploy.

Each step reads and updates one :class:`State`; Ctrl-C anywhere saves it as a draft spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from questionary import Choice

from tui.model.action import METHODS
from tui.model.compile import compile_spec, decompile
from tui.model.jsontree import PathEntry, infer_type, list_paths, values_at
from tui.model.paths import NAME_PATTERN, RESERVED_INPUT_NAMES, output_name_for
from tui.model.problems import DataActionError
from tui.model.secret_names import is_secret_header
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec
from tui.model.urls import escape_url_inputs
from tui.model.values import ValueTextError, typed_value
from tui.plain.console import Console
from tui.plain.explore import label
from tui.plain.fetch import fetch
from tui.plain.files import sample_path_for, slug, write_spec
from tui.plain.show import review_text, shown_header

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
BODY_METHODS = ("POST", "PUT", "PATCH")
INPUT_TYPES = ("string", "integer", "number", "boolean")
OUTPUT_TYPES = ("string", "integer", "number", "boolean", "array", "object")
ITEM_TYPES = ("string", "integer", "number", "boolean", "object")
DONE, BY_HAND, REMOVE, DEFAULT = "done", "by-hand", "remove", "default"
DRAFT_SUFFIX = ".draft.yaml"


@dataclass
class State:
    """The action being built, its sample response, and where it is saved."""

    spec: Spec
    sample: bytes | None = None
    document: Any = None
    saved_to: Path | None = None
    source: Path | None = None
    notes: list[str] = field(default_factory=list)

    def draft_path(self) -> Path:
        if self.saved_to is not None:
            base = self.saved_to
        elif self.source is not None:
            base = self.source
        else:
            base = Path.cwd() / f"{slug(self.spec.name) if self.spec.name else 'untitled'}.yaml"
        return base.with_name(base.name.split(".")[0] + DRAFT_SUFFIX)


# -- entry point -----------------------------------------------------------------------


def main(file: str | None = None, console: Console | None = None) -> int:
    con = console or Console()
    try:
        state = start(con, file)
    except DataActionError as exc:
        for p in exc.problems:
            con.say(p.render())
        return EXIT_FAILED
    except (KeyboardInterrupt, EOFError):
        con.say("Interrupted before anything was entered; nothing to save.")
        return EXIT_INTERRUPTED
    try:
        return run(con, state)
    except (KeyboardInterrupt, EOFError):
        if state.spec == Spec(name="") and state.sample is None:
            con.say()
            con.say("Interrupted before anything was entered; nothing to save.")
            return EXIT_INTERRUPTED
        path = state.draft_path()
        write_spec(state.spec, path, state.sample)
        con.say()
        con.say(f"Interrupted. Your work so far is saved in {path}")
        con.say(f"Continue with: dataaction edit {path} --plain")
        return EXIT_INTERRUPTED


def start(con: Console, file: str | None) -> State:
    if file is None:
        con.say(
            "dataaction: build a Genesys Cloud data action from a REST API. Ctrl-C saves a draft."
        )
        return State(Spec(name=""))
    from tui.model.formats import load

    loaded = load(file)
    spec = loaded.spec or decompile(loaded.action)
    state = State(spec, source=Path(file))
    if loaded.format == "spec" and not file.endswith(DRAFT_SUFFIX):
        state.saved_to = Path(file)
    ref = spec.sample_response
    if ref and not ref.startswith(("http://", "https://")):
        sample_file = Path(file).parent / ref
        if sample_file.is_file():
            state.sample = sample_file.read_bytes()
    con.say(f"Editing {file}. Press Enter to keep each value. Ctrl-C saves a draft.")
    return state


def run(con: Console, state: State) -> int:
    ask_request(con, state)
    ask_fetch(con, state)
    ask_outputs(con, state)
    ask_name(con, state)
    review(con, state)
    test(con, state)
    path = ask_save(con, state)
    from tui.plain.deploy import DRAFT, NOT_NOW, ask_deploy, deploy

    wanted = ask_deploy(con)
    draft_only = wanted == DRAFT
    if wanted != NOT_NOW and not deploy(
        con, compile_spec(state.spec), draft_only=draft_only, file=str(path)
    ):
        return EXIT_FAILED
    con.say(f"Done. Test it again with: dataaction test {path} --sample")
    return EXIT_OK


# -- request and inputs ----------------------------------------------------------------


def _absolute_url(text: str) -> bool | str:
    if not text.strip():
        return "Enter the URL, e.g. https://api.example.com/users/${input.userId}"
    if not text.strip().lower().startswith(("http://", "https://")):
        return "The URL must start with http:// or https://"
    return True


def ask_request(con: Console, state: State) -> None:
    con.heading("Request")
    req = state.spec.request
    method = con.select("HTTP method:", list(METHODS), default=req.method)
    url = con.text(
        "URL (put ${input.name} where an input goes):",
        default=req.url,
        validate=_absolute_url,
    ).strip()
    state.spec.request = RequestSpec(method=method, url=url, headers=req.headers, body=req.body)
    ask_new_inputs(con, state)
    state.spec.request = state.spec.request.model_copy(update={"headers": ask_headers(con, state)})
    if method in BODY_METHODS:
        state.spec.request = state.spec.request.model_copy(update={"body": ask_body(con, state)})
    else:
        state.spec.request = state.spec.request.model_copy(update={"body": None})
    ask_new_inputs(con, state)
    escape_url(con, state)


def escape_url(con: Console, state: State) -> None:
    """Text inputs in the URL's path and query go in as $esc.url(...) (numbers need none)."""
    keep = {i.name for i in state.spec.inputs if i.type != "string"}
    url, wrapped = escape_url_inputs(state.spec.request.url, keep)
    if wrapped:
        state.spec.request = state.spec.request.model_copy(update={"url": url})
        con.say(
            "  Escaped "
            + ", ".join(f"${{input.{n}}}" for n in wrapped)
            + " as $esc.url(...): a / ? # or space in the value stays inside it."
        )


def ask_headers(con: Console, state: State) -> dict[str, str]:
    headers = dict(state.spec.request.headers)
    for name, value in headers.items():
        con.say(f"  header {name}: {shown_header(name, value)}")
    if headers and not con.confirm("Keep these headers?", default=True):
        headers = {}
    while True:
        name = con.text("Add a header (name, or empty to go on):").strip()
        if not name:
            return headers
        if is_secret_header(name):
            con.say(
                "  Tip: a literal secret is stored in the action. In Genesys, prefer a "
                "credential reference such as ${credentials.token}."
            )
            value = con.secret(f"Value of {name} (hidden):")
        else:
            value = con.text(f"Value of {name}:")
        headers[name] = value


def ask_body(con: Console, state: State) -> str | None:
    current = state.spec.request.body
    raw = "Send all inputs as a JSON object (${input.rawRequest}, the Genesys default)"
    own = "Write a Velocity template"
    pick = con.select("Request body:", [raw, own], default=own if current else raw)
    if pick == raw:
        return None
    con.say('  e.g. {"name": "$esc.jsonString(${input.name})"}; Esc then Enter finishes.')
    return con.text("Body template:", default=current or "", multiline=True)


def _sample_validator(kind: str):
    def check(text: str) -> bool | str:
        try:
            coerce(text, kind)
        except ValueTextError as exc:
            return f"This input {exc}"
        return True

    return check


def coerce(text: str, kind: str) -> Any:
    """A typed sample value from what was typed ('' means no sample)."""
    return None if text.strip() == "" else typed_value(text, kind)


def ask_new_inputs(con: Console, state: State) -> None:
    """Ask type, sample and required for each ${input.x} not yet described."""
    spec = state.spec
    for name in spec.sync_inputs_with_templates():
        if name in RESERVED_INPUT_NAMES or not NAME_PATTERN.match(name):
            con.say(f"  Note: '{name}' is reserved by Genesys; rename this input in the URL.")
        con.say(f"  New input: {name}")
        kind = con.select(f"Type of {name}:", list(INPUT_TYPES), default="string")
        sample = coerce(
            con.text(
                f"Sample value of {name} (used to fetch the sample):",
                validate=_sample_validator(kind),
            ),
            kind,
        )
        required = con.confirm(f"Is {name} required?", default=True)
        spec.inputs = [
            InputSpec(name=i.name, type=kind, sample=sample, required=required)
            if i.name == name
            else i
            for i in spec.inputs
        ]
    used = set(spec.input_names_in_templates())
    unused = [i.name for i in spec.inputs if i.name not in used]
    if unused and spec.request.body is None and spec.request.method in BODY_METHODS:
        return  # ${input.rawRequest} sends every input
    if unused:
        con.say(f"  Note: inputs not used in the request: {', '.join(unused)}")


# -- fetch -----------------------------------------------------------------------------


def ask_fetch(con: Console, state: State) -> None:
    con.heading("Sample response")
    if state.sample is not None:
        keep = con.confirm("Use the saved sample response (no new call)?", default=True)
        if keep and _use_body(con, state, state.sample):
            return
    while True:
        action = compile_spec(state.spec.model_copy(update={"name": state.spec.name or "draft"}))
        con.say(f"Fetching {state.spec.request.method} with the sample inputs…")
        got = fetch(action, state.spec.sample_inputs())
        con.say(f"  {got.summary()}")
        if got.ok:
            state.sample, state.document = got.body, got.document
            return
        con.say(f"  Problem: {got.error}")
        again, edit, file, skip = (
            "Fetch again",
            "Change the request",
            "Use a saved response file",
            "Go on without a sample (type JSONPaths by hand)",
        )
        pick = con.select("What now?", [again, edit, file, skip])
        if pick == edit:
            ask_request(con, state)
        elif pick == file:
            path = con.text(
                "Response file:", validate=lambda t: Path(t).is_file() or "No such file"
            )
            if _use_body(con, state, Path(path).read_bytes()):
                return
        elif pick == skip:
            return


def _use_body(con: Console, state: State, body: bytes) -> bool:
    from tui.runtime.jsontext import parse_json

    try:
        document = parse_json(body)
    except ValueError as exc:
        con.say(f"  Problem: that is not JSON: {exc}")
        return False
    state.sample, state.document = body, document
    return True


# -- outputs ---------------------------------------------------------------------------


def extracted(document: Any, path: str) -> str:
    """What the runtime's JSONPath gives for `path`, as Genesys prints it."""
    try:
        from tui.runtime.jsonpath import compile_path
        from tui.runtime.jsontext import to_json_text

        return to_json_text(compile_path(path).evaluate(document))
    except ImportError:
        return "(preview unavailable)"
    except Exception as exc:  # the runtime's own messages say what is wrong with the path
        return f"(no value: {exc})"


def ask_outputs(con: Console, state: State) -> None:
    con.heading("Outputs")
    entries: list[PathEntry] = []
    if state.document is not None:
        entries, cut = list_paths(state.document)
        con.say(
            f"The response has {len(entries)} paths"
            + (" (list cut at the limit)" if cut else "")
            + "."
        )
        con.say("Type to filter the list; Enter picks a field.")
    _show_outputs(con, state)
    while True:
        choices = [Choice("Done picking fields", DONE), Choice("Type a JSONPath by hand", BY_HAND)]
        if state.spec.outputs:
            choices.append(Choice("Remove a field", REMOVE))
            choices.append(Choice("Set a field's default (when its path finds nothing)", DEFAULT))
        choices += [Choice(label(e), i) for i, e in enumerate(entries)]
        pick = con.select("Add an output field:", choices, search=True)
        if pick == DONE:
            if state.spec.outputs or con.confirm(
                "No outputs: the action returns nothing. Go on?", default=False
            ):
                return
        elif pick == DEFAULT:
            ask_default(con, state)
        elif pick == REMOVE:
            names = [o.name for o in state.spec.outputs]
            gone = con.select("Remove which field?", names)
            change_outputs(con, state, [o for o in state.spec.outputs if o.name != gone])
            _show_outputs(con, state)
        elif pick == BY_HAND:
            path = con.text("JSONPath (e.g. $.items[0].id):", validate=_path_validator).strip()
            add_output(con, state, path, None, [], False)
        else:
            entry = entries[pick]
            all_elements = False
            if entry.has_array_step:
                first, every = entry.path(), entry.path(all_elements=True)
                choice = con.select(
                    "This field is inside an array. Take:",
                    [
                        Choice(f"the first element only: {first}", False),
                        Choice(f"all elements, as an array: {every}", True),
                    ],
                )
                all_elements = bool(choice)
            samples = values_at(state.document, entry.parts) if all_elements else []
            add_output(con, state, entry.path(all_elements), entry.value, samples, all_elements)


def change_outputs(con: Console, state: State, outputs: list[OutputSpec]) -> None:
    """Set the outputs; hand-edited parts of the spec (its success template, translation map,
    contracts) follow where they can, and for the rest the person chooses, told what a
    regenerated part would replace (as the wizard's Review step asks)."""
    from tui.model.part_merge import rebase
    from tui.model.parts import TITLES, override, part_text, set_override

    before = state.spec.model_copy(deep=True)
    state.spec.outputs = outputs
    for clash in rebase(before, state.spec):
        title = TITLES[clash.key]
        con.say(
            f"  Your hand-edited {title} does not follow this change ({clash.what}). It is now:\n"
            f"{part_text(override(state.spec, clash.key))}\n  Regenerated, it would be:\n"
            f"{part_text(clash.take)}"
        )
        choices = [Choice(f"Keep your {title}", "keep")]
        if clash.merged is not None:
            choices.append(Choice(f"Merge: {clash.merged}", "merge"))
        choices.append(Choice(f"Take the regenerated {title} (replaces yours)", "take"))
        pick = con.select(f"Your {title}:", choices)
        if pick != "keep":
            set_override(state.spec, clash.key, clash.merged if pick == "merge" else clash.take)


def ask_default(con: Console, state: State) -> None:
    """A translation-map default: JSON text; a bare word is offered as a quoted string."""
    names = [o.name for o in state.spec.outputs]
    name = con.select("Default for which field?", names)
    current = next(o for o in state.spec.outputs if o.name == name)
    con.say(
        '  JSON text: "unknown" (with quotes) for a string, 0, false, [] ... Used when a definite '
        "path finds nothing; a JSON null in the response stays null. Empty removes it."
    )
    typed = con.text(f"Default of {name}:", default=current.default or "").strip()
    default = json_default(con, typed) if typed else None
    if typed and default is None:
        return  # not JSON, and not taken as a quoted string: nothing changes
    change_outputs(
        con,
        state,
        [
            o.model_copy(update={"default": default}) if o.name == name else o
            for o in state.spec.outputs
        ],
    )
    _show_outputs(con, state)


def json_default(con: Console, text: str) -> str | None:
    """`text` if it is JSON; else, when the person agrees, the same text as a JSON string."""
    import json

    try:
        json.loads(text)
    except ValueError:
        quoted = json.dumps(text, ensure_ascii=False)
        if con.confirm(f"{text} is not JSON (Genesys would fail at run time). Use {quoted}?"):
            return quoted
        return None
    return text


def _path_validator(text: str) -> bool | str:
    text = text.strip()
    if not text.startswith("$"):
        return "A JSONPath starts with $"
    try:
        from tui.runtime.jsonpath import compile_path

        compile_path(text)
    except ImportError:
        return True
    except Exception as exc:  # the parser's message names the position
        return str(exc)
    return True


def add_output(
    con: Console, state: State, path: str, value: Any, samples: list[Any], all_elements: bool
) -> None:
    taken = {o.name for o in state.spec.outputs}
    guess_type, guess_items = infer_type(path, samples if all_elements else value)
    name = con.text(
        "Output name:",
        default=output_name_for(path, taken),
        validate=lambda t: _name_ok(t.strip(), taken),
    ).strip()
    kind = con.select(f"Type of {name}:", list(OUTPUT_TYPES), default=guess_type)
    items = None
    if kind == "array":
        items = con.select(
            "Type of its elements:", list(ITEM_TYPES), default=guess_items or "string"
        )
    change_outputs(
        con, state, [*state.spec.outputs, OutputSpec(name=name, path=path, type=kind, items=items)]
    )
    if state.document is not None:
        con.say(f"  {name} <- {path} = {extracted(state.document, path)}")


def _name_ok(name: str, taken: set[str]) -> bool | str:
    if not NAME_PATTERN.match(name):
        return "Start with a letter; then letters, digits, _ or -"
    if name in taken:
        return f"'{name}' is already an output"
    return True


def _show_outputs(con: Console, state: State) -> None:
    for o in state.spec.outputs:
        kind = f"array of {o.items}" if o.type == "array" else o.type
        default = f" (default {o.default})" if o.default else ""
        con.say(f"  * {o.name} ({kind}) <- {o.path}{default}")


# -- name, review, test ----------------------------------------------------------------


def default_name(spec: Spec) -> str:
    from tui.model.naming import suggest_action_name

    return suggest_action_name(spec.request.method, spec.request.url)


def ask_name(con: Console, state: State) -> None:
    con.heading("Name")
    name = con.text(
        "Action name (as Architect lists it):",
        default=state.spec.name or default_name(state.spec),
        validate=lambda t: bool(t.strip()) or "Give the action a name",
    ).strip()
    state.spec.name = name


def review(con: Console, state: State) -> None:
    from tui.runtime.pipeline import CannedResponse
    from tui.runtime.validation import validate_action

    con.heading("Review: the data action Genesys will run")
    action = compile_spec(state.spec)
    con.say(review_text(action))
    sample = CannedResponse(state.sample) if state.sample is not None else None
    problems = validate_action(action, sample=sample)
    for p in problems:
        con.say(p.render())
    if not problems:
        con.say("No problems found.")


def test(con: Console, state: State) -> None:
    from tui.runtime.pipeline import CannedResponse, run_test
    from tui.runtime.trace_text import render

    con.heading("Test")
    sample, live, skip = "On the sample response", "Live: call the API now", "Skip"
    choices = [sample, live, skip] if state.sample is not None else [live, skip]
    while True:
        pick = con.select("Run the action locally, step by step as Genesys does:", choices)
        if pick == skip:
            return
        action = compile_spec(state.spec)
        response = (
            CannedResponse(state.sample) if pick == sample and state.sample is not None else None
        )
        result = run_test(action, state.spec.sample_inputs(), response=response, flatten=True)
        con.say(render(result, flatten=True))
        if not con.confirm("Run another test?", default=False):
            return


def ask_save(con: Console, state: State) -> Path:
    con.heading("Save")
    default = str(state.saved_to or Path(".") / f"{slug(state.spec.name)}.yaml")
    while True:
        path = Path(con.text("Save the spec to:", default=default).strip() or default)
        if (
            path == state.saved_to
            or not path.exists()
            or con.confirm(f"{path} exists. Replace it?", default=False)
        ):
            break
    state.spec = write_spec(state.spec, path, state.sample)
    state.saved_to = path
    con.say(
        f"Saved {path}"
        + (f" (sample response in {state.spec.sample_response})" if state.sample else "")
    )
    drafts = {state.draft_path()}
    if state.source is not None and state.source.name.endswith(DRAFT_SUFFIX):
        drafts.add(state.source)
    for draft in drafts - {path}:
        draft.unlink(missing_ok=True)
        sample_path_for(draft).unlink(missing_ok=True)
    return path
