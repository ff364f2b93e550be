"""Fit FSRS-6 parameters to one student's drill history with ``fsrs-rs-python``.

The thresholds are the library's own (``compute_parameters`` in fsrs-rs): with fewer than
:data:`MIN_ITEMS` training items it keeps the defaults; with fewer than :data:`FULL_ITEMS`
it fits only the four initial stabilities; from there it trains every parameter.  It
counts after setting aside unusual answers, so which threshold applied is read from what
it changed.  A
*training item* is one drill answer to a question answered on an earlier day, together
with that question's answers before it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Literal

from powerquiz.progress import Review

if TYPE_CHECKING:
    import fsrs_rs_python

__all__ = ["FULL_ITEMS", "MIN_ITEMS", "Fit", "default_parameters", "fit_parameters"]

MIN_ITEMS = 8
FULL_ITEMS = 64

Stage = Literal["too few", "initial stabilities", "full"]


@dataclass(frozen=True)
class Fit:
    """What fitting found, measured on the same history before and after."""

    stage: Stage
    items: int
    parameters: tuple[float, ...]
    log_loss_before: float | None = None
    rmse_before: float | None = None
    log_loss_after: float | None = None
    rmse_after: float | None = None

    @property
    def needed(self) -> int | None:
        """How many more training items the next stage needs: 0 at full training, None
        when the library set aside enough unusual answers that it cannot be counted."""
        if self.stage == "full":
            return 0
        goal = MIN_ITEMS if self.stage == "too few" else FULL_ITEMS
        return goal - self.items if self.items < goal else None

    @property
    def better(self) -> bool:
        """The fitted parameters predict this history better (lower log loss) than before."""
        if self.log_loss_after is None or self.log_loss_before is None:
            return False
        return self.log_loss_after < self.log_loss_before


def default_parameters() -> tuple[float, ...]:
    """The FSRS-6 default parameters (the library's)."""
    import fsrs_rs_python

    return tuple(float(p) for p in fsrs_rs_python.DEFAULT_PARAMETERS)


def training_items(reviews: Iterable[Review], tz: tzinfo) -> list[fsrs_rs_python.FSRSItem]:
    """The library's training items from the drill answers (practice and exam left out)."""
    import fsrs_rs_python as rs

    per_question: dict[tuple[str, str], list[tuple[object, int, date]]] = defaultdict(list)
    for r in reviews:
        if r.kind == "drill" and r.rating is not None:
            per_question[(r.bank, r.question)].append((r.at, r.rating, r.at.astimezone(tz).date()))
    items = []
    for answers in per_question.values():
        answers.sort(key=lambda a: a[0])  # type: ignore[arg-type,return-value]
        steps: list[rs.FSRSReview] = []
        previous: date | None = None
        for _at, rating, day in answers:
            steps.append(rs.FSRSReview(rating, 0 if previous is None else (day - previous).days))
            previous = day
            if len(steps) > 1:
                item = rs.FSRSItem(list(steps))
                if item.long_term_review_cnt() > 0:
                    items.append(item)
    return items


def fit_parameters(
    reviews: Iterable[Review], tz: tzinfo, current: Sequence[float] | None = None
) -> Fit:
    """Fit parameters to ``reviews``; measure ``current`` (default: the defaults) and the fit."""
    import fsrs_rs_python as rs

    before = tuple(current) if current is not None else default_parameters()
    items = training_items(reviews, tz)
    if len(items) < MIN_ITEMS:
        return Fit("too few", len(items), before)
    fitted = tuple(float(p) for p in rs.FSRS(list(before)).compute_parameters(items))
    stage = _stage(fitted, len(items))
    old = rs.FSRS(list(before)).evaluate(items)
    new = rs.FSRS(list(fitted)).evaluate(items)
    return Fit(
        stage, len(items), fitted,
        log_loss_before=float(old.log_loss), rmse_before=float(old.rmse_bins),
        log_loss_after=float(new.log_loss), rmse_after=float(new.rmse_bins),
    )


def _stage(fitted: Sequence[float], count: int) -> Stage:
    """Which threshold applied: what the library changed says it, the count breaks ties."""
    defaults = default_parameters()

    def same(a: Sequence[float], b: Sequence[float]) -> bool:
        return all(abs(x - y) < 1e-6 for x, y in zip(a, b, strict=True))

    if same(fitted, defaults):
        return "too few"
    if same(fitted[4:], defaults[4:]) or count < FULL_ITEMS:
        return "initial stabilities"
    return "full"


def optimal_retention(parameters: Sequence[float], questions: int) -> float | None:
    """The library's optimal desired retention for a deck this size; None if it cannot say."""
    import fsrs_rs_python as rs

    config = rs.default_simulator_config()
    config.deck_size = max(1, questions)
    config.learn_span = 180
    try:
        return round(float(rs.optimal_retention(config, list(parameters))), 2)
    except Exception:  # the simulator refuses some settings; this figure is optional
        return None
