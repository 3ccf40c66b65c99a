"""The kept (pickled) python-hcl2 parser parses exactly as python-hcl2's own, and the console
script keeps it once, reuses it, and reads Terraform the same without it."""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
from pathlib import Path

import hcl2
import pytest
from hcl2.parser import parser as hcl2_parser
from lark.exceptions import UnexpectedInput

from tui.model import hcl_parser

ROOT = Path(__file__).resolve().parents[2]
TERRAFORM = sorted((ROOT / "tests" / "corpus").rglob("*.tf")) + sorted(
    (ROOT / "examples").rglob("*.tf")
)
DATAACTION = str(Path(sys.executable).with_name("dataaction"))
BROKEN = [
    'resource "a" "b" {\n  name = "open\n}\n',
    "locals {\n  x = [1, 2\n}\n",
    'x = "${var.a"\n',
    "= 1\n",
]


def test_a_loaded_copy_parses_every_terraform_file_as_python_hcl2_does(tmp_path: Path) -> None:
    assert len(TERRAFORM) >= 10
    data = hcl_parser._dumps(hcl2_parser())
    copy = hcl_parser._loads(data)
    assert copy is not hcl2_parser()
    for path in TERRAFORM:
        text = path.read_text(encoding="utf-8") + "\n"
        assert copy.parse(text) == hcl2_parser().parse(text), path
    for text in BROKEN:
        with pytest.raises(UnexpectedInput) as ours:
            copy.parse(text)
        with pytest.raises(UnexpectedInput) as theirs:
            hcl2_parser().parse(text)
        assert (type(ours.value), ours.value.line, ours.value.column) == (
            type(theirs.value),
            theirs.value.line,
            theirs.value.column,
        ), text


def _validate(tmp_path: Path, cache: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """`validate` reading Terraform in its own process (no warm process, whose parser was
    loaded once when it started): the process that keeps or loads the parser file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GENESYS", "DATAACTION"))}
    return subprocess.run(
        [DATAACTION, "validate", *map(str, files)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False,
        env={**env, "NO_COLOR": "1", "XDG_CACHE_HOME": str(cache), "DATAACTION_SANDBOX_IDLE": "0"},
    )  # fmt: skip


def test_the_console_script_keeps_the_parser_once_and_reads_the_same_without_it(
    tmp_path: Path,
) -> None:
    files = [ROOT / "tests" / "corpus" / "tf" / "catalogue.tf", ROOT / "tests" / "corpus" / "tf"]
    cache = tmp_path / "cache"
    first = _validate(tmp_path, cache, *files)
    assert first.returncode == 1 and "#bad_root_string: invalid" in first.stdout, first.stderr
    (kept,) = (cache / "dataaction").glob("hcl2-parser-*.pickle")
    assert kept.stat().st_mode & 0o077 == 0 and (cache / "dataaction").stat().st_mode & 0o077 == 0
    before = kept.stat()
    again = _validate(tmp_path, cache, *files)
    assert (again.returncode, again.stdout, again.stderr) == (1, first.stdout, first.stderr)
    after = kept.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # read, kept

    kept.write_bytes(b"\x80\x05not a parser")  # damaged: ignored and written again
    damaged = _validate(tmp_path, cache, *files)
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (1, first.stdout, first.stderr)
    assert kept.read_bytes().startswith(b"\x80") and kept.stat().st_size > 100_000

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # no cache folder can be made: python-hcl2's own parser, same answer
    unkept = _validate(tmp_path, blocked, *files)
    assert (unkept.returncode, unkept.stdout, unkept.stderr) == (1, first.stdout, first.stderr)


class _Trap:
    """Unpickling this creates a file: what a planted pickle could do instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


@pytest.mark.parametrize("mode", [0o666, 0o620], ids=["anyone-writes", "group-writes"])
def test_a_kept_file_others_could_write_is_never_loaded(tmp_path: Path, mode: int) -> None:
    cache = tmp_path / "cache"
    files = [ROOT / "tests" / "corpus" / "tf" / "catalogue.tf"]
    first = _validate(tmp_path, cache, *files)
    (kept,) = (cache / "dataaction").glob("hcl2-parser-*.pickle")
    marker = tmp_path / "planted-code-ran"
    kept.write_bytes(pickle.dumps(_Trap(marker)))
    kept.chmod(mode)
    got = _validate(tmp_path, cache, *files)
    assert (got.returncode, got.stdout, got.stderr) == (1, first.stdout, first.stderr)
    assert not marker.exists()


def test_the_collector_is_as_it_was_after_a_parse_good_or_bad() -> None:
    assert gc.isenabled()
    ours = hcl_parser.parses('x = "a" # note\n')
    assert ours.to_lark() == hcl2.parses('x = "a" # note\n', discard_comments=True).to_lark()
    assert gc.isenabled()
    with pytest.raises(UnexpectedInput):
        hcl_parser.parses("= 1\n")
    assert gc.isenabled()
    gc.disable()
    try:
        hcl_parser.parses("x = 1\n")
        assert not gc.isenabled()  # held by someone else: left held
    finally:
        gc.enable()
