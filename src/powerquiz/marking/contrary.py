"""When an answer's clause says the contrary of what a phrase match seems to make.

Negation (:func:`negated`, rule 6 of :mod:`~powerquiz.marking.scheme`) lives here
too.  Further rules the explain marker (:mod:`~powerquiz.marking.scheme`) applies on top of
pmatch's proximity, each general (no scheme's own words in them):

- A statement that would block a point (a ``not:`` phrase, a ``wrong:`` statement)
  is made only when its words are *asserted* in one clause: a negation anywhere in
  the clause, after the match as well as before it, unsays it ("the Right argued
  that international revolution was not possible" states no "Right wanted world
  revolution").  Credit keeps the narrower rule (a negation before or inside).
- A name after a preposition the phrase does not have is not the object of the
  phrase's verb: "removed with the Left's support" is not "removed the Left", and
  "supported by the Right" is not "supported the Right".
- Opposites: a match whose clause says its point's outcome the other way round
  ("the revolutions in Germany and Hungary succeeded" for a point about their
  being crushed) is no match.  The table is of outcomes only (succeed / fail).
- A wrong actor: a ``not:`` phrase that starts with a person ("Stalin decided not
  to publish") says the role belongs to someone else; so the rest of the phrase
  ("decided not to publish"), in a clause whose subject is a person the point never
  names, blocks the point too ("Trotsky decided not to publish it"); but not a
  person the ``not:`` phrases of a point about another group set aside (the Left's
  point says "Bukharin favoured Permanent Revolution" is wrong, so Bukharin is of
  the Right: "Bukharin backed Socialism in One Country" is right).
- A wrong leader: an answer that puts one of those persons at the head of the
  point's own group ("Bukharin led the Left", "the Left under Bukharin") has the
  point's side wrong, and is not credited it.
- A bare label: a phrase of names only, in an answer with no other word that
  counts ("The Right Opposition.", "permanent revolution vs socialism in one
  country"), names the point without making it.
- Less of it: "less" or "fewer" just before a match, or "away from" shortly before
  it ("wanted less socialist policies", "move away from collectivisation"), says the
  amount the other way round, unless the point itself is about less of something.
- Someone else's: a match followed by "of" and a name the point never says
  ("replaced by supporters of Trotsky") is not the point's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerquiz.marking.schemewords import ASIDE, NOT, is_small, stem
from powerquiz.marking.sides import FAST, LESS, SLOW, stood_against, wrong_ally, wrong_crowd

if TYPE_CHECKING:
    from powerquiz.marking.schemetypes import Pattern, Point, Words

#: A name after one of these (unless the phrase has it) is not a verb's object.
PREPOSITIONS = frozenset({
    "with", "by", "from", "against", "under", "without", "alongside", "than", "unlike",
    "for", "behind",
})
#: Any preposition: a phrase with one ("removed as General Secretary") has no object slot.
PREPOSITIONS_ANY = PREPOSITIONS | frozenset({"as", "of", "to", "in", "on", "at", "into"})
_NOT_ONLY = frozenset({"only", "just", "merely", "simply"})
#: How far back (words that are not small) a negation reaches.
NEGATION_REACH = 3
_GOOD = frozenset(stem(w) for w in (
    "succeed", "succeeded", "success", "successful", "triumphed", "won", "worked"))
_BAD = frozenset(stem(w) for w in (
    "fail", "failed", "failure", "failing", "suppressed", "crushed", "defeated",
    "collapsed", "lost"))


def negated(words: Words, used: tuple[int, ...]) -> bool:
    """Whether a negation or an aside stands inside the match or just before it.

    "Not only" (just, merely, simply) is no negation: "Not only did he back the Right".
    """
    first, last = used[0], used[-1]
    inside = set(used)
    # a negation in an aside sets the aside's name aside: "The Left, not the Right, wanted"
    if any(i not in inside and _negation(words, i) and not words.aside[i]
           for i in range(first + 1, last)):
        return True
    start = first
    while start > 0 and words.between(start - 1, first) < NEGATION_REACH \
            and words.clause[start - 1] == words.clause[first]:
        start -= 1
        if _negation(words, start):
            return True
    before = words.keys[start:first]
    for aside in ASIDE:
        n = len(aside)
        if aside != (NOT,) and any(tuple(before[k:k + n]) == aside
                                   for k in range(len(before) - n + 1)):
            return True
    return False


def _negation(words: Words, i: int) -> bool:
    """Word ``i`` says "not": not "not only", nor a "not ... without" in one clause,
    which says the need ("socialism could not survive without it": it is essential)."""
    return words.keys[i] == NOT and not (
        i + 1 < len(words.keys) and words.folded[i + 1] in _NOT_ONLY) and not _without(words, i)


def _without(words: Words, i: int) -> bool:
    k = i + 1
    while k < len(words.keys) and words.clause[k] == words.clause[i] \
            and words.sentence[k] == words.sentence[i]:
        if words.folded[k] == "without":
            return True
        k += 1
    return False


def wrong_subject(words: Words, used: tuple[int, ...], subject: str | None) -> bool:
    """Whether the clause of a match has another person as its subject than ``subject``."""
    if subject is None or not words.sclause:
        return False
    said = words.subjects.get(words.sclause[used[0]])
    return said is not None and said[0] < used[0] and said[1] != subject


def clause_span(words: Words, used: tuple[int, ...]) -> range:
    """The positions of the clause (and sentence) the match ``used`` starts in."""
    c, s = words.clause[used[0]], words.sentence[used[0]]
    lo = used[0]
    while lo > 0 and words.clause[lo - 1] == c and words.sentence[lo - 1] == s:
        lo -= 1
    hi = used[-1]
    last = words.clause[used[-1]]
    while hi + 1 < len(words.keys) and words.clause[hi + 1] == last \
            and words.sentence[hi + 1] == s:
        hi += 1
    return range(lo, hi + 1)


def unsaid(words: Words, used: tuple[int, ...]) -> bool:
    """A negation anywhere in the match's clause, other than the match's own words
    (and than an aside's: "The Right, not the Left, wanted" still says the Right did)."""
    mine = set(used)
    return any(i not in mine and words.keys[i] == NOT and not words.aside[i] and not (
        i + 1 < len(words.keys) and words.folded[i + 1] in _NOT_ONLY)
        for i in clause_span(words, used))


def named_before(words: Words, used: tuple[int, ...]) -> bool:
    """A name (or a pronoun) comes before the match in its sentence."""
    s = words.sentence[used[0]]
    return (bool(words.named) and any(words.named[k] is not None and words.sentence[k] == s
                                     for k in range(used[0]))) or unknown_name(words, used)


def unknown_name(words: Words, used: tuple[int, ...]) -> bool:
    """The nearest word before the match in its clause that is not small is written
    with a capital (a person the question never names: "Bukharin was ill")."""
    k = used[0] - 1
    while k >= 0 and words.clause[k] == words.clause[used[0]] and is_small(words.folded[k]) \
            and not (words.named and words.named[k] is not None):
        k -= 1
    return k >= 0 and words.clause[k] == words.clause[used[0]] and not (
        words.named and words.named[k] is not None) \
        and words.shown[k][:1].isupper() and words.shown[k].isalpha()


def name_inside(words: Words, used: tuple[int, ...], mine: frozenset[str]) -> bool:
    """Another name than the phrase's stands between the match's words: the statement
    is about that name ("with their support the Left were removed" says nothing of
    the Right being removed)."""
    if not words.named:
        return False
    inside = set(used)
    return any(k not in inside and words.named[k] is not None and words.named[k] not in mine
               for k in range(used[0] + 1, used[-1]))


def preposition_before(words: Words, pattern: Pattern, prev: int, j: int) -> bool:
    """A preposition stands between positions ``prev`` and ``j``, and the phrase has
    none ("removed as General Secretary" is made by "removed from his post as ...")."""
    if pattern.words & PREPOSITIONS_ANY:
        return False
    return any(words.folded[k] in PREPOSITIONS and words.folded[k] not in pattern.words
               for k in range(prev + 1, j))


def opposites(patterns: tuple[Pattern, ...]) -> frozenset[str]:
    """The stems that say the points' outcome the other way round."""
    said = {w for p in patterns for w in p.words} | {k for p in patterns for s in p.slots
                                                    for k in s}
    stems = {stem(w) for w in said}
    out = (_GOOD if stems & _BAD else frozenset()) | (_BAD if stems & _GOOD else frozenset())
    return out | (SLOW if stems & FAST else frozenset()) | (FAST if stems & SLOW else frozenset())


def bare_label(words: Words, used: tuple[int, ...], pattern: Pattern) -> bool:
    """A phrase of names only ("Right Opposition") in an answer saying nothing else:
    naming a thing is not describing or explaining it."""
    if not pattern.name_slots or not all(pattern.name_slots):
        return False
    inside = set(used)
    return not any(k not in inside and words.named[k] is None
                   and words.big[k + 1] > words.big[k] and words.folded[k] not in _LINKS
                   for k in range(len(words.keys)))


_LINKS = frozenset({"vs", "versus", "v"})


def labels_only(words: Words, used: frozenset[int]) -> bool:
    """Labels set against each other and nothing else ("permanent revolution vs
    socialism in one country"): every word that counts is in a phrase match, and a "vs"
    joins them. Naming the two sides of a dispute is not describing it."""
    return any(w in _LINKS for w in words.folded) and all(
        k in used or words.folded[k] in _LINKS or words.big[k + 1] == words.big[k]
        for k in range(len(words.keys)))


def contradicted(words: Words, used: tuple[int, ...], point: Point) -> bool:
    """The match's clause says the point the other way round, or of someone else."""
    span = clause_span(words, used)
    if lessened(words, used) and not point.lessens:
        return True
    if point.opposed and any(stem(words.folded[i]) in point.opposed
                             and i not in used for i in span):
        return True
    after = used[-1] + 1
    if after < len(words.keys) and words.folded[after] == "of":
        k = after + 1 + (after + 1 < len(words.keys) and words.folded[after + 1] == "the")
        if k < len(words.keys) and words.named and words.named[k] is not None \
                and words.named[k] in point.others:
            return True
    return stood_against(words, used, point) or wrong_ally(words, used, point, span) \
        or wrong_crowd(words, used, point, span)


def lessened(words: Words, used: tuple[int, ...]) -> bool:
    """"less" or "fewer" just before the match, or "away from" shortly before or
    inside it ("wanted less socialist policies", "move away from collectivisation")."""
    first, last = used[0], used[-1]
    if first and words.folded[first - 1] in LESS \
            and words.clause[first - 1] == words.clause[first]:
        return True
    return any(words.folded[k] == "away" and words.folded[k + 1] == "from"
               and words.clause[k] == words.clause[first] and k not in used
               for k in range(max(0, first - 4), last))


def wrong_actor(words: Words, used: tuple[int, ...], point: Point,
                sided: frozenset[str] = frozenset()) -> bool:
    """The match's clause has a person subject the point never names (nor ``sided``)."""
    if not words.sclause:
        return False
    said = words.subjects.get(words.sclause[used[0]])
    return said is not None and said[0] < used[0] and said[1] not in point.people \
        and said[1] not in sided


#: Words that put a person at the head of a group ("led", "under", "leader of").
LEAD_WORDS = frozenset({"led", "lead", "leads", "leader", "leaders", "headed", "head", "under"})
_LEAD_GAP = 3


def wrong_leader(words: Words, point: Point) -> bool:
    """The answer puts a person the ``not:`` phrases name at the head of the point's group."""
    if point.group is None or not point.actors:
        return False
    for i, key in enumerate(words.keys):
        if key not in point.actors:
            continue
        for j in range(max(0, i - _LEAD_GAP - 1), min(len(words.keys), i + _LEAD_GAP + 2)):
            named = words.named[j] if words.named else None
            if j == i or words.clause[j] != words.clause[i] or point.group not in (
                    words.keys[j], named):
                continue
            lo, hi = min(i, j), max(i, j)
            if any(words.folded[k] in LEAD_WORDS for k in range(lo + 1, hi)):
                return True
    return False
