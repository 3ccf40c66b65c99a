"""The resume offer's name and URL, read without PyYAML when the draft is plain, say what
PyYAML says; anything unusual is left to PyYAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui.app.draft import _plain_name_and_url, peek_draft, save_draft
from tui.model.formats import spec_to_yaml
from tui.model.spec import OutputSpec, RequestSpec, Spec

NAMES = [
    "Weather",
    "My data action",
    "O'Brien lookup (v2)",
    "Ünïcode Wetter",
    "Get user #1",
    "a: b",
    "yes",
    "Null",
    "123",
    "1e3",
    " padded ",
    "-dash",
    "~",
    "x" * 200,
]
URLS = [
    "https://api.example.com/w",
    "https://api.example.com/w/${input.city}?units=metric&lang=$esc.url(${input.lang})",
    "http://127.0.0.1:8080/users/{id}#frag",
    "https://api.example.com/a b",
    "https://api.example.com/ends:",
    "",
]


def yaml_says(text: str) -> tuple[str, str] | None:
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("request"), dict):
        return None
    return str(data.get("name") or ""), str(data["request"].get("url") or "")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("url", URLS)
def test_drafts_the_wizard_writes_read_as_pyyaml_reads_them(name: str, url: str) -> None:
    text = spec_to_yaml(
        Spec(
            name=name,
            request=RequestSpec(url=url, headers={"Authorization": "Bearer ${credentials.t}"}),
            outputs=[OutputSpec(name="temp", path="$.main.temp", type="number")],
        )
    )
    quick = _plain_name_and_url(text)
    assert quick is None or quick == yaml_says(text)
    if name in NAMES[:4] and url in URLS[:3]:
        assert quick == (name, url)  # the usual draft takes the quick read


PLAIN = "name: Weather\ncategory: Tests\nrequest:\n  method: GET\n  url: https://a.example/w\n"
UNUSUAL = {
    "a comment after the name": PLAIN.replace("Weather\n", "Weather # old\n"),
    "the name continued below": PLAIN.replace("Weather\n", "Weather\n  for Paris\n"),
    "the URL continued below": PLAIN + "    /more\n",
    "a second name": PLAIN + "name: Other\n",
    "a second URL": PLAIN + "  url: https://b.example/\n",
    "a quoted key": '"name": Other\n' + PLAIN,
    "a second document": PLAIN + "---\nname: Other\n",
    "a flow request": "name: Weather\nrequest: {url: 'https://a.example/w'}\n",
    "a quoted name": PLAIN.replace("Weather", "'Weather'"),
    "a block name": PLAIN.replace("name: Weather", "name: |\n  Weather"),
    "Windows line ends": PLAIN.replace("\n", "\r\n"),
    "a byte order mark": "\ufeff" + PLAIN,
    "an anchored request": PLAIN.replace("request:", "request: &r"),
    "a bool for a name": PLAIN.replace("Weather", "off"),
}


@pytest.mark.parametrize("why", UNUSUAL)
def test_unusual_drafts_are_left_to_pyyaml(why: str) -> None:
    assert _plain_name_and_url(UNUSUAL[why]) is None


def test_the_quick_read_matches_the_plain_layout() -> None:
    assert _plain_name_and_url(PLAIN) == ("Weather", "https://a.example/w")
    assert yaml_says(PLAIN) == ("Weather", "https://a.example/w")


def test_the_offer_still_reads_drafts_pyyaml_must_read(isolated: Path) -> None:
    draft = isolated / "draft.yaml"
    draft.write_text("name: 'Weather: Paris'  # renamed\nrequest: {url: 'https://a.example/w'}\n")
    peeked = peek_draft()
    assert peeked is not None and (peeked.name, peeked.url) == (
        "Weather: Paris",
        "https://a.example/w",
    )
    draft.write_text("name: No URL yet\nrequest:\n  method: GET\n")
    assert peek_draft() is None  # nothing worth resuming
    save_draft(Spec(name="Kept", outputs=[OutputSpec(name="t", path="$.t", type="number")]))
    peeked = peek_draft()
    assert peeked is not None and (peeked.name, peeked.url) == ("Kept", "")
