"""Files that used to hang a command, eat gigabytes, wedge an org or write outside --out."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from tests.hostile.hostile_helpers import run_capped
from tui.sandbox.store import Store

ROOT = Path(__file__).resolve().parents[2]
WEATHER = (ROOT / "examples" / "weather-by-city.yaml").read_text()


def alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def spec_named(name: str) -> str:
    return WEATHER.replace(
        "name: Get Current Weather By City", f"name: {json.dumps(name)}"
    ).replace("sample_response: ../sample_responses/weather_current.json\n", "")


def test_an_alias_bomb_is_refused_quickly_naming_the_limit(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(alias_bomb(9))  # 10^9 nodes once expanded
    got = run_capped(["validate", "bomb.yaml"], tmp_path, time_cap=10, memory_cap=800 << 20)
    assert got.code == 1, got.text
    assert "DATAACTION_MAX_YAML_NODES" in got.text and "Traceback" not in got.text
    assert got.seconds < 10


def test_the_alias_limit_can_be_raised(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(alias_bomb(3) + "name: x\n")  # 1,111 nodes
    low = run_capped(["validate", "a.yaml"], tmp_path, env={"DATAACTION_MAX_YAML_NODES": "500"})
    assert low.code == 1 and "more than 500 YAML nodes" in low.text
    high = run_capped(["validate", "a.yaml"], tmp_path)
    assert "YAML nodes" not in high.text  # invalid as a spec, but read


def test_a_fifo_a_device_and_a_folder_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    # `validate .` reads the folder (every action in it): the FIFO inside is refused the same way.
    for path, kind in (("pipe.yaml", "a FIFO"), ("/dev/zero", "a device"), (".", "a FIFO")):
        got = run_capped(["validate", path], tmp_path, time_cap=10, memory_cap=800 << 20)
        assert got.code == 1, (path, got.text)
        assert f"it is {kind}, not a regular file" in got.text


def test_a_file_over_the_size_limit_names_the_limit_and_the_variable(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"#" * (6 << 20))
    got = run_capped(["validate", "big.yaml"], tmp_path)
    assert got.code == 1
    assert "larger than the 5 MiB limit" in got.text and "DATAACTION_MAX_FILE_BYTES" in got.text
    raised = run_capped(
        ["validate", "big.yaml"], tmp_path, env={"DATAACTION_MAX_FILE_BYTES": str(7 << 20)}
    )
    assert "limit" not in raised.text


def test_deeply_nested_documents_give_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    (tmp_path / "deep.json").write_text('{"name": ' + "[" * 100_000 + "]" * 100_000 + "}")
    for name in ("deep.yaml", "deep.json"):
        got = run_capped(["validate", name], tmp_path)
        assert got.code == 1 and "nested too deeply" in got.text, got.text
    (tmp_path / "w.yaml").write_text(spec_named("Deep"))
    (tmp_path / "r.json").write_text("[" * 100_000 + "]" * 100_000)
    got = run_capped(["test", "w.yaml", "--response-file", "r.json"], tmp_path)
    assert got.code == 1 and "nested too deeply" in got.text and "internal error" not in got.text


TYPO = """\
name: Typo Schema
request:
  url: https://api.example.com/x
output_schema:
  type: object
  properties:
    - name: a
      type: string
"""


def test_a_schema_typo_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "typo.yaml").write_text(TYPO)
    (tmp_path / "w.yaml").write_text(spec_named("Fine"))
    got = run_capped(["validate", "typo.yaml"], tmp_path)
    assert got.code == 1 and "not a valid JSON Schema" in got.text, got.text
    got = run_capped(["deploy", "typo.yaml"], tmp_path)
    assert got.code == 1 and "not a valid JSON Schema" in got.text, got.text
    assert "Plan for" not in got.text  # refused before connecting
    got = run_capped(["deploy", "w.yaml"], tmp_path)
    assert got.code == 0 and "1 created" in got.text, got.text


def test_an_unreadable_action_in_the_org_is_skipped_and_reported(tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text(spec_named("Fine"))
    assert run_capped(["deploy", "w.yaml"], tmp_path).code == 0
    # Another tool left a published action and a draft whose schema has a list for properties.
    db = tmp_path / "data" / "dataaction" / "sandbox.db"
    with sqlite3.connect(db) as con:
        [(org, action_id)] = con.execute("SELECT org_id, id FROM actions").fetchall()
    store = Store(db)
    doc = (store.action(org, action_id) or (None, None))[0]
    assert doc is not None
    broken = json.loads(json.dumps(doc))
    broken["contract"]["output"]["successSchema"]["properties"] = [{"name": "a"}]
    for n, published in ((1, True), (2, False)):
        broken.update(id=f"custom_-_broken-{n}", name=f"Broken {n}")
        copy = json.loads(json.dumps(broken))
        pair = (copy, None) if published else (None, copy)
        store.put_action(org, copy["id"], copy["integrationId"], *pair)
    store.close()
    (tmp_path / "w2.yaml").write_text(spec_named("Also Fine"))
    got = run_capped(["deploy", "w2.yaml"], tmp_path)
    assert got.code == 0 and "1 created" in got.text, got.text
    got = run_capped(["export", "--out", "out"], tmp_path)
    assert got.code == 0, got.text
    assert "skipped: the org's action 'Broken 1'" in got.text
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Also-Fine.yaml", "Fine.yaml"]
    # The unreadable draft is listed, named as such, and can be deleted from the CLI.
    got = run_capped(["drafts", "--json"], tmp_path)
    assert got.code == 0, got.text
    [draft] = json.loads(got.stdout)["drafts"]
    assert draft["name"] == "Broken 2" and "cannot be read" in draft["problem"]
    got = run_capped(["drafts", "--delete", "broken 2"], tmp_path)
    assert got.code == 2 and "pass --yes" in got.text, got.text  # a script must opt in
    got = run_capped(["drafts", "--delete", "broken 2", "--yes"], tmp_path)
    assert got.code == 0 and "deleted the draft Broken 2" in got.text, got.text
    assert json.loads(run_capped(["drafts", "--json"], tmp_path).stdout)["drafts"] == []


def test_export_keeps_every_file_inside_out(tmp_path: Path) -> None:
    escape = tmp_path / "escaped"
    names = [f"{escape}/ABSOLUTE", "../../escaped", "..", "a/../../b", "CON", "Fine"]
    for i, name in enumerate(names):
        (tmp_path / f"{i}.yaml").write_text(spec_named(name))
    got = run_capped(["deploy", *[f"{i}.yaml" for i in range(len(names))]], tmp_path)
    assert got.code == 0, got.text
    for fmt in ("yaml", "custom-json", "hcl", "json"):
        out = tmp_path / f"out-{fmt}"
        got = run_capped(["export", "--format", fmt, "--out", str(out), "--json"], tmp_path)
        assert got.code == 0, got.text
        files = json.loads(got.stdout)["files"]
        assert len(files) == len(names)
        assert all(Path(f).resolve().parent == out.resolve() for f in files)
    assert not escape.exists() and not (tmp_path.parent / "escaped").exists()
    assert not (tmp_path.parent / "b.yaml").exists()
