"""Who and when an extended answer's words are about: names, pronouns, subjects, years.

The explain marker (:mod:`~powerquiz.marking.scheme`) reads these from a question's
own texts, so they hold for any scheme a teacher writes:

- A *name* is a word the question's texts (prompt, model answer, credits, phrases,
  ``wrong:`` statements) write with a capital where a sentence does not start, or in
  capitals ("NEP"), and never in lower case ("Socialism in One Country" beside
  "socialism at home" is no name).  A name that ever follows "the" (or starts a run of names after
  "the": "the Central Committee") names a *group* (the Left, the Party, NEP); any
  other names a *person* (Stalin, Trotsky).  The question's *protagonist* is the
  first person its prompt names (and the first group, for "they").
- A *pronoun* stands for a name: "he", "him", "his", "she", "her", "himself" for
  the subject of the clause it is in, else the person who was subject of the
  nearest clause before, else the last person named, else the protagonist; "they",
  "them", "their", "it", "its" for the last group named, else the prompt's group;
  an object "it"/"them" is never its own clause's group subject ("the Left wanted
  to end it": the group named before).
  So "he backed the Right and then attacked them" is "Stalin ... attacked the Right".
- After a subordinate clause with no comma ("When Lenin died Stalin made himself..."),
  a second person followed by a verb is the clause's subject.
- A clause opened by "who" just after a person (or "the one(s)" after one) has that
  person as its subject ("it was Kamenev who realised"; not "members who wanted"),
  leaving the subject of the clauses after it as it was.
- A clause's *subject* is the last word of its first run of names (a pronoun
  counts as its name; an aside between commas is passed over, and the clause after
  it goes on with the clause before): "Lenin's Testament was..." is about the
  Testament.  Possessive and object pronouns (his, them) are never subjects.
- A point's subject is the subject of its ``credit`` text ("He ..." is the
  protagonist).
- Years: the four-digit years (and ranges of years) a point's credit, phrases and
  detail state are its years.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from powerquiz.marking.normalize import tokenize, year_range
from powerquiz.marking.schemewords import is_small, possessive_form

PERSON, GROUP = "person", "group"
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "themselves", "it", "its", "itself"})
#: Pronouns that can be a clause's subject.
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})
_SENTENCE = frozenset(".!?;:\n\r")
_PREPOSITIONS = frozenset({"with", "by", "from", "against", "under", "alongside", "of", "to"})


@dataclass(frozen=True)
class Names:
    """The names of one question: key -> PERSON or GROUP, and its protagonists."""

    kinds: dict[str, str] = field(default_factory=dict)
    #: PERSON -> the first person the prompt names; GROUP -> the first group.
    protagonist: dict[str, str] = field(default_factory=dict)

    def person(self, key: str | None) -> bool:
        return key is not None and self.kinds.get(key) == PERSON


def scheme_names(prompt: str, texts: Iterable[str], key: Callable[[str], str]) -> Names:
    """The names ``prompt`` and ``texts`` write, each as the key ``key`` gives its word."""
    kinds: dict[str, str] = {}
    lower: set[str] = set()
    for text in (prompt, *texts):
        # a bracket ends a name: in "the Right (Bukharin, Rykov...)" Bukharin is a person
        t = tokenize(text.replace("(", ", ").replace(")", ", "))
        run_group = False
        prev_name = False
        for i, (word, shown) in enumerate(zip(t.words, t.shown, strict=True)):
            sep = t.seps[i] if t.seps else ""
            initial = i == 0 or any(ch in _SENTENCE for ch in sep)
            acronym = len(shown) >= 2 and shown.isalpha() and shown.isupper()
            capital = len(shown) >= 2 and shown.isalpha() and shown[0].isupper()
            if shown.isalpha() and shown.islower():
                lower.add(key(word))
            if not capital or (initial and not acronym):
                prev_name = False
                continue
            if not (prev_name and not sep):
                run_group = i > 0 and t.words[i - 1] == "the"
            prev_name = True
            k = key(word)
            if run_group or acronym:
                kinds[k] = GROUP
            else:
                kinds.setdefault(k, PERSON)
    kinds = {k: v for k, v in kinds.items() if k not in lower}
    protagonist: dict[str, str] = {}
    for word in tokenize(prompt).words:
        k = key(word)
        if k in kinds:
            protagonist.setdefault(kinds[k], k)
    return Names(kinds, protagonist)


def credit_subject(credit: str, names: Names, key: Callable[[str], str]) -> str | None:
    """The person a point's ``credit`` is about: its first name, "He" the protagonist.

    A name after a preposition is not the subject ("With Trotsky they were branded").
    """
    words = tokenize(credit).words
    for i, word in enumerate(words):
        if word in SUBJECT_PRONOUNS or word in PERSON_PRONOUNS:
            return names.protagonist.get(PERSON) if word in PERSON_PRONOUNS else None
        k = key(word)
        if k in names.kinds and i and words[i - 1] in _PREPOSITIONS:
            continue
        if k in names.kinds:
            return k if names.kinds[k] == PERSON else None
    return None


def lower_words(texts: Iterable[str]) -> frozenset[str]:
    """The folded words ``texts`` write in lower case somewhere."""
    return frozenset(w for text in texts for t in (tokenize(text),)
                     for w, shown in zip(t.words, t.shown, strict=True) if shown.islower())


def unnamed_subject(credit: str, names: Names, lower: frozenset[str],
                     key: Callable[[str], str]) -> str | None:
    """A credit's capitalised first word, followed by a word in lower case, that the
    question never writes in lower case and does not name ("Stalin misled him..." where
    Stalin only ever starts a sentence): a person, the point's subject ("him" is not)."""
    tk = tokenize(credit)
    words, shown = tk.words, tk.shown
    if len(words) < 2 or not shown[0][:1].isupper() or not shown[0].isalpha() \
            or words[0] in lower or is_small(words[0]) or key(words[0]) in names.kinds:
        return None
    return key(words[0]) if shown[1].islower() else None


