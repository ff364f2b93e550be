"""Finding a mark scheme's phrases in an extended answer (``type: explain``).

The rules are modelled on the Open University's pattern match (qtype_pmatch), whose
matching language marks short free text by words, not characters: ``match_w``
allows extra words, ``match_m`` misspellings, ``match_o`` any order, and ``match_p``
*proximity*: the words must fall in one sentence, close together.  A mark-scheme
phrase here is matched as ``match_mwp`` is, with the order kept:

1. The answer is split into sentences at ``. ! ? ;``, a colon and a new line
   (dotted initials such as "N.E.P." do not end one).  A phrase is made only inside
   one sentence.
2. Both sides are folded (:mod:`~powerquiz.marking.normalize`: case, accents and
   punctuation go, number words are digits, dates are read in any common order) and
   each word is reduced to its stem (:mod:`~powerquiz.marking.schemewords`:
   British/American spelling, Porter2 stems, so inflections and a verb said as a
   noun agree, "suppressed"/"suppression"; every negation as "not").
3. The phrase's small words (the, of, about, was, his...) are optional.  Its other
   words must appear in the phrase's order, with at most two other words between
   each and the next (small words between them are not counted), as pmatch's
   proximity does, and inside one clause: no comma, and no joining word (and, but,
   so, then...) the phrase does not have itself, stands between them, so "changed
   sides in 1928 and turned on Bukharin" does not make "sided with Bukharin".  A
   short aside between commas (three words at most: "The Left, led by Trotsky,
   wanted...") is passed over as if it were not there.
4. ``synonyms`` are groups: a key and each of its words are one word ("misled:
   [tricked]" lets "tricked Trotsky" make "misled Trotsky" and the other way round).
   A synonym of several words ("lied to") makes another form of each phrase that
   has a word of its group.  The bank's top-level groups apply to every question.
5. A word not in the scheme is read as a typo of a scheme word with the allowance
   the one-line marker uses (:mod:`~powerquiz.marking.typos`: none up to four
   letters, never a negating prefix or a first letter), so "Trotksy" is Trotsky but
   "unpopular" is never "popular".
6. A match is *negated* when a negation ("not", "never", "didn't"...) or a word
   that sets it aside ("rather than", "instead of", "unlike") stands inside it or
   among the three words before it (small words not counted) in the same clause: a
   comma or a joining word (and, but, so, because, while, then...) starts a new one,
   so "because Trotsky was not there, Stalin was chief mourner" is no negation.  A negated
   match makes nothing ("not only", "not just" is no negation).  A phrase that has
   its own negation ("not published") needs that negation said, and its own "not"
   never cancels it.
7. A detail is made only by words other than those that made its point.

Beyond pmatch (which leaves these to the teacher's patterns), the marker reads who
a sentence is about from the question's own text
(:mod:`~powerquiz.marking.referents`), so the rules hold for any scheme:

8. A pronoun fills a slot of the name it stands for ("attacked them" makes
   "attacked the Right" after "the Right" was named).
9. Subject check: with a point about a person (its credit's subject), a match in a
   clause whose subject is another person is no match, unless the phrase starts
   with its own name ("Trotsky missed the funeral").
10. A name straight after a phrase word, where the next slot is a name, is that
   word's object: "helped the Left remove the Right" is not "helped the Right".
11. Passive (:mod:`~powerquiz.marking.passive`): a verb-and-name phrase ("removed
   Bukharin") is also made by "Bukharin (, Rykov and Tomsky) were removed" and
   "wanted Bukharin removed".
12. Wrong facts earn nothing: a year in the making clause that is none of the
   point's years blocks the point (:func:`~powerquiz.marking.schememark.wrong_year`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, pairwise

from powerquiz.bank.model import Question, SchemeEntry
from powerquiz.marking.normalize import tokenize
from powerquiz.marking.passive import passive
from powerquiz.marking.referents import (
    Names,
    credit_subject,
    point_years,
    resolve,
    scheme_names,
    strangers,
)
from powerquiz.marking.schemewords import ASIDE, NOT, is_small, stem
from powerquiz.marking.typos import Lexicon

#: Other words allowed between two of a phrase's words; how far back a negation reaches.
GAP = 2
NEGATION_REACH = 3
_SENTENCE_ENDS = frozenset(".!?;:\n\r")
_CLAUSE_ENDS = _SENTENCE_ENDS | frozenset(",")
#: Words that start a new clause: a negation before them does not reach past them.
CLAUSE_WORDS = frozenset({
    "and", "but", "so", "because", "while", "whereas", "although", "though", "then",
    "which", "who", "when", "after", "before", "until", "since", "therefore", "however",
    "whilst", "meaning", "thus", "hence",
})


@dataclass(frozen=True)
class Pattern:
    """One phrase as slots: each slot the set of keys that fill it."""

    text: str
    slots: tuple[frozenset[str], ...]
    #: Every word of the phrase, small ones too (a joining word it has may fall inside).
    words: frozenset[str]
    #: The phrase says "not" itself: it is made only by a sentence that says it.
    negative: bool
    #: For each slot, whether it is a name (a person or group the question names).
    name_slots: tuple[bool, ...] = ()

    @property
    def leads(self) -> bool:
        """The phrase names its own subject: its first word is a name."""
        return bool(self.name_slots) and self.name_slots[0]

    @property
    def passive(self) -> bool:
        """A verb and the name it acts on ("removed Bukharin"): also made as
        "Bukharin was removed" or "wanted Bukharin removed"."""
        return len(self.slots) == 2 and self.name_slots == (False, True)


@dataclass(frozen=True)
class Point:
    """A scheme entry, compiled."""

    entry: SchemeEntry
    any: tuple[Pattern, ...]
    nots: tuple[Pattern, ...]
    details: tuple[Pattern, ...]
    #: The person the point is about (:func:`~powerquiz.marking.referents.credit_subject`).
    subject: str | None = None
    #: The years the point states, as inclusive ranges (none: any year is fine).
    years: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Scheme:
    """An explain question's scheme, folded once."""

    points: tuple[Point, ...]
    #: Each ``wrong:`` statement, and the points (indices) it contradicts.
    wrongs: tuple[tuple[Pattern, tuple[int, ...], str], ...]
    groups: dict[str, str]
    lexicon: Lexicon
    names: Names = field(default_factory=Names)


