"""The explain marker's compiled forms: a phrase's pattern, a point, a scheme, an answer's words.

Built by :mod:`~powerquiz.marking.scheme` (which re-exports them) and read by the
rules in :mod:`~powerquiz.marking.contrary`, :mod:`~powerquiz.marking.passive` and
:mod:`~powerquiz.marking.schememark`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from powerquiz.bank.model import SchemeEntry
from powerquiz.marking.referents import Names
from powerquiz.marking.typos import Lexicon


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
    #: A phrase about the protagonist said without the name ("ill" for "Trotsky was
    #: ill", as notes put it): made only where no name comes before it in its sentence.
    bare: bool = False

    @property
    def pronoun(self) -> bool:
        """The phrase's subject is a pronoun ("he was ill"), standing for the point's person."""
        return self.text.split(" ", 1)[0].lower() in {"he", "she", "his", "her"}

    @cached_property
    def passive_end(self) -> bool:
        """The phrase ends "was/were + verb" with no object ("Stalin was removed")."""
        words = self.text.casefold().replace("'", " ").split()
        return len(words) >= 2 and words[-2] in {"was", "were", "is", "are", "been", "being"}

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
    #: The words (keys) the point says; the question's names it never says.
    people: frozenset[str] = frozenset()
    others: frozenset[str] = frozenset()
    #: Stems saying the point's outcome the other way round.
    opposed: frozenset[str] = frozenset()
    #: Its ``not:`` phrases that start with a person, without that person; those persons.
    roles: tuple[Pattern, ...] = ()
    actors: frozenset[str] = frozenset()
    #: The group its credit names first ("The Left, particularly Trotsky, ...").
    group: str | None = None
    #: Its phrases speak of opposing; the names beside its support words; its social
    #: groups; the parts of decades it states (:mod:`~powerquiz.marking.sides`).
    stance: bool = False
    allies: frozenset[str] = frozenset()
    crowds: frozenset[str] = frozenset()
    periods: frozenset[tuple[str, str]] = frozenset()
    #: The point is itself about less of something ("fewer lands", "away from Rome").
    lessens: bool = False


@dataclass(frozen=True)
class Scheme:
    """An explain question's scheme, folded once."""

    points: tuple[Point, ...]
    #: Each ``wrong:`` statement, and the points (indices) it contradicts.
    wrongs: tuple[tuple[Pattern, tuple[int, ...], str], ...]
    groups: dict[str, str]
    lexicon: Lexicon
    names: Names = field(default_factory=Names)
    #: The keys of the lexicon's words: a typed word with one of them is an inflection
    #: of a known word ("recover" of "recovered"), never a typo of another ("recovery").
    stems: frozenset[str] = frozenset()
    #: Initials -> the long name they stand for (:mod:`~powerquiz.marking.acronyms`).
    acronyms: dict[str, str] = field(default_factory=dict)


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
    #: Subject clause -> (position, key) of the group opening it ("The Right wanted...").
    gsubjects: dict[int, tuple[int, str]] = field(default_factory=dict)
    #: Last position of a list of persons the question places in one group -> the group
    #: ("Zinoviev, Kamenev and Trotsky" stands for the Left), and where the list starts.
    members: dict[int, tuple[int, str]] = field(default_factory=dict)

    def fills(self, j: int, slot: frozenset[str]) -> bool:
        """Whether word ``j`` (or the name a pronoun there stands for, or the group a list
        of persons ending there stands for) fills ``slot``."""
        return self.keys[j] in slot or (bool(self.named) and self.named[j] in slot) or (
            j in self.members and self.members[j][1] in slot)

    @cached_property
    def at(self) -> dict[str, tuple[int, ...]]:
        """Each key (and each name a pronoun stands for) -> the positions that fill it."""
        out: dict[str, list[int]] = {}
        for i, k in enumerate(self.keys):
            out.setdefault(k, []).append(i)
        for i, name in enumerate(self.named):
            if name is not None and name != self.keys[i]:
                out.setdefault(name, []).append(i)
        for i, (_start, group) in self.members.items():
            out.setdefault(group, []).append(i)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    @cached_property
    def listed(self) -> dict[int, tuple[int, str]]:
        """First position of each list of :attr:`members` -> (its last position, group)."""
        return {start: (last, group) for last, (start, group) in self.members.items()}

    def starts(self, slot: frozenset[str]) -> list[int]:
        """The positions that fill ``slot``, in order."""
        at = self.at
        found = [i for k in slot for i in at.get(k, ())]
        return sorted(found) if len(slot) > 1 else found

    def between(self, i: int, j: int) -> int:
        """Words that are not small strictly between positions i and j."""
        return self.big[j] - self.big[i + 1] if j > i + 1 else 0
