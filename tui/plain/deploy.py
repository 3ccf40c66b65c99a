"""The deploy step: to the org the credentials name, else the embedded sandbox."""

from __future__ import annotations

from tui.model.action import Action
from tui.model.problems import DataActionError
from tui.plain.console import Console


def target_line() -> str:
    """Where a deploy would go, without starting anything."""
    from tui.genesys.settings import deploy_destination

    return deploy_destination().line()


def deploy(con: Console, action: Action) -> bool:
    """Deploy with progress lines; True when it worked. Errors are explained, never raised."""
    con.heading("Deploy")
    try:
        from tui.genesys.deploy import Deployer
        from tui.genesys.target import resolve_target

        target = resolve_target()
        con.say(f"Target: {target.label}")
        if target.notice:
            con.say(target.notice)
        result = Deployer(target).deploy(action, on_progress=lambda line: con.say(f"  {line}"))
    except ImportError as exc:
        con.say(f"Deploying is not available in this installation ({exc.name} is missing).")
        return False
    except DataActionError as exc:
        for p in exc.problems:
            con.say(p.render())
        return False
    con.say(
        f"Deployed '{result.name}' ({result.change}), version {result.version}, id {result.action_id}."
    )
    con.say(
        f"In Architect: a Call Data Action step, category '{result.category}', "
        f"action '{result.name}'."
    )
    return True
