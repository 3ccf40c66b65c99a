"""The Python API, used as a script would: define, validate, test, deploy to the user's sandbox."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.api import DataAction, DataActionError, Input, Output

ROOT = Path(__file__).parents[2]
WEATHER = {"main": {"temp": 12.5}, "weather": [{"description": "light rain"}], "name": "Paris"}


def _weather(name: str = "API weather") -> DataAction:
    return DataAction(
        name,
        category="Weather",
        url="https://api.example.com/weather?q=$esc.url(${input.city})",
        headers={"Accept": "application/json"},
        inputs=[Input("city", sample="Paris", description="city name")],
        outputs=[
            Output("temperature", "$.main.temp", type="number"),
            Output("summary", "$.weather[0].description", default="unknown"),
        ],
    )


@pytest.fixture
def genesys_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, user_sandbox) -> None:
    for k in (
        "GENESYSCLOUD_OAUTHCLIENT_ID",
        "GENESYSCLOUD_OAUTHCLIENT_SECRET",
        "DATAACTION_PROFILE",
    ):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("DATAACTION_CONFIG", str(tmp_path / "none.yaml"))
    for k, v in user_sandbox.env().items():
        monkeypatch.setenv(k, v)


def test_compiles_like_the_cli(tmp_path: Path):
    action = _weather()
    wire = action.to_wire()
    assert wire["config"]["response"]["translationMap"] == {
        "temperature": "$.main.temp",
        "summary": "$.weather[0].description",
    }
    assert wire["config"]["response"]["translationMapDefaults"] == {"summary": '"unknown"'}
    assert wire["contract"]["input"]["inputSchema"]["required"] == ["city"]
    saved = action.save(tmp_path / "weather.yaml")
    out = subprocess.run(
        [str(Path(sys.executable).parent / "dataaction"), "convert", str(saved), "--to", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out)["config"] == wire["config"]
    assert DataAction.load(saved).to_wire() == wire


def test_canned_response_gives_the_output_architect_sees():
    run = _weather().test({"city": "Paris"}, response=WEATHER)
    assert run.success
    assert run.final_result == {"temperature": 12.5, "summary": "light rain"}
    missing = _weather().test(response={"main": {"temp": 3}, "weather": []})
    assert missing.final_result == {"temperature": 3, "summary": "unknown"}


def test_live_call_against_a_real_local_api(local_api):
    local_api.json("/weather", WEATHER)
    action = DataAction(
        "Live weather",
        url=local_api.url + "/weather?q=$esc.url(${input.city})",
        headers={"Authorization": "Bearer ${credentials.token}"},
        inputs=[Input("city", sample="Paris")],
        outputs=[Output("temperature", "$.main.temp", type="number")],
    )
    run = action.test(credentials={"token": "t0k"})
    assert run.success, run.error
    assert local_api.seen[-1].path == "/weather?q=Paris"
    assert local_api.seen[-1].headers["Authorization"] == "Bearer t0k"
    assert "t0k" not in json.dumps(run.to_wire())  # traces mask credential headers


def test_failures_are_the_cli_failures():
    run = _weather().test({}, response=WEATHER)
    assert not run.success
    assert run.operations[-1].name == "Validate input against input schema"
    with pytest.raises(DataActionError) as err:
        DataAction("x", url="https://e.example", method="TRACE")  # type: ignore[arg-type]
    assert "method" in str(err.value)
    bad = DataAction("Bad", url="https://e.example", outputs=[Output("a", "$.[oops")])
    assert any(p.severity == "error" for p in bad.validate())
    with pytest.raises(DataActionError):
        bad.check()


def test_deploy_to_the_sandbox_started_by_the_user(genesys_env, user_sandbox, read_back):
    action = _weather("API weather deploy")
    first = action.deploy()
    assert first.change == "create" and first.version == 1
    again = action.deploy()
    assert again.change == "unchanged"
    got = read_back(
        user_sandbox.url, "API weather deploy", user_sandbox.client_id, user_sandbox.client_secret
    )
    assert got["config"]["response"]["translationMap"]["temperature"] == "$.main.temp"


def test_deploy_refuses_an_invalid_action_without_calling(genesys_env):
    bad = DataAction("Bad deploy", url="https://e.example", outputs=[Output("a", "$.[oops")])
    with pytest.raises(DataActionError):
        bad.deploy()


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text()
    m = re.search(r"## The Python API.*?```python\n(.*?)```", text, re.S)
    assert m, "README has a Python API example"
    return m.group(1)


def test_readme_example_runs(genesys_env, tmp_path: Path):
    """The README's example, run as a script in a fresh interpreter against the user's sandbox."""
    script = tmp_path / "example.py"
    script.write_text(_readme_example())
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "deployed" in out.stdout


def test_mypy_clean_for_callers(tmp_path: Path):
    """A caller's script type-checks against the API (complete hints, no Any leaks)."""
    mypy = Path(sys.executable).parent / "mypy"
    if not mypy.exists():
        pytest.skip("mypy is not installed")
    script = tmp_path / "caller.py"
    script.write_text(_readme_example())
    out = subprocess.run(
        [str(mypy), "--strict", "--follow-imports=silent", str(script)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout


def test_from_openapi_then_map_and_test_offline():
    spec_file = ROOT / "tests" / "model" / "openapi" / "repos-3.0.json"
    action, sample = DataAction.from_openapi(spec_file, "issues/list-for-repo", name="Issues")
    action.add_output(Output("firstTitle", "$[0].title"))
    run = action.test(
        {"owner": "octo", "repo": "hello"}, response=sample, credentials={"token": "t"}
    )
    assert run.success, run.error
    assert run.final_result == {"firstTitle": "Found a bug"}
    assert "Bearer ${credentials.token}" in action.to_yaml()
