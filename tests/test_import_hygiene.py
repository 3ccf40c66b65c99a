"""Non-TUI commands never import Textual or the Genesys SDK (they are slow and heavy), and the
file commands never import pydantic: a well-formed file is checked by the records alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "textual",
    "PureCloudPlatformClientV2",
    "questionary",
    "starlette",
    "uvicorn",
    "pydantic",
    "pydantic_core",
)

PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "heavy": sorted(m for m in sys.modules if m.split('.')[0] in %r)}))
"""


def run(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


SPEC = """\
name: Hygiene
request: {method: GET, url: "https://example.invalid/x"}
outputs: [{name: a, path: $.a, type: string}]
"""


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "{spec}"),
        ("test", "{spec}", "--response-file", "{body}", "--json"),
        ("convert", "{spec}", "--to", "hcl"),
    ],
)
def test_core_commands_stay_light(tmp_path: Path, args: tuple[str, ...]) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(SPEC)
    body = tmp_path / "body.json"
    body.write_text('{"a": "x"}')
    argv = [a.format(spec=spec, body=body) for a in args]
    result = run(*argv)
    assert result["heavy"] == []
    assert result["code"] == 0


def test_help_stays_light() -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()}
    assert not imported & set(HEAVY)
    assert "deploy" in proc.stdout and "validate" in proc.stdout


def test_httpx_loads_without_its_command_line_client() -> None:
    # httpx imports its CLI (rich, pygments, click) when they are installed; the console
    # script declines that import and httpx keeps its own "not available" main instead.
    code = (
        "import sys\n"
        "from tui.cli import skip_httpx_command_line\n"
        "skip_httpx_command_line()\n"
        "import httpx\n"
        "print(sorted(m for m in ('rich', 'pygments', 'click') if m in sys.modules))\n"
        "print(callable(httpx.main), httpx.Client.__name__)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.stdout.split("\n")[:2] == ["[]", "True Client"], proc.stderr
