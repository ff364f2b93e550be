"""Part marks and the reasons a near miss is refused: ranges, long answers, numbers.

- One year of a range ("1929" for 1929–1930) is half marks; its two years written
  apart ("1929 and 1930") are the range.
- Most of a long answer (see :func:`fragment`) is half marks.
- A refused number says why: numbers and years must be exact.
"""

from __future__ import annotations

from collections.abc import Sequence

from powerquiz.marking.normalize import ARTICLES, FILLER, STOPWORDS, is_numeric, year_range
from powerquiz.marking.phrases import Phrase, Typed
from powerquiz.marking.scored import Scored

#: Content words a long answer needs before a fragment of it earns part marks.
_LONG_ANSWER = 3


def range_part(typed: Typed, alts: Sequence[Phrase]) -> Scored | None:
    """A range's two years written apart ("1929 and 1930") is the range; one year of it
    ("1929" for 1929–1930) is half marks."""
    years = {w for w in typed.words if w.isdecimal() and len(w) <= 9}
    for alt in alts:
        if len(alt.words) == 1 and (span := year_range(alt.words[0])) is not None:
            start, end = span
            if years == {str(start), str(end)} and \
                    typed.words.index(str(start)) < typed.words.index(str(end)):
                return Scored(1.0, ["correct", f"read as the range {alt.text}"])
    if len(years) != 1:
        return None
    (only,) = years
    year = int(only)
    for alt in alts:
        if len(alt.words) == 1 and (span := year_range(alt.words[0])) is not None:
            start, end = span
            if start <= year <= end:
                return Scored(0.5, [f"{only} is only part of the answer: "
                                     f"it is the range {alt.text}"])
    return None


def _words_around(typed: Typed, alt: Phrase, at: int, i: int) -> str:
    """The typed words that stand where ``alt``'s words stand around its number.

    ``at`` is the number's place in ``alt``, ``i`` in the typed words: "February 1924"
    for "January 1924", "early 1920s" for "late 1920s"; small words at the ends dropped.
    """
    lo = i
    while lo > 0 and i - lo < at and not typed.tokens.breaks[lo]:
        lo -= 1
    hi = i + 1
    while hi < len(typed.words) and hi - i < len(alt.words) - at and not typed.tokens.breaks[hi]:
        hi += 1
    while lo < i and typed.words[lo] in FILLER:
        lo += 1
    while hi > i + 1 and typed.words[hi - 1] in FILLER:
        hi -= 1
    return typed.shown(lo, hi)


def number_feedback(typed: Typed, alts: Sequence[Phrase]) -> str | None:
    """Why a number was refused: numbers and years must be exact."""
    expected = [w for alt in alts for w in alt.words if is_numeric(w)]
    given = [typed.tokens.shown[i] for i, w in enumerate(typed.words) if is_numeric(w)]
    if not expected or not given:
        return None
    for alt in alts:
        for at, word in enumerate(alt.words):
            if not is_numeric(word) or len(alt.words) == 1 or word not in typed.positions:
                continue
            # The number is right: the words around it are not ("February 1924").
            i = typed.positions[word][0]
            around = _words_around(typed, alt, at, i)
            if around == typed.tokens.shown[i]:
                return f"{around} alone is not the answer: it is {alt.text}"
            return f"{around} is not {alt.text}"
    shown = alts[0].text
    if len(expected) == 1 and year_range(expected[0]) is None and any(
        year_range(w) is not None for w in typed.words
    ):
        return f"the answer is one year, {shown}, not a range"
    if any(year_range(w) is not None for w in expected):
        return f"{given[0]} is not {shown}: a range of years is marked exactly"
    return f"{given[0]} is not {shown}: dates and numbers must be exact"


def _replaces(typed: Typed, alt: Phrase) -> bool:
    """Whether the typed words put another word in place of one of ``alt``'s content words.

    "Capitalism in One Country" and "Socialism in Every Country" do; "One Country"
    (words left out) and "Socialism in just One Country" (a word added) do not.
    """
    from difflib import SequenceMatcher

    said = [w for w in typed.words if w not in FILLER or w in STOPWORDS - ARTICLES]
    matcher = SequenceMatcher(None, said, list(alt.words), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and any(w not in STOPWORDS for w in alt.words[j1:j2]) and any(
            w not in FILLER for w in said[i1:i2]
        ):
            return True
    return False


def fragment(typed: Typed, alts: Sequence[Phrase]) -> Scored | None:
    """Half marks for most of a long answer: "One Country" for Socialism in One Country.

    Only answers of three or more content words qualify, and more than half of those
    words must be there (so "Socialism" alone earns nothing).  All of them, but not
    as the phrase ("One Country Socialism"), is half marks too.  Words missing are
    forgiven, words replaced are not: "Capitalism in One Country" and "Socialism in
    No Country" earn nothing (nor does "socialism in a single country": the marker
    cannot tell a synonym from an opposite).
    """
    present = set(typed.words)
    for alt in alts:
        content = alt.content
        if len(content) < _LONG_ANSWER:
            continue
        got = len(content & present)
        if 2 * got > len(content) and not _replaces(typed, alt):
            return Scored(0.5, [f"partly right: the full answer is {alt.text}"])
    return None

