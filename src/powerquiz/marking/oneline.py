"""A one-line answer read with its question in mind: what the prompt says changes the mark.

Two shapes a teacher marks by the question, not the answer alone (issue 12):

- *The opposite, by a verb of ending.*  "ending NEP" or "scrapping NEP" names NEP
  but says it went: for a question whose prompt does not itself speak of ending
  something ("Which policy did the Right want to keep?"), the answer is wrong.
  When the prompt does ("Which policy did Stalin abandon in 1928?"), the verb agrees
  with it and the answer stands.
- *A fuller answer than asked.*  "Hungary and Germany" for "Besides Germany, which
  country...?" repeats what the prompt names beside the answer: not a hedge.  Only
  words of the prompt count, never a word of a ``wrong:`` entry or of the answer.
"""

from __future__ import annotations

from powerquiz.bank.model import Question
from powerquiz.marking.normalize import ARTICLES, STOPWORDS, tokenize
from powerquiz.marking.phrases import Phrase, Typed, find
from powerquiz.marking.scored import Scored

#: Words that say a thing was ended: before the answer, they say the opposite of it.
ENDING = frozenset({
    "end", "ending", "ended", "ends", "abolish", "abolishing", "abolished", "abolition",
    "scrap", "scrapping", "scrapped", "abandon", "abandoning", "abandoned", "drop",
    "dropping", "dropped", "replace", "replacing", "replaced", "stop", "stopping",
    "stopped", "reverse", "reversing", "reversed", "ditch", "ditching", "ditched",
    "against", "anti", "oppose", "opposing", "opposed",
})


def _ended_before(typed: Typed, start: int) -> str | None:
    """The word of ending just before ``start`` (articles and "of" skipped), if any."""
    i = start
    while i > 0 and not typed.tokens.breaks[i]:
        i -= 1
        if typed.words[i] in ARTICLES or typed.words[i] == "of":
            continue
        return typed.tokens.shown[i] if typed.words[i] in ENDING else None
    return None


def said_ended(q: Question, typed: Typed, alts: tuple[Phrase, ...]) -> Scored | None:
    """Wrong when the answer is named only after a word of ending the prompt does not use."""
    if ENDING.isdisjoint(typed.words):
        # No word of ending at all (the usual case): no right answer found can follow
        # one, so :func:`ended_everywhere` would say None; the prompt is not even read.
        return None
    return ended_everywhere(q, typed, alts)


def ended_everywhere(q: Question, typed: Typed, alts: tuple[Phrase, ...]) -> Scored | None:
    """:func:`said_ended` worked out in full, whatever the typed words."""
    if ENDING & set(tokenize(q.prompt).words) or any(ENDING & set(a.words) for a in alts):
        return None
    rights = find(typed, (("right", alts),)).of("right")
    if not rights:
        return None
    verbs = [_ended_before(typed, s.start) for s in rights]
    if all(verbs):
        name = rights[0].phrase.text
        return Scored(0.0, [f"'{verbs[0]} {name}' says the opposite of the answer, {name}"])
    return None


def without_prompt_words(q: Question, text: str, known_wrong: frozenset[str]) -> str | None:
    """``text`` without the words the prompt names (not a wrong entry's), or None if none."""
    named = {w for w in tokenize(q.prompt).words if w not in STOPWORDS} - known_wrong
    tokens = tokenize(text)
    kept = [shown for word, shown in zip(tokens.words, tokens.shown, strict=True)
            if word not in named]
    if len(kept) == len(tokens.words) or not kept:
        return None
    return " ".join(kept)
