"""Who an answer places where, and who does what: more facts stated wrongly.

Rules of the explain marker beside those of :mod:`~powerquiz.marking.facts`, each
general, with no scheme's own words in it.  The question's texts (each ``any`` and
detail phrase, each credit, each sentence of the model answer and explanation; never a
``not:`` phrase) *place* a person in a group when a list of persons stands next to
the group with only small words between ("the Left Communists were Trotsky, Zinoviev
and Kamenev", "Bukharin, Tomsky and Rykov as the Right Opposition").  A match is no
match when its sentence:

- places a person in one of the match's groups whom the question places only in
  other groups: the person just before the group with small words, "led", "headed",
  or the match's own words between in the passive ("Bukharin led the Left", "Trotsky
  was branded the Right Opposition"; not "Stalin removed the Left"), or a list just
  after it ("The Left: Trotsky, Zinoviev, Rykov"), or after "under", "led by" or
  "headed by" ("the Right, under Zinoviev");
- gives the point another actor: the credit's subject is a person ("He branded each
  of them...", he being the question's protagonist) and the clause opens, before the
  match and with no "was" / "were" between (active, not passive), with another person
  the question names or places ("Bukharin branded the Left a faction");
- denies half of a point about "each" or "both": the credit says each / both / all and
  the sentence says "not" of one of the question's groups ("He branded the Left as a
  faction but not the Right"), or is made by an answer to a question naming several
  groups that names only one of them and never speaks of several ("both", "them",
  "the two groups"): "Stalin removed the Left from the Politburo in 1926" for "He had
  each of them removed from the Politburo", asked of the Left and the Right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from powerquiz.marking.normalize import Tokens, tokenize
from powerquiz.marking.scheme import CLAUSE_WORDS
from powerquiz.marking.schemewords import NOT, is_small
from powerquiz.marking.typos import allowed_edits, distance
from powerquiz.marking.voice import owner

if TYPE_CHECKING:
    from powerquiz.marking.schemetypes import Words

Placed = dict[str, frozenset[str]]

#: Words that place the person before a group in it as well as small words do.
PLACING = frozenset({"led", "lead", "leader", "headed", "head", "joined", "member",
                     "members", "part", "made", "formed"})
_LIST = frozenset({"and", "or", "&"})
#: Words after a group that name its leader next: "the Right, under Zinoviev", "led by".
_LED_BY = frozenset({"under", "led", "headed"})
_BE = frozenset({"was", "were", "is", "are", "been", "be", "being"})
_EACH = frozenset({"each", "both", "all"})
_CUTS = frozenset({",", ";", ".", "!", "?"})


def credit_says_each(credit: str) -> bool:
    """Whether a credit is about each or both of several ("He branded each of them")."""
    return bool(_EACH & set(tokenize(credit).words))


def question_places(texts: Iterable[str], key: Callable[[str], str], kinds: dict[str, str],
                    hero: str | None) -> Placed:
    """Group -> the persons some text of the question lists right next to it."""
    out: dict[str, set[str]] = {}
    for text in texts:
        t = tokenize(text)
        keys = [key(w) for w in t.words]
        for at, k in enumerate(keys):
            if kinds.get(k) != "group":
                continue
            near = _run(t, keys, at, -1, kinds, hero) | _run(t, keys, at, 1, kinds, hero)
            if near:
                out.setdefault(k, set()).update(near)
    return {g: frozenset(p) for g, p in out.items()}


def swapped_places(phrase_sets: Iterable[Iterable[str]], key: Callable[[str], str],
                   kinds: dict[str, str], hero: str | None) -> Placed:
    """Group -> persons a point's phrases put in its place: two ways of making one point
    alike but for a group in one and a person in the other ("removed the Left",
    "removed Trotsky"; "support of the Right", "support of Bukharin")."""
    out: dict[str, set[str]] = {}
    for phrases in phrase_sets:
        said = []
        for text in phrases:
            t = tokenize(text)
            said.append([(key(w), shown) for w, shown in zip(t.words, t.shown, strict=True)
                         if not is_small(w)])
        for a in said:
            for b in said:
                if len(a) != len(b):
                    continue
                apart = [i for i in range(len(a)) if a[i][0] != b[i][0]]
                if len(apart) == 1 and kinds.get(a[apart[0]][0]) == "group" and _is_person(
                        b[apart[0]][1], b[apart[0]][0], kinds, hero, False):
                    out.setdefault(a[apart[0]][0], set()).add(b[apart[0]][0])
    return {g: frozenset(p) for g, p in out.items()}


def _is_person(shown: str, k: str, kinds: dict[str, str], hero: str | None,
               first: bool) -> bool:
    """A person the question names, or a word it writes with a capital mid-sentence."""
    if k == hero or kinds.get(k) == "group":
        return False
    return kinds.get(k) == "person" or (not first and shown[:1].isupper()
                                         and shown.isalpha() and not is_small(k))


def _run(t: Tokens, keys: list[str], at: int, step: int, kinds: dict[str, str],
         hero: str | None) -> set[str]:
    """The persons of a list next to position ``at`` on one side (small words apart,
    no comma between: "the Right, Stalin had..." places nobody)."""
    words, shown = t.words, t.shown

    def cut(k: int) -> bool:  # a comma or stop between k and the word before it
        return t.seps[k] in _CUTS

    k = at + step
    while 0 <= k < len(words) and not cut(max(k, k - step)) and (
            kinds.get(keys[k]) == "group" or (is_small(words[k]) and words[k] not in _LIST)):
        k += step
    if not 0 <= k < len(words) or cut(max(k, k - step)):
        return set()
    out: list[str] = []
    listed = commas = False
    while 0 <= k < len(words) and _is_person(shown[k], keys[k], kinds, hero, k == 0):
        out.append(keys[k])
        k += step
        commas = commas or (0 <= k < len(words) and cut(max(k, k - step)))
        if 0 <= k < len(words) and words[k] in _LIST:
            listed = True
            k += step
    # "Trotsky, Zinoviev and Kamenev" is a list; "Party Unity, Stalin branded" is not
    return set(out if listed or not commas else out[:1])


def all_placed(placed: Placed) -> frozenset[str]:
    """Every person the question places in some group."""
    return frozenset(p for ps in placed.values() for p in ps)



def _name(words: Words, k: int) -> str:
    named = words.named[k] if words.named else None
    return named or words.keys[k]


def misplaced(words: Words, used: tuple[int, ...], placed: Placed) -> bool:
    """The match's sentence places a person in one of its groups whom the question
    places only elsewhere (rule 1 of the module docstring)."""
    if not placed:
        return False
    anywhere = all_placed(placed)
    mine = set(used)
    s, clauses = words.sentence[used[0]], {words.clause[k] for k in used}
    meant = {_name(words, k) for k in used} & placed.keys()  # "who" for "the Reformers"
    near = mine | {k for k in range(len(words.keys)) if words.sentence[k] == s and (
        words.clause[k] in clauses or words.keys[k] in meant)}
    for g in sorted(near):
        group = _name(words, g)
        if group not in placed or group != words.keys[g]:
            continue  # no group, or a pronoun standing for one
        said = _said_beside(words, g, -1, mine, placed) | _said_beside(words, g, 1, mine, placed)
        if any(_elsewhere(p, group, placed) for p in said & anywhere):
            return True
    return False


def _elsewhere(person: str, group: str, placed: Placed) -> bool:
    """The question places ``person`` in a rival of ``group`` (a group none of whose
    persons it places in ``group``), and never in ``group``."""
    mine = placed[group]
    return person not in mine and any(
        person in others and not others & mine for g, others in placed.items() if g != group)


def _said_beside(words: Words, g: int, step: int, mine: set[int], placed: Placed) -> set[str]:
    """The persons a list next to the group at ``g`` places in it, on one side."""
    s, c = words.sentence[g], words.clause[g]
    k = g + step
    ok = PLACING | _BE if step < 0 else _BE
    # a heading ("The Left: Trotsky, Zinoviev, Rykov."): its colon ends no list
    heading = step > 0 and all(is_small(words.folded[i]) or _name(words, i) in placed
                               for i in range(len(words.keys)) if words.sentence[i] == s)

    def inside(i: int) -> bool:
        return 0 <= i < len(words.keys) and words.sentence[i] in (s, s + heading)

    def cut(i: int) -> bool:  # a comma or stop between i and the word before it
        j = max(i, i - step)
        return words.stop[j] and not (heading and words.sentence[j - 1] == s
                                      and words.sentence[j] == s + 1)

    while inside(k) and _name(words, k) in placed and not cut(k):
        k += step  # the rest of a group's name ("the Left Opposition")
    led = step > 0 and inside(k) and words.folded[k] in _LED_BY
    if led:
        k += 1  # its leader after it, a comma or not: "the Right, under Zinoviev"
        if inside(k) and words.folded[k] == "by":
            k += 1
        if inside(k) and words.folded[k] == "the":
            k += 1
    own = be = False  # a match word passed over; a "was"/"were" or placing word passed
    while inside(k) and not cut(k) and words.folded[k] not in _LIST and (
            is_small(words.folded[k]) or words.folded[k] in ok or (step < 0 and k in mine)):
        be = be or words.folded[k] in ok
        own = own or not (is_small(words.folded[k]) or words.folded[k] in ok)
        k += step
    if not inside(k) or cut(k) or (own and not be):
        return set()  # "Stalin removed the Left" places nobody: only a passive label does
    out: set[str] = set()
    anywhere = all_placed(placed)
    while inside(k) and (step < 0 or heading or led or words.clause[k] == c) \
            and _name(words, k) in anywhere:
        out.add(_name(words, k))
        k += step
        if inside(k) and words.folded[k] in _LIST:
            k += step
    return out


def wrong_doer(words: Words, used: tuple[int, ...], subject: str | None,
               persons: frozenset[str], known: frozenset[str] = frozenset(),
               capitals: frozenset[str] = frozenset()) -> bool:
    """The match's clause opens with another person than the credit's subject, in the
    active voice, small words apart (rule 2 of the module docstring): a person the
    question names or places, or a capitalised word opening the sentence that the
    question never uses (``known``: its words' keys) nor is a slip for one it writes with
    a capital (``capitals``, folded): "Trotsky attacked NEP" where only Stalin is named."""
    if subject is None or _name(words, used[0]) in persons:
        return False  # the phrase names its own doer ("Tomsky expelled")
    f = _opener(words, used, persons)
    if f is None:
        return False
    who = _name(words, f)
    return who != subject and (who in persons or (
        bool(known) and _stranger(words, f, known) and not _near(words.folded[f], capitals)))


def _near(word: str, capitals: frozenset[str]) -> bool:
    """Whether ``word`` is a slip for one of ``capitals`` ("Stallin" for Stalin)."""
    return any(distance(word, c) <= max(1, allowed_edits(c)) for c in capitals)


#: Words that open a sentence with a capital and are nobody ("Later attacked NEP").
_OPENING_WORDS = frozenset({
    "later", "then", "next", "also", "first", "firstly", "second", "secondly", "third",
    "thirdly", "finally", "lastly", "soon", "afterwards", "eventually", "again", "still",
    "instead", "initially", "meanwhile", "however", "therefore", "thus", "hence", "once",
    "he", "she", "they", "it", "this", "these", "that", "those", "there", "here", "when",
})


def _stranger(words: Words, f: int, known: frozenset[str]) -> bool:
    """Word ``f`` opens its sentence with a capital and is a name the question never
    uses: alphabetic, not a typo of a known word, not an adverb ("Later", "Firstly")."""
    shown, folded = words.shown[f], words.folded[f]
    return (f == 0 or words.sentence[f - 1] != words.sentence[f]) and shown[:1].isupper() \
        and shown.isalpha() and len(shown) > 3 and f not in words.typos \
        and words.keys[f] not in known and not folded.endswith("ly") \
        and folded not in _OPENING_WORDS and not is_small(folded) \
        and folded not in CLAUSE_WORDS and (not words.named or words.named[f] is None)


def wrong_group(words: Words, used: tuple[int, ...], doer: str | None,
                said: frozenset[str], prompt: frozenset[str], persons: frozenset[str]) -> bool:
    """The match's clause opens, by name and in the active voice, with a group that
    neither the point nor the prompt names, where the point says who did it (the
    question's own person, or the group its credit opens with): "The Right wanted rapid
    industrialisation" earns nothing for Stalin's "He urged rapid industrialisation",
    nor "The Left argued..." for "The Right argued..." (rule 2 for groups)."""
    if doer is None or not words.sclause or not words.named:
        return False
    c = words.sclause[used[0]]
    opening = words.gsubjects.get(c)
    person = words.subjects.get(c)
    if opening is None or opening[0] > used[0] or (person and person[0] < used[0]):
        return False
    at, who = opening
    if words.keys[at] != who or (at + 1 < len(words.folded) and words.folded[at + 1] in _BE):
        return False  # a pronoun ("they"), or the passive ("the Right were attacked")
    if any(words.named[k] in persons for k in range(at + 1, used[0])):
        return False  # a person after it ("after the Left had gone, Stalin changed sides")
    return who != doer and who not in said | prompt


def _opener(words: Words, used: tuple[int, ...], listed: frozenset[str]) -> int | None:
    """Where the word opening the match's clause just before it is, small words apart
    and in the active voice (no "was" / "were" between), if any and not the last of a
    list of ``listed`` names."""
    f, s = used[0] - 1, words.sentence[used[0]]
    while f >= 0 and words.sentence[f] == s and is_small(words.folded[f]) \
            and words.folded[f] not in _BE and not words.stop[f + 1]:
        f -= 1
    if f < 0 or words.sentence[f] != s or words.stop[f + 1] or words.folded[f] in _BE:
        return None
    opens = f == 0 or words.sentence[f - 1] != s or words.stop[f] or (
        words.folded[f - 1] in CLAUSE_WORDS and words.folded[f - 1] not in _LIST)
    if not opens or owner(words, f) or (
            f > 0 and words.sentence[f - 1] == s and _name(words, f - 1) in listed):
        return None  # the last of a list ("Bukharin, Tomsky, Rykov = ...")
    return f


def half_denied(words: Words, used: tuple[int, ...], groups: frozenset[str]) -> bool:
    """The sentence of a match of an each / both point says "not" of a group the match
    does not name (rule 3 of the module docstring)."""
    s = words.sentence[used[0]]
    mine = {_name(words, k) for k in used}
    for i in range(len(words.keys)):
        if words.sentence[i] != s or words.keys[i] != NOT:
            continue
        j = i + 1
        while j < len(words.keys) and words.sentence[j] == s and is_small(words.folded[j]):
            j += 1
        if j < len(words.keys) and words.sentence[j] == s and _name(words, j) in groups \
                and _name(words, j) not in mine:
            return True
    return False


#: Words that speak of several at once: "removed them", "both", "the two groups".
PLURAL = frozenset({"both", "each", "them", "they", "their", "all", "two", "groups",
                    "factions", "sides"})


def one_only(words: Words, pair: frozenset[str]) -> bool:
    """An answer to a question about several groups that names only one and never
    speaks of several (rule 4 of the module docstring)."""
    if len(pair) < 2 or PLURAL & set(words.folded):
        return False
    return len({words.keys[k] for k in range(len(words.keys))} & pair) < 2


def joins_names(words: Words, k: int, names: frozenset[str]) -> bool:
    """An "and" between two names ("the Left and the Right"), which ends no clause."""
    if words.folded[k] not in _LIST or k == 0:
        return False
    j = k + 1
    while j < len(words.keys) and words.folded[j] in ("the", "a"):
        j += 1
    return j < len(words.keys) and _name(words, k - 1) in names and _name(words, j) in names


def member_lists(words: Words, placed: Placed,
                 persons: frozenset[str]) -> dict[int, tuple[int, str]]:
    """Lists of two or more persons ("Zinoviev, Kamenev and Trotsky", "Bukharin &
    Rykov") whom the question places in one group, and in no other: last position ->
    (first position, the group), so that the list makes a phrase about the group."""
    out: dict[int, tuple[int, str]] = {}
    n, i = len(words.keys), 0
    while i < n:
        run = _persons_run(words, i, persons)
        if len(run) >= 2:
            said = {words.keys[k] for k in run}
            groups = [g for g, ps in placed.items() if said <= ps]
            if len(groups) == 1:
                out[run[-1]] = (run[0], groups[0])
            i = run[-1] + 1
        else:
            i += 1
    return out


def _persons_run(words: Words, i: int, persons: frozenset[str]) -> list[int]:
    """The positions of the persons listed from ``i`` in one sentence, joined by commas,
    "and" or "&" (names as written, not pronouns)."""
    run: list[int] = []
    k = i
    while k < len(words.keys) and words.keys[k] in persons and (
            not words.named or words.named[k] == words.keys[k]) and (
            not run or words.sentence[k] == words.sentence[run[-1]]):
        run.append(k)
        k += 1
        if k < len(words.keys) and words.folded[k] in _LIST and not words.stop[k]:
            k += 1
    return run
