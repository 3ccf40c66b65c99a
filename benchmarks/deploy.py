"""Deploy against big orgs: the client's plan cost, and sandbox costs that must not grow with
the org. The sandbox runs in its own process (as a real org would be elsewhere), so the
client's CPU time is the plan's own cost.

- plan of 1 action against an org of 1,000 (client CPU): < 150 ms;
- sandbox list page (5 of 1,000) and create, vs the same in an org of 10: ≤ 1.5x;
- plan of 200 unchanged actions: list calls (≤ 5), per-action reads (0);
- deploy of 50 new actions against a sandbox throttled to 50 requests / 10 s: no failed
  request.

Run: python -P benchmarks/deploy.py (or `make bench`).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table import Row, absolute_row, ratio_row, render

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 9
SANDBOX = """
import sys
from tui.sandbox import SandboxServer
limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
sb = SandboxServer(sys.argv[1], clients=[("bench", "secret")], rate_limit=limit,
                   rate_window=10.0).start()
print(sb.url, flush=True)
sb.wait()
"""


def spec(i: int) -> Any:
    from tui.model.spec import Spec

    return Spec.model_validate(
        {
            "name": f"Bench action {i:04}",
            "category": "Benchmark",
            "request": {
                "method": "GET",
                "url": f"https://api.example.com/items/{i}?q=${{input.q}}",
            },
            "inputs": [{"name": "q", "type": "string", "required": True}],
            "outputs": [{"name": "value", "path": "$.value", "type": "string"}],
        }
    )


class Sandbox:
    """A sandbox process on a temp DB, and a logged-in session to it."""

    def __init__(self, db: Path, limit: int | None = None) -> None:
        args = [sys.executable, "-c", SANDBOX, str(db)] + ([str(limit)] if limit else [])
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        from pydantic import SecretStr

        from tui.genesys.target import Target

        self.target = Target(
            kind="sandbox",
            label="bench sandbox",
            base_url=self.url,
            client_id="bench",
            client_secret=SecretStr("secret"),
            source="benchmark",
        )

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def seed(box: Sandbox, first: int, count: int) -> None:
    from tui.genesys.deploy import Deployer
    from tui.model.compile import compile_spec

    deployer = Deployer(box.target)
    integration = deployer.pick_integration()
    api = deployer.session.api
    for i in range(first, first + count):
        body = deployer._body(compile_spec(spec(i))) | {"integrationId": integration}
        deployer.session.call("create action", api.post_integrations_actions, body)


def org_size_costs(work: Path) -> dict[str, list[float]]:
    """Seconds per list page and per create, in an org of 10 and one of 1,000."""
    from tui.genesys.session import Session

    out: dict[str, list[float]] = {}
    for size in (10, 1000):
        box = Sandbox(work / f"org{size}.db")
        try:
            seed(box, 0, size)
            session = Session(box.target)
            session.login()
            lists, creates, plans = [], [], []
            from tui.genesys.deploy import Deployer
            from tui.model.compile import compile_spec

            one = [compile_spec(spec(5000))]
            integration = Deployer(box.target, session=session).pick_integration()
            for n in range(ROUNDS):
                start = time.perf_counter()
                page = session.http._client.get(
                    f"{box.url}/api/v2/integrations/actions",
                    params={"pageSize": 5, "pageNumber": 2},
                    headers={"Authorization": f"Bearer {session.client.access_token}"},
                )
                lists.append(time.perf_counter() - start)
                assert page.status_code == 200 and len(page.json()["entities"]) == 5
                body = Deployer(box.target, session=session)._body(
                    compile_spec(spec(10_000 + n))
                ) | {"integrationId": integration}
                start = time.perf_counter()
                session.create_draft(body)
                creates.append(time.perf_counter() - start)
                planner = Deployer(box.target, session=session)
                cpu = time.process_time()
                plan = planner.plan(one)
                plans.append(time.process_time() - cpu)
                assert plan[0].change == "create"
            out[f"list{size}"], out[f"create{size}"], out[f"plan{size}"] = lists, creates, plans
        finally:
            box.close()
    return out


def plan_of_200(work: Path) -> tuple[int, int, list[float]]:
    from tui.genesys.deploy import Deployer
    from tui.genesys.session import Session
    from tui.model.compile import compile_spec

    actions = [compile_spec(spec(i)) for i in range(200)]
    box = Sandbox(work / "plan200.db")
    try:
        seed(box, 0, 200)
        times, lists, reads = [], [], []
        for _ in range(5):
            session = Session(box.target)
            session.login()
            start = time.perf_counter()
            plan = Deployer(box.target, session=session).plan(actions)
            times.append(time.perf_counter() - start)
            assert all(p.change == "unchanged" for p in plan)
            lists.append(session.stats.lists())
            reads.append(session.stats.gets() - session.stats.lists())
    finally:
        box.close()
    return int(statistics.median(lists)), int(statistics.median(reads)), times


def throttled_deploy(work: Path) -> tuple[int, int, int]:
    """(created, 429 answers, failed requests) deploying 50 new actions at 50 requests/10 s."""
    from tui.genesys.deploy import Deployer
    from tui.model.compile import compile_spec

    actions = [compile_spec(spec(2000 + i)) for i in range(50)]
    box = Sandbox(work / "throttled.db", limit=50)
    try:
        deployer = Deployer(box.target)
        plan = deployer.plan(actions)
        results = [deployer.deploy(a, item=p) for a, p in zip(actions, plan, strict=True)]
        stats = deployer.session.stats
    finally:
        box.close()
    return sum(r.change == "create" for r in results), stats.throttled, stats.failed


def rows() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t = org_size_costs(work)
        lists, reads, times = plan_of_200(work)
        created, throttled, failed = throttled_deploy(work)
    return [
        absolute_row(
            "deploy plan of 1 action, org of 1,000 (client CPU)",
            t["plan1000"],
            150,
            ref=f"org of 10: {statistics.median(t['plan10']) * 1e3:.0f} ms",
        ),
        ratio_row(
            "sandbox list page (5 actions), org of 1,000",
            t["list1000"],
            t["list10"],
            "org of 10",
            1.5,
        ),
        ratio_row(
            "sandbox create draft, org of 1,000", t["create1000"], t["create10"], "org of 10", 1.5
        ),
        Row(
            "deploy plan of 200 unchanged actions",
            f"{lists} list calls, {reads} reads, {statistics.median(times) * 1e3:.0f} ms",
            "—",
            None,
            "≤ 5 list calls, 0 reads",
            lists <= 5 and reads == 0,
        ),
        Row(
            "deploy 50 new actions, sandbox at 50 requests/10 s",
            f"{created}/50 created, {throttled} × 429, {failed} failed",
            "—",
            None,
            "0 failed",
            failed == 0 and created == 50,
        ),
    ]


if __name__ == "__main__":
    print(render(rows()))
