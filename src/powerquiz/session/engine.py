"""The session engine: asks, marks, records and schedules, one answer at a time.

It talks to the student only through a :class:`~powerquiz.session.prompter.Prompter`
and to the disk only through a :class:`~powerquiz.progress.ProgressStore`, so the
same engine runs the terminal UI, the plain line mode and scripted tests.

Every answer is saved the moment it is marked (a drill answer after the student
has had the chance to say "I was right").  Ctrl-C or end of input at any prompt
ends the session: what was answered is already on disk, and the summary says so.
"""

from __future__ import annotations

import random
import signal
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from powerquiz.bank.model import Bank, Question
from powerquiz.marking import Mark, mark
from powerquiz.progress import ProgressStore, Review
from powerquiz.scheduling import (
    QUICK_MS,
    CardState,
    Rating,
    Scheduler,
    new_card,
    rating_for,
)
from powerquiz.session.plan import new_today, plan_drill, plan_exam, plan_practice
from powerquiz.session.prompter import (
    Asked,
    Mode,
    Outcome,
    Prompter,
    SelfRating,
    Summary,
    TopicScore,
    answer_text,
)
from powerquiz.session.timefmt import when


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
        self.scheduler = Scheduler(config.desired_retention, enable_fuzzing=config.fuzz)
        #: The card states as this session last saw them.
        self._cards: dict[str, CardState] = {}

    # -- planning -------------------------------------------------------------------
    def plan(self) -> tuple[list[Question], list[str]]:
        """The questions to ask, and notices for the student when there are none.

        Raises ProgressError (before anything is asked) when the progress file is
        unreadable.
        """
        mode = self.config.mode
        if mode == "exam":
            paper = plan_exam(self.questions, count=self.config.count, rng=self.rng)
            return paper, ([] if paper else ["No questions match: an exam needs questions "
                                             "that can be marked (recall ones cannot)."])
        cards = self._cards = self.store.cards(self.bank.id)
        now = self.clock()
        if mode == "practice":
            def recall(q: Question) -> float | None:
                card = cards.get(q.id)
                if card is None or card.last_review is None:
                    return None
                return self.scheduler.retrievability(card, now)

            chosen = plan_practice(self.questions, recall, limit=self.config.limit,
                                   rng=self.rng)
            return chosen, ([] if chosen else ["No questions match those filters."])
        first_seen = [c.first_review for c in cards.values() if c.first_review is not None]
        allowance = self.config.new_per_day - new_today(first_seen, now)
        plan = plan_drill(self.questions, cards, now, limit=self.config.limit,
                          new_allowance=allowance)
        if plan.questions:
            return list(plan.questions), []
        notes = ["Nothing is due right now."]
        if plan.next_due is not None:
            notes.append(f"Your next review is due {when(plan.next_due, now)}.")
        if plan.new_waiting and self.config.new_per_day <= 0:
            notes.append(f"New questions are turned off (--new 0); {plan.new_waiting} "
                         "are waiting.")
        elif plan.new_waiting:
            notes.append(f"You have met {self.config.new_per_day} new questions today; "
                         f"{plan.new_waiting} more are waiting for tomorrow "
                         "(or raise the limit with --new).")
        notes.append("To revise anyway without changing your schedule, run: powerquiz practice")
        return [], notes

    # -- running --------------------------------------------------------------------
    def run(self) -> Summary:
        questions, notes = self.plan()
        mode = self.config.mode
        if not questions:
            for note in notes:
                self.prompter.notice(note)
            return self._summary([], 0, interrupted=False, notes=tuple(notes))
        self.prompter.start(self.bank.title, mode, len(questions))
        outcomes: list[Outcome] = []
        interrupted = False
        for n, q in enumerate(questions, 1):
            asked = Asked(q, n, len(questions), self._display_choices(q))
            try:
                outcome, self_rating, elapsed_ms = self._ask(asked)
            except (KeyboardInterrupt, EOFError):
                interrupted = True
                break
            override = False
            if mode != "exam":
                try:
                    override = self.prompter.feedback(outcome) and outcome.can_override
                except (KeyboardInterrupt, EOFError):
                    interrupted = True
            try:
                with _sigint_deferred():
                    outcome = self._record(outcome, override, self_rating, elapsed_ms)
            except KeyboardInterrupt:
                interrupted = True
            outcomes.append(outcome)
            if interrupted:
                break
        summary = self._summary(outcomes, len(questions), interrupted=interrupted)
        self.prompter.finish(summary)
        return summary

    def _ask(self, asked: Asked) -> tuple[Outcome, SelfRating | None, int]:
        q = asked.question
        start = self.timer()
        answer = self.prompter.ask(asked)
        elapsed_ms = max(0, round((self.timer() - start) * 1000))
        self_rating: SelfRating | None = None
        if q.type == "recall":
            attempt = answer_text(answer)
            self_rating = self.prompter.rate_recall(asked, attempt)
            result = mark(q, self_rating)
            text = f"{attempt} (self-rated: {self_rating})" if attempt else \
                f"(self-rated: {self_rating})"
        else:
            result = mark(q, answer)
            text = answer_text(answer)
        can_override = (
            self.config.mode != "exam" and q.type != "recall" and result.verdict != "correct"
        )
        return Outcome(asked, text, result, can_override), self_rating, elapsed_ms

    def _record(
        self,
        outcome: Outcome,
        override: bool,
        self_rating: SelfRating | None,
        elapsed_ms: int,
    ) -> Outcome:
        q = outcome.asked.question
        now = self.clock()
        mode = self.config.mode
        review = Review(
            id=uuid.uuid4().hex,
            bank=self.bank.id,
            question=q.id,
            kind=mode,
            at=now,
            answer=outcome.answer_text,
            verdict=outcome.mark.verdict,
            score=outcome.mark.score,
            rating=None,
            override=override,
            duration_ms=elapsed_ms,
        )
        if mode != "drill":
            self.store.record(review)
        else:
            known = self._cards.get(q.id)
            rating = rating_for(
                outcome.mark.verdict,
                override=override,
                quick=elapsed_ms < QUICK_MS,
                in_review=known is not None and known.in_review,
                self_rating=Rating[self_rating.upper()] if self_rating else None,
            )

            def reschedule(card: CardState | None) -> CardState:
                current = card or new_card(self.bank.id, q.id, now)
                return self.scheduler.review(current, rating, now, elapsed_ms)

            stored = self.store.record(replace(review, rating=int(rating)),
                                       reschedule=reschedule)
            if stored.card is not None:
                self._cards[q.id] = stored.card
        if override:
            return Outcome(outcome.asked, outcome.answer_text, _overridden(outcome), False)
        return outcome

    def _display_choices(self, q: Question) -> tuple[str, ...]:
        """The order to show options, items or right-hand sides in."""
        if q.type in ("choice", "multi"):
            options = list(q.options)
            if q.shuffle:
                self.rng.shuffle(options)
            return tuple(options)
        if q.type == "order":
            items = list(q.items)
            for _ in range(10):  # never hand the answer over already in order
                self.rng.shuffle(items)
                if items != list(q.items):
                    break
            return tuple(items)
        if q.type == "match":
            rights = list(dict.fromkeys(r for _, r in q.pairs))
            self.rng.shuffle(rights)
            return tuple(rights)
        return ()

    # -- the end ----------------------------------------------------------------------
    def _summary(
        self,
        outcomes: list[Outcome],
        planned: int,
        *,
        interrupted: bool,
        notes: tuple[str, ...] = (),
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
            cards = self.store.cards(self.bank.id)
            ids = {q.id for q in self.questions}
            next_due = min((c.due for qid, c in cards.items() if qid in ids), default=None)
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
        )


def _overridden(outcome: Outcome) -> Mark:
    m = outcome.mark
    return replace(m, verdict="correct", score=1.0,
                   feedback=(*m.feedback, "counted as correct: you said you were right"))


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold a Ctrl-C until the block is done, so a save is never cut in half."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt

