"""The exam paper's state machine (session/paper.py) on plain data, with an injected clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank import load_bank
from powerquiz.session import Asked
from powerquiz.session.paper import SUMMARY, Back, Flag, Go, Move, Paper, Skip, Submit, ToSummary

BANK = load_bank(Path(__file__).parent / "data" / "mini.yaml")


class Clock:
    """A monotonic clock that moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def paper(size: int = 4, limit: float | None = None, clock: Clock | None = None) -> Paper:
    questions = [q for q in BANK.questions if q.type != "recall"][:size]
    asked = [Asked(q, n, len(questions)) for n, q in enumerate(questions, 1)]
    return Paper(asked, clock or Clock(), limit)


class TestMoving:
    """Answers, skips, flags, back and go: where the student ends up and what is kept."""

    def test_an_answer_is_kept_and_the_next_question_comes(self):
        """Answering question 1 keeps the answer and goes to question 2."""
        p = paper()
        assert p.answer("Bukharin")
        assert p.answers == {1: "Bukharin"} and p.place == 2

    def test_after_the_last_question_comes_the_summary(self):
        """Answering or skipping the last question goes to the summary page."""
        p = paper(size=2)
        p.answer("a")
        p.move(Skip())
        assert p.place == SUMMARY and p.view().unanswered == (2,)

    def test_skip_keeps_an_answer_given_earlier(self):
        """Going back to an answered question and skipping it leaves its answer."""
        p = paper()
        p.answer("first")
        p.move(Back())
        p.move(Skip())
        assert p.answers == {1: "first"} and p.place == 2

    def test_answering_again_replaces_the_answer(self):
        """A second answer to the same question replaces the first."""
        p = paper()
        p.answer("first")
        p.move(Go(1))
        p.answer("second")
        assert p.answers == {1: "second"}

    def test_flag_marks_the_question_and_stays(self):
        """Flag flags the current question without moving; flagging again unflags it."""
        p = paper()
        p.move(Flag())
        assert p.flagged == {1} and p.place == 1
        assert p.view().slot.status == "not answered, flagged"
        p.move(Flag())
        assert p.flagged == set()

    def test_back_from_the_first_question_says_why_it_stays(self):
        """Back at question 1 is refused in words and the student stays there."""
        p = paper()
        assert p.move(Back()) == "This is the first question: there is none before it."
        assert p.place == 1

    def test_back_from_the_summary_goes_to_the_last_question(self):
        """From the summary, Back goes to the last question."""
        p = paper(size=3)
        p.move(ToSummary())
        p.move(Back())
        assert p.place == 3

    @pytest.mark.parametrize("number", [0, -1, 5, 10_000])
    def test_go_to_a_question_not_on_the_paper_is_refused(self, number):
        """Go to a number outside 1..total is refused in words; the place stays."""
        p = paper(size=4)
        p.answer("x")
        assert p.move(Go(number)) == (f"There is no question {number}: the paper has "
                                      "questions 1 to 4.")
        assert p.place == 2

    def test_flag_on_the_summary_page_is_refused(self):
        """Flagging needs a question: on the summary it says so."""
        p = paper()
        p.move(ToSummary())
        assert p.move(Flag()) == "Go to a question to flag it."

    def test_submit_ends_the_paper_and_later_moves_do_nothing(self):
        """After Submit nothing changes: no answer is kept, no move is made."""
        p = paper()
        p.move(Submit())
        assert p.submitted and not p.answer("late")
        p.move(Go(3))
        assert p.answers == {} and p.place == 1

    def test_the_view_says_each_questions_state(self):
        """The view gives answered / not answered / flagged and the answer so far."""
        p = paper(size=3)
        p.answer(["Trotsky", "Kamenev"])
        p.move(Flag())
        view = p.view()
        assert [s.status for s in view.slots] == ["answered", "not answered, flagged",
                                                  "not answered"]
        assert view.slots[0].given == "Trotsky, Kamenev"
        assert view.flagged == (2,) and view.unanswered == (2, 3)

    def test_an_empty_paper_starts_at_the_summary(self):
        """A paper with no questions is at its summary page."""
        assert Paper([], Clock()).place == SUMMARY


class TestTimeLimit:
    """The time limit: counted down on the injected clock; the paper submitted at 0."""

    def test_time_left_counts_down_and_never_below_zero(self):
        """Time left is the limit less the time gone, and 0 once it has run out."""
        clock = Clock()
        p = paper(limit=600, clock=clock)
        clock.now += 125
        assert p.time_left() == 475
        clock.now += 10_000
        assert p.time_left() == 0

    def test_no_limit_has_no_time_left(self):
        """Without a limit there is no time left to show and it never runs out."""
        clock = Clock()
        p = paper(clock=clock)
        clock.now += 1e9
        assert p.time_left() is None and not p.out_of_time()

    def test_running_out_submits_with_the_answers_given_before(self):
        """At the deadline the paper is submitted, timed out, with the earlier answers."""
        clock = Clock()
        p = paper(limit=60, clock=clock)
        p.answer("in time")
        clock.now += 60
        assert p.out_of_time() and p.submitted and p.timed_out
        assert p.answers == {1: "in time"}

    def test_an_answer_given_after_the_deadline_is_not_kept(self):
        """An answer handed over once the time has run out is refused."""
        clock = Clock()
        p = paper(limit=60, clock=clock)
        clock.now += 61
        assert not p.answer("too late")
        assert p.answers == {} and p.timed_out

    def test_a_move_after_the_deadline_does_nothing(self):
        """Once the time is up, going to another question is not done."""
        clock = Clock()
        p = paper(limit=60, clock=clock)
        clock.now += 60
        assert p.move(Go(3)) is None and p.place == 1

    def test_submitting_in_time_is_not_a_time_out(self):
        """A paper submitted before the deadline stays not timed out after it."""
        clock = Clock()
        p = paper(limit=60, clock=clock)
        p.move(Submit())
        clock.now += 120
        assert not p.out_of_time() and not p.timed_out


#: One thing the student does: an answer (a word) or a move.
STEPS = st.one_of(
    st.text(max_size=5).map(lambda t: ("answer", t)),
    st.sampled_from([Skip(), Flag(), Back(), ToSummary()]).map(lambda m: ("move", m)),
    st.integers(-1, 6).map(lambda n: ("move", Go(n))),
)


class TestAnySequence:
    """Whatever the student does, each answer given is the one kept for its question."""

    @given(steps=st.lists(STEPS, max_size=40))
    def test_the_last_answer_given_to_each_question_is_kept(self, steps):
        """After any steps and a submit, the answers are the last one typed at each place,
        flags are the places flagged an odd number of times, the place stays on the paper."""
        p = paper(size=4)
        given_at: dict[int, str] = {}
        flags: dict[int, int] = {}
        for kind, step in steps:
            place = p.place
            if kind == "answer":
                if place != SUMMARY:
                    given_at[place] = step
                p.answer(step)
            else:
                move: Move = step
                if isinstance(move, Flag) and place != SUMMARY:
                    flags[place] = flags.get(place, 0) + 1
                p.move(move)
            assert 0 <= p.place <= 4
        p.move(Submit())
        assert p.answers == given_at
        assert p.flagged == {n for n, times in flags.items() if times % 2}
        assert set(p.view().unanswered) == {1, 2, 3, 4} - set(given_at)
