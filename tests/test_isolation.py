"""The root conftest keeps every test away from the developer's credentials and folders."""

from __future__ import annotations

import os
from pathlib import Path


def test_no_credential_variable_reaches_a_test() -> None:
    prefixes = ("GENESYS", "PURECLOUD", "DATAACTION_")
    leaked = [n for n in os.environ if n.upper().startswith(prefixes)]
    # set by the fixture itself: the draft inside the fresh HOME, a short-lived sandbox process
    assert sorted(leaked) == ["DATAACTION_DRAFT", "DATAACTION_SANDBOX_IDLE"]


def test_home_and_xdg_folders_are_fresh(isolated_environment: Path) -> None:
    home = Path(os.environ["HOME"])
    assert home == isolated_environment and not any(home.iterdir())
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        assert Path(os.environ[name]).is_relative_to(home)
    assert Path.home() == home
