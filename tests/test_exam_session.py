"""Sitting an exam through the engine with a scripted student: moves, submit, time limit."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank import Bank, load_bank
from powerquiz.marking import Answer, mark
from powerquiz.progress import ProgressStore
from powerquiz.session import Asked, Session, SessionConfig
from powerquiz.session.paper import SUMMARY, Back, Flag, Go, Move, Skip, Submit, ToSummary
from powerquiz.session.scripted import Reply, ScriptedPrompter, right_answer
from powerquiz.session.sitting import TIME_UP
from powerquiz.ui.text import TIMED_OUT, paper_lines, summary_lines
from session_helpers import NOW, wrong_answer

BANK = load_bank(Path(__file__).parent / "data" / "mini.yaml")


@pytest.fixture
def bank() -> Bank:
    return BANK


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


class Clock:
    """A monotonic clock moved by the scripted student's answers."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def taking(self, seconds: float, reply: Callable[[Asked], Answer | Move]) -> Callable[
            [Asked], Answer | Move]:
        """``reply``, given ``seconds`` after the question was put."""
        def answer(asked: Asked) -> Answer | Move:
            self.now += seconds
            return reply(asked)
        return answer


def exam(bank, store, replies, *, count=3, confirms=(), timer=None, time_limit=None):
    """Sit a ``count``-question paper of the mini bank with a scripted student."""
    prompter = ScriptedPrompter(list(replies), confirms=list(confirms))
    ticks = iter(range(0, 10_000, 2))
    config = SessionConfig(mode="exam", count=count, seed=7, time_limit=time_limit)
    Session(bank, bank.questions, store, prompter, config, clock=lambda: NOW,
            timer=timer or (lambda: float(next(ticks)))).run()
    return prompter


class TestMovingAboutThePaper:
    """Skip, back, go, flag and submit, as the engine sees them."""

    def test_a_skipped_question_is_answered_later(self, bank, store):
        """Skip question 1, answer 2 and 3, go back to 1: all three marked, in paper order."""
        p = exam(bank, store, [Skip(), right_answer, right_answer, Go(1), right_answer])
        s = p.summary
        assert s is not None and not s.interrupted and not s.unanswered
        assert [o.asked.number for o in s.outcomes] == [1, 2, 3]
        assert s.percent == 100 and len(store.reviews(bank.id)) == 3

    def test_going_back_changes_the_answer_and_only_the_last_is_saved(self, bank, store):
        """A wrong answer changed on going back is marked as the new one, saved once."""
        p = exam(bank, store, [wrong_answer, Back(), right_answer, right_answer, right_answer])
        s = p.summary
        assert s is not None and [o.mark.verdict for o in s.outcomes] == ["correct"] * 3
        first = s.outcomes[0].asked.question.id
        assert [r.question for r in store.reviews(bank.id)].count(first) == 1

    def test_each_answer_is_on_disk_as_soon_as_it_is_given(self, bank, store):
        """Before question n is shown, the n-1 answers before it are saved already."""
        on_disk: list[int] = []

        def answer_and_look(asked: Asked) -> Answer:
            on_disk.append(len(store.reviews(bank.id)))
            return right_answer(asked)

        exam(bank, store, [answer_and_look] * 3)
        assert on_disk == [0, 1, 2] and len(store.reviews(bank.id)) == 3

    def test_a_changed_answer_is_saved_as_a_correction_of_the_first(self, bank, store):
        """Changing answer 1 appends a review correcting the first (the log keeps both)."""
        exam(bank, store, [wrong_answer, Back(), right_answer, right_answer, right_answer])
        raw = [json.loads(line) for line in store.log_path.read_text().splitlines()]
        first, *_ = raw
        corrections = [r for r in raw if r.get("corrects")]
        assert [c["corrects"] for c in corrections] == [first["id"]]
        assert corrections[0]["verdict"] == "correct" and first["verdict"] == "wrong"

    def test_a_flagged_question_is_flagged_on_the_marked_paper(self, bank, store):
        """Flag question 2: the summary carries its id and the paper says "(flagged)"."""
        p = exam(bank, store, [right_answer, Flag(), right_answer, right_answer])
        s = p.summary
        assert s is not None
        second = s.paper[1]
        assert s.flagged == {second.id}
        assert sum(line.endswith("(flagged)") for line in paper_lines(s)) == 1
        assert p.views[2].slot.flagged  # asked again, flagged

    def test_the_summary_page_comes_after_the_last_question(self, bank, store):
        """After the last question the student is shown the summary with each state."""
        p = exam(bank, store, [right_answer, Skip(), Flag(), right_answer, ToSummary(),
                               Submit()], confirms=[True])
        summary_page = p.views[-1]
        assert summary_page.current == SUMMARY
        assert [s.status for s in summary_page.slots] == [
            "answered", "not answered", "answered, flagged"]

    def test_submit_with_unanswered_questions_is_confirmed(self, bank, store):
        """Submit with questions unanswered: "no" goes to the summary, "yes" hands it in."""
        p = exam(bank, store, [right_answer, Submit(), Submit()], confirms=[False, True])
        s = p.summary
        assert s is not None and not s.interrupted
        assert p.views[-1].current == SUMMARY and len(s.unanswered) == 2
        assert s.percent == 33

    def test_ctrl_c_keeps_every_answer_given(self, bank, store):
        """Ctrl-C after answering 1 and 3 (2 skipped): both saved, the session stopped."""
        p = exam(bank, store, [right_answer, Skip(), right_answer, KeyboardInterrupt],
                 count=4)
        s = p.summary
        assert s is not None and s.interrupted
        assert [o.asked.number for o in s.outcomes] == [1, 3]
        assert [q.id for q in s.unanswered] == [s.paper[1].id, s.paper[3].id]
        assert len(store.reviews(bank.id)) == 2

    def test_input_ending_at_a_question_stops_as_before(self, bank, store):
        """End of input at question 2 hands the paper in as a stopped session."""
        p = exam(bank, store, [right_answer], count=2)
        assert p.summary is not None and p.summary.interrupted

    def test_input_ending_at_the_summary_hands_the_paper_in(self, bank, store):
        """Input that ends once every question is answered is a finished paper."""
        p = exam(bank, store, [right_answer] * 3)
        assert p.summary is not None and not p.summary.interrupted

    def test_time_at_each_question_is_added_over_visits(self, bank, store):
        """A question visited twice is saved with the time of both visits."""
        clock = Clock()
        replies = [clock.taking(5, lambda a: Skip()), clock.taking(7, right_answer),
                   clock.taking(1, right_answer), Go(1), clock.taking(3, right_answer)]
        p = exam(bank, store, replies, timer=clock)
        s = p.summary
        assert s is not None
        first = {r.question: r.duration_ms for r in store.reviews(bank.id)}[s.paper[0].id]
        assert first == 8000


