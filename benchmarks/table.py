"""One row per target: measure, ours, reference (measured in the same run), ratio, goal.

Timings are medians with (min–max) of interleaved rounds, so machine load hits both sides alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    measure: str
    ours: str
    reference: str
    ratio: float | None
    goal: str
    met: bool | None = None


def spread(samples: Sequence[float], unit: str = "ms", scale: float = 1e3) -> str:
    """`median (min–max) unit` of samples given in seconds."""
    xs = [s * scale for s in samples]
    fmt = "{:.0f}" if statistics.median(xs) >= 20 else "{:.1f}"
    med, lo, hi = (fmt.format(v) for v in (statistics.median(xs), min(xs), max(xs)))
    return f"{med} ({lo}–{hi}) {unit}"


def ratio_row(
    measure: str, ours: Sequence[float], ref: Sequence[float], ref_name: str, limit: float
) -> Row:
    """A row whose goal is `median(ours) <= limit x median(ref)`."""
    r = statistics.median(ours) / statistics.median(ref)
    return Row(measure, spread(ours), f"{ref_name}: {spread(ref)}", r, f"≤ {limit:g}x", r <= limit)


def absolute_row(measure: str, ours: Sequence[float], limit_ms: float, ref: str = "—") -> Row:
    """A row whose goal is a median below `limit_ms`."""
    med = statistics.median(ours) * 1e3
    return Row(measure, spread(ours), ref, None, f"< {limit_ms:g} ms", med < limit_ms)


def interleave(runs: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Call every measurement once per round, in turn; seconds per name."""
    out: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            out[name].append(run())
    return out


def render(rows: Sequence[Row]) -> str:
    head = ("measure", "ours", "reference", "ratio", "goal", "")
    cells = [
        (
            r.measure,
            r.ours,
            r.reference,
            "" if r.ratio is None else f"{r.ratio:.2f}x",
            r.goal,
            "" if r.met is None else ("ok" if r.met else "MISSED"),
        )
        for r in rows
    ]
    widths = [max(len(str(c[i])) for c in [head, *cells]) for i in range(len(head))]
    lines = [
        " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
        for row in [head, *cells]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