@dataclass(frozen=True)
class Words:
    """An answer's words: keys, sentences, and what is needed to measure gaps."""

    keys: tuple[str, ...]
    shown: tuple[str, ...]
    sentence: tuple[int, ...]
    clause: tuple[int, ...]
    #: For each word, whether a comma or a sentence end comes just before it.
    stop: tuple[bool, ...]
    #: For each word, whether it is inside a short aside between commas.
    aside: tuple[bool, ...]
    folded: tuple[str, ...]
    #: Running count of words that are not small, for the gap between two words.
    big: tuple[int, ...]
    typos: dict[int, tuple[str, str]]
    #: For each word, the name it is or stands for (a pronoun's referent), else None.
    named: tuple[str | None, ...] = ()
    #: Subject clause -> (position, key) of its person subject; each word's subject clause.
    subjects: dict[int, tuple[int, str]] = field(default_factory=dict)
    sclause: tuple[int, ...] = ()

    def fills(self, j: int, slot: frozenset[str]) -> bool:
        """Whether word ``j`` (or the name a pronoun there stands for) fills ``slot``."""
        return self.keys[j] in slot or (bool(self.named) and self.named[j] in slot)

    def between(self, i: int, j: int) -> int:
        """Words that are not small strictly between positions i and j."""
        return self.big[j] - self.big[i + 1] if j > i + 1 else 0


def _key(word: str, groups: dict[str, str]) -> str:
    s = stem(word)
    return groups.get(s, s)


def _groups(q: Question) -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    """Stem -> group name for one-word synonyms; group name -> its phrases of several words."""
    groups: dict[str, str] = {}
    multi: dict[str, list[list[str]]] = {}
    for key, words in q.shared_synonyms + q.synonyms:
        head = stem(tokenize(key).folded.replace(" ", ""))
        name = groups.get(head, head)
        for w in (key, *words):
            folded = tokenize(w).words
            if len(folded) == 1:
                groups.setdefault(stem(folded[0]), name)
            elif folded:
                multi.setdefault(name, []).append(list(folded))
    return groups, multi


