"""Replaying a teacher's marked answers through the explain marker (pmatch's testing tool).

Each row is (question id, answer, the teacher's marks).  :func:`replay` marks every
answer again and reports how often the marker gives the teacher's mark exactly and
within one, the confusion of marks (teacher's mark -> marker's mark -> how many), and
every answer marked differently with what was credited, so a teacher can see which
scheme entry to improve.  Reading the CSV file is the command's job
(:mod:`powerquiz.cli.replay`); this module is pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Bank
from powerquiz.marking.schememark import assess


@dataclass(frozen=True)
class MarkedAnswer:
    """One row: the question, the answer and the teacher's marks, with its line in the file."""

    question: str
    answer: str
    marks: int
    line: int = 0


@dataclass(frozen=True)
class Replayed:
    row: MarkedAnswer
    awarded: int
    out_of: int
    credited: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        return self.awarded == self.row.marks


@dataclass
class ReplayReport:
    """The agreement between the teacher and the marker over every row."""

    results: list[Replayed] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.results)

    @property
    def exact(self) -> float:
        """The share of rows given the teacher's mark (1.0 for no rows)."""
        return sum(r.agrees for r in self.results) / self.count if self.count else 1.0

    @property
    def within_one(self) -> float:
        """The share of rows within one mark of the teacher's."""
        close = sum(abs(r.awarded - r.row.marks) <= 1 for r in self.results)
        return close / self.count if self.count else 1.0

    @property
    def confusion(self) -> dict[tuple[int, int], int]:
        """(teacher's mark, marker's mark) -> how many rows, in order."""
        counts = Counter((r.row.marks, r.awarded) for r in self.results)
        return dict(sorted(counts.items()))

    @property
    def disagreements(self) -> list[Replayed]:
        return [r for r in self.results if not r.agrees]

    @property
    def over_marked(self) -> list[Replayed]:
        """Rows the marker gave more than the teacher did."""
        return [r for r in self.results if r.awarded > r.row.marks]


def check_rows(bank: Bank, rows: Sequence[MarkedAnswer]) -> list[str]:
    """Why rows cannot be replayed: an unknown id, not an explain question, marks out of range."""
    problems: list[str] = []
    for row in rows:
        q = bank.question(row.question)
        where = f"line {row.line}: " if row.line else ""
        if q is None:
            problems.append(f"{where}no question '{row.question}' in the bank")
        elif q.type != "explain":
            problems.append(f"{where}'{row.question}' is a {q.type} question, not explain")
        elif not 0 <= row.marks <= q.marks:
            problems.append(f"{where}{row.marks} marks is outside 0 to {q.marks} "
                            f"for '{row.question}'")
    return problems


def replay(bank: Bank, rows: Sequence[MarkedAnswer]) -> ReplayReport:
    """Mark every row again (rows must have passed :func:`check_rows`)."""
    report = ReplayReport()
    for row in rows:
        q = bank.question(row.question)
        assert q is not None
        a = assess(q, row.answer)
        report.results.append(Replayed(row, a.awarded, a.out_of, tuple(a.credited)))
    return report
