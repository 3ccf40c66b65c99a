"""Every `dataaction ...` line in the README's fenced blocks (and in `--help` examples) runs, as written, through the console
script against a sandbox started with `dataaction sandbox` (the session's `user_sandbox`).

Each README line is a synopsis: `[...]` groups are optional (`|` inside separates choices), a
word `a|b|c` offers choices, and UPPER-CASE words are placeholders. A line expands into its
shortest form, its fullest form (every optional group, first choice) and one form per choice of
every `a|b` word; placeholders take values from the tables below. A README line with a
placeholder the tables do not know fails, so a new README line is covered without anyone
remembering to write a test for it.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATAACTION = str(Path(sys.executable).with_name("dataaction"))
WIZARD_COMMANDS = {(), ("new",), ("edit",)}  # full-screen: no terminal here, so exit 2 + hint
# Forms whose documented answer is not exit 0: (exit code, what the output must say).
EXPECTED = {
    "dataaction new --from-openapi FILE_OR_URL": (2, "pick one with --operation"),
    "dataaction delete NAME": (2, "pass --yes"),  # no terminal here to confirm on
    "dataaction integration create NAME --credential-type userDefined": (
        2,
        "add --credential-field NAME=ENV_VAR",
    ),
}

# Placeholder values after an option (`--out DIR`), then as positionals per command.
OPTION_VALUES = {
    "--out": "{tmp}/out",
    "--suite": "{suite}",
    "--junit": "{tmp}/junit.xml",
    "--report": "{tmp}/report.json",
    "-o": "{tmp}/written.yaml",
    "--response-file": "{body}",
    "--status": "200",
    "--name": "{name}",
    "--category": "Tests",
    "--port": "0",
    "--db": "{tmp}/sandbox.db",
    "--client": "readme-client:readme-s3cret",
    "--input": "city=Paris",
    "--assume": "first-from-array-empty=null",
    "--operation": "CurrentWeatherData",
    "--remote": "{name}",
    "--from-openapi": "{openapi}",
    "--from-curl": "curl -u user:pw {api}/weather?city=Paris",
}
POSITIONAL_VALUES = {
    ("import", "FILE.custom.json"): "{custom}",
    ("integration", "INTEGRATION"): "{integration}",
    ("integration", "FILE"): "{auth_action}",
    ("integration", "NAME"): "{unique}",
    ("delete", "NAME"): "{name}",
    ("*", "FILE"): "{spec}",
    ("*", "DIR"): "{examples}",
    ("*", "NAME"): "{name}",
}
# Literal examples in the README that need this world's equivalent.
LITERALS = {"GET /path": "GET /weather"}
PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9_.:]*(\.custom\.json)?(\.\.\.)?$|^k=v$|^NAME=VALUE$")


def readme_lines() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if re.match(r"dataaction(\s|$)", line):
                lines.append(re.sub(r"\s+#\s.*$", "", line).strip())
    return lines


def _split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` outside brackets and quotes."""
    parts, depth, quote, cur = [], 0, "", ""
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(cur)
            cur, i = "", i + len(sep)
            continue
        cur += c
        i += 1
    return [*parts, cur]


def _optional(text: str, take: bool) -> str:
    """Drop every top-level `[...]`, or keep each one's first choice."""
    out, depth, start, quote = "", 0, 0, ""
    for i, c in enumerate(text):
        if quote:
            quote = "" if c == quote else quote
            if depth == 0:
                out += c
            continue
        if c in "'\"" and depth == 0:
            quote = c
        if c == "[":
            if depth == 0:
                start = i + 1
            depth += 1
            continue
        if c == "]":
            depth -= 1
            if depth == 0 and take:
                out += _split_top(text[start:i], " | ")[0].strip()
            continue
        if depth == 0:
            out += c
    return re.sub(r"\s+", " ", out).strip()


