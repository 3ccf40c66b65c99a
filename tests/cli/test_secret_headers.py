"""Every place that shows headers hides the same ones: the trace of `dataaction test` masked
`Authorization` but showed `X-Auth` and `Session` values the plain flow hid."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
LITERALS = {
    "X-Auth": "xa-LITERAL-1",
    "Session": "se-LITERAL-2",
    "X-Api-Key": "ak-LITERAL-3",
    "Cookie": "co=LITERAL-4",
}


@pytest.mark.parametrize("fmt", ["--json", "text"])
def test_the_trace_masks_every_credential_header(local_api, tmp_path: Path, fmt: str) -> None:
    local_api.json("/me", {"who": "x"})
    headers = {**LITERALS, "Accept": "application/json"}
    spec = tmp_path / "a.yaml"
    spec.write_text(
        f"name: Masked\nrequest:\n  url: {local_api.url}/me\n  headers: {json.dumps(headers)}\n"
        "outputs: [{name: who, path: $.who}]\n"
    )
    args = [DATAACTION, "test", str(spec)] + ([fmt] if fmt != "text" else [])
    proc = subprocess.run(
        args, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for value in LITERALS.values():
        assert value not in proc.stdout + proc.stderr
    assert "application/json" in proc.stdout  # an ordinary header stays readable
    sent = local_api.seen[-1].headers
    assert sent["X-Auth"] == "xa-LITERAL-1"  # masked in the trace only, sent as written
