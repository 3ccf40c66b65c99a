"""The lazily loaded SDK exposes every class the eager import does, and deserialises with them."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tui.genesys.session import Session
from tui.genesys.target import Target

EAGER = """
import json, inspect
import PureCloudPlatformClientV2 as sdk
from PureCloudPlatformClientV2 import models, apis
print(json.dumps({
    name: sorted(n for n, v in vars(mod).items() if not inspect.ismodule(v)
                 and not n.startswith('_') and n not in ('absolute_import', 'configuration'))
    for name, mod in (('root', sdk), ('models', models), ('apis', apis))
}))
"""

# Lazily: every class each model names in swagger_types resolves the way the SDK's deserialiser
# resolves it (`eval('models.' + name)`), which imports all ~6,600 models through the table.
LAZY = """
import json, re, sys
from tui.genesys.sdk import load
sdk = load()
from PureCloudPlatformClientV2 import models, apis
tables = {'root': sdk.__lazy_names__, 'models': models.__lazy_names__, 'apis': apis.__lazy_names__}
before = len([m for m in sys.modules if m.startswith('PureCloudPlatformClientV2.models.')])
missing = []
SKIP = {'list', 'dict', 'int', 'float', 'str', 'bool', 'date', 'datetime', 'object',
        'LocalDateTime', 'YearMonth'}
for name in models.__lazy_names__:
    cls = getattr(models, name)
    for kind in (getattr(cls(), 'swagger_types', None) or {}).values():
        for base in set(re.findall(r"\\w+", kind)) - SKIP:
            try:
                eval('models.' + base)
            except AttributeError:
                missing.append((name, kind))
# Names are looked up by the generator's naming rule first: it must give what the tables give.
import importlib
astray = [
    (package, name)
    for package, mod in (('', sdk), ('.models', models), ('.apis', apis))
    for name, target in mod.__lazy_names__.items()
    if getattr(mod, name) is not getattr(
        importlib.import_module(f'PureCloudPlatformClientV2{package}.{target}'), name)
]
print(json.dumps({'tables': {k: sorted(v) for k, v in tables.items()}, 'missing': missing,
                  'models_before': before, 'astray': astray}))
"""


def _run(code: str) -> Any:
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=180, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.timeout(300)
def test_lazy_tables_match_the_eager_import_and_resolve_every_model_reference() -> None:
    eager = _run(EAGER)
    lazy = _run(LAZY)
    assert lazy["models_before"] == 0  # nothing imported before the first lookup
    for package in ("root", "models", "apis"):
        assert lazy["tables"][package] == eager[package], package
    assert len(eager["models"]) > 6000
    assert lazy["missing"] == []
    assert lazy["astray"] == []


def test_a_session_imports_only_what_it_uses() -> None:
    code = (
        "import sys\n"
        "from tui.genesys.session import _sdk\n"
        "sdk = _sdk(); sdk.IntegrationsApi(sdk.ApiClient(host='http://127.0.0.1:1'))\n"
        "print(len([m for m in sys.modules if m.startswith('PureCloudPlatformClientV2.')]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert int(proc.stdout.strip()) < 100


def test_the_sdk_deserialiser_builds_nested_models_lazily(target: Target) -> None:
    session = Session(target)
    session.login()
    integrations = session.integrations()
    assert integrations
    body = {
        "name": "Lazy SDK",
        "category": "Lazy",
        "integrationId": integrations[0]["id"],
        "config": {
            "request": {
                "requestUrlTemplate": "https://example.invalid/x",
                "requestType": "GET",
                "headers": {},
            },
            "response": {"translationMap": {}, "successTemplate": "{}"},
        },
        "contract": {
            "input": {"inputSchema": {"type": "object", "properties": {}}},
            "output": {"successSchema": {"type": "object", "properties": {}}},
        },
    }
    session.create_draft(body)
    response = session.http.last
    assert response is not None
    # The SDK's own deserialiser, by type name, as its API methods call it.
    listing = session.client.deserialize(response, "Action")
    assert type(listing).__name__ == "Action"
    assert type(listing.config).__name__ == "ActionConfig"
    assert type(listing.config.request).__name__ == "RequestConfig"
    assert listing.name == "Lazy SDK"


def test_the_sdk_configuration_watches_no_folder_and_leaves_home_alone() -> None:
    # Built the SDK's way, Configuration() starts a watchdog thread and, with no
    # ~/.genesyscloudpython, may watch the whole home folder recursively (up to seconds).
    code = (
        "import json, os, sys, threading\n"
        "sys.setswitchinterval(1e-6)\n"  # switch threads often: a brief HOME swap is seen
        "home = os.environ['HOME']\n"
        "seen, done = set(), threading.Event()\n"
        "def watch():\n"  # another thread reading HOME all along (the wizard's draft saves)
        "    while not done.is_set(): seen.add(os.environ.get('HOME'))\n"
        "watcher = threading.Thread(target=watch); watcher.start()\n"
        "from tui.genesys.session import _sdk\n"
        "sdk = _sdk(); sdk.ApiClient(host='http://127.0.0.1:1')\n"
        "done.set(); watcher.join()\n"
        "conf = sdk.Configuration()\n"
        "print(json.dumps({'reload': conf.live_reload_config, 'observer': conf._observer is None,\n"
        "  'threads': threading.active_count(), 'home': seen == {home}}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got == {"reload": False, "observer": True, "threads": 1, "home": True}
