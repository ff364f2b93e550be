"""Typos: which known word a typed word was meant to be, if any.

Every question has a :class:`Lexicon`: the words of everything the bank knows as an
answer to it (its answers and their alternatives, ``accept``, options, items, pairs,
gaps and ``wrong:`` entries).  A typed word that is not itself in the lexicon is read
as a typo of the one lexicon word it is *strictly* closest to, when that distance is
within what the word's length allows.  A word as close (or closer) to any other known
word is not a typo of either: Tomsky is never Trotsky.

Some edits within reach make a different word, not a slip, and are never typos:

- adding, dropping or changing a negating prefix (de-, dis-, un-, in-, im-, non-,
  anti-, counter-): "decollectivisation", "Impermanent", "inflation" for "deflation";
- dropping or adding a letter in front ("Evolution" for "Revolution", "bright" for
  "right"): real slips rarely touch the first letter;
- changing the first letter of a word of six letters or fewer ("wealth" for
  "health", "Night" for "Right"); in longer words it may be a slip ("Vukharin"),
  unless the typed word then starts with a negating prefix.  Swapping the first two
  letters ("rTotsky") is a slip at any length.

Russian names have several spellings: a word spelt as a known word except for its
transliteration ("Tomskii", "Trotskiy", "Rykow", "Rykoff" for Tomsky, Trotsky,
Rykov) is read as that word, however many letters that changes.

Distances are optimal-string-alignment edits (a swap of two neighbours is one edit),
computed by rapidfuzz, imported on first use so that importing the package stays cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import chain
from typing import Any

from powerquiz.marking.normalize import Tokens, is_numeric

#: Longest word (in characters) that gets no typo allowance, and the allowance bands.
_BANDS = ((4, 0), (8, 1), (12, 2))
_MAX_EDITS = 3
#: Resolutions remembered per question; cleared when full (typed input is unbounded).
_CACHE_LIMIT = 4096
#: Prefixes that turn a word into its opposite: never added, dropped or changed by a typo.
NEGATING_PREFIXES = ("counter", "anti", "non", "dis", "de", "un", "in", "im")
#: Shortest word whose first letter a typo may change.
_FIRST_LETTER_MIN = 7
#: Transliterations of Russian names, folded to one spelling: -ii/-iy/-ij/-i -> -y,
#: w -> v after the first letter ("wiper" is not "viper"), a final -ff -> -v.
_TRANSLIT = (
    (re.compile(r"(?:ii|iy|ij|yi|yj|i)$"), "y"),
    (re.compile(r"ff$"), "v"),
    (re.compile(r"(?<=.)w"), "v"),
)


def _entries(texts: tuple[Tokens, ...]) -> Iterator[tuple[str, str, bool]]:
    """(folded, as written, written as an acronym) for each word of ``texts``."""
    for tokens in texts:
        for folded, shown in zip(tokens.words, tokens.shown, strict=True):
            yield folded, shown, len(shown) >= 2 and shown.isalpha() and shown.isupper()


def allowed_edits(word: str, *, acronym: bool = False) -> int:
    """Edits tolerated in ``word``: none up to 4 letters, then 1, 2, 3 as it grows.

    Numbers, years and acronyms (NEP, OGPU) get none: NEF is not NEP.
    """
    if acronym or is_numeric(word):
        return 0
    for longest, edits in _BANDS:
        if len(word) <= longest:
            return edits
    return _MAX_EDITS


@cache
def _rapidfuzz() -> tuple[Any, Any]:
    """``(process.extract, OSA.distance)``, imported once, when first needed."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    return process.extract, OSA.distance


def distance(a: str, b: str) -> int:
    """Edits between two words (transpositions count as one)."""
    _extract, osa = _rapidfuzz()
    return int(osa(a, b))


def spelling_key(word: str) -> str:
    """``word`` with the letters that vary between transliterations folded."""
    for pattern, repl in _TRANSLIT:
        word = pattern.sub(repl, word)
    return word


def _stems(word: str) -> list[tuple[str, str]]:
    """(prefix, rest) for ``word`` as written and without each negating prefix it has."""
    out = [("", word)]
    out += [(p, word[len(p) :]) for p in NEGATING_PREFIXES
            if word.startswith(p) and len(word) - len(p) >= 3]
    return out


