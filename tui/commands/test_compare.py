"""`dataaction test FILE --compare`: the local run next to the org's own run of the same action.

The org side runs on a temporary draft (tui.genesys.draft_test) through the official SDK, so
it needs credentials with draft rights (without any, the embedded sandbox answers). Both step
traces are shown side by side and every difference goes to a JSON report a user can attach to
a bug report. Exit 0 when the traces agree, 1 when they differ.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands._genesys import EXIT_OK, EXIT_USAGE, EXIT_VALIDATION, guarded, note, target
from tui.runtime.trace_text import FAILED, PASSED

if TYPE_CHECKING:
    from tui.model.formats import Loaded
    from tui.runtime.assumptions import Assumptions
    from tui.runtime.pipeline import CannedResponse


def run_compare(
    args: argparse.Namespace,
    loaded: Loaded,
    inputs: dict[str, Any],
    response: CannedResponse | None,
    base_url: str | None,
    assumptions: Assumptions,
) -> int:
    if response is not None:
        note("error: --compare runs the real request on both sides: drop --sample/--response-file")
        return EXIT_USAGE
    return guarded(args, lambda: _compare(args, loaded, inputs, base_url, assumptions))


def _compare(
    args: argparse.Namespace,
    loaded: Loaded,
    inputs: dict[str, Any],
    base_url: str | None,
    assumptions: Assumptions,
) -> int:
    from tui.genesys.deploy import Deployer
    from tui.genesys.draft_test import test_on_temporary_draft
    from tui.runtime.pipeline import run_test
    from tui.runtime.trace_diff import diff_traces

    where = target(args)
    local = run_test(
        loaded.action, inputs, flatten=args.flatten, base_url=base_url, assumptions=assumptions
    ).to_wire()
    org = test_on_temporary_draft(Deployer(where), loaded.action, inputs, flatten=args.flatten)
    differences = diff_traces(local, org)
    report_path = Path(args.report or f"{Path(args.file).stem}.compare.json")
    report = {
        "action": loaded.action.name,
        "target": where.label,
        "inputs": inputs,
        "assumptions": assumptions.values,
        "differences": differences,
        "local": local,
        "org": org,
    }
    report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(side_by_side(local, org, differences, where.label))
        verdict = "the traces agree" if not differences else f"{len(differences)} difference(s)"
        note(f"{verdict}; report written to {report_path}")
    return EXIT_OK if not differences else EXIT_VALIDATION


def _cell(op: dict[str, Any] | None, width: int) -> str:
    if op is None:
        return "(no step)".ljust(width)
    mark = PASSED if op.get("success") else FAILED
    if op.get("success"):
        detail = op.get("result")
        text = detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)
    else:
        text = (op.get("error") or {}).get("message", "")
    line = f"{mark} {text}".replace("\n", " ")
    return (line if len(line) <= width else line[: width - 1] + "…").ljust(width)


def side_by_side(
    local: dict[str, Any], org: dict[str, Any], differences: list[dict[str, Any]], label: str
) -> str:
    """Both traces, one step per row, rows that differ marked with `≠`."""
    columns = shutil.get_terminal_size((120, 24)).columns
    width = max(24, (columns - 8) // 2)
    differing = {d["step"] for d in differences}
    ours, theirs = local.get("operations") or [], org.get("operations") or []
    lines = [f"   {'local runtime'.ljust(width)} | {label[:width]}"]
    for k in range(max(len(ours), len(theirs))):
        a = ours[k] if k < len(ours) else None
        b = theirs[k] if k < len(theirs) else None
        name = (a or b or {}).get("name", "")
        flag = "≠" if k + 1 in differing else " "
        lines.append(f"{flag} {k + 1}. {name}")
        lines.append(f"   {_cell(a, width)} | {_cell(b, width).rstrip()}")
    final = "≠" if None in differing else " "
    lines.append(
        f"{final} result: local {'success' if local.get('success') else 'failed'}, "
        f"org {'success' if org.get('success') else 'failed'}"
    )
    return "\n".join(lines)
