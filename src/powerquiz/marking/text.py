"""Free text: finding answers in what a student typed, and marking one answer or a list.

An answer the bank knows is a :class:`Phrase`: its folded words, leading and inner
articles dropped ("the Left" is ``left``).  A typed answer is read once into a
:class:`Typed`: its words, each replaced by the known word it was a typo of.  A phrase
is *found* where its words appear in order in the typed words, articles in between
skipped; so the answer may sit inside a sentence or among extra words.

When found phrases overlap, the longest wins (a right answer on a tie): "Right
Opposition" is not also "Right".  A phrase just after "not" (or "unlike", "rather
than", "instead of", "opposed to") is ignored ("Bukharin, not Trotsky").

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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from powerquiz.bank.model import join_list
from powerquiz.marking.normalize import (
    ARTICLES,
    FILLER,
    LIST_SEPARATORS,
    STOPWORDS,
    Tokens,
    is_no_answer,
    is_numeric,
    tokenize,
    year_range,
)
from powerquiz.marking.typos import Lexicon

SpanKind = Literal["right", "wrong", "other"]
_PRIORITY: dict[str, int] = {"right": 0, "wrong": 1, "other": 2}
#: Content words a long answer needs before a fragment of it earns part marks.
_LONG_ANSWER = 3
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
NO_ANSWER_FEEDBACK = "no answer given"


@dataclass(frozen=True)
class Phrase:
    """An answer the bank knows, ready to be found in typed words."""

    #: As the bank writes it.
    text: str
    #: Folded words to find; empty when the text has no words at all (e.g. "?").
    words: tuple[str, ...]
    #: What the phrase refers to: a part, option, item, gap or wrong: entry index.
    ref: int = 0
    #: The whole text, stripped and casefolded: what the student sees and a UI passes back.
    raw: str = ""

    @property
    def content(self) -> frozenset[str]:
        """The words that carry meaning (not "of", "in", "the"...)."""
        return frozenset(w for w in self.words if w not in STOPWORDS)


def phrase_words(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` without articles, keeping a final "a" ("Plan A") and all-article texts."""
    last = len(words) - 1
    kept = tuple(
        w for i, w in enumerate(words) if w not in ARTICLES or (w == "a" and i == last > 0)
    )
    return kept or tuple(words)


def make_phrase(text: str, ref: int = 0) -> Phrase:
    tokens = tokenize(text)
    return Phrase(text, phrase_words(tokens.words), ref, text.strip().casefold())


@dataclass(frozen=True)
class Span:
    """Where a phrase was found in the typed words: ``words[start:end]``."""

    start: int
    end: int
    kind: SpanKind
    phrase: Phrase

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass
class Typed:
    """A typed answer, its words read against a question's lexicon."""

    tokens: Tokens
    #: Each word, or the known word it was a typo of.
    words: tuple[str, ...]
    #: Index -> (typed, meant) for each word read as a typo.
    typos: dict[int, tuple[str, str]]
    #: (typed, the known words it was equally close to) for typos refused as ambiguous.
    blocked: list[tuple[str, tuple[str, ...]]]
    raw: str
    positions: dict[str, list[int]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.words

    @property
    def no_answer(self) -> bool:
        return is_no_answer(self.tokens)

    def shown(self, start: int, end: int) -> str:
        return " ".join(self.tokens.shown[start:end])


def read_typed(text: str, lexicon: Lexicon) -> Typed:
    """Read ``text`` against ``lexicon``: its words, typos resolved."""
    tokens = tokenize(text)
    words: list[str] = []
    typos: dict[int, tuple[str, str]] = {}
    blocked: list[tuple[str, tuple[str, ...]]] = []
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(tokens.words):
        res = lexicon.resolve(word)
        words.append(res.word)
        if res.typo:
            typos[i] = (tokens.shown[i], lexicon.shown(res.word))
        elif res.blocked:
            blocked.append((tokens.shown[i], tuple(lexicon.shown(w) for w in res.blocked)))
        positions.setdefault(res.word, []).append(i)
    return Typed(tokens, tuple(words), typos, blocked, text.strip().casefold(), positions)


def occurrences(phrase: Phrase, typed: Typed) -> list[tuple[int, int]]:
    """Every (start, end) where ``phrase`` is found in ``typed``."""
    p = phrase.words
    if not p:
        return [(0, len(typed.words))] if phrase.raw and phrase.raw == typed.raw else []
    words = typed.words
    n = len(words)
    found: list[tuple[int, int]] = []
    for start in typed.positions.get(p[0], ()):
        i, j = start + 1, 1
        while j < len(p) and i < n:
            w = words[i]
            if w == p[j]:
                i += 1
                j += 1
            elif w in ARTICLES:
                i += 1
            else:
                break
        if j == len(p):
            found.append((start, i))
    return found


#: Words, and pairs of words, that set aside what follows them ("not the Left").
_NEGATORS = frozenset({"not", "unlike"})
_NEGATOR_PAIRS = frozenset({("rather", "than"), ("instead", "of"), ("opposed", "to")})


def _negator_at(typed: Typed, i: int) -> bool:
    """Whether word ``i`` ends a "not", "unlike", "rather than", "instead of" or "opposed to"."""
    word = typed.words[i]
    return word in _NEGATORS or (
        i > 0 and not typed.tokens.breaks[i] and (typed.words[i - 1], word) in _NEGATOR_PAIRS
    )


def _negated(typed: Typed, start: int) -> bool:
    """Whether the words just before ``start`` say "not" (in the same list entry)."""
    i = start
    while i > 0 and not typed.tokens.breaks[i]:
        i -= 1
        if typed.words[i] in ARTICLES:
            continue
        return _negator_at(typed, i)
    return False


@dataclass
class Found:
    """The phrases found in a typed answer, overlaps settled."""

    spans: list[Span]
    #: Phrases found after "not": they count for nothing but are not unknown words.
    negated: list[Span]

    def of(self, kind: SpanKind) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]


