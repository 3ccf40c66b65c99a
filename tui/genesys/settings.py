"""Where Genesys credentials come from, and so where a deploy goes: the one owner of both.

Order of precedence (the first source that holds a client, or a token, wins; README "Credentials"):

1. flags: `--client-id` with `--client-secret-env VAR`, `--environment`, `--profile`;
2. `GENESYS_CLIENT_ID` / `GENESYS_CLIENT_SECRET` / `GENESYS_ENVIRONMENT`: this tool's names, the
   ones `dataaction sandbox` prints;
3. `GENESYS_CLOUD_CLIENT_ID` / `GENESYS_CLOUD_CLIENT_SECRET` / `GENESYS_CLOUD_REGION`: the Python
   SDK's README and Genesys's developer tutorials;
4. `GENESYSCLOUD_OAUTHCLIENT_ID` / `GENESYSCLOUD_OAUTHCLIENT_SECRET` / `GENESYSCLOUD_REGION`: the
   Terraform provider and the `gc` CLI;
5. `GENESYSCLOUD_ACCESS_TOKEN` (with `GENESYSCLOUD_REGION`): a token instead of a client, as the
   Terraform provider and the `gc` CLI take it;
6. this tool's profile file (`$DATAACTION_CONFIG`, else `$XDG_CONFIG_HOME/dataaction/genesys.yaml`;
   `$DATAACTION_PROFILE` or its `default:`); a profile stores its secret only when the file is
   private (mode 600), otherwise it names an environment variable;
7. the `gc` CLI's profile file, `~/.gc/config.toml` (read only; its `default` profile);
8. none: the embedded local sandbox.

Any family of variables that is set but incomplete (an id without its secret, a region alone) is
an error, never a silent fall back to the sandbox: a person who set it meant an org. A region
variable alone counts as set. Environment values win over a profile's, key by key, as before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tui.model.problems import DataActionError

if TYPE_CHECKING:
    from pydantic import SecretStr

DEFAULT_ENVIRONMENT = "mypurecloud.com"


@dataclass(frozen=True)
class EnvFamily:
    """One naming family of credential variables, and who uses those names."""

    client_id: str
    client_secret: str
    region: str
    used_by: str


FAMILIES = (
    EnvFamily("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET", "GENESYS_ENVIRONMENT", "dataaction"),
    EnvFamily(
        "GENESYS_CLOUD_CLIENT_ID",
        "GENESYS_CLOUD_CLIENT_SECRET",
        "GENESYS_CLOUD_REGION",
        "the Python SDK tutorials",
    ),
    EnvFamily(
        "GENESYSCLOUD_OAUTHCLIENT_ID",
        "GENESYSCLOUD_OAUTHCLIENT_SECRET",
        "GENESYSCLOUD_REGION",
        "Terraform and the gc CLI",
    ),
)
ACCESS_TOKEN = "GENESYSCLOUD_ACCESS_TOKEN"
GC_CONFIG = Path(".gc") / "config.toml"  # under HOME, as the gc CLI writes it


@dataclass(frozen=True)
class Credentials:
    """A complete login: API base URL and a client, or a token (secrets never show in repr)."""

    base_url: str
    client_id: str
    client_secret: SecretStr = field(repr=False)
    source: str = "environment"
    access_token: SecretStr | None = field(default=None, repr=False)


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def default_config_file() -> Path:
    if env := _env("DATAACTION_CONFIG"):
        return Path(env).expanduser()
    home = _env("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(home) / "dataaction" / "genesys.yaml"


def gc_config_file() -> Path:
    return Path.home() / GC_CONFIG


def _profile_values(name: str | None, path: Path) -> tuple[dict[str, Any], str]:
    if not path.exists():
        if name is not None:
            raise DataActionError.single(
                f"no profile named '{name}'", file=str(path), hint="the profile file does not exist"
            )
        return {}, ""
    from tui.genesys.profiles import read_profiles

    profiles = read_profiles(path)
    chosen = name or profiles.default
    if chosen is None:
        return {}, ""
    if chosen not in profiles.profiles:
        if name is None:
            return {}, ""
        known = ", ".join(profiles.profiles) or "none"
        raise DataActionError.single(
            f"no profile named '{chosen}'",
            file=str(path),
            hint=f"known profiles: {known}",
        )
    p = profiles.profiles[chosen]
    secret = p.client_secret.get_secret_value() if p.client_secret is not None else None
    if secret is None and p.client_secret_env:
        raw = os.environ.get(p.client_secret_env)
        if not raw:
            raise DataActionError.single(
                f"profile '{chosen}' reads its secret from ${p.client_secret_env}, which is not set",
                file=str(path),
                hint=f"export {p.client_secret_env}=...",
            )
        secret = raw
    values = {"environment": p.environment, "client_id": p.client_id, "client_secret": secret}
    return values, f"profile {chosen} ({path})"


def _gc_profile_values(path: Path) -> tuple[dict[str, Any], str]:
    """The `gc` CLI's default profile: TOML tables named by profile, `client_credentials` holding
    the client id (see config.go in github.com/MyPureCloud/platform-client-sdk-cli)."""
    if not path.is_file():
        return {}, ""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataActionError.single(
            f"the gc CLI's profile file is not valid TOML: {exc}",
            file=str(path),
            hint="fix it with `gc profiles`, or pass --sandbox / set GENESYS_CLIENT_ID",
        ) from None
    profile = next((v for k, v in data.items() if k.lower() == "default"), None)
    if not isinstance(profile, dict):
        return {}, ""
    token = profile.get("access_token")
    values = {
        "environment": profile.get("environment"),
        "client_id": profile.get("client_credentials"),
        "client_secret": profile.get("client_secret") or None,
        "access_token": token if token and not profile.get("client_secret") else None,
    }
    return values, f"gc CLI profile default ({path})"


def _incomplete(what: str, missing: list[str], field_name: str) -> DataActionError:
    return DataActionError.single(
        f"incomplete Genesys credentials: {what} is set but {', '.join(missing)} is not",
        field=field_name,
        hint="set the missing variable (an OAuth client with the Client Credentials grant), "
        "unset the others, or pass --sandbox to use the local sandbox",
    )


def _env_values() -> tuple[dict[str, Any], str]:
    """The first variable family holding a client (or the token); incomplete families refused."""
    chosen: tuple[dict[str, Any], str] | None = None
    for fam in FAMILIES:
        cid, secret, region = _env(fam.client_id), _env(fam.client_secret), _env(fam.region)
        if not (cid or secret):
            continue
        missing = [n for n, v in ((fam.client_id, cid), (fam.client_secret, secret)) if not v]
        if missing:
            present = fam.client_id if cid else fam.client_secret
            raise _incomplete(present, missing, missing[0])
        if chosen is None:
            values = {
                "client_id": cid,
                "client_secret": secret,
                "environment": region,
            }
            chosen = (values, f"{fam.client_id}/{fam.client_secret} ({fam.used_by})")
    token = _env(ACCESS_TOKEN)
    if chosen is None and token:
        values = {"access_token": token, "environment": _env("GENESYSCLOUD_REGION")}
        chosen = (values, f"{ACCESS_TOKEN} (Terraform and the gc CLI)")
    region_vars = [f.region for f in FAMILIES if _env(f.region)]
    if chosen is None:  # a region alone: it may go with a profile's client (else an error)
        return ({"environment": _env(region_vars[0])}, region_vars[0]) if region_vars else ({}, "")
    if chosen[0].get("environment") is None and region_vars:
        chosen[0]["environment"] = _env(region_vars[0])
    return chosen


def _family_of(region_var: str) -> str:
    fam = next(f for f in FAMILIES if f.region == region_var)
    return f"{fam.client_id}, {fam.client_secret}" + (
        f" or {ACCESS_TOKEN}" if region_var == "GENESYSCLOUD_REGION" else ""
    )


@dataclass(frozen=True)
class _Login:
    """What the sources decided, secrets still plain (pydantic loads only for Credentials)."""

    base_url: str
    client_id: str
    client_secret: str = field(repr=False)
    token: str | None = field(repr=False)
    source: str


def _resolve(
    profile: str | None,
    environment: str | None,
    client_id: str | None,
    client_secret: str | None,
    config_file: Path | None,
) -> _Login | None:
    from tui.genesys.regions import base_url

    env, env_source = _env_values()
    path = config_file or default_config_file()
    prof, prof_source = _profile_values(profile or _env("DATAACTION_PROFILE"), path)
    gc, gc_source = ({}, "") if prof or profile else _gc_profile_values(gc_config_file())
    flags = {"environment": environment, "client_id": client_id, "client_secret": client_secret}
    layers = (("flags", flags), (env_source, env), (prof_source, prof), (gc_source, gc))
    # The login (client or token) comes whole from the first source that has one.
    login_layer = next(
        (
            (src, layer)
            for src, layer in layers
            if layer.get("client_id") or layer.get("client_secret") or layer.get("access_token")
        ),
        None,
    )
    if login_layer is None:
        if env.get("environment"):  # someone set a region and meant an org
            raise _incomplete(
                env_source, [f"a client id and secret ({_family_of(env_source)})"], env_source
            )
        return None
    source, layer = login_layer
    values = dict(layer)
    sources = [source]
    if source == "flags":  # --client-id with the secret from the environment or a profile
        for other_src, other in layers[1:]:
            for key in ("client_id", "client_secret"):
                if not values.get(key) and other.get(key):
                    values[key] = other[key]
                    sources.append(other_src)
    for src, other in layers:  # the region: flags, then variables, then profiles
        if other.get("environment"):
            if other is not layer and src not in sources:
                sources.append(src)
            values["environment"] = other["environment"]
            break
    token = values.get("access_token")
    if token is None:
        missing = [k for k in ("client_id", "client_secret") if not values.get(k)]
        if missing:
            names = {"client_id": "--client-id", "client_secret": "--client-secret-env"}
            raise _incomplete(
                source, [names[m] if source == "flags" else m for m in missing], names[missing[0]]
            )
    return _Login(
        base_url=base_url(values.get("environment") or DEFAULT_ENVIRONMENT),
        client_id=values.get("client_id") or "",
        client_secret=values.get("client_secret") or "",
        token=token,
        source=" + ".join(dict.fromkeys(s for s in sources if s)),
    )


def resolve_credentials(
    *,
    profile: str | None = None,
    environment: str | None = None,
    client_id: str | None = None,
    client_secret: str | SecretStr | None = None,
    config_file: Path | None = None,
) -> Credentials | None:
    """The login to use, by the precedence in this module's docstring; None: the sandbox."""
    from pydantic import SecretStr

    if isinstance(client_secret, SecretStr):
        client_secret = client_secret.get_secret_value()
    login = _resolve(profile, environment, client_id, client_secret, config_file)
    if login is None:
        return None
    return Credentials(
        base_url=login.base_url,
        client_id=login.client_id,
        client_secret=SecretStr(login.client_secret),
        source=login.source,
        access_token=SecretStr(login.token) if login.token is not None else None,
    )


