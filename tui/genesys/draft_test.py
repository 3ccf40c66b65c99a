"""Run an action through the org's own test endpoint on a temporary draft.

`test --compare` uses this to learn what Genesys does with exactly the local action: the
draft (named after the action, with a unique suffix so it never clashes) is created, tested
with `POST /api/v2/integrations/actions/{id}/draft/test` and deleted again, even when the
test fails. Nothing is published.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from tui.genesys.errors import GenesysError
from tui.model.problems import Problem

if TYPE_CHECKING:
    from tui.genesys.deploy import Deployer
    from tui.model.action import Action

SUFFIX = " (dataaction compare {})"


def test_on_temporary_draft(
    deployer: Deployer,
    action: Action,
    inputs: dict[str, Any],
    *,
    flatten: bool = False,
    integration_id: str | None = None,
) -> dict[str, Any]:
    """The org's TestExecutionResult (wire JSON) for `action` run with `inputs`."""
    body = deployer._body(action)
    body["name"] = action.name + SUFFIX.format(secrets.token_hex(3))
    body["integrationId"] = integration_id or action.integration_id or deployer.pick_integration()
    draft = deployer.session.create_draft(body)
    try:
        return deployer.session.test_draft(draft["id"], inputs, flatten=flatten, name=body["name"])
    finally:
        try:
            deployer.session.delete_draft(draft["id"], name=body["name"])
        except GenesysError as exc:
            left = f"the temporary draft '{body['name']}' was left in the org: delete it there"
            exc.problems.append(Problem(left))
            raise
