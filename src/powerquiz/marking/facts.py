"""Facts an answer states wrongly while its words seem to make a point.

Rules of the explain marker (:mod:`~powerquiz.marking.scheme`), on top of those in
:mod:`~powerquiz.marking.contrary` and :mod:`~powerquiz.marking.sides`; each general,
with no scheme's own words in it.  A match is no match when:

- Its year is wrong, read as a teacher reads a date (:func:`year_wrong`): "in 1928"
  and "from 1928" must fall in one of the point's years; "by 1932" must not be before
  the point (and, when the point dates itself with "by", as "By 1928–1929 most
  Communists...", must be its date); "before" / "until 1928" must come after the
  point's start, "after" / "since 1928" not after its end.  A point that states no
  year takes the year the prompt dates its event with ("after Lenin's death in
  January 1924": "In 1928 the Central Committee decided..." is the wrong year).
- Its sentence negates another part of the credit than the match makes: "had doubts
  about NEP and Stalin did not attack it" for "...had reservations about NEP, and
  attacked it" (the word after the negation is one of the credit's, and the credit
  does not negate it itself).
- Its sentence reverses the question's premise: an adjective of a noun the prompt or
  credit states ("poor health") said the opposite way of the same noun ("his health
  was fine", "in good health"); the opposites are a table of states (poor / bad / ill
  / weak against fine / good / healthy / strong), a negation before one unsaying it.
- A detail of a direction ("force prices up") is not made by a clause giving the
  other direction ("to force prices down").
- (Not a rule against a match but one for it: a phrase of a person and a group only,
  "Trotsky was on the Left", states a membership, so it is no bare label.)
- It puts the wrong members under a group label: persons listed just before the
  point's group ("branded Trotsky, Zinoviev and Kamenev the Right Opposition") none
  of whom the question's texts (entries, model answer, explanation; never a ``not:``
  phrase) place in that group, when they place anyone in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from powerquiz.marking.normalize import tokenize
from powerquiz.marking.placing import (
    Placed,
    all_placed,
    credit_says_each,
    half_denied,
    misplaced,
    one_only,
    question_places,
    swapped_places,
    wrong_doer,
    wrong_group,
)
from powerquiz.marking.referents import GROUP, PERSON, stated_year
from powerquiz.marking.scheme import compile_scheme, name_texts
from powerquiz.marking.schemewords import NOT, is_small, stem
from powerquiz.marking.voice import owner

if TYPE_CHECKING:
    from collections.abc import Callable

    from powerquiz.bank.model import Question
    from powerquiz.marking.schemetypes import Pattern, Point, Scheme, Words

Years = tuple[tuple[int, int], ...]

#: Words before a year that make it a bound of the point's time, not the time itself.
EARLIER = frozenset({"by"})
BEFORE = frozenset({"until", "till", "before"})
AFTER = frozenset({"after", "since"})
SKIPPED = frozenset({"unlike"})
_BAD_STATE = frozenset(stem(w) for w in (
    "poor", "bad", "ill", "weak", "sick", "unwell", "failing", "worse", "frail", "declining"))
_GOOD_STATE = frozenset(stem(w) for w in (
    "fine", "good", "healthy", "strong", "excellent", "robust", "better", "improving"))
_STATE_REACH = 3
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|"
           "november|december")
_PROMPT_DATE = re.compile(rf"\bin\s+(?:(?:\d{{1,2}}\s+)?(?:{_MONTHS})\s+)?(\d{{4}})\b", re.I)
_UP = frozenset(stem(w) for w in ("up", "higher", "rise", "rising", "raise", "increase"))
_DOWN = frozenset(stem(w) for w in ("down", "lower", "fall", "falling", "reduce", "decrease"))
_LIST = frozenset({"and", "or", "&"})
_JOINS = frozenset({"of", "the", "s", "and", "or"})
_FEW = frozenset({NOT, "little", "few", "no", "never"})
_BE = frozenset({"was", "were", "is", "are", "been", "be"})


def year_wrong(span: tuple[int, int], bound: str, years: Years, dated_by: bool) -> bool:
    """Whether a stated year (after the word ``bound``) contradicts a point of ``years``."""
    if not years or bound in SKIPPED:
        return False
    within = any(a <= span[0] and span[1] <= b for a, b in years)
    if bound in EARLIER:
        return (dated_by and not within) or all(span[1] < a for a, _b in years)
    if bound in BEFORE:
        return all(span[1] <= a for a, _b in years)
    if bound in AFTER:
        return all(span[0] > b for _a, b in years)
    return not within


@dataclass(frozen=True)
class PointFacts:
    """What one point's facts are, for the rules above."""

    years: Years
    #: The point dates itself with "by" ("By 1928–1929 ...").
    dated_by: bool
    #: Keys of the credit's words a negation in the answer may unsay.
    negatable: frozenset[str]
    #: Noun key -> the stems of the states opposite to the one the question gives it.
    premise: dict[str, frozenset[str]]
    #: The persons the question's texts place in the point's group.
    members: frozenset[str]
    #: The persons the question names, and its groups.
    persons: frozenset[str]
    groups: frozenset[str] = frozenset()
    #: Group -> the persons the question lists next to it (:mod:`~powerquiz.marking.placing`).
    placed: Placed = field(default_factory=dict)
    #: The credit is about each or both of several; the groups its prompt names.
    each: bool = False
    pair: frozenset[str] = frozenset()
    #: Who the point says did it, when a clause opened by another group cannot make it:
    #: the question's own person, or the group the credit opens with ("The Right argued").
    doer: str | None = None
    #: The keys of every word the question's texts use; those they write with a capital.
    known: frozenset[str] = frozenset()
    capitals: frozenset[str] = frozenset()


