"""A spec with hand-edited parts (translation map, success template, contracts) is validated,
tested and deployed exactly like a generated one: the installed console script, a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
# The weather response's shape (OpenWeather style); the hand edits add a mapping the outputs do
# not have (`feels`) and a success template that rounds it.
SPEC = """\
name: {name}
category: Hand edits
request: {{method: GET, url: "https://api.example.com/weather"}}
outputs:
  - {{name: temp, path: $.main.temp, type: number}}
translation_map:
  temp: $.main.temp
  feels: {feels_path}
translation_map_defaults:
  feels: "0"
success_template: '{{"temp": ${{temp}}, "feelsLike": $math.roundTo(0, ${{feels}})}}'
output_schema:
  type: object
  properties:
    temp: {{type: number}}
    feelsLike: {{type: number}}
  additionalProperties: false
"""
RESPONSE = {"main": {"temp": 11.62, "feels_like": 10.71}}


def dataaction(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DATAACTION, *args],
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, "NO_COLOR": "1", **env},
        check=False,
    )


def write_spec(folder: Path, feels_path: str = "$.main.feels_like") -> Path:
    spec = folder / "weather.yaml"
    name = f"Hand edited {uuid.uuid4().hex[:8]}"
    spec.write_text(SPEC.format(name=name, feels_path=feels_path))
    (folder / "response.json").write_text(json.dumps(RESPONSE))
    return spec


def test_validate_and_test_use_the_hand_edited_parts(tmp_path: Path) -> None:
    spec = write_spec(tmp_path)
    checked = dataaction("validate", str(spec))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    run = dataaction(
        "test", str(spec), "--response-file", str(tmp_path / "response.json"), "--json"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["finalResult"] == {"temp": 11.62, "feelsLike": 11}


def test_validate_points_at_a_broken_hand_edited_path(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, feels_path="$.main[feels")
    checked = dataaction("validate", str(spec))
    assert checked.returncode == 1
    line = spec.read_text().splitlines().index("  feels: $.main[feels") + 1
    assert f"{spec}:{line}" in checked.stdout + checked.stderr
    assert "translation_map.feels" in checked.stdout + checked.stderr


def test_deploy_publishes_the_hand_edited_parts(
    user_sandbox: Any, read_back: Any, tmp_path: Path
) -> None:
    spec = write_spec(tmp_path)
    env = {
        "GENESYSCLOUD_OAUTHCLIENT_ID": user_sandbox.client_id,
        "GENESYSCLOUD_OAUTHCLIENT_SECRET": user_sandbox.client_secret,
        "GENESYSCLOUD_REGION": user_sandbox.url,
    }
    plan = dataaction("deploy", str(spec), "--dry-run", "--json", **env)
    assert plan.returncode == 0, plan.stderr
    assert "create" in plan.stdout
    done = dataaction("deploy", str(spec), **env)
    assert done.returncode == 0, done.stdout + done.stderr
    name = spec.read_text().splitlines()[0].removeprefix("name: ")
    got = read_back(user_sandbox.url, name, user_sandbox.client_id, user_sandbox.client_secret)
    response = got["config"]["response"]
    assert response["translationMap"] == {"temp": "$.main.temp", "feels": "$.main.feels_like"}
    assert response["translationMapDefaults"] == {"feels": "0"}
    assert "$math.roundTo(0, ${feels})" in response["successTemplate"]
    schema = got["contract"]["output"]["successSchema"]
    assert schema["additionalProperties"] is False and "feelsLike" in schema["properties"]
