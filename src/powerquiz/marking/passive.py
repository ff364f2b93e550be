"""A verb and the name it acts on, said the other way round: the passive.

A mark-scheme phrase of a verb and a name ("removed Bukharin") is also made by
"Bukharin was removed", by "Bukharin, Rykov and Tomsky were removed" (the name
anywhere in the list of names before "was"/"were"), and by "wanted Bukharin removed"
(the name just before the verb, the verb a participle not followed by an object of
its own: "Stalin removed the Left" is Stalin acting, and makes nothing here).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from powerquiz.marking.schemewords import IRREGULAR_PAST

if TYPE_CHECKING:
    from powerquiz.marking.scheme import Pattern, Words

#: Words that make a verb passive ("was removed"), and those a list of names is made of.
BE = frozenset({"was", "were", "is", "are", "be", "been", "being", "got", "get"})
_LIST_GLUE = frozenset({"and", "the", "also", "all"})


def passive(words: Words, pattern: Pattern,
            excluded: frozenset[int] = frozenset()) -> Iterator[tuple[int, ...]]:
    """Matches of a verb-and-name ``pattern`` said the other way round (see above)."""
    verb, name = pattern.slots
    n = len(words.keys)
    for j in range(1, n):
        if j in excluded or not words.fills(j, verb) or not _participle(words.folded[j]):
            continue
        k = j - 1
        be = words.folded[k] in BE and not words.stop[j]
        if be:
            k -= 1
        elif j + 1 < n and not words.stop[j + 1] and (
                words.folded[j + 1] == "the" or words.named[j + 1] is not None):
            continue  # "Stalin removed the Left": active, with its own object
        while k >= 0 and words.sentence[k] == words.sentence[j]:
            if k not in excluded and words.fills(k, name):
                yield (k, j)
                break
            if not be or not (words.named[k] is not None or words.folded[k] in _LIST_GLUE
                              or words.shown[k][:1].isupper()):
                break
            k -= 1


def _participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in IRREGULAR_PAST