@lru_cache(maxsize=1024)
def point_facts(q: Question) -> tuple[PointFacts, ...]:
    """Each point's facts, built once per question."""
    scheme = compile_scheme(q)

    def key(w: str) -> str:
        s = stem(w)
        return scheme.groups.get(s, s)

    prompt_years = tuple((int(y), int(y)) for y in _PROMPT_DATE.findall(q.prompt))
    premise = _premise(q.prompt)
    members = _members(q, scheme)
    persons = frozenset(k for k, v in scheme.names.kinds.items() if v == PERSON)
    groups = frozenset(k for k, v in scheme.names.kinds.items() if v == GROUP)
    hero = scheme.names.protagonist.get(PERSON)
    pair = frozenset(k for k in map(key, tokenize(q.prompt).words)
                     if scheme.names.kinds.get(k) == GROUP)
    placed = question_places(_texts(q), key, scheme.names.kinds, hero)
    swapped = swapped_places([p for e in q.scheme for p in (
        e.any, e.detail.any if e.detail else ())], key, scheme.names.kinds, hero)
    placed = {g: placed.get(g, frozenset()) | swapped.get(g, frozenset())
              for g in placed.keys() | swapped.keys()}
    texts = [tokenize(t) for t in (q.prompt, q.explain, *name_texts(q))]
    known = frozenset(key(w) for t in texts for w in t.words)
    capitals = frozenset(w for t in texts for w, shown in zip(t.words, t.shown, strict=True)
                         if shown[:1].isupper())
    out = []
    for point in scheme.points:
        credit = tokenize(point.entry.credit).words
        own = dict(premise)
        own.update(_premise(point.entry.credit))
        negatable = frozenset(key(w) for i, w in enumerate(credit) if not is_small(w)
                              and key(w) not in scheme.names.kinds and stem(w) != NOT
                              and not _FEW & {stem(v) for v in credit[max(0, i - 3):i]})
        years = point.years or (() if point.periods else prompt_years)
        dated_by = any(credit[i] in EARLIER and stated_year(credit[i + 1]) is not None
                       for i in range(len(credit) - 1))
        out.append(PointFacts(years, dated_by, negatable, own,
                              members.get(point.group, frozenset()) if point.group else
                              frozenset(), persons, groups, placed,
                              credit_says_each(point.entry.credit), pair,
                              _doer(point, credit, hero, key, pair), known, capitals))
    return tuple(out)


