"""Blooket's spreadsheet import template as CSV.

The layout is Blooket's own template (``Blooket_Spreadsheet_Import_Template.csv``):

- row 1: the banner cell ``Blooket\\nImport Template`` padded with empty cells to the
  eight columns (Blooket reads its delimiter from this row),
- row 2: the headers ``Question #``, ``Question Text``, ``Answer 1``, ``Answer 2``,
  ``Answer 3\\n(Optional)``, ``Answer 4\\n(Optional)``,
  ``Time Limit (sec)\\n(Max: 300 seconds)``,
  ``Correct Answer(s)\\n(Only include Answer #)``,
- then one question a row; the correct answers are answer numbers ("2", or "1,3").

CRLF line endings, UTF-8 without a byte-order mark, as the template ships.

choice and multi questions with 2–4 options and true/false questions fit; the
rest are skipped with the reason.  Cells that a spreadsheet would read as a
formula get a leading ``'``.
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
    GameAnswers,
    TypeTable,
    neutralise_formula,
    partition,
    quiz_game_table,
    type_reason,
    writer_for,
)

FORMAT = ExportFormat(
    name="blooket",
    suffix=".csv",
    summary="Blooket's CSV import template: multiple choice and true/false",
)

BANNER = "Blooket\nImport Template"
HEADERS = (
    "Question #",
    "Question Text",
    "Answer 1",
    "Answer 2",
    "Answer 3\n(Optional)",
    "Answer 4\n(Optional)",
    "Time Limit (sec)\n(Max: 300 seconds)",
    "Correct Answer(s)\n(Only include Answer #)",
)
MAX_ANSWERS = 4
#: Seconds per question; Blooket allows up to 300.
TIME_LIMIT = 20


ONLY_CHOICES = "Blooket holds only multiple-choice and true/false questions"


def _options(q: Question) -> GameAnswers:
    return list(q.options), [n for n, opt in enumerate(q.options, 1) if opt in q.correct]


#: How each question type gives its answers (and the right ones' numbers), or why not.
TYPES: TypeTable[Callable[[Question], GameAnswers]] = quiz_game_table(ONLY_CHOICES, _options)


def why_not(q: Question) -> str | None:
    """Why Blooket cannot hold ``q``, or None when it can."""
    reason = type_reason(TYPES, q)
    if reason is None and len(q.options) > MAX_ANSWERS:
        return f"more than {MAX_ANSWERS} options; Blooket holds {MAX_ANSWERS} answers"
    return reason


def answers(q: Question) -> tuple[list[str], list[int]]:
    """The answers of ``q`` as Blooket lists them, and the 1-based numbers of the right ones."""
    return writer_for(TYPES, q)(q)


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    kept, skipped = partition(questions, why_not)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([BANNER] + [""] * (len(HEADERS) - 1))
    writer.writerow(HEADERS)
    for number, q in enumerate(kept, 1):
        texts, right = answers(q)
        texts += [""] * (MAX_ANSWERS - len(texts))
        writer.writerow([
            str(number),
            neutralise_formula(one_line(q.prompt)),
            *(neutralise_formula(one_line(t)) for t in texts),
            str(TIME_LIMIT),
            ",".join(map(str, right)),
        ])
    return ExportResult(data=out.getvalue(), count=len(kept), skipped=tuple(skipped))
