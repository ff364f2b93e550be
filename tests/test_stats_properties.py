"""Property tests: on any random history every figure of ``powerquiz stats`` stays in range."""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank import Bank, load_bank
from powerquiz.stats import StatsInput, build_report
from powerquiz.stats.history import MATURITIES, PERIODS
from test_stats_support import NOW, Log

MINI: Bank = load_bank(Path(__file__).resolve().parent / "data" / "mini.yaml")
QUESTIONS = [q.id for q in MINI.questions] + ["gone-a", "gone-b"]
ZONES = [timezone.utc, ZoneInfo("Pacific/Auckland"), ZoneInfo("America/Los_Angeles"),
         ZoneInfo("Asia/Kolkata")]

answers = st.lists(
    st.tuples(
        st.sampled_from(QUESTIONS),
        st.integers(min_value=-3 * 24 * 60, max_value=400 * 24 * 60),  # minutes before NOW
        st.sampled_from(["drill", "practice", "exam"]),
        st.integers(min_value=1, max_value=4),
        st.integers(min_value=0, max_value=120_000),
    ),
    max_size=60,
)


def build(entries: list[tuple[str, int, str, int, int]]) -> Log:
    """A log from random answers, oldest first, with FSRS's cards for the drills."""
    log = Log()
    for question, minutes, kind, rating, duration in sorted(entries, key=lambda e: -e[1]):
        at = NOW - timedelta(minutes=minutes)
        if kind == "drill":
            log.drill(question, at, rating, answer=f"a{rating}", duration_ms=duration)
        else:
            log.other(question, at, verdict="wrong" if rating == 1 else "correct",
                      kind=kind, duration_ms=duration, answer=f"a{rating}")
    return log


def fraction(value: object) -> bool:
    """A rate is null or a number from 0 to 1."""
    return value is None or (isinstance(value, float | int) and 0 <= value <= 1)


@given(answers, st.sampled_from(ZONES), st.booleans())
def test_figures_stay_in_range(entries: list[tuple[str, int, str, int, int]],
                               tz: timezone, exam: bool) -> None:
    """Counts add up, every rate and recall is 0..1, and nothing crashes."""
    log = build(entries)
    report = build_report(StatsInput(
        bank=MINI, reviews=log.reviews, cards=log.cards, now=NOW, tz=tz,
        exam=NOW.date() + timedelta(days=20) if exam else None,
    ))
    o = report["overview"]
    assert o["reviews"] == len(entries)
    assert 0 <= o["seen"] <= o["questions"] == len(MINI.questions)
    assert 0 <= o["reviews_today"] <= o["reviews_7d"] <= o["reviews"]
    assert 0 <= o["due_now"] <= o["questions"] and 0 <= o["due_tomorrow"] <= o["questions"]
    assert o["time_ms"] == sum(e[4] for e in entries)
    assert 0 <= o["streak_days"] <= len({r["date"] for r in report["calendar"]}) + 1
    for row in report["topics"] + report["points"]:
        assert fraction(row["mastery"]) and fraction(row.get("accuracy_30d"))
        assert 0 <= row["seen"] <= row["questions"]
    r = report["retention"]
    for period in PERIODS:
        for maturity in MATURITIES:
            assert fraction(r[maturity][period]["rate"])
        for key in ("pass", "fail"):
            assert r["all"][period][key] == r["young"][period][key] + r["mature"][period][key]
    for m in MATURITIES:
        week, month, year, ever = (r[m][p]["pass"] + r[m][p]["fail"]
                                   for p in ("week", "month", "year", "ever"))
        today = r[m]["today"]["pass"] + r[m]["today"]["fail"]
        assert today <= week <= month <= year <= ever
    drills = sum(1 for e in entries if e[2] == "drill")
    assert r["all"]["ever"]["pass"] + r["all"]["ever"]["fail"] <= drills
    assert len(report["forecast"]) == 30
    assert sum(f["due"] for f in report["forecast"]) <= len(log.cards)
    assert sum(c["reviews"] for c in report["calendar"]) <= o["reviews"]
    for t in report["trouble"]:
        assert fraction(t["accuracy"]) and t["reviews"] >= 1
        assert sum(w["count"] for w in t["wrong_answers"]) <= t["reviews"]
    if exam:
        assert all(fraction(t["recall"]) for t in report["exam"]["topics"])
        assert all(fraction(p["recall"]) for p in report["exam"]["points"])
        assert report["exam"]["reviews_per_day"] >= 0
