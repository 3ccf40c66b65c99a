"""The draft spec file: the wizard saves the spec on every change so no work is ever lost."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.model.spec import Spec

DRAFT_ENV = "DATAACTION_DRAFT"


def draft_path() -> Path:
    """`$DATAACTION_DRAFT`, else `$XDG_STATE_HOME/dataaction/draft.yaml` (~/.local/state)."""
    explicit = os.environ.get(DRAFT_ENV)
    if explicit:
        return Path(explicit)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "dataaction" / "draft.yaml"


def save_draft(spec: Spec, path: Path | None = None) -> Path:
    """Write the spec atomically (a crash mid-write leaves the previous draft intact).

    The spec holds credential references (`${credentials.x}`) only; secrets typed for a fetch
    live in memory and never reach this file.
    """
    from tui.model.formats import spec_to_yaml

    target = path or draft_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".draft-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(spec_to_yaml(spec))
    os.replace(tmp, target)
    return target


def edits_path(draft: Path | None = None) -> Path:
    """The draft's companion file of Review edits not applied yet (they do not validate, so
    they cannot live in the spec): `draft.yaml` -> `draft.edits.json`."""
    target = draft or draft_path()
    return target.with_name(target.stem + ".edits.json")


def save_edits(edits: dict[str, str], draft: Path | None = None) -> None:
    """Keep the unapplied edits beside the draft (atomically); none left removes the file."""
    import json

    target = edits_path(draft)
    if not edits:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".edits-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(edits, out, ensure_ascii=False, indent=1)
    os.replace(tmp, target)


def load_edits(draft: Path | None = None) -> dict[str, str]:
    """The unapplied Review edits saved with the draft (none when missing or unreadable)."""
    import json

    text = _draft_text(edits_path(draft))
    try:
        found = json.loads(text) if text is not None else {}
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): v for k, v in found.items() if isinstance(v, str)}


def _draft_text(source: Path) -> str | None:
    """The draft file's text, or None when it is missing or unreadable. Capped and regular
    files only: a draft path pointing at a FIFO or /dev/zero must not hang or exhaust memory
    before the first screen."""
    from tui.model.limits import read_limited
    from tui.model.problems import DataActionError

    try:
        return read_limited(source).decode("utf-8")
    except (DataActionError, UnicodeDecodeError):
        return None


def load_draft(path: Path | None = None) -> Spec | None:
    """The saved draft, or None when there is none or it no longer parses."""
    source = path or draft_path()
    text = _draft_text(source)
    if text is None:
        return None
    from tui.model.formats import read_spec  # the model: only when there is a draft
    from tui.model.problems import DataActionError

    try:
        loaded = read_spec(text, str(source))
    except DataActionError:
        return None
    return loaded.spec


@dataclass(frozen=True)
class DraftSummary:
    """What the resume offer shows, read without the model (PyYAML and the model cost a good
    part of the wizard's first frame); the spec is loaded when chosen."""

    path: Path
    name: str
    url: str


def peek_draft(path: Path | None = None) -> DraftSummary | None:
    """The saved draft's name and URL when it is worth resuming (a URL or an output)."""
    source = path or draft_path()
    text = _draft_text(source)
    if text is None:
        return None
    quick = _plain_name_and_url(text)
    if quick is not None:
        return DraftSummary(source, *quick)
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    request = data.get("request")
    url = request.get("url") if isinstance(request, dict) else None
    if not (url or data.get("outputs")):
        return None
    return DraftSummary(source, str(data.get("name") or ""), str(url or ""))


# The offer needs two values. In the layout `spec_to_yaml` writes (a top-level `name:`, `url:`
# under `request:`) they are usually a plain name and an http(s) URL, which read the same line by
# line as through PyYAML, whose import costs more than the rest of the offer (~9 ms on 2 cores).
# Anything else goes to PyYAML: quoting, comments, block or flow styles, continued lines, a name
# YAML reads as a bool or null, a repeated key, directives, documents, tabs, quoted keys.
# (Patterns as text: `re` compiles them when a draft is read, not with the wizard's first frame.)
_PLAIN_NAME = r"[^\W\d_](?:[\w .,()/'+-]*[\w.,()/'+-])?"
_NOT_STRINGS = frozenset(("yes", "no", "on", "off", "true", "false", "null"))
_PLAIN_URL = r"https?://[^\s'\"]*[^\s'\":]"
_ODD_LINE = r"^(?:---|\.\.\.|%|\t| {0,2}[\"'?])"
_NAME_LINE = r"^name: (.*)$(?!\n[ \n])"  # not continued on the next line
_REQUEST_LINE = r"^request:"
_REQUEST_URL = r"^request:\n(?:  (?!url:).*\n)*  url: (.*)$(?!\n(?:   |\n))"
_URL_LINE = r"^  url:"


def _plain_name_and_url(text: str) -> tuple[str, str] | None:
    """The draft's name and URL when both are plain in the usual layout, else None."""
    lines = re.MULTILINE
    if re.search(_ODD_LINE, text, lines) or len(re.findall(_REQUEST_LINE, text, lines)) != 1:
        return None
    if len(re.findall(_URL_LINE, text, lines)) != 1:
        return None
    if text.count("\nname:") + text.startswith("name:") != 1:
        return None
    name_line, url_line = re.search(_NAME_LINE, text, lines), re.search(_REQUEST_URL, text, lines)
    if name_line is None or url_line is None:
        return None
    name, url = name_line.group(1).rstrip(" "), url_line.group(1).rstrip(" ")
    if re.fullmatch(_PLAIN_NAME, name) is None or name.lower() in _NOT_STRINGS:
        return None
    if re.fullmatch(_PLAIN_URL, url) is None:
        return None
    return name, url
