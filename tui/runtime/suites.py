"""Action test suites for CI: a cases file next to each action, run like unit tests.

`weather.yaml` (any action format) gets its cases from `weather.cases.yaml`:

```yaml
cases:
  - name: Paris
    inputs: {city: Paris}
    response: {file: responses/paris.json}     # or {body: {...}, status: 200}, or live: true
    expect:
      output: {temperature: 12.5}               # these keys must equal (others may exist)
  - name: no city
    inputs: {}
    expect:
      fails_at: Validate input against input schema   # or the step number
      error: city                                     # text the error message contains
```

A case without `response` or `live` runs against the spec's `sample_response`. Live calls read
credential fields from environment variables named in the file (`credentials: {token: VAR}`),
never from the file itself. Results print as a summary or JUnit XML (stdlib ElementTree).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import yaml

from tui.model.formats import Loaded, load, problems_from_validation
from tui.model.limits import load_yaml, read_limited
from tui.model.problems import DataActionError, Problem
from tui.model.records import Record, ValidationError, whole
from tui.model.records import field as Field
from tui.runtime.pipeline import CannedResponse, run_test
from tui.runtime.results import TestExecutionResult

CASES_SUFFIXES = (".cases.yaml", ".cases.yml")
ACTION_SUFFIXES = (".custom.json", ".yaml", ".yml", ".json", ".tf")
DEFAULT_BASE_URL = "https://api.mypurecloud.com"  # relative /api/v2 URLs, offline


class _Strict(Record, extra="forbid"):
    """Base: unknown keys refused (a typo in a case is an error, not a silent default)."""


class ResponseCase(_Strict):
    body: Any = None
    file: str | None = None
    status: int = 200
    headers: dict[str, str] = Field(default_factory=dict)

    @whole
    @staticmethod
    def _one_source(case: ResponseCase) -> None:
        if case.body is not None and case.file is not None:
            raise ValueError("give either body or file, not both")


class Expect(_Strict):
    output: dict[str, Any] | None = None
    fails_at: str | int | None = None
    error: str | None = None


class Case(_Strict):
    name: str
    inputs: dict[str, Any] | None = Field(
        default=None, description="exactly these inputs (default: the spec's sample values)"
    )
    response: ResponseCase | None = None
    live: bool = False
    flatten: bool = False
    expect: Expect = Field(default_factory=Expect)


class CasesFile(_Strict):
    action: str | None = Field(default=None, description="the action file, when not the sibling")
    credentials: dict[str, str] = Field(
        default_factory=dict, description="credential field -> environment variable (live calls)"
    )
    base_url: str | None = None
    cases: list[Case] = Field(default_factory=list)


@dataclass
class CaseResult:
    """One case's verdict, with the run it judged."""

    suite: str
    case: str
    passed: bool
    message: str = ""
    seconds: float = 0.0
    result: TestExecutionResult | None = field(default=None, repr=False)


def failed_step(result: TestExecutionResult) -> tuple[int, str] | None:
    """(number, name) of the step that failed, or None when the run passed."""
    for op in result.operations:
        if not op.success:
            return op.step, op.name
    return None


def judge(case: Case, result: TestExecutionResult) -> str:
    """Why `result` does not meet `case.expect` ('' when it does)."""
    exp = case.expect
    failed = failed_step(result)
    if exp.fails_at is not None:
        if failed is None:
            return f"expected a failure at step {exp.fails_at!r}, but the run passed"
        number, name = failed
        wanted = str(exp.fails_at).strip().lower()
        if wanted not in (str(number), name.lower()):
            msg = result.error.message if result.error else ""
            return (
                f"expected a failure at {exp.fails_at!r}, but step {number} ({name}) failed: {msg}"
            )
    elif failed is not None:
        msg = result.error.message if result.error else ""
        return f"step {failed[0]} ({failed[1]}) failed: {msg}"
    if exp.error is not None:
        msg = result.error.message if result.error else ""
        if exp.error.lower() not in msg.lower():
            return f"expected an error containing {exp.error!r}, got {msg!r}"
    if exp.output is not None:
        got = result.final_result if isinstance(result.final_result, dict) else {}
        for key, want in exp.output.items():
            if key not in got:
                return f"output has no {key!r} (has {', '.join(sorted(got)) or 'nothing'})"
            if got[key] != want:
                return f"output {key!r}: expected {json.dumps(want)}, got {json.dumps(got[key])}"
    return ""


