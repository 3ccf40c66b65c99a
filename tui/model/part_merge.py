"""Hand edits kept through later mapping changes: a three-way merge per edited part.

The base is what the friendly fields generated before the change, "ours" is the user's edit,
"theirs" what they generate after it. JSON parts (contracts, translation map, defaults) merge
key by key, so a new mapping lands in an edited map; where both sides changed the same value,
the edit is kept and the clash is reported. A Velocity success template cannot be merged in
general: its change is always reported, with a merged version when the edit still has the
generated `"name": ${name}` entries to add to or remove from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tui.model.generate import success_value
from tui.model.parts import PartKey, generated, overridden, override, set_override
from tui.model.spec import OutputSpec, Spec

MISSING: Any = object()


@dataclass(frozen=True)
class Clash:
    """A part whose hand edit the regenerated version would replace: the user decides."""

    key: PartKey
    what: str  # what the regenerated part changes, in words
    take: Any  # the part if the user takes the regenerated changes (replacing the edit there)
    merged: Any = None  # a merge of both (success template only), when one exists


def _merge_lists(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    added = [x for x in theirs if x not in base and x not in ours]
    return [x for x in ours if x in theirs or x not in base] + added


def merge(base: Any, ours: Any, theirs: Any, prefer_theirs: bool, clashes: list[str]) -> Any:
    """Three-way merge of JSON values; a clash keeps `ours` (or `theirs`) and is recorded."""
    if theirs == base or ours == theirs:
        return ours
    if ours == base:
        return theirs
    if all(isinstance(v, dict) for v in (base, ours, theirs)):
        out = {}
        for k in [*ours, *(k for k in theirs if k not in ours)]:
            sub: list[str] = []
            value = merge(
                base.get(k, MISSING),
                ours.get(k, MISSING),
                theirs.get(k, MISSING),
                prefer_theirs,
                sub,
            )
            clashes += [f"{k}/{c}" if c else str(k) for c in sub]
            if value is not MISSING:
                out[k] = value
        return out
    scalars = (str, int, float, bool)
    lists = (base, ours, theirs)
    if all(isinstance(v, list) and all(isinstance(x, scalars) for x in v) for v in lists):
        return _merge_lists(base, ours, theirs)
    clashes.append("")
    return theirs if prefer_theirs else ours


def _entry(o: OutputSpec) -> str:
    return f'"{o.name}": {success_value(o)}'


def merge_template(before: list[OutputSpec], after: list[OutputSpec], ours: str) -> str | None:
    """`ours` with the generated entries of removed/changed outputs taken out and those of new
    ones added before its closing brace; None when the edit no longer has that shape."""
    old = {o.name: _entry(o) for o in before}
    new = {o.name: _entry(o) for o in after}
    text = ours
    for name, entry in old.items():
        if new.get(name) == entry:
            continue
        quoted = re.escape(entry)
        for pattern in (rf",\s*{quoted}", rf"{quoted}\s*,\s*", quoted):
            text, found = re.subn(pattern, "", text, count=1)
            if found:
                break
        else:
            return None
    added = [entry for name, entry in new.items() if old.get(name) != entry]
    if added:
        stripped = text.rstrip()
        if not stripped.endswith("}"):
            return None
        body = stripped[:-1].rstrip()
        separator = "" if body.endswith("{") else ", "
        text = body + separator + ", ".join(added) + "}" + text[len(stripped) :]
    return text


def _changed_outputs(before: list[OutputSpec], after: list[OutputSpec]) -> str:
    old = {o.name: o for o in before}
    new = {o.name: o for o in after}
    words = []
    for label, names in (
        ("adds", [n for n in new if n not in old]),
        ("drops", [n for n in old if n not in new]),
        ("changes", [n for n in new if n in old and new[n] != old[n]]),
    ):
        if names:
            words.append(f"{label} {', '.join(names)}")
    return "; ".join(words) or "changes the inputs"


def rebase(before: Spec, after: Spec) -> list[Clash]:
    """Carry `after`'s hand-edited parts over the change from `before` (mutates `after`).

    JSON parts take the change where the edit did not touch the same value. Each part the
    change cannot reach without replacing the edit comes back as a :class:`Clash`; until the
    user answers, the edit stays as it is.
    """
    clashes: list[Clash] = []
    for key in overridden(after):
        base, theirs = generated(before, key), generated(after, key)
        if base == theirs:
            continue
        ours = override(after, key)
        what = _changed_outputs(before.outputs, after.outputs)
        if key == "successTemplate":
            merged = merge_template(before.outputs, after.outputs, ours)
            clashes.append(Clash(key, what, theirs, merged))
            continue
        found: list[str] = []
        set_override(after, key, merge(base, ours, theirs, False, found))
        if found:
            take = merge(base, ours, theirs, True, [])
            clashes.append(Clash(key, f"{what} (your edit also changed {', '.join(found)})", take))
    return clashes
