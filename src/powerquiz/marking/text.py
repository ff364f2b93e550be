"""Free text: finding answers in what a student typed, and marking one answer or a list.

An answer the bank knows is a :class:`Phrase`: its folded words, leading and inner
articles dropped ("the Left" is ``left``).  A typed answer is read once into a
:class:`Typed`: its words, each replaced by the known word it was a typo of.  A phrase
is *found* where its words appear in order in the typed words, articles in between
skipped; so the answer may sit inside a sentence or among extra words.

When found phrases overlap, the longest wins (a right answer on a tie): "Right
Opposition" is not also "Right".  A phrase just after "not" is ignored ("Bukharin,
not Trotsky").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from powerquiz.bank.model import join_list
from powerquiz.marking.normalize import (
    ARTICLES,
    FILLER,
    STOPWORDS,
    Tokens,
    is_no_answer,
    is_numeric,
    tokenize,
    year_range,
)
from powerquiz.marking.typos import Lexicon

SpanKind = Literal["right", "wrong", "other"]
_PRIORITY: dict[str, int] = {"right": 0, "wrong": 1, "other": 2}
#: Content words a long answer needs before a fragment of it earns part marks.
_LONG_ANSWER = 3
NO_ANSWER_FEEDBACK = "no answer given"


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

    @property
    def content(self) -> frozenset[str]:
        """The words that carry meaning (not "of", "in", "the"...)."""
        return frozenset(w for w in self.words if w not in STOPWORDS)


def phrase_words(words: Sequence[str]) -> tuple[str, ...]:
    """``words`` without articles, keeping a final "a" ("Plan A") and all-article texts."""
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
    words: list[str] = []
    typos: dict[int, tuple[str, str]] = {}
    blocked: list[tuple[str, tuple[str, ...]]] = []
    positions: dict[str, list[int]] = {}
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


def _negated(typed: Typed, start: int) -> bool:
    """Whether the words just before ``start`` say "not" (in the same list entry)."""
    i = start
    while i > 0 and not typed.tokens.breaks[i]:
        i -= 1
        if typed.words[i] in ARTICLES:
            continue
        return typed.words[i] == "not"
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
            for start, end in occurrences(phrase, typed):
                candidates.append(Span(start, end, kind, phrase))
    candidates.sort(key=lambda s: (-s.size, _PRIORITY[s.kind], s.start))
    taken = [False] * (len(typed.words) + 1)
    spans: list[Span] = []
    negated: list[Span] = []
    for span in candidates:
        if any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        (negated if _negated(typed, span.start) else spans).append(span)
    spans.sort(key=lambda s: s.start)
    return Found(spans, negated)


@dataclass
class Outcome:
    """A score with the reasons for it, before it becomes a :class:`Mark`."""

    score: float
    feedback: list[str]
    typos: list[tuple[str, str]] = field(default_factory=list)


def typos_in(typed: Typed, spans: Iterable[Span]) -> list[tuple[str, str]]:
    """The (typed, meant) typos inside ``spans``, in the order typed."""
    out: list[tuple[str, str]] = []
    for span in sorted(spans, key=lambda s: s.start):
        out.extend(typed.typos[i] for i in range(span.start, span.end) if i in typed.typos)
    return out


def typo_feedback(typos: Sequence[tuple[str, str]], prefix: str = "") -> list[str]:
    return [f"{prefix}accepted with a typo: {typed} -> {meant}" for typed, meant in typos]


def wrong_feedback(span: Span, feedback: Sequence[str]) -> str:
    """What to say about a known wrong answer: its ``wrong:`` feedback, or that it is wrong."""
    ref = span.phrase.ref
    said = feedback[ref] if 0 <= ref < len(feedback) else ""
    return said or f"{span.phrase.text} is a wrong answer"


def blocked_feedback(typed: Typed) -> list[str]:
    out = []
    for word, rivals in typed.blocked:
        if len(rivals) > 1:
            out.append(f"{word} is as close to {join_list(list(rivals))}: "
                       "not accepted as a typo of either")
    return out


def _numeric_hedge(typed: Typed, rights: Sequence[Span]) -> str | None:
    """ "1926 or 1927": a right number offered alongside another one."""
    words = typed.words
    inside = {i for s in rights for i in range(s.start, s.end)}
    for i, w in enumerate(words):
        if w != "or" or i == 0 or i + 1 >= len(words):
            continue
        left, right = words[i - 1], words[i + 1]
        if not (is_numeric(left) and is_numeric(right)) or left == right:
            continue
        if (i - 1 in inside) != (i + 1 in inside):
            return f"hedged: {typed.tokens.shown[i - 1]} or {typed.tokens.shown[i + 1]}"
    return None


def _range_part(typed: Typed, alts: Sequence[Phrase]) -> Outcome | None:
    """A range's two years written apart ("1929 and 1930") is the range; one year of it
    ("1929" for 1929–1930) is half marks."""
    years = {w for w in typed.words if w.isdecimal() and len(w) <= 9}
    for alt in alts:
        if len(alt.words) == 1 and (span := year_range(alt.words[0])) is not None:
            start, end = span
            if years == {str(start), str(end)} and \
                    typed.words.index(str(start)) < typed.words.index(str(end)):
                return Outcome(1.0, ["correct", f"read as the range {alt.text}"])
    if len(years) != 1:
        return None
    (only,) = years
    year = int(only)
    for alt in alts:
        if len(alt.words) == 1 and (span := year_range(alt.words[0])) is not None:
            start, end = span
            if start <= year <= end:
                return Outcome(0.5, [f"{only} is only part of the answer: "
                                     f"it is the range {alt.text}"])
    return None


def _number_feedback(typed: Typed, alts: Sequence[Phrase]) -> str | None:
    """Why a number was refused: numbers and years must be exact."""
    expected = [w for alt in alts for w in alt.words if is_numeric(w)]
    given = [typed.tokens.shown[i] for i, w in enumerate(typed.words) if is_numeric(w)]
    if not expected or not given:
        return None
    shown = alts[0].text
    if len(expected) == 1 and year_range(expected[0]) is None and any(
        year_range(w) is not None for w in typed.words
    ):
        return f"the answer is one year, {shown}, not a range"
    if any(year_range(w) is not None for w in expected):
        return f"{given[0]} is not {shown}: a range of years is marked exactly"
    return f"{given[0]} is not {shown}: dates and numbers must be exact"


def _fragment(typed: Typed, alts: Sequence[Phrase]) -> Outcome | None:
    """Half marks for most of a long answer: "One Country" for Socialism in One Country.

    Only answers of three or more content words qualify, and more than half of those
    words must be there (so "Socialism" alone earns nothing).  All of them, but not
    as the phrase ("One Country Socialism"), is half marks too.
    """
    present = set(typed.words)
    for alt in alts:
        content = alt.content
        if len(content) < _LONG_ANSWER:
            continue
        got = len(content & present)
        if 2 * got > len(content):
            return Outcome(0.5, [f"partly right: the full answer is {alt.text}"])
    return None


def mark_one(
    typed: Typed,
    alts: Sequence[Phrase],
    wrongs: Sequence[Phrase],
    wrong_said: Sequence[str],
    others: Sequence[Phrase] = (),
    other_label: str = "",
) -> Outcome:
    """Mark a single answer: right if one of ``alts`` is found and no wrong answer is.

    ``others`` are answers to something else (another gap): named in the feedback
    as ``other_label`` formatted with the phrase's ``ref``.
    """
    if typed.empty and not any(not a.words for a in alts):
        return Outcome(0.0, [NO_ANSWER_FEEDBACK])
    found = find(typed, (("right", alts), ("wrong", wrongs), ("other", others)))
    rights, wrong = found.of("right"), found.of("wrong")
    if wrong:
        said = [wrong_feedback(s, wrong_said) for s in wrong]
        if rights:
            both = sorted(rights + wrong, key=lambda s: s.start)
            named = join_list([typed.shown(s.start, s.end) for s in both])
            return Outcome(0.0, [f"hedged: {named}; give one answer", *said])
        return Outcome(0.0, said)
    if rights:
        hedge = _numeric_hedge(typed, rights)
        if hedge:
            return Outcome(0.0, [f"{hedge}; give one answer"])
        typos = typos_in(typed, rights)
        return Outcome(1.0, ["correct", *typo_feedback(typos)], typos)
    if typed.no_answer:
        return Outcome(0.0, [NO_ANSWER_FEEDBACK])
    partial = _range_part(typed, alts) or _fragment(typed, alts)
    if partial is not None:
        return partial
    feedback = blocked_feedback(typed)
    elsewhere = [f"{typed.shown(s.start, s.end)} is {other_label.format(s.phrase.ref + 1)}"
                 for s in found.of("other")]
    number = None if elsewhere else _number_feedback(typed, alts)
    feedback += elsewhere + ([number] if number else [])
    return Outcome(0.0, feedback or ["not the answer"])


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


def mark_list(
    typed: Typed,
    parts: Sequence[Sequence[Phrase]],
    wrongs: Sequence[Phrase],
    wrong_said: Sequence[str],
    *,
    ordered: bool = False,
) -> Outcome:
    """Mark a list answer: 1/n for each needed part found, minus one for each wrong extra.

    Parts may come in any order unless ``ordered`` (then only the longest run in the
    right order counts), separated by commas, semicolons, "and", "&", slashes, new
    lines, or spaces alone.  A wrong extra is a ``wrong:`` entry, or an entry between
    separators that names none of the parts.  Unknown words next to a part ("Nikolai
    Bukharin", "they were") are extra words, not extra parts.
    """
    n = len(parts)
    if typed.empty or typed.no_answer:
        return Outcome(0.0, [NO_ANSWER_FEEDBACK])
    alts = [p for part in parts for p in part]
    found = find(typed, (("right", alts), ("wrong", wrongs)))
    rights, wrong = found.of("right"), found.of("wrong")
    # A phrase can answer several parts (a list naming "the Right" twice): each time it
    # is found it counts for the first of those parts not yet found.
    answers: dict[tuple[str, ...], list[int]] = {}
    for p in alts:
        refs = answers.setdefault(p.words, [])
        if p.ref not in refs:
            refs.append(p.ref)
    order: list[int] = []
    for span in rights:
        ref = next((r for r in answers[span.phrase.words] if r not in order), None)
        if ref is not None:
            order.append(ref)
    credit = _longest_increasing(order) if ordered else len(order)
    wrong_refs = list(dict.fromkeys(s.phrase.ref for s in wrong))
    unknown: list[str] = []
    covered = [False] * len(typed.words)
    for span in found.spans + found.negated:
        for i in range(span.start, span.end):
            covered[i] = True
    for start, end in _segments(typed, found):
        if any(covered[start:end]):
            continue
        words = typed.words[start:end]
        if any(len(w) > 1 and w not in FILLER for w in words):
            unknown.append(typed.shown(start, end))
    extras = len(wrong_refs) + len(unknown)
    score = max(0, credit - extras) / n if n else 0.0
    typos = typos_in(typed, rights)
    if credit == n and not extras:
        return Outcome(1.0, ["correct", *typo_feedback(typos)], typos)
    missing = [parts[i][0].text for i in range(n) if i not in order and parts[i]]
    head = f"{credit} of {n}"
    if ordered and len(order) > credit:
        head += " in the right order"
    if missing:
        head += f": missing {join_list(missing)}"
    feedback = [head]
    if extras:
        named = [next(s.phrase.text for s in wrong if s.phrase.ref == r) for r in wrong_refs]
        named += unknown
        cancels = (
            "a wrong extra cancels a right one"
            if extras == 1
            else f"{extras} wrong extras cancel {extras} right ones"
        )
        feedback.append(f"{cancels}: {join_list(named)}")
    seen: set[int] = set()
    for span in wrong:
        if span.phrase.ref not in seen:
            seen.add(span.phrase.ref)
            feedback.append(wrong_feedback(span, wrong_said))
    feedback += blocked_feedback(typed)
    feedback += typo_feedback(typos)
    return Outcome(score, feedback, typos)
