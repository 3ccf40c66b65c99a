"""`dataaction test --suite DIR [--junit FILE]` through the console script, as CI runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).parents[2]
DATAACTION = str(Path(sys.executable).with_name("dataaction"))


def dataaction(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        [DATAACTION, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=cwd,
        check=False,
    )


def test_the_readme_recipe_passes_on_the_examples(tmp_path: Path):
    report = tmp_path / "report.xml"
    proc = dataaction("test", "--suite", str(ROOT / "examples" / "ci"), "--junit", str(report))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 passed, 0 failed (4 cases, 1 action)" in proc.stdout
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == "4" and suite.get("failures") == "0"


def _suite(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "examples" / "weather-by-city.yaml", tmp_path / "weather.yaml")
    shutil.copy(ROOT / "sample_responses" / "weather_current.json", tmp_path / "london.json")
    text = (
        (tmp_path / "weather.yaml")
        .read_text()
        .replace("../sample_responses/weather_current.json", "london.json")
    )
    (tmp_path / "weather.yaml").write_text(text)
    return tmp_path


def test_a_failing_case_exits_1_and_is_a_junit_failure(tmp_path: Path):
    d = _suite(tmp_path)
    (d / "weather.cases.yaml").write_text(
        "cases:\n"
        "  - name: right\n    inputs: {city: London, units: metric}\n"
        "    response: {file: london.json}\n    expect: {output: {temperature: 11.62}}\n"
        "  - name: wrong temperature\n    inputs: {city: London, units: metric}\n"
        "    response: {file: london.json}\n    expect: {output: {temperature: 20}}\n"
        "  - name: expected a failure that does not happen\n"
        "    expect: {fails_at: Execute request}\n"
    )
    report = d / "out.xml"
    proc = dataaction("test", "--suite", str(d), "--junit", str(report))
    assert proc.returncode == 1
    assert "output 'temperature': expected 20, got 11.62" in proc.stdout
    assert "expected a failure at step 'Execute request', but the run passed" in proc.stdout
    assert "1 passed, 2 failed" in proc.stdout
    cases = ET.parse(report).getroot().iter("testcase")
    failures = {c.get("name"): c.find("failure") is not None for c in cases}
    assert failures == {
        "right": False,
        "wrong temperature": True,
        "expected a failure that does not happen": True,
    }


def test_live_case_with_credentials_from_the_environment(tmp_path: Path, local_api):
    local_api.json("/weather", {"name": "Paris", "main": {"temp": 7.5}})
    (tmp_path / "live.yaml").write_text(
        "name: Live weather\n"
        "request:\n"
        f"  url: {local_api.url}/weather?q=$esc.url($input.city)\n"
        "  headers: {Authorization: 'Bearer ${credentials.token}'}\n"
        "inputs: [{name: city, sample: Paris}]\n"
        "outputs: [{name: temperature, path: $.main.temp, type: number}]\n"
    )
    (tmp_path / "live.cases.yaml").write_text(
        "credentials: {token: WEATHER_TOKEN}\n"
        "cases:\n  - name: live Paris\n    live: true\n    expect: {output: {temperature: 7.5}}\n"
    )
    missing = dataaction("test", "--suite", str(tmp_path))
    assert missing.returncode == 1
    assert "$WEATHER_TOKEN is not set" in missing.stdout
    proc = dataaction("test", "--suite", str(tmp_path), env={"WEATHER_TOKEN": "s3cret-t0ken"})
    assert proc.returncode == 0, proc.stdout
    assert local_api.seen[-1].headers["Authorization"] == "Bearer s3cret-t0ken"
    assert "s3cret-t0ken" not in proc.stdout + proc.stderr


def test_bad_cases_files_say_where(tmp_path: Path):
    d = _suite(tmp_path)
    (d / "weather.cases.yaml").write_text("cases:\n  - name: x\n    expekt: {}\n")
    proc = dataaction("test", "--suite", str(d))
    assert proc.returncode == 1
    assert "weather.cases.yaml:3" in proc.stdout and "unknown field 'expekt'" in proc.stdout
    (d / "weather.cases.yaml").unlink()
    (d / "orphan.cases.yaml").write_text("cases: []\n")
    proc = dataaction("test", "--suite", str(d))
    assert proc.returncode == 1 and "no action file next to orphan.cases.yaml" in proc.stdout
    empty = d / "empty"
    empty.mkdir()
    proc = dataaction("test", "--suite", str(empty))
    assert proc.returncode == 2 and "no *.cases.yaml files" in proc.stderr
    proc = dataaction("test", "--junit", "x.xml", "examples/weather-by-city.yaml")
    assert proc.returncode == 2 and "--junit needs --suite" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_saved_run_round_trips(tmp_path: Path):
    """What the wizard's 'save as case' writes is a case the runner passes."""
    from tui.model.formats import load
    from tui.runtime.pipeline import CannedResponse, run_test
    from tui.runtime.suites import append_case, case_from_run, cases_path_for

    d = _suite(tmp_path)
    loaded = load(d / "weather.yaml")
    body = json.loads((d / "london.json").read_text())
    inputs = {"city": "London", "units": "metric"}
    result = run_test(
        loaded.action,
        inputs,
        response=CannedResponse(json.dumps(body)),
        base_url="https://api.mypurecloud.com",
    )
    path = cases_path_for(d / "weather.yaml")
    assert path.name == "weather.cases.yaml"
    assert append_case(path, case_from_run("saved", inputs, body, result)) == 1
    assert append_case(path, case_from_run("saved", inputs, body, result)) == 1  # replaced
    proc = dataaction("test", "--suite", str(d))
    assert proc.returncode == 0, proc.stdout
