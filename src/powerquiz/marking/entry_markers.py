"""The markers for answers of several entries: order, match and cloze.

Each reads its entries (a list as given, or text split at its separators), names
each entry's item, pair or gap, and scores the fraction right.  Like every marker
(:mod:`~powerquiz.marking.markers`), each is total: it never raises on any answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from powerquiz.bank.model import Question, join_list
from powerquiz.marking.compiled import Compiled, compiled, resolve
from powerquiz.marking.markers import as_entries, numbered_problem
from powerquiz.marking.result import Answer
from powerquiz.marking.text import NO_ANSWER_FEEDBACK, Outcome, mark_one, read_typed, typo_feedback

_ORDER_SPLIT = re.compile(r"[,;\n]")
_PAIR_SPLIT = re.compile(r"[;\n]")
_GAP_SPLITS = (re.compile(r"\|"), re.compile(r";"), re.compile(r"\n"))

# -- order --------------------------------------------------------------------------------
def order_entries(answer: object) -> list[str]:
    """The entries of an order answer: a list as given, or text split at ``>`` or commas."""
    if not isinstance(answer, str):
        return as_entries(answer)
    pieces = answer.split(">") if ">" in answer else _ORDER_SPLIT.split(answer)
    return [p.strip() for p in pieces if p.strip()]


def read_order(c: Compiled, entries: list[str]) -> tuple[list[int], list[str]]:
    """The items named (first time each, in order) and what could not be read."""
    if len(entries) == 1 and resolve(entries[0], c.items, c).index is None:
        words = entries[0].split()
        if len(words) > 1 and all(resolve(w, c.items, c).index is not None for w in words):
            entries = words
    given: list[int] = []
    problems: list[str] = []
    for entry in entries:
        ref = resolve(entry, c.items, c, overlap=True)
        if ref.index is None:
            problems.append(f"{entry}: {numbered_problem(ref, 'item', len(c.items))}")
        elif ref.index in given:
            problems.append(f"{c.items[ref.index].text} is given twice")
        else:
            given.append(ref.index)
    return given, problems


def mark_order(q: Question, c: Compiled, answer: Answer) -> Outcome:
    """Kendall-style: the fraction of pairs of items in the right relative order."""
    given, problems = read_order(c, order_entries(answer))
    n = len(c.items)
    if not given:
        return Outcome(0.0, problems or [NO_ANSWER_FEEDBACK])
    pos = {item: k for k, item in enumerate(given)}
    total = n * (n - 1) // 2
    if given == list(range(n)) and not problems:
        return Outcome(1.0, ["correct"])
    if total == 0:
        return Outcome(0.0, problems or ["not the order"])
    concordant = 0
    first_slip: tuple[int, int] | None = None
    for i in range(n):
        for j in range(i + 1, n):
            if i in pos and j in pos:
                if pos[i] < pos[j]:
                    concordant += 1
                elif first_slip is None:
                    first_slip = (i, j)
    score = concordant / (total + len(problems))
    feedback = [f"{concordant} of {total} pairs in the right order"]
    if first_slip is not None:
        before, after = first_slip
        feedback.append(f"{c.items[before].text} comes before {c.items[after].text}")
    missing = [c.items[i].text for i in range(n) if i not in pos]
    if missing:
        feedback.append(f"missing {join_list(missing)}")
    return Outcome(score, feedback + problems)


# -- match --------------------------------------------------------------------------------
def match_entries(answer: object) -> list[str]:
    if isinstance(answer, str):
        return [p.strip() for p in _PAIR_SPLIT.split(answer) if p.strip()]
    return as_entries(answer)


def split_pair(entry: str) -> tuple[str, str] | None:
    """``left=right`` as (left, right), or None without an ``=``."""
    left, eq, right = entry.partition("=")
    return (left.strip(), right.strip()) if eq else None


def mark_match(q: Question, c: Compiled, answer: Answer) -> Outcome:
    """The fraction of pairs matched correctly."""
    pairs: list[tuple[str, str]] = []
    if isinstance(answer, Mapping):
        pairs = [(str(k), str(v)) for k, v in answer.items()]
        entries: list[str] = []
    else:
        entries = match_entries(answer)
    problems: list[str] = []
    for entry in entries:
        pair = split_pair(entry)
        if pair is None:
            problems.append(f"{entry} is not a pair: write left=right")
        else:
            pairs.append(pair)
    given: dict[int, tuple[int | None, str]] = {}
    typos: list[tuple[str, str]] = []
    for left, right in pairs:
        lref = resolve(left, c.lefts, c, overlap=True)
        if lref.index is None:
            problems.append(f"{left}: {numbered_problem(lref, 'left side', len(c.lefts))}")
            continue
        if lref.index in given:
            problems.append(f"{c.lefts[lref.index].text} is matched twice")
            continue
        rref = resolve(right, c.rights, c, numbered=False, overlap=True)
        given[lref.index] = (rref.index, right)
        typos += list(lref.typos) + list(rref.typos)
    n = len(c.lefts)
    if not given:
        return Outcome(0.0, problems or [NO_ANSWER_FEEDBACK])
    right_count = 0
    feedback: list[str] = []
    for i in range(n):
        want = c.rights[c.pair_right[i]].text
        if i not in given:
            feedback.append(f"no match given for {c.lefts[i].text} ({want})")
            continue
        got, typed = given[i]
        if got == c.pair_right[i]:
            right_count += 1
        else:
            feedback.append(f"{c.lefts[i].text} is {want}, not {typed or 'nothing'}")
    if right_count == n and not problems:
        return Outcome(1.0, ["correct", *typo_feedback(typos)], typos)
    score = right_count / n if n else 0.0
    return Outcome(score, [f"{right_count} of {n} pairs right", *feedback, *problems])


# -- cloze --------------------------------------------------------------------------------
def cloze_entries(answer: object, gaps: int) -> list[str]:
    """One answer per gap: a list as given; text split at ``|``, ``;`` or new lines."""
    if not isinstance(answer, str):
        return as_entries(answer)
    if gaps > 1:
        for splitter in _GAP_SPLITS:
            pieces = splitter.split(answer)
            if len(pieces) > 1:
                return [p.strip() for p in pieces]
    return [answer]


def _gap_outcome(c: Compiled, i: int, entry: str) -> Outcome:
    """Gap ``i`` (0-based) of a cloze marked as a short answer, other gaps' answers as rivals."""
    typed = read_typed(entry, c.lexicon)
    others = tuple(p for j, g in enumerate(c.gaps) if j != i for p in g)
    return mark_one(typed, c.gaps[i], c.wrongs, c.wrong_said, others, "the answer to gap {}")


def mark_gap(q: Question, i: int, entry: str) -> float:
    """The score of ``entry`` in gap ``i`` of cloze ``q`` alone (the self-check's unit)."""
    return _gap_outcome(compiled(q), i, entry).score


def mark_cloze(q: Question, c: Compiled, answer: Answer) -> Outcome:
    """Each gap marked as a short answer; the score is their mean."""
    n = len(c.gaps)
    if n == 0:
        return Outcome(0.0, ["this question has no gaps to mark"])
    entries = cloze_entries(answer, n)
    scores: list[float] = []
    feedback: list[str] = []
    typos: list[tuple[str, str]] = []
    for i in range(n):
        out = _gap_outcome(c, i, entries[i] if i < len(entries) else "")
        scores.append(out.score)
        typos += out.typos
        label = f"gap {i + 1}: " if n > 1 else ""
        feedback += [label + f for f in out.feedback if f != "correct"]
    if len(entries) > n:
        feedback.append(f"{len(entries)} answers for {n} gap{'s' * (n != 1)}: "
                        "the extra ones are ignored")
    score = sum(scores) / n
    if score >= 1.0:
        feedback.insert(0, "correct")
    return Outcome(score, feedback, typos)
