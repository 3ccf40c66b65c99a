"""The sandbox process one-shot commands share (tui.sandbox.shared), through the console script:
one process per database for consecutive and concurrent commands, each command's login gone
when it ends, a new process for new settings, and an end when idle or when the database goes."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
SPEC = """\
name: {name}
category: Shared
request:
  method: GET
  url: http://127.0.0.1:9/weather?q=$esc.url(${{input.city}})
inputs:
  - {{name: city, type: string, sample: Paris}}
outputs:
  - {{name: temperature, path: $.main.temp, type: number}}
"""

# The process is POSIX-only; these tests also read /proc to see processes as the system does.
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DATAACTION, *args, "--sandbox-db", str(tmp_path / "box.db")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", **env},
        cwd=tmp_path,
        check=False,
    )


def stop(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`dataaction sandbox --stop` for this test's database (it may wait out a request, for
    up to 10 s)."""
    return subprocess.run(
        [DATAACTION, "sandbox", "--stop", "--db", str(tmp_path / "box.db")],
        capture_output=True,
        text=True,
        timeout=30,
    )


def remote_test_of_a_slow_api(
    tmp_path: Path, local_api: Any, delay: float, ignore: str = "", **pipes: Any
) -> subprocess.Popen[str]:
    """A deployed action whose API answers after `delay` seconds, and `test --remote` of it
    started (not awaited) through the shared process; `ignore`: a signal name the command is
    started ignoring (as under nohup)."""
    local_api.json("/weather", {"main": {"temp": 3.0}}, delay=delay)
    (tmp_path / "slow.yaml").write_text(
        SPEC.format(name="Slow").replace("http://127.0.0.1:9", local_api.url)
    )
    made = run(tmp_path, "deploy", str(tmp_path / "slow.yaml"), DATAACTION_SANDBOX_IDLE="60")
    assert made.returncode == 0, made.stderr
    trap = ["sh", "-c", f'trap \'\' {ignore}; exec "$0" "$@"'] if ignore else []
    return subprocess.Popen(
        [*trap, DATAACTION, "test", "--remote", "Slow", "--input", "city=Oslo", *db_flag(tmp_path)],
        env={**os.environ, "DATAACTION_SANDBOX_IDLE": "60"},
        text=True,
        **pipes,
    )


def db_flag(tmp_path: Path) -> list[str]:
    return ["--sandbox-db", str(tmp_path / "box.db")]


def spec(tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name.replace(' ', '-')}.yaml"
    path.write_text(SPEC.format(name=name))
    return str(path)


