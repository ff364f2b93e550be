"""Kahoot's quiz spreadsheet template (``.xlsx``), for *Add question → Import spreadsheet*.

The sheet follows the layout of Kahoot's own ``KahootQuizTemplate.xlsx``:

- rows 2–6, column B: a title and notes (Kahoot ignores them),
- row 8: column A empty, then ``Question - max 120 characters``,
  ``Answer 1 - max 75 characters`` … ``Answer 4 - max 75 characters``,
  ``Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs``,
  ``Correct answer(s) - choose at least one``,
- from row 9: the question number in column A, then one question a row; the
  correct answers are answer numbers (``2``, or ``"1,3"`` when several are right).

choice and multi questions with 2–4 options and true/false questions fit (a multi
question becomes a question with several correct answers); the rest are skipped
with the reason.  Text over Kahoot's limits (120 characters for a question, 75 for
an answer) is kept whole and named in a warning.  Every text cell is written as a
string cell, which a spreadsheet shows as typed and never evaluates, so text such as
``=A`` or ``-1`` is written as it is, with no ``'`` added (unlike the CSV formats).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.wording import one_line
from powerquiz.exports.common import (
    ExportFormat,
    ExportResult,
    GameAnswers,
    MissingDependency,
    TypeTable,
    partition,
    quiz_game_table,
    type_reason,
    writer_for,
)

FORMAT = ExportFormat(
    name="kahoot",
    suffix=".xlsx",
    summary="Kahoot's spreadsheet template (.xlsx): multiple choice and true/false",
    binary=True,
    needs="kahoot",
)

MAX_QUESTION = 120
MAX_ANSWER = 75
MAX_ANSWERS = 4
#: Seconds per question; Kahoot allows 5, 10, 20, 30, 60, 90, 120 or 240.
TIME_LIMIT = 20
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)

HEADER_ROW = 8  # 1-based, as a spreadsheet shows it
HEADERS = (
    "",
    f"Question - max {MAX_QUESTION} characters",
    *(f"Answer {n} - max {MAX_ANSWER} characters" for n in range(1, MAX_ANSWERS + 1)),
    "Time limit (sec) – " + ", ".join(map(str, TIME_LIMITS[:-1])) + f", or {TIME_LIMITS[-1]} secs",
    "Correct answer(s) - choose at least one",
)


ONLY_CHOICES = "Kahoot holds only multiple-choice and true/false questions"


def _options(q: Question) -> GameAnswers:
    return [one_line(o) for o in q.options], [
        n for n, opt in enumerate(q.options, 1) if opt in q.correct
    ]


#: How each question type gives its answers (and the right ones' numbers), or why not.
TYPES: TypeTable[Callable[[Question], GameAnswers]] = quiz_game_table(ONLY_CHOICES, _options)


def why_not(q: Question) -> str | None:
    """Why Kahoot cannot hold ``q``, or None when it can."""
    reason = type_reason(TYPES, q)
    if reason is None and len(q.options) > MAX_ANSWERS:
        return f"more than {MAX_ANSWERS} options; Kahoot holds {MAX_ANSWERS} answers"
    return reason


def answers(q: Question) -> tuple[list[str], list[int]]:
    """The answers of ``q`` as Kahoot lists them, and the 1-based numbers of the right ones."""
    return writer_for(TYPES, q)(q)


def _too_long(label: str, limit: int, ids: list[str]) -> str:
    n = len(ids)
    noun = "question" if n == 1 else "questions"
    return (f"kahoot: {n} {noun} with {label} over {limit} characters, which Kahoot "
            f"refuses or cuts: {', '.join(ids)}")


def _head(workbook: Any, sheet: Any, bank: Bank) -> Any:
    """The template's notes and header row; returns the format of the question cells."""
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 5, 30)
    sheet.set_column(6, 7, 16)
    notes = (
        "Quiz template",
        one_line(bank.title),
        "Made with powerquiz. Import it in Kahoot: Add question → Import spreadsheet.",
        f"Questions have a limit of {MAX_QUESTION} characters and answers "
        f"{MAX_ANSWER}; several correct answers are separated by commas.",
        "If you edit it outside Excel, save it as .xlsx again before you upload it.",
    )
    for row, note in enumerate(notes, 1):
        sheet.write_string(row, 1, note, bold if row == 1 else None)
    for col, title in enumerate(HEADERS):
        if title:
            sheet.write_string(HEADER_ROW - 1, col, title, header)
    return workbook.add_format({"text_wrap": True, "valign": "top"})


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    try:
        import xlsxwriter
    except ImportError as exc:
        raise MissingDependency("xlsxwriter", "kahoot", "kahoot") from exc

    kept, skipped = partition(questions, why_not)
    long_questions: list[str] = []
    long_answers: list[str] = []
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Sheet1")
    wrap = _head(workbook, sheet, bank)
    for number, q in enumerate(kept, 1):
        row = HEADER_ROW - 1 + number
        prompt = one_line(q.prompt)
        texts, right = answers(q)
        if len(prompt) > MAX_QUESTION:
            long_questions.append(q.id)
        if any(len(t) > MAX_ANSWER for t in texts):
            long_answers.append(q.id)
        sheet.write_number(row, 0, number)
        sheet.write_string(row, 1, prompt, wrap)
        for col, text in enumerate(texts, 2):
            sheet.write_string(row, col, text, wrap)
        sheet.write_number(row, 2 + MAX_ANSWERS, TIME_LIMIT)
        if len(right) == 1:
            sheet.write_number(row, 3 + MAX_ANSWERS, right[0])
        else:
            sheet.write_string(row, 3 + MAX_ANSWERS, ",".join(map(str, right)))
    workbook.close()

    warnings: list[str] = []
    if long_questions:
        warnings.append(_too_long("a question", MAX_QUESTION, long_questions))
    if long_answers:
        warnings.append(_too_long("an answer", MAX_ANSWER, long_answers))
    return ExportResult(data=buffer.getvalue(), count=len(kept), skipped=tuple(skipped),
                        warnings=tuple(warnings))
