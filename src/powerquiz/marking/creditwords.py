"""A point's own ``credit`` text as more ways of making it: its runs of content words.

A teacher's credit wording is what students paraphrase ("the peasants of a village
owned the land jointly" is made by "the land was owned together").  Beside its ``any``
phrases, a point is also made, as a last resort, by a *run* of its credit: two or more
words in a row of the credit that are not small words (the, of, was...), nor joining
words, read as a phrase with the usual rules (order, proximity, synonyms, stems,
negation).  Text before a colon is a label ("Good fortune: ...") and gives none.  A
run is left out when:

- it has a name in it (who did what to whom is what the ``any`` phrases say); a
  capitalised first word of the credit counts as one unless the question also
  writes it in lower case ("Cromwell's men were replaced...");
- a ``not:`` phrase of the point has all of its words ("private ownership" of
  "Private ownership of land was abolished" is also in "kept private ownership": the
  run names the matter, not what the point says of it);
- the credit says no ("little interest", "not possible") and the run does not ("the
  Party had little interest in exporting revolution" gives "little interest", not
  "exporting revolution").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from powerquiz.marking.normalize import tokenize
from powerquiz.marking.schemewords import NOT, is_small

#: Words of no or little, a negation in a credit (as :data:`~powerquiz.marking.scheme._FEW`).
_NO = frozenset({"little", "few"})
#: The fewest words a run has.
RUN_WORDS = 2


def credit_runs(credit: str, nots: Iterable[str], key: Callable[[str], str],
                joins: frozenset[str], lower: frozenset[str]) -> tuple[str, ...]:
    """The runs of ``credit`` that may make its point (see the module docstring).

    ``lower`` holds the words the question's texts write in lower case: a capitalised
    first word of the credit that is not among them is a name ("Cromwell's men...").
    """
    runs: list[list[str]] = [[]]
    t = tokenize(credit.split(":")[-1])
    named = {0} if t.shown and t.shown[0][:1].isupper() and t.words[0] not in lower else set()
    for w in t.words:
        if is_small(w) or w in joins:
            runs.append([])
        else:
            runs[-1].append(w)
    negated = any(key(w) == NOT or w in _NO for run in runs for w in run)
    runs = [r for n, r in enumerate(runs) if n not in named]
    said = [{key(w) for w in tokenize(text).words} for text in nots]
    out = []
    for run in runs:
        keys = {key(w) for w in run}
        if len(run) < RUN_WORDS or any(keys <= s for s in said):
            continue
        if negated and not any(key(w) == NOT or w in _NO for w in run):
            continue
        out.append(" ".join(run))
    return tuple(out)
