"""Series points from aggregated rows: mean tone with a 95% interval (bootstrap for small
n, normal approximation for large n), tag shares, intensity-weighted tone, rolling means
and significant shifts."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

import numpy as np

from pipeline.types import Point

BOOTSTRAP_BELOW = 30
BOOTSTRAP_RESAMPLES = 2000
Z95 = 1.959964


def build_points(rows: list[dict], small_tones: list[tuple], seed: int = 7) -> list[Point]:
    """Points from `store.tone.aggregates` rows; `small_tones` holds the individual tones of
    the groups with n < 30 (period, speaker, target, tone) for the bootstrap."""
    samples: dict[tuple, list[float]] = defaultdict(list)
    for period, speaker, target, tone in small_tones:
        samples[(period, speaker, target)].append(tone)
    rng = np.random.default_rng(seed)
    points = []
    for r in rows:
        n, mean = r["n"], r["s"] / r["n"]
        key = (r["period"], r["speaker"], r["target"])
        low, high = _interval(n, mean, r["ss"], samples.get(key), rng)
        points.append(
            Point(
                period=r["period"],
                dyad=f"{r['speaker']}:{r['target']}",
                n=n,
                tone=mean,
                ci_low=low,
                ci_high=high,
                cooperation_share=r["c"] / n,
                tension_share=r["t"] / n,
                intensity=r["sw"] / r["w"] if r["w"] else None,
            )
        )
    return points


def _interval(n: int, mean: float, sum_sq: float, sample, rng) -> tuple[float, float]:
    if n < 2:
        return mean, mean
    if n < BOOTSTRAP_BELOW and sample and len(sample) == n:
        values = np.asarray(sample)
        means = rng.choice(values, size=(BOOTSTRAP_RESAMPLES, n), replace=True).mean(axis=1)
        return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))
    variance = max(0.0, (sum_sq - n * mean * mean) / (n - 1))
    half = Z95 * math.sqrt(variance / n)
    return mean - half, mean + half


def with_rolling(points: list[Point], window: int) -> list[Point]:
    """Rolling mean of tone over the last `window` points of each dyad, weighted by n."""
    if window <= 1:
        return points
    out, history = [], defaultdict(list)
    for p in points:
        h = history[p.dyad]
        h.append(p)
        recent = h[-window:]
        total = sum(x.n for x in recent)
        out.append(replace(p, rolling=sum(x.tone * x.n for x in recent) / total))
    return out


def with_shifts(points: list[Point], min_n: int = 5, z: float = Z95) -> list[Point]:
    """Mark points whose tone differs significantly (two-sample z on the means) from the
    previous point of the same dyad."""
    out, previous = [], {}
    for p in points:
        before = previous.get(p.dyad)
        previous[p.dyad] = p
        score = _z(before, p) if before and before.n >= min_n and p.n >= min_n else None
        out.append(replace(p, shift=score) if score is not None and abs(score) >= z else p)
    return out


def _z(a: Point, b: Point) -> float | None:
    se = math.sqrt(_var(a) / a.n + _var(b) / b.n)
    return (b.tone - a.tone) / se if se > 0 else None


def _var(p: Point) -> float:
    """Variance recovered from the interval (normal or bootstrap), floored for tiny n."""
    half = (p.ci_high - p.ci_low) / 2
    return max((half / Z95) ** 2 * p.n, 1e-4)


def min_statements(points: list[Point], n: int) -> list[Point]:
    return [p for p in points if p.n >= n]