def _doer(point: Point, credit: tuple[str, ...], hero: str | None,
          key: Callable[[str], str], prompt: frozenset[str]) -> str | None:
    """The point's person when it is the question's own, else the group its credit opens
    with, small words apart ("The Right argued that..."), unless the prompt names it (a
    whole the others are part of: "the Party's dispute"), if any."""
    if point.subject is not None:
        return point.subject if point.subject == hero else None
    first = next((w for w in credit if not is_small(w)), None)
    group = point.group if first is not None and key(first) == point.group else None
    return group if group not in prompt else None


def _texts(q: Question) -> list[str]:
    """The question's texts that may place a person: phrases, credits, sentences."""
    out = [t for e in q.scheme for t in (e.credit, *e.any, *(e.detail.any if e.detail else ()))]
    for text in (q.model_answer, q.explain):
        out += re.split(r"(?<=[.;!?])\s+", text)
    return out


def _premise(text: str) -> dict[str, frozenset[str]]:
    """Noun -> opposite states, for each state said of a noun in ``text`` ("poor health",
    "health was poor")."""
    words = tokenize(text).words
    out: dict[str, frozenset[str]] = {}
    for i, w in enumerate(words):
        s = stem(w)
        side = _GOOD_STATE if s in _BAD_STATE else _BAD_STATE if s in _GOOD_STATE else None
        if side is None:
            continue
        for j in (i + 1, i - 2 if i >= 2 and words[i - 1] in _BE else -1):
            if 0 <= j < len(words) and words[j].isalpha() and not is_small(words[j]) \
                    and stem(words[j]) not in _BAD_STATE | _GOOD_STATE:
                out.setdefault(stem(words[j]), side)
    return out


def _members(q: Question, scheme: Scheme) -> dict[str, frozenset[str]]:
    """Group -> the persons some text of the question names beside it."""
    kinds = scheme.names.kinds
    hero = scheme.names.protagonist.get(PERSON)
    units = [(e.credit, *e.any, *(e.detail.any if e.detail else ())) for e in q.scheme]
    for text in (q.model_answer, q.explain):
        units += [(s,) for s in re.split(r"(?<=[.;!?])\s+", text)]
    out: dict[str, set[str]] = {}
    for unit in units:
        said = [(stem(w), shown) for t in unit
                for w, shown in zip(*(lambda x: (x.words, x.shown))(tokenize(t)), strict=True)]
        keys = {scheme.groups.get(k, k) for k, _ in said}
        groups = {k for k in keys if kinds.get(k) == GROUP}
        # a person is a name the question knows, or any word it writes with a capital
        persons = {k for k, shown in said if kinds.get(k) != GROUP and k != hero and (
            kinds.get(k) == PERSON or (shown[:1].isupper() and not is_small(k)))}
        for g in groups:
            out.setdefault(g, set()).update(persons)
    return {g: frozenset(p) for g, p in out.items()}


def turned_round(words: Words, used: tuple[int, ...], pattern: Pattern) -> bool:
    """A phrase of a direction ("force prices up") whose clause says the other one
    ("to force prices down"): up and down, higher and lower, rise and fall."""
    said = {stem(w) for w in pattern.words}
    other = (_DOWN if said & _UP else frozenset()) | (_UP if said & _DOWN else frozenset())
    if not other:
        return False
    mine = set(used)
    c, s = words.clause[used[-1]], words.sentence[used[-1]]
    return any(k not in mine and stem(words.folded[k]) in other
               for k in range(used[0], len(words.keys))
               if words.clause[k] == c and words.sentence[k] == s)


