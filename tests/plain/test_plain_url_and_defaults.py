"""Plain mode writes text inputs into the URL escaped, and can give a field a default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plain.plain_helpers import CTRL_C, ENTER, Driver, mapping_keys
from tui.model.formats import load


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def string_input_request(url: str) -> str:
    return "".join(
        [
            ENTER,  # GET
            url + ENTER,
            ENTER,  # type of userId: string
            "42" + ENTER,  # its sample
            "y",  # required
            ENTER,  # no headers
        ]
    )


def test_a_text_input_goes_into_the_url_escaped(api: str, workdir: Path) -> None:
    driver = Driver(string_input_request(api + "/users/${input.userId}") + CTRL_C)
    assert driver.run() == 130
    assert "Escaped ${input.userId} as $esc.url(...)" in driver.text
    assert "→ 200" in driver.text  # the escaped template still fetches /users/42
    kept = load(workdir / "untitled.draft.yaml").spec
    assert kept is not None
    assert kept.request.url == api + "/users/$esc.url(${input.userId})"


def test_a_default_can_be_set_and_a_bare_word_is_offered_quoted(api: str, workdir: Path) -> None:
    keys = "".join(
        [
            string_input_request(api + "/users/${input.userId}"),
            "address.city" + ENTER,  # pick the field
            ENTER + ENTER,  # name 'city', type string
            "Set a field" + ENTER,  # the default choice
            ENTER,  # the only field: city
            "NOASSERTION" + ENTER,
            "y",  # use it quoted
            CTRL_C,
        ]
    )
    driver = Driver(keys)
    assert driver.run() == 130, driver.text
    kept = load(workdir / "untitled.draft.yaml").spec
    assert kept is not None
    assert [(o.name, o.default) for o in kept.outputs] == [("city", '"NOASSERTION"')]


def test_the_suggested_name_skips_the_escaped_input(api: str, workdir: Path) -> None:
    keys = string_input_request(api + "/users/${input.userId}") + mapping_keys() + ENTER + CTRL_C
    driver = Driver(keys)
    assert driver.run() == 130, driver.text
    assert "Escaped ${input.userId} as $esc.url(...)" in driver.text
    kept = load(workdir / "get-users.draft.yaml").spec
    assert kept is not None
    assert kept.name == "Get users"  # not "Get esc url input userId"
