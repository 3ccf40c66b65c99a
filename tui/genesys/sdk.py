"""The official Genesys SDK, loaded lazily: a model or API class is imported on first use.

`PureCloudPlatformClientV2/__init__.py` (and its `models` package) import every one of ~6,600
generated model modules and ~90 API modules up front: 2.5-3 s and ~200 MB before the first
request, for a tool that needs about a dozen of them. The SDK itself is unchanged; only those
three package `__init__` files are replaced by a loader that reads their `from .x import Name`
lines into a name -> submodule table and imports a submodule when the name is first looked up
(PEP 562 module `__getattr__`). The SDK's deserialiser resolves classes with
`eval("models." + name)`, an attribute lookup on the `models` package, so every class it names
is still found (tests/genesys/test_sdk_lazy.py checks the table against the eager import).

`load()` installs the finder (idempotent), builds the SDK's `Configuration` singleton without its
file watcher (see `_quiet_configuration`) and returns the package. If the SDK was already imported
eagerly in this process, that import is used as it is.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import re
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

# Plain classes at run time: importing importlib.abc loads importlib.resources (~2 ms), and this
# module loads with every `tui.genesys` import (the wizard's first frame shows the deploy
# target); the import system needs only the loader's and finder's methods.
if TYPE_CHECKING:
    from importlib.abc import Loader as _Loader
    from importlib.abc import MetaPathFinder as _MetaPathFinder
else:
    _Loader = _MetaPathFinder = object

ROOT = "PureCloudPlatformClientV2"
LAZY_PACKAGES = frozenset({ROOT, f"{ROOT}.models", f"{ROOT}.apis"})
_IMPORT_LINE = re.compile(r"^from \.([\w.]+) import (\w+)\s*$", re.M)
_INSTALL_LOCK = threading.Lock()
# A home folder holding only the SDK's settings file with `live_reload_config = false`.
SDK_HOME = Path(__file__).with_name("sdk_home")


def names_of(init_source: str) -> dict[str, str]:
    """Name -> relative submodule for each `from .sub import Name` line of a package init."""
    return {m[2]: m[1] for m in _IMPORT_LINE.finditer(init_source)}


def module_of(name: str) -> str:
    """The SDK generator's module name for a class: `DIDPool` -> `did_pool` (swagger-codegen's
    underscore rule; it matches every model and API of the SDK's own tables)."""
    name = _ACRONYM_END.sub(r"\1_\2", name)
    return _WORD_START.sub(r"\1_\2", name).lower()


_ACRONYM_END = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_START = re.compile(r"([a-z\d])([A-Z])")


class _LazyInitLoader(_Loader):
    """Runs a package whose `__init__` only re-exports submodules as a lazy table instead.

    A name is first looked for in the module the generator's naming rule gives it (`module_of`),
    and only if that fails in the table of the `__init__`'s lines: reading and scanning those
    (~560 KB for the root, ~500 KB for `models`) cost ~9 ms of every org command.
    """

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        package = module.__name__
        origin = self.origin
        table: dict[str, str] = {}

        def names() -> dict[str, str]:
            if not table:
                table.update(names_of(Path(origin).read_text(encoding="utf-8")))
            return table

        def guessed(name: str) -> Any:
            if not name[:1].isupper():
                return None
            guess = module_of(name)
            places = [guess]
            if package == ROOT:  # the root re-exports the core, the models and the APIs
                places = [f"apis.{guess}", guess] if name.endswith("Api") else [guess]
                places.append(f"models.{guess}")
            for place in places:
                try:
                    found = importlib.import_module(f"{package}.{place}")
                except ImportError:
                    continue
                if name in vars(found):
                    return vars(found)[name]
            return None

        def __getattr__(name: str) -> Any:
            if name == "__lazy_names__":
                return names()
            value = guessed(name)
            if value is None:
                target = names().get(name)
                if target is None:
                    if name == "configuration" and package == ROOT:
                        # The real init ends with `configuration = Configuration()`.
                        value = __getattr__("Configuration")()
                        setattr(module, name, value)
                        return value
                    raise AttributeError(f"module {package!r} has no attribute {name!r}")
                value = getattr(importlib.import_module(f"{package}.{target}"), name)
            setattr(module, name, value)
            return value

        def __dir__() -> list[str]:
            return sorted(set(module.__dict__) | set(names()))

        module.__dict__.update(__getattr__=__getattr__, __dir__=__dir__, __file__=origin)


class _LazyFinder(_MetaPathFinder):
    """Finds the SDK's three re-exporting packages and gives them the lazy loader."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in LAZY_PACKAGES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.origin is None or not spec.submodule_search_locations:
            return None
        lazy = importlib.machinery.ModuleSpec(
            fullname, _LazyInitLoader(spec.origin), origin=spec.origin, is_package=True
        )
        lazy.submodule_search_locations = list(spec.submodule_search_locations)
        lazy.has_location = True
        return lazy


_FINDER = _LazyFinder()


def install() -> None:
    """Put the lazy finder first on `sys.meta_path` (once)."""
    with _INSTALL_LOCK:
        if _FINDER not in sys.meta_path:
            sys.meta_path.insert(0, _FINDER)


def load() -> Any:
    """The `PureCloudPlatformClientV2` package, lazily loaded unless already imported."""
    install()
    package = importlib.import_module(ROOT)
    _quiet_configuration()
    return package


def _quiet_configuration() -> None:
    """Build the SDK's `Configuration` singleton (which every `ApiClient` asks for) with no
    file watcher.

    Built in the ordinary way, it reads `~/.genesyscloudpython/config` and starts a watchdog
    observer to reload that file live; when the folder does not exist, it watches the nearest
    existing parent recursively: the whole home folder, one inotify watch per sub-folder
    (0.7-1.2 s of a command's run with a 15,000-folder home, whenever its thread wins a race).
    A one-shot command has nothing to reload, and dataaction's settings are its own (README):
    the SDK is shown a home folder whose settings file turns live reload off, through the
    SDK's own `live_reload_config` switch. Only the SDK's configuration module sees that
    folder (its own `expanduser`, swapped for the one call): the process's HOME never changes,
    so a thread resolving `~` meanwhile (the wizard saves drafts while the SDK warms up in a
    worker) is not misled.
    """
    with _INSTALL_LOCK:
        module = importlib.import_module(f"{ROOT}.configuration")
        real = module.__dict__["expanduser"]
        module.__dict__["expanduser"] = lambda p: str(SDK_HOME) if p == "~" else real(p)
        try:
            module.Configuration()  # a singleton: built here once, returned as it is afterwards
        finally:
            module.__dict__["expanduser"] = real