def expand(line: str) -> list[str]:
    """The concrete synopses of one README line (placeholders still in)."""
    forms = []
    for alternative in _split_top(line, " | "):  # `list | create NAME ...`
        alternative = alternative.strip()
        if not alternative.startswith("dataaction"):
            head = line.split(" | ")[0].rsplit(" ", 1)[0]  # `dataaction integration`
            alternative = f"{head} {alternative}"
        for take in (False, True):
            forms.append(_optional(alternative, take))
    out: list[str] = []
    for form in forms:
        words = shlex.split(form)
        choices = [i for i, w in enumerate(words) if "|" in w and not w.startswith("curl")]
        variants = [words]
        for i in choices:
            variants = [[*v[:i], c, *v[i + 1 :]] for v in variants for c in words[i].split("|")]
        out += [shlex.join(v) for v in variants]
    return list(dict.fromkeys(out))


def concrete(synopsis: str) -> list[str]:
    """argv with every placeholder replaced (AssertionError names one the tables lack)."""
    words = shlex.split(synopsis)[1:]
    command = words[0] if words else ""
    argv: list[str] = []
    for i, word in enumerate(words):
        if word == "...":  # "and more of the same"
            continue
        if word in LITERALS:
            argv.append(LITERALS[word])
            continue
        value = OPTION_VALUES.get(words[i - 1]) if i else None
        if value is not None and (PLACEHOLDER.match(word) or "=" in word or word in ("200",)):
            argv.append(value)
            continue
        if PLACEHOLDER.match(word) and not word.startswith("-"):
            bare = word.removesuffix("...")
            known = POSITIONAL_VALUES.get((command, bare)) or POSITIONAL_VALUES.get(("*", bare))
            assert known is not None, f"README placeholder {word!r} in {synopsis!r}: add it"
            argv.append(known)
            continue
        argv.append(word)
    return argv


