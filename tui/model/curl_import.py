"""Read a curl command line (as API docs print it) into a request spec.

Shell words are split by :mod:`shlex`; this module only knows curl's options. Secrets never
reach the spec: an `Authorization`, API-key or cookie header, `-u user:password`, a secret-looking
query parameter or shell variable becomes a `${credentials.<field>}` reference, and the value
found on the command line is returned separately (for a fetch in this session only).
Doc placeholders in the URL (`{id}`, `{{id}}`, `<id>`, `$ID`) become `${input.x}` inputs.
"""

from __future__ import annotations

import base64
import binascii
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from tui.model.action import METHODS
from tui.model.problems import DataActionError, Problem
from tui.model.secret_names import SECRET_NAME, is_secret_header
from tui.model.spec import InputSpec, RequestSpec, Spec
from tui.model.urls import BARE_INPUT, escaped_input

AuthKind = Literal["none", "basic", "bearer", "apikey", "custom"]

# Options that take a value (long and short forms), grouped by what we do with them.
_ARG_OPTIONS = {
    "-X": "method",
    "--request": "method",
    "-H": "header",
    "--header": "header",
    "-d": "data",
    "--data": "data",
    "--data-ascii": "data",
    "--data-binary": "data",
    "--data-raw": "data-raw",
    "--data-urlencode": "data-urlencode",
    "--json": "json",
    "-u": "user",
    "--user": "user",
    "--url": "url",
    "-A": "agent",
    "--user-agent": "agent",
    "-e": "referer",
    "--referer": "referer",
    "-b": "cookie",
    "--cookie": "cookie",
    "--oauth2-bearer": "bearer",
    "-F": "form",
    "--form": "form",
    "--form-string": "form",
    "-T": "upload",
    "--upload-file": "upload",
}
# Options with a value that do not change the request Genesys would send.
_IGNORED_WITH_ARG = frozenset(
    {
        "-o",
        "--output",
        "-w",
        "--write-out",
        "-m",
        "--max-time",
        "--connect-timeout",
        "--retry",
        "--retry-delay",
        "--retry-max-time",
        "-D",
        "--dump-header",
        "-c",
        "--cookie-jar",
        "--cacert",
        "--cert",
        "--key",
        "-E",
        "--proxy",
        "-x",
        "--resolve",
        "--limit-rate",
        "-r",
        "--range",
        "-y",
        "--speed-time",
        "-Y",
        "--speed-limit",
        "--max-redirs",
        "--trace",
        "--trace-ascii",
        "--stderr",
        "--interface",
        "-K",
        "--config",
        "--variable",
        "--expand-url",
        "--aws-sigv4",
    }
)
_FLAGS = frozenset("sSvikLfgNq#0123456")  # short flags without a value
_LONG_FLAGS_SETTING = {"--get": "get", "--head": "head", "--basic": "", "--compressed": ""}
SHORT_WITH_ARG = {k[1] for k in _ARG_OPTIONS if len(k) == 2} | {
    k[1] for k in _IGNORED_WITH_ARG if len(k) == 2
}


SECRET_QUERY = re.compile(
    r"^(api[-_]?key|apikey|key|token|access[-_]?token|appid|app[-_]?key|secret|client[-_]?secret|"
    r"auth|signature|sig|password)$",
    re.I,
)
INPUT_NAME = re.compile(r"[^A-Za-z0-9_-]+")
# `{id}`, `{{id}}`, `<id>` and shell `$ID` / `${ID}` in a URL (doc placeholders).
URL_PLACEHOLDER = re.compile(
    r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|\{([A-Za-z_][\w-]*)\}|<([A-Za-z_][\w -]*)>"
    r"|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)"
)
CONTINUATION = re.compile(r"(\\|`|\^)[ \t]*(\r\n|\r|\n)")  # terminals paste CR line ends


@dataclass
class CurlImport:
    """What a curl command asked for, as a request spec plus what was kept out of it."""

    request: RequestSpec
    inputs: list[InputSpec] = field(default_factory=list)
    auth: AuthKind = "none"
    secrets: dict[str, str] = field(default_factory=dict, repr=False)
    notes: list[str] = field(default_factory=list)

    def to_spec(self, name: str = "New action", category: str = "Data Actions") -> Spec:
        spec = Spec(name=name, category=category, request=self.request, inputs=list(self.inputs))
        spec.sync_inputs_with_templates()
        return spec


