"""Which questions a session asks, and in what order.  Pure functions over plain data.

- drill: due reviews first, most overdue first; then, with an exam date to come
  (:class:`ExamGoal`), every seen question predicted below the desired retention on
  the exam day, weakest first; then new questions up to what is left of the day's
  allowance of new ones; at most ``limit`` in all.
- practice: any questions, weakest first (lowest predicted recall), never rescheduled.
- exam: a random paper of ``count`` questions that can be marked without the
  student seeing an answer (so no recall questions).

New and exam questions are interleaved across topics and types, so a session
does not run through one topic, or one kind of question, in a block.
"""

from __future__ import annotations

import heapq
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from operator import itemgetter

from powerquiz.bank.model import Question
from powerquiz.bank.registry import TYPES
from powerquiz.scheduling import CardState
from powerquiz.stats.exam import exam_priorities


@dataclass(frozen=True)
class ExamGoal:
    """``drill --exam``: revise so that every seen question is remembered on ``day``."""

    day: date
    #: The student's time zone (the exam is at 9:00 local time that day).
    tz: tzinfo
    desired_retention: float = 0.9
    #: The bank's fitted FSRS parameters (None: the defaults).
    parameters: Sequence[float] | None = None

    def brought_forward(self, cards: Mapping[str, CardState], now: datetime) -> list[str]:
        """Question ids predicted below the goal on the day, weakest first; none after it."""
        if now.astimezone(self.tz).date() > self.day:
            return []
        return exam_priorities(cards, self.day, self.tz, self.desired_retention,
                               self.parameters)


@dataclass(frozen=True)
class DrillPlan:
    questions: tuple[Question, ...]
    due: int
    new: int
    #: New questions still waiting once the day's allowance is used.
    new_waiting: int
    #: When the soonest card not in this plan falls due (None: no scheduled card).
    next_due: datetime | None


def interleave(questions: Sequence[Question]) -> list[Question]:
    """Round-robin across topics, and within a topic across types, keeping bank order."""
    by_topic: dict[str, dict[str, list[Question]]] = defaultdict(lambda: defaultdict(list))
    for q in questions:
        by_topic[q.topic][q.type].append(q)
    per_topic = [_round_robin(list(types.values())) for types in by_topic.values()]
    return _round_robin(per_topic)


def _round_robin(groups: list[list[Question]]) -> list[Question]:
    out: list[Question] = []
    longest = max((len(g) for g in groups), default=0)
    for i in range(longest):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def plan_drill(
    questions: Sequence[Question],
    cards: Mapping[str, CardState],
    now: datetime,
    *,
    limit: int,
    new_allowance: int,
    exam: ExamGoal | None = None,
) -> DrillPlan:
    """Due cards (most overdue first), then up to ``new_allowance`` new questions.

    With ``exam``, the questions it brings forward come after the due ones (and count
    as due in the plan's figures).  One pass over the questions, and only the ``limit``
    most overdue are sorted: planning from 45,000 cards takes a fraction of a second.
    """
    seen: list[tuple[Question, datetime]] = []
    unseen: list[Question] = []
    for q in questions:
        card = cards.get(q.id)
        if card is None:
            unseen.append(q)
        else:
            seen.append((q, card.due))
    # nsmallest is sorted(...)[:limit], stable: the same order as a full sort.
    due = [q for q, _ in heapq.nsmallest(limit, (s for s in seen if s[1] <= now),
                                         key=itemgetter(1))]
    if exam is not None and len(due) < limit:
        by_id = {q.id: q for q, _ in seen}
        taken = {q.id for q in due}
        due += [by_id[qid] for qid in exam.brought_forward(cards, now)
                if qid in by_id and qid not in taken][: limit - len(due)]
    room = max(0, min(limit - len(due), new_allowance))
    new = interleave(unseen)[:room] if room else []
    chosen = {q.id for q in due}
    later = (at for q, at in seen if q.id not in chosen)
    return DrillPlan(
        questions=tuple(due + new),
        due=len(due),
        new=len(new),
        new_waiting=len(unseen) - len(new),
        next_due=min(later, default=None),
    )


def plan_practice(
    questions: Sequence[Question],
    recall: Callable[[Question], float | None],
    *,
    limit: int,
    rng: random.Random,
) -> list[Question]:
    """Weakest first: lowest predicted recall; questions never drilled count as 0.5.

    Ties (e.g. all new) are broken randomly but interleaved by topic and type.
    """
    mixed = interleave(rng.sample(list(questions), len(questions)))
    rank = {q.id: n for n, q in enumerate(mixed)}

    def weakness(q: Question) -> tuple[float, int]:
        r = recall(q)
        return (0.5 if r is None else r, rank[q.id])

    return sorted(questions, key=weakness)[:limit]


def plan_exam(questions: Sequence[Question], *, count: int, rng: random.Random) -> list[Question]:
    """A random paper of up to ``count`` questions, mixed across topics and types."""
    markable = [q for q in questions if not TYPES[q.type].self_rated]
    picked = rng.sample(markable, min(count, len(markable)))
    return interleave(picked)


def new_today(first_seen: Iterable[datetime], now: datetime) -> int:
    """How many questions were met for the first time on ``now``'s local calendar day."""
    today = now.astimezone().date()
    # A local day lasts under 26 hours: only a time within that of now can share its
    # date, so the (slow) conversion to local time is made for those alone.
    near = timedelta(hours=26)
    return sum(1 for at in first_seen
               if abs(at - now) < near and at.astimezone().date() == today)
