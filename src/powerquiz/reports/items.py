"""Item analysis, as Moodle's quiz statistics define it (see docs/class-report.md).

Plain functions over lists of numbers; each returns None where the figure is undefined
(too few values, or no spread), never a division by zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = ["cronbach_alpha", "facility", "mean", "pearson", "sample_sd", "sample_variance"]


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean, or None for no values."""
    return sum(values) / len(values) if values else None


def sample_variance(values: Sequence[float]) -> float | None:
    """The sample variance (divided by n - 1, as Moodle does), or None under two values."""
    if len(values) < 2:
        return None
    centre = sum(values) / len(values)
    return sum((v - centre) ** 2 for v in values) / (len(values) - 1)


def sample_sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n - 1), or None under two values."""
    variance = sample_variance(values)
    return None if variance is None else math.sqrt(variance)


def facility(scores: Sequence[float], max_score: float = 1.0) -> float | None:
    """Moodle's facility index as a fraction: the mean score over the maximum score."""
    centre = mean(scores)
    return None if centre is None or max_score <= 0 else centre / max_score


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of ``xs`` with ``ys``: Moodle's discrimination index (as a fraction)
    when ``xs`` are the item's marks and ``ys`` the rest of each student's marks.

    ``covariance / sqrt(variance(x) * variance(y))``; None when either has no spread.
    """
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = sum((x - mx) ** 2 for x in xs)
    vy = sum((y - my) ** 2 for y in ys)
    if vx <= 1e-12 or vy <= 1e-12:
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(vx * vy)))


def cronbach_alpha(matrix: Sequence[Mapping[str, float]], items: Sequence[str]) -> float | None:
    """Cronbach's alpha of a paper (Moodle's coefficient of internal consistency, CIC/100).

    ``matrix`` holds one mapping per student (item -> mark); every student must have a mark
    for every one of ``items``.  ``alpha = k / (k - 1) * (1 - sum(var(item)) / var(total))``
    with sample variances; None under two items or two students, or when totals do not vary.
    """
    k = len(items)
    if k < 2 or len(matrix) < 2:
        return None
    item_variance = 0.0
    for item in items:
        variance = sample_variance([row[item] for row in matrix])
        item_variance += variance or 0.0
    total_variance = sample_variance([sum(row[i] for i in items) for row in matrix])
    if not total_variance or total_variance <= 1e-12:
        return None
    return k / (k - 1) * (1 - item_variance / total_variance)
