"""Text a person typed -> the JSON value an input of a given type holds.

One conversion for every room (the wizard's input dialog, plain mode's prompts, `--input` on the
command line, the Python API), so a sample `7` for a number is the integer 7 everywhere (and a URL
renders `q=7`, as Genesys's test tab sends it), and booleans accept the same words everywhere.
"""

from __future__ import annotations

import math
from typing import Any

TRUE_WORDS = ("true", "yes")
FALSE_WORDS = ("false", "no")


class ValueTextError(ValueError):
    """Text that is not a value of the input's type; the message says what is expected."""


def typed_value(text: str, kind: str) -> Any:
    """`text` as a value of JSON Schema type `kind` (string, integer, number, boolean).

    A number without a fraction or exponent stays an integer (`7`, not `7.0`); booleans take
    true/false and yes/no in any case. Strings are kept exactly as typed; other types ignore
    surrounding spaces. Raises ValueTextError for anything else.
    """
    if kind in ("string", "", None):
        return text
    word = text.strip()
    if kind == "boolean":
        lowered = word.lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered in FALSE_WORDS:
            return False
        raise ValueTextError(f"expects a boolean (true/false or yes/no), got {text!r}")
    if "_" in word:  # Python reads 1_000; JSON and Genesys do not
        raise ValueTextError(f"expects a {kind}, got {text!r}")
    if kind == "integer":
        try:
            return int(word)
        except ValueError:
            raise ValueTextError(f"expects a whole number, got {text!r}") from None
    if kind == "number":
        try:
            if not any(c in word for c in ".eE"):
                return int(word)
            value = float(word)
        except ValueError:
            raise ValueTextError(f"expects a number, got {text!r}") from None
        if not math.isfinite(value):  # JSON has no NaN or Infinity
            raise ValueTextError(f"expects a finite number, got {text!r}")
        return value
    return text  # arrays and objects are given as JSON elsewhere
