"""java.util.regex patterns run on the `regex` package (both engines, Velocity and JSONPath).

Java fidelity demands this translation layer: `regex` already speaks Java's Unicode classes
(`\\p{L}`, `\\p{Lu}`, `\\p{IsLatin}`), possessive quantifiers, atomic and named groups; what
differs is translated here: Java's POSIX classes (`\\p{Alpha}`...) are ASCII-only, `\\Q...\\E`
quotes, `\\w`/`\\d`/`\\s` are ASCII, `\\p{javaLowerCase}` and friends are named differently,
and `.` also stops at `\\r`, U+0085, U+2028 and U+2029 unless DOTALL/UNIX_LINES. Known gap:
case-insensitive matching folds Unicode letters (Java folds only ASCII without the `u` flag).
"""

from __future__ import annotations

import functools
from typing import Any

_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "A-Za-z",
    "Digit": "0-9",
    "Alnum": "A-Za-z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
_JAVA_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]"
# Without UNICODE_CHARACTER_CLASS Java's \w, \d and \s are ASCII (`regex`'s are Unicode, and
# its ASCII flag would also narrow \p{L}).
_ASCII_CLASSES = {
    "w": "a-zA-Z_0-9",
    "d": "0-9",
    "s": " \\t\\n\\x0b\\f\\r",
}
_JAVA_PROPERTIES = {
    "javaLowerCase": "\\p{Lowercase}",
    "javaUpperCase": "\\p{Uppercase}",
    "javaWhitespace": "\\s",
    "javaLetter": "\\p{L}",
    "javaDigit": "\\p{Nd}",
    "javaLetterOrDigit": "[\\p{L}\\p{Nd}]",
    "javaAlphabetic": "\\p{Alphabetic}",
    "IsAlphabetic": "\\p{Alphabetic}",
}


class JavaPatternError(ValueError):
    """java.util.regex.PatternSyntaxException."""


def _translate(source: str, dotall: bool, unix_lines: bool, unicode_classes: bool) -> str:
    import regex

    out: list[str] = []
    i, n = 0, len(source)
    depth = 0  # inside [...]
    while i < n:
        c = source[i]
        if c == "\\" and i + 1 < n:
            nxt = source[i + 1]
            if nxt == "Q":
                end = source.find("\\E", i + 2)
                literal = source[i + 2 :] if end == -1 else source[i + 2 : end]
                out.append(regex.escape(literal))
                i = n if end == -1 else end + 2
                continue
            if not unicode_classes and nxt.lower() in _ASCII_CLASSES:
                body = _ASCII_CLASSES[nxt.lower()]
                if nxt.islower():
                    out.append(body if depth else f"[{body}]")
                    i += 2
                    continue
                if not depth:
                    out.append(f"[^{body}]")
                    i += 2
                    continue
            if nxt in "pP" and i + 2 < n and source[i + 2] == "{":
                close = source.find("}", i + 3)
                name = source[i + 3 : close] if close != -1 else ""
                if name in _JAVA_PROPERTIES and nxt == "p":
                    out.append(_JAVA_PROPERTIES[name])
                    i = close + 1
                    continue
                posix = _POSIX.get(name[2:] if name.startswith("Is") else name)
                if posix is not None and not unicode_classes:
                    negate = "^" if nxt == "P" else ""
                    out.append(f"[{negate}{posix}]" if depth == 0 else posix if not negate else "")
                    i = close + 1
                    continue
            out.append(source[i : i + 2])
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]" and depth:
            depth -= 1
        elif c == "." and depth == 0 and not dotall:
            out.append("[^\\n]" if unix_lines else _JAVA_DOT)
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=512)
def compile_java(source: str, flags: str = "") -> Any:
    """Compile a Java pattern; `flags` are Jayway's letters (d i x m s u U). Raises
    JavaPatternError for what Java rejects (as far as `regex` tells). `regex` loads with the
    first pattern: most actions use none, and `validate` need not pay for its import."""
    import regex

    unicode_classes = "U" in flags
    # Java's class intersection (`[\\p{L}&&[^a]]`) needs `regex`'s VERSION1 set syntax.
    options = regex.VERSION1 if "&&" in source else regex.VERSION0
    if "i" in flags:
        options |= regex.IGNORECASE
    if "m" in flags:
        options |= regex.MULTILINE
    if "s" in flags:
        options |= regex.DOTALL
    if "x" in flags:
        options |= regex.VERBOSE
    translated = _translate(source, "s" in flags, "d" in flags, unicode_classes)
    try:
        return regex.compile(translated, options)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise JavaPatternError(str(exc)) from None