def _error(message: str, hint: str = "") -> DataActionError:
    return DataActionError([Problem(message, field="curl", hint=hint)])


def split_words(command: str) -> list[str]:
    """The shell words of the first command (line continuations joined, pipes cut off)."""
    text = CONTINUATION.sub(" ", command.strip()).replace("\r", "\n")
    text = re.sub(r"^\s*\$\s+", "", text)  # a copied prompt
    try:
        words = shlex.split(text, comments=False)
    except ValueError as exc:
        raise _error(
            f"cannot read the curl command: {exc}",
            "check the quotes: every ' and \" needs its partner",
        ) from None
    for i, w in enumerate(words):
        if w in ("|", "||", "&&", ";", ">", ">>", "2>&1"):
            return words[:i]
    return words


def looks_like_curl(text: str) -> bool:
    """True when `text` is a curl command rather than a URL (for paste detection)."""
    return bool(re.match(r"^\s*(\$\s+)?curl(\.exe)?\s", text))


@dataclass
class _State:
    method: str | None = None
    url: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    json_body: bool = False
    get: bool = False
    user: str | None = None
    bearer: str | None = None
    notes: list[str] = field(default_factory=list)


def parse_curl(command: str) -> CurlImport:
    """The request a curl command makes, ready for a spec (secrets moved out)."""
    words = split_words(command)
    if not words or words[0].rsplit("/", 1)[-1] not in ("curl", "curl.exe"):
        raise _error("this is not a curl command", "paste a line that starts with curl")
    st = _State()
    args = iter(words[1:])
    for word in args:
        _take(word, args, st)
    if not st.url:
        raise _error(
            "the curl command has no URL", "add the URL, e.g. curl https://api.example.com/x"
        )
    return _build(st)


def _value(option: str, args: Iterator[str]) -> str:
    try:
        return next(args)
    except StopIteration:
        raise _error(f"curl option {option} needs a value") from None


def _take(word: str, args: Iterator[str], st: _State) -> None:
    if word.startswith("--"):
        name, eq, inline = word.partition("=")
        if name in _ARG_OPTIONS:
            _apply(_ARG_OPTIONS[name], inline if eq else _value(name, args), st, name)
        elif name in _IGNORED_WITH_ARG:
            if not eq:
                _value(name, args)
            st.notes.append(f"ignored {name} (it does not change the request)")
        elif name in _LONG_FLAGS_SETTING:
            _apply_flag(_LONG_FLAGS_SETTING[name], st)
        elif word == "--":
            return
        else:
            st.notes.append(f"ignored {name}")
        return
    if word.startswith("-") and len(word) > 1:
        i = 1
        while i < len(word):
            c = word[i]
            if c in SHORT_WITH_ARG:
                rest = word[i + 1 :]
                opt = "-" + c
                value = rest if rest else _value(opt, args)
                if opt in _ARG_OPTIONS:
                    _apply(_ARG_OPTIONS[opt], value, st, opt)
                else:
                    st.notes.append(f"ignored {opt} (it does not change the request)")
                return
            if c == "G":
                st.get = True
            elif c == "I":
                _apply_flag("head", st)
            elif c not in _FLAGS:
                st.notes.append(f"ignored -{c}")
            i += 1
        return
    if st.url is None:
        st.url = word
    else:
        st.notes.append(f"ignored the extra URL {word} (an action makes one request)")


def _apply_flag(what: str, st: _State) -> None:
    if what == "get":
        st.get = True
    elif what == "head":
        raise _error(
            "HEAD requests (-I/--head) cannot be a data action",
            f"Genesys data actions use {', '.join(METHODS)}",
        )


