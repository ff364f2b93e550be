"""Reading command-line words as an answer, refusing what cannot be read for the type.

``powerquiz check QID ANSWER...`` passes its words here.  Where :func:`mark` would
call an unreadable answer wrong, this raises :class:`UnreadableAnswer` saying what
is wrong with it, so that a mistyped command is not mistaken for a wrong answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from powerquiz.bank.model import Question, join_list
from powerquiz.bank.registry import TYPES
from powerquiz.marking.compiled import compiled, resolve
from powerquiz.marking.entry_markers import (
    cloze_entries,
    match_entries,
    order_entries,
    read_order,
    split_pair,
)
from powerquiz.marking.markers import multi_picks, read_truth
from powerquiz.marking.rating import read_rating
from powerquiz.marking.result import Answer, UnreadableAnswer


def parse_words(question: Question, words: Sequence[str]) -> str:
    """The words joined by single spaces (short answers, and the start of others)."""
    return " ".join(w.strip() for w in words if w.strip())


def _ascii_numbers(words: Sequence[str]) -> None:
    """Refuse numbers in other digits ("²", "①", "٣"): an option is picked with 0-9."""
    odd = [ch for w in words for ch in w if ch.isnumeric() and not ch.isascii()]
    if odd:
        raise UnreadableAnswer(f"'{odd[0]}' is not a digit 0-9: give option numbers "
                               "in plain digits, e.g. 2")


def parse_choice(q: Question, words: Sequence[str]) -> Answer:
    _ascii_numbers(words)
    text = parse_words(q, words)
    c = compiled(q)
    ref = resolve(text, c.options, c)
    # With options that are numbers (years), a number as long as they are is an answer
    # (a wrong one), and a shorter one was meant as an option's position.
    lengths = {len(o.words[0]) for o in c.options if len(o.words) == 1 and o.words[0].isdecimal()}
    if ref.problem == "number" and len(str(ref.number)) not in lengths:
        raise UnreadableAnswer(
            f"there is no option {ref.number}: question '{q.id}' has options 1 to "
            f"{len(q.options)}"
        )
    return text


def parse_multi(q: Question, words: Sequence[str]) -> Answer:
    _ascii_numbers(words)
    text = parse_words(q, words)
    read = multi_picks(compiled(q), text)
    if read.bad_numbers:
        bad = join_list(read.bad_numbers)
        raise UnreadableAnswer(
            f"there is no option {bad}: question '{q.id}' has options 1 to {len(q.options)}"
        )
    return text


def parse_truefalse(q: Question, words: Sequence[str]) -> Answer:
    text = parse_words(q, words)
    if read_truth(text) is None:
        raise UnreadableAnswer(f"'{text}' is not true or false: answer true, false, t, f, "
                               "yes or no")
    return text


def parse_order(q: Question, words: Sequence[str]) -> Answer:
    _ascii_numbers(words)
    if any(sep in w for w in words for sep in (">", ",", ";", "\n")):
        entries = order_entries(" ".join(words))
    else:
        entries = [w.strip() for w in words if w.strip()]
    if not entries:
        raise UnreadableAnswer("give the items in order, separated by commas or ' > '")
    given, problems = read_order(compiled(q), entries)
    if problems:
        listed = "; ".join(f"{n}. {item}" for n, item in enumerate(q.items, 1))
        raise UnreadableAnswer(f"{'; '.join(problems)} (the items are {listed})")
    return [q.items[i] for i in given]


def parse_match(q: Question, words: Sequence[str]) -> Answer:
    if not any(";" in w or "\n" in w for w in words) and all("=" in w for w in words):
        entries = [w.strip() for w in words if w.strip()]
    else:
        entries = match_entries(" ".join(words))
    if not entries:
        raise UnreadableAnswer("give the pairs as left=right, separated by semicolons")
    c = compiled(q)
    lefts = join_list([left for left, _ in q.pairs])
    out: dict[str, str] = {}
    for entry in entries:
        pair = split_pair(entry)
        if pair is None:
            raise UnreadableAnswer(f"'{entry}' is not a pair: write left=right, pairs "
                                   "separated by semicolons")
        left, right = pair
        ref = resolve(left, c.lefts, c, overlap=True)
        if ref.index is None:
            raise UnreadableAnswer(f"unknown left side '{left}': the left sides are {lefts}")
        name = q.pairs[ref.index][0]
        if name in out:
            raise UnreadableAnswer(f"'{name}' is matched twice")
        out[name] = right
    return out


def parse_cloze(q: Question, words: Sequence[str]) -> Answer:
    n = len(q.gaps)
    entries = list(words)
    if len(entries) == 1 and n > 1:
        entries = cloze_entries(entries[0], n)
    if len(entries) != n:
        raise UnreadableAnswer(
            f"question '{q.id}' has {n} gap{'s' * (n != 1)}: give one answer per gap, "
            f"in order ({len(entries)} given)"
        )
    return entries[0] if n == 1 else entries


def parse_recall(q: Question, words: Sequence[str]) -> Answer:
    text = parse_words(q, words)
    if read_rating(text) is None:
        raise UnreadableAnswer("recall is self-rated: answer again, hard, good or easy")
    return text


def parse_answer(question: Question, words: Sequence[str]) -> Answer:
    """Read command-line words as an answer to ``question`` (see ``powerquiz check``).

    - short, choice, multi, truefalse, recall: the words joined with spaces;
    - order: the items (text or number as listed in the bank), separated by commas
      or ``>``, or as separate words;
    - match: ``left=right`` pairs separated by semicolons (or one pair per word);
    - cloze: one word per gap, in order (or one word split at ``|`` or ``;``).

    Raises :class:`UnreadableAnswer` with a plain-English reason.
    """
    parser: Callable[[Question, Sequence[str]], Answer] = TYPES[question.type].parse
    return parser(question, words)
