"""Each figure of ``powerquiz stats`` against an independent count on a constructed history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import fsrs
import pytest

from powerquiz.bank import Bank
from powerquiz.scheduling import LEARNING, CardState, card_id_for
from powerquiz.stats import GONE, Report, StatsInput, build_report, wrong_feedback
from powerquiz.stats.days import calendar_start, local_date, streak
from powerquiz.stats.exam import exam_instant
from test_stats_support import NOW, Log, review_card

UTC = timezone.utc
DAY = timedelta(days=1)


def report(bank: Bank, log: Log, **kw: object) -> Report:
    """The report for ``log`` at NOW (UTC unless ``tz`` is given)."""
    args: dict[str, object] = {"now": NOW, "tz": UTC, **kw}
    return build_report(StatsInput(bank=bank, reviews=log.reviews, cards=log.cards, **args))  # type: ignore[arg-type]


def learning_card(question: str, at: datetime) -> CardState:
    """A card still in the learning state after a first answer at ``at``."""
    return CardState(card_id=card_id_for("mini", question), state=LEARNING, step=1,
                     stability=1.0, difficulty=5.0, due=at + timedelta(minutes=10),
                     last_review=at, reps=1)


class TestTrueRetention:
    """True retention follows Anki's definition on a hand-made log."""

    def hand_made(self) -> Log:
        log = Log()
        q1, q2 = "left-members", "sides"
        t = NOW - 10 * DAY
        # q1: first answer (never counted), then a young pass, a same-day repeat, a practice
        # answer, then a mature fail today (interval exactly 21 days).
        log.drill(q1, t, 3, card=review_card(q1, last=t, interval_days=5))
        t5 = NOW - 5 * DAY
        log.drill(q1, t5, 3, card=review_card(q1, last=t5, interval_days=21))
        log.drill(q1, t5 + timedelta(hours=1), 1,
                  card=review_card(q1, last=t5 + timedelta(hours=1), interval_days=21))
        log.other(q1, NOW - 4 * DAY, verdict="wrong")
        log.drill(q1, NOW - timedelta(hours=1), 1,
                  card=review_card(q1, last=NOW, interval_days=1))
        # q2: first answer leaves it learning; the second (from learning) is not counted;
        # the third has an interval just under 21 days (young) and is Hard: a pass.
        t20 = NOW - 30 * DAY
        log.drill(q2, t20, 3, card=learning_card(q2, t20))
        log.drill(q2, t20 + timedelta(hours=2), 3,
                  card=review_card(q2, last=t20 + timedelta(hours=2), interval_days=20.99))
        log.drill(q2, NOW - DAY, 2, card=review_card(q2, last=NOW - DAY, interval_days=3))
        # q2 again on another day, in the learning-free review state, but 400 days ago
        # would be outside the year: none added, so "ever" equals "year" here.
        return log

    def test_counts_match_the_hand_count(self, mini: Bank) -> None:
        """Only first same-day review-state drill answers count, split at 21 days."""
        got = report(mini, self.hand_made())["retention"]
        cell = {m: {p: (v["pass"], v["fail"]) for p, v in got[m].items()} for m in got}
        assert cell["young"] == {"today": (0, 0), "yesterday": (1, 0), "week": (2, 0),
                                 "month": (2, 0), "year": (2, 0), "ever": (2, 0)}
        assert cell["mature"] == {"today": (0, 1), "yesterday": (0, 0), "week": (0, 1),
                                  "month": (0, 1), "year": (0, 1), "ever": (0, 1)}
        assert cell["all"]["week"] == (2, 1)
        assert got["all"]["week"]["rate"] == pytest.approx(2 / 3, abs=1e-4)
        assert got["young"]["today"]["rate"] is None

    def test_practice_answers_never_count(self, mini: Bank) -> None:
        """A wrong practice answer to a question in review adds no fail."""
        log = Log()
        log.drill("sides", NOW - 9 * DAY, 3,
                  card=review_card("sides", last=NOW - 9 * DAY, interval_days=4))
        log.other("sides", NOW - DAY, verdict="wrong")
        log.other("sides", NOW - DAY, verdict="wrong", kind="exam")
        assert report(mini, log)["retention"]["all"]["ever"] == {"pass": 0, "fail": 0,
                                                                 "rate": None}

    def test_desired_retention_is_shown_beside_it(self, mini: Bank) -> None:
        """The report carries the desired retention it was computed with."""
        assert report(mini, Log(), desired_retention=0.85)["desired_retention"] == 0.85


