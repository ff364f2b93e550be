"""Words as an explain marker compares them: one spelling, one stem, one negation.

- British and American spellings are one word: -ize/-ise, -yze/-yse (and their
  -ed, -ing, -ation forms), and a short table of the rest (labor/labour,
  center/centre, defense/defence, traveled/travelled, program/programme).
- Inflections and simple derivations are one word: the Porter2 ("Snowball
  English") stemmer of the ``snowballstemmer`` package takes off -s, -es, -ed,
  -ing, -ies/-ied, a final -e and a doubled consonant, and derivational endings
  such as -ion, -al, -ation, -isation, -ment, -ness, so brand, branded and branding
  agree, as do plan and planned, suppressed and suppression, dismissed and
  dismissal, removed and removal, industrialise and industrialisation (a verb said
  as a noun makes the point the verb makes).  Common irregular verbs, and nouns
  whose stem is not the verb's (expulsion -> expel), are looked up first (withheld
  -> withhold, misled -> mislead).  "Left" is never read as the verb "leave": it is
  the faction.
- Every way of saying no (not, never, no, nor, didn't, wasn't, cannot, refused...)
  is the one word ``not``.
- A word made negative by a prefix is "not" and the word: "impossible" is "not
  possible", "unpublished" "not published" (:func:`unprefixed`, :func:`split_prefix`),
  when the rest is a word the question uses.
- Everyday words of one meaning are one group in every bank
  (:data:`COMMON_SYNONYMS`), and notes' "Left out" is "Left removed" (:func:`notes_out`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import cast

from powerquiz.marking.normalize import STOPWORDS, Tokens, is_numeric

NOT = "not"
NEGATIONS = frozenset({
    "not", "never", "no", "nor", "neither", "didnt", "wasnt", "werent", "isnt", "arent",
    "dont", "doesnt", "couldnt", "wouldnt", "hadnt", "hasnt", "havent", "cannot", "cant",
    "wont", "shouldnt", "nt",
    # "the kulaks refused to sell their grain" is "would not sell"
    "refused", "refuse", "refuses", "refusing",
})
#: Words that set what follows aside ("rather than Trotsky"): a point just after is not made.
ASIDE = (("rather", "than"), ("instead", "of"), ("unlike",), ("opposed", "to"), ("not",))

#: Small words: not needed to make a phrase, and not counted as words between its words.
SMALL = STOPWORDS | frozenset({
    "about", "was", "were", "is", "are", "be", "been", "being", "his", "her", "their",
    "he", "she", "it", "its", "they", "them", "him", "that", "which", "who", "had",
    "has", "have", "this", "these", "those", "did", "do", "does", "so", "also", "up",
    # modal verbs: "socialism could not survive" is made by "socialism would not survive"
    "could", "would", "should", "can", "might", "must", "shall",
})

#: Everyday phrasal verbs, one group with the plain verb, and families of everyday words
#: of one meaning in history answers ("expelled" is "removed", "sided with" "supported",
#: "fast" "rapid", "bad" health "poor", a "lack" of interest "little"), for every question
#: (after its own groups, so a question's "dismissed: [removed]" takes these in too, and
#: a word its own groups give another meaning keeps it).  docs/bank-format.md lists them.
COMMON_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("removed", ("got rid of", "get rid of", "kicked out", "kicked off", "thrown out",
                 "threw out", "forced out", "pushed out")),
    ("removed", ("expelled", "ousted", "thrown off", "voted off", "forced off")),
    ("supported", ("backed", "sided with", "allied with")),
    ("rapid", ("fast", "quick", "speedy")),
    ("critical", ("criticised", "criticism", "harsh")),
    ("interested", ("keen",)),
    ("reservations", ("doubts", "worries", "concerns", "misgivings", "fed up with",
                      "gone off", "went off")),
    ("ill", ("sick", "unwell")),
    ("socialism", ("communism",)),
    ("survive", ("last", "stay alive", "stayed alive")),
    ("poor", ("bad",)),
    ("little", ("lack", "lacked", "lacking")),
)

_SPELLING = {
    "color": "colour", "honor": "honour", "labor": "labour", "favor": "favour",
    "behavior": "behaviour", "neighbor": "neighbour", "rumor": "rumour", "vigor": "vigour",
    "armor": "armour", "harbor": "harbour", "savior": "saviour", "endeavor": "endeavour",
    "valor": "valour", "center": "centre", "theater": "theatre", "fiber": "fibre",
    "meter": "metre", "defense": "defence", "offense": "offence", "license": "licence",
    "pretense": "pretence", "program": "programme", "programs": "programmes",
    "traveled": "travelled", "traveling": "travelling", "canceled": "cancelled",
    "labeled": "labelled", "modeled": "modelled", "fueled": "fuelled",
    "enroll": "enrol", "fulfill": "fulfil", "skeptical": "sceptical", "plow": "plough",
    "gray": "grey", "jewelry": "jewellery", "catalog": "catalogue", "dialog": "dialogue",
}
_ISE = re.compile(r"(?<=..)([iy])z(e|es|ed|ing|ation|ations|er|ers)$")

_IRREGULAR = {
    "misled": "mislead", "led": "lead", "withheld": "withhold", "held": "hold",
    "made": "make", "won": "win", "lost": "lose", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "sent": "send", "fought": "fight", "sold": "sell",
    "told": "tell", "began": "begin", "begun": "begin", "became": "become",
    "built": "build", "ran": "run", "spoke": "speak", "spoken": "speak", "wrote": "write",
    "written": "write", "chose": "choose", "chosen": "choose", "drove": "drive",
    "driven": "drive", "fell": "fall", "fallen": "fall", "bought": "buy",
    "brought": "bring", "thought": "think", "kept": "keep", "meant": "mean", "met": "meet",
    "paid": "pay", "rose": "rise", "risen": "rise", "saw": "see", "seen": "see",
    "shot": "shoot", "stood": "stand", "struck": "strike", "went": "go", "gone": "go",
    "grew": "grow", "grown": "grow", "knew": "know", "known": "know", "threw": "throw",
    "thrown": "throw", "hid": "hide", "hidden": "hide", "forbade": "forbid",
    "forbidden": "forbid", "broke": "break", "broken": "break", "stole": "steal",
    "stolen": "steal", "froze": "freeze", "frozen": "freeze", "fled": "flee",
    "lay": "lie", "lain": "lie", "lied": "lie", "lying": "lie", "dying": "die", "died": "die",
    "overthrew": "overthrow", "overthrown": "overthrow", "outlawed": "outlaw",
    "undertook": "undertake", "forgot": "forget", "forgotten": "forget", "got": "get",
    "shown": "show", "felt": "feel", "found": "find", "heard": "hear", "said": "say",
    "sought": "seek", "spent": "spend", "swept": "sweep", "taught": "teach", "wore": "wear",
    "worn": "wear", "wiped": "wipe", "ousted": "oust", "men": "man", "women": "woman",
    "peasantry": "peasant", "children": "child", "people": "people",
    "expulsion": "expel", "expulsions": "expel",
    # British "he was poorly" is ill, not poor
    "poorly": "ill", "alliance": "ally", "alliances": "ally",
}
#: Past forms of irregular verbs ("held", "made"): participles, for the passive.
IRREGULAR_PAST = frozenset(_IRREGULAR)


def spelling(word: str) -> str:
    """The British spelling of a folded word (itself when there is no other)."""
    word = _SPELLING.get(word, word)
    return _ISE.sub(r"\1s\2", word) if "z" in word else word


@lru_cache(maxsize=1)
def _porter2() -> Callable[[str], str]:
    """The English Snowball stemmer, imported on first use (off start-up)."""
    import snowballstemmer  # type: ignore[import-untyped]  # no stubs

    stemmer = snowballstemmer.stemmer("english")
    return cast("Callable[[str], str]", stemmer.stemWord)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The comparable stem of a folded word (see the module docstring)."""
    if word in NEGATIONS:
        return NOT
    if is_numeric(word) or (len(word) <= 3 and word not in _IRREGULAR):
        return word
    return _porter2()(_IRREGULAR.get(spelling(word), spelling(word)))