def is_slip(typed: str, known: str, edits: int) -> bool:
    """Whether ``typed``, ``edits`` away from ``known``, can be a slip of the fingers.

    Not when a negating prefix explains the difference better, nor when the first
    letter is involved (see the module docstring).
    """
    _extract, osa = _rapidfuzz()
    for tp, ts in _stems(typed):
        for kp, ks in _stems(known):
            if tp == kp:
                continue
            if osa(ts, ks) < edits:
                return False
    if typed[0] == known[0]:
        return True
    if typed[:2] == known[1::-1]:
        return True
    if osa(typed, known[1:]) < edits or osa(typed[1:], known) < edits:
        return False
    if len(known) < _FIRST_LETTER_MIN:
        return False
    return not any(typed.startswith(p) for p in NEGATING_PREFIXES)


@dataclass(frozen=True)
class Resolution:
    """What a typed word is read as."""

    #: The lexicon word it stands for, or the typed word itself.
    word: str
    #: Whether it was read as a typo of ``word``.
    typo: bool = False
    #: When it was within reach of a known word but as close to another: those words.
    blocked: tuple[str, ...] = ()


class Lexicon:
    """The known words of one question, with their typo allowances.

    Only the set of known words is built at once: a word of the lexicon resolves to
    itself, so marking a question's own answers (what validate does for every model
    answer) never needs the allowances or the words as written, which are worked out
    from the same words, in the same order, on the first word that is not known.
    """

    def __init__(self, words: Iterable[tuple[str, str, bool]] = (), *,
                 texts: Iterable[Tokens] = ()) -> None:
        """``words``: (folded, as written, written as an acronym) for each known word;
        ``texts``: tokenized texts whose every word is known too (after ``words``), read
        as those triples only if a word is ever not known."""
        entries, tokens = list(words), tuple(texts)
        self._entries: Callable[[], Iterable[tuple[str, str, bool]]] = (
            lambda: chain(entries, _entries(tokens)))
        self._known = frozenset(folded for folded, _shown, _acronym in entries).union(
            *(t.words for t in tokens))
        self._cache: dict[str, Resolution] = {}

    @cached_property
    def _words(self) -> tuple[dict[str, int], dict[str, str]]:
        """(each known word's typo allowance, each known word as first written)."""
        allowed: dict[str, int] = {}
        shown_as: dict[str, str] = {}
        for folded, shown, acronym in self._entries():
            edits = allowed_edits(folded, acronym=acronym)
            allowed[folded] = min(edits, allowed.get(folded, edits))
            shown_as.setdefault(folded, shown)
        return allowed, shown_as

    @property
    def _allowed(self) -> dict[str, int]:
        return self._words[0]

    @cached_property
    def _index(self) -> tuple[list[str], dict[str, list[str]], int]:
        """(the words a typo can be of, those by spelling key, the widest allowance).

        Built on the first word not in the lexicon, not with it: a question's own
        answers (what validate marks) never need it.
        """
        choices = [w for w in self._allowed if not is_numeric(w)]
        spellings: dict[str, list[str]] = {}
        for w in choices:
            if self._allowed[w]:
                spellings.setdefault(spelling_key(w), []).append(w)
        return choices, spellings, max((self._allowed[w] for w in choices), default=0)

    def __contains__(self, word: object) -> bool:
        return word in self._known

    def knows_all(self, words: Iterable[str]) -> bool:
        """Whether every one of ``words`` is known (each then resolves to itself)."""
        return self._known.issuperset(words)

    def shown(self, word: str) -> str:
        """``word`` as the bank writes it (for messages and typo diffs)."""
        if word not in self._known:
            return word
        return self._words[1].get(word, word)

    def resolve(self, word: str) -> Resolution:
        """The known word ``word`` was meant to be, or ``word`` itself."""
        if word in self._known:
            return Resolution(word)
        found = self._cache.get(word)
        if found is None:
            found = self._search(word)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = found
        return found

    def _search(self, word: str) -> Resolution:
        # No known word within reach: too short, a number, or too different in length.
        if len(word) < 4 or is_numeric(word) or len(word) > 64:
            return Resolution(word)
        choices, spellings, reach = self._index
        if reach == 0:
            return Resolution(word)
        spelt = spellings.get(spelling_key(word), [])
        if len(spelt) == 1:
            return Resolution(spelt[0], typo=True)
        extract, osa = _rapidfuzz()
        near: list[tuple[str, float, int]] = extract(
            word, choices, scorer=osa, score_cutoff=reach, limit=None
        )
        if not near:
            return Resolution(word)
        best = min(d for _w, d, _i in near)
        closest = [w for w, d, _i in near if d == best]
        if len(closest) == 1 and best <= self._allowed[closest[0]]:
            if is_slip(word, closest[0], int(best)):
                return Resolution(closest[0], typo=True)
            return Resolution(word)
        reachable = tuple(w for w in closest if best <= self._allowed[w])
        return Resolution(word, blocked=tuple(closest) if reachable else ())