def find(typed: Typed, groups: Iterable[tuple[SpanKind, Sequence[Phrase]]]) -> Found:
    """Find every phrase of ``groups`` in ``typed``; the longest wins where they overlap."""
    candidates: list[Span] = []
    for kind, phrases in groups:
        for phrase in phrases:
            for start, end in occurrences(phrase, typed):
                candidates.append(Span(start, end, kind, phrase))
    candidates.sort(key=lambda s: (-s.size, _PRIORITY[s.kind], s.start))
    taken = [False] * (len(typed.words) + 1)
    spans: list[Span] = []
    negated: list[Span] = []
    for span in candidates:
        if any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        (negated if _negated(typed, span.start) else spans).append(span)
    spans.sort(key=lambda s: s.start)
    return Found(spans, negated)


@dataclass
class Outcome:
    """A score with the reasons for it, before it becomes a :class:`Mark`."""

    score: float
    feedback: list[str]
    typos: list[tuple[str, str]] = field(default_factory=list)


def typos_in(typed: Typed, spans: Iterable[Span]) -> list[tuple[str, str]]:
    """The (typed, meant) typos inside ``spans``, in the order typed."""
    out: list[tuple[str, str]] = []
    for span in sorted(spans, key=lambda s: s.start):
        out.extend(typed.typos[i] for i in range(span.start, span.end) if i in typed.typos)
    return out


def typo_feedback(typos: Sequence[tuple[str, str]], prefix: str = "") -> list[str]:
    return [f"{prefix}accepted with a typo: {typed} -> {meant}" for typed, meant in typos]


def wrong_feedback(span: Span, feedback: Sequence[str]) -> str:
    """What to say about a known wrong answer: its ``wrong:`` feedback, or that it is wrong."""
    ref = span.phrase.ref
    said = feedback[ref] if 0 <= ref < len(feedback) else ""
    return said or f"{span.phrase.text} is a wrong answer"


def blocked_feedback(typed: Typed) -> list[str]:
    out = []
    for word, rivals in typed.blocked:
        if len(rivals) > 1:
            out.append(f"{word} is as close to {join_list(list(rivals))}: "
                       "not accepted as a typo of either")
    return out


def _numeric_hedge(typed: Typed, rights: Sequence[Span]) -> str | None:
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


