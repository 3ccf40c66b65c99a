"""`dataaction new --from-curl` through the console script: a spec file, no secrets in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DATAACTION = str(Path(sys.executable).with_name("dataaction"))


def dataaction(*args: str, cwd: Path):
    return subprocess.run(
        [DATAACTION, *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_from_curl_writes_a_spec_that_validates_and_runs(tmp_path: Path, local_api):
    local_api.json("/v1/customers/42", {"id": 42, "email": "ada@example.com"})
    cmd = (
        f"curl -H 'Authorization: Bearer live-SECRET-1' -H 'Accept: application/json' "
        f"{local_api.url}/v1/customers/{{customerId}}"
    )
    proc = dataaction("new", "--from-curl", cmd, "--name", "Get customer", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    spec = tmp_path / "get-customer.yaml"
    text = spec.read_text()
    assert "live-SECRET-1" not in text + proc.stdout + proc.stderr
    assert "Bearer ${credentials.token}" in text
    assert "credential field(s) token" in proc.stderr
    assert "inputs: customerId" in proc.stderr
    assert dataaction("validate", str(spec), cwd=tmp_path).returncode == 0
    run = dataaction("test", str(spec), "--input", "customerId=42", cwd=tmp_path)
    assert run.returncode == 0, run.stdout
    assert local_api.seen[-1].path == "/v1/customers/42"
    again = dataaction("new", "--from-curl", cmd, "--name", "Get customer", cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr


def test_from_curl_names_the_action_and_reports_bad_lines(tmp_path: Path):
    proc = dataaction(
        "new",
        "--from-curl",
        "curl -X POST https://api.stripe.com/v1/charges -u sk_x: -d amount=5",
        "-o",
        "charge.yaml",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "name: Create charges" in (tmp_path / "charge.yaml").read_text()
    # A path placeholder becomes an escaped input, never part of the name (one namer: plain too).
    got = dataaction(
        "new",
        "--from-curl",
        "curl https://api.example.com/customers/{id}",
        "-o",
        "c.yaml",
        cwd=tmp_path,
    )
    assert got.returncode == 0, got.stderr
    assert "name: Get customers\n" in (tmp_path / "c.yaml").read_text()
    bad = dataaction("new", "--from-curl", "curl -F f=@x.png https://up.example", cwd=tmp_path)
    assert bad.returncode == 1
    assert "multipart" in bad.stderr and "Traceback" not in bad.stderr


OPENAPI = Path(__file__).parents[1] / "model" / "openapi"


def test_from_openapi_lists_then_writes_spec_and_sample(tmp_path: Path):
    listing = dataaction("new", "--from-openapi", str(OPENAPI / "petstore-3.0.yaml"), cwd=tmp_path)
    assert listing.returncode == 2
    assert "3 operations" in listing.stderr and "[showPetById]" in listing.stdout
    proc = dataaction(
        "new",
        "--from-openapi",
        str(OPENAPI / "petstore-3.0.yaml"),
        "--operation",
        "showPetById",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    spec = tmp_path / "info-for-a-specific-pet.yaml"
    assert "sample_response: info-for-a-specific-pet.sample.json" in spec.read_text()
    assert dataaction("validate", str(spec), cwd=tmp_path).returncode == 0
    run = dataaction("test", str(spec), "--sample", "--input", "petId=7", cwd=tmp_path)
    assert run.returncode == 0, run.stdout
    bad = dataaction(
        "new",
        "--from-openapi",
        str(OPENAPI / "petstore-3.0.yaml"),
        "--operation",
        "nope",
        cwd=tmp_path,
    )
    assert bad.returncode == 1 and "no operation 'nope'" in bad.stderr


def test_from_openapi_url(tmp_path: Path, local_api):
    local_api.raw("/openapi.json", (OPENAPI / "repos-3.0.json").read_bytes(), "application/json")
    proc = dataaction(
        "new",
        "--from-openapi",
        local_api.url + "/openapi.json",
        "--operation",
        "GET /repos/{owner}/{repo}/issues",
        "--name",
        "Issues",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Bearer ${credentials.token}" in (tmp_path / "issues.yaml").read_text()


def test_an_input_followed_by_an_extension_is_still_sent(tmp_path: Path, local_api):
    """`/users/{id}.json` (Zendesk's shape): the escaped input must end before `.json`, or
    Velocity reads `.json` as a property of the escaping call and sends the template as text."""
    local_api.json("/users/a+b.json", {"user": {"name": "Ada"}})  # esc.url: form encoding
    cmd = f"curl {local_api.url}/users/{{id}}.json"
    made = dataaction("new", "--from-curl", cmd, "--name", "Get user", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    spec = tmp_path / "get-user.yaml"
    assert "${esc.url(${input.id})}.json" in spec.read_text()
    checked = dataaction("validate", str(spec), cwd=tmp_path)
    assert checked.returncode == 0 and "warning" not in checked.stdout + checked.stderr
    run = dataaction("test", str(spec), "--input", "id=a b", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert local_api.seen[-1].path == "/users/a+b.json"


def test_a_missing_description_is_a_usage_error(tmp_path: Path):
    """README: a path that is not there exits 2 in every command (it exited 1 here)."""
    proc = dataaction("new", "--from-openapi", "nope.yaml", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "no such file: nope.yaml" in proc.stderr and "Traceback" not in proc.stderr


def test_validate_warns_of_a_shorthand_call_read_as_a_property(tmp_path: Path):
    """A hand-written `$esc.url(${input.id}).json` sends `$esc.url(...)` as text (Velocity, and
    Genesys, print a reference they cannot resolve as written): validate says so and how."""
    spec = tmp_path / "ext.yaml"
    spec.write_text(
        "name: Ext\nrequest:\n  url: https://api.example.com/users/$esc.url(${input.id}).json\n"
        "inputs:\n  - {name: id, type: string, sample: '7'}\n"
    )
    checked = dataaction("validate", str(spec), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr  # a warning: the action still deploys
    out = checked.stdout + checked.stderr
    assert "Velocity reads '.json' as a property of what '$esc.url(${input.id})' returns" in out
    assert "write ${esc.url(${input.id})}.json" in out