class TestOverview:
    """The overview counts every mode's answers, per local day."""

    def test_overview_counts(self, mini: Bank) -> None:
        """Seen, due, reviews today and this week, time and streak on a small history."""
        log = Log()
        log.drill("sides", NOW - 8 * DAY, duration_ms=2000)
        log.drill("sides", NOW - 2 * DAY, duration_ms=3000)
        log.other("nep-tf", NOW - DAY, duration_ms=500)
        log.other("nep-tf", NOW - timedelta(hours=2), kind="exam", duration_ms=500)
        o = report(mini, log)["overview"]
        due_now = sum(1 for c in log.cards.values() if c.due <= NOW)
        due_tomorrow = sum(1 for c in log.cards.values()
                           if c.due.date() == NOW.date() + DAY)
        assert o == {"questions": len(mini.questions), "seen": 2, "due_now": due_now,
                     "due_tomorrow": due_tomorrow, "reviews_today": 1, "reviews_7d": 3,
                     "reviews": 4, "time_ms": 6000, "streak_days": 3}

    def test_no_reviews_gives_zeros_and_nulls(self, mini: Bank) -> None:
        """With no history every count is 0, every rate null and nothing is trouble."""
        r = report(mini, Log())
        assert r["overview"]["reviews"] == 0 and r["overview"]["seen"] == 0
        assert all(t["mastery"] == 0 and t["accuracy_30d"] is None for t in r["topics"])
        assert r["calendar"] == [] and r["trouble"] == []
        assert all(f["due"] == 0 for f in r["forecast"])


class TestStreak:
    """The streak counts local days, across time zones and midnight."""

    def test_streak_rules(self) -> None:
        """Days in a row ending today, or yesterday when today has none yet; a gap ends it."""
        today = date(2026, 3, 10)
        assert streak({today, today - DAY, today - 2 * DAY, today - 4 * DAY}, today) == 3
        assert streak({today - DAY, today - 2 * DAY}, today) == 2
        assert streak({today - 2 * DAY}, today) == 0
        assert streak(set(), today) == 0

    def test_midnight_in_utc_is_the_same_evening_in_los_angeles(self, mini: Bank) -> None:
        """Answers either side of midnight UTC are two days in London, one in Los Angeles."""
        log = Log()
        log.drill("sides", datetime(2026, 3, 9, 23, 30, tzinfo=UTC))
        log.drill("nep-tf", datetime(2026, 3, 10, 0, 30, tzinfo=UTC))
        now = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
        london = report(mini, log, now=now, tz=ZoneInfo("Europe/London"))["overview"]
        la = report(mini, log, now=now, tz=ZoneInfo("America/Los_Angeles"))["overview"]
        assert (london["streak_days"], london["reviews_today"]) == (2, 1)
        assert (la["streak_days"], la["reviews_today"]) == (1, 0)

    def test_auckland_is_already_tomorrow(self, mini: Bank) -> None:
        """Late evening UTC is the next morning in Auckland: today there, not yesterday."""
        log = Log()
        log.drill("sides", datetime(2026, 3, 9, 20, 0, tzinfo=UTC))
        now = datetime(2026, 3, 9, 22, 0, tzinfo=UTC)
        o = report(mini, log, now=now, tz=ZoneInfo("Pacific/Auckland"))
        assert o["overview"]["reviews_today"] == 1
        assert o["calendar"] == [{"date": "2026-03-10", "reviews": 1}]


class TestForecastAndCalendar:
    """The forecast follows the cards' due dates; the calendar the days with reviews."""

    def test_forecast_against_due_dates(self, mini: Bank) -> None:
        """Each day's count is the cards due that local day; overdue ones count today."""
        tz = ZoneInfo("America/New_York")
        log = Log()
        offsets = [-3, 0, 0.2, 1, 1, 2.5, 12, 29.4, 31, 45]
        for i, q in enumerate(q.id for q in mini.questions):
            last = NOW - DAY
            log.drill(q, last, card=review_card(q, last=last, interval_days=1 + offsets[i]))
        today = local_date(NOW, tz)
        expected = [0] * 30
        for card in log.cards.values():
            offset = max(0, (card.due.astimezone(tz).date() - today).days)
            if offset < 30:
                expected[offset] += 1
        got = report(mini, log, tz=tz)["forecast"]
        assert [f["due"] for f in got] == expected
        assert [f["date"] for f in got] == [(today + n * DAY).isoformat() for n in range(30)]

    def test_calendar_covers_52_weeks_of_days_with_reviews(self, mini: Bank) -> None:
        """Days with reviews in the 52 weeks up to today, counted per local day."""
        log = Log()
        for days_ago in (0, 0, 3, 200, 363, 400):
            log.other("sides", NOW - days_ago * DAY)
        start = calendar_start(NOW.date())
        assert start.weekday() == 0 and (NOW.date() - start).days < 52 * 7
        expected: dict[str, int] = {}
        for days_ago in (0, 0, 3, 200, 363, 400):
            day = NOW.date() - days_ago * DAY
            if day >= start:
                expected[day.isoformat()] = expected.get(day.isoformat(), 0) + 1
        got = {c["date"]: c["reviews"] for c in report(mini, log)["calendar"]}
        assert got == expected


