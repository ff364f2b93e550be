"""Hedges: a single answer offered beside another one, which makes it wrong.

A single answer is a *hedge* (wrong) when, beside the right answer, the student also
offers (not after "not"):

- a ``wrong:`` entry, another option or another gap's answer, or a number joined by
  "or" ("1924 or 1925");
- a word that tells a ``wrong:`` entry (option, other gap) apart from the right answer
  it shares a word with: "Left or Right Opposition", "Left-Right Opposition" when
  "Left Opposition" is wrong and "Right Opposition" right;
- a second answer joined to it by "or", "and", "&", "+" or "/": the entry on the other
  side (up to the next separator) that has words other than the answer's own and no
  more of them than the answer has content words (at least one; two across "or").
  Across "or" small words are skipped ("or was it Zinoviev"), so "Trotsky or
  Zinoviev", "collectivisation or industrialisation" and "chief mourner/pallbearer"
  are hedges, but "collectivisation, or joint ownership of land" is not; after "and"
  a small word makes it a clause ("Trotsky and he was ill", "kulaks and their
  families" are not hedges);
- the same joined by a comma or semicolon, when every word of the entry is a known
  answer to the question, a year, or written with a capital ("Trotsky, Zinoviev";
  but "the kulaks, richer peasants" is not).  Names typed in lower case after a
  comma cannot be told from a description and are let through.

Spaces alone never join two answers ("Nikolai Bukharin"), as in a list.

Every check here is linear in the number of typed words (a 20,000-word answer is
marked as fast as it is read).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from powerquiz.bank.model import join_list
from powerquiz.marking.normalize import ARTICLES, FILLER, LIST_SEPARATORS, is_numeric, year_range
from powerquiz.marking.phrases import Phrase, Span, Typed, negated, negator_at

#: Words that join two answers into a pair of alternatives.
_JOIN_WORDS = frozenset({"and", "or"})
#: Separators that join like "and" (the others, commas and semicolons, like a list).
_AND_SEPARATORS = frozenset("&+/")
#: Words that wrap a second answer without making it a sentence ("or maybe Zinoviev").
_HEDGE_WORDS = frozenset(
    {"maybe", "perhaps", "probably", "possibly", "i", "im", "think", "guess", "believe",
     "either", "also", "too", "sure", "definitely", "obviously", "certainly", "surely"}
)
_BEFORE_ANSWER = ARTICLES | _HEDGE_WORDS


def numeric_hedge(typed: Typed, rights: Sequence[Span]) -> str | None:
    """ "1926 or 1927": a right number offered alongside another one."""
    words = typed.words
    inside = {i for s in rights for i in range(s.start, s.end)}
    for i, w in enumerate(words):
        if w != "or" or i == 0 or i + 1 >= len(words):
            continue
        left, right = words[i - 1], words[i + 1]
        if not (is_numeric(left) and is_numeric(right)) or left == right:
            continue
        if (i - 1 in inside) != (i + 1 in inside):
            return f"hedged: {typed.tokens.shown[i - 1]} or {typed.tokens.shown[i + 1]}"
    return None


def _answer_words(alts: Sequence[Phrase]) -> frozenset[str]:
    return frozenset(w for alt in alts for w in alt.words)


def _telling(typed: Typed, rival: Phrase, tells: frozenset[str],
             covered: Sequence[bool]) -> list[int]:
    """Where a word of ``tells`` is typed outside ``covered`` and not after "not", with
    only words of ``rival`` between ("not Central Committee": Committee is set aside too).

    One pass over the words: each word's run of ``rival``'s words is found once, and
    whether "not" comes before a run is asked once per run.
    """
    hits = sorted(i for w in tells for i in typed.positions.get(w, ()) if not covered[i])
    if not hits:
        return []
    words = set(rival.words)
    typed_words, breaks = typed.words, typed.tokens.breaks
    run_start = [0] * len(typed_words)
    for j in range(1, len(typed_words)):
        inside = not breaks[j] and typed_words[j - 1] in words
        run_start[j] = run_start[j - 1] if inside else j
    after_not: dict[int, bool] = {}
    out = []
    for i in hits:
        start = run_start[i]
        if start not in after_not:
            after_not[start] = negated(typed, start)
        if not after_not[start]:
            out.append(i)
    return out


def rival_words(
    typed: Typed,
    said: Iterable[frozenset[str]],
    rivals: Sequence[Phrase],
    alts: Sequence[Phrase],
    covered: Sequence[bool],
) -> tuple[Phrase, list[int]] | None:
    """A rival answer told apart by a word the student typed: (rival, where that word is).

    A rival (a ``wrong:`` entry, another option or gap) counts when it shares a content
    word with one of ``said`` (the right answers found, or an answer's words) and a word
    it has but no right answer has ("Left" in "Left Opposition" against "Right
    Opposition") is typed outside ``covered`` and not after "not".
    """
    mine = _answer_words(alts)
    hits: dict[int, list[int]] = {}  # the same for every ``said``: found once per rival
    for words in dict.fromkeys(said):
        for k, rival in enumerate(rivals):
            if not (rival.content - FILLER) & words:
                continue
            if k not in hits:
                hits[k] = _telling(typed, rival, rival.content - mine - FILLER, covered)
            if hits[k]:
                return rival, hits[k]
    return None


def _name_like(typed: Typed, i: int, known: frozenset[str]) -> bool:
    """A word that reads as a name or a known answer: a year, a known word, a capital."""
    word = typed.words[i]
    if word in known or year_range(word) is not None or (word.isdecimal() and len(word) >= 3):
        return True
    shown = typed.tokens.shown
    if not shown[i][:1].isupper():
        return False
    # A capital at the start of the answer says nothing unless names are capitalised.
    return i > 0 or any(w[:1].isupper() for w in shown[1:])


def _separator(typed: Typed, i: int) -> str | None:
    """The kind of list separator just before word ``i``: "and" (& + /), "comma" or None."""
    seps = typed.tokens.seps[i] if typed.tokens.seps else ""
    if any(c in _AND_SEPARATORS for c in seps):
        return "and"
    if any(c in LIST_SEPARATORS for c in seps):
        return "comma"
    return None


def _entry_after(typed: Typed, start: int) -> tuple[int, int]:
    """The words from ``start`` to the next separator, "and" or "or"."""
    end = start
    while end < len(typed.words) and not (
        end > start and (typed.tokens.breaks[end] or typed.words[end] in _JOIN_WORDS)
    ):
        end += 1
    return start, end


def _entry_before(typed: Typed, end: int) -> tuple[int, int]:
    """The words before ``end`` back to the previous separator, "and" or "or"."""
    start = end
    while (start > 0 and typed.words[start - 1] not in _JOIN_WORDS
           and (start == end or not typed.tokens.breaks[start])):
        start -= 1
    return start, end


def _offered(
    typed: Typed,
    entry: tuple[int, int],
    kind: str,
    span: Span,
    mine: frozenset[str],
    known: frozenset[str],
    covered: Sequence[bool],
) -> bool:
    """Whether ``entry``, joined to the right answer ``span`` by ``kind``, is another answer."""
    start, end = entry
    idx = [i for i in range(start, end) if typed.words[i] not in ARTICLES]
    if not idx or any(covered[i] or negator_at(typed, i) for i in idx):
        return False
    size = max(1, len(span.phrase.content - FILLER))
    if not any(is_numeric(w) for w in span.phrase.words):
        idx = [i for i in idx if not is_numeric(typed.words[i])]  # "Trotsky, 1924": a date
    if kind == "or":
        # Small words are skipped across an "or": "or was it Zinoviev", "or maybe Stalin".
        words = [i for i in idx if typed.words[i] not in FILLER]
        size = max(2, size)
    else:
        words = [i for i in idx if typed.words[i] not in _HEDGE_WORDS]
        if any(typed.words[i] in FILLER for i in words):
            return False  # a clause ("and he was ill"), not a second answer
    if not words or len(words) > size or all(typed.words[i] in mine for i in words):
        return False
    return kind != "comma" or all(_name_like(typed, i, known) for i in words)


def hedged(typed: Typed, where: Iterable[tuple[int, int]]) -> str:
    """ "hedged: Left and Right Opposition; give one answer", naming the words in order."""
    named = join_list([typed.shown(start, end) for start, end in sorted(set(where))])
    return f"hedged: {named}; give one answer"


def alternative(
    typed: Typed,
    rights: Sequence[Span],
    alts: Sequence[Phrase],
    known: frozenset[str],
    covered: Sequence[bool],
) -> tuple[int, int] | None:
    """Another answer offered beside a right one (see the module docstring): where it is."""
    mine = _answer_words(alts)
    n = len(typed.words)
    for span in rights:
        entries: list[tuple[str, tuple[int, int]]] = []
        end = span.end
        if end < n and typed.words[end] in _JOIN_WORDS:
            entries.append((typed.words[end], _entry_after(typed, end + 1)))
        elif end < n and (kind := _separator(typed, end)) is not None:
            entries.append((kind, _entry_after(typed, end)))
        # Articles and hedge words before the answer go with it ("or maybe the Right").
        start = span.start
        while (start > 0 and not typed.tokens.breaks[start]
               and typed.words[start - 1] in _BEFORE_ANSWER):
            start -= 1
        if start > 0 and typed.words[start - 1] in _JOIN_WORDS:
            entries.append((typed.words[start - 1], _entry_before(typed, start - 1)))
        elif start > 0 and (kind := _separator(typed, start)) is not None:
            entries.append((kind, _entry_before(typed, start)))
        for kind, (first, last) in entries:
            if first < last and _offered(typed, (first, last), kind, span, mine, known, covered):
                while typed.words[first] in FILLER and first < last - 1:
                    first += 1
                while typed.words[last - 1] in FILLER and last > first + 1:
                    last -= 1
                return first, last
    return None

