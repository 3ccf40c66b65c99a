"""Org commands load only what they use: a few SDK models, no httpx command line, no
pydantic-settings (a real export against the embedded sandbox)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_export_against_the_sandbox_loads_little(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "DATAACTION_CONFIG": str(tmp_path / "no")}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "export", "--format", "yaml", "--out", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["code"] == 1  # an empty org: nothing to export, after a full round trip
    assert "no published data actions" in proc.stderr
    names = set(result["modules"])
    assert "PureCloudPlatformClientV2.apis.integrations_api" in names
    models = [n for n in names if n.startswith("PureCloudPlatformClientV2.models.")]
    assert 0 < len(models) < 150, len(models)  # of ~6,600
    heavy = {n.split(".")[0] for n in names} & {"rich", "pygments", "pydantic_settings"}
    assert not heavy, heavy
