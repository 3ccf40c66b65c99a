"""This tool's profile file: named org logins in YAML (`$DATAACTION_CONFIG`, else
`$XDG_CONFIG_HOME/dataaction/genesys.yaml`). A profile stores its secret only when the file is
private (mode 600); otherwise it names an environment variable. Loaded only when the file exists
(pydantic stays out of the wizard's first screen)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from tui.genesys.settings import DEFAULT_ENVIRONMENT, default_config_file
from tui.model.problems import DataActionError


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
