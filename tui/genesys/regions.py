"""Genesys Cloud regions and the API base URL an environment setting stands for.

The table mirrors the SDK's `purecloud_region_hosts.py` (a test keeps the two in sync); it is
copied because importing the SDK takes seconds and describing a target must stay instant.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tui.model.problems import DataActionError

# Region key (as GENESYSCLOUD_REGION and the SDK spell it) -> API host.
REGION_HOSTS: dict[str, str] = {
    "us_east_1": "api.mypurecloud.com",
    "eu_west_1": "api.mypurecloud.ie",
    "ap_southeast_2": "api.mypurecloud.com.au",
    "ap_northeast_1": "api.mypurecloud.jp",
    "eu_central_1": "api.mypurecloud.de",
    "us_west_2": "api.usw2.pure.cloud",
    "ca_central_1": "api.cac1.pure.cloud",
    "ap_northeast_2": "api.apne2.pure.cloud",
    "eu_west_2": "api.euw2.pure.cloud",
    "ap_south_1": "api.aps1.pure.cloud",
    "us_east_2": "api.use2.us-gov-pure.cloud",
    "sa_east_1": "api.sae1.pure.cloud",
    "me_central_1": "api.mec1.pure.cloud",
    "ap_northeast_3": "api.apne3.pure.cloud",
    "eu_central_2": "api.euc2.pure.cloud",
    "mx_central_1": "api.mxc1.pure.cloud",
    "ap_southeast_1": "api.apse1.pure.cloud",
    "eusc_de_east_1": "api.edee1.eusc-pure.cloud",
}
# Environment names people use for a region besides its key and host.
ALIASES: dict[str, str] = {"gov": "us_east_2", "fedramp": "us_east_2"}

_ENVIRONMENTS = {host.removeprefix("api."): key for key, host in REGION_HOSTS.items()}


def environment_of(api_host: str) -> str:
    """`api.mypurecloud.de` -> `mypurecloud.de` (the name GENESYS_ENVIRONMENT uses)."""
    return api_host.removeprefix("api.")


def base_url(environment: str) -> str:
    """The API base URL for a region key, environment host or full URL.

    Accepts `eu_central_1`, `eu-central-1`, `mypurecloud.de`, `api.mypurecloud.de`,
    `login.mypurecloud.de`, `https://api.mypurecloud.de` and any `http(s)://host:port`
    (for example a local sandbox).
    """
    value = environment.strip().rstrip("/")
    if not value:
        raise _unknown(environment)
    if "://" in value:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _unknown(environment)
        host = parts.netloc
        if host.startswith("login."):
            host = "api." + host.removeprefix("login.")
        return f"{parts.scheme}://{host}{parts.path.rstrip('/')}"
    key = value.lower().replace("-", "_")
    key = ALIASES.get(key, key)
    if key in REGION_HOSTS:
        return f"https://{REGION_HOSTS[key]}"
    host = value.lower()
    for prefix in ("api.", "login.", "apps."):
        host = host.removeprefix(prefix)
    if host in _ENVIRONMENTS:
        return f"https://api.{host}"
    raise _unknown(environment)


def _unknown(environment: str) -> DataActionError:
    known = ", ".join(sorted(_ENVIRONMENTS))
    return DataActionError.single(
        f"unknown Genesys Cloud environment '{environment}'",
        field="GENESYS_ENVIRONMENT",
        hint=f"use a region host ({known}), a region key such as eu_central_1, "
        "or a full URL such as http://127.0.0.1:8080",
    )


def display_host(url: str) -> str:
    """A short name for a base URL: `mypurecloud.de`, or `127.0.0.1:8080` for other URLs."""
    netloc = urlsplit(url).netloc
    return environment_of(netloc) if netloc.startswith("api.") else netloc