def states_membership(pattern: Pattern, facts: PointFacts) -> bool:
    """A phrase of a person and a group only, linked by more than "of" ("Trotsky was on
    the Left", not "Pilgrimage of Grace"), states who belongs where: no bare label."""
    named = [slot for slot, name in zip(pattern.slots, pattern.name_slots, strict=True)
             if name]
    names = {k for slot in named for k in slot}
    linked = {w for w in pattern.words if stem(w) not in names} - _JOINS
    return bool(linked) and any(slot & facts.persons for slot in named) and any(
        slot & facts.groups for slot in named)


def against_facts(words: Words, used: tuple[int, ...], point: Point,
                  facts: PointFacts) -> bool:
    """Whether the match's sentence states a fact of the point wrongly (rules above)."""
    s = words.sentence[used[0]]
    span = [i for i in range(len(words.keys)) if words.sentence[i] == s]
    return _negated_part(words, used, span, facts, point.people) or _reversed(words, span, facts) \
        or _wrong_members(words, used, point, facts) or misplaced(words, used, facts.placed) \
        or wrong_doer(words, used, point.subject, facts.persons | all_placed(facts.placed),
                      facts.known, facts.capitals) \
        or wrong_group(words, used, facts.doer, point.people, facts.pair, facts.persons) \
        or (facts.each and (half_denied(words, used, facts.groups)
                            or one_only(words, facts.pair)))


def _negated_part(words: Words, used: tuple[int, ...], span: list[int],
                  facts: PointFacts, people: frozenset[str]) -> bool:
    mine = set(used)
    for i in span:
        if words.keys[i] != NOT or i in mine or words.aside[i]:
            continue
        j = i + 1
        while j in span and is_small(words.folded[j]):
            j += 1
        said = words.subjects.get(words.sclause[i]) if words.sclause else None
        if j in span and j not in mine and words.keys[j] in facts.negatable \
                and words.clause[j] == words.clause[i] and said is not None \
                and said[0] < i and said[1] in people:
            return True
    return False


def _reversed(words: Words, span: list[int], facts: PointFacts) -> bool:
    if not facts.premise:
        return False
    for i in span:
        opposite = facts.premise.get(words.keys[i]) or facts.premise.get(stem(words.folded[i]))
        if opposite is None:
            continue
        near = [j for j in span if j != i and abs(words.between(min(i, j), max(i, j)))
                < _STATE_REACH and words.clause[j] == words.clause[i]]
        if any(stem(words.folded[j]) in opposite and not (j and words.keys[j - 1] == NOT)
               for j in near):
            return True
    return False


def _wrong_members(words: Words, used: tuple[int, ...], point: Point,
                   facts: PointFacts) -> bool:
    if not facts.members or point.group is None:
        return False
    at = next((k for k in used if point.group in (words.keys[k], words.named[k]
                                                    if words.named else None)), None)
    if at is None:
        return False
    listed = _listed_before(words, at, facts.persons)
    return bool(listed) and not (listed & facts.members)


def _listed_before(words: Words, at: int, persons: frozenset[str]) -> set[str]:
    """The persons of a list standing just before position ``at`` (small words apart)."""
    k = at - 1
    while k >= 0 and is_small(words.folded[k]) and words.folded[k] not in _LIST:
        k -= 1
    out: set[str] = set()
    if k >= 0 and owner(words, k):
        return set()  # whose, not who: "Henry's Articles", "Stalin's supporters"
    while k >= 0 and words.sentence[k] == words.sentence[at] and _person(words, k, persons):
        named = words.named[k] if words.named else None
        out.add(named or words.keys[k])
        k -= 1
        if k >= 0 and words.folded[k] in _LIST:
            k -= 1
    return out


def _person(words: Words, k: int, persons: frozenset[str]) -> bool:
    """A person the question names, or a name it never does (a word with a capital)."""
    named = words.named[k] if words.named else None
    if named is not None:
        return named in persons and words.keys[k] == named
    shown = words.shown[k]
    return shown[:1].isupper() and shown.isalpha() and k > 0 and \
        words.sentence[k - 1] == words.sentence[k]
