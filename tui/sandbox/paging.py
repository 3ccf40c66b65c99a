"""Genesys paging: `entities, pageSize, pageNumber, total, pageCount` and the page URIs."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from .errors import bad_request

MAX_PAGE_SIZE = 500


def int_param(params: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(
            f"{name} must be an integer, got {raw!r}.", name, "invalid.value"
        ) from None
    if not low <= value <= high:
        raise bad_request(f"{name} must be between {low} and {high}.", name, "invalid.value")
    return value


def bool_param(params: dict[str, str], name: str) -> bool | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    raise bad_request(f"{name} must be true or false, got {raw!r}.", name, "invalid.value")


def sort_order(params: dict[str, str], allowed: tuple[str, ...]) -> tuple[str, bool]:
    """The validated `sortBy` (a root-level field, default the first allowed) and descending."""
    key = params.get("sortBy") or allowed[0]
    if key not in allowed:
        raise bad_request(
            f"sortBy {key!r} is not supported; use one of {', '.join(allowed)}.",
            "sortBy",
            "invalid.value",
        )
    order = (params.get("sortOrder") or "ASC").upper()
    if order not in ("ASC", "DESC"):
        raise bad_request("sortOrder must be ASC or DESC.", "sortOrder", "invalid.value")
    return key, order == "DESC"


def sort(
    items: list[dict[str, Any]], params: dict[str, str], allowed: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Items sorted by `sortBy` and `sortOrder` (ASC/DESC); ties keep their order."""
    key, descending = sort_order(params, allowed)

    def value(item: dict[str, Any]) -> tuple[int, str]:
        v = item.get(key)
        return (v is None, str(v).lower() if isinstance(v, str) else f"{v!s:>20}")

    return sorted(items, key=value, reverse=descending)


def window(params: dict[str, str]) -> tuple[int, int]:
    """The validated (pageSize, pageNumber)."""
    size = int_param(params, "pageSize", 25, 1, MAX_PAGE_SIZE)
    number = int_param(params, "pageNumber", 1, 1, 1_000_000)
    return size, number


def page(items: list[dict[str, Any]], params: dict[str, str], path: str) -> dict[str, Any]:
    """One page of `items` in Genesys's listing shape."""
    size, number = window(params)
    return listing(items[(number - 1) * size : number * size], len(items), params, path)


def listing(
    entities: list[dict[str, Any]], total: int, params: dict[str, str], path: str
) -> dict[str, Any]:
    """Genesys's listing shape around one page of `entities` out of `total` items."""
    size, number = window(params)
    count = math.ceil(total / size)
    keep = {k: v for k, v in params.items() if k not in ("pageSize", "pageNumber")}

    def uri(n: int) -> str:
        return f"{path}?{urlencode({'pageSize': size, 'pageNumber': n, **keep})}"

    out: dict[str, Any] = {
        "entities": entities,
        "pageSize": size,
        "pageNumber": number,
        "total": total,
        "pageCount": count,
        "firstUri": uri(1),
        "selfUri": uri(number),
        "lastUri": uri(max(count, 1)),
    }
    if number < count:
        out["nextUri"] = uri(number + 1)
    if number > 1:
        out["previousUri"] = uri(number - 1)
    return out