# -- where a deploy goes ---------------------------------------------------------------------

DestinationKind = Literal["sandbox", "org", "unconfigured"]


@dataclass(frozen=True)
class Destination:
    """Where a deploy goes and why: the wizard header, deploy and CLI messages all show this."""

    kind: DestinationKind
    label: str  # "sandbox", "org mypurecloud.de (client abcd…)", or the problem
    reason: str  # which source decided it (or the problem's hint)

    def line(self) -> str:
        if self.kind == "sandbox":
            return "sandbox (no Genesys credentials set)"
        if self.kind == "unconfigured":
            return f"not configured: {self.label}"
        return self.label


def short_client(client_id: str) -> str:
    return client_id[:4] + "…" if len(client_id) > 4 else client_id


def org_label(base_url: str, client_id: str, token: bool = False) -> str:
    from tui.genesys.regions import display_host

    who = "token" if token else f"client {short_client(client_id)}"
    return f"org {display_host(base_url)} ({who})"


def deploy_destination(
    *,
    sandbox: bool = False,
    profile: str | None = None,
    environment: str | None = None,
    client_id: str | None = None,
    config_file: Path | None = None,
) -> Destination:
    """Where a deploy with these flags goes, from flags, variables and profiles; starts nothing,
    imports neither the SDK nor pydantic. The one answer every room shows."""
    if sandbox:
        return Destination("sandbox", "sandbox", "--sandbox")
    try:
        login = _resolve(profile, environment, client_id, None, config_file)
    except DataActionError as exc:
        first = exc.problems[0]
        return Destination("unconfigured", first.message, first.hint)
    if login is None:
        return Destination("sandbox", "sandbox", "no Genesys credentials set")
    label = org_label(login.base_url, login.client_id, login.token is not None)
    return Destination("org", label, login.source)
