"""Whose side, which way and when: more ways an answer's clause unsays a phrase match.

Rules of the explain marker (:mod:`~powerquiz.marking.scheme`), on top of those in
:mod:`~powerquiz.marking.contrary`; each general, with no scheme's own words in it:

- Standing against: a match just after a word of opposing ("they were against
  Permanent Revolution", "opposed collectivisation", "rejected NEP") says the
  point the other way round, unless the point's own phrases speak of opposing
  ("Left opposed NEP").  "Against" counts only after a form of "be" ("were
  against"): "backed the Right against the Left" sets no policy aside.
- The wrong ally: a point whose phrases say who supported (backed, allied with,
  helped) whom has its *allies*, the names beside those words, with the point's
  own subject and the question's protagonist.  A match of a support word is the
  point's only when no other name owns it ("Bukharin was Trotsky's ally" is not
  "Stalin's ally") and its clause is not "against" one of the allies ("Trotsky
  and Bukharin were allies against Stalin").
- The wrong crowd: a point whose phrases name a social group (peasants, workers,
  soldiers...) is not made by a clause whose subject, before the match, is
  another such group ("the workers were withholding grain" for the peasants').
  Kulaks and farmers are peasants.
- The wrong part of a decade: a point stating "the mid-1920s" is not made by a
  clause stating "the late 1920s" (early, mid and late are told apart), as a
  wrong year is not (:func:`~powerquiz.marking.schememark.wrong_year`).
- Speed after: a phrase with a speed before its next word ("rapid
  industrialisation") is made with the speed after it, as an adverb stands
  ("industrialise quickly", :func:`speed_after`).
- Speed: "rapid", "fast", "quick" and "slow" are opposites as outcomes are, in
  :func:`~powerquiz.marking.contrary.opposites` ("wanted to slow down
  industrialisation" makes no "rapid industrialisation").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from powerquiz.marking.schemewords import is_small, stem

if TYPE_CHECKING:
    from powerquiz.marking.schemetypes import Pattern, Point, Words

FAST = frozenset(stem(w) for w in (
    "rapid", "rapidly", "fast", "faster", "quick", "quickly", "quicker", "speedy",
    "accelerate", "accelerated"))
SLOW = frozenset(stem(w) for w in ("slow", "slowly", "slower", "slowed", "slowing", "gradual",
                                   "gradually"))
_AGAINST = frozenset(stem(w) for w in (
    "opposed", "oppose", "opposing", "rejected", "reject", "resisted", "resist", "disliked",
    "hated", "against"))
_BE = frozenset({"was", "were", "is", "are", "be", "been", "being"})
SUPPORT = frozenset(stem(w) for w in (
    "support", "supported", "supporters", "backed", "backing", "ally", "allies", "allied",
    "alliance", "helped", "help", "sided"))
#: Social groups, each word -> the group it names.
_CROWDS = {stem(w): g for g, ws in {
    "peasant": ("peasant", "peasants", "peasantry", "kulak", "kulaks", "farmer", "farmers"),
    "worker": ("worker", "workers", "proletariat", "labourer", "labourers"),
    "soldier": ("soldier", "soldiers", "army"),
    "sailor": ("sailor", "sailors"),
    "noble": ("noble", "nobles", "nobility", "aristocracy", "landlord", "landlords"),
    "merchant": ("merchant", "merchants", "nepmen", "nepman", "traders", "trader"),
    "student": ("student", "students"),
}.items() for w in ws}
_DECADE = re.compile(r"^\d{3}0s$")
_PARTS = frozenset({"early", "mid", "late"})


def stance(words: Iterable[str]) -> bool:
    """Whether a phrase's words speak of opposing something."""
    return any(stem(w) in _AGAINST for w in words)


def stood_against(words: Words, used: tuple[int, ...], point: Point) -> bool:
    """A word of opposing stands just before the match, in its clause."""
    if point.stance:
        return False
    k, big = used[0] - 1, 0
    while k >= 0 and big < 2 and words.clause[k] == words.clause[used[0]]:
        word = words.folded[k]
        if stem(word) in _AGAINST and (word != "against" or (
                k > 0 and words.folded[k - 1] in _BE)):
            return True
        big += not is_small(word)
        k -= 1
    return False