def _range_part(typed: Typed, alts: Sequence[Phrase]) -> Outcome | None:
    """A range's two years written apart ("1929 and 1930") is the range; one year of it
    ("1929" for 1929–1930) is half marks."""
    years = {w for w in typed.words if w.isdecimal() and len(w) <= 9}
    for alt in alts:
        if len(alt.words) == 1 and (span := year_range(alt.words[0])) is not None:
            start, end = span
            if years == {str(start), str(end)} and \
                    typed.words.index(str(start)) < typed.words.index(str(end)):
                return Outcome(1.0, ["correct", f"read as the range {alt.text}"])
    if len(years) != 1:
        return None
    (only,) = years
    year = int(only)
    for alt in alts:
        if len(alt.words) == 1 and (span := year_range(alt.words[0])) is not None:
            start, end = span
            if start <= year <= end:
                return Outcome(0.5, [f"{only} is only part of the answer: "
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


def _number_feedback(typed: Typed, alts: Sequence[Phrase]) -> str | None:
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


def _fragment(typed: Typed, alts: Sequence[Phrase]) -> Outcome | None:
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
            return Outcome(0.5, [f"partly right: the full answer is {alt.text}"])
    return None


def covered_by(typed: Typed, spans: Iterable[Span]) -> list[bool]:
    """For each typed word, whether one of ``spans`` covers it."""
    covered = [False] * len(typed.words)
    for span in spans:
        covered[span.start : span.end] = [True] * span.size
    return covered


def _answer_words(alts: Sequence[Phrase]) -> frozenset[str]:
    return frozenset(w for alt in alts for w in alt.words)


def _negated_within(typed: Typed, i: int, rival: Phrase) -> bool:
    """Whether word ``i`` comes after "not" with only words of ``rival`` between
    ("not Central Committee": Committee is set aside too)."""
    words = set(rival.words)
    while i > 0 and not typed.tokens.breaks[i] and typed.words[i - 1] in words:
        i -= 1
    return _negated(typed, i)


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
    for words in said:
        for rival in rivals:
            if not (rival.content - FILLER) & words:
                continue
            tells = rival.content - mine - FILLER
            hits = sorted(i for w in tells for i in typed.positions.get(w, ())
                          if not covered[i] and not _negated_within(typed, i, rival))
            if hits:
                return rival, hits
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
    if not idx or any(covered[i] or _negator_at(typed, i) for i in idx):
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


def mark_one(
    typed: Typed,
    alts: Sequence[Phrase],
    wrongs: Sequence[Phrase],
    wrong_said: Sequence[str],
    others: Sequence[Phrase] = (),
    other_label: str = "",
) -> Outcome:
    """Mark a single answer: right if one of ``alts`` is found and no wrong answer is.

    ``others`` are answers to something else (another gap): named in the feedback
    as ``other_label`` formatted with the phrase's ``ref``.
    """
    if typed.empty and not any(not a.words for a in alts):
        return Outcome(0.0, [NO_ANSWER_FEEDBACK])
    found = find(typed, (("right", alts), ("wrong", wrongs), ("other", others)))
    rights, wrong, other = found.of("right"), found.of("wrong"), found.of("other")

    def said_of(phrase: Phrase) -> str:
        """What to say about a rival: its wrong: feedback, or which gap it answers."""
        if any(phrase is w for w in wrongs):
            return wrong_feedback(Span(0, 0, "wrong", phrase), wrong_said)
        return f"{phrase.text} is {other_label.format(phrase.ref + 1)}"

    if wrong or (rights and other):
        said = [said_of(s.phrase) for s in wrong + (other if rights else [])]
        if rights:
            where = [(s.start, s.end) for s in rights + wrong + other]
            return Outcome(0.0, [hedged(typed, where), *said])
        return Outcome(0.0, said)
    rivals = (*wrongs, *others)
    covered = covered_by(typed, found.spans + found.negated)
    if rights:
        hedge = _numeric_hedge(typed, rights)
        if hedge:
            return Outcome(0.0, [f"{hedge}; give one answer"])
        told = rival_words(typed, (s.phrase.content for s in rights), rivals, alts, covered)
        if told is not None:
            rival, hits = told
            where = [(i, i + 1) for i in hits] + [(s.start, s.end) for s in rights]
            return Outcome(0.0, [hedged(typed, where), said_of(rival)])
        known = frozenset(w for r in rivals for w in r.words if w not in FILLER)
        offered = alternative(typed, rights, alts, known, covered)
        if offered is not None:
            return Outcome(0.0, [hedged(typed, [(s.start, s.end) for s in rights] + [offered])])
        typos = typos_in(typed, rights)
        return Outcome(1.0, ["correct", *typo_feedback(typos)], typos)
    if typed.no_answer:
        return Outcome(0.0, [NO_ANSWER_FEEDBACK])
    # A rival's own words ("Left-wing Opposition" for Right-wing Opposition) earn nothing.
    told = rival_words(typed, (frozenset(typed.words),), rivals, alts, covered)
    partial = None if told else _range_part(typed, alts) or _fragment(typed, alts)
    if partial is not None:
        return partial
    feedback = blocked_feedback(typed)
    if told is not None and any(told[0] is w for w in wrongs):
        feedback.append(said_of(told[0]))
    elsewhere = [f"{typed.shown(s.start, s.end)} is {other_label.format(s.phrase.ref + 1)}"
                 for s in other]
    number = None if elsewhere else _number_feedback(typed, alts)
    feedback += elsewhere + ([number] if number else [])
    return Outcome(0.0, feedback or ["not the answer"])


def _segments(typed: Typed, found: Found) -> list[tuple[int, int]]:
    """The entries of a typed list: split at separators and "and" outside found phrases."""
    inside = [False] * len(typed.words)
    for span in found.spans + found.negated:
        for i in range(span.start + 1, span.end):
            inside[i] = True
    out: list[tuple[int, int]] = []
    start = 0
    for i, word in enumerate(typed.words):
        if inside[i]:
            continue
        if typed.tokens.breaks[i] and i > start:
            out.append((start, i))
            start = i
        if word == "and":
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(typed.words):
        out.append((start, len(typed.words)))
    return out


def _longest_increasing(seq: Sequence[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def mark_list(
    typed: Typed,
    parts: Sequence[Sequence[Phrase]],
    wrongs: Sequence[Phrase],
    wrong_said: Sequence[str],
    *,
    ordered: bool = False,
) -> Outcome:
    """Mark a list answer: 1/n for each needed part found, minus one for each wrong extra.

    Parts may come in any order unless ``ordered`` (then only the longest run in the
    right order counts), separated by commas, semicolons, "and", "&", slashes, new
    lines, or spaces alone.  A wrong extra is a ``wrong:`` entry, or an entry between
    separators that names none of the parts, beyond the number of parts missing (it
    may be a part spelt past recognition, already marked as missing: "Bukharin,
    Tomskyyy, Rykov" is 2 of 3, not 1 of 3).  Unknown words next to a part ("Nikolai
    Bukharin", "they were") are extra words, not extra parts.
    """
    n = len(parts)
    if typed.empty or typed.no_answer:
        return Outcome(0.0, [NO_ANSWER_FEEDBACK])
    alts = [p for part in parts for p in part]
    found = find(typed, (("right", alts), ("wrong", wrongs)))
    rights, wrong = found.of("right"), found.of("wrong")
    # A phrase can answer several parts (a list naming "the Right" twice): each time it
    # is found it counts for the first of those parts not yet found.
    answers: dict[tuple[str, ...], list[int]] = {}
    for p in alts:
        refs = answers.setdefault(p.words, [])
        if p.ref not in refs:
            refs.append(p.ref)
    order: list[int] = []
    for span in rights:
        ref = next((r for r in answers[span.phrase.words] if r not in order), None)
        if ref is not None:
            order.append(ref)
    credit = _longest_increasing(order) if ordered else len(order)
    wrong_refs = list(dict.fromkeys(s.phrase.ref for s in wrong))
    unknown: list[str] = []
    covered = [False] * len(typed.words)
    for span in found.spans + found.negated:
        for i in range(span.start, span.end):
            covered[i] = True
    for start, end in _segments(typed, found):
        if any(covered[start:end]):
            continue
        words = typed.words[start:end]
        if any(len(w) > 1 and w not in FILLER for w in words):
            unknown.append(typed.shown(start, end))
    # An entry that names nothing known may be a needed part spelt past recognition
    # ("Bukharin, Tomskyyy, Rykov"): it is already counted as missing, so it cancels a
    # right part only beyond the parts missing.  Known wrong answers always cancel one.
    missing_count = n - len(order)
    unread = unknown[:missing_count]
    unknown = unknown[missing_count:]
    extras = len(wrong_refs) + len(unknown)
    score = max(0, credit - extras) / n if n else 0.0
    typos = typos_in(typed, rights)
    if credit == n and not extras:
        return Outcome(1.0, ["correct", *typo_feedback(typos)], typos)
    missing = [parts[i][0].text for i in range(n) if i not in order and parts[i]]
    head = f"{credit} of {n}"
    if ordered and len(order) > credit:
        head += " in the right order"
    if missing:
        head += f": missing {join_list(missing)}"
    feedback = [head]
    if extras:
        named = [next(s.phrase.text for s in wrong if s.phrase.ref == r) for r in wrong_refs]
        named += unknown
        cancels = (
            "a wrong extra cancels a right one"
            if extras == 1
            else f"{extras} wrong extras cancel {extras} right ones"
        )
        feedback.append(f"{cancels}: {join_list(named)}")
    seen: set[int] = set()
    for span in wrong:
        if span.phrase.ref not in seen:
            seen.add(span.phrase.ref)
            feedback.append(wrong_feedback(span, wrong_said))
    if unread:
        verb = "is" if len(unread) == 1 else "are"
        feedback.append(f"{join_list(unread)} {verb} not one of the answers")
    feedback += blocked_feedback(typed)
    feedback += typo_feedback(typos)
    return Outcome(score, feedback, typos)
