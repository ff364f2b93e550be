"""Scripted sessions over two banks: every answer recorded under its own bank's id and
scheduled with its own bank's settings, whatever ids the banks share."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank import Bank, load_bank
from powerquiz.progress import ProgressStore
from powerquiz.session import Session, SessionConfig
from powerquiz.session.banks import Part
from powerquiz.session.paper import Flag
from powerquiz.session.scripted import Reply, ScriptedPrompter, right_answer
from powerquiz.ui.text import paper_lines, summary_lines
from session_helpers import NOW, wrong_answer

MINI = load_bank(Path(__file__).parent / "data" / "mini.yaml")
IDS = [q.id for q in MINI.questions]


def other(bank: Bank, bid: str = "tudors", title: str = "Tudors") -> Bank:
    """``bank`` under another id and title, each prompt marked with the new id."""
    return replace(bank, id=bid, title=title, questions=tuple(
        replace(q, prompt=f"[{bid}] {q.prompt}") for q in bank.questions))


def run(parts: list[Part], store: ProgressStore, replies: list[Reply], mode: str = "drill",
        now: datetime = NOW, **config: int) -> ScriptedPrompter:
    prompter = ScriptedPrompter(list(replies), ratings=["good"] * 50)
    cfg = SessionConfig(mode=mode, seed=7, fuzz=False, **config)  # type: ignore[arg-type]
    ticks = iter(range(0, 10_000, 2))
    session = Session.over(parts, store, prompter, cfg, clock=lambda: now,
                           timer=lambda: float(next(ticks)))
    prompter.summary = session.run()
    return prompter


def bank_of(prompt: str) -> str:
    return "tudors" if prompt.startswith("[tudors]") else "mini"


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


@pytest.fixture
def two() -> list[Part]:
    tudors = other(MINI)
    return [Part(MINI, MINI.questions), Part(tudors, tudors.questions)]


def recorded(store: ProgressStore) -> Counter[tuple[str, str]]:
    return Counter((r.bank, r.question) for b in ("mini", "tudors") for r in store.reviews(b))


def asked(p: ScriptedPrompter) -> Counter[tuple[str, str]]:
    """The bank and id (found from its prompt) of every question answered."""
    by_prompt = {q.prompt: q.id for q in MINI.questions}
    assert p.summary is not None
    return Counter((bank_of(o.asked.question.prompt),
                    by_prompt[o.asked.question.prompt.split("] ", 1)[-1]])
                   for o in p.summary.outcomes)


class TestTwoBankDrill:
    """A drill over two banks with the same question ids."""

    def test_each_review_is_under_the_bank_its_question_came_from(self, two, store):
        """Every question of both banks asked once: each answer under its own bank."""
        p = run(two, store, [right_answer] * 20, limit=20, new_per_day=10, relearn=False)
        assert len(p.asked) == 2 * len(MINI)
        assert recorded(store) == asked(p) == Counter(
            (b, q) for b in ("mini", "tudors") for q in IDS)
        assert set(store.cards("mini")) == set(store.cards("tudors")) == set(IDS)

    def test_the_header_names_both_banks(self, two, store):
        """The session starts with '2 banks: ' and both titles."""
        p = run(two, store, [right_answer], limit=1)
        assert p.started == ("2 banks: A small bank for tests, Tudors", "drill", 1)

    def test_each_bank_uses_its_own_retention(self, store):
        """The same right answers are due later in the bank kept at 0.7 than at 0.97."""
        low = Part(MINI, MINI.questions[:1], SessionConfig(desired_retention=0.7))
        tudors = other(MINI)
        high = Part(tudors, tudors.questions[:1], SessionConfig(desired_retention=0.97))
        run([low, high], store, [right_answer, right_answer], limit=2)
        run([low, high], store, [right_answer, right_answer], limit=2,
            now=NOW + timedelta(days=1))
        qid = MINI.questions[0].id
        assert store.cards("mini")[qid].due > store.cards("tudors")[qid].due

    def test_each_bank_keeps_its_own_new_allowance(self, store):
        """One new question a day for mini, three for tudors: four asked."""
        tudors = other(MINI)
        parts = [Part(MINI, MINI.questions, SessionConfig(new_per_day=1)),
                 Part(tudors, tudors.questions, SessionConfig(new_per_day=3))]
        p = run(parts, store, [right_answer] * 10, limit=10)
        assert Counter(b for b, _ in asked(p)) == {"mini": 1, "tudors": 3}

    def test_a_claimed_answer_is_corrected_in_its_own_bank(self, two, store):
        """'I was right' after a wrong short answer in tudors corrects tudors' review."""
        tudors = two[1]
        short = [q for q in tudors.questions if q.type == "short"][:1]
        mini_short = [q for q in MINI.questions if q.type == "short"][:1]
        prompter = ScriptedPrompter([wrong_answer, wrong_answer], overrides=[False, True])
        Session.over([Part(MINI, tuple(mini_short)), Part(tudors.bank, tuple(short))], store,
                     prompter, SessionConfig(seed=1, fuzz=False), clock=lambda: NOW).run()
        # the store folds a correction into the review it corrects
        assert [(r.override, r.question) for r in store.reviews("tudors")] == [
            (True, short[0].id)]
        assert [r.override for r in store.reviews("mini")] == [False]

    def test_summary_names_the_bank_of_a_shared_topic(self, two, store):
        """Both banks have 'factions': the summary's topic lines say which bank."""
        p = run(two, store, [right_answer] * 20, limit=20, relearn=False)
        assert p.summary is not None
        labels = [t.topic for t in p.summary.topics]
        assert "factions (A small bank for tests)" in labels and "factions (Tudors)" in labels
        lines = summary_lines(p.summary, NOW)
        assert "  factions (Tudors): 5 of 5" in lines


