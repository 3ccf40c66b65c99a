"""Sandbox benchmarks: SDK create+publish+test round trip, and `execute` throughput.

Run: .venv/bin/python benchmarks/sandbox.py
Targets: round trip p50 < 50 ms on loopback; execute >= 300 requests/s against a local stub.
The sandbox and the stub API each run in their own process, like a real deployment, so the
load generator does not share an interpreter with them.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    """Completed /execute requests per second, over `concurrency` keep-alive connections.

    Hand-written HTTP/1.1 on asyncio streams, as wrk-style load generators do: httpx costs
    about as much CPU per request as the sandbox itself, and on a 2-core machine a heavy load
    generator measures its own cost. Every answer is still parsed and checked.
    """
    host, port = url.removeprefix("http://").split(":")
    path = f"/api/v2/integrations/actions/{action_id}/execute"
    queue = iter(range(total))

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            for i in queue:
                body = json.dumps({"userId": str(i)}).encode()
                writer.write(
                    f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                    f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                answer = json.loads(await reader.readexactly(length))
                assert status == 200, answer
                assert answer["name"] == f"User {i}", answer
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return total / (time.perf_counter() - start)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
            asyncio.run(execute_rate(url, action.id, client.access_token, total=300))  # warm-up
            rates, costs = [], []
            for _ in range(5):
                before = cpu_seconds(sandbox.pid)
                rates.append(asyncio.run(execute_rate(url, action.id, client.access_token)))
                costs.append((cpu_seconds(sandbox.pid) - before) * 1000 / 1500)
            print(
                f"execute throughput: median {statistics.median(rates):.0f} req/s "
                f"(runs: {', '.join(f'{r:.0f}' for r in rates)}; target >= 300 req/s)"
            )
            print(
                f"sandbox CPU per execute: median {statistics.median(costs):.2f} ms "
                f"(one core could serve {1000 / statistics.median(costs):.0f} req/s)"
            )
        finally:
            for proc in (sandbox, stub):
                proc.terminate()
                proc.wait(timeout=10)


if __name__ == "__main__":
    main()