def read_cases(path: Path) -> CasesFile:
    """A cases file, with bad content reported as located problems."""
    text = read_limited(path, what="cases file").decode("utf-8", "replace")
    try:
        data = load_yaml(text, str(path)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataActionError.single(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            file=str(path),
            line=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(data, dict):
        raise DataActionError.single("expected a mapping with 'cases:'", file=str(path), line=1)
    try:
        return CasesFile.model_validate(data)
    except ValidationError as exc:
        from tui.model.locate import index_positions

        raise DataActionError(
            problems_from_validation(exc, str(path), index_positions(text))
        ) from None


def action_file_for(cases_path: Path, cases: CasesFile) -> Path:
    """The action a cases file tests: `action:` when given, else the sibling with its stem."""
    if cases.action:
        return (cases_path.parent / cases.action).resolve()
    stem = cases_path.name
    for suffix in CASES_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    for suffix in ACTION_SUFFIXES:
        candidate = cases_path.parent / (stem + suffix)
        if candidate.exists():
            return candidate
    raise DataActionError.single(
        f"no action file next to {cases_path.name}",
        file=str(cases_path),
        hint=f"add {stem}.yaml (or .json/.custom.json/.tf), or name it with 'action: FILE'",
    )


def find_cases(root: Path) -> list[Path]:
    """Every cases file under `root` (or `root` itself), in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.name.endswith(CASES_SUFFIXES) and p.is_file())


def _response(
    case: Case, loaded: Loaded, cases_path: Path, read: dict[Path, bytes]
) -> CannedResponse | None:
    if case.live:
        return None
    if case.response is None:
        ref = loaded.spec.sample_response if loaded.spec else None
        if not ref or ref.startswith(("http://", "https://")):
            raise DataActionError.single(
                f"case '{case.name}' has no response",
                file=str(cases_path),
                hint="add response: {file: ...} or {body: ...}, or live: true to call the API",
            )
        return CannedResponse(_read(Path(loaded.file).parent / ref, cases_path, read))
    r = case.response
    if r.file is not None:
        body: bytes | str = _read(cases_path.parent / r.file, cases_path, read)
    elif isinstance(r.body, str):
        body = r.body
    else:
        body = json.dumps(r.body if r.body is not None else {})
    return CannedResponse(body, status=r.status, headers=dict(r.headers))


def _read(path: Path, cases_path: Path, read: dict[Path, bytes]) -> bytes:
    """A response file's bytes; `read` keeps those of this run, so a file many cases use is
    read once (and a later run reads it again)."""
    if path not in read:
        try:
            read[path] = path.read_bytes()
        except OSError as exc:
            raise DataActionError.single(
                f"cannot read response {path}: {exc.strerror}", file=str(cases_path)
            ) from None
    return read[path]


def _credentials(cases: CasesFile, cases_path: Path) -> dict[str, str]:
    out = {}
    for fld, var in cases.credentials.items():
        value = os.environ.get(var)
        if value is None:
            raise DataActionError.single(
                f"credential field '{fld}': ${var} is not set",
                file=str(cases_path),
                hint=f"export {var}=... (in CI, from the pipeline's secret store)",
            )
        out[fld] = value
    return out


def run_case(
    loaded: Loaded,
    case: Case,
    *,
    cases_path: Path,
    credentials: dict[str, str] | None = None,
    base_url: str | None = None,
    suite: str = "",
    read: dict[Path, bytes] | None = None,
) -> CaseResult:
    """One case's verdict; `read`: the response files already read in this run."""
    start = time.perf_counter()
    response = _response(case, loaded, cases_path, {} if read is None else read)
    defaults = loaded.spec.sample_inputs() if loaded.spec else {}
    result = run_test(
        loaded.action,
        defaults if case.inputs is None else dict(case.inputs),
        response=response,
        flatten=case.flatten,
        base_url=base_url or (DEFAULT_BASE_URL if response is not None else None),
        credentials=credentials,
    )
    why = judge(case, result)
    return CaseResult(
        suite or loaded.action.name,
        case.name,
        not why,
        why,
        time.perf_counter() - start,
        result,
    )


def run_suite_file(cases_path: Path) -> list[CaseResult]:
    """Every case of one cases file; a broken file or action is one failed result."""
    suite = str(cases_path)
    try:
        cases = read_cases(cases_path)
        action_path = action_file_for(cases_path, cases)
        loaded = load(action_path)
        suite = loaded.action.name
        creds = _credentials(cases, cases_path) if any(c.live for c in cases.cases) else {}
    except DataActionError as exc:
        return [CaseResult(suite, "(load)", False, _first_line(exc))]
    if not cases.cases:
        return [CaseResult(suite, "(load)", False, f"{cases_path}: no cases")]
    results = []
    read: dict[Path, bytes] = {}  # response files, read once for all the cases
    for case in cases.cases:
        try:
            results.append(
                run_case(
                    loaded,
                    case,
                    cases_path=cases_path,
                    credentials=creds,
                    base_url=cases.base_url,
                    suite=suite,
                    read=read,
                )
            )
        except DataActionError as exc:
            results.append(CaseResult(suite, case.name, False, _first_line(exc)))
    return results


def _first_line(exc: DataActionError) -> str:
    return "; ".join(p.render().replace("\n", " ") for p in exc.problems)


def run_suites(
    root: Path, on_result: Callable[[CaseResult], None] | None = None
) -> list[CaseResult]:
    files = find_cases(root)
    if not files:
        raise DataActionError(
            [
                Problem(
                    f"no *.cases.yaml files under {root}",
                    hint="write NAME.cases.yaml next to NAME.yaml (see the README's CI recipe)",
                )
            ]
        )
    out: list[CaseResult] = []
    for f in files:
        for r in run_suite_file(f):
            out.append(r)
            if on_result is not None:
                on_result(r)
    return out


def junit_xml(results: Iterable[CaseResult]) -> str:
    """JUnit XML (one testsuite per action) as CI systems read it."""
    suites: dict[str, list[CaseResult]] = {}
    for r in results:
        suites.setdefault(r.suite, []).append(r)
    root = ET.Element("testsuites", name="dataaction")
    total = failures = 0
    for name, rs in suites.items():
        failed = sum(not r.passed for r in rs)
        total += len(rs)
        failures += failed
        el = ET.SubElement(
            root,
            "testsuite",
            name=name,
            tests=str(len(rs)),
            failures=str(failed),
            errors="0",
            time=f"{sum(r.seconds for r in rs):.4f}",
        )
        for r in rs:
            tc = ET.SubElement(el, "testcase", classname=name, name=r.case, time=f"{r.seconds:.4f}")
            if not r.passed:
                ET.SubElement(tc, "failure", message=r.message).text = r.message
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# -- saving a run as a case ------------------------------------------------------------------


def cases_path_for(action_file: str | Path) -> Path:
    """Where the cases of `action_file` live: `NAME.cases.yaml` next to it."""
    p = Path(action_file)
    name = p.name
    for suffix in ACTION_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return p.with_name(name + ".cases.yaml")


def case_from_run(
    name: str,
    inputs: dict[str, Any],
    response_body: Any,
    result: TestExecutionResult,
    *,
    flatten: bool = False,
) -> dict[str, Any]:
    """A case that pins this run: its inputs, the response it got, and what came out
    (`flatten` when the run flattened its output as Architect does, as the wizard's does)."""
    case: dict[str, Any] = {"name": name, "inputs": dict(inputs)}
    if flatten:
        case["flatten"] = True
    if response_body is not None:
        case["response"] = {"body": response_body}
    failed = failed_step(result)
    if failed is None and isinstance(result.final_result, dict):
        case["expect"] = {"output": result.final_result}
    elif failed is not None:
        case["expect"] = {"fails_at": failed[1]}
    return case


def append_case(path: Path, case: dict[str, Any]) -> int:
    """Add `case` to the cases file (created when missing); returns how many it now has.

    A case with the same name is replaced, so saving the same run twice keeps one case.
    """
    data: dict[str, Any] = {}
    if path.exists():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        data = loaded if isinstance(loaded, dict) else {}
    cases = [c for c in data.get("cases") or [] if c.get("name") != case["name"]]
    cases.append(case)
    data["cases"] = cases
    CasesFile.model_validate(data)  # never write a file the runner would refuse
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
    return len(cases)