def possessive_form(word: str, key: str) -> bool:
    """A folded name said with 's ("lenins" for Lenin, key "lenin"): the 's is gone in
    folding, so the word ends in s where its key does not."""
    return word.endswith("s") and not key.endswith("s")


def is_small(word: str) -> bool:
    """A small word (see :data:`SMALL`); a negation never is."""
    return word in SMALL and word not in NEGATIONS


def notes_out(keys: list[str], t: Tokens, named: tuple[str | None, ...],
              sentence: list[int], stop: list[bool], removed: str) -> None:
    """Notes' "1926: Left out": "out" ending a clause just after a name written with a
    capital is "removed" ("Trotsky was left out." is no faction removed)."""
    for i, word in enumerate(t.words):
        if word == "out" and i and named and named[i - 1] is not None \
                and t.shown[i - 1][:1].isupper() and (
                i + 1 == len(t.words) or stop[i + 1] or sentence[i + 1] != sentence[i]):
            keys[i] = removed



#: Prefixes that make a word its negative ("impossible", "unpublished", "dishonest").
_NEGATIVE_PREFIX = re.compile(r"\b(un|im|in|il|ir|dis)([a-z]{4,})\b", re.IGNORECASE)


def split_prefix(word: str) -> str | None:
    """The rest of a folded word after a negative prefix ("possible" of "impossible"),
    when it is long enough to be a word of its own, else None."""
    m = _NEGATIVE_PREFIX.fullmatch(word)
    return m.group(2) if m and len(m.group(2)) >= 5 else None


def unprefixed(text: str, stems: frozenset[str]) -> str:
    """``text`` with each negative-prefixed word whose rest the question uses (by stem)
    written as "not" and the rest: "revolution was impossible" reads "revolution was
    not possible" (a phrase's own prefixed word has that form too)."""
    if not stems:
        return text

    def one(m: re.Match[str]) -> str:
        rest = m.group(2)
        before = [w.strip(".,;:!?'\"").casefold() for w in text[:m.start()].split()[-2:]]
        if len(rest) < 5 or stem(rest.casefold()) not in stems or any(
                stem(w.replace("'", "")) == NOT for w in before):
            return m.group(0)  # "not impossible" is no double "not"
        return "not " + rest

    return _NEGATIVE_PREFIX.sub(one, text)
