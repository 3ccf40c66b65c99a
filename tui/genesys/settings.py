"""Where Genesys credentials come from: flags, then environment, then a profile file.

Environment names: `GENESYS_CLIENT_ID`, `GENESYS_CLIENT_SECRET`, `GENESYS_ENVIRONMENT` (region
host, region key or full URL), and the Genesys CLI / Terraform names `GENESYSCLOUD_OAUTHCLIENT_ID`,
`GENESYSCLOUD_OAUTHCLIENT_SECRET`, `GENESYSCLOUD_REGION`. Profiles live in a YAML file
(`$DATAACTION_CONFIG`, else `$XDG_CONFIG_HOME/dataaction/genesys.yaml`); a profile stores its
secret only when the file is private (mode 600), otherwise it names an environment variable.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from tui.genesys.regions import base_url
from tui.model.problems import DataActionError

DEFAULT_ENVIRONMENT = "mypurecloud.com"


# Each setting and the environment variables that give it, first found wins (the tutorial's
# names, then the ones the Genesys CLI and Terraform provider use). Read case-insensitively.
ENV_NAMES: dict[str, tuple[str, ...]] = {
    "client_id": ("GENESYS_CLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_ID"),
    "client_secret": ("GENESYS_CLIENT_SECRET", "GENESYSCLOUD_OAUTHCLIENT_SECRET"),
    "environment": ("GENESYS_ENVIRONMENT", "GENESYSCLOUD_REGION"),
    "profile": ("DATAACTION_PROFILE",),
    "config_file": ("DATAACTION_CONFIG",),
}


@dataclass(frozen=True)
class EnvSettings:
    """The environment variables this tool reads (both naming families).

    Five plain lookups: pydantic-settings did the same for ~20 ms of import on every org command.
    """

    client_id: str | None = None
    client_secret: SecretStr | None = field(default=None, repr=False)
    environment: str | None = None
    profile: str | None = None
    config_file: Path | None = None

    @classmethod
    def read(cls, environ: dict[str, str] | None = None) -> EnvSettings:
        lowered = {k.lower(): v for k, v in (os.environ if environ is None else environ).items()}
        found = {
            key: next((lowered[n.lower()] for n in names if n.lower() in lowered), None)
            for key, names in ENV_NAMES.items()
        }
        return cls(
            client_id=found["client_id"],
            client_secret=SecretStr(found["client_secret"])
            if found["client_secret"] is not None
            else None,
            environment=found["environment"],
            profile=found["profile"],
            config_file=Path(found["config_file"]) if found["config_file"] else None,
        )


class Profile(BaseModel):
    """One named org login in the profile file."""

    model_config = ConfigDict(extra="forbid")

    environment: str = DEFAULT_ENVIRONMENT
    client_id: str
    client_secret: SecretStr | None = None
    client_secret_env: str | None = Field(
        None, description="name of the environment variable holding the secret"
    )


class ProfileFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default: str | None = None
    profiles: dict[str, Profile] = Field(default_factory=dict)


@dataclass(frozen=True)
class Credentials:
    """A complete login: API base URL and client credentials (the secret never shows in repr)."""

    base_url: str
    client_id: str
    client_secret: SecretStr = field(repr=False)
    source: str = "environment"


def default_config_file() -> Path:
    env = EnvSettings.read()
    if env.config_file:
        return Path(env.config_file).expanduser()
    home = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(home) / "dataaction" / "genesys.yaml"


def read_profiles(path: Path) -> ProfileFile:
    """The profile file, refusing one that holds a secret but is readable by others."""
    if not path.exists():
        return ProfileFile()
    text = path.read_text(encoding="utf-8")
    try:
        data: Any = yaml.safe_load(text) or {}
        profiles = ProfileFile.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise DataActionError.single(
            f"the profile file is not valid: {first}",
            file=str(path),
            hint="it holds `default: NAME` and `profiles: {NAME: {environment, client_id, "
            "client_secret_env}}`",
        ) from None
    holds_secret = any(p.client_secret for p in profiles.profiles.values())
    if holds_secret and os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise DataActionError.single(
            "the profile file holds a client secret but other users can read it",
            file=str(path),
            hint=f"run: chmod 600 {path}  (or use client_secret_env instead of client_secret)",
        )
    return profiles


def save_profile(
    name: str, profile: Profile, path: Path | None = None, *, default: bool = True
) -> Path:
    """Add or replace a profile; the file is written with mode 600 and never holds a secret."""
    if profile.client_secret is not None:
        raise DataActionError.single(
            "refusing to write a client secret to the profile file",
            field="client_secret",
            hint="keep the secret in an environment variable and name it with client_secret_env",
        )
    path = path or default_config_file()
    current = read_profiles(path)
    current.profiles[name] = profile
    if default or current.default is None:
        current.default = name
    data = current.model_dump(mode="python", exclude_none=True)
    for p in data["profiles"].values():
        if isinstance(p.get("client_secret"), SecretStr):  # kept from a hand-written file
            p["client_secret"] = p["client_secret"].get_secret_value()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        yaml.safe_dump(data, fh, sort_keys=False)
    os.chmod(path, 0o600)
    return path


def _profile_values(name: str | None, path: Path) -> tuple[dict[str, Any], str]:
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
    secret = p.client_secret
    if secret is None and p.client_secret_env:
        raw = os.environ.get(p.client_secret_env)
        if not raw:
            raise DataActionError.single(
                f"profile '{chosen}' reads its secret from ${p.client_secret_env}, which is not set",
                file=str(path),
                hint=f"export {p.client_secret_env}=...",
            )
        secret = SecretStr(raw)
    values = {"environment": p.environment, "client_id": p.client_id, "client_secret": secret}
    return values, f"profile {chosen} ({path})"


def resolve_credentials(
    *,
    profile: str | None = None,
    environment: str | None = None,
    client_id: str | None = None,
    client_secret: str | SecretStr | None = None,
    config_file: Path | None = None,
) -> Credentials | None:
    """The login to use (flags > environment > profile), or None when nothing is configured."""
    env = EnvSettings.read()
    path = config_file or default_config_file()
    prof, prof_source = _profile_values(profile or env.profile, path)
    if isinstance(client_secret, str):
        client_secret = SecretStr(client_secret)
    flags = {"environment": environment, "client_id": client_id, "client_secret": client_secret}
    envs = {
        "environment": env.environment,
        "client_id": env.client_id,
        "client_secret": env.client_secret,
    }
    values: dict[str, Any] = {}
    sources: list[str] = []
    for key in ("client_id", "client_secret", "environment"):
        for source, layer in (("flags", flags), ("environment", envs), (prof_source, prof)):
            if layer.get(key):
                values[key] = layer[key]
                if source not in sources:
                    sources.append(source)
                break
    if not values.get("client_id") and not values.get("client_secret"):
        return None
    missing = [k for k in ("client_id", "client_secret") if not values.get(k)]
    if missing:
        names = {"client_id": "GENESYS_CLIENT_ID", "client_secret": "GENESYS_CLIENT_SECRET"}
        raise DataActionError.single(
            f"incomplete Genesys credentials: {', '.join(names[m] for m in missing)} not set",
            field=names[missing[0]],
            hint="set both GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET (an OAuth client with the "
            "Client Credentials grant), or neither to use the local sandbox",
        )
    return Credentials(
        base_url=base_url(values.get("environment") or DEFAULT_ENVIRONMENT),
        client_id=values["client_id"],
        client_secret=values["client_secret"],
        source=" + ".join(sources),
    )
