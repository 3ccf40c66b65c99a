"""Deploy benchmark against the local sandbox (real HTTP, official SDK).

1. Plan for 200 existing, unchanged actions: list calls, per-action reads, wall time (median).
2. Deploy 50 new actions with the sandbox limited to 300 requests/minute (as 300 per 60 s, and
   as 50 per 10 s so that the deploy is throttled): requests, 429s, failed requests, wall time.

Run: .venv/bin/python benchmarks/deploy.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.genesys.deploy import Deployer
from tui.genesys.session import Session
from tui.genesys.target import sandbox_target
from tui.model.compile import compile_spec
from tui.model.spec import Spec
from tui.sandbox import SandboxServer


def spec(i: int) -> Spec:
    return Spec.model_validate(
        {
            "name": f"Bench action {i:03}",
            "category": "Benchmark",
            "request": {
                "method": "GET",
                "url": f"https://api.example.com/items/{i}?q=${{input.q}}",
            },
            "inputs": [{"name": "q", "type": "string", "required": True}],
            "outputs": [{"name": "value", "path": "$.value", "type": "string"}],
        }
    )


def plan_benchmark(workdir: Path, count: int = 200, runs: int = 5) -> None:
    actions = [compile_spec(spec(i)) for i in range(count)]
    with SandboxServer(workdir / "plan.db") as server:
        target = sandbox_target(server)
        seeder = Deployer(target)
        integration = seeder.pick_integration()
        for a in actions:  # seed with POST /actions (published at once): one call each
            body = seeder._body(a) | {"integrationId": integration}
            seeder.session.call("create action", seeder.session.api.post_integrations_actions, body)
        times, lists, reads, total = [], [], [], []
        for _ in range(runs):
            session = Session(target)
            session.login()
            before = session.stats.requests
            start = time.perf_counter()
            plan = Deployer(target, session=session).plan(actions)
            times.append(time.perf_counter() - start)
            assert all(p.change == "unchanged" for p in plan), [
                p for p in plan if p.change != "unchanged"
            ][:1]
            lists.append(session.stats.lists())
            reads.append(session.stats.gets() - session.stats.lists())
            total.append(session.stats.requests - before)
    print(f"plan of {count} unchanged actions ({runs} runs):")
    print(f"  list calls            {statistics.median(lists):.0f}  (limit 5)")
    print(f"  per-action reads      {statistics.median(reads):.0f}")
    print(f"  requests              {statistics.median(total):.0f}")
    print(f"  wall time median      {statistics.median(times) * 1000:.0f} ms")


def deploy_benchmark(
    workdir: Path, count: int = 50, limit: int = 300, window: float = 60.0, first: int = 1000
) -> None:
    actions = [compile_spec(spec(first + i)) for i in range(count)]
    db = workdir / f"deploy-{first}.db"
    with SandboxServer(db, rate_limit=limit, rate_window=window) as server:
        target = sandbox_target(server)
        deployer = Deployer(target)
        start = time.perf_counter()
        plan = deployer.plan(actions)
        results = [deployer.deploy(a, item=p) for a, p in zip(actions, plan, strict=True)]
        elapsed = time.perf_counter() - start
        stats = deployer.session.stats
    created = sum(r.change == "create" for r in results)
    print(f"deploy of {count} new actions, sandbox limited to {limit} requests per {window:g} s:")
    print(f"  created               {created}/{count}")
    print(f"  requests              {stats.requests} ({stats.writes} writes)")
    print(
        f"  429 answers           {stats.throttled} (retried after Retry-After, {stats.waited:.1f} s waited)"
    )
    print(f"  failed requests       {stats.failed}")
    print(f"  wall time             {elapsed:.2f} s ({elapsed / count * 1000:.0f} ms per action)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plan_benchmark(Path(tmp))
        deploy_benchmark(Path(tmp))
        # The same 300 requests/min as a 10 s budget of 50: the deploy (~150 requests) must
        # meet 429s and wait out Retry-After without one failed request.
        deploy_benchmark(Path(tmp), limit=50, window=10.0, first=2000)


if __name__ == "__main__":
    main()
