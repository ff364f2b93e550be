"""Finding questions by their words (``powerquiz list --search``).

A question matches when every word of the query is found in its id, prompt, answer,
options, explanation, hint or tags: capitals and accents are ignored ("trotsky" finds
"Trotsky", "lenine" does not find "Lenin", "politburo" finds "Politbüro"), and a word
may be the start of a longer one ("collectiv" finds "collectivisation").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from powerquiz.bank.model import Question

__all__ = ["fold", "matches", "search"]

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` without capitals or accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _texts(q: Question) -> Iterable[str]:
    yield q.id
    yield q.display_prompt
    yield q.expected
    yield from q.options
    yield q.explain or ""
    yield q.hint or ""
    yield from q.tags


def matches(q: Question, query: str) -> bool:
    """Whether every word of ``query`` starts a word of one of ``q``'s texts."""
    wanted = _WORD.findall(fold(query))
    if not wanted:
        return True
    words = set(_WORD.findall(fold(" ".join(_texts(q)))))
    return all(any(w.startswith(x) for w in words) for x in wanted)


def search(questions: Sequence[Question], query: str) -> list[Question]:
    """The questions matching ``query``, in their order."""
    return [q for q in questions if matches(q, query)]
