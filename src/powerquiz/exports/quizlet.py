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

from collections.abc import Callable, Sequence

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.wording import letter, one_line
from powerquiz.exports.common import ExportFormat, ExportResult, TypeTable, writer_for

FORMAT = ExportFormat(
    name="quizlet",
    suffix=".txt",
    summary="flashcards to paste into Quizlet's import box (term TAB definition)",
)


def _plain(q: Question) -> tuple[str, str]:
    return q.display_prompt, q.expected


def _choices(q: Question) -> tuple[str, str]:
    options = " ".join(f"({letter(i)}) {opt}" for i, opt in enumerate(q.options))
    says_so = "all that apply" in q.prompt.casefold()
    suffix = " (choose all that apply)" if q.type == "multi" and not says_so else ""
    return f"{q.prompt}{suffix} {options}", q.expected


def _truefalse(q: Question) -> tuple[str, str]:
    return f"True or false: {q.prompt}", q.expected


def _order(q: Question) -> tuple[str, str]:
    term = f"{q.prompt} {' / '.join(sorted(q.items, key=str.casefold))}"
    return term, " ".join(f"{n}. {item}" for n, item in enumerate(q.items, 1))


def _match(q: Question) -> tuple[str, str]:
    return f"{q.prompt} {' / '.join(left for left, _ in q.pairs)}", q.expected


def _cloze(q: Question) -> tuple[str, str]:
    return q.display_prompt, " ".join(f"({n}) {gap[0]}" for n, gap in enumerate(q.gaps, 1))


#: The (term, definition) of each question type: every type fits.
TYPES: TypeTable[Callable[[Question], tuple[str, str]]] = {
    "short": _plain,
    "choice": _choices,
    "multi": _choices,
    "truefalse": _truefalse,
    "match": _match,
    "order": _order,
    "cloze": _cloze,
    "recall": _plain,
    "explain": _plain,
}


def card(q: Question) -> tuple[str, str]:
    """The (term, definition) of the flashcard for ``q``, each on one line."""
    term, definition = writer_for(TYPES, q)(q)
    return one_line(term), one_line(definition)


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    lines = [f"{term}\t{definition}\n" for term, definition in map(card, questions)]
    return ExportResult(data="".join(lines), count=len(lines))
