"""The terminal view of ``powerquiz stats``: the report as plain lines of text.

Every figure is in the words and numbers themselves (bars are block characters and the
calendar uses shades with a legend), so nothing is lost without colour; the command only
adds bold headings when the terminal has colour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from powerquiz.bank.model import Bank
from powerquiz.bank.wording import one_line, visible
from powerquiz.stats import GONE, Report, wrong_feedback
from powerquiz.stats.days import CALENDAR_WEEKS, calendar_start

__all__ = ["SHADES", "Section", "sections"]

Section = tuple[str, list[str]]
BAR = 20
#: Calendar shades, from no review to the most, and the least reviews each one means.
SHADES = (("·", 0), ("░", 1), ("▒", 3), ("▓", 6), ("█", 10))
NO_REVIEWS = "No reviews yet: answer some questions with `powerquiz drill` first."


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _bar(fraction: float | None, width: int = BAR) -> str:
    filled = round((fraction or 0.0) * width)
    return "█" * filled + "░" * (width - filled)


def _text(value: str, width: int = 0) -> str:
    shown = one_line(visible(value))
    if width and len(shown) > width:
        shown = shown[: width - 1] + "…"
    return shown


def _duration(ms: int) -> str:
    minutes = round(ms / 60000)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _overview(report: Report, bank: Bank) -> Section:
    o = report["overview"]
    lines = [
        f"Questions seen   {o['seen']} of {o['questions']}",
        f"Due now          {o['due_now']}",
        f"Due tomorrow     {o['due_tomorrow']}",
        f"Reviews          today {o['reviews_today']} · last 7 days {o['reviews_7d']}"
        f" · all time {o['reviews']}",
        f"Time spent       {_duration(o['time_ms'])}",
        f"Streak           {_plural(o['streak_days'], 'day')}",
    ]
    if not o["reviews"]:
        lines.append(NO_REVIEWS)
    return f"Overview: {_text(bank.title)} ({bank.id})", lines


def _topics(report: Report) -> Section:
    title = "Mastery by topic (recall now · questions seen · right in the last 30 days)"
    if not report["overview"]["reviews"]:
        return title, [NO_REVIEWS]
    topics = report["topics"]
    names = ["no longer in the bank" if t["id"] == GONE else _text(t["id"]) for t in topics]
    width = max([len(n) for n in names] + [5])
    lines = []
    for name, t in zip(names, report["topics"], strict=True):
        lines.append(
            f"{name:<{width}}  {_bar(t['mastery'])} {_pct(t['mastery']):>4}  "
            f"{t['seen']}/{t['questions']} seen  {_pct(t['accuracy_30d'])} right"
        )
    return title, lines or ["This bank has no topics."]


def _points(report: Report, bank: Bank) -> Section:
    title = "Mastery by learning point (recall now · questions seen)"
    if not report["points"]:
        return title, ["This bank lists no learning points."]
    if not report["overview"]["reviews"]:
        return title, [NO_REVIEWS]
    lines = []
    for p in report["points"]:
        point = bank.point(p["id"])
        text = _text(point.text, 60) if point is not None else ""
        lines.append(
            f"{_pct(p['mastery']):>4}  {p['seen']}/{p['questions']} seen  "
            f"{_text(p['id'])}: {text}"
        )
    return title, lines


def _retention(report: Report) -> Section:
    title = f"True retention (desired {_pct(report['desired_retention'])})"
    if not report["retention"]["all"]["ever"]["pass"] + report["retention"]["all"]["ever"]["fail"]:
        return title, ["No reviews of questions already learnt yet, so no retention to show."]
    names = {"today": "Today", "yesterday": "Yesterday", "week": "Last 7 days",
             "month": "Last 30 days", "year": "Last 365 days", "ever": "All time"}
    lines = [f"{'':<14}{'young':>16}{'mature':>16}{'all':>16}"]
    for period, name in names.items():
        cells = []
        for maturity in ("young", "mature", "all"):
            cell = report["retention"][maturity][period]
            n = cell["pass"] + cell["fail"]
            cells.append(f"{_pct(cell['rate'])} of {n}" if n else "—")
        lines.append(f"{name:<14}" + "".join(f"{c:>16}" for c in cells))
    lines.append("young: scheduled under 21 days; mature: 21 days or more.")
    return title, lines


def _forecast(report: Report) -> Section:
    title = "Forecast (questions due each day, next 30 days; today includes overdue)"
    rows = report["forecast"]
    if not any(r["due"] for r in rows):
        return title, ["Nothing due in the next 30 days."]
    top = max(r["due"] for r in rows)
    lines = []
    for r in rows:
        day = date.fromisoformat(r["date"])
        bar = "█" * round(r["due"] / top * BAR)
        lines.append(f"{day:%a %d %b}  {bar:<{BAR}} {r['due']}")
    return title, lines


def _shade(n: int) -> str:
    return [s for s, least in SHADES if n >= least][-1]


def _calendar(report: Report, today: date) -> Section:
    title = f"Calendar (reviews per day, last {CALENDAR_WEEKS} weeks, a column a week)"
    if not report["calendar"]:
        return title, ["No reviews in the last year."]
    counts = {date.fromisoformat(c["date"]): c["reviews"] for c in report["calendar"]}
    start = calendar_start(today)
    months = [" "] * CALENDAR_WEEKS
    for week in range(CALENDAR_WEEKS):
        monday = start + timedelta(weeks=week)
        if monday.day <= 7 and week + 3 <= CALENDAR_WEEKS:
            months[week : week + 3] = f"{monday:%b}"
    lines = ["     " + "".join(months)]
    for weekday in range(7):
        row = ""
        for week in range(CALENDAR_WEEKS):
            day = start + timedelta(weeks=week, days=weekday)
            row += " " if day > today else _shade(counts.get(day, 0))
        lines.append(f"{(start + timedelta(days=weekday)):%a}  {row}")
    legend = "  ".join(
        f"{s} {'none' if least == 0 else f'{least}+'}" for s, least in SHADES
    )
    lines.append(f"Legend: {legend}  (reviews a day)")
    return title, lines


def _trouble(report: Report, bank: Bank) -> Section:
    title = "Trouble questions (3 or more lapses, or under 50% right over 3 or more answers)"
    if not report["overview"]["reviews"]:
        return title, [NO_REVIEWS]
    if not report["trouble"]:
        return title, ["None: no question is giving you trouble."]
    lines = []
    for t in report["trouble"]:
        gone = "" if bank.question(t["question"]) else " (no longer in the bank)"
        lines.append(
            f"{_text(t['question'])}{gone}: {_plural(t['lapses'], 'lapse')}, "
            f"{_pct(t['accuracy'])} right over {_plural(t['reviews'], 'answer')}"
        )
        for w in t["wrong_answers"]:
            feedback = wrong_feedback(bank, t["question"], w["answer"])
            note = f" — {_text(feedback)}" if feedback else ""
            lines.append(f"    you answered “{_text(w['answer'], 50)}” ×{w['count']}{note}")
    return title, lines


def _exam(report: Report) -> Section:
    exam: dict[str, Any] = report["exam"]
    title = f"Exam on {exam['date']} (predicted recall if you revise no more)"
    lines = []
    width = max([len(_text(t["id"])) for t in exam["topics"]] + [5])
    for t in exam["topics"]:
        lines.append(f"{_text(t['id']):<{width}}  {_bar(t['recall'])} {_pct(t['recall']):>4}")
    for p in exam["points"]:
        lines.append(f"  point {_text(p['id'])}: {_pct(p['recall'])}")
    lines.append(
        f"To reach {_pct(report['desired_retention'])} in every topic by then: "
        f"about {_plural(exam['reviews_per_day'], 'review')} a day from now."
    )
    return title, lines


def sections(report: Report, bank: Bank, today: date) -> list[Section]:
    """Every section of the terminal view, as (heading, lines)."""
    makers: list[Callable[[], Section]] = [
        lambda: _overview(report, bank),
        lambda: _topics(report),
        lambda: _points(report, bank),
        lambda: _retention(report),
        lambda: _forecast(report),
        lambda: _calendar(report, today),
        lambda: _trouble(report, bank),
    ]
    if "exam" in report:
        makers.append(lambda: _exam(report))
    return [make() for make in makers]
