"""`--input KEY=VALUE` pairs, typed by the action's input contract."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any


def key_value(pair: str) -> str:
    """argparse `type=` of `--input`: a pair that is not `key=value` is a usage error (exit 2,
    with the subcommand's usage), caught before any file is read or any org is called."""
    key, sep, _ = pair.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"{pair!r} is not key=value (e.g. --input city=Paris)")
    return pair


def parse_inputs(
    pairs: Sequence[str], schema: dict[str, Any], defaults: dict[str, Any]
) -> dict[str, Any]:
    """`k=v` pairs typed by the input contract (integer, number, boolean), over the defaults."""
    from tui.model.problems import DataActionError
    from tui.model.values import ValueTextError, typed_value

    props = schema.get("properties") or {}
    values = dict(defaults)
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise DataActionError.single(
                f"--input {pair!r} is not key=value",
                field="--input",
                hint="e.g. --input city=Paris",
            )
        typ = (props.get(key) or {}).get("type", "string")
        try:
            values[key] = typed_value(raw, typ)
        except ValueTextError as exc:
            raise DataActionError.single(f"input '{key}' {exc}", field=f"--input {key}") from None
    return values
