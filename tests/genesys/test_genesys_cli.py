"""The deploy/export/import/delete/test --remote commands, run through argparse as the CLI does."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from tests.genesys.genesys_helpers import new_org_target, run, write_spec
from tui.genesys.errors import EXIT_API, EXIT_AUTH, EXIT_OK, EXIT_USAGE, EXIT_VALIDATION

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def test_deploying_the_examples_twice_changes_nothing_the_second_time(org_env, capsys) -> None:
    assert EXAMPLES, "the examples directory has YAML specs"
    files = [str(p) for p in EXAMPLES]
    code, out, err = run(["deploy", *files], capsys)
    assert code == EXIT_OK, out + err
    assert f"{len(files)} created" in out
    code, out, _ = run(["deploy", "--json", *files], capsys)
    report = json.loads(out)
    assert code == EXIT_OK and report["ok"]
    assert {p["change"] for p in report["plan"]} == {"unchanged"}
    assert report["requests"]["writes"] == 0


def test_dry_run_shows_a_diff_and_detailed_exit_code(org_env, tmp_path, capsys) -> None:
    spec = write_spec(tmp_path / "a.yaml", "Dry")
    code, out, _ = run(["deploy", "--dry-run", "--detailed-exitcode", str(spec)], capsys)
    assert code == EXIT_VALIDATION and "+ Dry: create" in out
    assert run(["deploy", str(spec)], capsys)[0] == EXIT_OK
    write_spec(spec, "Dry", url="https://other.example/${input.city}")
    code, out, _ = run(["deploy", "--dry-run", str(spec)], capsys)
    assert code == EXIT_OK
    assert (
        "~ Dry: update (version 1)" in out
        and "+    requestUrlTemplate: https://other.example" in out
    )


def test_bad_file_is_reported_with_its_place_and_nothing_is_sent(org_env, tmp_path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\nrequest:\n  url: https://x.example\n  method: FETCH\n")
    code, _, err = run(["deploy", str(bad)], capsys)
    assert code == EXIT_VALIDATION
    assert f"{bad}:4" in err and "method" in err and "Traceback" not in err


def test_export_import_delete_round_trip(org_env, tmp_path, capsys) -> None:
    spec = write_spec(tmp_path / "a.yaml", "Round Trip")
    assert run(["deploy", str(spec)], capsys)[0] == EXIT_OK
    for fmt in ("yaml", "custom-json", "hcl"):
        code, out, err = run(
            ["export", "--name", "Round Trip", "--format", fmt, "--out", str(tmp_path / fmt)],
            capsys,
        )
        assert code == EXIT_OK, err
        assert len(out.split()) == 1 and Path(out.strip()).exists()
    exported = Path(next((tmp_path / "yaml").iterdir()))
    code, out, _ = run(["deploy", "--json", str(exported)], capsys)
    assert json.loads(out)["plan"][0]["change"] == "unchanged"

    custom = next((tmp_path / "custom-json").iterdir())
    data = json.loads(custom.read_text())
    data["name"] = "Round Trip - Exported 2024-01-02 @ 10:30"
    custom.write_text(json.dumps(data))
    code, out, err = run(["import", str(custom), "--category", "Imported"], capsys)
    # The export suffix is dropped, so this is the same action with a new category: an update.
    assert code == EXIT_OK and out.startswith("Round Trip: update"), err
    code, out, err = run(
        ["import", str(custom), "--name", "Round Trip Copy", "--category", "Imported"], capsys
    )
    assert code == EXIT_OK, err
    assert out.startswith("Round Trip Copy: create")
    code, out, _ = run(
        [
            "export",
            "--category",
            "Imported",
            "--format",
            "yaml",
            "--out",
            str(tmp_path / "cat"),
            "--json",
        ],
        capsys,
    )
    assert sorted(Path(f).name for f in json.loads(out)["files"]) == [
        "Round-Trip-Copy.yaml",
        "Round-Trip.yaml",
    ]

    assert run(["delete", "Round Trip Copy", "--yes"], capsys)[0] == EXIT_OK
    code, _, err = run(["delete", "Round Trip Copy", "--yes"], capsys)
    assert code == EXIT_VALIDATION and "no data action named 'Round Trip Copy'" in err


def test_deploy_of_a_ui_export_drops_the_exported_suffix(org_env, tmp_path, capsys) -> None:
    spec = write_spec(tmp_path / "a.yaml", "Suffix Free")
    assert run(["deploy", str(spec)], capsys)[0] == EXIT_OK
    code, out, err = run(
        ["export", "--name", "Suffix Free", "--format", "custom-json", "--out", str(tmp_path)],
        capsys,
    )
    assert code == EXIT_OK, err
    custom = Path(out.strip())
    data = json.loads(custom.read_text())
    data["name"] = "Suffix Free - Exported 2025-03-04 @ 9:05"
    custom.write_text(json.dumps(data))
    code, out, err = run(["deploy", "--json", str(custom)], capsys)
    report = json.loads(out)
    assert code == EXIT_OK, err
    assert [(p["name"], p["change"]) for p in report["plan"]] == [("Suffix Free", "unchanged")]


def test_remote_test_types_inputs_and_runs_the_org_test(
    org_env, tmp_path, capsys, local_api
) -> None:
    local_api.json("/w", {"main": {"temp": 21.5}})
    spec = write_spec(tmp_path / "a.yaml", "Remote", url=local_api.url + "/w?city=${input.city}")
    assert run(["deploy", str(spec)], capsys)[0] == EXIT_OK
    code, out, err = run(["test", "--remote", "Remote", "--input", "city=Paris", "--json"], capsys)
    assert code == EXIT_OK, out + err
    result = json.loads(out)
    assert result["success"] is True and result["finalResult"] == {"temp": 21.5}
    assert local_api.seen[-1].path == "/w?city=Paris"
    code, _, err = run(["test", "--remote", "Remote", "--input", "oops"], capsys)
    assert code == EXIT_USAGE and "key=value" in err


def test_errors_name_the_cause_and_exit_codes(monkeypatch, sandbox, tmp_path, capsys) -> None:
    spec = str(write_spec(tmp_path / "a.yaml", "Err"))
    monkeypatch.setenv("GENESYS_CLIENT_ID", "nobody")
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", "not-the-secret-123")
    monkeypatch.setenv("GENESYS_ENVIRONMENT", sandbox.url)
    code, _, err = run(["deploy", spec], capsys)
    assert code == EXIT_AUTH and "refused the client credentials" in err

    viewer = new_org_target(sandbox, ("integrations:action:view",))
    monkeypatch.setenv("GENESYS_CLIENT_ID", viewer.client_id)
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", viewer.client_secret.get_secret_value())
    code, _, err = run(["deploy", spec], capsys)
    assert code == EXIT_AUTH and "integrations:integration:view" in err

    monkeypatch.setenv("GENESYS_ENVIRONMENT", "http://no-such-host.invalid:9")
    code, _, err = run(["deploy", spec], capsys)
    assert code == EXIT_API and "cannot resolve no-such-host.invalid" in err

    monkeypatch.setenv("GENESYS_ENVIRONMENT", "http://127.0.0.1:9")
    code, _, err = run(["deploy", spec], capsys)
    assert code == EXIT_API and "connection refused" in err

    monkeypatch.setenv("GENESYS_ENVIRONMENT", "mypurecloud.zz")
    code, _, err = run(["deploy", spec], capsys)
    assert code == 2 and "unknown Genesys Cloud environment" in err


def test_secrets_never_reach_output_or_logs(monkeypatch, org_env, tmp_path, capsys, caplog) -> None:
    secret = org_env.client_secret.get_secret_value()
    caplog.set_level(logging.DEBUG)
    spec = str(write_spec(tmp_path / "a.yaml", "Secretive"))
    outputs: list[str] = []
    for argv in (
        ["deploy", spec],
        ["deploy", "--json", spec],
        ["export", "--out", str(tmp_path / "e")],
    ):
        code, out, err = run(argv, capsys)
        outputs += [out, err]
    monkeypatch.setenv("GENESYS_CLIENT_SECRET", secret + "-wrong")
    from tui.genesys.session import clear_token_cache

    clear_token_cache()
    code, out, err = run(["deploy", spec], capsys)
    assert code == EXIT_AUTH
    outputs += [out, err]
    text = "\n".join(outputs) + caplog.text
    assert secret not in text
    assert "Bearer" not in text and "Basic " not in text


def test_rate_limit_is_retried_honouring_retry_after(tmp_path, capsys) -> None:
    from tests.genesys.genesys_helpers import fast_retry
    from tui.genesys.deploy import Deployer
    from tui.genesys.session import Session
    from tui.genesys.target import sandbox_target
    from tui.model.formats import load
    from tui.sandbox import SandboxServer

    with SandboxServer(tmp_path / "limited.db", rate_limit=4, rate_window=1.0) as server:
        session = Session(
            sandbox_target(server), retry=fast_retry().__class__(attempts=6, base_delay=0.05)
        )
        deployer = Deployer(sandbox_target(server), session=session)
        files = [load(write_spec(tmp_path / f"r{i}.yaml", f"Limited {i}")) for i in range(3)]
        for f, item in zip(files, deployer.plan(files), strict=True):
            deployer.deploy(f, item=item)
        stats: Any = session.stats
        assert stats.throttled > 0 and stats.failed == 0
        assert stats.waited >= 0.9 * stats.throttled * 1  # waited the Retry-After each time
