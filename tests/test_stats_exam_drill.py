"""``drill --exam DATE``: what is brought forward, in what order, and after the date."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs
import pytest
from typer.testing import CliRunner

from powerquiz.bank import Bank
from powerquiz.cli import app
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import ProgressStore
from powerquiz.scheduling import REVIEW, CardState, card_id_for
from powerquiz.session.plan import ExamGoal, plan_drill

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
EXAM = date(2026, 4, 20)


def card(question: str, *, days_ago: float, stability: float, due_in: float) -> CardState:
    """A review card last seen ``days_ago`` with ``stability``, due ``due_in`` days from NOW."""
    return CardState(
        card_id=card_id_for("mini", question), state=REVIEW, step=None, stability=stability,
        difficulty=5.0, due=NOW + timedelta(days=due_in),
        last_review=NOW - timedelta(days=days_ago), reps=3,
    )


def fsrs_recall(c: CardState, when: datetime) -> float:
    """The independent figure: fsrs's own retrievability of the card at ``when``."""
    return float(fsrs.Scheduler(enable_fuzzing=False).get_card_retrievability(
        fsrs.Card(card_id=c.card_id, state=fsrs.State(c.state), step=c.step,
                  stability=c.stability, difficulty=c.difficulty, due=c.due,
                  last_review=c.last_review), when))


def history(mini: Bank) -> dict[str, CardState]:
    """Cards for most of the bank: one due now, others strong or weak by the exam."""
    ids = [q.id for q in mini.questions]
    assert len(ids) >= 6
    return {
        ids[0]: card(ids[0], days_ago=3, stability=2.0, due_in=-1),  # due now
        ids[1]: card(ids[1], days_ago=1, stability=400.0, due_in=200),  # strong on the day
        ids[2]: card(ids[2], days_ago=2, stability=30.0, due_in=25),
        ids[3]: card(ids[3], days_ago=1, stability=8.0, due_in=7),
        ids[4]: card(ids[4], days_ago=1, stability=60.0, due_in=50),
    }


class TestExamPlan:
    """The plan of drill --exam, against fsrs's retrievability computed independently."""

    def test_weak_questions_come_forward_weakest_first(self, mini: Bank) -> None:
        """After the due card: every seen question below the goal on the day, weakest first."""
        cards = history(mini)
        when = datetime.combine(EXAM, time(9, 0), TZ)
        due_ids = [qid for qid, c in cards.items() if c.due <= NOW]
        expected = sorted(
            (qid for qid, c in cards.items() if qid not in due_ids
             and fsrs_recall(c, when) < 0.9),
            key=lambda qid: fsrs_recall(cards[qid], when),
        )
        assert len(expected) >= 2  # the history really has weak questions to order
        assert len(expected) < len(cards) - len(due_ids)  # and strong ones left alone
        plan = plan_drill(mini.questions, cards, NOW, limit=50, new_allowance=0,
                          exam=ExamGoal(EXAM, TZ, 0.9))
        assert [q.id for q in plan.questions] == due_ids + expected
        plain = plan_drill(mini.questions, cards, NOW, limit=50, new_allowance=0)
        assert [q.id for q in plain.questions] == due_ids

    def test_a_higher_goal_brings_more_forward(self, mini: Bank) -> None:
        """With desired retention 0.99 the strong-but-not-certain questions come too."""
        cards = history(mini)
        low = plan_drill(mini.questions, cards, NOW, limit=50, new_allowance=0,
                         exam=ExamGoal(EXAM, TZ, 0.8))
        high = plan_drill(mini.questions, cards, NOW, limit=50, new_allowance=0,
                          exam=ExamGoal(EXAM, TZ, 0.99))
        assert set(q.id for q in low.questions) < set(q.id for q in high.questions)

    def test_after_the_exam_it_is_a_plain_drill(self, mini: Bank) -> None:
        """The day after the exam nothing is brought forward."""
        cards = history(mini)
        later = datetime.combine(EXAM + timedelta(days=1), time(8, 0), TZ)
        goal = ExamGoal(EXAM, TZ, 0.9)
        with_goal = plan_drill(mini.questions, cards, later, limit=50, new_allowance=3,
                               exam=goal)
        plain = plan_drill(mini.questions, cards, later, limit=50, new_allowance=3)
        assert with_goal == plain

    def test_the_limit_still_holds_and_new_ones_follow(self, mini: Bank) -> None:
        """Brought-forward questions count against --limit, before new questions."""
        cards = history(mini)
        plan = plan_drill(mini.questions, cards, NOW, limit=3, new_allowance=5,
                          exam=ExamGoal(EXAM, TZ, 0.99))
        assert len(plan.questions) == 3 and plan.new == 0
        assert all(q.id in cards for q in plan.questions)


class TestExamOption:
    """The --exam option of drill on the command line."""

    @pytest.mark.parametrize("text", ["next friday", "2027-02-30", "20/05/2027"])
    def test_an_unreadable_date_is_a_usage_error(self, mini_bank_path: Path, tmp_path: Path,
                                                 text: str) -> None:
        """Exit 2 naming the format; nothing is written."""
        progress = tmp_path / "progress.json"
        result = CliRunner().invoke(app, ["drill", "--bank", str(mini_bank_path),
                                          "--progress", str(progress), "--exam", text])
        assert result.exit_code == ExitCode.USAGE
        assert "YYYY-MM-DD" in result.output
        assert not progress.exists()

    def test_a_past_date_gives_a_plain_drill(self, mini_bank_path: Path,
                                             tmp_path: Path) -> None:
        """An exam already past: the drill runs as without --exam and saves the answer."""
        progress = tmp_path / "progress.json"
        result = CliRunner().invoke(app, [
            "drill", "--bank", str(mini_bank_path), "--progress", str(progress),
            "--type", "short", "--exam", "2020-01-01", "--seed", "3",
        ], input="Bukharin, Tomsky and Rykov\n")
        assert result.exit_code == 0, result.output
        assert len(ProgressStore(progress).reviews("mini")) == 1
