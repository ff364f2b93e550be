"""The session engine, driven by a scripted student: no terminal involved."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.cli.progress_cmds import idle_lines
from powerquiz.progress import ProgressStore
from powerquiz.scheduling import Rating
from powerquiz.session.scripted import Reply, right_answer
from session_helpers import NOW, run, wrong_answer


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


class TestDrill:
    """Drill: answers marked, saved and scheduled; Ctrl-C and EOF, caps, order, ratings."""
    def test_right_answers_to_every_type_are_marked_correct_and_saved(self, bank, store):
        """A perfect student gets every type right, and each answer is on disk."""
        p = run(bank, store, [right_answer] * len(bank), ratings=["good"])
        assert p.summary is not None
        assert p.summary.answered == len(bank)
        assert p.summary.percent == 100
        assert {o.asked.question.type for o in p.outcomes} == {
            "short", "choice", "multi", "truefalse", "order", "match", "cloze", "recall"}
        reviews = store.reviews(bank.id)
        assert len(reviews) == len(bank)
        assert all(r.kind == "drill" and r.rating is not None for r in reviews)

    def test_a_correct_answer_is_scheduled_later_than_a_wrong_one(self, bank, store):
        """Good pushes the next review further out than Again does."""
        replies: list[Reply] = [right_answer, wrong_answer]
        run(bank, store, replies, limit=2)
        reviews = store.reviews(bank.id)
        assert [r.rating for r in reviews] == [int(Rating.GOOD), int(Rating.AGAIN)]
        cards = store.cards(bank.id)
        good, again = (cards[r.question] for r in reviews)
        assert good.due > again.due > NOW

    def test_next_due_is_reported_from_the_saved_cards(self, bank, store):
        """The summary names when the soonest card falls due."""
        p = run(bank, store, [right_answer], limit=1)
        assert p.summary is not None
        assert p.summary.next_due == min(c.due for c in store.cards(bank.id).values())

    def test_saying_i_was_right_records_an_override_rated_good(self, bank, store):
        """An overridden wrong answer is stored as such and rated Good."""
        p = run(bank, store, [wrong_answer], overrides=[True], limit=1)
        (review,) = store.reviews(bank.id)
        assert review.override is True
        assert review.verdict == "wrong"
        assert review.rating == int(Rating.GOOD)
        assert p.summary is not None and p.summary.percent == 100

    def test_ctrl_c_keeps_every_answer_already_given(self, bank, store):
        """Interrupting at the third question keeps the first two and says so."""
        p = run(bank, store, [right_answer, right_answer, KeyboardInterrupt])
        assert p.summary is not None
        assert p.summary.interrupted
        assert p.summary.answered == 2
        assert len(store.reviews(bank.id)) == 2

    def test_end_of_input_ends_the_session_like_ctrl_c(self, bank, store):
        """EOF at a prompt ends cleanly with the answers so far saved."""
        p = run(bank, store, [right_answer])
        assert p.summary is not None and p.summary.interrupted
        assert len(store.reviews(bank.id)) == 1

    def test_ctrl_c_at_the_override_prompt_still_saves_that_answer(self, bank, store):
        """The answer just marked is saved even if the student stops while asked to override."""
        p = run(bank, store, [wrong_answer, right_answer], overrides=[KeyboardInterrupt])
        assert p.summary is not None and p.summary.interrupted
        (review,) = store.reviews(bank.id)
        assert review.override is False

    def test_new_questions_are_capped_per_day(self, bank, store):
        """With three new a day, a second session the same day has nothing new."""
        first = run(bank, store, [right_answer] * 5, new_per_day=3)
        assert len(first.asked) == 3
        second = run(bank, store, [right_answer] * 5, new_per_day=3,
                     now=NOW + timedelta(minutes=5))
        assert second.asked == []
        assert second.summary is not None and second.summary.idle is not None
        idle = second.summary.idle
        assert idle.new_cap_reached and idle.new_waiting > 0 and idle.new_per_day == 3
        assert second.notices == []  # the engine states facts; the command line words them
        lines = idle_lines(idle)
        assert any("Nothing is due" in n for n in lines)
        assert any("powerquiz practice" in n for n in lines)

    def test_nothing_due_says_when_the_next_review_is(self, bank, store):
        """When all is answered, the notice gives the next due time."""
        run(bank, store, [right_answer] * len(bank), ratings=["good"])
        p = run(bank, store, [], now=NOW + timedelta(minutes=1))
        assert p.summary is not None and p.summary.idle is not None
        assert p.summary.idle.next_due is not None
        assert p.summary.idle.now == NOW + timedelta(minutes=1)
        assert any(n.startswith("Your next review is due") for n in idle_lines(p.summary.idle))

    def test_due_reviews_come_first_most_overdue_first(self, bank, store):
        """Overdue cards are asked before new ones, the longest overdue first."""
        run(bank, store, [right_answer, wrong_answer], limit=2)
        answered = [r.question for r in store.reviews(bank.id)]
        p = run(bank, store, [right_answer] * 4, now=NOW + timedelta(days=60), limit=4)
        assert [a.question.id for a in p.asked[:2]] == [answered[1], answered[0]]

    def test_limit_caps_the_session(self, bank, store):
        """--limit caps how many questions one session asks."""
        p = run(bank, store, [right_answer] * 8, limit=3)
        assert len(p.asked) == 3
        assert p.started is not None and p.started[2] == 3

    def test_topic_filter_only_asks_that_topic(self, bank, store):
        """Only questions of the chosen topic are asked."""
        p = run(bank, store, [right_answer] * 8, topics=("economy",))
        assert p.asked and {a.question.topic for a in p.asked} == {"economy"}

    def test_new_questions_are_interleaved_across_topics(self, bank, store):
        """Topics alternate rather than coming in blocks."""
        p = run(bank, store, [right_answer] * 4, limit=4)
        topics = [a.question.topic for a in p.asked]
        assert topics[0] != topics[1]

    def test_recall_self_rating_is_the_fsrs_rating(self, bank, store):
        """A recall question rated 'hard' by the student is rated Hard."""
        p = run(bank, store, [""], ratings=["hard"], types=("recall",))
        (review,) = store.reviews(bank.id)
        assert review.rating == int(Rating.HARD)
        assert p.outcomes[0].can_override is False

    def test_a_quick_correct_answer_on_a_review_card_is_easy(self, bank, store):
        """Correct and fast on a card already in review is rated Easy."""
        run(bank, store, [right_answer], types=("truefalse",))
        run(bank, store, [right_answer], types=("truefalse",), now=NOW + timedelta(days=30))
        run(bank, store, [right_answer], types=("truefalse",), now=NOW + timedelta(days=400),
            timer=lambda: 0.0)
        ratings = [r.rating for r in store.reviews(bank.id)]
        assert ratings[-1] == int(Rating.EASY)

    def test_choices_are_shown_in_a_shuffled_order_never_already_solved(self, bank, store):
        """An order question's items never arrive already in the right order."""
        p = run(bank, store, [right_answer], types=("order",))
        q = p.asked[0].question
        assert sorted(p.asked[0].choices) == sorted(q.items)
        assert list(p.asked[0].choices) != list(q.items)


