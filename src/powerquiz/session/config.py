"""What a session is asked to do: :class:`SessionConfig`, the command line's options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from powerquiz.progress import Mode
from powerquiz.session.plan import ExamGoal

__all__ = ["SessionConfig"]


@dataclass(frozen=True)
class SessionConfig:
    mode: Mode = "drill"
    #: At most this many questions in a drill or practice session.
    limit: int = 20
    #: New questions a bank may introduce per day (drill).
    new_per_day: int = 10
    #: Questions on an exam paper.
    count: int = 20
    desired_retention: float = 0.9
    #: Seed for shuffling (None: a fresh one each session).
    seed: int | None = None
    #: FSRS interval fuzzing; tests turn it off for fixed due dates.
    fuzz: bool = True
    #: The bank's fitted FSRS parameters (None: the library's defaults).  A session over
    #: several banks gives each its own (:class:`~powerquiz.session.banks.Part`).
    parameters: tuple[float, ...] | None = None
    #: drill --exam: bring forward what would be forgotten by the exam day.
    exam: ExamGoal | None = None
    #: Learning steps (drill and practice): a question answered wrong or partly right
    #: comes back later in the same session (the command line turns this on).
    relearn: bool = False
    #: Practice only the questions last answered wrong or partly right ...
    missed_only: bool = False
    #: ... within this long before now (None: any time).
    since: timedelta | None = None
    #: An exam's time limit in seconds (None: none); when it runs out the paper is
    #: submitted with the answers given so far.
    time_limit: float | None = None
