"""Org commands in the warm process (tui.warm), through the console script: the first runs in
its own process and starts the warm one; later ones run in its copies exactly as in their own
process (output, exit codes, folder, environment, umask, terminal, Ctrl+C), and the console
script then loads neither the SDK nor httpx."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_shared_sandbox import SPEC, remote_test_of_a_slow_api, wait_until
from tui.warm.client import listening, stop_servers

DATAACTION = str(Path(sys.executable).with_name("dataaction"))
WARM = re.compile(r"dataaction: warm process (\d+) runs this command")

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux only (SO_PEERCRED)")


def run(cwd: Path, *args: str, db: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    """The console script in `cwd`; `db`: an org command, given this test's sandbox database."""
    return subprocess.run(
        [DATAACTION, *args, *(["--sandbox-db", str(cwd / "box.db")] if db else [])],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", "DATAACTION_SANDBOX_IDLE": "30", **env},
        cwd=cwd,
        check=False,
    )


def sockets() -> list[Path]:
    folder = Path(os.environ["XDG_RUNTIME_DIR"]) / "dataaction"
    return sorted(folder.glob("warm-*.sock")) if folder.exists() else []


def warm_ready(cwd: Path) -> None:
    """Run one org command (in its own process), then wait for the warm process it starts."""
    spec = cwd / "first.yaml"
    spec.write_text(SPEC.format(name="First"))
    first = run(cwd, "deploy", str(spec))
    assert first.returncode == 0, first.stderr
    assert wait_until(lambda: any(listening(s) for s in sockets()))


def same_text(text: str) -> str:
    """The text less what differs between any two runs (the sandbox's port, the background
    sandbox's start notice)."""
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    return re.sub(r" It is started in the background.*?--stop`\)\.", "", text).strip()


def warm_pid(done: subprocess.CompletedProcess[str]) -> int | None:
    found = WARM.search(done.stderr)
    return int(found.group(1)) if found else None