class TestMastery:
    """Mastery is the mean FSRS retrievability now; never-drilled questions count 0."""

    def test_topic_and_point_mastery(self, mini: Bank) -> None:
        """Means over the topic's and point's questions, from fsrs's own retrievability."""
        log = Log()
        log.drill("left-members", NOW - 3 * DAY)
        log.drill("right-opposition-members", NOW - 10 * DAY)
        log.other("left-removed-year", NOW - DAY, verdict="wrong")
        scheduler = fsrs.Scheduler(enable_fuzzing=False)

        def r(q: str) -> float:
            c = log.cards.get(q)
            if c is None:
                return 0.0
            return float(scheduler.get_card_retrievability(fsrs.Card(
                card_id=c.card_id, state=fsrs.State(c.state), step=c.step,
                stability=c.stability, difficulty=c.difficulty, due=c.due,
                last_review=c.last_review), NOW))

        got = report(mini, log)
        factions = [q.id for q in mini.questions if q.topic == "factions"]
        topic = next(t for t in got["topics"] if t["id"] == "factions")
        assert topic["mastery"] == pytest.approx(sum(map(r, factions)) / len(factions), abs=1e-4)
        assert topic["seen"] == 3
        assert topic["accuracy_30d"] == pytest.approx(2 / 3, abs=1e-4)
        point = next(p for p in got["points"] if p["id"] == "right-members")
        members = [q.id for q in mini.questions if "right-members" in q.points]
        assert point["mastery"] == pytest.approx(sum(map(r, members)) / len(members), abs=1e-4)
        assert point["topic"] == "factions"

    def test_topic_filter_keeps_only_its_questions(self, mini: Bank) -> None:
        """--topic narrows every figure to that topic's questions."""
        log = Log()
        log.drill("nep-tf", NOW - DAY)
        log.drill("sides", NOW - DAY)
        log.drill("gone-question", NOW - DAY)
        got = report(mini, log, topics=["economy"])
        assert [t["id"] for t in got["topics"]] == ["economy"]
        assert got["overview"]["reviews"] == 1
        assert got["overview"]["questions"] == sum(q.topic == "economy" for q in mini.questions)
        assert {p["topic"] for p in got["points"]} <= {"economy"}

    def test_questions_gone_from_the_bank(self, mini: Bank) -> None:
        """Reviews of questions no longer in the bank count under their own row, no crash."""
        log = Log()
        for n in range(3):
            log.drill("gone-question", NOW - (n + 1) * DAY, 1, answer="Stalin")
        got = report(mini, log, exam=NOW.date() + 30 * DAY)
        gone = next(t for t in got["topics"] if t["id"] == GONE)
        assert (gone["questions"], gone["seen"]) == (1, 1)
        assert got["overview"]["reviews"] == 3
        assert got["overview"]["seen"] == 0
        assert [t["question"] for t in got["trouble"]] == ["gone-question"]


class TestTrouble:
    """Trouble questions: 3+ lapses, or under half right over 3+ answers."""

    def test_trouble_rules_and_wrong_answers(self, mini: Bank) -> None:
        """The rule picks the questions; wrong answers are the student's, commonest first."""
        log = Log()
        q = "right-opposition-members"
        for n, answer in enumerate(["Trotsky", "trotsky ", "Zinoviev", "Trotsky"]):
            log.other(q, NOW - (n + 1) * DAY, verdict="wrong", answer=answer)
        log.other(q, NOW, verdict="correct")
        for n in range(4):  # 2 of 4 right: exactly half is not under half
            log.other("sides", NOW - n * DAY, verdict="correct" if n % 2 else "wrong")
        for n in range(2):  # only 2 answers, both wrong: too few
            log.other("nep-tf", NOW - n * DAY, verdict="wrong")
        last = NOW - DAY
        lapsed = review_card("cloze-one", last=last, interval_days=3)
        log.drill("cloze-one", last, 3, card=replace(lapsed, lapses=3))
        got = report(mini, log)["trouble"]
        assert [t["question"] for t in got] == [q, "cloze-one"]
        assert got[0]["wrong_answers"] == [{"answer": "Trotsky", "count": 3},
                                           {"answer": "Zinoviev", "count": 1}]
        assert got[0]["accuracy"] == pytest.approx(0.2) and got[0]["reviews"] == 5
        assert got[1]["lapses"] == 3

    def test_wrong_feedback_comes_from_the_bank(self, mini: Bank) -> None:
        """The bank's wrong: feedback is found for the student's answer, loosely matched."""
        question = mini.question("right-opposition-members")
        assert question is not None and question.wrong
        wrong = question.wrong[0]
        assert wrong_feedback(mini, question.id, "  " + wrong.text.upper()) == wrong.feedback
        assert wrong_feedback(mini, question.id, "something else") is None
        assert wrong_feedback(mini, "gone-question", wrong.text) is None


