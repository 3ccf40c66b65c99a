"""`dataaction test --remote NAME`: the org's (or sandbox's) test endpoint for a published action."""

from __future__ import annotations

import argparse
import json

from tui.commands._genesys import EXIT_OK, EXIT_VALIDATION, guarded, note, target


def run_remote(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _remote_test(args))


def _remote_test(args: argparse.Namespace) -> int:
    from tui.commands._inputs import parse_inputs
    from tui.genesys.deploy import Deployer

    deployer = Deployer(target(args))
    doc = deployer.remote(args.remote)
    schema = ((doc.get("contract") or {}).get("input") or {}).get("inputSchema") or {}
    inputs = parse_inputs(args.input, schema, {})
    result = deployer.session.test_action(doc["id"], inputs, flatten=args.flatten, name=doc["name"])
    ok = bool(result.get("success"))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        from tui.commands._output import color
        from tui.runtime.trace_text import as_result, render

        print(render(as_result(result), flatten=args.flatten, paint=color))
        if not ok:
            err = result.get("error") or {}
            note(
                f"error: the test of '{doc['name']}' failed: {err.get('message', 'unknown error')}"
            )
    return EXIT_OK if ok else EXIT_VALIDATION
