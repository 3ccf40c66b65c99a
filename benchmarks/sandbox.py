"""Sandbox benchmarks: SDK create+publish+test round trip, and `execute` throughput.

Run: .venv/bin/python benchmarks/sandbox.py
Targets: round trip p50 < 50 ms on loopback; execute >= 300 requests/s against a local stub.
The sandbox and the stub API each run in their own process, like a real deployment, so the
load generator does not share an interpreter with them.
"""

from __future__ import annotations

import asyncio
import copy
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SANDBOX = """
import sys
from tui.sandbox import SandboxServer
sb = SandboxServer(sys.argv[1], clients=[("bench", "secret")]).start()
print(sb.url, flush=True)
sb.wait()
"""
STUB = """
import socket, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def user(request):
    uid = request.path_params["uid"]
    return JSONResponse({"id": uid, "name": "User " + uid, "tags": ["a", "b"]})

sock = socket.socket(proto=socket.IPPROTO_TCP); sock.bind(("127.0.0.1", 0)); sock.listen(128)
print(f"http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
app = Starlette(routes=[Route("/users/{uid}", user)])
uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])
"""
ACTION = {
    "category": "Bench",
    "config": {
        "timeoutSeconds": 10,
        "request": {"requestUrlTemplate": "/users/${input.userId}", "requestType": "GET"},
        "response": {
            "translationMap": {"name": "$.name", "tag": "$.tags[0]"},
            "successTemplate": '{"name": ${name}, "tag": ${tag}}',
        },
    },
    "contract": {
        "input": {"inputSchema": {"type": "object", "properties": {"userId": {"type": "string"}}}},
        "output": {
            "successSchema": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "tag": {"type": "string"}},
            }
        },
    },
}


def spawn(code: str, *args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def action_body(integration_id: str, name: str, stub: str) -> dict:
    """A PostActionInput calling `stub` (the SDK posts plain dicts as they are)."""
    body = copy.deepcopy(ACTION)
    request = body["config"]["request"]
    request["requestUrlTemplate"] = stub + request["requestUrlTemplate"]
    return {**body, "name": name, "integrationId": integration_id}


def round_trips(sdk: object, url: str, stub: str, n: int = 60) -> list[float]:
    """ms per SDK create-draft + publish + test."""
    api = sdk.IntegrationsApi(
        sdk.ApiClient(host=url).get_client_credentials_token("bench", "secret")
    )
    integration_id = api.get_integrations(integration_type="custom-rest-actions").entities[0].id
    times = []
    for i in range(n):
        body = action_body(integration_id, f"Round trip {time.time_ns()} {i}", stub)
        start = time.perf_counter()
        draft = api.post_integrations_actions_drafts(body)
        api.post_integrations_action_draft_publish(draft.id, {"version": draft.version})
        result = api.post_integrations_action_test(draft.id, {"userId": str(i)})
        times.append((time.perf_counter() - start) * 1000)
        assert result.success, result.error
    return times[5:]  # drop warm-up


async def execute_rate(
    url: str, action_id: str, token: str, total: int = 1500, concurrency: int = 32
) -> float:
    """Completed /execute requests per second."""
    headers = {"Authorization": f"Bearer {token}"}
    # TCP_NODELAY as urllib3 (and so the SDK) sets it: httpx writes headers and body separately.
    transport = httpx.AsyncHTTPTransport(
        limits=httpx.Limits(max_connections=concurrency),
        socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
    )
    async with httpx.AsyncClient(base_url=url, headers=headers, transport=transport) as http:
        queue = iter(range(total))

        async def worker() -> None:
            for i in queue:
                r = await http.post(
                    f"/api/v2/integrations/actions/{action_id}/execute", json={"userId": str(i)}
                )
                assert r.status_code == 200, r.text
                assert r.json()["name"] == f"User {i}"

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return total / (time.perf_counter() - start)


def main() -> None:
    import PureCloudPlatformClientV2 as sdk

    with tempfile.TemporaryDirectory() as tmp:
        sandbox, url = spawn(SANDBOX, str(Path(tmp) / "bench.db"))
        stub, stub_url = spawn(STUB)
        try:
            times = round_trips(sdk, url, stub_url)
            print(
                f"SDK create+publish+test round trip: p50 {statistics.median(times):.1f} ms, "
                f"p90 {statistics.quantiles(times, n=10)[-1]:.1f} ms over {len(times)} runs "
                "(target p50 < 50 ms)"
            )
            client = sdk.ApiClient(host=url).get_client_credentials_token("bench", "secret")
            api = sdk.IntegrationsApi(client)
            integration_id = (
                api.get_integrations(integration_type="custom-rest-actions").entities[0].id
            )
            action = api.post_integrations_actions(
                action_body(integration_id, "Throughput", stub_url)
            )
            rates = [
                asyncio.run(execute_rate(url, action.id, client.access_token)) for _ in range(3)
            ]
            print(
                f"execute throughput: median {statistics.median(rates):.0f} req/s "
                f"(runs: {', '.join(f'{r:.0f}' for r in rates)}; target >= 300 req/s)"
            )
        finally:
            for proc in (sandbox, stub):
                proc.terminate()
                proc.wait(timeout=10)


if __name__ == "__main__":
    main()
