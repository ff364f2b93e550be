"""Marking an extended answer against its mark scheme (``type: explain``).

How phrases are found is :mod:`~powerquiz.marking.scheme`.  Then, as a teacher marks:

- A point is credited when one of its ``any`` phrases is made, and not when the
  answer states one of its ``not:`` phrases or a ``wrong:`` statement that would
  make it (a point stated wrongly never earns a mark).
- A detail earns its marks only with its point credited, made by other words.
- The mark is the credited points' marks (with their details, highest first, at
  most ``max`` points) capped at ``marks``.  The verdict is correct at full marks,
  partial above none, wrong at none.
- The feedback names each point credited and each one missed; the model answer
  is the mark's ``expected``, shown after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from powerquiz.bank.model import Question
from powerquiz.marking.acronyms import expand
from powerquiz.marking.contrary import (
    bare_label,
    contradicted,
    labels_only,
    wrong_actor,
    wrong_leader,
)
from powerquiz.marking.facts import (
    PointFacts,
    against_facts,
    point_facts,
    states_membership,
    turned_round,
    year_wrong,
)
from powerquiz.marking.normalize import is_no_answer, tokenize
from powerquiz.marking.placing import joins_names, member_lists
from powerquiz.marking.referents import GROUP_PRONOUNS, PERSON_PRONOUNS, stated_year
from powerquiz.marking.result import Answer, answer_text
from powerquiz.marking.scheme import CLAUSE_WORDS, compile_scheme, find, read_words
from powerquiz.marking.schemetypes import Pattern, Point, Scheme, Words
from powerquiz.marking.schemewords import unprefixed
from powerquiz.marking.scored import NO_ANSWER_FEEDBACK, Scored, typo_feedback
from powerquiz.marking.sides import decade, wrong_period


@dataclass
class Assessment:
    """What an extended answer earned, point by point."""

    awarded: int
    out_of: int
    #: The ``credit`` texts of the points counted, in the scheme's order.
    credited: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    typos: list[tuple[str, str]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.awarded / self.out_of if self.out_of else 0.0


@dataclass
class _Found:
    index: int
    used: tuple[int, ...]
    detail: bool


def _made(words: Words, point: Point, facts: PointFacts) -> tuple[int, ...] | None:
    """The first match making ``point`` that nothing in its clause contradicts.

    A match stating a wrong year, or another fact wrongly, is passed over for a later
    one that does not.
    """
    def ok(used: tuple[int, ...]) -> bool:
        return not contradicted(words, used, point) \
            and wrong_year(words, used, point, facts) is None \
            and not against_facts(words, used, point, facts)

    for pattern in point.any:
        used = find(words, pattern, subject=point.subject, ok=ok)
        if used is not None and (not bare_label(words, used, pattern)
                                 or states_membership(pattern, facts)):
            return used
    for pattern in point.any:
        if len(pattern.slots) >= LOOSE_SLOTS:
            used = find(words, pattern, subject=point.subject, strict=True, gap=LOOSE_GAP,
                        ok=ok)
            if used is not None:
                return used
    return None


def _misdated(words: Words, point: Point, facts: PointFacts) -> str | None:
    """The wrong year of the first match making ``point``, when every match has one."""
    for pattern in point.any:
        used = find(words, pattern, subject=point.subject,
                    ok=lambda u: not contradicted(words, u, point))
        if used is not None:
            return wrong_year(words, used, point, facts)
    return None


#: A phrase of this many words or more may be made with them further apart, in one clause.
LOOSE_SLOTS = 3
LOOSE_GAP = 6


def wrong_year(words: Words, used: tuple[int, ...], point: Point,
               facts: PointFacts) -> str | None:
    """A year the clause making the point states that contradicts the point's years
    (:func:`~powerquiz.marking.facts.year_wrong` reads "by", "until", "after"...).

    The clause runs from the match to the joining words (and, but, then...) on either
    side, commas included ("In 1926, he turned on the Right").  A clause that goes on
    from the one before with "and" and a verb, stating no year of its own, has that
    clause's years ("removed in 1926 and replaced by his supporters").
    """
    if not facts.years and not point.periods:
        return None
    names = facts.persons | facts.groups
    lo, hi = _clause(words, used[0], used[-1], names)
    wrong = _wrong_in(words, range(lo, hi + 1), point, facts)
    if wrong is None and lo > 0 and lo + 1 < len(words.keys) \
            and words.sentence[lo - 1] == words.sentence[lo] \
            and words.folded[lo] in _GOES_ON and _continues(words, lo + 1, used[0], names) \
            and not any(_dated(words.folded[i]) for i in range(lo, hi + 1)):
        before, _end = _clause(words, lo - 1, lo - 1, names)
        wrong = _wrong_in(words, range(before, lo), point, facts)
    return wrong


#: The joining words after which a clause may go on with the subject before it.
_GOES_ON = frozenset({"and", "but"})
#: Words starting a clause that has its own time ("and later ...", "and in 1929 ...").
_OWN_TIME = frozenset({"then", "later", "afterwards", "soon", "after", "eventually",
                       "finally", "next", "subsequently", "in", "by", "from", "until"})


_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS


def _dated(word: str) -> bool:
    return stated_year(word) is not None or decade(word) is not None


def _continues(words: Words, k: int, match: int, names: frozenset[str]) -> bool:
    """The clause starting at ``k`` has no subject or time of its own before the match
    at ``match``: a verb opens it ("and replaced by", not "and also the Left were")."""
    return words.folded[k] not in _OWN_TIME | _OPENERS and not any(
        words.folded[i] in _PRONOUNS or words.keys[i] in names for i in range(k, match))


_OPENERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "also"})


def _clause(words: Words, first: int, last: int, names: frozenset[str]) -> tuple[int, int]:
    """The clause around positions ``first`` to ``last``: to the joining words either side."""
    sentence = words.sentence[first]

    def ends(k: int) -> bool:  # "the Left and the Right" ends no clause
        return words.folded[k] in CLAUSE_WORDS and not joins_names(words, k, names)

    lo, hi = first, last
    while lo > 0 and words.sentence[lo - 1] == sentence and not ends(lo):
        lo -= 1
    while hi + 1 < len(words.keys) and words.sentence[hi + 1] == sentence and not ends(hi + 1):
        hi += 1
    return lo, hi


def _wrong_in(words: Words, span: range, point: Point, facts: PointFacts) -> str | None:
    """The first year or decade in ``span`` that contradicts the point's."""
    if wrong_period(words, span, point):
        return "another part of the decade"
    for i in span:
        tens = decade(words.folded[i])
        if tens is not None and facts.years \
                and not any(a <= tens[1] and tens[0] <= b for a, b in facts.years):
            return words.shown[i]  # a decade is wrong only when none of it is the point's
        span_i = stated_year(words.folded[i])
        if span_i is not None and year_wrong(span_i, words.folded[i - 1] if i else "",
                                             facts.years, facts.dated_by):
            return words.shown[i]
    return None


