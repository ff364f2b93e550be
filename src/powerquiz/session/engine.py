"""The session engine: asks, marks, records and schedules, one answer at a time.

It talks to the student only through a :class:`~powerquiz.session.prompter.Prompter`
and to the disk only through a :class:`~powerquiz.progress.ProgressStore`, so the
same engine runs the terminal UI, the plain line mode and scripted tests.

The record path is straight: an answer is marked, then saved at once, before the
student is asked "Were you right after all?"; under the store's lock the rating and
the new card are decided together from the card as it is on disk, so two sessions
answering the same question never rate on a stale card.  Saying "I was right" appends
a correcting review (the log stays append-only) and gives the final outcome.

A session may run over several banks (:meth:`Session.over`,
:mod:`powerquiz.session.banks`): one queue, yet each answer is recorded under its own
bank's id and question id and scheduled with its own bank's settings.

An exam is sat differently (:mod:`powerquiz.session.sitting`): the student moves about
the paper (skip, flag, go back, a summary page, a time limit), nothing is shown as
marked until it is handed in, and a changed answer is saved as a correcting review.

Ctrl-C, end of input, or any stop the front end raises as a ``KeyboardInterrupt``
(the command line turns SIGHUP and SIGTERM into one) ends the session at any prompt:
what was answered is already on disk, and the summary says so.  A save in progress is
never cut in half: those signals are held until it is done.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.registry import TYPES
from powerquiz.marking import mark
from powerquiz.progress import ProgressStore, Review, new_review_id
from powerquiz.scheduling import (
    QUICK_MS,
    CardState,
    Rating,
    Scheduler,
    new_card,
    rating_for,
)
from powerquiz.session.banks import Part, Where, banks_title, session_questions
from powerquiz.session.config import SessionConfig
from powerquiz.session.plan import plan_exam
from powerquiz.session.planning import drill_parts, practice_parts
from powerquiz.session.prompter import (
    Asked,
    Idle,
    Outcome,
    Prompter,
    SelfRating,
    Summary,
    answer_text,
)
from powerquiz.session.rules import OVERRIDABLE, all_first_asked, typed_something
from powerquiz.session.sitting import sit
from powerquiz.session.stops import stops_deferred
from powerquiz.session.tally import tally_banks

__all__ = ["OVERRIDABLE", "Part", "Session", "SessionConfig", "utcnow"]

def utcnow() -> datetime:
    return datetime.now(timezone.utc)


#: The settings of a session nobody chose any for.
DEFAULT_CONFIG = SessionConfig()

#: A missed question comes back after at least this many other questions ...
RELEARN_GAP = 3
#: ... until it is answered right or has been asked this many times in the session.
RELEARN_ASKS = 3


@dataclass(frozen=True)
class _Answered:
    """One marked answer, before it is saved."""

    outcome: Outcome
    self_rating: SelfRating | None
    elapsed_ms: int
    #: The student asked for the hint before answering.
    hinted: bool = False


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
    """One session over one bank (``bank``, ``questions``) or several (``parts``: then
    ``bank`` and ``questions`` are not used; :meth:`over` says so more plainly)."""

    def __init__(
        self,
        bank: Bank,
        questions: Sequence[Question],
        store: ProgressStore,
        prompter: Prompter,
        config: SessionConfig = DEFAULT_CONFIG,
        *,
        clock: Callable[[], datetime] = utcnow,
        timer: Callable[[], float] = time.monotonic,
        parts: Sequence[Part] | None = None,
    ) -> None:
        self.parts = list(parts) if parts else [Part(bank, tuple(questions), config)]
        self.bank = self.parts[0].bank
        self.questions, self._where = session_questions(self.parts)
        self._by_origin = {(w.part, w.qid): q for q in self.questions
                           for w in (self._where.get(q.id),) if w is not None}
        self.store = store
        self.prompter = prompter
        self.config = config
        self.clock = clock
        self.timer = timer
        self.rng = random.Random(config.seed)
        self.schedulers = [Scheduler(own.desired_retention, enable_fuzzing=config.fuzz,
                                     parameters=own.parameters)
                           for own in (p.config or config for p in self.parts)]
        self.scheduler = self.schedulers[0]
        #: Due dates of the planned questions' cards as saved so far, and the soonest of
        #: the rest (only a planned question's card changes in a session: O(1) an answer).
        self._due: dict[str, datetime] = {}
        self._later: datetime | None = None

    @classmethod
    def over(cls, parts: Sequence[Part], store: ProgressStore, prompter: Prompter,
             config: SessionConfig = DEFAULT_CONFIG, *,
             clock: Callable[[], datetime] = utcnow,
             timer: Callable[[], float] = time.monotonic) -> Session:
        """One session over the banks of ``parts`` (each with its own settings)."""
        return cls(parts[0].bank, (), store, prompter, config, clock=clock, timer=timer,
                   parts=parts)

    def _origin(self, q: Question) -> tuple[Part, str, Scheduler]:
        """The bank a session's question came from, its id there, and its scheduler."""
        w = self._where.get(q.id) or Where(0, q.id)
        return self.parts[w.part], w.qid, self.schedulers[w.part]

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
        now = self.clock()
        if mode == "practice":
            chosen = practice_parts(self.questions, self._where, self.parts, self.store,
                                    self.schedulers, self.config, now, self.rng)
            if chosen or not self.config.missed_only:
                return _Planned(chosen, () if chosen else ("No questions match those filters.",))
            return _Planned([], (
                "Nothing to practise: you have not missed any of these questions"
                + (" in that time." if self.config.since else "."),))
        plan, cards = drill_parts(self.parts, self.store, self.config, now)
        self._later = plan.next_due
        questions = [self._by_origin.get((n, q.id), q) for n, q in plan.chosen]
        self._due = {sq.id: cards[n][q.id].due
                     for sq, (n, q) in zip(questions, plan.chosen, strict=True)
                     if q.id in cards[n]}
        if questions:
            return _Planned(questions)
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
        self.prompter.start(banks_title([p.bank for p in self.parts]), self.config.mode,
                            len(questions))
        sat = None
        if self.config.mode == "exam":  # the student moves about the paper, marked at the end
            sat = sit(self.prompter, questions, self.rng, self.timer, self.config.time_limit,
                      lambda o, ms, hinted, replaces: self._record(
                          _Answered(o, None, ms, hinted), corrects=replaces).review.id)
            outcomes, interrupted = sat.marked(), sat.interrupted
        else:
            outcomes, interrupted = self._ask_all(list(questions))
        try:  # fold this session's answers into the card file (they are safe already)
            with stops_deferred():
                self.store.flush()
        except KeyboardInterrupt:
            interrupted = True
        summary = self._summary(outcomes, len(questions), interrupted=interrupted)
        answered = {o.asked.question.id for o in outcomes}
        summary = replace(summary, unanswered=tuple(
            q for q in questions if q.id not in answered))
        if sat is not None:
            summary = replace(summary, paper=sat.questions, flagged=sat.flagged,
                              timed_out=sat.paper.timed_out)
        self.prompter.finish(summary)
        return summary

    def _ask_all(self, queue: list[Question]) -> tuple[list[Outcome], bool]:
        """Ask the queue in turn; a missed question is put back ``RELEARN_GAP`` questions
        later (or at the end) while learning steps are on.  Every answer, and whether the
        student stopped."""
        outcomes: list[Outcome] = []
        asks: dict[str, int] = defaultdict(int)
        n = 0
        while n < len(queue):
            q = queue[n]
            n += 1
            asks[q.id] += 1
            asked = Asked(q, n, len(queue), TYPES[q.type].display_choices(q, self.rng),
                          attempt=asks[q.id])
            try:
                answered = self._ask(asked)
            except EOFError:
                # Input that ends once every planned question is answered (a script
                # written for the plan) ends the session; it has not been cut short.
                return outcomes, asked.attempt == 1 or not all_first_asked(outcomes, queue)
            except KeyboardInterrupt:
                return outcomes, True
            outcome, interrupted = self._settle(answered)
            outcomes.append(outcome)
            if interrupted:
                return outcomes, True
            if self._relearns(outcome, asks[q.id]):
                queue.insert(min(n + RELEARN_GAP, len(queue)), q)
        return outcomes, False

    def _relearns(self, outcome: Outcome, asked_times: int) -> bool:
        return (self.config.relearn and self.config.mode != "exam"
                and not outcome.mark.correct and asked_times < RELEARN_ASKS)

    def _settle(self, answered: _Answered) -> tuple[Outcome, bool]:
        """Save an answer, show its feedback, take "I was right"; the final outcome, and
        whether the student stopped."""
        outcome = answered.outcome
        interrupted = False
        try:
            with stops_deferred():
                saved = self._record(answered)
        except KeyboardInterrupt:  # held until the save was done
            return outcome, True
        try:
            claim = self.prompter.feedback(outcome)
        except (KeyboardInterrupt, EOFError):
            return outcome, True
        if claim and outcome.can_override:
            outcome = outcome.overridden()
            try:
                with stops_deferred():
                    self._correct(saved, answered)
            except KeyboardInterrupt:
                interrupted = True
        return outcome, interrupted

    def _ask(self, asked: Asked) -> _Answered:
        q = asked.question
        start = self.timer()
        answer = self.prompter.ask(asked)
        elapsed_ms = max(0, round((self.timer() - start) * 1000))
        hinted = self.prompter.used_hint(asked)
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
            self.config.mode != "exam" and q.type in OVERRIDABLE
            and result.verdict != "correct" and typed_something(answer)
        )
        outcome = Outcome(asked, text, result, can_override, hinted=hinted)
        return _Answered(outcome, self_rating, elapsed_ms, hinted)

    # -- recording ------------------------------------------------------------------
    def _record(self, answered: _Answered, corrects: str | None = None) -> _Saved:
        """Save one answer (replacing the review ``corrects``: an exam answer changed); a
        drill's rating and card are decided from the card on disk."""
        outcome = answered.outcome
        part, qid, scheduler = self._origin(outcome.asked.question)
        bank = part.bank.id
        now = self.clock()
        review = Review(
            id=new_review_id(),
            bank=bank,
            question=qid,
            kind=self.config.mode,
            at=now,
            answer=outcome.answer_text,
            verdict=outcome.mark.verdict,
            score=outcome.mark.score,
            rating=None,
            duration_ms=answered.elapsed_ms,
            hint=answered.hinted,
            corrects=corrects,
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
            if answered.hinted and rating > Rating.HARD:
                rating = Rating.HARD  # an answer found with the hint is at most Hard
            current = card or new_card(bank, qid, now)
            after = scheduler.review(current, rating, now, answered.elapsed_ms)
            return replace(review, rating=int(rating), card=after)

        stored = self.store.record_decided(bank, qid, decide)
        self._saw(outcome.asked.question, stored)
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
        part, qid, scheduler = self._origin(q)
        good = Rating.HARD if answered.hinted else Rating.GOOD

        def decide(card: CardState | None) -> Review:
            if card != original.card:
                return replace(correction, rating=int(good), card=None)
            start = saved.before or new_card(part.bank.id, qid, original.at)
            after = scheduler.review(start, good, original.at, answered.elapsed_ms)
            return replace(correction, rating=int(good), card=after)

        self._saw(q, self.store.record_decided(part.bank.id, qid, decide))

    def _saw(self, q: Question, stored: Review) -> None:
        if stored.card is not None:
            self._due[q.id] = stored.card.due

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
        counted = tally_banks([p.bank for p in self.parts], outcomes, lambda q: (
            (w.part, w.topic) if (w := self._where.get(q.id)) else (0, q.topic)))
        next_due = None
        if self.config.mode == "drill" and (outcomes or not notes):
            soonest = [*self._due.values(), *([self._later] if self._later else [])]
            next_due = min(soonest, default=None)
        return Summary(
            mode=self.config.mode,
            answered=len(counted.first),
            planned=planned,
            score=sum(o.mark.score for o in counted.first),
            topics=counted.topics,
            missed=counted.missed,
            recovered=counted.recovered,
            banks=counted.banks,
            outcomes=tuple(outcomes),
            interrupted=interrupted,
            next_due=next_due,
            saved_to=str(self.store.path),
            notes=notes,
            now=self.clock(),
            idle=idle,
        )
