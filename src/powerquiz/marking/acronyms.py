"""Students' initials for a question's names: "SIOC" is Socialism in One Country.

Notes shorten the long names a question uses.  A *long name* is a run of two or more
words the question's texts write with capitals, small words (in, of, on, the...)
allowed between them ("Socialism in One Country", "Resolution on Party Unity",
"Permanent Revolution").  Its initials are taken with and without the small words
("SIOC" and "SOC"; "ROPU" and "RPU").  An answer's word written in capitals that is
such initials, and that the question does not write itself (NEP, USSR), is read as
the name in full; initials two names share are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from powerquiz.marking.normalize import tokenize
from powerquiz.marking.schemewords import is_small

_CAPITALS = re.compile(r"\b[A-Z]{2,6}\b")


def long_names(texts: Iterable[str]) -> set[tuple[str, ...]]:
    """Every long name (its words as written) in ``texts``: no punctuation inside, and
    no "and" (two names, not one)."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        t = tokenize(text)
        run: list[str] = []
        for word, sep in zip((*t.shown, ""), (*(t.seps or ("",) * len(t.shown)), " "),
                             strict=True):
            if run and sep.strip():
                _flush(run, out)
            if _capital(word) or (run and is_small(word) and word.islower() and word not in _JOINS):
                run.append(word)
            else:
                _flush(run, out)
    return out


_JOINS = frozenset({"and", "or"})


def _capital(word: str) -> bool:
    """A word written with a capital, not all in capitals (NEP is a name of its own)."""
    return word[:1].isupper() and word.isalpha() and not word.isupper() \
        and not is_small(word.casefold())


def _flush(run: list[str], out: set[tuple[str, ...]]) -> None:
    while run and not _capital(run[-1]):
        run.pop()
    if sum(map(_capital, run)) >= 2:
        out.add(tuple(run))
    run.clear()


def acronym_table(texts: Iterable[str]) -> dict[str, str]:
    """Initials -> the long name they stand for, for the question's ``texts``."""
    texts = list(texts)
    own = {w for t in texts for w in tokenize(t).shown if w.isupper()}
    found: dict[str, set[str]] = {}
    for name in long_names(texts):
        full = "".join(w[0] for w in name).upper()
        capitals = "".join(w[0] for w in name if _capital(w))
        for initials in {full, capitals}:
            if len(initials) >= 2 and initials not in own:
                found.setdefault(initials, set()).add(" ".join(name))
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def expand(text: str, table: dict[str, str]) -> str:
    """``text`` with each word in capitals that ``table`` knows written in full."""
    if not table or not _CAPITALS.search(text):
        return text
    return _CAPITALS.sub(lambda m: table.get(m.group(0), m.group(0)), text)
