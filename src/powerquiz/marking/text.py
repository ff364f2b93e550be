"""Free text: marking one answer (:func:`mark_one`) or a list (:func:`mark_list`).

The pieces they are built from each have a module of their own:

- :mod:`~powerquiz.marking.phrases`: finding the bank's answers in the typed words;
- :mod:`~powerquiz.marking.scored`: :class:`Scored`, a score with its feedback;
- :mod:`~powerquiz.marking.partmarks`: half marks and why a near miss is refused;
- :mod:`~powerquiz.marking.hedges`: a second answer offered beside the right one.

The names other modules import from here are re-exported (``Outcome`` is the old
name of :class:`Scored`, kept until every importer uses the new one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from powerquiz.bank.model import join_list
from powerquiz.marking.hedges import alternative, hedged, numeric_hedge, rival_words
from powerquiz.marking.normalize import FILLER
from powerquiz.marking.partmarks import fragment, number_feedback, range_part
from powerquiz.marking.phrases import (
    Found,
    Phrase,
    Span,
    SpanKind,
    Typed,
    covered_by,
    find,
    make_phrase,
    occurrences,
    phrase_words,
    read_typed,
)
from powerquiz.marking.scored import (
    NO_ANSWER_FEEDBACK,
    Scored,
    blocked_feedback,
    typo_feedback,
    typos_in,
    wrong_feedback,
)

#: The old name of :class:`Scored` (``marking.types`` imports it).
Outcome = Scored

__all__ = [
    "NO_ANSWER_FEEDBACK",
    "Found",
    "Outcome",
    "Phrase",
    "Scored",
    "Span",
    "SpanKind",
    "Typed",
    "alternative",
    "blocked_feedback",
    "covered_by",
    "find",
    "hedged",
    "make_phrase",
    "mark_list",
    "mark_one",
    "occurrences",
    "phrase_words",
    "read_typed",
    "rival_words",
    "typo_feedback",
    "typos_in",
    "wrong_feedback",
]


@dataclass(frozen=True)
class _Single:
    """What a single answer is marked against (the arguments of :func:`mark_one`)."""

    typed: Typed
    alts: Sequence[Phrase]
    wrongs: Sequence[Phrase]
    wrong_said: Sequence[str]
    others: Sequence[Phrase]
    other_label: str

    @property
    def rivals(self) -> tuple[Phrase, ...]:
        return (*self.wrongs, *self.others)

    def said_of(self, phrase: Phrase) -> str:
        """What to say about a rival: its wrong: feedback, or which gap it answers."""
        if any(phrase is w for w in self.wrongs):
            return wrong_feedback(Span(0, 0, "wrong", phrase), self.wrong_said)
        return f"{phrase.text} is {self.other_label.format(phrase.ref + 1)}"


def mark_one(
    typed: Typed,
    alts: Sequence[Phrase],
    wrongs: Sequence[Phrase],
    wrong_said: Sequence[str],
    others: Sequence[Phrase] = (),
    other_label: str = "",
) -> Scored:
    """Mark a single answer: right if one of ``alts`` is found and no wrong answer is.

    ``others`` are answers to something else (another gap): named in the feedback
    as ``other_label`` formatted with the phrase's ``ref``.
    """
    if typed.empty and not any(not a.words for a in alts):
        return Scored(0.0, [NO_ANSWER_FEEDBACK])
    one = _Single(typed, alts, wrongs, wrong_said, others, other_label)
    found = find(typed, (("right", alts), ("wrong", wrongs), ("other", others)))
    rights, wrong, other = found.of("right"), found.of("wrong"), found.of("other")
    if wrong or (rights and other):
        said = [one.said_of(s.phrase) for s in wrong + (other if rights else [])]
        if rights:
            where = [(s.start, s.end) for s in rights + wrong + other]
            return Scored(0.0, [hedged(typed, where), *said])
        return Scored(0.0, said)
    covered = covered_by(typed, found.spans + found.negated)
    if rights:
        return _mark_found(one, rights, covered)
    return _mark_not_found(one, other, covered)


def _mark_found(one: _Single, rights: list[Span], covered: list[bool]) -> Scored:
    """A right answer was found, and no wrong one: right, unless it is hedged."""
    typed = one.typed
    hedge = numeric_hedge(typed, rights)
    if hedge:
        return Scored(0.0, [f"{hedge}; give one answer"])
    told = rival_words(typed, (s.phrase.content for s in rights), one.rivals, one.alts, covered)
    if told is not None:
        rival, hits = told
        where = [(i, i + 1) for i in hits] + [(s.start, s.end) for s in rights]
        return Scored(0.0, [hedged(typed, where), one.said_of(rival)])
    known = frozenset(w for r in one.rivals for w in r.words if w not in FILLER)
    offered = alternative(typed, rights, one.alts, known, covered)
    if offered is not None:
        return Scored(0.0, [hedged(typed, [(s.start, s.end) for s in rights] + [offered])])
    typos = typos_in(typed, rights)
    return Scored(1.0, ["correct", *typo_feedback(typos)], typos)


def _mark_not_found(one: _Single, other: list[Span], covered: list[bool]) -> Scored:
    """No right answer was found: part marks, or wrong with the reasons."""
    typed, alts = one.typed, one.alts
    if typed.no_answer:
        return Scored(0.0, [NO_ANSWER_FEEDBACK])
    # A rival's own words ("Left-wing Opposition" for Right-wing Opposition) earn nothing.
    told = rival_words(typed, (frozenset(typed.words),), one.rivals, alts, covered)
    partial = None if told else range_part(typed, alts) or fragment(typed, alts)
    if partial is not None:
        return partial
    feedback = blocked_feedback(typed)
    if told is not None and any(told[0] is w for w in one.wrongs):
        feedback.append(one.said_of(told[0]))
    elsewhere = [f"{typed.shown(s.start, s.end)} is {one.other_label.format(s.phrase.ref + 1)}"
                 for s in other]
    number = None if elsewhere else number_feedback(typed, alts)
    feedback += elsewhere + ([number] if number else [])
    return Scored(0.0, feedback or ["not the answer"])


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


def _parts_named(alts: Sequence[Phrase], rights: Sequence[Span]) -> list[int]:
    """The parts the found right answers name, in the order typed.

    A phrase can answer several parts (a list naming "the Right" twice): each time it
    is found it counts for the first of those parts not yet found.
    """
    answers: dict[tuple[str, ...], list[int]] = {}
    for p in alts:
        refs = answers.setdefault(p.words, [])
        if p.ref not in refs:
            refs.append(p.ref)
    order: list[int] = []
    named: set[int] = set()
    for span in rights:
        ref = next((r for r in answers[span.phrase.words] if r not in named), None)
        if ref is not None:
            order.append(ref)
            named.add(ref)
    return order


def _unknown_entries(typed: Typed, found: Found) -> list[str]:
    """The list entries that name nothing known (and are more than small words)."""
    covered = covered_by(typed, found.spans + found.negated)
    unknown: list[str] = []
    for start, end in _segments(typed, found):
        if any(covered[start:end]):
            continue
        words = typed.words[start:end]
        if any(len(w) > 1 and w not in FILLER for w in words):
            unknown.append(typed.shown(start, end))
    return unknown


def mark_list(
    typed: Typed,
    parts: Sequence[Sequence[Phrase]],
    wrongs: Sequence[Phrase],
    wrong_said: Sequence[str],
    *,
    ordered: bool = False,
) -> Scored:
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
        return Scored(0.0, [NO_ANSWER_FEEDBACK])
    alts = [p for part in parts for p in part]
    found = find(typed, (("right", alts), ("wrong", wrongs)))
    rights, wrong = found.of("right"), found.of("wrong")
    order = _parts_named(alts, rights)
    credit = _longest_increasing(order) if ordered else len(order)
    wrong_refs = list(dict.fromkeys(s.phrase.ref for s in wrong))
    unknown = _unknown_entries(typed, found)
    # An entry that names nothing known may be a needed part spelt past recognition
    # ("Bukharin, Tomskyyy, Rykov"): it is already counted as missing, so it cancels a
    # right part only beyond the parts missing.  Known wrong answers always cancel one.
    missing_count = n - len(order)
    unread, unknown = unknown[:missing_count], unknown[missing_count:]
    extras = len(wrong_refs) + len(unknown)
    typos = typos_in(typed, rights)
    if credit == n and not extras:
        return Scored(1.0, ["correct", *typo_feedback(typos)], typos)
    feedback = [_list_head(parts, order, credit, ordered)]
    if extras:
        named = [next(s.phrase.text for s in wrong if s.phrase.ref == r) for r in wrong_refs]
        # It cancels only when something was right (else: said why, or "not one of").
        feedback += [f"{_cancels(extras)}: {join_list(named + unknown)}"] if credit else []
        unread = unread if credit else [*unread, *unknown]
    feedback += _wrong_said(wrong, wrong_said)
    if unread:
        verb = "is" if len(unread) == 1 else "are"
        feedback.append(f"{join_list(unread)} {verb} not one of the answers")
    feedback += blocked_feedback(typed) + typo_feedback(typos)
    score = max(0, credit - extras) / n if n else 0.0
    return Scored(score, feedback, typos)


def _list_head(
    parts: Sequence[Sequence[Phrase]], order: Sequence[int], credit: int, ordered: bool
) -> str:
    """ "2 of 3 in the right order: missing Rykov"."""
    n = len(parts)
    missing = [parts[i][0].text for i in range(n) if i not in order and parts[i]]
    head = f"{credit} of {n}"
    if ordered and len(order) > credit:
        head += " in the right order"
    if missing:
        head += f": missing {join_list(missing)}"
    return head


def _cancels(extras: int) -> str:
    if extras == 1:
        return "a wrong extra cancels a right one"
    return f"{extras} wrong extras cancel {extras} right ones"


def _wrong_said(wrong: Sequence[Span], wrong_said: Sequence[str]) -> list[str]:
    """The feedback of each wrong answer found, once each, in the order typed."""
    seen: set[int] = set()
    out = []
    for span in wrong:
        if span.phrase.ref not in seen:
            seen.add(span.phrase.ref)
            out.append(wrong_feedback(span, wrong_said))
    return out
