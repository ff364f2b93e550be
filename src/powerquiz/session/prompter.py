"""The small interface between the session engine and whatever talks to the student.

The engine decides what to ask and in which display order; a prompter only shows
and reads.  Three implementations exist: the questionary + rich terminal UI, a
plain line-based one for pipes and screen readers, and a scripted one for tests.

Any prompter method may raise ``KeyboardInterrupt`` or ``EOFError``: the engine
treats both as "the student has stopped", keeps what was answered and ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from powerquiz.bank.model import Question
from powerquiz.marking import SELF_RATINGS, Answer, Mark, SelfRating, answer_text
from powerquiz.progress import Mode

if TYPE_CHECKING:
    from powerquiz.session.paper import Move, PaperView

__all__ = [
    "SELF_RATINGS",
    "Asked",
    "Idle",
    "Mode",
    "Outcome",
    "Prompter",
    "SelfRating",
    "Summary",
    "TopicScore",
    "answer_text",
]



@dataclass(frozen=True)
class Asked:
    """One question as it is put to the student."""

    question: Question
    number: int
    total: int
    #: Options (choice, multi), items (order) or right-hand sides (match), in the
    #: order to display them; the engine shuffles, prompters never do.
    choices: tuple[str, ...] = ()
    #: 1 the first time this question is asked in the session; 2, 3 for a re-ask of a
    #: missed one (a learning step).
    attempt: int = 1

    @property
    def counter(self) -> str:
        return f"{self.number}/{self.total}"


@dataclass(frozen=True)
class Outcome:
    """A marked answer, ready to be shown."""

    asked: Asked
    answer_text: str
    mark: Mark
    #: Whether the student may say "I was right" (wrong or partial marks in a drill
    #: or practice).
    can_override: bool = False
    #: The answer was given after the student asked for the hint.
    hinted: bool = False

    def overridden(self) -> Outcome:
        """The final outcome once the student has said "I was right": counted correct."""
        m = self.mark
        mark = replace(m, verdict="correct", score=1.0,
                       feedback=(*m.feedback, "counted as correct: you said you were right"))
        return replace(self, mark=mark, can_override=False)


@dataclass(frozen=True)
class Idle:
    """Why a drill has nothing to ask: facts for the front end to put in words."""

    #: The session's clock when it planned.
    now: datetime
    #: When the soonest card falls due (None: no scheduled card).
    next_due: datetime | None
    #: New questions waiting once the day's allowance of new ones is used.
    new_waiting: int
    #: The day's allowance of new questions (0: new questions are turned off).
    new_per_day: int

    @property
    def new_cap_reached(self) -> bool:
        """New questions are waiting, but today's allowance is used (or is 0)."""
        return self.new_waiting > 0


@dataclass(frozen=True)
class TopicScore:
    topic: str
    answered: int
    correct: int
    score: float


@dataclass(frozen=True)
class Summary:
    mode: Mode
    #: Questions answered at least once (``score`` counts each one's first try).
    answered: int
    planned: int
    score: float
    topics: tuple[TopicScore, ...]
    #: Questions not marked fully correct at the first try, in the order asked.
    missed: tuple[Outcome, ...]
    #: Every answer, in order, re-asks included (the marked paper of an exam).
    outcomes: tuple[Outcome, ...]
    #: Of ``missed``, how many were answered right when asked again (learning steps).
    recovered: int = 0
    #: Planned questions never answered (a stopped session): an exam scores them as 0.
    unanswered: tuple[Question, ...] = ()
    interrupted: bool = False
    next_due: datetime | None = None
    saved_to: str = ""
    notes: tuple[str, ...] = field(default=())
    #: The session's clock at the end (what "next review due in ..." counts from).
    now: datetime | None = None
    #: Set when a drill had nothing to ask: the facts to tell the student.
    idle: Idle | None = None
    #: An exam's paper in order (answered or not), the ids flagged for review when it
    #: was handed in, and whether the time limit ran out.
    paper: tuple[Question, ...] = ()
    flagged: frozenset[str] = frozenset()
    timed_out: bool = False
    #: A session over several banks: each bank's score (its title as ``topic``), in the
    #: session's order; empty for one bank.
    banks: tuple[TopicScore, ...] = ()

    @property
    def out_of(self) -> int:
        """What the score is out of: an exam's whole paper, else the questions answered."""
        return self.answered + len(self.unanswered) if self.mode == "exam" else self.answered

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.out_of) if self.out_of else 0


class Prompter(Protocol):
    """What a front end must do for the session engine."""

    def start(self, title: str, mode: Mode, total: int) -> None:
        """Greet the student: what is being revised and how many questions."""

    def ask(self, asked: Asked) -> Answer:
        """Ask one question and return the student's answer.

        By type: short and recall a str; choice the chosen option's text; multi a
        list of option texts; truefalse "true" or "false"; order the item texts in
        the chosen order; match a mapping left -> chosen right; cloze one str per gap.
        """

    def used_hint(self, asked: Asked) -> bool:
        """Whether the student asked for the hint before answering ``asked``."""

    def rate_recall(self, asked: Asked, attempt: str) -> SelfRating:
        """Show a recall question's model answer and ask how well it was recalled."""

    def feedback(self, outcome: Outcome) -> bool:
        """Show the verdict and why; return True when the student says "I was right"
        (only asked when ``outcome.can_override``)."""

    def ask_paper(self, asked: Asked, view: PaperView) -> Answer | Move:
        """Ask a question of an exam paper: an answer as ``ask`` gives, or a move (skip,
        flag, back, go to a question, the summary, submit).  ``view`` says whether it is
        flagged, the answer kept so far and the time left."""

    def paper_summary(self, view: PaperView) -> Move:
        """Show the summary page (each question answered or not, flagged or not, the
        time left); the student goes to a question (``Go``) or submits."""

    def confirm_submit(self, view: PaperView) -> bool:
        """Some questions are unanswered: True when the student still hands the paper in."""

    def notice(self, text: str) -> None:
        """Tell the student something outside a question (e.g. nothing is due)."""

    def finish(self, summary: Summary) -> None:
        """Show the end-of-session summary (or the marked paper of an exam)."""