class TestBankScores:
    """The summary's score of each bank."""

    def test_each_bank_scores_its_own_answers(self, store):
        """All of mini right, all of tudors wrong: mini full marks, tudors none."""
        tudors = other(MINI)
        two = [Part(b, tuple(q for q in b.questions if q.type != "recall"))  # self-rated
               for b in (MINI, tudors)]
        replies: list[Reply] = [
            lambda a: right_answer(a) if bank_of(a.question.prompt) == "mini"
            else wrong_answer(a)] * 20
        p = run(two, store, replies, limit=20, relearn=False)
        assert p.summary is not None
        n = len(two[0].questions)
        assert [(b.topic, b.answered, b.score) for b in p.summary.banks] == [
            ("A small bank for tests", n, n), ("Tudors", n, 0)]
        assert f"2 banks: A small bank for tests {n} of {n}, Tudors 0 of {n}." in \
            summary_lines(p.summary, NOW)

    def test_one_bank_has_no_bank_line(self, store):
        """A one-bank session's summary is as before: no line of bank scores."""
        p = run([Part(MINI, MINI.questions)], store, [right_answer] * 2, limit=2)
        assert p.summary is not None and p.summary.banks == ()
        assert not any(line.startswith("1 banks") for line in summary_lines(p.summary, NOW))


class TestTwoBankPracticeAndExam:
    """Practice and exam over two banks."""

    def test_practice_puts_the_weakest_first_across_banks(self, two, store):
        """A question missed in tudors comes before everything else in practice."""
        tudors = two[1]
        miss = tudors.questions[0]
        run([Part(tudors.bank, (miss,))], store, [wrong_answer], limit=1, relearn=False)
        p = run(two, store, [right_answer] * 3, mode="practice", limit=3)
        assert p.asked[0].question.prompt == miss.prompt
        kinds = [(r.kind, r.question) for r in store.reviews("tudors")]
        assert kinds[0] == ("drill", miss.id) and ("practice", miss.id) in kinds

    def test_missed_only_takes_each_bank_own_mistakes(self, two, store):
        """--missed over two banks: the question missed in mini alone, not tudors' twin."""
        run([Part(MINI, MINI.questions[:1])], store, [wrong_answer], limit=1, relearn=False)
        p = run(two, store, [right_answer] * 3, mode="practice", missed_only=True)
        assert [(bank_of(a.question.prompt)) for a in p.asked] == ["mini"]
        assert len(store.reviews("tudors")) == 0

    def test_an_exam_paper_is_drawn_from_both_banks(self, two, store):
        """--count 14 over two banks of 9 markable questions: both banks on the paper."""
        p = run(two, store, [right_answer] * 14, mode="exam", count=14)
        assert p.summary is not None and len(p.summary.paper) == 14
        assert set(Counter(b for b, _ in asked(p))) == {"mini", "tudors"}
        assert recorded(store) == asked(p)
        assert p.summary.percent == 100
        assert all("Not answered" not in line for line in paper_lines(p.summary))

    def test_a_flag_on_one_bank_question_leaves_its_twin_unflagged(self, two, store):
        """The same id in both banks on one paper: flagging one flags only that one."""
        pair = [Part(p.bank, tuple(q for q in p.questions if q.id == "nep-tf")) for p in two]
        p = run(pair, store, [Flag(), "true", "true"], mode="exam", count=2)
        assert p.summary is not None and len(p.summary.flagged) == 1
        assert sum("(flagged)" in line for line in paper_lines(p.summary)) == 1
        assert recorded(store) == {("mini", "nep-tf"): 1, ("tudors", "nep-tf"): 1}


@st.composite
def two_banks(draw: st.DrawFn) -> tuple[list[Part], str]:
    """Two banks holding any subsets of the same question ids, and a mode."""
    a = draw(st.sets(st.sampled_from(IDS), min_size=1))
    b = draw(st.sets(st.sampled_from(IDS), min_size=1))
    tudors = other(MINI)
    return ([Part(MINI, tuple(q for q in MINI.questions if q.id in a)),
             Part(tudors, tuple(q for q in tudors.questions if q.id in b))],
            draw(st.sampled_from(["drill", "practice", "exam"])))


class TestProperty:
    """Whatever the overlap of ids, no answer is recorded under the other bank."""

    @given(two_banks(), st.lists(st.booleans(), min_size=1, max_size=20))
    def test_every_answer_is_recorded_under_its_own_bank(self, banks, rights):
        """Each asked question's bank and id is exactly one recorded review's."""
        parts, mode = banks
        replies: list[Reply] = [right_answer if r else wrong_answer for r in rights]
        with tempfile.TemporaryDirectory() as folder:
            store = ProgressStore(Path(folder) / "progress.json")
            p = run(parts, store, replies, mode=mode, limit=20, count=20, relearn=False)
            assert recorded(store) == asked(p)
