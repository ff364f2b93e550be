"""The explain marker on the held-out sets 3 to 9: questions and answers written
apart from the marker.

Schemes were written from the page before any answer existed, and the answers by
someone who never saw the schemes' phrases; ``wrongly_stated`` lists, for each
answer, the scheme entries (1-based) it states wrongly.  Set 3 was measured untouched
at 60.6% exact / 87.5% within one, set 4 at 70.8% / 88.3% with 7 wrongly stated points
credited; both have since been used to improve the marker, so these tests keep what
was reached on them (floors, rounded down: raise them, never lower them).  Set 5 was
measured untouched on its 150 held-out answers at 74.7% / 92.7% with 5 wrongly stated
points credited (its 90 training answers refined its scheme); it is now a development
set too.  Set 6, made as set 5, was measured untouched at 76.0% / 87.3% with 6 of its 37
wrongly stated points credited; it too is now a development set.  Set 7, made as set 5,
was measured untouched at 75.3% / 92.7% with 4 of its 38 wrongly stated points credited:
those four are listed in ``known_wrong``, so that no new one comes unnoticed and a rule
that fixes one must take it off the list (the issue's bar is none at all).  Sets 8 and 9
were made the same way with eight classes' answers; their 210 held-out answers each were
measured untouched (78.1% and 78.6% exact after two rounds of refinement on 105 answers a
question, 10 and 4 of 53 wrongly stated points credited) and are development sets now.
Set 10 was made the same way with eight classes (280 answers a question, split at random
into 245 for training and 35 held out); its schemes were refined on the training answers
alone, question by question, and its 210 held-out answers measured once through
``powerquiz check --json``: 81.4% / 96.7% with the blind schemes, 90.0% / 96.7% after
refinement, with 5 of its 52 wrongly stated points credited (listed in ``known_wrong``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.marking.replay import MarkedAnswer, check_rows, replay
from powerquiz.marking.schememark import assess

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class HeldOutSet:
    """One set: its files, its size and the agreement reached on it."""

    name: str
    questions: int
    answers: int
    exact_floor: float
    within_one_floor: float
    #: The csv's name, when it is not the set's own (a set's training answers).
    answers_file: str = ""
    #: (csv line, scheme entry) of the points stated wrongly that the marker still credits.
    known_wrong: tuple[tuple[int, int], ...] = ()

    def bank(self) -> Bank:
        return load_bank(DATA / f"explain_{self.name}_bank.yaml")

    def rows(self) -> list[dict[str, str]]:
        name = self.answers_file or f"explain_{self.name}.csv"
        with (DATA / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))


SETS = [HeldOutSet("heldout3", 8, 160, 0.84, 0.96),
        HeldOutSet("heldout4", 6, 120, 0.88, 0.95),
        HeldOutSet("heldout5", 6, 150, 0.80, 0.93),
        HeldOutSet("heldout5", 6, 90, 0.95, 0.96, "explain_heldout5_train.csv"),
        HeldOutSet("heldout6", 6, 150, 0.83, 0.90),
        HeldOutSet("heldout6", 6, 90, 0.98, 1.0, "explain_heldout6_train.csv"),
        HeldOutSet("heldout7", 6, 150, 0.81, 0.94, known_wrong=((98, 1),)),
        HeldOutSet("heldout7", 6, 90, 0.93, 0.95, "explain_heldout7_train.csv"),
        HeldOutSet("heldout8", 6, 210, 0.78, 0.93,
                   known_wrong=((8, 2), (39, 1), (41, 1), (56, 5), (173, 2), (196, 6))),
        HeldOutSet("heldout8", 6, 630, 0.89, 0.96, "explain_heldout8_train.csv",
                   known_wrong=((572, 1),)),
        HeldOutSet("heldout9", 6, 210, 0.78, 0.96,
                   known_wrong=((28, 2), (178, 3))),
        HeldOutSet("heldout9", 6, 630, 0.90, 0.96, "explain_heldout9_train.csv",
                   known_wrong=((620, 5),)),
        HeldOutSet("heldout10", 6, 210, 0.90, 0.96,
                   known_wrong=((44, 2), (56, 2), (127, 1), (158, 1), (162, 2))),
        HeldOutSet("heldout10", 6, 1470, 0.94, 0.98, "explain_heldout10_train.csv",
                   known_wrong=((799, 1), (869, 1)))]


@pytest.fixture(scope="module", params=SETS,
                ids=[s.answers_file.removesuffix(".csv") or s.name for s in SETS])
def held_out(request: pytest.FixtureRequest) -> tuple[HeldOutSet, Bank, list[dict[str, str]]]:
    chosen: HeldOutSet = request.param
    return chosen, chosen.bank(), chosen.rows()


class TestHeldOutSets:
    """Each set loads, never credits a point stated wrongly, and keeps its agreement."""

    def test_the_bank_loads_with_every_model_answer_at_full_marks(
        self, held_out: tuple[HeldOutSet, Bank, list[dict[str, str]]]
    ) -> None:
        """The marker's self-check accepts every model answer of the set (none is refused)."""
        chosen, bank, _ = held_out
        assert len([q for q in bank if q.type == "explain"]) == chosen.questions
        assert all(assess(q, q.model_answer).awarded == q.marks for q in bank)

    def test_no_point_stated_wrongly_is_credited(
        self, held_out: tuple[HeldOutSet, Bank, list[dict[str, str]]]
    ) -> None:
        """No scheme entry an answer's wrongly_stated column lists is among its credited ones
        (but the set's known ones, listed)."""
        chosen, bank, rows = held_out
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
        assert credited_wrongly == list(chosen.known_wrong)

    def test_agreement_stays_at_or_above_the_floor(
        self, held_out: tuple[HeldOutSet, Bank, list[dict[str, str]]]
    ) -> None:
        """Exact and within-one agreement with the teacher are at least the figures reached."""
        chosen, bank, rows = held_out
        marked = [MarkedAnswer(r["question"], r["answer"], int(r["marks"]), n)
                  for n, r in enumerate(rows, 2)]
        assert len(marked) == chosen.answers and check_rows(bank, marked) == []
        report = replay(bank, marked)
        assert report.exact >= chosen.exact_floor, [(r.row.line, r.awarded)
                                                    for r in report.disagreements]
        assert report.within_one >= chosen.within_one_floor
