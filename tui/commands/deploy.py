"""`dataaction deploy FILE...`: plan, then create or update actions in an org or the sandbox."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from tui.commands import SUMMARIES
from tui.commands._genesys import (
    EXIT_OK,
    EXIT_VALIDATION,
    add_credential_arguments,
    add_target_arguments,
    guarded,
    load_all,
    target,
    use_credential,
)

if TYPE_CHECKING:
    from tui.genesys.deploy import Deployer, PlanItem
    from tui.genesys.errors import GenesysError
    from tui.genesys.target import Target

HELP = SUMMARIES["deploy"]
WARM = True  # an org command: run in a copy of the warm process (tui.warm)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "deploy",
        help=HELP,
        description="Deploy action files (spec YAML, API JSON, .custom.json, Terraform HCL). "
        "Shows a plan (create/update/unchanged/recreate with a diff), then applies it.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="only show the plan")
    p.add_argument(
        "--draft-only",
        action="store_true",
        help="save drafts (created or updated, validated by Genesys) without publishing, like "
        "the admin UI's Save draft; a later deploy without it publishes them",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    p.add_argument(
        "--recreate",
        action="store_true",
        help="replace actions whose contract changed by new actions (new ids)",
    )
    p.add_argument(
        "--detailed-exitcode",
        action="store_true",
        help="with --dry-run: exit 1 when changes are pending",
    )
    p.add_argument("--integration", metavar="ID", help="integration for new actions")
    add_credential_arguments(p)
    add_target_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    return guarded(args, lambda: _deploy(args))


def _deploy(args: argparse.Namespace) -> int:
    from tui.genesys.deploy import Deployer
    from tui.genesys.errors import GenesysError
    from tui.genesys.progress import StepProgress
    from tui.model.problems import DataActionError

    if args.draft_only and args.recreate:
        raise DataActionError.single(
            "--draft-only and --recreate cannot go together",
            field="--draft-only",
            hint="--recreate deletes the old action; save the draft first, publish with --recreate",
        )
    loaded = load_all(args.files)
    where = target(args)
    deployer = Deployer(where)
    plan = deployer.plan(loaded, draft_only=args.draft_only)
    if not args.json:
        _print_plan(plan, where.label)
    pending = [p for p in plan if p.change != "unchanged"]
    if args.dry_run:
        if args.json:
            print(json.dumps(_plan_json(plan, where, deployer), indent=2))
        return EXIT_VALIDATION if args.detailed_exitcode and pending else EXIT_OK
    integration_id = args.integration
    if getattr(args, "credential", None):
        integration_id = use_credential(args, deployer, plan, integration_id)
    if args.draft_only:
        from tui.commands._deploy_drafts import save_drafts

        code, saved, failed = save_drafts(args, loaded, plan, deployer, integration_id)
        if args.json:
            _print_json(plan, where, deployer, saved, failed, ok=code == EXIT_OK)
        return code
    results: list[dict[str, Any]] = []
    errors: list[tuple[PlanItem, GenesysError]] = []
    with StepProgress(len(pending)) as progress:
        for loaded_item, item in zip(loaded, plan, strict=True):
            if item.change == "unchanged":
                results.append(
                    {
                        "name": item.name,
                        "change": "unchanged",
                        "id": item.action_id,
                        "version": item.version,
                    }
                )
                continue
            progress.start(item.name)
            try:
                r = deployer.deploy(
                    loaded_item,
                    integration_id,
                    progress.say,
                    recreate=args.recreate,
                    item=item,
                )
                results.append(
                    {
                        "name": r.name,
                        "change": r.change,
                        "id": r.action_id,
                        "version": r.version,
                        "notes": r.notes,
                    }
                )
            except GenesysError as exc:
                errors.append((item, exc))
                if not args.json:
                    progress.error(str(exc))
            progress.done()
    stats = deployer.session.stats
    code = errors[0][1].exit_code if errors else EXIT_OK
    if args.json:
        _print_json(plan, where, deployer, results, errors, ok=not errors)
    else:
        counts = {
            c: sum(1 for r in results if r["change"] == c)
            for c in ("create", "update", "recreate", "unchanged")
        }
        summary = ", ".join(
            f"{n} {c if c != 'create' else 'created'}" for c, n in counts.items() if n
        )
        print(f"{summary or 'nothing deployed'}; {len(errors)} failed; {stats.writes} API writes")
    return code


def _print_json(
    plan: list[PlanItem],
    where: Target,
    deployer: Deployer,
    results: list[dict[str, Any]],
    errors: list[tuple[PlanItem, GenesysError]],
    *,
    ok: bool,
) -> None:
    out = _plan_json(plan, where, deployer)
    out.update(
        ok=ok,
        results=results,
        errors=[{"name": i.name, "problems": [p.to_dict() for p in e.problems]} for i, e in errors],
    )
    print(json.dumps(out, indent=2))


def _print_plan(plan: list[PlanItem], label: str) -> None:
    from tui.commands._deploy_drafts import draft_words

    drafts = any(item.draft_only for item in plan)
    print(f"Plan for {label}" + (" (drafts only: nothing is published):" if drafts else ":"))
    for item in plan:
        mark = {"create": "+", "update": "~", "recreate": "-/+", "unchanged": "="}[item.change]
        extra = f" (version {item.version})" if item.version else ""
        words = draft_words(item) if item.draft_only else f"{item.change}{extra}"
        if item.draft_id and not item.draft_only and item.change in ("create", "update"):
            words += ", publishing its unpublished draft (its content becomes the file's)"
        print(f"  {mark} {item.name}: {words}")
        if item.diff:
            print("    " + item.diff.rstrip("\n").replace("\n", "\n    "))
        if item.change == "recreate":
            print("    the contract changed: needs --recreate (the action gets a new id)")
        if item.refused:
            print(f"    note: {item.refused}")


def _plan_json(plan: list[PlanItem], where: Target, deployer: Deployer) -> dict[str, Any]:
    stats = deployer.session.stats
    return {
        "target": {"kind": where.kind, "label": where.label, "url": where.base_url},
        "draft_only": any(p.draft_only for p in plan),
        "plan": [
            {
                "name": p.name,
                "change": p.change,
                "file": p.file,
                "id": p.action_id,
                "version": p.version,
                "diff": p.diff,
                "draft_id": p.draft_id,  # the unpublished draft a save updates or deploy publishes
                **({"publish_refused": p.refused} if p.draft_only else {}),
            }
            for p in plan
        ],
        "requests": {"total": stats.requests, "writes": stats.writes, "retries": stats.retries},
    }
