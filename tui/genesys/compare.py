"""Compare a local action with the org's copy: what changed, as a readable diff.

Both sides go through `canonical` (absent == Genesys default), and server-made fields (id,
version, *Uri, integrationId) are ignored. A changed contract cannot be published over an
existing action, so it is reported separately from config changes.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal

import yaml

from tui.genesys.errors import GenesysError
from tui.model.action import DEFAULT_TIMEOUT_SECONDS, Action
from tui.model.compile import canonical
from tui.model.problems import Problem
from tui.model.records import ValidationError
from tui.model.validation import malformed_schema_problems

SERVER_FIELDS = ("id", "version", "selfUri", "integrationId")
ACTION_FIELDS = (
    frozenset(Action.model_fields)
    | {Action.model_fields[f].alias or f for f in Action.model_fields}
    | {"integrationId", "selfUri"}
)


def action_from_remote(doc: dict[str, Any]) -> Action:
    """The wire action in a server answer, ignoring fields the model does not know."""
    known = {k: v for k, v in doc.items() if k in ACTION_FIELDS}
    try:
        action = Action.model_validate(_strip_uris(known))
    except ValidationError as exc:
        raise unreadable(doc, exc) from None
    malformed = malformed_schema_problems(action)
    if malformed:
        raise unreadable(doc, ValueError(f"{malformed[0].field}: {malformed[0].message}"))
    return action


def unreadable(doc: dict[str, Any], exc: Exception) -> GenesysError:
    """An org's action this tool cannot read (made by another tool, or broken)."""
    first = exc.errors()[0] if isinstance(exc, ValidationError) else {"msg": str(exc), "loc": ()}
    where = ".".join(str(p) for p in first.get("loc", ()))
    return GenesysError(
        [
            Problem(
                f"the org's action '{doc.get('name')}' (id {doc.get('id')}) cannot be read: "
                f"{where + ': ' if where else ''}{first.get('msg')}",
                hint="fix or delete it in Admin > Integrations > Actions, or with "
                "`dataaction delete NAME` (drafts: `dataaction drafts --delete ID`)",
            )
        ]
    )


def _strip_uris(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_uris(v) for k, v in value.items() if not k.endswith("Uri")}
    return value


def has_contract(doc: dict[str, Any]) -> bool:
    contract = doc.get("contract") or {}
    return "inputSchema" in (contract.get("input") or {}) and "successSchema" in (
        contract.get("output") or {}
    )


def comparable(action: Action) -> dict[str, Any]:
    """The action as compared: canonical, without server-made fields or *Uri references."""
    wire = _strip_uris(canonical(action))
    for key in SERVER_FIELDS:
        wire.pop(key, None)
    wire["config"].setdefault("timeoutSeconds", DEFAULT_TIMEOUT_SECONDS)
    return wire


def config_part(c: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in c.items() if k != "contract"}


def contract_part(c: dict[str, Any]) -> dict[str, Any]:
    return c.get("contract") or {}


Classified = Literal["unchanged", "update", "recreate"]


def classify(local: Action, remote: Action) -> tuple[Classified, str]:
    """("unchanged" | "update" | "recreate", unified diff remote -> local)."""
    want, got = comparable(local), comparable(remote)
    if want.get("category") is None and "category" in got:
        # No category (a UI export has none): an update keeps the org's, so it is no change.
        want["category"] = got["category"]
    if want == got:
        return "unchanged", ""
    change: Classified = "recreate" if contract_part(want) != contract_part(got) else "update"
    return change, unified_diff(got, want, "org", "local")


def _yaml(data: dict[str, Any]) -> list[str]:
    text = yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=100)
    return text.splitlines(keepends=True)


def unified_diff(old: dict[str, Any], new: dict[str, Any], old_label: str, new_label: str) -> str:
    return "".join(difflib.unified_diff(_yaml(old), _yaml(new), old_label, new_label, n=2))
