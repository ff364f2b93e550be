"""The explain marker on held-out set 4: questions and answers written apart from the marker.

Schemes were written from the page before any answer existed, and the answers by
someone who never saw the schemes' phrases; ``wrongly_stated`` lists, for each
answer, the scheme entries (1-based) it states wrongly.  The set is now the
development set; these tests keep what was reached on it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.marking.replay import MarkedAnswer, check_rows, replay
from powerquiz.marking.schememark import assess

DATA = Path(__file__).resolve().parent / "data"
BANK = DATA / "explain_heldout4_bank.yaml"
ANSWERS = DATA / "explain_heldout4.csv"
#: The agreement reached on this set (a floor, rounded down): raise it, never lower it.
EXACT_FLOOR = 0.81
WITHIN_ONE_FLOOR = 0.91


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with ANSWERS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _marked(rows: list[dict[str, str]]) -> list[MarkedAnswer]:
    return [MarkedAnswer(r["question"], r["answer"], int(r["marks"]), n)
            for n, r in enumerate(rows, 2)]


class TestHeldOutFour:
    """Set 4 loads, never credits a point stated wrongly, and keeps its agreement."""

    def test_the_bank_loads_with_every_model_answer_at_full_marks(self, bank: Bank) -> None:
        """The marker's self-check accepts all six model answers (none is refused)."""
        assert len([q for q in bank if q.type == "explain"]) == 6
        assert all(assess(q, q.model_answer).awarded == q.marks for q in bank)

    def test_no_point_stated_wrongly_is_credited(self, bank: Bank,
                                                 rows: list[dict[str, str]]) -> None:
        """No scheme entry an answer's wrongly_stated column lists is among its credited ones."""
        questions = {q.id: q for q in bank}
        checked, credited_wrongly = 0, []
        for n, r in enumerate(rows, 2):
            listed = [int(k) for k in r["wrongly_stated"].replace(";", ",").split(",")
                      if k.strip()]
            if not listed:
                continue
            q = questions[r["question"]]
            credited = set(assess(q, r["answer"]).credited)
            checked += 1
            credited_wrongly += [(n, k) for k in listed if q.scheme[k - 1].credit in credited]
        assert checked >= 10
        assert credited_wrongly == []

    def test_agreement_stays_at_or_above_the_floor(self, bank: Bank,
                                                   rows: list[dict[str, str]]) -> None:
        """Exact and within-one agreement with the teacher are at least the figures reached."""
        marked = _marked(rows)
        assert len(marked) == 120 and check_rows(bank, marked) == []
        report = replay(bank, marked)
        assert report.exact >= EXACT_FLOOR, [(r.row.line, r.awarded)
                                             for r in report.disagreements]
        assert report.within_one >= WITHIN_ONE_FLOOR
