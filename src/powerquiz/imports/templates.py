"""The quiz-game templates powerquiz writes: Kahoot (.xlsx), Blooket and Gimkit (CSV).

- Kahoot: from row 9, column B the question, C-F up to four answers, H the numbers
  of the right answers ("2" or "1,3").
- Blooket: from row 3, the question text, up to four answers, the right answer
  numbers in the eighth column.
- Gimkit: from row 3, the question, the correct answer and up to three incorrect ones.

Answers "True" and "False" (and nothing else) make a true/false question; one right
answer a choice, several a multi.  The leading ``'`` the exporters put before text a
spreadsheet would read as a formula is removed.  Rows that cannot be read are skipped
and named by their row number.
"""

from __future__ import annotations

import csv
import io

from powerquiz.bank.model import Question
from powerquiz.exports.common import FORMULA_START
from powerquiz.imports.base import Draft, ImportFailure, Options, clean
from powerquiz.imports.textfile import decode_text

_TF = ("True", "False")
KAHOOT_HEADER_ROW = 8


def unprotect(cell: str) -> str:
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def _build(draft: Draft, topic: str, prompt: str, answers: list[str], right: list[int],
           where: str) -> None:
    prompt = clean(unprotect(prompt))
    texts = [clean(unprotect(a)) for a in answers]
    keep = [(n, t) for n, t in enumerate(texts, 1) if t]
    options = [t for _, t in keep]
    correct = [t for n, t in keep if n in right]
    if not prompt or len(options) < 2 or not correct:
        draft.skip("rows with no question, fewer than two answers or no right answer", where)
        return
    qid = draft.new_id("", prompt)
    if tuple(options) == _TF and len(correct) == 1:
        draft.add(Question(qid, topic, "truefalse", prompt=prompt, truth=correct[0] == "True"))
    elif len(correct) == 1:
        draft.add(Question(qid, topic, "choice", prompt=prompt, options=tuple(options),
                           correct=tuple(correct)))
    else:
        draft.add(Question(qid, topic, "multi", prompt=prompt, options=tuple(options),
                           correct=tuple(correct)))


def _numbers(cell: str) -> list[int]:
    out = []
    for part in cell.replace(";", ",").split(","):
        part = part.strip().removesuffix(".0")
        if part.isdigit():
            out.append(int(part))
    return out


def _csv_rows(data: bytes, source: str) -> list[list[str]]:
    text = decode_text(data, source)
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportFailure(source, f"not a readable CSV file ({exc})") from None


def read(data: bytes, source: str, options: Options, fmt: str = "kahoot") -> Draft:
    draft = Draft(source, fmt)
    topic = draft.topic(options.topic or "Imported")
    if fmt == "kahoot":
        from powerquiz.imports.xlsx import rows

        table = rows(data, source)
        header = next((n for n, r in enumerate(table) if len(r) > 1 and
                       r[1].startswith("Question - max")), None)
        if header is None:
            raise ImportFailure(source, "not a Kahoot template: no row has 'Question - max' "
                                        "in column B")
        if header == KAHOOT_HEADER_ROW - 1 and len(table[2]) > 1:
            draft.title = table[2][1]  # the bank's title, as the export writes it
        for n, row in enumerate(table[header + 1:], header + 2):
            row = row + [""] * (8 - len(row))
            if any(row[1:8]):
                _build(draft, topic, row[1], row[2:6], _numbers(row[7]),
                       f"{source}: row {n}")
        return draft
    table = _csv_rows(data, source)
    for n, row in enumerate(table[2:], 3):
        if not any(c.strip() for c in row):
            continue
        where = f"{source}: row {n}"
        if fmt == "blooket":
            row = row + [""] * (8 - len(row))
            _build(draft, topic, row[1], row[2:6], _numbers(row[7]), where)
        else:
            row = row + [""] * (5 - len(row))
            _build(draft, topic, row[0], row[1:5], [1], where)
    return draft
