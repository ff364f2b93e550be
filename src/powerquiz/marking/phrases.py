"""Finding the answers a bank knows in what a student typed.

An answer the bank knows is a :class:`Phrase`: its folded words, leading and inner
articles dropped ("the Left" is ``left``).  A typed answer is read once into a
:class:`Typed`: its words, each replaced by the known word it was a typo of.  A phrase
is *found* where its words appear in order in the typed words, articles in between
skipped; so the answer may sit inside a sentence or among extra words.

When found phrases overlap, the longest wins (a right answer on a tie): "Right
Opposition" is not also "Right".  A phrase just after "not" (or "unlike", "rather
than", "instead of", "opposed to", "against") is ignored ("Bukharin, not Trotsky",
"the Right, against the Left").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from powerquiz.marking.normalize import ARTICLES, STOPWORDS, Tokens, is_no_answer, tokenize
from powerquiz.marking.typos import Lexicon

SpanKind = Literal["right", "wrong", "other"]
_PRIORITY: dict[str, int] = {"right": 0, "wrong": 1, "other": 2}


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

    @cached_property
    def content(self) -> frozenset[str]:
        """The words that carry meaning (not "of", "in", "the"...); worked out once."""
        return frozenset(w for w in self.words if w not in STOPWORDS)


def phrase_words(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` without articles, keeping a final "a" ("Plan A") and all-article texts."""
    if ARTICLES.isdisjoint(words):
        return tuple(words)  # nothing to drop (the usual case)
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
    positions: dict[str, list[int]] = {}
    if lexicon.knows_all(tokens.words):
        # Every word resolves to itself (a bank's own answers always do): no typos.
        for i, word in enumerate(tokens.words):
            positions.setdefault(word, []).append(i)
        return Typed(tokens, tokens.words, {}, [], text.strip().casefold(), positions)
    words: list[str] = []
    typos: dict[int, tuple[str, str]] = {}
    blocked: list[tuple[str, tuple[str, ...]]] = []
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
NEGATORS = frozenset({"not", "unlike", "against"})
_NEGATOR_PAIRS = frozenset({("rather", "than"), ("instead", "of"), ("opposed", "to")})


def negator_at(typed: Typed, i: int) -> bool:
    """Whether word ``i`` ends a "not", "unlike", "rather than", "instead of" or "opposed to"."""
    word = typed.words[i]
    return word in NEGATORS or (
        i > 0 and not typed.tokens.breaks[i] and (typed.words[i - 1], word) in _NEGATOR_PAIRS
    )


def negated(typed: Typed, start: int) -> bool:
    """Whether the words just before ``start`` say "not" (in the same list entry)."""
    i = start
    while i > 0 and not typed.tokens.breaks[i]:
        i -= 1
        if typed.words[i] in ARTICLES:
            continue
        return negator_at(typed, i)
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
            if phrase.words and phrase.words[0] not in typed.positions:
                continue  # the common case, and the cheapest: its first word is not there
            for start, end in occurrences(phrase, typed):
                candidates.append(Span(start, end, kind, phrase))
    candidates.sort(key=lambda s: (-s.size, _PRIORITY[s.kind], s.start))
    taken = [False] * (len(typed.words) + 1)
    spans: list[Span] = []
    set_aside: list[Span] = []
    for span in candidates:
        if any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        (set_aside if negated(typed, span.start) else spans).append(span)
    spans.sort(key=lambda s: s.start)
    return Found(spans, set_aside)


def covered_by(typed: Typed, spans: Iterable[Span]) -> list[bool]:
    """For each typed word, whether one of ``spans`` covers it."""
    covered = [False] * len(typed.words)
    for span in spans:
        covered[span.start : span.end] = [True] * span.size
    return covered

