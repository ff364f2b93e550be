"""Gimkit's spreadsheet import template as CSV.

The layout is Gimkit's own template:

- row 1: ``Gimkit Spreadsheet Import Template`` padded with empty cells to five columns,
- row 2: ``Question``, ``Correct Answer``, ``Incorrect Answer 1``,
  ``Incorrect Answer 2 (Optional)``, ``Incorrect Answer 3 (Optional)``,
- then one question a row.

A Gimkit question has one correct answer and one to three incorrect ones, so:

- choice with at most 4 options: the right option, the others as incorrect answers;
- truefalse: True/False;
- short with a single answer and ``wrong:`` entries: the answer, the first three
  wrong answers as incorrect ones;
- the rest are skipped, each with its reason (several correct answers, too many
  options, a list answer, no wrong answers to offer, a type with no single answer).

Cells that a spreadsheet would read as a formula get a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.wording import one_line
from powerquiz.exports.common import (
    ExportFormat,
    ExportResult,
    TypeTable,
    neutralise_formula,
    partition,
    type_reason,
    writer_for,
)

FORMAT = ExportFormat(
    name="gimkit",
    suffix=".csv",
    summary="Gimkit's CSV import template: one correct answer, up to 3 wrong ones",
)

BANNER = "Gimkit Spreadsheet Import Template"
HEADERS = (
    "Question",
    "Correct Answer",
    "Incorrect Answer 1",
    "Incorrect Answer 2 (Optional)",
    "Incorrect Answer 3 (Optional)",
)
MAX_INCORRECT = 3


ONE_ANSWER = "Gimkit holds only questions with one correct answer and wrong ones to offer"


def _choice(q: Question) -> list[str]:
    return [opt for opt in q.options if opt not in q.correct]


def _truefalse(q: Question) -> list[str]:
    return ["False" if q.truth else "True"]


def _short(q: Question) -> list[str]:
    right = {alt.casefold() for part in q.parts for alt in part}
    right |= {a.casefold() for a in q.accept}
    seen: set[str] = set()
    out: list[str] = []
    for w in q.wrong:
        folded = w.text.casefold()
        if folded not in right and folded not in seen:
            seen.add(folded)
            out.append(w.text)
    return out


#: How each question type gives its incorrect answers, or why Gimkit cannot hold it.
TYPES: TypeTable[Callable[[Question], list[str]]] = {
    "short": _short,
    "choice": _choice,
    "multi": "several correct answers; Gimkit holds one",
    "truefalse": _truefalse,
    "match": ONE_ANSWER,
    "order": ONE_ANSWER,
    "cloze": ONE_ANSWER,
    "recall": ONE_ANSWER,
    "explain": ONE_ANSWER,
}


def incorrect(q: Question) -> list[str]:
    """Every incorrect answer ``q`` can offer, in the order written (none if it cannot)."""
    writer = TYPES.get(q.type)
    return [] if writer is None or isinstance(writer, str) else writer(q)


def why_not(q: Question) -> str | None:
    """Why Gimkit cannot hold ``q``, or None when it can."""
    reason = type_reason(TYPES, q)
    if reason is not None:
        return reason
    if len(q.options) > MAX_INCORRECT + 1:
        return f"more than {MAX_INCORRECT + 1} options; Gimkit holds {MAX_INCORRECT} wrong ones"
    if q.is_list_answer:
        return "a list answer; Gimkit holds one correct answer"
    if not incorrect(q):
        return "no 'wrong:' answers to offer as Gimkit's incorrect answers"
    return None


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    kept, skipped = partition(questions, why_not)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([BANNER] + [""] * (len(HEADERS) - 1))
    writer.writerow(HEADERS)
    for q in kept:
        wrong = writer_for(TYPES, q)(q)[:MAX_INCORRECT]
        wrong += [""] * (MAX_INCORRECT - len(wrong))
        cells = [q.prompt, q.expected, *wrong]
        writer.writerow([neutralise_formula(one_line(c)) for c in cells])
    return ExportResult(data=out.getvalue(), count=len(kept), skipped=tuple(skipped))
