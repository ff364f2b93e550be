"""The session engine for issue 8, driven by a scripted student: the override offer,
learning steps, hints, practice --missed and a stopped exam."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.marking import Answer
from powerquiz.progress import ProgressStore
from powerquiz.scheduling import Rating
from powerquiz.session import Asked, Session, SessionConfig
from powerquiz.session.scripted import ScriptedPrompter, right_answer
from session_helpers import NOW, run, wrong_answer


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


def asked_ids(p: ScriptedPrompter) -> list[str]:
    return [a.question.id for a in p.asked]


def right_unless(missed: str, times: int) -> Callable[[Asked], Answer]:
    """Right answers, except wrong ones to question ``missed`` its first ``times`` asks."""
    seen: list[str] = []

    def reply(asked: Asked) -> Answer:
        seen.append(asked.question.id)
        if asked.question.id == missed and seen.count(missed) <= times:
            return wrong_answer(asked)
        return right_answer(asked)
    return reply


class TestOverrideOffer:
    """"I was right after all" is offered only after a typed, non-empty, wrong answer."""

    @pytest.mark.parametrize("qtype", ["choice", "multi", "truefalse", "order", "match"])
    def test_never_after_a_pick_from_a_list(self, bank, store, qtype):
        """A wrong pick of any list type is not open to "I was right"."""
        p = run(bank, store, [wrong_answer], types=(qtype,), limit=1, overrides=[True])
        (outcome,) = p.outcomes
        assert outcome.mark.verdict != "correct" and not outcome.can_override
        assert store.reviews(bank.id)[0].override is False

    @pytest.mark.parametrize(("qtype", "blank"), [("short", "  "), ("cloze", ["", " "])])
    def test_never_after_a_blank_answer(self, bank, store, qtype, blank):
        """A blank typed answer cannot be claimed right."""
        p = run(bank, store, [blank], types=(qtype,), limit=1, overrides=[True])
        assert not p.outcomes[0].can_override

    @pytest.mark.parametrize("qtype", ["short", "cloze"])
    def test_offered_after_a_typed_wrong_answer(self, bank, store, qtype):
        """A typed wrong answer may be claimed right, and the claim is logged."""
        p = run(bank, store, [wrong_answer], types=(qtype,), limit=1, overrides=[True])
        assert p.outcomes[0].can_override
        assert store.reviews(bank.id)[0].override is True


class TestLearningSteps:
    """A missed question comes back later in the same session, as a real review."""

    def test_a_missed_question_comes_back_after_three_others(self, bank, store):
        """The missed first question is asked again fifth, after three other questions."""
        first = run(bank, store, [right_answer], limit=1).asked[0].question.id
        store.path.unlink()
        store.log_path.unlink()
        p = run(bank, store, [right_unless(first, 1)] * 9, limit=8, relearn=True,
                ratings=["good"] * 8)
        ids = asked_ids(p)
        assert ids[0] == first and ids[4] == first and ids.count(first) == 2
        assert p.asked[4].attempt == 2 and p.asked[4].total == 9
        assert p.summary is not None and not p.summary.interrupted
        assert p.summary.recovered == 1 and len(p.summary.missed) == 1
        assert p.summary.answered == 8 and p.summary.score == 7

    def test_at_the_end_when_fewer_than_three_remain(self, bank, store):
        """With two questions, a missed one is asked again at the end."""
        p = run(bank, store, [wrong_answer, right_answer, right_answer], limit=2,
                relearn=True, types=("short", "truefalse"))
        ids = asked_ids(p)
        assert len(ids) == 3 and ids[2] == ids[0] != ids[1]

    def test_at_most_three_times(self, bank, store):
        """A question missed every time is asked three times, then left."""
        p = run(bank, store, [wrong_answer] * 5, limit=1, relearn=True, types=("short",))
        assert len(p.asked) == 3 and p.summary is not None
        assert p.summary.recovered == 0 and not p.summary.interrupted
        assert [a.attempt for a in p.asked] == [1, 2, 3]

    def test_each_re_ask_is_a_review_of_the_saved_card(self, bank, store):
        """The re-ask is saved, rated from the card the miss left (a learning step)."""
        run(bank, store, [wrong_answer, right_answer], limit=1, relearn=True,
            types=("short",))
        miss, again = store.reviews(bank.id)
        assert (miss.rating, again.rating) == (int(Rating.AGAIN), int(Rating.GOOD))
        assert again.card is not None and miss.card is not None
        assert again.card.reps == miss.card.reps + 1

    def test_no_relearn_asks_each_question_once(self, bank, store):
        """With learning steps off, a missed question is not asked again."""
        p = run(bank, store, [wrong_answer], limit=1, relearn=False, types=("short",))
        assert len(p.asked) == 1 and p.summary is not None and not p.summary.interrupted

    def test_an_exam_never_re_asks(self, bank, store):
        """An exam paper asks each question once, even with learning steps on."""
        p = run(bank, store, [wrong_answer] * 4, mode="exam", count=2, relearn=True)
        assert len({a.question.id for a in p.asked}) == len(p.asked)

    def test_ctrl_c_at_a_re_ask_is_a_stop(self, bank, store):
        """Ctrl-C (not end of input) at a re-ask still counts as stopping."""
        p = run(bank, store, [wrong_answer, KeyboardInterrupt], limit=1, relearn=True,
                types=("short",))
        assert p.summary is not None and p.summary.interrupted


class TestHints:
    """An answer given after asking for the hint is rated at most Hard and says so."""

    def test_a_right_answer_with_the_hint_is_rated_hard(self, bank, store):
        """Right after the hint: Hard, not Good, and the review records the hint."""
        prompter = ScriptedPrompter([right_answer], hints={1})
        cfg = SessionConfig(seed=7, fuzz=False, limit=1)
        Session(bank, bank.select((), ("short",)), store, prompter, cfg,
                clock=lambda: NOW, timer=lambda: 0.0).run()
        (review,) = store.reviews(bank.id)
        assert review.rating == int(Rating.HARD) and review.hint is True
        assert prompter.outcomes[0].hinted

    def test_without_the_hint_nothing_is_recorded(self, bank, store):
        """No hint asked for: Good, and no hint on the review."""
        run(bank, store, [right_answer], limit=1, types=("short",))
        (review,) = store.reviews(bank.id)
        assert review.rating == int(Rating.GOOD) and review.hint is False
        assert "hint" not in review.to_dict()

    def test_a_wrong_answer_with_the_hint_stays_again(self, bank, store):
        """The cap only lowers: a wrong answer after the hint is still Again."""
        prompter = ScriptedPrompter([wrong_answer], hints={1})
        cfg = SessionConfig(seed=7, fuzz=False, limit=1)
        Session(bank, bank.select((), ("short",)), store, prompter, cfg,
                clock=lambda: NOW, timer=lambda: 0.0).run()
        assert store.reviews(bank.id)[0].rating == int(Rating.AGAIN)


class TestPracticeMissed:
    """practice --missed asks what was last missed; practice puts recent misses first."""

    def test_missed_only_most_recent_first(self, bank, store):
        """Two misses on different days: the later one is asked first; a right one never."""
        run(bank, store, [wrong_answer], limit=1, types=("short",), now=NOW)
        run(bank, store, [wrong_answer], limit=1, types=("truefalse",),
            now=NOW + timedelta(hours=1))
        run(bank, store, [right_answer], limit=1, types=("choice",), now=NOW)
        p = run(bank, store, [right_answer] * 3, mode="practice", missed_only=True,
                now=NOW + timedelta(hours=2))
        assert asked_ids(p) == ["nep-tf", "right-opposition-members"]

    def test_a_question_answered_right_since_is_not_missed(self, bank, store):
        """Only the latest answer counts: missed then right is not practised."""
        run(bank, store, [wrong_answer], limit=1, types=("short",), now=NOW)
        run(bank, store, [right_answer], limit=1, types=("short",), mode="practice",
            now=NOW + timedelta(minutes=5))
        p = run(bank, store, [right_answer], mode="practice", missed_only=True,
                now=NOW + timedelta(hours=1))
        assert p.asked == [] and p.notices and "not missed" in p.notices[0]

    def test_since_leaves_out_older_mistakes(self, bank, store):
        """--since 7d: a mistake ten days old is not asked."""
        from powerquiz.session.missed import parse_since

        run(bank, store, [wrong_answer], limit=1, types=("short",), now=NOW)
        prompter = ScriptedPrompter([right_answer])
        cfg = SessionConfig(mode="practice", missed_only=True, since=parse_since("7d"))
        Session(bank, bank.select((), ()), store, prompter, cfg,
                clock=lambda: NOW + timedelta(days=10)).run()
        assert prompter.asked == [] and "in that time" in prompter.notices[0]

    def test_practice_puts_a_recent_miss_before_unseen_questions(self, bank, store):
        """A question just missed comes before every never-seen one."""
        run(bank, store, [wrong_answer], limit=1, types=("cloze",), now=NOW)
        p = run(bank, store, [right_answer], mode="practice", limit=1,
                now=NOW + timedelta(minutes=1))
        assert asked_ids(p) == ["cloze-one"]

    @pytest.mark.parametrize("text", ["7", "d", "0d", "7 days", "-1d", "1y"])
    def test_since_refuses_what_is_not_a_time_span(self, text):
        """A --since that is not NUMBER+m/h/d/w is refused in words."""
        from powerquiz.session.missed import parse_since

        with pytest.raises(ValueError, match="not a time span"):
            parse_since(text)


class TestStoppedExam:
    """A stopped exam is scored over the whole paper; the paper explains each mark."""

    def test_one_right_then_stop_is_not_full_marks(self, bank, store):
        """One right answer of three, then Ctrl-C: 1 out of 3, 2 unanswered."""
        from powerquiz.ui.text import paper_lines, score_line

        p = run(bank, store, [right_answer, KeyboardInterrupt], mode="exam", count=3)
        s = p.summary
        assert s is not None and s.interrupted and len(s.unanswered) == 2
        assert s.percent == 33
        assert score_line(s) == "Score: 1 out of 3 (33%); 2 unanswered."
        assert sum("Not answered" in line for line in paper_lines(s)) == 2

    def test_the_paper_says_what_was_wrong_and_why(self, bank, store):
        """A wrong answer's entry gives the verdict, the right answer, the parts, the why."""
        from powerquiz.ui.text import paper_lines

        p = run(bank, store, ["Trotsky"], mode="exam", count=1, types=("short",))
        assert p.summary is not None
        lines = paper_lines(p.summary)
        assert "   ✗ Wrong" in lines and "   Expected: Bukharin, Tomsky and Rykov" in lines
        assert "   0 of 3: missing Bukharin, Tomsky and Rykov" in lines
        assert any(line.startswith("   Why: They defended NEP") for line in lines)
