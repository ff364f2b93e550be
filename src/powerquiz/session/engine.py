"""The session engine: asks, marks, records and schedules, one answer at a time.

It talks to the student only through a :class:`~powerquiz.session.prompter.Prompter`
and to the disk only through a :class:`~powerquiz.progress.ProgressStore`, so the
same engine runs the terminal UI, the plain line mode and scripted tests.

The record path is straight: an answer is marked, then saved at once, before the
student is asked "Were you right after all?"; under the store's lock the rating and
the new card are decided together from the card as it is on disk, so two sessions
answering the same question never rate on a stale card.  Saying "I was right" appends
a correcting review (the log stays append-only) and gives the final outcome.

Ctrl-C, end of input, or any stop the front end raises as a ``KeyboardInterrupt``
(the command line turns SIGHUP and SIGTERM into one) ends the session at any prompt:
what was answered is already on disk, and the summary says so.  A save in progress is
never cut in half: those signals are held until it is done.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from types import FrameType

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.registry import TYPES
from powerquiz.marking import mark
from powerquiz.progress import Mode, ProgressStore, Review, new_review_id
from powerquiz.scheduling import (
    QUICK_MS,
    CardState,
    Rating,
    Scheduler,
    new_card,
    rating_for,
)
from powerquiz.session.plan import ExamGoal, new_today, plan_drill, plan_exam, plan_practice
from powerquiz.session.prompter import (
    Asked,
    Idle,
    Outcome,
    Prompter,
    SelfRating,
    Summary,
    TopicScore,
    answer_text,
)

__all__ = ["Session", "SessionConfig", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


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
    #: The bank's fitted FSRS parameters (None: the library's defaults).
    parameters: tuple[float, ...] | None = None
    #: drill --exam: bring forward what would be forgotten by the exam day.
    exam: ExamGoal | None = None


@dataclass(frozen=True)
class _Answered:
    """One marked answer, before it is saved."""

    outcome: Outcome
    self_rating: SelfRating | None
    elapsed_ms: int


@dataclass(frozen=True)
class _Saved:
    """One saved answer: the review as stored, and the card it was scheduled from."""

    review: Review
    before: CardState | None


@dataclass(frozen=True)
class _Planned:
    questions: list[Question]
    #: Plain notices (practice and exam) for when there is nothing to ask.
    notes: tuple[str, ...] = ()
    idle: Idle | None = None


class Session:
    def __init__(
        self,
        bank: Bank,
        questions: Sequence[Question],
        store: ProgressStore,
        prompter: Prompter,
        config: SessionConfig = SessionConfig(),
        *,
        clock: Callable[[], datetime] = utcnow,
        timer: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bank = bank
        self.questions = list(questions)
        self.store = store
        self.prompter = prompter
        self.config = config
        self.clock = clock
        self.timer = timer
        self.rng = random.Random(config.seed)
        self.scheduler = Scheduler(config.desired_retention, enable_fuzzing=config.fuzz,
                                   parameters=config.parameters)
        #: The soonest due date of this bank's questions among the cards saved so far.
        self._due: dict[str, datetime] = {}

    # -- planning -------------------------------------------------------------------
    def plan(self) -> _Planned:
        """The questions to ask, and what to tell the student when there are none.

        Raises ProgressError (before anything is asked) when the progress file is
        unreadable.
        """
        mode = self.config.mode
        if mode == "exam":
            paper = plan_exam(self.questions, count=self.config.count, rng=self.rng)
            return _Planned(paper, () if paper else (
                "No questions match: an exam needs questions that can be marked (recall "
                "ones cannot).",))
        cards = self.store.cards(self.bank.id)
        self._due = {qid: c.due for qid, c in cards.items()}
        now = self.clock()
        if mode == "practice":
            def recall(q: Question) -> float | None:
                card = cards.get(q.id)
                if card is None or card.last_review is None:
                    return None
                return self.scheduler.retrievability(card, now)

            chosen = plan_practice(self.questions, recall, limit=self.config.limit,
                                   rng=self.rng)
            return _Planned(chosen, () if chosen else ("No questions match those filters.",))
        first_seen = [c.first_review for c in cards.values() if c.first_review is not None]
        allowance = self.config.new_per_day - new_today(first_seen, now)
        plan = plan_drill(self.questions, cards, now, limit=self.config.limit,
                          new_allowance=allowance, exam=self.config.exam)
        if plan.questions:
            return _Planned(list(plan.questions))
        return _Planned([], idle=Idle(now=now, next_due=plan.next_due,
                                      new_waiting=plan.new_waiting,
                                      new_per_day=self.config.new_per_day))

    # -- running --------------------------------------------------------------------
    def run(self) -> Summary:
        planned = self.plan()
        questions = planned.questions
        if not questions:
            for note in planned.notes:
                self.prompter.notice(note)
            return self._summary([], 0, interrupted=False, notes=planned.notes,
                                 idle=planned.idle)
        self.prompter.start(self.bank.title, self.config.mode, len(questions))
        outcomes: list[Outcome] = []
        interrupted = False
        for n, q in enumerate(questions, 1):
            asked = Asked(q, n, len(questions), TYPES[q.type].display_choices(q, self.rng))
            try:
                answered = self._ask(asked)
            except (KeyboardInterrupt, EOFError):
                interrupted = True
                break
            outcome, interrupted = self._settle(answered)
            outcomes.append(outcome)
            if interrupted:
                break
        summary = self._summary(outcomes, len(questions), interrupted=interrupted)
        self.prompter.finish(summary)
        return summary

    def _settle(self, answered: _Answered) -> tuple[Outcome, bool]:
        """Save an answer, show its feedback, take "I was right"; the final outcome, and
        whether the student stopped."""
        outcome = answered.outcome
        interrupted = False
        try:
            with _stops_deferred():
                saved = self._record(answered)
        except KeyboardInterrupt:  # held until the save was done
            return outcome, True
        if self.config.mode == "exam":
            return outcome, False
        try:
            claim = self.prompter.feedback(outcome)
        except (KeyboardInterrupt, EOFError):
            return outcome, True
        if claim and outcome.can_override:
            outcome = outcome.overridden()
            try:
                with _stops_deferred():
                    self._correct(saved, answered)
            except KeyboardInterrupt:
                interrupted = True
        return outcome, interrupted

    def _ask(self, asked: Asked) -> _Answered:
        q = asked.question
        start = self.timer()
        answer = self.prompter.ask(asked)
        elapsed_ms = max(0, round((self.timer() - start) * 1000))
        self_rating: SelfRating | None = None
        if TYPES[q.type].self_rated:
            attempt = answer_text(answer)
            self_rating = self.prompter.rate_recall(asked, attempt)
            result = mark(q, self_rating)
            text = f"{attempt} (self-rated: {self_rating})" if attempt else \
                f"(self-rated: {self_rating})"
        else:
            result = mark(q, answer)
            text = answer_text(answer)
        can_override = (
            self.config.mode != "exam" and not TYPES[q.type].self_rated
            and result.verdict != "correct"
        )
        return _Answered(Outcome(asked, text, result, can_override), self_rating, elapsed_ms)

    # -- recording ------------------------------------------------------------------
    def _record(self, answered: _Answered) -> _Saved:
        """Save one answer; a drill's rating and card are decided from the card on disk."""
        outcome = answered.outcome
        q = outcome.asked.question
        now = self.clock()
        review = Review(
            id=new_review_id(),
            bank=self.bank.id,
            question=q.id,
            kind=self.config.mode,
            at=now,
            answer=outcome.answer_text,
            verdict=outcome.mark.verdict,
            score=outcome.mark.score,
            rating=None,
            duration_ms=answered.elapsed_ms,
        )
        if self.config.mode != "drill":
            return _Saved(self.store.record(review), None)
        seen: list[CardState | None] = []

        def decide(card: CardState | None) -> Review:
            seen[:] = [card]
            rating = rating_for(
                outcome.mark.verdict,
                quick=answered.elapsed_ms < QUICK_MS,
                in_review=card is not None and card.in_review,
                self_rating=Rating[answered.self_rating.upper()] if answered.self_rating
                else None,
            )
            current = card or new_card(self.bank.id, q.id, now)
            after = self.scheduler.review(current, rating, now, answered.elapsed_ms)
            return replace(review, rating=int(rating), card=after)

        stored = self.store.record_decided(self.bank.id, q.id, decide)
        self._saw(stored)
        return _Saved(stored, seen[0] if seen else None)

    def _correct(self, saved: _Saved, answered: _Answered) -> None:
        """Append the review that replaces ``saved`` now the student says "I was right".

        A drill is re-rated GOOD from the card it was first scheduled from, unless another
        session has reviewed the question since (then its card is left as it is).
        """
        original = saved.review
        correction = replace(original, id=new_review_id(), corrects=original.id,
                             override=True, at=self.clock())
        if original.kind != "drill":
            self.store.record(correction)
            return
        q = answered.outcome.asked.question

        def decide(card: CardState | None) -> Review:
            if card != original.card:
                return replace(correction, rating=int(Rating.GOOD), card=None)
            start = saved.before or new_card(self.bank.id, q.id, original.at)
            after = self.scheduler.review(start, Rating.GOOD, original.at, answered.elapsed_ms)
            return replace(correction, rating=int(Rating.GOOD), card=after)

        self._saw(self.store.record_decided(self.bank.id, q.id, decide))

    def _saw(self, stored: Review) -> None:
        if stored.card is not None:
            self._due[stored.question] = stored.card.due

    # -- the end ----------------------------------------------------------------------
    def _summary(
        self,
        outcomes: list[Outcome],
        planned: int,
        *,
        interrupted: bool,
        notes: tuple[str, ...] = (),
        idle: Idle | None = None,
    ) -> Summary:
        by_topic: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            by_topic[o.asked.question.topic].append(o)
        topics = tuple(
            TopicScore(
                topic=t.id,
                answered=len(by_topic[t.id]),
                correct=sum(o.mark.correct for o in by_topic[t.id]),
                score=sum(o.mark.score for o in by_topic[t.id]),
            )
            for t in self.bank.topics
            if by_topic.get(t.id)
        )
        next_due = None
        if self.config.mode == "drill" and (outcomes or not notes):
            ids = {q.id for q in self.questions}
            next_due = min((due for qid, due in self._due.items() if qid in ids), default=None)
        return Summary(
            mode=self.config.mode,
            answered=len(outcomes),
            planned=planned,
            score=sum(o.mark.score for o in outcomes),
            topics=topics,
            missed=tuple(o for o in outcomes if not o.mark.correct),
            outcomes=tuple(outcomes),
            interrupted=interrupted,
            next_due=next_due,
            saved_to=str(self.store.path),
            notes=notes,
            now=self.clock(),
            idle=idle,
        )


#: The signals that stop a session; held while an answer is being saved.
_STOPS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
               if hasattr(signal, name))


@contextmanager
def _stops_deferred() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM/SIGHUP when the front end handles them) until the block
    is done, so a save is never cut in half; then deliver them as they would have been."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, signal._HANDLER] = {}

    def hold(signum: int, _frame: FrameType | None) -> None:
        caught.append(signum)

    for signum in _STOPS:
        handler = signal.getsignal(signum)
        if signum == signal.SIGINT or callable(handler):
            previous[signum] = handler
            signal.signal(signum, hold)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    for signum in caught:
        handler = previous[signum]
        if handler is signal.SIG_IGN:
            continue
        if callable(handler) and handler is not signal.default_int_handler:
            handler(signum, None)  # the front end's own stop (it raises to end the session)
            continue
        raise KeyboardInterrupt
