"""Series arithmetic: intervals, rolling means, shifts (pure functions)."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.analyze.series import build_points, with_rolling, with_shifts
from pipeline.report.chart import period_date


def agg(period, tones, speaker="USA", target="MEX", weights=None):
    t = np.asarray(tones, dtype=float)
    w = np.asarray(weights if weights is not None else [1] * len(t), dtype=float)
    return {
        "period": period,
        "speaker": speaker,
        "target": target,
        "n": len(t),
        "s": t.sum(),
        "ss": (t * t).sum(),
        "c": int((t > 0).sum()),
        "t": int((t < 0).sum()),
        "sw": (t * np.abs(w)).sum(),
        "w": np.abs(w).sum(),
    }


def test_large_groups_use_the_normal_interval():
    rng = np.random.default_rng(0)
    tones = rng.uniform(-1, 1, 400)
    (p,) = build_points([agg("2025-01", tones)], [])
    half = 1.959964 * tones.std(ddof=1) / np.sqrt(400)
    assert p.tone == pytest.approx(tones.mean())
    assert p.ci_high - p.tone == pytest.approx(half)


def test_small_groups_use_the_bootstrap():
    tones = [0.9, 0.8, -0.7, 0.6, 0.5]
    (p,) = build_points([agg("2025-01", tones)], [("2025-01", "USA", "MEX", x) for x in tones])
    assert p.ci_low < p.tone < p.ci_high
    assert min(tones) <= p.ci_low and p.ci_high <= max(tones)
    (q,) = build_points([agg("2025-01", tones)], [])
    assert (p.ci_low, p.ci_high) != (q.ci_low, q.ci_high), "bootstrap differs from the normal formula"


def test_shares_and_intensity():
    (p,) = build_points([agg("2025-01", [0.5, -0.5, 0.5, 0.5], weights=[6, -7, 0, 1])], [])
    assert p.cooperation_share == 0.75 and p.tension_share == 0.25
    assert p.intensity == pytest.approx((0.5 * 6 - 0.5 * 7 + 0.5 * 1) / 14)


def test_shift_marked_only_when_significant():
    rng = np.random.default_rng(1)
    calm = [agg(f"2025-0{m}", rng.normal(0.5, 0.2, 40)) for m in (1, 2)]
    turn = agg("2025-03", rng.normal(-0.4, 0.2, 40))
    points = with_shifts(build_points(calm + [turn], []))
    assert [p.shift is not None for p in points] == [False, False, True]
    assert points[2].shift < -5


def test_rolling_mean_weighted_by_n():
    points = with_rolling(build_points([agg("a", [1.0] * 10), agg("b", [0.0] * 30)], []), 2)
    assert points[1].rolling == pytest.approx(0.25)


def test_period_dates():
    assert str(period_date("2025-Q3")) == "2025-07-01"
    assert str(period_date("2025-02")) == "2025-02-01"
    assert str(period_date("2025-02-03")) == "2025-02-03"
