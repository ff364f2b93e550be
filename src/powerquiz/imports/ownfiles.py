"""powerquiz's own CSV and JSON exports, read back losslessly.

The CSV goes through :func:`powerquiz.exports.csv_bank.read_csv` (the one reader of
that layout: the bank loader and checks, problems at the CSV line of their row); the
JSON is checked as JSON first (a located message for a syntax error), then as a bank by
the loader, at its own lines.
"""

from __future__ import annotations

import json

from powerquiz.bank.loader import parse
from powerquiz.bank.model import Bank
from powerquiz.bank.problems import BankError, Problem
from powerquiz.imports.base import Draft, ImportFailure, Options
from powerquiz.imports.textfile import decode_text


def _failure(problems: list[Problem], source: str) -> ImportFailure:
    errors = [p for p in problems if p.is_error] or problems
    first = errors[0] if errors else Problem(source, 1, 1, "not a powerquiz bank")
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return ImportFailure(f"{first.file}:{first.line}:{first.col}", first.message + more)


def _draft(bank: Bank, source: str, fmt: str) -> Draft:
    draft = Draft(source, fmt, bank_id=bank.id, title=bank.title,
                  description=bank.description, keep_all_topics=True)
    draft.topics = {t.id: t.title for t in bank.topics}
    draft.points = list(bank.points)
    for q in bank.questions:
        draft.new_id(q.id, q.prompt)
        draft.add(q)
    return draft


def read(data: bytes, source: str, options: Options, fmt: str = "csv") -> Draft:
    text = decode_text(data, source)
    if fmt == "csv":
        from powerquiz.exports.csv_bank import read_csv

        try:
            bank = read_csv(text, source)
        except BankError as exc:
            raise _failure(exc.problems, source) from None
        return _draft(bank, source, fmt)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"{source}:{exc.lineno}:{exc.colno}",
                            f"not valid JSON ({exc.msg})") from None
    if not isinstance(document, dict) or "questions" not in document:
        raise ImportFailure(source, "not a powerquiz JSON bank: the document has no "
                                    "'questions'")
    built, problems = parse(text, source)
    if built is None:
        raise _failure(problems, source)
    return _draft(built, source, fmt)
