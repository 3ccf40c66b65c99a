"""The real-world corpus (cases.yaml): every definition validates as expected, converts to every
format and back, writes Terraform that `terraform fmt` and Terraform itself accept, and deploys
to the sandbox and reads back through the official SDK as the same action."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tui.model.compile import canonical
from tui.model.formats import EXTENSIONS, FORMATS, Loaded, dump, load, load_all
from tui.model.hcl import default_category
from tui.model.problems import DataActionError, Problem
from tui.runtime.pipeline import CannedResponse
from tui.runtime.validation import has_errors, validate_action

CORPUS = Path(__file__).resolve().parent
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
DATAACTION = str(Path(sys.executable).with_name("dataaction"))
TERRAFORM = shutil.which("terraform")


def case_id(case: dict[str, Any]) -> str:
    return case["file"] + (f"#{case['resource']}" if case.get("resource") else "")


IDS = [case_id(c) for c in CASES]


@cache
def _loaded_file(file: str) -> tuple[Loaded, ...]:
    return tuple(load_all(CORPUS / file))


def loaded_of(case: dict[str, Any]) -> Loaded:
    found = [
        item
        for item in _loaded_file(case["file"])
        if case.get("resource") is None or item.resource == case["resource"]
    ]
    assert len(found) == 1, f"{case_id(case)} names {len(found)} actions"
    return found[0]


def problems_of(loaded: Loaded) -> list[Problem]:
    sample = None
    if loaded.spec is not None and loaded.spec.sample_response:
        sample = CannedResponse(
            (Path(loaded.file).parent / loaded.spec.sample_response).read_bytes()
        )
    return validate_action(loaded.action, loaded=loaded, sample=sample)


def params(select: Any = None, *, verdicts: bool = False) -> list[Any]:
    """Cases as parameters; `verdicts`: a case waiting for a runtime feature is an xfail."""
    out = []
    for case in CASES:
        if select is not None and not select(case):
            continue
        waiting = verdicts and case.get("xfail")
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=False)] if waiting else []
        out.append(pytest.param(case, id=case_id(case), marks=marks))
    return out


# -- the manifest ------------------------------------------------------------------------------


def test_the_corpus_is_big_described_and_complete() -> None:
    assert len(CASES) >= 120
    assert all(c["mirrors"] and c["seen"] for c in CASES), "each case says what it mirrors"
    listed = {(CORPUS / c["file"]).resolve() for c in CASES}
    action_files = [
        p
        for p in CORPUS.rglob("*")
        if p.is_file()
        and p.name.endswith((".tf", ".tf.json", ".json", ".yaml"))
        and "responses" not in p.parts
        and "contracts" not in p.parts
        and p.name != "cases.yaml"
    ]
    for path in action_files:
        assert any(path == f or f in path.parents for f in listed), f"{path} has no case"
    by_format = {fmt: 0 for fmt in FORMATS}
    for case in CASES:
        by_format[loaded_of(case).format] += 1
    assert all(n >= 15 for n in by_format.values()), by_format
    names = [loaded_of(c).action.name.lower() for c in CASES if c["deploy"]]
    assert len(names) == len(set(names)), "deployable names are unique (one sandbox org)"


# -- validate ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", params(verdicts=True))
def test_validate_gives_the_expected_verdict(case: dict[str, Any]) -> None:
    problems = problems_of(loaded_of(case))
    verdict = "invalid" if has_errors(problems) else "valid"
    text = "\n".join(p.render() for p in problems)
    assert verdict == case["verdict"], text
    errors = [p.message for p in problems if p.severity == "error"]
    warnings = [p.message for p in problems if p.severity == "warning"]
    for expected in case.get("errors", []):
        assert any(expected in m for m in errors), (expected, text)
    for expected in case.get("warnings", []):
        assert any(expected in m for m in warnings), (expected, text)
    for p in problems:
        if p.severity == "error":
            assert p.file and p.field, f"an error says where it is: {p.render()}"
            if "translationMapDefaults" in p.field or "defaults" in p.field or "default" in p.field:
                assert p.line is not None, f"a default is reported with file:line: {p.render()}"


def test_the_console_script_validates_the_whole_corpus(tmp_path: Path) -> None:
    """One `dataaction validate --json` over every folder: the same verdicts, no internal error."""
    paths = {CORPUS / c["file"] for c in CASES}
    folders = sorted({p if p.is_dir() else p.parent for p in paths})  # validate DIR, per folder
    proc = subprocess.run(
        [DATAACTION, "validate", "--json", *map(str, folders)],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert "internal error" not in proc.stderr + proc.stdout
    report = {entry["file"]: entry for entry in json.loads(proc.stdout)}
    for case in CASES:
        loaded = loaded_of(case)
        name = loaded.file + (f"#{loaded.resource}" if loaded.resource else "")
        if case.get("xfail"):
            continue
        assert name in report, name
        assert report[name]["valid"] is (case["verdict"] == "valid"), report[name]
    assert proc.returncode == 1  # the corpus holds invalid cases on purpose


# -- conversions -------------------------------------------------------------------------------


def _comparable(loaded: Loaded, fmt: str) -> dict[str, Any]:
    """What format `fmt` holds of an action: custom-json keeps no id, version, category or
    integration; Terraform needs a category (the integration's name when there is none)."""
    wire = canonical(loaded.action)
    for key in ("id", "version", "selfUri"):
        wire.pop(key, None)
    if fmt == "custom-json":
        wire = {k: wire[k] for k in ("name", "config", "contract", "secure")}
    if fmt == "hcl" and loaded.action.category is None:
        wire["category"] = default_category(loaded.integration_type)
    return wire


def _convertible(case: dict[str, Any]) -> bool:
    loaded = loaded_of(case)
    return not loaded.unresolved and loaded.function is None


@pytest.mark.parametrize("case", params(_convertible))
def test_every_conversion_round_trips(case: dict[str, Any], tmp_path: Path) -> None:
    source = loaded_of(case)
    work = tmp_path / "work"
    if source.format == "hcl":  # file("${path.module}/...") stays a reference: keep its folder
        shutil.copytree(Path(source.file).parent, work)
    else:
        work.mkdir()
    for fmt in FORMATS:
        target = work / f"roundtrip_{fmt}{EXTENSIONS[fmt]}"  # type: ignore[index]
        target.write_text(dump(source, fmt), encoding="utf-8")  # type: ignore[arg-type]
        back = load(target)
        assert back.format == fmt
        assert _comparable(back, fmt) == _comparable(source, fmt), fmt
        assert (back.integration_type, back.action_type) == (
            source.integration_type,
            source.action_type if fmt != "hcl" else "custom",  # Terraform manages custom ones
        ), fmt
        # and back into the source's own format, unchanged
        again = work / f"roundtrip_again{EXTENSIONS[source.format]}"
        again.write_text(dump(back, source.format), encoding="utf-8")
        assert _comparable(load(again), fmt) == _comparable(source, fmt), (fmt, "again")


@pytest.mark.parametrize("case", params(lambda c: loaded_of(c).format == "custom-json"))
def test_custom_json_round_trip_is_byte_identical(case: dict[str, Any]) -> None:
    path = CORPUS / case["file"]
    assert dump(load(path), "custom-json") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", params(lambda c: loaded_of(c).format == "hcl"))
def test_terraform_references_stay_references(case: dict[str, Any]) -> None:
    loaded = loaded_of(case)
    written = dump(loaded, "hcl")
    for ref in loaded.references.values():
        assert ref.source in written, ref.source
    assert "$${" in written or "${input" not in written


# -- Terraform itself --------------------------------------------------------------------------


def _written_module(tmp_path: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    """Every convertible case written as Terraform into one folder, declarations once; and the
    API JSON each output must equal."""
    folder = tmp_path / "module"
    folder.mkdir()
    expected: dict[str, dict[str, Any]] = {}
    first = True
    for n, case in enumerate(c for c in CASES if _convertible(c) and not c.get("xfail")):
        loaded = loaded_of(case)
        if loaded.references:  # another resource's id cannot be evaluated without its provider
            continue
        text = dump(loaded, "hcl", provider=first, variable=first)
        first = False
        label = f"case_{n}"
        text = text.replace(f'"{_label_of(text)}" {{', f'"{label}" {{', 1)
        (folder / f"{label}.tf").write_text(text, encoding="utf-8")
        expected[label] = _comparable(loaded, "hcl")
    return folder, expected


def _label_of(text: str) -> str:
    line = next(ln for ln in text.splitlines() if ln.startswith('resource "genesyscloud'))
    return line.split('"')[3]


def _as_outputs(text: str, label: str) -> str:
    """The resource as an output of the same attributes: Terraform evaluates every string."""
    out = []
    for line in text.splitlines():
        if line.startswith("terraform {") or line.startswith("variable "):
            return ""  # declarations are handled by the caller
        if line.startswith('resource "genesyscloud_integration_action"'):
            out.append(f'output "{label}" {{\n  value = {{')
        elif line.strip() in ("config_request {", "config_response {"):
            out.append(line.replace(" {", " = {"))
        elif line == "}":
            out.append("  }\n}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _terraform(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TF_CLI_CONFIG_FILE": os.devnull,
        "TF_IN_AUTOMATION": "1",
        "CHECKPOINT_DISABLE": "1",
    }
    return subprocess.run(
        ["terraform", *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env, check=False
    )  # fmt: skip


@pytest.mark.skipif(
    TERRAFORM is None, reason="terraform is not on PATH (see the python-hcl2 checks)"
)
def test_written_terraform_is_fmt_clean_and_evaluates_to_the_api_json(tmp_path: Path) -> None:
    folder, expected = _written_module(tmp_path)
    assert len(expected) >= 60
    fmt = _terraform(["fmt", "-check", "-diff", "."], folder)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    evaluate = tmp_path / "evaluate"
    evaluate.mkdir()
    (evaluate / "vars.tf").write_text('variable "integration_id" {\n  type = string\n}\n')
    for file in folder.glob("*.tf"):
        text = file.read_text(encoding="utf-8")
        body = text[text.index('resource "') :]
        (evaluate / file.name).write_text(_as_outputs(body, file.stem), encoding="utf-8")
    for step in (
        ["init", "-input=false"],
        ["apply", "-auto-approve", "-input=false", "-var", "integration_id=x"],
    ):
        done = _terraform(step, evaluate)
        assert done.returncode == 0, done.stdout + done.stderr
    outputs = json.loads(_terraform(["output", "-json"], evaluate).stdout)
    assert set(outputs) == set(expected)
    for label, want in expected.items():
        got = outputs[label]["value"]
        config = want["config"]
        assert got["name"] == want["name"] and got["category"] == want["category"], label
        assert json.loads(got["contract_input"]) == want["contract"]["input"]["inputSchema"]
        assert json.loads(got["contract_output"]) == want["contract"]["output"]["successSchema"]
        request, response = got.get("config_request", {}), got.get("config_response", {})
        assert request.get("request_url_template") == config["request"]["requestUrlTemplate"]
        assert (
            request.get("request_template", "${input.rawRequest}")
            == config["request"]["requestTemplate"]
        ), label
        assert request.get("headers", {}) == config["request"]["headers"], label
        assert response.get("translation_map", {}) == config["response"]["translationMap"]
        assert (
            response.get("translation_map_defaults", {})
            == config["response"]["translationMapDefaults"]
        )
        assert (
            response.get("success_template", "${rawResult}")
            == config["response"]["successTemplate"]
        ), label


def test_written_terraform_alignment_without_terraform(tmp_path: Path) -> None:
    """What `terraform fmt` checks, in Python (runs with or without terraform): in each run of
    one-line attributes at one indentation, every `=` is in one column; a multi-line value
    ends the run."""
    folder, _ = _written_module(tmp_path)
    for file in folder.glob("*.tf"):
        run: list[str] = []
        for line in [*file.read_text(encoding="utf-8").splitlines(), ""]:
            m = ATTRIBUTE.match(line)
            one_line = m is not None and not line.rstrip().endswith(("{", "(", "["))
            if one_line and run and _indent(run[-1]) == _indent(line):
                run.append(line)
                continue
            assert len({r.index("= ") for r in run}) <= 1, (file.name, run)
            run = [line] if one_line else []


ATTRIBUTE = re.compile(r'^\s*("[^"]*"|[A-Za-z_][\w-]*)\s*= ')


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# -- deploy and read back ---------------------------------------------------------------------


def _deployable() -> list[dict[str, Any]]:
    return [c for c in CASES if c["deploy"] and not c.get("xfail")]


def test_deploy_and_read_back_through_the_sdk(user_sandbox: Any, tmp_path: Path) -> None:
    """`dataaction deploy` of every deployable case into a sandbox a user starts, then each
    action read back with the official SDK and compared with the file."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    env = {
        **base,
        **user_sandbox.env(),
        "NO_COLOR": "1",
        "DATAACTION_CONFIG": str(tmp_path / "no.yaml"),
    }
    import PureCloudPlatformClientV2 as sdk

    client = sdk.ApiClient(host=user_sandbox.url).get_client_credentials_token(
        user_sandbox.client_id, user_sandbox.client_secret
    )
    api = sdk.IntegrationsApi(client)
    # API JSON names its own org's integration: deployed elsewhere, it takes --integration
    # (one run per integration type), as a person moving actions between orgs does.
    batches: dict[str | None, list[str]] = {}
    for case in _deployable():
        loaded = loaded_of(case)
        kind = loaded.integration_type if loaded.format == "api" else None
        target = CORPUS / (case_id(case) if case.get("resource") else case["file"])
        batches.setdefault(kind, []).append(str(target))
    for kind, files in batches.items():
        extra = []
        if kind is not None:
            extra = ["--integration", api.get_integrations(integration_type=kind).entities[0].id]
        proc = subprocess.run(
            [DATAACTION, "deploy", "--json", *extra, *files], capture_output=True, text=True,
            timeout=600, env=env, cwd=tmp_path, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for case in _deployable():
        loaded = loaded_of(case)
        name = _deployed_name(loaded)
        listing = api.get_integrations_actions(name=name, page_size=100)
        (found,) = [a for a in listing.entities if a.name == name]
        got = api.get_integrations_action(found.id, expand="contract", include_config=True)
        remote = client.sanitize_for_serialization(got)
        local = client.sanitize_for_serialization(
            client._ApiClient__deserialize(canonical(loaded.action), "Action")  # the SDK's view
        )
        for part in ("config", "contract"):
            assert _without_uris(remote[part]) == _without_uris(local[part]), (case_id(case), part)
        assert remote["secure"] == local["secure"], case_id(case)


def _deployed_name(loaded: Loaded) -> str:
    from tui.commands._genesys import without_export_suffix

    return without_export_suffix(loaded).action.name


def _without_uris(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_uris(v) for k, v in node.items() if not k.endswith("Uri")}
    return node


def test_a_terraform_reference_without_value_is_named_on_deploy(
    user_sandbox: Any, tmp_path: Path
) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    env = {**base, **user_sandbox.env(), "NO_COLOR": "1"}
    proc = subprocess.run(
        [DATAACTION, "deploy", str(CORPUS / "tf/module-no-defaults")], capture_output=True,
        text=True, timeout=120, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert proc.returncode == 1 and "var.action_name" in proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr


def test_loading_a_multi_resource_file_without_a_name_says_how(tmp_path: Path) -> None:
    with pytest.raises(DataActionError) as exc:
        load(CORPUS / "tf/catalogue.tf")
    assert "#" in exc.value.problems[0].hint