@pytest.fixture(autouse=True)
def own_runtime_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime folder for this test alone (short: a socket's path must fit in ~100 bytes),
    so that it sees only the warm processes it started; they are stopped after it."""
    folder = Path(tempfile.mkdtemp(prefix="w", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    stop_servers(folder / "dataaction", timeout=2)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    warm_ready(tmp_path)
    return tmp_path


def test_later_org_commands_run_warm_and_answer_alike(warm: Path) -> None:
    spec = warm / "weather.yaml"
    spec.write_text(SPEC.format(name="Weather"))
    deployed = run(warm, "deploy", str(spec), DATAACTION_DEBUG="1")
    assert deployed.returncode == 0, deployed.stderr
    copy = warm_pid(deployed)
    assert copy is not None and copy != os.getpid()
    assert "1 created" in deployed.stdout
    # The same export, warm and in its own process, writes the same file and says the same.
    warm_export = run(warm, "export", "--name", "Weather", "--out", "w", DATAACTION_DEBUG="1")
    own = run(warm, "export", "--name", "Weather", "--out", "o", DATAACTION_SANDBOX_IDLE="0")
    assert warm_pid(warm_export) is not None and warm_pid(own) is None
    assert warm_export.returncode == own.returncode == 0
    assert warm_export.stdout.replace("w/", "o/") == own.stdout
    [a] = (warm / "w").iterdir()
    [b] = (warm / "o").iterdir()
    assert a.name == b.name and a.read_text() == b.read_text()
    # Failures keep their exit code and their message, on standard error.
    missing = run(warm, "delete", "No such action", "--yes", DATAACTION_DEBUG="1")
    cold = run(warm, "delete", "No such action", "--yes", DATAACTION_SANDBOX_IDLE="0")
    assert warm_pid(missing) is not None
    assert missing.returncode == cold.returncode != 0
    assert missing.stdout == cold.stdout
    assert same_text(WARM.sub("", missing.stderr)) == same_text(cold.stderr)


def test_a_copy_works_in_the_commands_folder_environment_and_umask(warm: Path) -> None:
    spec = warm / "weather.yaml"
    spec.write_text(SPEC.format(name="Weather"))
    assert run(warm, "deploy", str(spec)).returncode == 0
    sub = warm / "sub"
    sub.mkdir()
    done = subprocess.run(
        [
            *("sh", "-c", f'umask 077 && exec "{DATAACTION}" "$@"', "sh"),
            *("export", "--name", "Weather", "--out", "rel", "--sandbox-db", "../box.db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DATAACTION_SANDBOX_IDLE": "30", "DATAACTION_DEBUG": "1"},
        cwd=sub,
        check=False,
    )
    assert done.returncode == 0 and warm_pid(done) is not None, done.stderr
    [written] = (sub / "rel").iterdir()  # relative to the command's folder, not the copy's
    assert written.stat().st_mode & 0o777 == 0o600  # the command's umask
    # Another data folder in the environment is another sandbox: nothing to export there.
    other = run(warm, "export", "--name", "Weather", "--out", "x", DATAACTION_DEBUG="1")
    assert other.returncode == 0
    elsewhere = run(
        warm,
        *("export", "--name", "Weather", "--out", "y"),
        db=False,
        DATAACTION_DEBUG="1",
        DATAACTION_SANDBOX_DB=str(warm / "other.db"),
    )
    assert warm_pid(elsewhere) is not None
    assert elsewhere.returncode != 0 and "Weather" in elsewhere.stderr
    assert (warm / "other.db").exists()


def test_the_warm_process_never_gets_the_commands_credentials(warm: Path) -> None:
    secret = "s3cr3t-value-for-the-test"
    done = run(warm, "drafts", GENESYS_CLOUD_CLIENT_SECRET=secret, DATAACTION_DEBUG="1")
    assert warm_pid(done) is not None or done.returncode != 0
    for sock in sockets():
        owner = server_pid(sock)
        assert owner is not None
        environ = Path(f"/proc/{owner}/environ").read_bytes()
        assert secret.encode() not in environ
        assert b"GENESYS" not in environ


def server_pid(sock: Path) -> int | None:
    """The warm process listening on `sock` (from /proc: the process whose command line
    names it)."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if b"tui.warm.server" in cmdline and str(sock).encode() in cmdline:
                return int(proc.name)
    return None


def test_ctrl_c_reaches_the_command_in_its_copy(tmp_path: Path, local_api: Any) -> None:
    warm_ready(tmp_path)
    waiting = remote_test_of_a_slow_api(
        tmp_path, local_api, 30, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert wait_until(lambda: len(local_api.seen) > 0)  # in its request now, in a copy
    started = time.monotonic()
    waiting.send_signal(signal.SIGINT)
    _, err = waiting.communicate(timeout=20)
    assert waiting.returncode == 130, err
    assert "interrupted" in err
    assert time.monotonic() - started < 10


def test_a_copy_reads_and_writes_the_commands_terminal(warm: Path) -> None:
    spec = warm / "weather.yaml"
    spec.write_text(SPEC.format(name="Weather"))
    assert run(warm, "deploy", str(spec)).returncode == 0
    pid, fd = pty.fork()
    if pid == 0:  # the command, on a terminal: `delete` asks before deleting
        os.chdir(warm)
        os.environ.update({"DATAACTION_SANDBOX_IDLE": "30", "DATAACTION_DEBUG": "1"})
        os.execv(DATAACTION, [DATAACTION, "delete", "Weather", "--sandbox-db", "box.db"])
    seen = read_until(fd, b"?")
    assert b"warm process" in seen and b"Weather" in seen
    os.write(fd, b"n\n")
    seen += read_until(fd, None)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) != 0 or b"not deleted" in seen.lower()
    still = run(warm, "export", "--name", "Weather", "--out", "kept")
    assert still.returncode == 0, still.stderr  # the answer "n" kept it


def read_until(fd: int, marker: bytes | None, seconds: float = 20.0) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if marker is not None and marker in out:
            break
    return out


def test_sandbox_stop_ends_the_warm_processes(warm: Path) -> None:
    [sock] = sockets()
    owner = server_pid(sock)
    assert owner is not None
    stopped = subprocess.run(
        [DATAACTION, "sandbox", "--stop", "--db", str(warm / "box.db")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert stopped.returncode == 0, stopped.stderr
    assert f"stopped the warm process that runs org commands (pid {owner})" in stopped.stdout
    assert sockets() == []
    assert wait_until(lambda: not Path(f"/proc/{owner}").exists() or zombie(owner))


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def test_without_background_processes_nothing_warm_starts(tmp_path: Path) -> None:
    spec = tmp_path / "weather.yaml"
    spec.write_text(SPEC.format(name="Weather"))
    for _ in range(2):
        done = run(tmp_path, "deploy", str(spec), DATAACTION_SANDBOX_IDLE="0", DATAACTION_DEBUG="1")
        assert done.returncode == 0 and warm_pid(done) is None, done.stderr
    time.sleep(0.5)
    assert sockets() == []


def test_a_dead_warm_process_socket_is_replaced(warm: Path) -> None:
    [sock] = sockets()
    owner = server_pid(sock)
    assert owner is not None
    os.kill(owner, signal.SIGKILL)  # gone without removing its socket
    assert wait_until(lambda: zombie(owner) or not Path(f"/proc/{owner}").exists())
    spec = warm / "weather.yaml"
    spec.write_text(SPEC.format(name="Weather"))
    first = run(warm, "deploy", str(spec), DATAACTION_DEBUG="1")
    assert first.returncode == 0 and warm_pid(first) is None, first.stderr  # its own process
    assert wait_until(lambda: server_pid(sock) not in (None, owner) and listening(sock))
    again = run(warm, "export", "--name", "Weather", "--out", "o", DATAACTION_DEBUG="1")
    assert again.returncode == 0 and warm_pid(again) is not None, again.stderr


def test_the_console_script_loads_neither_the_sdk_nor_httpx_when_warm(warm: Path) -> None:
    done = run(warm, "export", "--name", "First", "--out", "o", PYTHONPROFILEIMPORTTIME="1")
    assert done.returncode == 0, done.stderr
    # PYTHONPROFILEIMPORTTIME is in the stamp: this ran in its own process and started a warm
    # process for that setting; the next command with it runs warm.
    assert wait_until(lambda: sum(listening(s) for s in sockets()) == 2)
    again = run(
        warm,
        "export",
        "--name",
        "First",
        "--out",
        "p",
        PYTHONPROFILEIMPORTTIME="1",
        DATAACTION_DEBUG="1",
    )
    assert again.returncode == 0 and warm_pid(again) is not None, again.stderr
    # The console script's own imports are those listed before it hands the command over.
    before = WARM.split(again.stderr)[0]
    imported = {line.split("|")[-1].strip() for line in before.splitlines() if "|" in line}
    assert "tui.cli" in imported and "tui.warm.client" in imported
    heavy = {
        n for n in imported if n.split(".")[0] in ("PureCloudPlatformClientV2", "httpx", "yaml")
    }
    assert heavy == set()


def test_terraform_is_read_warm_and_answers_alike(tmp_path: Path) -> None:
    """validate / convert of a .tf file load python-hcl2: the second one runs in a copy, and
    says exactly what a run in its own process says; a YAML spec keeps its own process."""
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "tf"
    tf = tmp_path / "catalogue.tf"
    tf.write_text((corpus / "catalogue.tf").read_text())
    first = run(tmp_path, "validate", str(tf), db=False)
    assert wait_until(lambda: any(listening(s) for s in sockets()))
    warm_run = run(tmp_path, "validate", str(tf), db=False, DATAACTION_DEBUG="1")
    own = run(
        tmp_path, "validate", str(tf), db=False, DATAACTION_SANDBOX_IDLE="0", DATAACTION_DEBUG="1"
    )
    assert warm_pid(warm_run) is not None and warm_pid(own) is None
    assert first.returncode == warm_run.returncode == own.returncode
    assert warm_run.stdout == own.stdout == first.stdout
    assert WARM.sub("", warm_run.stderr).strip() == own.stderr.strip()
    to_yaml = ("convert", f"{tf}#get_user", "--to", "yaml")
    converted = run(tmp_path, *to_yaml, db=False, DATAACTION_DEBUG="1")
    cold = run(tmp_path, *to_yaml, db=False, DATAACTION_SANDBOX_IDLE="0")
    assert warm_pid(converted) is not None and converted.returncode == cold.returncode == 0
    assert converted.stdout == cold.stdout
    spec = tmp_path / "w.yaml"
    spec.write_text(SPEC.format(name="W"))
    yaml_run = run(tmp_path, "validate", str(spec), db=False, DATAACTION_DEBUG="1")
    assert yaml_run.returncode == 0 and warm_pid(yaml_run) is None


def test_a_terminated_command_ends_as_its_own_process_would(tmp_path: Path, local_api: Any) -> None:
    """SIGTERM to the console script reaches its copy, and the console script then ends of the
    same signal (a shell sees 143), not with a made-up exit code."""
    warm_ready(tmp_path)
    waiting = remote_test_of_a_slow_api(
        tmp_path, local_api, 30, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert wait_until(lambda: len(local_api.seen) > 0)
    waiting.send_signal(signal.SIGTERM)
    waiting.communicate(timeout=20)
    assert waiting.returncode == -signal.SIGTERM


def test_a_signal_the_command_ignores_stays_ignored_in_its_copy(
    tmp_path: Path, local_api: Any
) -> None:
    """nohup (or `trap '' HUP`) keeps a command running when its terminal hangs up: the copy
    ignores what the command's own process ignores."""
    warm_ready(tmp_path)
    waiting = remote_test_of_a_slow_api(
        tmp_path, local_api, 3, stdout=subprocess.PIPE, stderr=subprocess.PIPE, ignore="HUP"
    )
    assert wait_until(lambda: len(local_api.seen) > 0)
    waiting.send_signal(signal.SIGHUP)
    out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert "pass" in out.lower()


def test_a_delete_with_standard_input_closed_asks_for_yes(warm: Path) -> None:
    spec = warm / "weather.yaml"
    spec.write_text(SPEC.format(name="Weather"))
    assert run(warm, "deploy", str(spec)).returncode == 0
    done = subprocess.run(
        [
            *("sh", "-c", f'exec "{DATAACTION}" "$@" <&-', "sh"),
            *("delete", "Weather", "--sandbox-db", str(warm / "box.db")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DATAACTION_SANDBOX_IDLE": "30"},
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "no terminal to confirm on" in done.stderr and "internal error" not in done.stderr


def test_a_runtime_folder_too_deep_for_a_socket_means_own_processes(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True, mode=0o700)
    spec = tmp_path / "weather.yaml"
    spec.write_text(SPEC.format(name="Weather"))
    for _ in range(2):
        done = run(tmp_path, "deploy", str(spec), XDG_RUNTIME_DIR=str(deep), DATAACTION_DEBUG="1")
        assert done.returncode == 0 and warm_pid(done) is None, done.stderr
    assert list((deep / "dataaction").glob("*.sock")) == []
