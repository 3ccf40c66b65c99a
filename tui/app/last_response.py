"""The last good fetched response, kept beside the draft so a resumed draft can still be explored,
previewed and checked against its sample without calling the API again.

`draft.yaml` -> `draft.response.json`, written atomically and private (0600, as `mkstemp` makes
it). It holds the response body (the API's own data), its status, timing and content type, and
the request URL as the spec writes it (credential references, never their values); no request
or response headers, which may carry tokens or cookies. Reading and writing are capped by the
project's file limit (tui.model.limits): a larger response is simply not kept.
"""

from __future__ import annotations

import base64
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.draft import draft_path

if TYPE_CHECKING:
    from tui.runtime.fetch import FetchResult


def response_path(draft: Path | None = None) -> Path:
    target = draft or draft_path()
    return target.with_name(target.stem + ".response.json")


def forget_response(draft: Path | None = None) -> None:
    response_path(draft).unlink(missing_ok=True)


def save_response(result: FetchResult, url: str, when: str, draft: Path | None = None) -> bool:
    """Keep `result` (a JSON response) beside the draft; False when it is over the file limit
    (then no response is kept: an older one would not match the draft any more)."""
    import json

    from tui.model.limits import DEFAULT_FILE_BYTES, FILE_BYTES_VAR, limit

    record: dict[str, object] = {
        "method": result.method,
        "url": url,
        "status": result.status,
        "elapsed_ms": result.elapsed_ms,
        "content_type": result.content_type,
        "fetched": when,
    }
    try:
        record["body"] = result.body.decode("utf-8")
    except UnicodeDecodeError:  # JSON in UTF-16/32 still parses; keep the bytes exactly
        record["body_base64"] = base64.b64encode(result.body).decode("ascii")
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    target = response_path(draft)
    if len(data) > limit(FILE_BYTES_VAR, DEFAULT_FILE_BYTES):
        target.unlink(missing_ok=True)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".response-", suffix=".json")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, target)
    return True


def load_response(draft: Path | None = None) -> tuple[FetchResult, str] | None:
    """The kept response, parsed as a fetch would parse it, and when it was fetched; None
    when there is none or it is unreadable, over the limit or no longer JSON."""
    import json  # here, not at the top: this module loads before the wizard's first frame

    from tui.model.limits import read_limited
    from tui.model.problems import DataActionError
    from tui.runtime.fetch import FetchResult, classify_body

    try:
        record = json.loads(read_limited(response_path(draft)))
        body = (
            base64.b64decode(record["body_base64"], validate=True)
            if "body_base64" in record
            else str(record["body"]).encode("utf-8")
        )
        status = int(record["status"])
        result = FetchResult(
            method=str(record.get("method") or "GET"),
            url=str(record.get("url") or ""),
            status=status,
            elapsed_ms=float(record.get("elapsed_ms") or 0.0),
            headers={"Content-Type": str(record.get("content_type") or "")},
            body=body,
        )
    except (DataActionError, ValueError, TypeError, KeyError, AttributeError):
        return None
    classify_body(result)
    if not result.is_json:
        return None
    return result, str(record.get("fetched") or "")