class TestTimeLimit:
    """A time limit on the injected monotonic clock: shown, and submitting at the end."""

    def test_time_left_is_shown_with_each_question(self, bank, store):
        """Each question's view carries the seconds left on the limit."""
        clock = Clock()
        p = exam(bank, store, [clock.taking(30, right_answer)] * 3, timer=clock,
                 time_limit=600)
        assert [v.time_left for v in p.views] == [600, 570, 540, 510]

    def test_running_out_submits_the_answers_given_in_time(self, bank, store):
        """40 s an answer on a 100 s paper: two answers kept, the third too late."""
        clock = Clock()
        p = exam(bank, store, [clock.taking(40, right_answer)] * 3, timer=clock,
                 time_limit=100)
        s = p.summary
        assert s is not None and s.timed_out and not s.interrupted
        assert [o.asked.number for o in s.outcomes] == [1, 2] and len(s.unanswered) == 1
        assert TIME_UP in p.notices
        assert summary_lines(s, NOW)[0] == TIMED_OUT
        assert len(store.reviews(bank.id)) == 2

    def test_time_running_out_at_the_summary_submits(self, bank, store):
        """The time runs out while the student is at the summary: the paper is in."""
        clock = Clock()
        replies: list[Reply] = [clock.taking(1, right_answer), clock.taking(1, right_answer),
                                clock.taking(1, lambda a: ToSummary())]
        prompter = ScriptedPrompter(replies)

        def late_summary(view):
            clock.now += 1000
            return Go(1)

        prompter.paper_summary = late_summary  # type: ignore[method-assign]
        Session(bank, bank.questions, store, prompter,
                SessionConfig(mode="exam", count=3, seed=7, time_limit=60),
                clock=lambda: NOW, timer=clock).run()
        s = prompter.summary
        assert s is not None and s.timed_out and [o.asked.number for o in s.outcomes] == [1, 2]


def _replies() -> st.SearchStrategy[list[object]]:
    answers = st.sampled_from(["right", "wrong"])
    moves = st.one_of(st.sampled_from([Skip(), Flag(), Back(), ToSummary()]),
                      st.integers(0, 5).map(Go))
    return st.lists(st.one_of(answers, moves), max_size=25)


class TestAnySequenceThroughTheEngine:
    """Any sequence of commands keeps each answer and marks each as it would be alone."""

    @given(steps=_replies())
    def test_the_paper_marks_match_marking_each_answer_alone(self, steps):
        """After any moves and answers, then submit: every question's last answer is kept,
        its mark is ``mark(question, answer)``, and only those answers are saved."""
        last: dict[int, Answer] = {}

        def logged(kind: str) -> Callable[[Asked], Answer]:
            def reply(asked: Asked) -> Answer:
                answer = (right_answer if kind == "right" else wrong_answer)(asked)
                last[asked.number] = answer
                return answer
            return reply

        script = [logged(s) if isinstance(s, str) else s for s in steps]
        with tempfile.TemporaryDirectory() as folder:
            store = ProgressStore(Path(folder) / "progress.json")
            p = exam(BANK, store, [*script, ToSummary(), Submit()], count=4)
            s = p.summary
            assert s is not None
            assert {o.asked.number: o.mark for o in s.outcomes} == {
                n: mark(s.paper[n - 1], answer) for n, answer in last.items()}
            assert len(s.unanswered) == 4 - len(last)
            assert sorted(r.question for r in store.reviews(BANK.id)) == sorted(
                s.paper[n - 1].id for n in last)