class TestExam:
    """The exam day: fsrs retrievability at the exam, and the reviews a day it needs."""

    def test_recall_on_the_exam_day_is_fsrs_retrievability(self, mini: Bank) -> None:
        """Per topic, the mean of fsrs's retrievability at 9:00 on the day; never seen = 0."""
        tz = ZoneInfo("Europe/Paris")
        log = Log()
        log.drill("nep-tf", NOW - 5 * DAY)
        log.drill("nep-tf", NOW - 2 * DAY)
        log.drill("cloze-one", NOW - DAY, 2)
        exam_day = date(2026, 5, 20)
        when = datetime(2026, 5, 20, 9, 0, tzinfo=tz)
        assert exam_instant(exam_day, tz) == when
        scheduler = fsrs.Scheduler(enable_fuzzing=False)
        economy = [q.id for q in mini.questions if q.topic == "economy"]
        total = 0.0
        for q in economy:
            c = log.cards.get(q)
            if c is not None:
                total += scheduler.get_card_retrievability(fsrs.Card(
                    card_id=c.card_id, state=fsrs.State(c.state), step=c.step,
                    stability=c.stability, difficulty=c.difficulty, due=c.due,
                    last_review=c.last_review), when)
        got = report(mini, log, tz=tz, exam=exam_day)["exam"]
        topic = next(t for t in got["topics"] if t["id"] == "economy")
        assert topic["recall"] == pytest.approx(total / len(economy), abs=1e-4)
        assert got["date"] == "2026-05-20"

    def test_reviews_a_day_needed(self, mini: Bank) -> None:
        """Nothing learnt needs reviews every day; everything firmly learnt needs none."""
        far = NOW.date() + 60 * DAY
        got = report(mini, Log(), exam=far)["exam"]
        assert got["reviews_per_day"] >= 1
        assert all(t["recall"] == 0 for t in got["topics"])
        log = Log()
        for q in mini.questions:
            card = review_card(q.id, last=NOW - timedelta(hours=1), interval_days=3650)
            log.drill(q.id, NOW - timedelta(hours=1), card=replace(card, stability=3000.0))
        fresh = report(mini, log, exam=NOW.date() + 2 * DAY)["exam"]
        assert fresh["reviews_per_day"] == 0
        assert all(t["recall"] > 0.99 for t in fresh["topics"])


def test_reviews_a_day_against_a_hand_count(mini: Bank) -> None:
    """reviews_per_day is the FSRS plan's reviews for the questions below the goal, per day."""
    from powerquiz.stats.memory import Memory

    log = Log()
    log.drill("sides", NOW - 20 * DAY)
    log.drill("nep-tf", NOW - DAY)
    exam_day = NOW.date() + 10 * DAY
    memory = Memory()
    when = exam_instant(exam_day, UTC)
    total = 0
    for q in mini.questions:
        card = log.cards.get(q.id)
        if memory.recall(card, when) < 0.9:
            total += max(1, memory.reviews_until(card, NOW, when))
    got = report(mini, log, exam=exam_day)["exam"]["reviews_per_day"]
    assert got == -(-total // 10)
    assert total >= len(mini.questions) - 1  # every question but at most one is below 90%


def test_exam_priorities_weakest_first(mini: Bank) -> None:
    """Seen questions below the goal on the exam day, by fsrs retrievability, weakest first."""
    from powerquiz.stats.exam import exam_priorities

    log = Log()
    log.drill("sides", NOW - 30 * DAY)
    log.drill("nep-tf", NOW - 2 * DAY)
    log.drill("cloze-one", NOW - 2 * DAY)
    log.drill("cloze-one", NOW - DAY)
    strong = review_card("left-members", last=NOW, interval_days=3650)
    log.drill("left-members", NOW, card=replace(strong, stability=5000.0))
    exam_day = NOW.date() + 20 * DAY
    when = exam_instant(exam_day, UTC)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    recall = {}
    for q, c in log.cards.items():
        recall[q] = scheduler.get_card_retrievability(fsrs.Card(
            card_id=c.card_id, state=fsrs.State(c.state), step=c.step, stability=c.stability,
            difficulty=c.difficulty, due=c.due, last_review=c.last_review), when)
    expected = sorted((q for q in recall if recall[q] < 0.9), key=lambda q: recall[q])
    got = exam_priorities(log.cards, exam_day, UTC)
    assert got == expected and "left-members" not in got and len(got) == 3