def _blocked(words: Words, scheme: Scheme) -> dict[int, str]:
    """Points the answer states wrongly: index -> what it said."""
    out: dict[int, str] = {}
    for i, point in enumerate(scheme.points):
        for pattern in point.nots:
            if find(words, pattern, strict=True,
                    ok=_own_subject(words, pattern, scheme)) is not None:
                out.setdefault(i, pattern.text)
        if wrong_leader(words, point):
            out.setdefault(i, "... led ...")
        # a person the not: phrases of a point about another group set aside is of this side
        sided = frozenset().union(*(p.actors for p in scheme.points if p is not point
                                    and None is not p.group != point.group is not None))
        for pattern in point.roles:
            used = find(words, pattern, strict=True)
            if used is not None and wrong_actor(words, used, point, sided):
                out.setdefault(i, pattern.text)
    for pattern, hits, _said in scheme.wrongs:
        if find(words, pattern, strict=True, ok=_own_subject(words, pattern, scheme)) is not None:
            for i in hits:
                out.setdefault(i, pattern.text)
    return out


def _own_subject(words: Words, pattern: Pattern,
                 scheme: Scheme) -> Callable[[tuple[int, ...]], bool]:
    """For a statement opening with a person ("Trotsky was chief mourner"): its match says
    it only when that person is its clause's subject, not the object of another's verb
    ("He outmanoeuvred Trotsky by being chief mourner"), or opens what another says
    ("Lenin said Trotsky should be dismissed")."""
    def ok(used: tuple[int, ...]) -> bool:
        if not pattern.leads or not words.sclause or not words.named \
                or not scheme.names.person(words.named[used[0]]):
            return True
        said = words.subjects.get(words.sclause[used[0]])
        return said is None or said[0] >= used[0] or said[1] == words.named[used[0]] \
            or (used[0] > 0 and words.folded[used[0] - 1] in _REPORTING)
    return ok


