"""Flashcards for Quizlet's "Import" box: one card a line, term TAB definition.

Quizlet splits cards on newlines and term from definition on the tab, so both are
flattened to one line (tabs and newlines become spaces).  Paste the output into
*Create a study set → Import* with "Tab" between term and definition and "New line"
between cards.

What each question type becomes (term → definition):

- short, recall: the prompt → the answer (a list answer reads "a, b and c")
- choice, multi: the prompt with its options "(A) … (B) …" → the right option(s)
- truefalse: "True or false: <prompt>" → True / False
- order: the prompt with the items in alphabetical order → "1. … 2. … 3. …"
- match: the prompt with the left-hand items → "left = right; …"
- cloze: the text with numbered blanks → "(1) answer (2) answer"

Every type fits, so nothing is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from powerquiz.bank.model import Bank, Question
from powerquiz.exports.base import ExportFormat, ExportResult
from powerquiz.exports.shared import letter, one_line

FORMAT = ExportFormat(
    name="quizlet",
    suffix=".txt",
    summary="flashcards to paste into Quizlet's import box (term TAB definition)",
)


def card(q: Question) -> tuple[str, str]:
    """The (term, definition) of the flashcard for ``q``, each on one line."""
    t = q.type
    term = q.display_prompt
    definition = q.expected
    if t in ("choice", "multi"):
        options = " ".join(f"({letter(i)}) {opt}" for i, opt in enumerate(q.options))
        says_so = "all that apply" in q.prompt.casefold()
        suffix = " (choose all that apply)" if t == "multi" and not says_so else ""
        term = f"{q.prompt}{suffix} {options}"
    elif t == "truefalse":
        term = f"True or false: {q.prompt}"
    elif t == "order":
        term = f"{q.prompt} {' / '.join(sorted(q.items, key=str.casefold))}"
        definition = " ".join(f"{n}. {item}" for n, item in enumerate(q.items, 1))
    elif t == "match":
        term = f"{q.prompt} {' / '.join(left for left, _ in q.pairs)}"
    elif t == "cloze":
        definition = " ".join(f"({n}) {gap[0]}" for n, gap in enumerate(q.gaps, 1))
    return one_line(term), one_line(definition)


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    lines = [f"{term}\t{definition}\n" for term, definition in map(card, questions)]
    return ExportResult(data="".join(lines), count=len(lines))