def _apply(kind: str, value: str, st: _State, option: str) -> None:
    if kind == "method":
        st.method = value.upper()
    elif kind == "header":
        if value.startswith("@"):
            raise _error(f"{option} {value}: headers from a file are not read", "paste the headers")
        name, sep, val = value.partition(":")
        if not sep:
            name, sep, val = value.partition(";")  # `-H 'X-Empty;'` sends an empty header
        st.headers.append((name.strip(), val.strip()))
    elif kind in ("data", "data-raw", "json"):
        if value.startswith("@") and kind != "data-raw":
            raise _error(
                f"{option} {value}: the body is read from a file",
                "paste the file's content in place of @file, or set the body in the wizard",
            )
        st.data.append(value)
        st.json_body = st.json_body or kind == "json"
    elif kind == "data-urlencode":
        st.data.append(_urlencode_data(value, option))
    elif kind == "user":
        st.user = value
    elif kind == "bearer":
        st.bearer = value
    elif kind == "url":
        st.url = value
    elif kind == "agent":
        st.headers.append(("User-Agent", value))
    elif kind == "referer":
        st.headers.append(("Referer", value))
    elif kind == "cookie":
        st.headers.append(("Cookie", value))
    elif kind in ("form", "upload"):
        raise _error(
            f"{option}: multipart forms and file uploads cannot be a data action",
            "data actions send a text body (JSON or form-encoded): use -d or --json",
        )


def _urlencode_data(value: str, option: str) -> str:
    """curl's --data-urlencode forms: `content`, `=content`, `name=content`; `@file` is refused."""
    if "@" in value.split("=", 1)[0]:
        raise _error(f"{option} {value}: the value is read from a file", "paste the value")
    name, sep, content = value.partition("=")
    if not sep:
        return quote(value, safe="")
    return (name + "=" if name else "") + quote(content, safe="")


# -- building the spec -----------------------------------------------------------------------


def _unescaped(escaped: str) -> str:
    """The bare `${input.x}` of an escaped one: a host name is not URL-escaped."""
    found = BARE_INPUT.search(escaped)
    return found.group(0) if found else escaped


def _input_name(raw: str) -> str:
    name = INPUT_NAME.sub("_", raw.strip()).strip("_-") or "value"
    if not name[0].isalpha():
        name = "p_" + name
    return name


def _placeholders_to_inputs(url: str, imp: CurlImport, secrets_hint: list[str]) -> str:
    taken = {i.name for i in imp.inputs}

    def sub(m: re.Match[str]) -> str:
        raw = next(g for g in m.groups() if g)
        is_shell = m.group(4) is not None or m.group(5) is not None
        if is_shell and SECRET_NAME.search(raw):
            fld = _camel(raw)
            secrets_hint.append(fld)
            return "${credentials." + fld + "}"
        name = _input_name(raw)
        if name not in taken:
            taken.add(name)
            imp.inputs.append(
                InputSpec(name=name, description=f"from {m.group(0)} in the curl URL")
            )
        return escaped_input(name, m.string[m.end() :])

    scheme, netloc, path, query, _frag = urlsplit(url)
    # Host placeholders (`https://{subdomain}.zendesk.com`) become inputs too, unescaped.
    netloc = URL_PLACEHOLDER.sub(lambda m: _unescaped(sub(m)), netloc)
    path = URL_PLACEHOLDER.sub(sub, path)
    query = "&".join(
        k + sep + (v if "${credentials." in v else URL_PLACEHOLDER.sub(sub, v))
        for k, sep, v in (pair.partition("=") for pair in query.split("&") if pair)
    )
    return urlunsplit((scheme, netloc, path, query, _frag))


def _camel(name: str) -> str:
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p]
    if parts and parts[0].lower() == "x" and len(parts) > 1:
        parts = parts[1:]
    if not parts:
        return "secret"
    first, rest = parts[0].lower(), [p[:1].upper() + p[1:].lower() for p in parts[1:]]
    out = first + "".join(rest)
    return {"apikey": "apiKey", "authorization": "token"}.get(out, out)


def _secret_query(query: str, imp: CurlImport) -> str:
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    out = []
    for k, v in pairs:
        if SECRET_QUERY.match(k) and "${" not in v:
            fld = (
                "apiKey"
                if re.match(r"(api[-_]?key|apikey|key|appid|app[-_]?key)$", k, re.I)
                else _camel(k)
            )
            imp.secrets[fld] = v
            imp.notes.append(
                f"query parameter {k}: its value moved to the integration credential field '{fld}'"
            )
            imp.auth = "apikey" if fld == "apiKey" and imp.auth == "none" else imp.auth
            out.append(f"{quote(k, safe='[]')}=$esc.url(${{credentials.{fld}}})")
        else:
            out.append(f"{quote(k, safe='[]')}={quote(v, safe=':/,@{}<>$')}")
    return "&".join(out)


