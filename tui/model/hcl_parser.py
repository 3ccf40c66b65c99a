"""python-hcl2's Lark parser, kept whole between runs so reading a `.tf` file does not rebuild it.

python-hcl2 builds its LALR parser on every run from lark's cache, which holds a portable
serialised form: each run turns it back into every rule, terminal and parse-table state (about
45 ms, a third of a `validate` of a `.tf` file). We pickle the built parser itself, once per
python-hcl2, lark and Python version, into the user's cache folder; loading it takes about 15 ms.
Pickle cannot carry three things, so they are named and found again on load: modules, lark's
Shift/Reduce markers (the parser tells them apart by identity) and the tree-building callbacks
(rebuilt from the rules, as lark does when it loads its own cache).

A parser is only kept after a copy loaded back from the bytes parses a probe text exactly as
python-hcl2's own does; a file that cannot be read or loaded is ignored and written again, one
that another user owns or could have written is never loaded (unpickling runs code), and
without a writable cache folder every run simply uses python-hcl2's parser.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib
import io
import os
import pickle
import sys
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Every kind of thing a data-action resource writes: blocks, attributes, strings with
# interpolations and escapes, heredocs, objects, lists, function calls, operators, conditionals,
# for expressions, splats, references and comments.
PROBE = r"""
# a comment
variable "base" { default = "https://api.example.com" }
locals {
  headers = { Accept = "application/json", "X-Id" = "${var.id}" }
  sizes   = [for s in var.sizes : s * 2 if s > 0]
  names   = { for k, v in local.m : k => upper(v) }
  first   = var.items[0].name
  all     = var.items[*].id
  mode    = var.on && !var.off ? "on" : "off" // trailing comment
  num     = -1.5e3 + 4 % 3
}
resource "genesyscloud_integration_action" "probe" {
  name = "Probe ${local.mode}"
  contract_input = jsonencode({ type = "object", required = ["q"], properties = {} })
  config_request {
    request_url_template = "${var.base}/items/$${input.q}?a=%%{b}"
    headers              = local.headers
    request_template     = <<-EOT
      {"q": "$${input.q}", "n": ${local.num}}
    EOT
  }
  /* a block comment */
  config_response {
    success_template = "$${rawResult}"
    translation_map  = { value = "$.value" }
  }
}
"""


def parses(text: str) -> Any:
    """The rule tree of `text`: `hcl2.parses(text, discard_comments=True)`, with the kept parser."""
    with _collector_held():
        import hcl2  # its import makes only lasting objects too

        # python-hcl2 appends a newline before parsing (its grammar needs one at the end).
        return hcl2.transform(_parser().parse(text + "\n"), discard_comments=True)


def load_parser() -> None:
    """Load python-hcl2 and the kept parser now (the warm process does, for its copies)."""
    with _collector_held():
        import hcl2  # noqa: F401

        _parser()


@contextlib.contextmanager
def _collector_held() -> Iterator[None]:
    """The garbage collector waits while python-hcl2 imports, the parser loads and a file
    parses: all only make objects that stay (modules, tables, trees), yet each burst set off
    full collections walking every object of the process (15-20 ms of a `validate`, more than
    the load itself)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from hcl2.parser import parser

    path = cache_path()
    with contextlib.suppress(Exception):  # none yet, or unreadable: rebuilt below
        if not _private(path):  # unpickling runs code: only what no one else could write
            return parser()
        return _loads(path.read_bytes())
    built = parser()
    with contextlib.suppress(Exception):  # a parser that cannot be kept is only slower
        return _keep(built, path)
    return built


def cache_path() -> Path:
    """`$XDG_CACHE_HOME/dataaction/hcl2-parser-<versions>.pickle` (~/.cache when unset)."""
    import hcl2
    import lark

    versions = f"{hcl2.__version__} {lark.__version__} {sys.version}"
    digest = hashlib.sha256(versions.encode()).hexdigest()[:16]
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "dataaction" / f"hcl2-parser-{digest}.pickle"


def _private(path: Path) -> bool:
    """Whether the kept file and its folder are this user's and writable by no one else."""
    for item in (path, path.parent):
        status = item.stat()
        if status.st_uid != os.getuid() or status.st_mode & 0o022:
            return False
    return True


def _keep(built: Any, path: Path) -> Any:
    """Write the parser's pickle (atomically, replacing other versions' files) if a copy
    loaded back from it parses the probe as the original does; that copy is then the parser
    of this run too, as it will be of the next ones."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not os.access(path.parent, os.W_OK):  # found before paying for the pickle
        raise PermissionError(path.parent)
    data = _dumps(built)
    copy = _loads(data)
    if copy.parse(PROBE) != built.parse(PROBE):
        raise pickle.PicklingError("the loaded copy parses differently")
    for old in path.parent.glob("hcl2-parser-*.pickle"):  # other versions'
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".hcl2-parser-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return copy


def marker(name: str) -> Any:
    """lark's Shift or Reduce marker itself (unpickling calls this, once per marker)."""
    from lark.parsers import lalr_analysis

    return {"Shift": lalr_analysis.Shift, "Reduce": lalr_analysis.Reduce}[name]


def _dumps(built: Any) -> bytes:
    """Two pickles sharing one memo: what rebuilding the callbacks needs, then the parser."""
    markers = {id(marker(name)): name for name in ("Shift", "Reduce")}
    callbacks = {id(fn): key for key, fn in built._callbacks.items()}

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:  # what these make is memoised: once each
            if isinstance(obj, types.ModuleType):
                return importlib.import_module, (obj.__name__,)
            if id(obj) in markers:
                return marker, (markers[id(obj)],)
            return NotImplemented

        def persistent_id(self, obj: Any) -> Any:
            return ("callback", callbacks[id(obj)]) if id(obj) in callbacks else None

    out = io.BytesIO()
    pickler = Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump((built.options, built.rules, built.terminals))
    pickler.dump(built)
    return out.getvalue()


def _loads(data: bytes) -> Any:
    from lark import Lark

    callbacks: dict[Any, Any] = {}

    class Unpickler(pickle.Unpickler):
        def persistent_load(self, pid: Any) -> Any:
            return callbacks[pid[1]]

    unpickler = Unpickler(io.BytesIO(data))
    shell = Lark.__new__(Lark)
    shell.options, shell.rules, shell.terminals = unpickler.load()
    shell._prepare_callbacks()  # lark's own way to make them on load
    callbacks.update(shell._callbacks)
    loaded = unpickler.load()
    if not isinstance(loaded, Lark):
        raise pickle.UnpicklingError("not a Lark parser")
    return loaded
