"""The selected questions as a bank in JSON: the bank format, marked with its version.

The document is ``Bank.to_dict()`` of the bank narrowed to the selected questions
(every topic and learning point is kept, so references stay valid), with a
``"format": "powerquiz-bank/1"`` marker first.  Pretty-printed UTF-8, ending in a
newline.  Every question type fits, so nothing is skipped.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from typing import Any

from powerquiz.bank.model import QUESTION_TYPES, Bank, Question
from powerquiz.exports.common import ExportFormat, ExportResult, TypeTable

#: The marker naming the document's shape; bumped if the bank format ever changes shape.
FORMAT_MARKER = "powerquiz-bank/1"

FORMAT = ExportFormat(
    name="json",
    suffix=".json",
    summary="the questions as a JSON bank, for scripts",
)


#: Every type is written the same way, by the bank format itself (``Question.to_dict``).
TYPES: TypeTable[Callable[[Question], dict[str, Any]]] = dict.fromkeys(
    QUESTION_TYPES, Question.to_dict)


def bank_document(bank: Bank, questions: Sequence[Question]) -> dict[str, Any]:
    """The JSON document: the format marker, then the bank holding ``questions``."""
    narrowed = dataclasses.replace(bank, questions=tuple(questions))
    return {"format": FORMAT_MARKER, **narrowed.to_dict()}


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    text = json.dumps(bank_document(bank, questions), indent=2, ensure_ascii=False) + "\n"
    return ExportResult(data=text, count=len(questions))
