"""`dataaction test --assume NAME=VALUE`: the uncertain rules switched through the console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tui.runtime.assumptions import RULES

DATAACTION = str(Path(sys.executable).with_name("dataaction"))

SPEC = """\
name: Assumed
request:
  url: https://api.example.com/people/${{input.id}}
inputs:
  - {{name: id, type: string, sample: p-7}}
outputs:
  - {{name: pets, path: "$.pets", type: array, items: string}}
  - {{name: name, path: "$.name"}}
success_template: |-
  {template}
sample_response: person.json
"""


def dataaction(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DATAACTION, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=cwd,
        check=False,
    )


def write(tmp_path: Path, template: str) -> Path:
    (tmp_path / "person.json").write_text('{"name": "Ada", "pets": []}')
    spec = tmp_path / "a.yaml"
    spec.write_text(SPEC.format(template=template))
    return spec


def final(proc: subprocess.CompletedProcess[str]) -> object:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)["finalResult"]


def test_first_from_array_on_an_empty_array(tmp_path: Path) -> None:
    spec = write(tmp_path, '{"pet": "$successTemplateUtils.firstFromArray(${pets})"}')
    assert final(dataaction("test", str(spec), "--sample", "--json", cwd=tmp_path)) == {"pet": ""}
    switched = dataaction(
        "test", str(spec), "--sample", "--json", "--assume", "first-from-array-empty=null",
        cwd=tmp_path,
    )  # fmt: skip
    assert final(switched) == {"pet": "null"}
    failing = dataaction(
        "test", str(spec), "--sample", "--assume", "first-from-array-empty=error", cwd=tmp_path
    )
    assert failing.returncode == 1
    assert "7. Resolve success template" in failing.stdout and "empty" in failing.stdout


def test_success_template_input_and_lenient_json(tmp_path: Path) -> None:
    spec = write(tmp_path, "{'name': ${name}, 'who': \"${input.id}\",}")
    strict = dataaction("test", str(spec), "--sample", cwd=tmp_path)
    assert strict.returncode == 1 and "invalid JSON" in strict.stdout
    both = dataaction(
        "test", str(spec), "--sample", "--json",
        "--assume", "success-json=lenient", "--assume", "success-input=visible",
        cwd=tmp_path,
    )  # fmt: skip
    assert final(both) == {"name": "Ada", "who": "p-7"}
    hidden = dataaction(
        "test", str(spec), "--sample", "--json", "--assume", "success-json=lenient", cwd=tmp_path
    )
    assert final(hidden) == {"name": "Ada", "who": "${input.id}"}


def test_a_wrong_assumption_is_a_usage_error_naming_the_choices(tmp_path: Path) -> None:
    spec = write(tmp_path, '{"name": ${name}}')
    proc = dataaction("test", str(spec), "--sample", "--assume", "success-json=loose", cwd=tmp_path)
    assert proc.returncode == 2 and "strict, lenient" in proc.stderr
    proc = dataaction("test", str(spec), "--sample", "--assume", "nonsense", cwd=tmp_path)
    assert proc.returncode == 2
    assert all(rule.name in proc.stderr for rule in RULES)
    assert "Traceback" not in proc.stderr