def help_lines() -> list[str]:
    """`dataaction ...` example lines in `dataaction [COMMAND] --help` (none today: any added to
    an epilog is run like a README line)."""
    from tui.commands import COMMANDS

    lines = []
    for command in ["", *COMMANDS]:
        shown = subprocess.run(
            [DATAACTION, *([command] if command else []), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        lines += [
            re.sub(r"\s+#\s.*$", "", ln).strip().removeprefix("$ ")
            for ln in shown.splitlines()
            if re.match(r"\s*(\$ )?dataaction\s", ln)
        ]
    return lines


CASES = [(line, form) for line in readme_lines() + help_lines() for form in expand(line)]


def test_the_readme_has_command_lines() -> None:
    commands = {shlex.split(line)[1] for line in readme_lines() if len(line.split()) > 1}
    assert {"validate", "test", "convert", "deploy", "export", "sandbox"} <= commands


@dataclass
class World:
    tmp: Path
    env: dict[str, str]
    values: dict[str, str]

    def fill(self, argv: list[str]) -> list[str]:
        """`{key}` of this world's values replaced; other braces (`{id}` in a URL) kept."""
        pattern = re.compile(r"\{(" + "|".join(self.values) + r")\}")
        return [pattern.sub(lambda m: self.values[m.group(1)], a) for a in argv]

    def run(self, argv: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [DATAACTION, *self.fill(argv)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env,
            cwd=self.tmp,
            check=False,
        )


SPEC = """\
name: {name}
category: Tests
request:
  url: {api}/weather?city=${{input.city}}
inputs:
  - {{name: city, type: string, sample: Paris}}
outputs:
  - {{name: temp, path: $.main.temp, type: number}}
sample_response: body.json
"""
AUTH_ACTION = """\
name: auth
request:
  method: POST
  url: ${credentials.loginUrl}
  headers: {Content-Type: application/x-www-form-urlencoded}
  body: grant_type=client_credentials
success_template: ${rawResult}
"""


@pytest.fixture
def world(user_sandbox: Any, local_api: Any, tmp_path: Path) -> World:
    local_api.json("/weather", {"main": {"temp": 21.5}})
    local_api.json("/token", {"access_token": "t", "token_type": "bearer"})
    name = f"Readme {uuid.uuid4().hex[:8]}"
    (tmp_path / "body.json").write_text('{"main": {"temp": 19.0}}')
    (tmp_path / "a.yaml").write_text(SPEC.format(name=name, api=local_api.url))
    (tmp_path / "auth.yaml").write_text(AUTH_ACTION)
    env = {k: v for k, v in os.environ.items()}
    env.update(
        user_sandbox.env(),
        NO_COLOR="1",
        DATAACTION_CREDENTIAL_USERNAME="readme-user",
        DATAACTION_CREDENTIAL_PASSWORD="readme-pw",
        DATAACTION_CREDENTIAL_CLIENT_ID="readme-client",
        DATAACTION_CREDENTIAL_CLIENT_SECRET="readme-secret",
        DATAACTION_CREDENTIAL_LOGIN_URL=local_api.url + "/token",
    )
    values = {
        "tmp": str(tmp_path),
        "api": local_api.url,
        "name": name,
        "unique": f"Readme integration {uuid.uuid4().hex[:8]}",
        "spec": str(tmp_path / "a.yaml"),
        "body": str(tmp_path / "body.json"),
        "auth_action": str(tmp_path / "auth.yaml"),
        "examples": str(ROOT / "examples"),
        "suite": str(ROOT / "examples" / "ci"),
        "custom": str(next((ROOT / "examples").glob("*.custom.json"))),
        "openapi": str(ROOT / "tests" / "model" / "openapi" / "weather-3.0.yaml"),
        "integration": "",
    }
    return World(tmp_path, env, values)


def _prepare(world: World, argv: list[str]) -> None:
    """What the line assumes exists: the action it names, an OAuth integration."""
    if ("{name}" in argv and argv[0] != "deploy") or argv[:1] == ["export"]:
        done = world.run(["deploy", "{spec}"])
        assert done.returncode == 0, done.stdout + done.stderr
    if "{integration}" in argv:
        name = f"Readme OAuth {uuid.uuid4().hex[:8]}"
        made = world.run(["integration", "create", name, "--credential-type", "userDefinedOAuth"])
        assert made.returncode == 0, made.stdout + made.stderr
        world.values["integration"] = name


def _serve_and_stop(world: World, argv: list[str]) -> None:
    """`dataaction sandbox ...` runs until Ctrl+C: it must answer, then stop cleanly. The
    README's bare form listens on 8787, which a wizard test running alongside may hold for a
    moment (its samples sandbox prefers that port): a busy port is waited out, never masked."""
    deadline = time.monotonic() + 30
    while True:
        with subprocess.Popen(
            [DATAACTION, *world.fill(argv)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=world.env,
            cwd=world.tmp,
        ) as proc:
            assert proc.stdout is not None
            first = proc.stdout.readline()
            if "Address already in use" in first and time.monotonic() < deadline:
                proc.wait(timeout=20)
                time.sleep(0.5)
                continue
            assert first.startswith("Genesys Cloud sandbox on http://127.0.0.1:"), first
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=20) == 0
            return


@pytest.mark.parametrize(("line", "form"), CASES, ids=[f for _, f in CASES])
def test_readme_command_runs(world: World, line: str, form: str) -> None:
    argv = concrete(form)
    words = tuple(w for w in argv[:1] if not w.startswith("-"))
    if argv[:1] == ["sandbox"] and "--stop" not in argv:
        _serve_and_stop(world, argv)
        return
    _prepare(world, argv)
    proc = world.run(argv)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "internal error" not in out, out
    if words in WIZARD_COMMANDS and "--from-curl" not in argv and "--from-openapi" not in argv:
        assert proc.returncode == 2 and "needs an interactive terminal" in proc.stderr, out
        return
    code, says = EXPECTED.get(form, (0, ""))
    assert proc.returncode == code, f"{line}\n{argv}\n{out}"
    assert says in out


def test_a_placeholder_nobody_maps_fails() -> None:
    with pytest.raises(AssertionError, match="WIDGET"):
        concrete("dataaction frob WIDGET")
    assert expand("dataaction x [--a A | --b] --to p|q") == [
        "dataaction x --to p",
        "dataaction x --to q",
        "dataaction x --a A --to p",
        "dataaction x --a A --to q",
    ]
