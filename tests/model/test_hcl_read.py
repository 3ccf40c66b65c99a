"""The Terraform reader: what it makes of each expression kind agrees with Terraform itself, and
what it cannot evaluate is kept as written and named."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tui.model.formats import dump, load, load_all

# Each local is an expression kind real data-action files use; Terraform must agree on its value.
EXPRESSIONS = r"""
locals {
  base     = "https://api.example.com"
  plain    = "a\tb \"q\" \u00e9 $${input.x} %%{y} \\ end"
  template = "${local.base}/users/$${input.id}"
  heredoc  = <<EOT
{"a": $${a}}
  indented line
EOT
  trimmed  = <<-EOT
      {
        "b": "$${input.b}"
      }

    EOT
  encoded  = jsonencode({ "z" = 1, a = [true, null], "k<" = "v&" })
  joined   = format("%s-%d", "x", 7)
  merged   = merge({ a = 1 }, { b = "two" })
  cleaned  = trimspace("  spaced  ")
}
"""
NAMES = ["plain", "template", "heredoc", "trimmed", "encoded", "joined", "merged", "cleaned"]


def _ours(tmp_path: Path) -> dict[str, object]:
    from tui.model.hcl_eval import Scope, evaluate
    from tui.model.hcl_read import _collect_hcl, _Module

    module = _Module(Scope(tmp_path))
    _collect_hcl(module, EXPRESSIONS, "locals.tf")
    return {n: evaluate(module.scope.locals[n], module.scope, EXPRESSIONS) for n in NAMES}


def test_expression_values(tmp_path: Path) -> None:
    got = _ours(tmp_path)
    assert got["plain"] == 'a\tb "q" é ${input.x} %{y} \\ end'
    assert got["template"] == "https://api.example.com/users/${input.id}"
    assert got["heredoc"] == '{"a": ${a}}\n  indented line\n'
    assert got["trimmed"] == '{\n  "b": "${input.b}"\n}\n\n'
    assert got["encoded"] == '{"a":[true,null],"k\\u003c":"v\\u0026","z":1}'


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH")
def test_terraform_agrees_on_every_expression(tmp_path: Path) -> None:
    (tmp_path / "locals.tf").write_text(
        EXPRESSIONS + "".join(f'output "{n}" {{\n  value = local.{n}\n}}\n' for n in NAMES)
    )
    env = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "CHECKPOINT_DISABLE": "1"}
    for step in (["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]):
        done = subprocess.run(
            ["terraform", *step], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
    outputs = subprocess.run(
        ["terraform", "output", "-json"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    theirs = {k: v["value"] for k, v in json.loads(outputs.stdout).items()}
    assert _ours(tmp_path) == theirs


RESOURCE = """
variable "integration_id" {}
resource "genesyscloud_integration_action" "a" {
  name           = "Refs" # a comment
  category       = var.category
  integration_id = var.integration_id
  contract_input = jsonencode({ type = "object", properties = {} })
  contract_output = jsonencode({ type = "object", properties = {} })
  config_request {
    // a comment inside the block, as in the provider's own example
    request_url_template = "${var.base}/x"
    request_type         = "GET"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}
"""


def test_unresolved_references_are_named_and_kept(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    main.write_text(RESOURCE, encoding="utf-8")
    loaded = load(main)
    warnings = [p.message for p in loaded.problems]
    assert any("var.category could not be resolved" in w for w in warnings)
    assert any("var.base could not be resolved" in w for w in warnings)
    assert not any("integration_id" in w for w in warnings)  # Terraform supplies that one
    written = dump(loaded, "hcl")
    assert "category       = var.category" in written
    assert 'request_url_template = "${var.base}/x"' in written
    (tmp_path / "vars.tf").write_text(
        'variable "category" {\n  default = "Ops"\n}\nlocals {\n  unused = 1\n}\n'
        'variable "base" {\n  default = "https://b.example"\n}\n'
    )
    resolved = load(main)
    assert resolved.problems == [] and resolved.action.category == "Ops"
    assert resolved.action.request.request_url_template == "https://b.example/x"


def test_every_resource_of_a_file_and_a_folder(tmp_path: Path) -> None:
    second = RESOURCE.replace('"a" {', '"b" {').replace('"Refs"', '"Refs Two"')
    (tmp_path / "main.tf").write_text(RESOURCE + second.replace('variable "integration_id" {}', ""))
    (tmp_path / "other.tf").write_text(
        second.replace('"b" {', '"c" {').replace('variable "integration_id" {}', "")
    )
    assert [a.resource for a in load_all(tmp_path / "main.tf")] == ["a", "b"]
    assert sorted(a.resource or "" for a in load_all(tmp_path)) == ["a", "b", "c"]
    assert load(f"{tmp_path / 'main.tf'}#b").action.name == "Refs Two"