#: Words after which a person opens what someone says or wants ("Lenin said Trotsky
#: should be dismissed"): the statement is still made.
_REPORTING = frozenset({"said", "says", "say", "claimed", "thought", "believed", "argued",
                        "recommended", "wrote", "suggested", "stated", "felt", "warned",
                        "insisted", "wanted", "that", "feared", "hoped", "knew"})


def _wrong_said(words: Words, scheme: Scheme) -> list[str]:
    return [said or f"'{p.text}' is wrong" for p, _h, said in scheme.wrongs
            if find(words, p) is not None]


def _detail_made(words: Words, pattern: Pattern, taken: frozenset[int]) -> bool:
    """A detail made by other words than the points', its direction not turned round."""
    def ok(used: tuple[int, ...]) -> bool:
        return not turned_round(words, used, pattern)

    return find(words, pattern, taken, ok=ok) is not None


def _value(q: Question, f: _Found) -> int:
    entry = q.scheme[f.index]
    return entry.marks + (entry.detail.marks if f.detail and entry.detail else 0)


def assess(q: Question, answer: Answer) -> Assessment:
    """Mark ``answer`` against ``q``'s scheme (a pure function; never raises)."""
    text = answer_text(answer)
    out = Assessment(0, q.marks)
    if is_no_answer(tokenize(text)):
        out.feedback = [NO_ANSWER_FEEDBACK]
        return out
    scheme = compile_scheme(q)
    text = unprefixed(expand(text, scheme.acronyms), scheme.stems)
    words = read_words(text, scheme.groups, scheme.lexicon, scheme.names, scheme.stems)
    facts = point_facts(q)
    if facts and facts[0].placed:
        words = replace(words, members=member_lists(words, facts[0].placed, facts[0].persons))
    blocked = _blocked(words, scheme)
    found: list[_Found] = []
    for i, point in enumerate(scheme.points):
        if i in blocked:
            continue
        used = _made(words, point, facts[i])
        if used is None:
            year = _misdated(words, point, facts[i])
            if year is not None:
                blocked[i] = f"... {year}"
            continue
        found.append(_Found(i, used, False))
    # a detail is made by other words than its point's, and than any other point's
    taken = frozenset(k for f in found for k in f.used)
    if labels_only(words, taken):
        found, taken = [], frozenset()
    for f in found:
        f.detail = any(_detail_made(words, p, taken) for p in scheme.points[f.index].details)
    limit = q.max_credited or len(q.scheme)
    counted = sorted(found, key=lambda f: -_value(q, f))[:limit]
    counted.sort(key=lambda f: f.index)
    out.awarded = min(q.marks, sum(_value(q, f) for f in counted))
    out.credited = [q.scheme[f.index].credit for f in counted]
    used_at = {i for f in counted for i in f.used}
    out.typos = [t for i, t in sorted(words.typos.items()) if i in used_at]
    out.feedback = _feedback(q, counted, blocked, limit) + _wrong_said(words, scheme)
    out.feedback += typo_feedback(out.typos)
    return out


def _feedback(q: Question, counted: list[_Found], blocked: dict[int, str],
              limit: int) -> list[str]:
    needed = min(limit, len(q.scheme))
    lines = [f"You made {len(counted)} of {needed} point{'s' * (needed != 1)}"]
    for f in counted:
        entry = q.scheme[f.index]
        extra = f" (+{entry.detail.marks} detail)" if f.detail and entry.detail else ""
        lines.append(f"✓ {entry.credit}{extra}")
    for i, said in blocked.items():
        lines.append(f"✗ not credited: {q.scheme[i].credit} (your answer says '{said}')")
    taken = {f.index for f in counted}
    missed = [e for i, e in enumerate(q.scheme) if i not in taken]
    for n, entry in enumerate(missed[: max(0, needed - len(counted))]):
        lead = "another point" if counted or n else "a point"
        lines.append(f"✗ {lead}, e.g. {entry.credit}")
    for f in counted:
        entry = q.scheme[f.index]
        if entry.detail and not f.detail:
            lines.append(f"✗ no supporting detail for: {entry.credit}")
    return lines


def mark_explain(q: Question, c: object, answer: Answer) -> Scored:
    """The marker of the explain kind: awarded / out of, with the feedback above."""
    a = assess(q, answer)
    if not q.scheme or q.marks <= 0:
        return Scored(0.0, ["this question has no mark scheme to mark against"])
    head = f"{a.awarded} of {a.out_of} marks"
    return Scored(a.score, [head, *a.feedback], a.typos)
