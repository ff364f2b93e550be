"""A question's answers, folded once and kept: marking the same question again is cheap.

:func:`compiled` is cached on the question itself.  ``Question`` is a frozen
dataclass whose only unhashable field (``field_locs``, a dict) is left out of
equality and hashing, so questions are hashable and equal questions share an entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from powerquiz.bank.model import Question
from powerquiz.marking.normalize import STOPWORDS, tokenize
from powerquiz.marking.text import (
    Phrase,
    Typed,
    find,
    make_phrase,
    phrase_words,
    read_typed,
    typos_in,
)
from powerquiz.marking.typos import Lexicon

#: Questions whose folded answers are kept (a bank is a few hundred questions).
CACHE_SIZE = 2048


@dataclass(frozen=True)
class Compiled:
    """Everything the bank says about one question's answer, as phrases."""

    lexicon: Lexicon
    #: short with one part: the part's alternatives, then each ``accept``.
    alts: tuple[Phrase, ...]
    #: short: each needed part's alternatives (ref = the part's index).
    parts: tuple[tuple[Phrase, ...], ...]
    #: The ``wrong:`` entries (ref = index) and what to say for each.
    wrongs: tuple[Phrase, ...]
    wrong_said: tuple[str, ...]
    options: tuple[Phrase, ...]
    #: For each option, the feedback of the ``wrong:`` entry naming it, or "".
    option_said: tuple[str, ...]
    items: tuple[Phrase, ...]
    lefts: tuple[Phrase, ...]
    #: The distinct right-hand sides of a match (ref = index here), and each pair's one.
    rights: tuple[Phrase, ...]
    pair_right: tuple[int, ...]
    #: cloze: each gap's alternatives (ref = the gap's index).
    gaps: tuple[tuple[Phrase, ...], ...]


def _texts(q: Question) -> Iterator[str]:
    for part in q.parts:
        yield from part
    yield from q.accept
    yield from (w.text for w in q.wrong)
    yield from q.options
    yield from q.items
    for left, right in q.pairs:
        yield left
        yield right
    for gap in q.gaps:
        yield from gap


def _lexicon(q: Question) -> Lexicon:
    return shared_lexicon(tuple(_texts(q)))


@lru_cache(maxsize=CACHE_SIZE)
def shared_lexicon(texts: tuple[str, ...]) -> Lexicon:
    """The one :class:`Lexicon` of the words of ``texts``, built once however many
    questions know the same answers (every true/false question without ``wrong:``
    entries shares the empty one)."""
    return Lexicon(texts=[tokenize(text) for text in texts])


@lru_cache(maxsize=CACHE_SIZE)
def compiled(q: Question) -> Compiled:
    """``q``'s answers as phrases, built once per question."""
    parts = tuple(tuple(make_phrase(a, i) for a in part) for i, part in enumerate(q.parts))
    alts: tuple[Phrase, ...] = ()
    if len(parts) == 1:
        alts = parts[0] + tuple(make_phrase(a, 0) for a in q.accept)
    wrongs = tuple(make_phrase(w.text, i) for i, w in enumerate(q.wrong))
    options = tuple(make_phrase(o, i) for i, o in enumerate(q.options))
    option_said = tuple(
        next((q.wrong[w.ref].feedback or " " for w in wrongs if w.words == o.words), "")
        for o in options
    )
    rights: list[Phrase] = []
    pair_right: list[int] = []
    for _left, right in q.pairs:
        phrase = make_phrase(right, len(rights))
        same = next((r.ref for r in rights if r.words == phrase.words), None)
        if same is None:
            rights.append(phrase)
            same = phrase.ref
        pair_right.append(same)
    return Compiled(
        lexicon=_lexicon(q),
        alts=alts,
        parts=parts,
        wrongs=wrongs,
        wrong_said=tuple(w.feedback for w in q.wrong),
        options=options,
        option_said=tuple(s.strip() for s in option_said),
        items=tuple(make_phrase(t, i) for i, t in enumerate(q.items)),
        lefts=tuple(make_phrase(left, i) for i, (left, _r) in enumerate(q.pairs)),
        rights=tuple(rights),
        pair_right=tuple(pair_right),
        gaps=tuple(tuple(make_phrase(a, i) for a in gap) for i, gap in enumerate(q.gaps)),
    )


def clear_cache() -> None:
    """Forget every question's folded answers, lexicons and texts' words (for
    benchmarks, tests, and a command that is done marking)."""
    compiled.cache_clear()
    shared_lexicon.cache_clear()
    tokenize.cache_clear()


@dataclass(frozen=True)
class Ref:
    """Which of a list of phrases a piece of typed text names."""

    index: int | None
    typos: tuple[tuple[str, str], ...] = ()
    #: Why nothing was named: "number" (out of range), "several", "unknown" or "empty".
    problem: str = ""
    number: int = 0


def resolve(
    text: str,
    phrases: tuple[Phrase, ...],
    c: Compiled,
    *,
    numbered: bool = True,
    search: bool = True,
    overlap: bool = False,
    typed: Typed | None = None,
) -> Ref:
    """The phrase ``text`` names: written exactly, by its 1-based number, or found in it.

    Without ``search``, only the first two: ``text`` is the whole phrase or a number.
    With ``overlap`` (for telling apart the members of a closed set, such as the items
    of an order question), a shorthand also names the one phrase sharing the most of
    its content words, if it shares at least half of them: "Trotsky expelled" names
    "Trotsky is expelled from the Party".  ``typed`` is ``text`` already read, if it was.
    """
    if typed is None:
        # The text exactly as a phrase is written (a bank's own answers, a UI's choice)
        # names it before anything else: no need to read its words.
        raw = text.strip().casefold()  # what read_typed keeps as Typed.raw
        if raw:
            for p in phrases:
                if p.raw == raw:
                    return Ref(p.ref)
        typed = read_typed(text, c.lexicon)
    if typed.empty and not typed.raw:
        return Ref(None, problem="empty")
    # The text as written first (so "The Left" and "Left" stay apart), then its words.
    for p in phrases:
        if p.raw == typed.raw:
            return Ref(p.ref)
    exact = phrase_words(typed.tokens.words)
    for p in phrases:
        if p.words and p.words == exact:
            return Ref(p.ref)
    if numbered and len(exact) == 1 and exact[0].isdecimal():
        n = int(exact[0]) if len(exact[0]) <= 9 else 10**9
        if 1 <= n <= len(phrases):
            return Ref(n - 1)
        return Ref(None, problem="number", number=n)
    if not search:
        return Ref(None, problem="unknown")
    found = find(typed, (("right", phrases),)).of("right")
    refs = {s.phrase.ref for s in found}
    if len(refs) == 1:
        return Ref(found[0].phrase.ref, tuple(typos_in(typed, found)))
    if not refs and overlap:
        return _by_overlap(typed, phrases)
    return Ref(None, problem="several" if refs else "unknown")


def _by_overlap(typed: Typed, phrases: tuple[Phrase, ...]) -> Ref:
    said = {w for w in typed.words if w not in STOPWORDS}
    if not said:
        return Ref(None, problem="unknown")
    shared = [len(said & p.content) for p in phrases]
    best = max(shared, default=0)
    if best == 0 or 2 * best < len(said):
        return Ref(None, problem="unknown")
    if shared.count(best) > 1:
        return Ref(None, problem="several")
    index = shared.index(best)
    typos = tuple(t for i, t in typed.typos.items() if typed.words[i] in phrases[index].content)
    return Ref(phrases[index].ref, typos)