class TestPractice:
    """Practice: history recorded without rescheduling, the weakest questions first."""
    def test_practice_records_history_but_never_changes_the_schedule(self, bank, store):
        """Practice answers are saved as practice and leave card states alone."""
        run(bank, store, [right_answer], limit=1)
        cards = store.cards(bank.id)
        run(bank, store, [wrong_answer] * 3, mode="practice", limit=3)
        assert store.cards(bank.id) == cards
        kinds = [r.kind for r in store.reviews(bank.id)]
        assert kinds == ["drill", "practice", "practice", "practice"]

    def test_practice_asks_the_weakest_questions_first(self, bank, store):
        """A question just failed comes before one just answered well."""
        run(bank, store, [right_answer, wrong_answer], limit=2)
        good, bad = (r.question for r in store.reviews(bank.id))
        p = run(bank, store, [right_answer] * 8, mode="practice", now=NOW + timedelta(days=1))
        order = [a.question.id for a in p.asked]
        assert order.index(bad) < order.index(good)


class TestExam:
    """Exam: no feedback until the marked paper at the end; no recall; exam history recorded."""
    def test_exam_gives_no_feedback_until_the_end(self, bank, store):
        """No verdict is shown during an exam; the paper comes at the end."""
        p = run(bank, store, [right_answer] * 8, mode="exam", count=5)
        assert p.outcomes == []
        assert p.summary is not None and len(p.summary.outcomes) == 5

    def test_exam_leaves_out_recall_and_records_exam_history(self, bank, store):
        """Recall questions cannot be marked blind; answers are stored as exam reviews."""
        p = run(bank, store, [right_answer] * 10, mode="exam", count=10)
        assert all(a.question.type != "recall" for a in p.asked)
        assert {r.kind for r in store.reviews(bank.id)} == {"exam"}
        assert store.cards(bank.id) == {}

    def test_exam_paper_marks_each_answer(self, bank, store):
        """A wrong answer on the paper is marked wrong with the expected answer."""
        p = run(bank, store, [wrong_answer, right_answer], mode="exam", count=2)
        assert p.summary is not None
        verdicts = [o.mark.verdict for o in p.summary.outcomes]
        assert verdicts[0] == "wrong" and verdicts[1] == "correct"
        assert p.summary.outcomes[0].mark.expected

