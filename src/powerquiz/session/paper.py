"""An exam paper being sat, as a Moodle quiz is: skip, flag, go back, a summary, a time limit.

Plain data and no input or output: the engine (:mod:`powerquiz.session.sitting`) asks the
prompter and feeds this state machine the student's answers and moves; the tests drive it
directly.  The student is always at one *place*: a question (1 to ``total``) or the
summary page (``SUMMARY``).

- An answer is kept for its question (a later answer to the same question replaces it)
  and the student goes on to the next question; after the last one, to the summary.
- ``Skip`` goes on without answering (an answer given earlier is kept); ``Flag`` marks
  the question for review (or unmarks it) and stays; ``Back`` goes to the question
  before (from the summary, to the last); ``Go(n)`` goes to question n; ``ToSummary``
  goes to the summary; ``Submit`` hands the paper in.
- A time limit is a deadline on a monotonic clock (``timer``, injectable for tests):
  once it has passed, the paper is submitted with the answers given before it, and an
  answer given after it is not taken.

Nothing here marks: the engine marks each kept answer alone once the paper is in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Question
from powerquiz.marking import Answer, answer_text
from powerquiz.session.prompter import Asked

__all__ = [
    "SUMMARY",
    "Back",
    "Flag",
    "Go",
    "Move",
    "Paper",
    "PaperView",
    "Skip",
    "Slot",
    "Submit",
    "ToSummary",
]

#: The place of the summary page (questions are numbered from 1).
SUMMARY = 0


@dataclass(frozen=True)
class Skip:
    """Go on to the next question without answering this one (an earlier answer stays)."""


@dataclass(frozen=True)
class Flag:
    """Flag this question for review, or take its flag off; stay on it."""


@dataclass(frozen=True)
class Back:
    """Go to the question before (from the summary: to the last question)."""


@dataclass(frozen=True)
class Go:
    """Go to question ``number`` (from 1)."""

    number: int


@dataclass(frozen=True)
class ToSummary:
    """Go to the summary page: every question, answered or not, flagged or not."""


@dataclass(frozen=True)
class Submit:
    """Hand the paper in (the front end has confirmed when some are unanswered)."""


Move = Skip | Flag | Back | Go | ToSummary | Submit


@dataclass(frozen=True)
class Slot:
    """One question on the paper as the student sees its state."""

    number: int
    question: Question
    answered: bool
    flagged: bool
    #: The answer kept so far, in words ("" when not answered).
    given: str = ""

    @property
    def status(self) -> str:
        """``answered``, ``not answered``, each with ``, flagged`` when flagged."""
        words = "answered" if self.answered else "not answered"
        return words + (", flagged" if self.flagged else "")


@dataclass(frozen=True)
class PaperView:
    """What a front end shows of the paper: each question's state, where the student is,
    and the time left."""

    slots: tuple[Slot, ...]
    #: The question the student is at (``SUMMARY`` on the summary page).
    current: int
    #: Seconds left (None: no time limit).
    time_left: float | None = None

    @property
    def total(self) -> int:
        return len(self.slots)

    @property
    def slot(self) -> Slot:
        """The current question's slot (only when at a question)."""
        return self.slots[self.current - 1]

    @property
    def unanswered(self) -> tuple[int, ...]:
        return tuple(s.number for s in self.slots if not s.answered)

    @property
    def flagged(self) -> tuple[int, ...]:
        return tuple(s.number for s in self.slots if s.flagged)


@dataclass
class Paper:
    """The state of a paper being sat (see the module docstring)."""

    asked: Sequence[Asked]
    timer: Callable[[], float]
    #: The time limit in seconds (None: none).
    limit: float | None = None
    place: int = 1
    answers: dict[int, Answer] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)
    submitted: bool = False
    #: The paper was submitted because the time ran out.
    timed_out: bool = False
    deadline: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.limit is not None:
            self.deadline = self.timer() + self.limit
        if not self.asked:
            self.place = SUMMARY

    @property
    def total(self) -> int:
        return len(self.asked)

    # -- time -----------------------------------------------------------------------
    def time_left(self) -> float | None:
        """Seconds left, never below 0 (None: no time limit)."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - self.timer())

    def out_of_time(self) -> bool:
        """Whether the time has run out; if so the paper is submitted (once and for all)."""
        if self.submitted:
            return self.timed_out
        left = self.time_left()
        if left is not None and left <= 0:
            self.submitted = self.timed_out = True
        return self.timed_out

    # -- what the student does --------------------------------------------------------
    def answer(self, answer: Answer) -> bool:
        """Keep ``answer`` for the current question and go on; False (and nothing kept)
        when the time ran out before it was given, or the student is not at a question."""
        if self.out_of_time() or self.submitted or self.place == SUMMARY:
            return False
        self.answers[self.place] = answer
        self._next()
        return True

    def move(self, move: Move) -> str | None:
        """Do ``move``; a plain-English note when it could not be done as asked."""
        if self.out_of_time() or self.submitted:
            return None
        if isinstance(move, Submit):
            self.submitted = True
        elif isinstance(move, ToSummary):
            self.place = SUMMARY
        elif isinstance(move, Skip):
            if self.place != SUMMARY:
                self._next()
        elif isinstance(move, Flag):
            return self._flag()
        elif isinstance(move, Back):
            return self._back()
        else:
            return self._go(move.number)
        return None

    def _next(self) -> None:
        self.place = self.place + 1 if self.place < self.total else SUMMARY

    def _flag(self) -> str | None:
        if self.place == SUMMARY:
            return "Go to a question to flag it."
        self.flagged ^= {self.place}
        return None

    def _back(self) -> str | None:
        if self.place == SUMMARY:
            self.place = self.total
        elif self.place == 1:
            return "This is the first question: there is none before it."
        else:
            self.place -= 1
        return None

    def _go(self, number: int) -> str | None:
        if not 1 <= number <= self.total:
            return (f"There is no question {number}: the paper has questions 1 to "
                    f"{self.total}.")
        self.place = number
        return None

    # -- what the front end shows ---------------------------------------------------------
    def view(self) -> PaperView:
        slots = tuple(
            Slot(n, a.question, n in self.answers, n in self.flagged,
                 answer_text(self.answers[n]) if n in self.answers else "")
            for n, a in enumerate(self.asked, 1))
        return PaperView(slots, self.place, self.time_left())

    def current(self) -> Asked:
        """The question the student is at (only when at a question)."""
        return self.asked[self.place - 1]