def record(tmp_path: Path) -> dict | None:
    path = tmp_path / "box.db.server.json"
    return json.loads(path.read_text()) if path.exists() else None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie has ended: it only waits for its parent (here: init) to reap it
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def wait_until(check, seconds: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return False


def clients(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "box.db") as db:
        return sorted(r[0] for r in db.execute("SELECT id FROM clients"))


def test_commands_share_one_process_and_leave_no_login_behind(tmp_path: Path) -> None:
    first = run(tmp_path, "deploy", spec(tmp_path, "Shared one"), DATAACTION_SANDBOX_IDLE="30")
    assert first.returncode == 0, first.stderr
    started = record(tmp_path)
    assert started is not None and alive(started["pid"])
    assert f"127.0.0.1:{started['port']}" in first.stderr  # the notice names where it went
    assert "started in the background for this and the next commands" in first.stderr
    assert "stops after 30 seconds without a request" in first.stderr

    # A credential a command reads is not a setting of the process: the same one serves it.
    again = run(
        tmp_path,
        "deploy",
        spec(tmp_path, "Shared two"),
        DATAACTION_SANDBOX_IDLE="30",
        DATAACTION_CREDENTIAL_PASSWORD="not-a-process-setting",
    )
    exported = run(
        tmp_path,
        "export",
        *("--name", "Shared one", "--format", "yaml", "--out", "out"),
        DATAACTION_SANDBOX_IDLE="30",
    )
    assert again.returncode == 0 and exported.returncode == 0, again.stderr + exported.stderr
    assert record(tmp_path) == started  # the same process served all three
    assert "in the background" not in again.stderr  # said once, by the command that started it
    assert "Shared one" in (tmp_path / "out" / "Shared-one.yaml").read_text()
    # Only the org's owner client is left: each command removed its own session login.
    assert [c for c in clients(tmp_path) if c.startswith("session-")] == []
    os.kill(started["pid"], 15)


def test_concurrent_commands_start_one_process(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "DATAACTION_SANDBOX_IDLE": "30"}
    procs = [
        subprocess.Popen(
            [DATAACTION, "deploy", spec(tmp_path, f"Racer {i}"), "--sandbox-db", "box.db"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    ports = {re.search(r"127\.0\.0\.1:(\d+)", err).group(1) for _, err in outs}  # type: ignore[union-attr]
    assert len(ports) == 1, outs  # all three went to one process
    assert sum("in the background" in err for _, err in outs) == 1  # which one of them started
    db = str(tmp_path / "box.db")
    running = [
        pid
        for pid in map(int, filter(str.isdigit, os.listdir("/proc")))
        if "tui.sandbox.shared_process" in _cmdline(pid) and db in _open_files(pid)
    ]
    shared = record(tmp_path)
    assert shared is not None and running == [shared["pid"]]
    listed = run(
        tmp_path, "export", "--format", "yaml", "--out", "all", DATAACTION_SANDBOX_IDLE="30"
    )
    assert listed.returncode == 0, listed.stderr
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "Racer-0.yaml",
        "Racer-1.yaml",
        "Racer-2.yaml",
    ]
    os.kill(shared["pid"], 15)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _open_files(pid: int) -> set[str]:
    """What the process has open (this test's database, for the one serving it)."""
    found = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                found.add(os.readlink(fd))
            except OSError:
                continue
    except OSError:
        pass
    return found


def test_the_process_ends_when_idle_and_when_its_database_goes(tmp_path: Path) -> None:
    done = run(tmp_path, "deploy", spec(tmp_path, "Short lived"), DATAACTION_SANDBOX_IDLE="3")
    assert done.returncode == 0, done.stderr
    first = record(tmp_path)
    assert first is not None
    assert wait_until(lambda: not alive(first["pid"]), seconds=30)
    assert record(tmp_path) is None  # it took its record with it
    assert [p.name for p in tmp_path.glob("box.db.*.alive")] == []  # and its other files

    # A new process for the next command; removing the database ends it at once.
    again = run(tmp_path, "delete", "Short lived", "--yes", DATAACTION_SANDBOX_IDLE="600")
    assert again.returncode == 0, again.stderr
    second = record(tmp_path)
    assert second is not None and second["pid"] != first["pid"]
    for path in tmp_path.glob("box.db*"):
        path.unlink()
    assert wait_until(lambda: not alive(second["pid"]), seconds=5)


def test_new_settings_get_a_new_process(tmp_path: Path) -> None:
    key = tmp_path / "other.key"
    one = run(tmp_path, "deploy", spec(tmp_path, "Keyed"), DATAACTION_SANDBOX_IDLE="30")
    before = record(tmp_path)
    two = run(
        tmp_path,
        "export",
        "--name",
        "Keyed",
        "--out",
        "out",
        DATAACTION_SANDBOX_IDLE="30",
        DATAACTION_SANDBOX_KEY=str(key),
    )
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    after = record(tmp_path)
    assert before is not None and after is not None and after["pid"] != before["pid"]
    # The replaced process ends as soon as no command is attached, not after its idle time.
    assert wait_until(lambda: not alive(before["pid"]), seconds=10)
    os.kill(after["pid"], 15)


def test_idle_zero_keeps_the_sandbox_in_the_command(tmp_path: Path) -> None:
    done = run(tmp_path, "deploy", spec(tmp_path, "In process"), DATAACTION_SANDBOX_IDLE="0")
    assert done.returncode == 0, done.stderr
    assert record(tmp_path) is None
    assert "Deploy target: the local sandbox at http://127.0.0.1:" in done.stderr


def test_a_stale_record_is_replaced(tmp_path: Path) -> None:
    """A process killed without clean-up leaves its record: the next command starts anew."""
    first = run(tmp_path, "deploy", spec(tmp_path, "Stale"), DATAACTION_SANDBOX_IDLE="30")
    stale = record(tmp_path)
    assert first.returncode == 0 and stale is not None, first.stderr
    os.kill(stale["pid"], 9)
    assert wait_until(lambda: not alive(stale["pid"]))
    again = run(tmp_path, "export", "--name", "Stale", "--out", "o", DATAACTION_SANDBOX_IDLE="30")
    assert again.returncode == 0, again.stderr
    fresh = record(tmp_path)
    assert fresh is not None and fresh["pid"] != stale["pid"]
    os.kill(fresh["pid"], 15)


def test_the_process_gets_no_credential_of_the_command(tmp_path: Path) -> None:
    """It serves later commands for minutes: it must not keep this one's secrets around."""
    done = run(
        tmp_path,
        "deploy",
        spec(tmp_path, "No secrets"),
        "--sandbox",
        DATAACTION_SANDBOX_IDLE="30",
        GENESYS_CLIENT_SECRET="org-secret-4411",
        DATAACTION_CREDENTIAL_PASSWORD="vault-pw-4412",
    )
    assert done.returncode == 0, done.stderr
    shared = record(tmp_path)
    assert shared is not None
    seen = b"".join(
        Path(f"/proc/{shared['pid']}/{part}").read_bytes() for part in ("environ", "cmdline")
    ) + b"".join(p.read_bytes() for p in tmp_path.glob("box.db.server.*"))
    assert b"org-secret-4411" not in seen and b"vault-pw-4412" not in seen
    assert b"GENESYS_" not in seen and b"DATAACTION_CREDENTIAL" not in seen


def test_sandbox_stop_ends_it(tmp_path: Path) -> None:
    done = run(tmp_path, "deploy", spec(tmp_path, "Stopped"), DATAACTION_SANDBOX_IDLE="600")
    shared = record(tmp_path)
    assert done.returncode == 0 and shared is not None, done.stderr
    stopped = stop(tmp_path)
    assert stopped.returncode == 0, stopped.stderr
    assert f"stopped the background sandbox for {tmp_path / 'box.db'}" in stopped.stdout
    assert not alive(shared["pid"]) and record(tmp_path) is None
    again = stop(tmp_path)
    assert again.returncode == 0 and "no background sandbox is running" in again.stdout


def test_a_process_that_cannot_start_is_reported_clearly(tmp_path: Path) -> None:
    """The background process dies before serving (here: at interpreter start-up, through a
    sitecustomize that only it runs): the command says so, names the log, and fails."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import sys\n"
        "if 'tui.sandbox.shared_process' in sys.orig_argv:\n"
        "    sys.stderr.write('simulated start-up failure\\n')\n"
        "    raise SystemExit(3)\n"
    )
    failed = run(
        tmp_path,
        "deploy",
        spec(tmp_path, "Never"),
        DATAACTION_SANDBOX_IDLE="30",
        PYTHONPATH=str(hooks),
    )
    assert failed.returncode == 1, failed.stdout + failed.stderr  # as an in-process start failure
    assert "the local sandbox could not start" in failed.stderr
    assert "stopped before serving" in failed.stderr and "box.db.server.log" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert "simulated start-up failure" in (tmp_path / "box.db.server.log").read_text()
    # The next command, without the fault, starts a working process.
    fine = run(tmp_path, "deploy", spec(tmp_path, "Never"), DATAACTION_SANDBOX_IDLE="30")
    assert fine.returncode == 0, fine.stderr
    shared = record(tmp_path)
    assert shared is not None
    os.kill(shared["pid"], 15)


def test_a_killed_commands_login_is_swept(tmp_path: Path, local_api: Any) -> None:
    """A command killed mid-run cannot remove its session login: the process removes it."""
    waiting = remote_test_of_a_slow_api(
        tmp_path, local_api, 30, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # The only session login now is the running command's (`session-<pid>-`, the pid of the
    # process that runs it: the console script's own, or its warm copy's).
    assert wait_until(lambda: any(c.startswith("session-") for c in clients(tmp_path)))
    [mine] = [c for c in clients(tmp_path) if c.startswith("session-")]
    assert wait_until(lambda: len(local_api.seen) > 0)  # it is in its request now
    waiting.kill()
    waiting.wait()
    assert mine in clients(tmp_path)  # left behind
    # A process sweeps when it starts (and every minute): the next one here.
    stopped = stop(tmp_path)
    assert stopped.returncode == 0, stopped.stderr
    again = run(tmp_path, "export", "--name", "Slow", "--out", "o", DATAACTION_SANDBOX_IDLE="60")
    assert again.returncode == 0, again.stderr
    assert wait_until(lambda: mine not in clients(tmp_path))
    shared = record(tmp_path)
    assert shared is not None
    os.kill(shared["pid"], 15)


def test_a_database_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    """Read-only file (as after `chmod`, a read-only mount or a root-owned copy): one line, no
    internal error, and no background process started for it; the same in-process."""
    made = run(tmp_path, "deploy", spec(tmp_path, "Read only"), DATAACTION_SANDBOX_IDLE="30")
    assert made.returncode == 0, made.stderr
    first = record(tmp_path)
    assert first is not None
    assert stop(tmp_path).returncode == 0
    db = tmp_path / "box.db"
    for side in tmp_path.glob("box.db-*"):  # WAL files: written back at close already
        side.unlink()
    read_only(db, True)
    try:
        for idle in ("30", "0"):
            failed = run(tmp_path, "export", "--out", "o", DATAACTION_SANDBOX_IDLE=idle)
            assert failed.returncode != 0
            assert "internal error" not in failed.stderr and "Traceback" not in failed.stderr
            assert "readonly database" in failed.stderr, failed.stderr
            assert record(tmp_path) is None  # nothing was started for it
    finally:
        read_only(db, False)


def read_only(path: Path, on: bool) -> None:
    """A file this process cannot write: by its mode, or (root ignores modes) immutable."""
    if not on and os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o400 if on else 0o600)
    if on and os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            path.chmod(0o600)
            pytest.skip("running as root on a file system without chattr")


@pytest.mark.parametrize("value", ["abc", "-5", "nan"])
def test_a_bad_idle_value_is_a_usage_error(tmp_path: Path, value: str) -> None:
    failed = run(tmp_path, "export", "--out", "o", DATAACTION_SANDBOX_IDLE=value)
    assert failed.returncode == 2, failed.stderr
    assert f"DATAACTION_SANDBOX_IDLE='{value}' is not a number of seconds" in failed.stderr
    assert record(tmp_path) is None


def test_stop_lets_a_command_in_flight_finish(tmp_path: Path, local_api: Any) -> None:
    waiting = remote_test_of_a_slow_api(
        tmp_path, local_api, 2, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert wait_until(lambda: len(local_api.seen) > 0)  # in its request now
    stopped = stop(tmp_path)
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, out + err  # it got its answer
    assert stopped.returncode == 0 and "stopped the background sandbox" in stopped.stdout
    assert record(tmp_path) is None


def test_another_locale_does_not_replace_the_process(tmp_path: Path) -> None:
    one = run(tmp_path, "deploy", spec(tmp_path, "Locale"), DATAACTION_SANDBOX_IDLE="30")
    before = record(tmp_path)
    two = run(
        tmp_path,
        "export",
        "--out",
        "o",
        DATAACTION_SANDBOX_IDLE="30",
        LC_ALL="C.UTF-8",
        PYTHONDONTWRITEBYTECODE="1",
    )
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert before is not None and record(tmp_path) == before
    assert str(tmp_path / "box.db") in _cmdline(before["pid"])  # `ps` tells them apart
    os.kill(before["pid"], 15)


def test_one_database_named_two_ways_keeps_its_process(tmp_path: Path) -> None:
    """DATAACTION_SANDBOX_DB=box.db (relative) and --sandbox-db /abs/box.db are one database:
    the second command uses the process the first started."""
    first = subprocess.run(
        [DATAACTION, "deploy", spec(tmp_path, "Twice")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DATAACTION_SANDBOX_DB": "box.db", "DATAACTION_SANDBOX_IDLE": "30"},
        cwd=tmp_path,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    started = record(tmp_path)
    assert started is not None
    again = run(tmp_path, "export", "--name", "Twice", "--out", "o", DATAACTION_SANDBOX_IDLE="30")
    assert again.returncode == 0, again.stderr
    assert record(tmp_path) == started
    os.kill(started["pid"], 15)