def _slots(words: list[str], groups: dict[str, str]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset({_key(w, groups)}) for w in words if not is_small(w))


def _patterns(text: str, groups: dict[str, str], multi: dict[str, list[list[str]]],
              names: Names) -> Iterator[Pattern]:
    words = list(tokenize(text).words)
    forms = [words] + [words[:i] + alt + words[i + 1:] for i, w in enumerate(words)
                       for alt in multi.get(_key(w, groups), [])]
    for form in forms:
        slots = _slots(form, groups)
        if not slots:
            continue
        named = tuple(bool(s & names.kinds.keys()) for s in slots)
        yield Pattern(text, slots, frozenset(form), any(NOT in s for s in slots), named)


def _lexicon(q: Question) -> Lexicon:
    texts = [p for e in q.scheme for p in (*e.any, *e.not_, *(e.detail.any if e.detail else ()))]
    texts += [w.text for w in q.wrong]
    texts += [w for _k, ws in q.shared_synonyms + q.synonyms for w in (_k, *ws)]

    def words() -> Iterator[tuple[str, str, bool]]:
        for text in texts:
            t = tokenize(text)
            for folded, shown in zip(t.words, t.shown, strict=True):
                yield folded, shown, len(shown) >= 2 and shown.isalpha() and shown.isupper()

    return Lexicon(words())


@lru_cache(maxsize=1024)
def compile_scheme(q: Question) -> Scheme:
    """``q``'s scheme as patterns, built once per question."""
    groups, multi = _groups(q)
    names = scheme_names(q.prompt, _name_texts(q), lambda w: _key(w, groups))
    lexicon = _lexicon(q)

    def pats(texts: tuple[str, ...]) -> tuple[Pattern, ...]:
        return tuple(p for t in texts for p in _patterns(t, groups, multi, names))

    points = tuple(_point(e, pats, names, groups) for e in q.scheme)
    wrongs = []
    for w in q.wrong:
        said = read_words(w.text, groups, lexicon, names)
        hits = tuple(i for i, p in enumerate(points)
                     if any(find(said, pat) is not None for pat in p.any))
        for pat in pats((w.text,)):
            wrongs.append((pat, hits, w.feedback))
    return Scheme(points, tuple(wrongs), groups, lexicon, names)


def _name_texts(q: Question) -> list[str]:
    texts = [q.model_answer]
    texts += [w.text for w in q.wrong]
    for e in q.scheme:
        texts += [e.credit, *e.any, *e.not_, *(e.detail.any if e.detail else ())]
    return texts


def _point(e: SchemeEntry, pats: Callable[[tuple[str, ...]], tuple[Pattern, ...]],
           names: Names, groups: dict[str, str]) -> Point:
    details = e.detail.any if e.detail else ()
    subject = credit_subject(e.credit, names, lambda w: _key(w, groups))
    years = point_years((e.credit, *e.any, *details))
    return Point(e, pats(e.any), pats(e.not_), pats(details), subject, years)


def read_words(text: str, groups: dict[str, str], lexicon: Lexicon,
               names: Names | None = None) -> Words:
    """The answer's words as keys, each with its sentence and clause."""
    t = tokenize(text)
    keys: list[str] = []
    sentence: list[int] = []
    clause: list[int] = []
    stop: list[bool] = []
    typos: dict[int, tuple[str, str]] = {}
    known = set(groups.values())
    s = c = 0
    for i, (word, sep) in enumerate(zip(t.words, t.seps or ("",) * len(t.words), strict=True)):
        if i and any(ch in _SENTENCE_ENDS for ch in sep):
            s += 1
        stop.append(bool(i) and any(ch in _CLAUSE_ENDS for ch in sep))
        if stop[-1] or (i and word in CLAUSE_WORDS):
            c += 1
        key = _key(word, groups)
        if key not in known and word not in lexicon and not is_small(word):
            found = lexicon.resolve(word)
            if found.typo:
                key = _key(found.word, groups)
                typos[i] = (t.shown[i], lexicon.shown(found.word))
        keys.append(key)
        sentence.append(s)
        clause.append(c)
    aside = _asides(t.words, t.seps, stop)
    big = [0, *accumulate(0 if is_small(w) or a else 1 for w, a in zip(t.words, aside,
                                                                      strict=True))]
    names = names or Names()
    unnamed = strangers(t.shown, t.words, tuple(sentence), names, tuple(keys))
    refs = resolve(tuple(keys), t.words, tuple(clause), aside, names, unnamed)
    return Words(tuple(keys), t.shown, tuple(sentence), tuple(clause), tuple(stop),
                 aside, t.words, tuple(big), typos, refs.named, refs.subjects, refs.sclause)


