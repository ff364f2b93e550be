"""One session over several banks: which bank each question comes from, and the merged
plans.  Pure functions over plain data.

A session over several banks (``powerquiz drill --bank a.yaml --bank b.yaml``) asks
their questions as one queue, yet every answer is recorded under its own bank's id and
scheduled with its own bank's settings.  Question ids may repeat across banks, so the
session gives each question of a several-bank session an id of its own
(:func:`session_questions`) and keeps where it came from; nothing outside the session
ever sees those ids (the store is given the bank's and the question's own).

- drill (:func:`merge_drill`): each bank is planned as a one-bank drill is (with its own
  allowance of new questions and its own exam goal); the due reviews of all of them are
  merged most overdue first, then the questions brought forward for an exam, then the
  new ones, round-robin across the banks; at most ``limit`` in all.
- practice and exam plan the session's questions together, as for one bank.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import itemgetter
from typing import TYPE_CHECKING

from powerquiz.bank.model import Bank, Question
from powerquiz.scheduling import CardState
from powerquiz.session.plan import DrillPlan

if TYPE_CHECKING:
    from powerquiz.session.config import SessionConfig

__all__ = ["MergedPlan", "Part", "Where", "banks_title", "merge_drill", "session_questions",
           "topic_labels"]


@dataclass(frozen=True)
class Part:
    """One bank of a session: its questions (as the bank has them) and its own settings
    (retention, fitted parameters, exam goal, new questions a day)."""

    bank: Bank
    questions: tuple[Question, ...]
    #: This bank's settings; None: the session's own.
    config: SessionConfig | None = None


@dataclass(frozen=True)
class Where:
    """Where a session's question came from: its bank (by place in the session), and its
    id and topic in that bank."""

    part: int
    qid: str
    topic: str = ""


@dataclass(frozen=True)
class MergedPlan:
    #: (bank's place in the session, question as its bank has it), in the order asked.
    chosen: tuple[tuple[int, Question], ...]
    #: When the soonest card not in this plan falls due (None: no scheduled card).
    next_due: datetime | None
    #: New questions still waiting once the allowances (or the limit) are used.
    new_waiting: int
    due: int = 0
    new: int = 0
    per_bank: tuple[int, ...] = field(default=())


def session_questions(parts: Sequence[Part]) -> tuple[list[Question], dict[str, Where]]:
    """The session's questions, each with an id unique in the session (and its topic
    named with its bank when two banks have that topic id, as the summary names it),
    and where each came from.  One bank keeps its questions as they are (and an empty
    map)."""
    if len(parts) == 1:
        return list(parts[0].questions), {}
    labels = topic_labels([p.bank for p in parts])
    out: list[Question] = []
    where: dict[str, Where] = {}
    for n, part in enumerate(parts):
        for q in part.questions:
            sid = f"{n}:{q.id}"  # a number then ':' : never the same for two banks
            where[sid] = Where(n, q.id, q.topic)
            out.append(replace(q, id=sid, topic=labels[n].get(q.topic, q.topic)))
    return out, where


def banks_title(banks: Sequence[Bank]) -> str:
    """``Tudors`` for one bank, ``2 banks: Stalin's rise, Tudors`` for several."""
    if len(banks) == 1:
        return banks[0].title
    return f"{len(banks)} banks: {', '.join(b.title for b in banks)}"


def topic_labels(banks: Sequence[Bank]) -> list[dict[str, str]]:
    """Per bank, each topic id -> how the summary names it: the id, and the bank's title
    after it when another bank of the session has a topic of the same id."""
    counts = Counter(t.id for b in banks for t in b.topics)
    return [{t.id: t.id if counts[t.id] == 1 or len(banks) == 1 else f"{t.id} ({b.title})"
             for t in b.topics} for b in banks]


def merge_drill(
    plans: Sequence[tuple[DrillPlan, Mapping[str, CardState]]],
    now: datetime,
    *,
    limit: int,
) -> MergedPlan:
    """Merge each bank's own drill plan (made with ``limit`` and its own allowance of new
    questions) with the cards it was made from: due reviews first, most overdue first
    whichever bank they are in (ties in bank order); then the questions brought forward
    for an exam and then the new ones, round-robin across the banks; ``limit`` in all."""
    dues: list[list[tuple[datetime, int, Question]]] = []
    ahead: list[list[tuple[int, Question]]] = []
    new: list[list[tuple[int, Question]]] = []
    for n, (plan, cards) in enumerate(plans):
        d, f, w = [], [], []
        for q in plan.questions:
            card = cards.get(q.id)
            if card is None:
                w.append((n, q))
            elif card.due <= now:
                d.append((card.due, n, q))
            else:
                f.append((n, q))
        dues.append(d)
        ahead.append(f)
        new.append(w)
    due = [(n, q) for _, n, q in heapq.merge(*dues, key=itemgetter(0))]
    fresh = _round_robin(new)
    ordered = due + _round_robin(ahead) + fresh
    chosen, dropped = ordered[:limit], ordered[limit:]
    later = [plans[n][1][q.id].due for n, q in dropped if q.id in plans[n][1]]
    soonest = [p.next_due for p, _ in plans if p.next_due is not None]
    kept_new = sum(1 for n, q in chosen if q.id not in plans[n][1])
    return MergedPlan(
        chosen=tuple(chosen),
        next_due=min([*soonest, *later], default=None),
        new_waiting=sum(p.new_waiting for p, _ in plans) + len(fresh) - kept_new,
        due=len(chosen) - kept_new,
        new=kept_new,
        per_bank=tuple(sum(1 for n, _ in chosen if n == i) for i in range(len(plans))),
    )


def _round_robin(groups: list[list[tuple[int, Question]]]) -> list[tuple[int, Question]]:
    out: list[tuple[int, Question]] = []
    longest = max((len(g) for g in groups), default=0)
    for i in range(longest):
        out.extend(g[i] for g in groups if i < len(g))
    return out
