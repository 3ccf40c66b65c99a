"""Differences between two step traces (`TestExecutionResult` wire JSON): ours and the org's.

Used by `test --compare`. Step results are compared as values (a JSON text result is read
first, so key order and spacing do not count, and timings are left out); error messages are compared only by whether
the step failed and its HTTP status/code, because Genesys words them its own way.
"""

from __future__ import annotations

import json
from typing import Any

# Timings differ on every run: never a difference worth reporting.
_VOLATILE = frozenset({"elapsedMs"})


def _value(result: Any) -> Any:
    if isinstance(result, str):
        try:
            result = json.loads(result)
        except ValueError:
            return result
    if isinstance(result, dict):
        return {k: v for k, v in result.items() if k not in _VOLATILE}
    return result


def _error_key(op: dict[str, Any]) -> tuple[Any, Any] | None:
    error = op.get("error")
    if not error:
        return None
    return (error.get("status"), error.get("code"))


def diff_traces(local: dict[str, Any], org: dict[str, Any]) -> list[dict[str, Any]]:
    """Every difference, as {"step", "name", "field", "local", "org"} (step None: the run)."""
    out: list[dict[str, Any]] = []
    ours, theirs = local.get("operations") or [], org.get("operations") or []
    for k in range(max(len(ours), len(theirs))):
        a = ours[k] if k < len(ours) else None
        b = theirs[k] if k < len(theirs) else None
        name = (a or b or {}).get("name")
        if a is None or b is None:
            out.append({"step": k + 1, "name": name, "field": "present",
                        "local": a is not None, "org": b is not None})  # fmt: skip
            continue
        if a.get("name") != b.get("name"):
            out.append({"step": k + 1, "name": name, "field": "name",
                        "local": a.get("name"), "org": b.get("name")})  # fmt: skip
        if bool(a.get("success")) != bool(b.get("success")):
            out.append({"step": k + 1, "name": name, "field": "success",
                        "local": bool(a.get("success")), "org": bool(b.get("success"))})  # fmt: skip
        elif a.get("success") and _value(a.get("result")) != _value(b.get("result")):
            out.append({"step": k + 1, "name": name, "field": "result",
                        "local": a.get("result"), "org": b.get("result")})  # fmt: skip
        elif not a.get("success") and _error_key(a) != _error_key(b):
            out.append({"step": k + 1, "name": name, "field": "error",
                        "local": a.get("error"), "org": b.get("error")})  # fmt: skip
    if bool(local.get("success")) != bool(org.get("success")):
        out.append({"step": None, "name": "run", "field": "success",
                    "local": bool(local.get("success")), "org": bool(org.get("success"))})  # fmt: skip
    elif local.get("success") and _value(local.get("finalResult")) != _value(
        org.get("finalResult")
    ):
        out.append({"step": None, "name": "run", "field": "finalResult",
                    "local": local.get("finalResult"), "org": org.get("finalResult")})  # fmt: skip
    return out