ASIDE_WORDS = 3


def _asides(words: tuple[str, ...], seps: tuple[str, ...],
            stop: list[bool]) -> tuple[bool, ...]:
    """Which words are in a short aside: after a comma, before the next, in one sentence.

    Not the entries of a list ("Bukharin, Tomsky and Rykov, and the Left..."): an
    aside holds no "and" or "or", and no joining word follows it.
    """
    out = [False] * len(stop)
    starts = [i for i, st in enumerate(stop) if st]
    for a, b in pairwise(starts):
        if b - a <= ASIDE_WORDS and set(seps[a].strip()) == {","} \
                and set(seps[b].strip()) == {","} and words[b] not in CLAUSE_WORDS \
                and not {"and", "or"} & set(words[a:b]):
            out[a:b] = [True] * (b - a)
    return tuple(out)


def negated(words: Words, used: tuple[int, ...]) -> bool:
    """Whether a negation or an aside stands inside the match or just before it.

    "Not only" (just, merely, simply) is no negation: "Not only did he back the Right".
    """
    first, last = used[0], used[-1]
    inside = set(used)
    if any(i not in inside and _negation(words, i) for i in range(first + 1, last)):
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


_NOT_ONLY = frozenset({"only", "just", "merely", "simply"})


def _negation(words: Words, i: int) -> bool:
    return words.keys[i] == NOT and not (
        i + 1 < len(words.keys) and words.folded[i + 1] in _NOT_ONLY)


def wrong_subject(words: Words, used: tuple[int, ...], subject: str | None) -> bool:
    """Whether the clause of a match has another person as its subject than ``subject``."""
    if subject is None or not words.sclause:
        return False
    said = words.subjects.get(words.sclause[used[0]])
    return said is not None and said[0] < used[0] and said[1] != subject


def find(words: Words, pattern: Pattern, excluded: frozenset[int] = frozenset(),
         subject: str | None = None) -> tuple[int, ...] | None:
    """The positions of the first match of ``pattern`` that is not negated, or None.

    With ``subject`` (the person the point is about), a match in a clause whose
    subject is another person is not one, unless the phrase names its own subject.
    """
    slots = pattern.slots
    n = len(words.keys)
    mine = frozenset().union(*slots)

    def extend(done: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        if len(done) == len(slots):
            yield done
            return
        prev, crossed = done[-1], False
        name_slot = pattern.name_slots[len(done)] if pattern.name_slots else False
        for j in range(prev + 1, n):
            if words.aside[j] and not words.aside[prev]:
                continue  # passed over: "the Left, led by Trotsky, wanted"
            passed = words.aside[j - 1] and not words.aside[prev]
            if (words.stop[j] and not passed) or words.between(prev, j) > GAP or (
                    not passed and words.clause[j] != words.clause[j - 1]
                    and words.folded[j] not in pattern.words) or (crossed and name_slot):
                return
            if j not in excluded and words.fills(j, slots[len(done)]):
                yield from extend((*done, j))
            # another name between: "helped the Left remove the Right" is not "helped the Right"
            crossed = crossed or (bool(words.named) and words.named[j] is not None
                                  and words.named[j] not in mine)

    def accepted(used: tuple[int, ...]) -> bool:
        return (pattern.negative or not negated(words, used)) and (
            pattern.leads or not wrong_subject(words, used, subject))

    for i in range(n):
        if i in excluded or not words.fills(i, slots[0]):
            continue
        for used in extend((i,)):
            if accepted(used):
                return used
    if pattern.passive:
        for used in passive(words, pattern, excluded):
            if accepted(used):
                return used
    return None