def point_years(texts: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """The years (as inclusive ranges) ``texts`` state."""
    out: list[tuple[int, int]] = []
    for text in texts:
        for word in tokenize(text).words:
            span = stated_year(word)
            if span is not None:
                out.append(span)
    return tuple(out)


def stated_year(word: str) -> tuple[int, int] | None:
    """A folded word as a year or range of years (1000 to 2099), else None."""
    if len(word) == 4 and word.isdecimal() and 1000 <= int(word) < 2100:
        return int(word), int(word)
    span = year_range(word)
    return span if span is not None and 1000 <= span[0] < 2100 else None


@dataclass(frozen=True)
class Referents:
    """For each answer word, the name it is (or stands for); each clause's person subject."""

    named: tuple[str | None, ...]
    #: Clause (as :func:`resolve` numbers them) -> (position, key) of its person subject.
    subjects: dict[int, tuple[int, str]]
    #: The subject clause of each word (asides folded into the clause around them).
    sclause: tuple[int, ...]
    #: Clause -> (position, key) of the group opening it.
    groups: dict[int, tuple[int, str]] = field(default_factory=dict)


def _subject_clauses(clause: tuple[int, ...], aside: tuple[bool, ...]) -> tuple[int, ...]:
    out: list[int] = []
    for i, c in enumerate(clause):
        if i and aside[i]:
            out.append(out[-1])
        elif i and aside[i - 1] and not aside[i] and c == clause[i - 1] + 1:
            j = i - 1
            while j > 0 and aside[j]:
                j -= 1
            out.append(out[j] if not aside[j] else c)
        else:
            out.append(c)
    return tuple(out)


def resolve(keys: tuple[str, ...], folded: tuple[str, ...], clause: tuple[int, ...],
            aside: tuple[bool, ...], names: Names,
            strangers: frozenset[int] = frozenset()) -> Referents:
    """Each word's name (a pronoun's referent), and each clause's person subject.

    ``strangers`` are the positions of capitalised words the question does not name
    (not starting a sentence, not after "the", no month): each may be a person's
    subject ("At the funeral, Zinoviev was chief mourner"), never a phrase's name.
    """
    sclause = _subject_clauses(clause, aside)
    named: list[str | None] = []
    subjects: dict[int, tuple[int, str]] = {}
    opened: set[int] = set()
    run: tuple[int, int] | None = None  # (clause, position) of the subject run's last name
    last_subject = last_group = earlier_group = None
    own: dict[int, str] = {}  # clause -> its group subject
    opening: dict[int, tuple[int, str]] = {}
    later, people = _named_after(keys, folded, sclause, names), list[str]()
    seen: str | None = None  # the person last named (a stranger too)
    for i, word in enumerate(folded):
        c = sclause[i]
        here = subjects.get(c)
        group = _group_meant(word, own.get(c), last_group, earlier_group)
        subject = here[1] if here else last_subject
        k = _referent(word, keys[i], subject, group, names)
        if k in later.get((c, i), ()) or (word in _OBJECT_HIM and here and k == here[1]
                                          and not any(named[here[0] + 1:i])):
            k = _other_person(people, k, names)
        named.append(k)
        if k is not None and k == keys[i] and names.kinds.get(k) == PERSON:
            people.append(k)
        if k is not None and names.kinds.get(k) == GROUP and k != last_group:
            if i and last_group is not None and keys[i - 1] == last_group == named[i - 1]:
                last_group = k  # one name in two words: "the Central Committee"
                if own.get(c) == keys[i - 1]:
                    own[c] = k
            else:
                earlier_group, last_group = last_group, k
        if aside[i]:
            continue
        kind: str | None = names.kinds.get(k) if k is not None else None
        if k is None and i in strangers:
            k, kind = keys[i], PERSON
        if kind == PERSON and k is not None and word not in PERSON_PRONOUNS:
            seen = k
        if i and folded[i - 1] in _PREPOSITIONS:
            continue  # "in Russia", "with Bukharin": no subject
        if word == "who" and c not in opened and seen is not None and i \
                and (folded[i - 1] in ("one", "ones") or named[i - 1] == seen
                     or keys[i - 1] == seen) and "not" not in folded[max(0, i - 3):i]:
            opened.add(c)  # "Kamenev was the one who realised": Kamenev realised
            subjects[c] = (i, seen)
            continue
        if kind == GROUP and k is not None and c not in opened:
            own.setdefault(c, k)  # even a plural that reads as possessive ("the Reformers")
            opening.setdefault(c, (i, k))
        if run is not None and run == (c, i - 1) and k is not None \
                and word not in PERSON_PRONOUNS | GROUP_PRONOUNS:
            subjects.pop(c, None)  # a run of names: its last is the subject
        elif c in opened:
            if kind == PERSON and k is not None \
                    and _main_subject(folded, sclause, i, subjects.get(c)):
                subjects[c] = (i, k)  # "When Lenin died Stalin made himself": Stalin
                last_subject = k
            continue
        elif _no_subject(word, k, keys[i]):
            if k is None and _leads(word):
                continue  # "and then", "in 1928": the subject may still come
            opened.add(c)
            continue
        opened.add(c)
        run = (c, i)
        if kind == PERSON and k is not None:
            subjects[c] = (i, k)
            last_subject = k
    return Referents(tuple(named), subjects, sclause, opening)


#: Words opening a subordinate clause: "When Lenin died Stalin ..." has its main clause's
#: subject after the first verb.
_SUBORDINATORS = frozenset({"when", "after", "once", "as", "since", "although", "though",
                            "while", "whilst", "because", "until", "before", "if"})


def _main_subject(folded: tuple[str, ...], sclause: tuple[int, ...], i: int,
                  first: tuple[int, str] | None) -> bool:
    """Whether the person at ``i`` is the main clause's subject after a subordinate clause
    with no comma ("When Lenin died Stalin was chief mourner"): its clause opens with a
    subordinator and its first subject, one to three words before, and a word that is no
    pronoun or preposition follows it (in "When Stalin tricked Trotsky he...", Trotsky
    is the object)."""
    if first is None or not 1 < i - first[0] <= 4 or i + 1 >= len(folded) \
            or sclause[i + 1] != sclause[i]:
        return False
    start = first[0]
    while start > 0 and sclause[start - 1] == sclause[i]:
        start -= 1
    after = folded[i + 1]
    return folded[start] in _SUBORDINATORS and start < first[0] \
        and after not in PERSON_PRONOUNS | GROUP_PRONOUNS and after not in _PREPOSITIONS \
        and not any(w in _PREPOSITIONS | {"and", "or"} for w in folded[first[0] + 1:i])


_SUBJECT_HE = frozenset({"he", "she"})
#: An object pronoun never stands for its clause's own subject (that is "himself"), when
#: no other name comes between them ("Stalin, with the Right supporting him, ...").
_OBJECT_HIM = frozenset({"him"})


def _named_after(keys: tuple[str, ...], folded: tuple[str, ...], sclause: tuple[int, ...],
                 names: Names) -> dict[tuple[int, int], frozenset[str]]:
    """For each "he"/"she" (clause, position): the persons named after it in its clause."""
    out: dict[tuple[int, int], frozenset[str]] = {}
    for i, word in enumerate(folded):
        if word in _SUBJECT_HE:
            c = sclause[i]
            out[(c, i)] = frozenset(
                keys[j] for j in range(i + 1, len(keys))
                if sclause[j] == c and names.kinds.get(keys[j]) == PERSON)
    return out


def _group_meant(word: str, own: str | None, last: str | None,
                 earlier: str | None) -> str | None:
    """The group a group pronoun would stand for: the last named, but an object "it" or
    "them" is never its own clause's group subject ("the Left wanted to end it")."""
    return earlier if word in _OBJECTS and own == last and earlier is not None else last


def _other_person(people: list[str], not_this: str | None, names: Names) -> str | None:
    """The person last named other than ``not_this``, else the prompt's, else it
    ("He tricked Trotsky": he is not Trotsky; "Stalin lied to him": him is not Stalin)."""
    for p in reversed(people):
        if p != not_this:
            return p
    hero = names.protagonist.get(PERSON)
    return hero if hero is not None and hero != not_this else not_this


#: Object pronouns: never the subject of their own clause (a reflexive would be).
_OBJECTS = frozenset({"it", "them"})
_PREPOSITIONS = frozenset({"in", "on", "at", "for", "by", "with", "from", "to", "of", "into",
                           "as", "against", "over", "under", "about", "without"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july",
                     "august", "september", "october", "november", "december", "monday",
                     "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def strangers(shown: tuple[str, ...], folded: tuple[str, ...], sentence: tuple[int, ...],
              names: Names, keys: tuple[str, ...]) -> frozenset[int]:
    """Capitalised words not named by the question that may name a person (see resolve)."""
    return frozenset(
        i for i, w in enumerate(shown)
        if i and sentence[i] == sentence[i - 1] and w[:1].isupper() and w.isalpha()
        and not w.isupper() and folded[i - 1] != "the" and folded[i] not in _MONTHS
        and keys[i] not in names.kinds and not is_small(folded[i]))


def _referent(word: str, key: str, person: str | None, group: str | None,
              names: Names) -> str | None:
    """The name ``word`` is, or stands for: ``person``/``group`` are the latest ones."""
    if word in PERSON_PRONOUNS:
        return person or names.protagonist.get(PERSON)
    if word in GROUP_PRONOUNS:
        return group or names.protagonist.get(GROUP)
    return key if key in names.kinds else None


#: Words a clause may start with before its subject ("and then in 1928 he...").
def _leads(word: str) -> bool:
    return is_small(word) or word in _LEAD_WORDS or stated_year(word) is not None


_LEAD_WORDS = frozenset({"and", "but", "so", "then", "because", "while", "although",
                         "when", "after", "before", "later", "soon", "first", "finally",
                         "however", "therefore", "thus", "also", "even", "though", "since"})


def _no_subject(word: str, k: str | None, key: str) -> bool:
    """No name, a possessive, or an object or possessive pronoun: not a subject."""
    return k is None or possessive_form(word, key) or (
        word in PERSON_PRONOUNS | GROUP_PRONOUNS and word not in SUBJECT_PRONOUNS)


