"""Files other tools read, written through the console script: an export keeps each action's
integration type, names that collide never overwrite, and a Terraform folder declares the
provider and the `integration_id` variable once however many files it gets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    return subprocess.run(
        [DATAACTION, *args], capture_output=True, text=True, timeout=120, cwd=cwd,
        env={**base, "NO_COLOR": "1", "DATAACTION_CONFIG": str(cwd / "none.yaml"), **(env or {})},
        check=False,
    )  # fmt: skip


def _declarations(folder: Path) -> tuple[int, int]:
    text = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.tf"))
    return len(re.findall(r"required_providers", text)), len(
        re.findall(r'variable "integration_id"', text)
    )


def test_converting_two_exports_into_one_folder_declares_once(tmp_path: Path) -> None:
    out = tmp_path / "module"
    out.mkdir()
    exports = sorted(EXAMPLES.glob("*.custom.json"))[:2]
    for n, export in enumerate(exports):
        got = _run(["convert", str(export), "--to", "tf", "-o", str(out / f"a{n}.tf")], tmp_path)
        assert got.returncode == 0, got.stderr
        assert "names no category" in got.stderr  # the UI export has none: said, then filled
    assert _declarations(out) == (1, 1)
    got = _run(["validate", str(out)], tmp_path)
    assert got.returncode == 0 and got.stdout.count(": valid") == 2, got.stdout
    if shutil.which("terraform"):
        fmt = subprocess.run(
            ["terraform", "fmt", "-check", str(out)], capture_output=True, text=True,
            env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull}, check=False,
        )  # fmt: skip
        assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def _spec(folder: Path, name: str, url: str) -> Path:
    path = folder / f"{uuid.uuid4().hex[:8]}.yaml"
    kind = "purecloud-data-actions" if url.startswith("/api/v2/") else "custom-rest-actions"
    path.write_text(
        f"name: {json.dumps(name)}\ncategory: Export Names\nintegration_type: {kind}\n"
        f"request:\n  url: {url}\noutputs: [{{name: id, path: $.id}}]\n",
        encoding="utf-8",
    )
    return path


def test_export_keeps_types_and_never_overwrites(user_sandbox, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:6]
    names = [f"Slash {tag} A/B", f"Slash {tag} A:B"]  # both become the file name ...-A-B
    files = [
        _spec(tmp_path, names[0], "/api/v2/users/me"),
        _spec(tmp_path, names[1], "https://api.example.com/x"),
    ]
    env = user_sandbox.env()
    got = _run(["deploy", *map(str, files)], tmp_path, env)
    assert got.returncode == 0, got.stdout + got.stderr
    for fmt in ("custom-json", "hcl"):
        out = tmp_path / f"out-{fmt}"
        got = _run(
            ["export", "--category", "Export Names", "--format", fmt, "--out", str(out), "--json"],
            tmp_path,
            env,
        )
        assert got.returncode == 0, got.stdout + got.stderr
        written = [Path(f) for f in json.loads(got.stdout)["files"] if tag in Path(f).name]
        assert len(written) == 2 and len({p.name for p in written}) == 2
        if fmt == "custom-json":
            kinds = {
                json.loads(p.read_text())["name"]: json.loads(p.read_text())["integrationType"]
                for p in written
            }
            assert kinds == {names[0]: "purecloud-data-actions", names[1]: "custom-rest-actions"}
        else:
            assert _declarations(out) == (1, 0)  # exported actions name their integration id


@pytest.mark.parametrize("escape", ["\b", "\f", "\x01", "\\b", "\\\f"])
def test_written_hcl_uses_only_hcl_escapes(escape: str, tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(
        "name: Escapes\nrequest:\n  method: POST\n  url: https://x.example/a\n"
        f"  body: {json.dumps('before' + escape + 'after')}\n",
        encoding="utf-8",
    )
    got = _run(["convert", str(spec), "--to", "hcl", "-o", str(tmp_path / "a.tf")], tmp_path)
    assert got.returncode == 0, got.stderr
    text = (tmp_path / "a.tf").read_text(encoding="utf-8")
    # no `\b`/`\f` escape (an escaped backslash followed by a letter is text, and stays so)
    assert re.search(r"(?<!\\)(\\\\)*\\[bf]", text) is None, text
    back = _run(["convert", str(tmp_path / "a.tf"), "--to", "json"], tmp_path)
    assert json.loads(back.stdout)["config"]["request"]["requestTemplate"] == f"before{escape}after"


# As the exporter writes a Velocity template holding a literal `${` or `%{`: escaped `$${`/`%%{`
# that no `}` closes in the same string (python-hcl2 ran such a token on to the next `}`).
UNCLOSED_ESCAPES = """\
resource "genesyscloud_integration_action" "lookup" {
  name           = "Lookup"
  category       = "Tools"
  integration_id = var.integration_id
  contract_input = jsonencode({
    "type"       = "object"
    "properties" = { "q" = { "type" = "string", "description" = "a %%{ marker" } }
  })
  contract_output = jsonencode({ "type" = "object", "properties" = {} })
  config_request {
    request_url_template = "https://api.example.com/find?q=$${input.q"
    request_type         = "POST"
    request_template     = "{\\"raw\\": \\"$${\\"}"
    headers = {
      "X-Note" = "}"
    }
  }
  config_response {
    success_template = <<-EOT
      {"got": "$${rawResult}"}
    EOT
  }
}
"""


def test_terraform_escapes_without_a_closing_brace_read_exactly(tmp_path: Path) -> None:
    tf = tmp_path / "lookup.tf"
    tf.write_text(UNCLOSED_ESCAPES)
    got = _run(["convert", str(tf), "--to", "json", "-o", "lookup.json"], tmp_path)
    assert got.returncode == 0, got.stdout + got.stderr
    wire = json.loads((tmp_path / "lookup.json").read_text())
    request = wire["config"]["request"]
    assert request["requestUrlTemplate"] == "https://api.example.com/find?q=${input.q"
    assert request["requestTemplate"] == '{"raw": "${"}'
    assert request["headers"] == {"X-Note": "}"}  # not swallowed into the template before it
    assert wire["config"]["response"]["successTemplate"].strip() == '{"got": "${rawResult}"}'
    described = wire["contract"]["input"]["inputSchema"]["properties"]["q"]["description"]
    assert described == "a %{ marker"
    again = _run(["convert", "lookup.json", "--to", "hcl", "-o", "again.tf"], tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    back = _run(["convert", "again.tf", "--to", "json", "-o", "back.json"], tmp_path)
    assert back.returncode == 0, back.stdout + back.stderr
    assert json.loads((tmp_path / "back.json").read_text()) == wire
