"""Per-answer work does not grow with the bank: once a session is planned, answering
touches only the questions asked, and nothing is planned or read again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import powerquiz.session.engine as engine
import powerquiz.session.plan as plans
import powerquiz.session.planning as planning
from powerquiz.bank import Bank, Question, load_bank
from powerquiz.progress import ProgressStore
from session_helpers import run, wrong_answer

#: Ids of the questions whose fields were read while counting is on.
TOUCHED: set[str] = set()
COUNTING: list[bool] = [False]


class Tracked(Question):
    """A question that notes each read of its fields while counting is on."""

    def __getattribute__(self, name: str) -> Any:
        if COUNTING[0] and not name.startswith("__"):
            TOUCHED.add(object.__getattribute__(self, "id"))
        return super().__getattribute__(name)


def big_bank(mini: Bank, copies: int) -> Bank:
    """The mini bank with ``copies`` extra copies of each question, every one tracked."""
    questions = [
        Tracked(**{**{f.name: getattr(q, f.name) for f in dataclasses.fields(q)},
                   "id": q.id if n == 0 else f"{q.id}-{n}"})
        for n in range(copies + 1) for q in mini.questions
    ]
    return dataclasses.replace(mini, questions=tuple(questions))


@pytest.fixture
def mini(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Start counting at the first question asked; count plans and store reads."""
    calls = {"plan": 0, "cards": 0, "reviews": 0}
    real_plan, real_ask = plans.plan_drill, engine.Session._ask

    def plan(*args: Any, **kwargs: Any) -> Any:
        calls["plan"] += 1
        return real_plan(*args, **kwargs)

    def ask(self: engine.Session, asked: Any) -> Any:
        COUNTING[0] = True
        return real_ask(self, asked)

    for name in ("cards", "reviews"):
        real = getattr(ProgressStore, name)

        def counted(self: ProgressStore, *args: Any, _real: Any = real, _name: str = name
                    ) -> Any:
            calls[_name] += 1
            return _real(self, *args)

        monkeypatch.setattr(ProgressStore, name, counted)
    monkeypatch.setattr(planning, "plan_drill", plan)  # the engine plans through planning
    monkeypatch.setattr(engine.Session, "_ask", ask)
    TOUCHED.clear()
    yield calls
    COUNTING[0] = False
    TOUCHED.clear()


class TestPerAnswerWork:
    """What one answer costs is independent of the number of questions."""

    @pytest.mark.parametrize("copies", [0, 40])
    def test_answering_touches_only_the_questions_asked(self, mini, tmp_path, counting,
                                                        copies):
        """After planning, a session reads only the questions it asks, at any bank size."""
        bank = big_bank(mini, copies)
        store = ProgressStore(tmp_path / "progress.json")
        p = run(bank, store, [wrong_answer] * 8, limit=4, new_per_day=4, relearn=True)
        asked = {a.question.id for a in p.asked}
        assert len(p.outcomes) == 8  # four questions, each missed and asked again
        assert TOUCHED
        assert not TOUCHED - asked, sorted(TOUCHED - asked)

    def test_a_session_plans_and_reads_the_cards_once(self, mini, tmp_path, counting):
        """Eight answers: one plan, one read of the cards, no read of the review log."""
        store = ProgressStore(tmp_path / "progress.json")
        run(big_bank(mini, 10), store, [wrong_answer] * 8, limit=4, new_per_day=4,
            relearn=True)
        assert counting == {"plan": 1, "cards": 1, "reviews": 0}