def allies(texts: Iterable[tuple[str, ...]], names: frozenset[str]) -> frozenset[str]:
    """The names beside a support word in a point's phrases (as keys)."""
    out: set[str] = set()
    for keys in texts:
        for i, key in enumerate(keys):
            if stem(key) not in SUPPORT:
                continue
            for step in (-1, 1):
                k = i + step
                while 0 <= k < len(keys) and keys[k] not in names and is_small(keys[k]):
                    k += step
                if 0 <= k < len(keys) and keys[k] in names:
                    out.add(keys[k])
    return frozenset(out)


def wrong_ally(words: Words, used: tuple[int, ...], point: Point, span: range) -> bool:
    """Another name owns the match's support word, or its clause ``span`` is against an ally."""
    if not point.allies or not words.named:
        return False
    said = [i for i in used if stem(words.folded[i]) in SUPPORT]
    if not said:
        return False
    for i in span:
        if words.folded[i] == "against":
            k = i + 1 + (i + 1 < len(words.keys) and words.folded[i + 1] == "the")
            if k < len(words.keys) and words.named[k] in point.allies:
                return True
    # its owner: a name just before it, an adjective at most between ("Trotsky's main ally")
    for k in (said[0] - 1, said[0] - 2):
        if k < span[0] or k in used or (words.named[k] is None and is_small(words.folded[k])):
            return False
        if words.named[k] is not None:
            return words.named[k] not in point.allies and words.keys[k] == words.named[k]
    return False


def crowds(keys: Iterable[str]) -> frozenset[str]:
    """The social groups a point's words name."""
    return frozenset(_CROWDS[s] for k in keys if (s := stem(k)) in _CROWDS)


def wrong_crowd(words: Words, used: tuple[int, ...], point: Point, span: range) -> bool:
    """Another social group than the point's comes before the match in its clause ``span``."""
    if not point.crowds:
        return False
    return any(_CROWDS.get(stem(words.folded[i])) not in (None, *point.crowds)
               for i in span if i < used[0])


def periods(texts: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, str]]:
    """The parts of decades ("mid", "1920s") a point's texts state."""
    return frozenset((w[i - 1], w[i]) for w in texts for i in range(1, len(w))
                     if _DECADE.match(w[i]) and w[i - 1] in _PARTS)


def wrong_period(words: Words, span: range, point: Point) -> bool:
    """The clause ``span`` states another part of a decade the point states ("late
    1920s" for "mid-1920s"), or another decade ("the 1930s")."""
    if not point.periods:
        return False
    decades = {d for _p, d in point.periods}
    for i in span:
        if not _DECADE.match(words.folded[i]):
            continue
        if words.folded[i] not in decades:
            return True
        if i and words.folded[i - 1] in _PARTS \
                and (words.folded[i - 1], words.folded[i]) not in point.periods:
            return True
    return False


#: "less socialist policies", "fewer collective farms": the amount the other way round.
LESS = frozenset({"less", "fewer"})


def says_less(texts: Iterable[tuple[str, ...]]) -> bool:
    """A point's credit and phrases (folded words) speak of less of something, or of
    moving away from it."""
    return any(w in LESS or w == "away" for words in texts for w in words)


def decade(word: str) -> tuple[int, int] | None:
    """A folded word naming a decade ("1920s") as its first and last years, else None."""
    return (int(word[:4]), int(word[:4]) + 9) if _DECADE.match(word) else None


def speed_after(patterns: tuple[Pattern, ...]) -> tuple[Pattern, ...]:
    """A phrase with a speed before its next word ("rapid industrialisation"), with the
    speed after it instead, as an adverb stands ("industrialise quickly", "industrialise
    the country fast")."""
    from powerquiz.marking.schemetypes import Pattern

    out = []
    for p in patterns:
        for i in range(len(p.slots) - 1):
            if p.slots[i] & (FAST | SLOW) and not p.name_slots[i + 1]:
                slots = (*p.slots[:i], p.slots[i + 1], p.slots[i], *p.slots[i + 2:])
                names = (*p.name_slots[:i], p.name_slots[i + 1], p.name_slots[i],
                         *p.name_slots[i + 2:])
                out.append(Pattern(p.text, slots, p.words, p.negative, names, p.bare))
    return tuple(out)
