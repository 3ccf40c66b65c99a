"""File names made from action names, and writing them so they stay inside their folder.

Action names come from an org or a file: anything may be in them (`/x/ABSOLUTE`, `../..`,
NUL, a lone surrogate, 300 characters). The one function every writer uses to turn a name into
a file name is `safe_file_stem`; `write_inside` refuses to follow a symlink out of the folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from tui.model.problems import DataActionError

MAX_STEM_BYTES = 120
# Path separators, control characters, characters Windows refuses, whitespace runs.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')
_SURROGATES = re.compile("[\ud800-\udfff]")


def safe_file_stem(name: str, fallback: str = "action") -> str:
    """A file name stem from `name`: no separators or control characters, no leading dot,
    at most MAX_STEM_BYTES of UTF-8, never empty, `.` or `..`."""
    text = _SURROGATES.sub("", unicodedata.normalize("NFC", _SURROGATES.sub("", name)))
    text = _UNSAFE.sub("-", text).strip("-.")
    raw = text.encode("utf-8")
    if len(raw) > MAX_STEM_BYTES:
        text = raw[:MAX_STEM_BYTES].decode("utf-8", errors="ignore").rstrip("-.")
    return text or fallback


def unique_name(stem: str, suffix: str, taken: set[str]) -> str:
    """`stem + suffix`, or `stem-2 + suffix`... when a case-insensitive file system already
    holds that name in `taken` (which is updated)."""
    name, n = stem + suffix, 2
    while name.lower() in taken:
        name, n = f"{stem}-{n}{suffix}", n + 1
    taken.add(name.lower())
    return name


def write_inside(folder: Path, name: str, text: str) -> Path:
    """Write `text` to `folder/name`, refusing a name that leaves the folder or a symlink."""
    if name in ("", ".", "..") or "/" in name or "\0" in name or os.sep in name:
        raise DataActionError.single(f"'{name}' is not a plain file name")
    path = folder / name
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise DataActionError.single(
            f"cannot write {path}: {exc.strerror}",
            hint="a symbolic link there is not followed; remove it"
            if os.path.islink(path)
            else "check the folder exists and is writable",
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return path
