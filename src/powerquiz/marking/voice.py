"""How a match's neighbouring words read: voice, possession and "then".

Three small readings the explain marker (:mod:`~powerquiz.marking.scheme`) makes of
the words around a match, each general, with no scheme's own words in it:

- "then" after an auxiliary ("they were then removed") is an adverb of time, not the
  start of a new clause ("sided with the Right then turned on them" is two);
- a possessive pronoun ("his", "their") stands for a name only just before the
  phrase's next word: "his health" is "Trotsky's health", but in "his rivals were
  labelled" the rivals were labelled, not he;
- a name in the possessive ("Lenin's", folded "lenins") says whose the next word is
  and stands for no one else in the sentence;
- a phrase ending "was/were + verb" ("Stalin was removed") is not made by that verb
  with a written name just after it, the verb's object ("helped Stalin get rid of
  Zinoviev").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerquiz.marking.schemewords import is_small, possessive_form

if TYPE_CHECKING:
    from powerquiz.marking.schemetypes import Words

#: Verbs after which "then" is an adverb of time, not a new clause ("were then removed").
_AUXILIARIES = frozenset({"was", "were", "is", "are", "had", "has", "have", "would",
                          "could", "did", "be", "been"})


def adverb_then(words: tuple[str, ...], i: int) -> bool:
    """Whether the clause word at ``i`` is "then" after an auxiliary: "they were then
    removed" is one clause ("sided with the Right then turned on them" is two)."""
    return words[i] == "then" and words[i - 1] in _AUXILIARIES


_POSSESSIVES = frozenset({"his", "her", "their", "its"})


#: Words between a verb and its object ("got rid of the Left"); a preposition is not one
#: ("divided into Left and Right" has no object).
_OBJECT_GAP = frozenset({"the", "a", "an", "of"})


def object_after(words: Words, at: int, mine: frozenset[str]) -> bool:
    """A name the phrase does not have follows word ``at`` in its clause, small words
    apart, written as a name (not a pronoun: "thrown off it"): the verb is active
    ("helped Stalin get rid of Zinoviev" is no "Stalin was removed"), while notes'
    "Trotsky removed 1926" may still say the passive."""
    k = at + 1
    while k < len(words.keys) and words.folded[k] in _OBJECT_GAP and not words.stop[k]:
        k += 1
    return k < len(words.keys) and not words.stop[k] and bool(words.named) \
        and words.named[k] == words.keys[k] and words.keys[k] not in mine \
        and words.clause[k] == words.clause[at]


def loose_possessive(words: Words, used: tuple[int, ...],
                      slots: tuple[frozenset[str], ...]) -> bool:
    """A possessive pronoun filling a name slot but not straight before the next slot's
    word (small words and "own" apart): "his health" makes "Trotsky's health", while
    "his rivals were labelled" is no "Kamenev labelled" (the rivals are, not he)."""
    return any(words.folded[u] in _POSSESSIVES and words.keys[u] not in slots[k]
               and (k + 1 == len(used) or any(
                   not is_small(w) and w != "own" for w in words.folded[u + 1:used[k + 1]]))
               for k, u in enumerate(used))


def owner(words: Words, j: int) -> bool:
    """Word ``j`` is a name in the possessive ("Lenin's", folded "lenins"; "Lenin 's"): it
    says whose the next word is ("did not publish Lenin's Testament"), not another actor
    or member (:func:`~powerquiz.marking.schemewords.possessive_form` of its word)."""
    return possessive_form(words.folded[j], words.keys[j]) or (
        j + 1 < len(words.keys) and words.folded[j + 1] == "s")
