"""A matplotlib chart of tone over time: both directions of a dyad, 95% bands, shifts."""

from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from pipeline.types import Point  # noqa: E402

COLORS = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad")


def period_date(period: str) -> date:
    """The first day of a period label (2025-02-03, 2025-02, 2025-Q1)."""
    if "-Q" in period:
        year, q = period.split("-Q")
        return date(int(year), 3 * int(q) - 2, 1)
    if len(period) == 7:
        return date(int(period[:4]), int(period[5:7]), 1)
    return date.fromisoformat(period)


def tone_chart(points: list[Point], title: str, subtitle: str = "", order: tuple[str, ...] = ()) -> bytes:
    """PNG bytes. Example: ``Path("tone.png").write_bytes(tone_chart(series.points, "USA–MEX"))``"""
    fig, ax = plt.subplots(figsize=(11, 5.2), dpi=110)
    present = {p.dyad for p in points}
    dyads = [d for d in order if d in present] + sorted(present - set(order))
    for k, (color, dyad) in enumerate(zip(COLORS, dyads, strict=False)):
        own = [p for p in points if p.dyad == dyad]
        xs = [period_date(p.period) for p in own]
        label = dyad.replace(":", " → ")
        ax.fill_between(
            xs, [p.ci_low for p in own], [p.ci_high for p in own], color=color, alpha=0.15, linewidth=0
        )
        ax.plot(
            xs,
            [p.tone for p in own],
            color=color,
            marker="o",
            markersize=3.5,
            linewidth=1.8,
            label=f"{label} (95% interval shaded)",
        )
        for p, x in zip(own, xs, strict=True):
            if p.shift is not None:
                _annotate_shift(ax, p, x, color, k)
    ax.axhline(0, color="#666", linewidth=0.8, linestyle="--")
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("tone = P(cooperation) − P(tension)")
    ax.set_title(title + (f"\n{subtitle}" if subtitle else ""), fontsize=11)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.grid(alpha=0.25)
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    fig.autofmt_xdate()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _annotate_shift(ax, p: Point, x, color: str, k: int):
    up = p.shift > 0
    offset = 28 + 22 * k
    ax.annotate(
        f"shift {p.period}\nz={p.shift:+.1f}",
        xy=(x, p.tone),
        xytext=(0, offset if up else -offset - 6),
        textcoords="offset points",
        ha="center",
        fontsize=7,
        color=color,
        arrowprops={"arrowstyle": "->", "color": color, "lw": 0.8},
    )
