"""The figures of ``powerquiz stats``, as one plain JSON-ready object (see docs/stats.md).

:func:`build_report` takes plain data (the bank, the review log, the cards, the time and
the student's time zone) and returns plain data; the terminal and HTML views only render it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from powerquiz.bank.model import Bank, Question
from powerquiz.marking.normalize import fold
from powerquiz.progress import Review
from powerquiz.scheduling import CardState, utc
from powerquiz.stats.days import calendar_start, local_date, streak
from powerquiz.stats.exam import exam_figures
from powerquiz.stats.history import MATURITIES, PERIODS, History, Tally, read_history
from powerquiz.stats.memory import Memory

__all__ = ["GONE", "TROUBLE_LAPSES", "Report", "StatsInput", "build_report", "wrong_feedback"]

Report = dict[str, Any]

#: The row that counts questions reviewed once but gone from the bank since.
GONE = "(no longer in the bank)"
#: A question with this many lapses or more is trouble.
TROUBLE_LAPSES = 3
#: ... as is one right under half the time over at least this many answers.
TROUBLE_MIN_REVIEWS = 3
FORECAST_DAYS = 30
#: How many of the student's wrong answers a trouble question shows.
TOP_WRONG = 3


@dataclass(frozen=True)
class StatsInput:
    """Everything the figures are computed from."""

    bank: Bank
    reviews: Sequence[Review]
    cards: Mapping[str, CardState]
    now: datetime
    tz: tzinfo
    desired_retention: float = 0.9
    topics: Sequence[str] | None = None
    exam: date | None = None
    parameters: Sequence[float] | None = None


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 places, or None when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


def build_report(inp: StatsInput) -> Report:
    """Compute every figure of ``powerquiz stats`` (see docs/stats.md for each key)."""
    now = utc(inp.now, "now")
    today = local_date(now, inp.tz)
    chosen = [q for q in inp.bank.questions if inp.topics is None or q.topic in inp.topics]
    chosen_ids = {q.id for q in chosen}
    bank_ids = {q.id for q in inp.bank.questions}

    def keep(qid: str) -> bool:
        return qid in chosen_ids or (inp.topics is None and qid not in bank_ids)

    history = read_history(inp.reviews, today, inp.tz, keep)
    memory = Memory(inp.parameters, inp.desired_retention)
    recall = {q.id: memory.recall(inp.cards.get(q.id), now) for q in chosen}
    gone = sorted(q for q in history.tallies if q not in bank_ids)
    report: Report = {
        "bank": inp.bank.id,
        "generated": now.astimezone(inp.tz).isoformat(timespec="seconds"),
        "overview": _overview(inp, chosen, history, now, today),
        "topics": _topics(inp, chosen, history, recall, gone, memory),
        "points": _points(inp, chosen, history, recall),
        "retention": _retention(history),
        "desired_retention": inp.desired_retention,
        "forecast": _forecast(inp, chosen_ids, today),
        "calendar": _calendar(history, today),
        "trouble": _trouble(inp, sorted(chosen_ids) + gone, history),
    }
    if inp.exam is not None:
        report["exam"] = exam_figures(
            inp.bank, chosen, inp.cards, memory, now, inp.tz, inp.exam, inp.desired_retention
        )
    return report


def _overview(
    inp: StatsInput, chosen: list[Question], history: History, now: datetime, today: date
) -> dict[str, int]:
    tomorrow = today + timedelta(days=1)
    cards = [c for c in (inp.cards.get(q.id) for q in chosen) if c is not None]
    week = sum(history.per_day[today - timedelta(days=n)] for n in range(7))
    return {
        "questions": len(chosen),
        "seen": sum(1 for q in chosen if q.id in history.tallies),
        "due_now": sum(1 for c in cards if c.due <= now),
        "due_tomorrow": sum(1 for c in cards if local_date(c.due, inp.tz) == tomorrow),
        "reviews_today": history.per_day[today],
        "reviews_7d": week,
        "reviews": history.reviews,
        "time_ms": history.time_ms,
        "streak_days": streak(history.per_day, today),
    }


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _group(
    ids: Sequence[str], history: History, recall: Mapping[str, float]
) -> dict[str, Any]:
    tallies = [history.tallies.get(q, Tally()) for q in ids]
    return {
        "questions": len(ids),
        "seen": sum(1 for q in ids if q in history.tallies),
        "mastery": _mean([recall[q] for q in ids]),
        "accuracy_30d": rate(
            sum(t.right_30d for t in tallies), sum(t.answers_30d for t in tallies)
        ),
    }


def _topics(
    inp: StatsInput,
    chosen: list[Question],
    history: History,
    recall: Mapping[str, float],
    gone: list[str],
    memory: Memory,
) -> list[dict[str, Any]]:
    rows = []
    for topic in inp.bank.topics:
        if inp.topics is not None and topic.id not in inp.topics:
            continue
        ids = [q.id for q in chosen if q.topic == topic.id]
        rows.append({"id": topic.id, **_group(ids, history, recall)})
    if gone:
        gone_recall = {q: memory.recall(inp.cards.get(q), utc(inp.now)) for q in gone}
        rows.append({"id": GONE, **_group(gone, history, gone_recall)})
    return rows


def _points(
    inp: StatsInput, chosen: list[Question], history: History, recall: Mapping[str, float]
) -> list[dict[str, Any]]:
    rows = []
    for point in inp.bank.points:
        if inp.topics is not None and point.topic not in inp.topics:
            continue
        ids = [q.id for q in chosen if point.id in q.points]
        group = _group(ids, history, recall)
        del group["accuracy_30d"]
        rows.append({"id": point.id, "topic": point.topic, **group})
    return rows


def _retention(history: History) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for maturity in MATURITIES:
        out[maturity] = {}
        for period in PERIODS:
            passed, failed = history.retention[maturity][period]
            out[maturity][period] = {
                "pass": passed, "fail": failed, "rate": rate(passed, passed + failed)
            }
    return out


def _forecast(inp: StatsInput, chosen_ids: set[str], today: date) -> list[dict[str, Any]]:
    counts = [0] * FORECAST_DAYS
    for qid in chosen_ids:
        card = inp.cards.get(qid)
        if card is None:
            continue
        offset = max(0, (local_date(card.due, inp.tz) - today).days)
        if offset < FORECAST_DAYS:
            counts[offset] += 1
    return [
        {"date": (today + timedelta(days=n)).isoformat(), "due": counts[n]}
        for n in range(FORECAST_DAYS)
    ]


def _calendar(history: History, today: date) -> list[dict[str, Any]]:
    start = calendar_start(today)
    return [
        {"date": day.isoformat(), "reviews": n}
        for day, n in sorted(history.per_day.items())
        if start <= day <= today
    ]


def _trouble(inp: StatsInput, ids: Sequence[str], history: History) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for qid in ids:
        tally = history.tallies.get(qid)
        if tally is None:
            continue
        card = inp.cards.get(qid)
        lapses = card.lapses if card is not None else 0
        accuracy = tally.right / tally.reviews
        poor = tally.reviews >= TROUBLE_MIN_REVIEWS and accuracy < 0.5
        if lapses < TROUBLE_LAPSES and not poor:
            continue
        common = sorted(tally.wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WRONG]
        rows.append({
            "question": qid,
            "lapses": lapses,
            "reviews": tally.reviews,
            "accuracy": round(accuracy, 4),
            "wrong_answers": [{"answer": a, "count": n} for a, n in common],
        })
    rows.sort(key=lambda r: (r["accuracy"], -r["lapses"], r["question"]))
    return rows


def wrong_feedback(bank: Bank, question_id: str, answer: str) -> str | None:
    """The bank's ``wrong:`` feedback for this wrong answer to the question, if it has one."""
    question = bank.question(question_id)
    if question is None:
        return None
    folded = fold(answer)
    for wrong in question.wrong:
        if wrong.feedback and fold(wrong.text) == folded:
            return wrong.feedback
    return None
