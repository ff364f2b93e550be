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
   has a word of its group.  The bank's top-level groups apply to every question,
   and so do a few everyday phrasal verbs (:data:`~powerquiz.marking.schemewords.COMMON_SYNONYMS`:
   "got rid of" is "removed"), after the question's own.
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
13. Statements said the other way round (:mod:`~powerquiz.marking.contrary`): a
   ``not:``/``wrong:`` statement negated anywhere in its clause is not made; a
   preposition before a name unmakes a verb-and-object; an opposite outcome, a wrong
   actor or leader, or someone else's ("supporters of Trotsky") earns nothing.
14. A point's own ``credit`` wording is a last way of making it: its runs of two or
   more content words without names (:mod:`~powerquiz.marking.creditwords`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import accumulate, pairwise

from powerquiz.bank.model import Question, SchemeEntry
from powerquiz.marking.acronyms import acronym_table
from powerquiz.marking.contrary import (
    name_inside,
    named_before,
    negated,
    opposites,
    preposition_before,
    unknown_name,
    unsaid,
    wrong_subject,
)
from powerquiz.marking.creditwords import credit_runs
from powerquiz.marking.normalize import tokenize
from powerquiz.marking.passive import passive
from powerquiz.marking.referents import (
    GROUP,
    PERSON,
    Names,
    credit_subject,
    lower_words,
    point_years,
    resolve,
    scheme_names,
    strangers,
    unnamed_subject,
)
from powerquiz.marking.schemetypes import Pattern, Point, Scheme, Words
from powerquiz.marking.schemewords import (
    COMMON_SYNONYMS,
    NOT,
    is_small,
    notes_out,
    split_prefix,
    stem,
)
from powerquiz.marking.sides import allies, crowds, periods, says_less, speed_after, stance
from powerquiz.marking.typos import Lexicon
from powerquiz.marking.voice import adverb_then, loose_possessive, object_after, owner

#: Other words allowed between two of a phrase's words.
GAP = 2
_SENTENCE_ENDS = frozenset(".!?;:\n\r")
_CLAUSE_ENDS = _SENTENCE_ENDS | frozenset(",")
#: Words that start a new clause: a negation before them does not reach past them.
CLAUSE_WORDS = frozenset({
    "and", "but", "so", "because", "while", "whereas", "although", "though", "then",
    "which", "who", "when", "after", "before", "until", "since", "therefore", "however",
    "whilst", "meaning", "thus", "hence",
})


def _key(word: str, groups: dict[str, str]) -> str:
    s = stem(word)
    return groups.get(s, s)


def _groups(q: Question) -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    """Stem -> group name for one-word synonyms; group name -> its phrases of several words."""
    groups: dict[str, str] = {}
    multi: dict[str, list[list[str]]] = {}
    for key, words in (*q.shared_synonyms, *q.synonyms, *COMMON_SYNONYMS):
        head = stem(tokenize(key).folded.replace(" ", ""))
        name = groups.get(head, head)
        for w in (key, *words):
            folded = tokenize(w).words
            if len(folded) == 1:
                groups.setdefault(stem(folded[0]), name)
            elif folded:
                multi.setdefault(name, []).append(list(folded))
    return groups, multi


#: Words of little quantity a negation says too: "no interest" makes "little interest".
_FEW = frozenset({"little", "few"})


def _slots(words: list[str], groups: dict[str, str]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset({_key(w, groups), NOT} if w in _FEW else {_key(w, groups)})
                 for w in words if not is_small(w))


def _patterns(text: str, groups: dict[str, str], multi: dict[str, list[list[str]]],
              names: Names) -> Iterator[Pattern]:
    words = list(tokenize(text).words)
    forms = [words] + [words[:i] + alt + words[i + 1:] for i, w in enumerate(words)
                       for alt in multi.get(_key(w, groups), [])]
    # "world revolution impossible" is also made by "world revolution not possible"
    forms += [[*words[:i], NOT, rest, *words[i + 1:]] for i, w in enumerate(words)
              if (rest := split_prefix(w)) is not None]
    for form in forms:
        slots = _slots(form, groups)
        if not slots:
            continue
        named = tuple(bool(s & names.kinds.keys()) for s in slots)
        yield Pattern(text, slots, frozenset(form), any(s == {NOT} for s in slots), named)


def _lexicon_texts(q: Question) -> list[str]:
    texts = [p for e in q.scheme for p in (*e.any, *e.not_, *(e.detail.any if e.detail else ()))]
    texts += [w.text for w in q.wrong]
    texts += [w for _k, ws in q.shared_synonyms + q.synonyms for w in (_k, *ws)]
    return texts


def _lexicon(q: Question) -> Lexicon:
    texts = _lexicon_texts(q)

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
    names = scheme_names(q.prompt, name_texts(q), lambda w: _key(w, groups))
    lexicon = _lexicon(q)
    stems = frozenset(_key(w, groups) for t in _lexicon_texts(q) for w in tokenize(t).words)

    def pats(texts: tuple[str, ...]) -> tuple[Pattern, ...]:
        return tuple(p for t in texts for p in _patterns(t, groups, multi, names))

    lower = lower_words((q.prompt, *name_texts(q)))
    points = tuple(_point(e, pats, names, groups, lower) for e in q.scheme)
    wrongs = []
    for w in q.wrong:
        said = read_words(w.text, groups, lexicon, names, stems)
        hits = tuple(i for i, p in enumerate(points)
                     if any(find(said, pat) is not None for pat in p.any))
        for pat in pats((w.text,)):
            wrongs.append((pat, hits, w.feedback))
    return Scheme(points, tuple(wrongs), groups, lexicon, names, stems,
                  acronym_table((q.prompt, *name_texts(q))))


def name_texts(q: Question) -> list[str]:
    texts = [q.model_answer]
    texts += [w.text for w in q.wrong]
    for e in q.scheme:
        texts += [e.credit, *e.any, *e.not_, *(e.detail.any if e.detail else ())]
    return texts


def _point(e: SchemeEntry, pats: Callable[[tuple[str, ...]], tuple[Pattern, ...]],
           names: Names, groups: dict[str, str], lower: frozenset[str]) -> Point:
    details = e.detail.any if e.detail else ()
    subject = unnamed_subject(e.credit, names, lower, lambda w: _key(w, groups)) or \
        credit_subject(e.credit, names, lambda w: _key(w, groups))
    years = point_years((e.credit, *e.any, *details))
    said = {_key(w, groups) for t in (e.credit, *e.any, *details) for w in tokenize(t).words}
    people = frozenset(said | {p for p in (subject, names.protagonist.get(PERSON)) if p})
    anys, nots = pats(e.any), pats(e.not_)
    anys += speed_after(anys)
    hero = names.protagonist.get(PERSON)
    anys += tuple(Pattern(p.text, p.slots[1:], p.words, p.negative, p.name_slots[1:], True)
                  for p in anys if len(p.slots) > 1 and p.slots[0] == {hero})
    runs = credit_runs(e.credit, e.not_, lambda w: _key(w, groups), CLAUSE_WORDS, lower)
    anys += tuple(p for p in pats(runs) if not any(p.name_slots) and len(p.slots) >= 2)
    # the rest must say what was done, not only whose side ("Zinoviev was on the Right")
    led = [p for p in nots if len(p.slots) > 1 and not all(p.name_slots[1:])
           and _actor(p, names)]
    roles = tuple(Pattern(p.text, p.slots[1:], p.words, p.negative, p.name_slots[1:])
                  for p in led)
    group = next((k for w in tokenize(e.credit).words
                  if names.kinds.get(k := _key(w, groups)) == GROUP), None)
    texts = [tuple(_key(w, groups) for w in tokenize(t).words) for t in e.any]
    known = frozenset(names.kinds)
    backers = allies(texts, known) | {p for p in (subject, hero) if p}
    folded = [tokenize(t).words for t in (e.credit, *e.any, *details)]
    return Point(e, anys, nots, pats(details), subject, years, people,
                 frozenset(names.kinds.keys() - said), opposites(anys), roles,
                 frozenset(next(iter(p.slots[0])) for p in led), group,
                 any(stance(p.words) for p in anys), frozenset(backers), crowds(said),
                 periods(folded), says_less(folded[:1 + len(e.any)]))


def _actor(p: Pattern, names: Names) -> bool:
    """A phrase starting with a person: a name, or a capitalised word no group
    ("Bukharin favoured Permanent Revolution", where Bukharin is named nowhere else)."""
    first = next(iter(p.slots[0]))
    shown = tokenize(p.text).shown
    return names.person(first) or (bool(shown) and shown[0][:1].isupper()
                                   and shown[0].isalpha() and first not in names.kinds
                                   and not is_small(shown[0].lower()))


def read_words(text: str, groups: dict[str, str], lexicon: Lexicon,
               names: Names | None = None, stems: frozenset[str] = frozenset()) -> Words:
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
        if stop[-1] or (i and word in CLAUSE_WORDS and not adverb_then(t.words, i)):
            c += 1
        key = _key(word, groups)
        if key not in known and key not in stems and word not in lexicon \
                and not is_small(word):
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
    # "which" or "who" just after a name stands for it: "NEP, which most thought a success"
    # (not after a name set aside: "the Left and not the Right who wanted...")
    named = tuple(refs.named[i - 1] if w in _RELATIVE and i and refs.named[i] is None
                  and NOT not in keys[max(0, i - 3):i - 1] else n
                  for i, (w, n) in enumerate(zip(t.words, refs.named, strict=True))
                  ) if refs.named else refs.named
    notes_out(keys, t, named, sentence, stop, _key("removed", groups))
    return Words(tuple(keys), t.shown, tuple(sentence), tuple(clause), tuple(stop),
                 aside, t.words, tuple(big), typos, named, refs.subjects, refs.sclause,
                 refs.groups)


_RELATIVE = frozenset({"which", "who"})
ASIDE_WORDS = 3
RELATIVE_WORDS = 8


def _asides(words: tuple[str, ...], seps: tuple[str, ...],
            stop: list[bool]) -> tuple[bool, ...]:
    """Which words are in a short aside: after a comma, before the next, in one sentence.

    Not the entries of a list ("Bukharin, Tomsky and Rykov, and the Left..."): an
    aside holds no "and" or "or", and no joining word follows it.  A relative clause
    between commas ("the Testament, which was critical of Stalin, was not published")
    is an aside of up to :data:`RELATIVE_WORDS` words.
    """
    out = [False] * len(stop)
    starts = [i for i, st in enumerate(stop) if st]
    for a, b in pairwise(starts):
        most = RELATIVE_WORDS if words[a] in _RELATIVE else ASIDE_WORDS
        if b - a <= most and set(seps[a].strip()) == {","} \
                and set(seps[b].strip()) == {","} and words[b] not in CLAUSE_WORDS \
                and not {"and", "or"} & set(words[a:b]):
            out[a:b] = [True] * (b - a)
    return tuple(out)


def _stops(words: Words, pattern: Pattern, k: int, prev: int, j: int, gap: int) -> bool:
    """Whether word ``j`` is past where slot ``k`` (after a word at ``prev``) may be:
    a comma or clause break (not one an aside passed over, nor a comma in a list of
    names: "Trotsky, Zinoviev and Kamenev"), too many words, or, before a name slot,
    a preposition the phrase lacks."""
    name_slot = pattern.name_slots[k] if pattern.name_slots else False
    passed = words.aside[j - 1] and not words.aside[prev]
    listed = name_slot and j == prev + 1 and pattern.name_slots[k - 1]
    return (words.stop[j] and not passed and not listed) or words.between(prev, j) > gap or (
        not passed and words.clause[j] != words.clause[j - 1]
        and words.folded[j] not in pattern.words) or (
        name_slot and preposition_before(words, pattern, prev, j))


def _longer_name(words: Words, j: int, slots: tuple[frozenset[str], ...], k: int) -> bool:
    """Word ``j`` starts a longer name the phrase does not have ("Right" of "the Right
    Opposition" is not "the Right")."""
    after = j + 1
    return after < len(words.keys) and bool(words.named) and not words.stop[after] \
        and words.named[after] == words.keys[after] and words.clause[after] == words.clause[j] \
        and (k + 1 == len(slots) or words.keys[after] not in slots[k + 1])


def _ends_other_name(words: Words, j: int, prev: int, pattern: Pattern, k: int) -> bool:
    """Word ``j``, the second word of a two-name phrase ("Left Opposition"), ends another
    name: the name just before it is not the phrase's ("the Right Opposition")."""
    before = j - 1
    if not (k > 0 and pattern.name_slots[k - 1] and before != prev and before >= 0) \
            or words.stop[j] or words.keys[before] in pattern.slots[k - 1]:
        return False
    named = bool(words.named) and words.named[before] == words.keys[before]
    capital = words.shown[before][:1].isupper() and before > 0 \
        and words.sentence[before - 1] == words.sentence[before]
    return named or capital


def find(words: Words, pattern: Pattern, excluded: frozenset[int] = frozenset(),
         subject: str | None = None, strict: bool = False, gap: int = GAP,
         ok: Callable[[tuple[int, ...]], bool] | None = None) -> tuple[int, ...] | None:
    """The positions of the first match of ``pattern`` that is not negated, or None.

    With ``subject`` (the person the point is about), a match in a clause whose
    subject is another person is not one, unless the phrase names its own subject.
    ``strict`` (for statements that block a point): a negation anywhere in the
    clause unsays the match (:func:`~powerquiz.marking.contrary.unsaid`).  ``ok``,
    when given, must also accept the match (else the next one is tried).
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
            if _stops(words, pattern, len(done), prev, j, gap) or (crossed and name_slot):
                return
            if j not in excluded and words.fills(j, slots[len(done)]) and not (
                    name_slot and (_longer_name(words, j, slots, len(done))
                                   or _ends_other_name(words, j, prev, pattern, len(done)))):
                yield from extend((*done, j))
            elif j in words.listed and words.listed[j][1] in slots[len(done)]:
                yield from extend((*done, words.listed[j][0]))  # the list for its group
            # another name between: "helped the Left remove the Right" is not "helped the Right"
            # (a pronoun is not: "remove him as General Secretary")
            crossed = crossed or (bool(words.named) and words.named[j] is not None
                                  and words.named[j] not in mine
                                  and words.keys[j] == words.named[j]
                                  and not owner(words, j))

    def accepted(used: tuple[int, ...]) -> bool:
        return (pattern.negative or not negated(words, used)) and (
            pattern.leads or not wrong_subject(words, used, subject)) and not (
            subject and pattern.pronoun and unknown_name(words, used)) and not (
            strict and (unsaid(words, used) or name_inside(words, used, mine))) and (
            ok is None or ok(used)) and not (pattern.bare and named_before(words, used)) \
            and not loose_possessive(words, used, slots) \
            and not (pattern.passive_end and object_after(words, used[-1], mine))

    if not all(words.starts(slot) for slot in slots):
        return None  # a word the phrase needs is nowhere in the answer
    for i in words.starts(slots[0]):
        if i in excluded:
            continue
        for used in extend((i,)):
            if accepted(used):
                return used
    if pattern.passive:
        for used in passive(words, pattern, excluded):
            if accepted(used):
                return used
    return None