def _auth_header(value: str, imp: CurlImport) -> str | None:
    """The spec's value for an Authorization header (None: the credential supplies it)."""
    scheme, _, token = value.partition(" ")
    if scheme.lower() == "basic" and token:
        _basic(_decode_basic(token.strip()), imp)
        return None
    if not token:
        token, scheme = scheme, ""
    imp.secrets["token"] = token.strip()
    imp.auth = "bearer"
    imp.notes.append("Authorization: the token moved to the integration credential field 'token'")
    return (scheme + " " if scheme else "") + "${credentials.token}"


def _decode_basic(token: str) -> str:
    try:
        return base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return token


def _basic(user: str, imp: CurlImport) -> None:
    name, _, password = user.partition(":")
    imp.secrets.update(userName=name, password=password)
    imp.auth = "basic"
    imp.notes.append(
        "basic auth: user name and password go in the integration's Basic Auth credential "
        "(Genesys adds the Authorization header); they are not saved"
    )


def _escape_velocity(text: str) -> str:
    """A literal body as a Velocity template: `$name` and `#word` would otherwise be code."""
    text = re.sub(r"\$(?=[A-Za-z{!_])", "${esc.dollar}", text)
    return re.sub(r"#(?=[A-Za-z{#*@\[])", "${esc.hash}", text)


def _build(st: _State) -> CurlImport:
    imp = CurlImport(request=RequestSpec(), notes=list(st.notes))
    url = st.url or ""
    if "://" not in url:
        url = "https://" + url
        imp.notes.append("no scheme in the URL: https:// assumed")
    scheme, netloc, path, query, _frag = urlsplit(url)
    if "@" in netloc:  # https://user:pass@host
        creds, _, netloc = netloc.rpartition("@")
        _basic(creds, imp)
    body: str | None = None
    if st.data:
        joined = "".join(st.data) if st.json_body else "&".join(st.data)
        if st.get:
            query = "&".join(q for q in (query, joined) if q)
        else:
            body = joined
    query = _secret_query(query, imp)
    secret_fields: list[str] = []
    url = _placeholders_to_inputs(urlunsplit((scheme, netloc, path, query, "")), imp, secret_fields)
    for fld in secret_fields:
        imp.notes.append(f"shell variable in the URL: the integration credential field '{fld}'")
    method = st.method or ("POST" if body is not None else "GET")
    if st.get:
        method = "GET" if st.method is None else method
    if method not in METHODS:
        raise _error(f"method {method} cannot be a data action", f"use one of {', '.join(METHODS)}")
    headers: dict[str, str] = {}
    if st.json_body:
        headers.update({"Content-Type": "application/json", "Accept": "application/json"})
    for name, value in st.headers:
        lower = name.lower()
        if lower == "authorization":
            kept = _auth_header(value, imp)
            if kept is not None:
                headers[name] = kept
            continue
        if is_secret_header(name) and "${" not in value and value:
            fld = "apiKey" if re.search(r"api[-_]?key|apikey", lower) else _camel(name)
            imp.secrets[fld] = value
            imp.auth = "apikey" if fld == "apiKey" else "custom"
            imp.notes.append(f"{name}: its value moved to the integration credential field '{fld}'")
            headers[name] = "${credentials." + fld + "}"
            continue
        headers[name] = value
    if st.bearer is not None:
        headers["Authorization"] = _auth_header("Bearer " + st.bearer, imp) or ""
    if st.user is not None:
        _basic(st.user, imp)
    if body is not None and method in ("POST", "PUT", "PATCH"):
        if not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = _escape_velocity(body)
    elif body is not None:
        imp.notes.append(f"a {method} request sends no body in Genesys: the data was dropped")
        body = None
    imp.request = RequestSpec(method=method, url=url, headers=headers, body=body)
    return imp


def spec_from_curl(command: str, name: str = "New action") -> tuple[Spec, CurlImport]:
    """A new spec for a curl command, and the import's secrets and notes."""
    imp = parse_curl(command)
    return imp.to_spec(name), imp
