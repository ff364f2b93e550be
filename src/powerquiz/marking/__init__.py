"""Answer marking: a pure function from (question, answer) to a verdict with feedback.

Every mark is ``correct`` (score 1.0), ``partial`` (between) or ``wrong`` (0), with
feedback saying why and the expected answer.  The modules, in the order they build
on each other:

- :mod:`~powerquiz.marking.normalize`: folding text into comparable words;
- :mod:`~powerquiz.marking.typos`: which known word a typed word was meant to be;
- :mod:`~powerquiz.marking.phrases`: finding the bank's answers in typed text;
- :mod:`~powerquiz.marking.partmarks`, :mod:`~powerquiz.marking.hedges`: half marks, hedges;
- :mod:`~powerquiz.marking.text`: marking a single answer or a list;
- :mod:`~powerquiz.marking.compiled`: a question's answers folded once, cached;
- :mod:`~powerquiz.marking.oneline`: a one-line answer read with its prompt in mind;
- :mod:`~powerquiz.marking.markers`: the per-type markers, and :func:`mark`;
- :mod:`~powerquiz.marking.scheme`, :mod:`~powerquiz.marking.schememark`: an
  extended (explain) answer marked against its mark scheme; :mod:`~powerquiz.marking.replay`
  replays a teacher's marked answers through it;
- :mod:`~powerquiz.marking.entry_markers`: the markers of order, match and cloze answers;
- :mod:`~powerquiz.marking.rating`: the student's self-rating of a recall question;
- :mod:`~powerquiz.marking.parse`: reading command-line words (``powerquiz check``);
- :mod:`~powerquiz.marking.selfcheck`: marking a bank's own answers.

Nothing here does I/O or knows about the terminal; rapidfuzz is imported on first use.

Judgement calls, made as a history teacher would mark:

- One year of a range ("1929" for 1929–1930) is half marks: the student knows when
  it began, not that it was a range.  A year outside the range, or a different range,
  is wrong; a range given for a single year is wrong (a hedge).
- A date is right in any common order, with or without the day: "January 21, 1924",
  "21st January 1924" and "1924 January" are all January 1924.  Another month is
  wrong, and the feedback names it ("February 1924 is not January 1924").
- Most of a long answer (more than half the content words of an answer of three or
  more, e.g. "One Country" or "Party Unity") is half marks; one word of it
  ("Socialism") is wrong; for two-word answers it is all or nothing ("Left
  Opposition" is not "Opposition").  All the words but not as the phrase
  ("One Country Socialism") is half marks.  Only words *missing* are forgiven: a
  word replaced by another ("Capitalism in One Country", "Socialism in No Country",
  and so also "socialism in a single country": a synonym cannot be told from an
  opposite) earns nothing, nor does an answer using a wrong answer's own word
  ("Left-wing Opposition" when Left Opposition is wrong).
- A phrase just after "not" ("unlike", "rather than", "instead of", "opposed to",
  "against") does not count, right or wrong ("Bukharin, not Trotsky", "the Right,
  against the Left").  An answer named just after a word of ending ("ending NEP",
  "scrapping NEP") says the opposite and is wrong, unless the prompt itself speaks
  of ending (:mod:`~powerquiz.marking.oneline`).
- A fuller answer that adds only what the prompt names ("Hungary and Germany" for
  "Besides Germany, which country...") is no hedge.
- A single answer offered beside another is a hedge, and wrong (the rules in full are
  in :mod:`~powerquiz.marking.hedges`): beside a ``wrong:`` entry, another option or
  another gap's answer; beside a word that tells a ``wrong:`` entry from the right
  answer ("Left or Right Opposition", "Left-Right Opposition"); or beside a second
  answer joined by "or", "and", "&" or "/" ("Trotsky or Zinoviev", "collectivisation
  and industrialisation"), or by a comma when it is a name ("Trotsky, Zinoviev").
  Two different numbers joined by "or" ("1924 or 1925") are a hedge too.  Extra words
  that are not a second answer are fine: "Nikolai Bukharin", "I think it was
  Trotsky", "Trotsky and he was ill", "collectivisation, or joint ownership of land".
- "X of Y" names Y as well: "Politburo of the Central Committee" is a hedge when the
  Central Committee is a ``wrong:`` entry, because the marker cannot tell it from
  "Bukharin of the Left".  A bank that wants the full title lists it under ``accept``.
- Typos are slips inside a word.  A negating prefix added, dropped or changed
  ("decollectivisation", "Impermanent") and a first letter added or dropped
  ("Evolution"), or changed in a word of six letters or fewer ("wealth", "Night"),
  make a different word, never a typo (:mod:`~powerquiz.marking.typos`).  The usual
  transliterations of Russian names are the name ("Tomskii", "Trotskiy", "Rykow").
- In a list, an entry between separators that names no needed part is a wrong extra
  and cancels a right part, but only beyond the parts missing: it may be a part
  spelt past recognition, already counted as missing ("Bukharin, Tomskyyy, Rykov" is
  2 of 3).  Known wrong answers always cancel one.  Words around a part in the same
  entry ("Nikolai Bukharin", "they were") are not extras.  So with spaces alone
  between names, an unknown name is not counted against the student (it cannot be
  told from a first name).  Filler entries ("I think") are ignored.
- In a list each part must be named in full: no half marks for part of a part.
- Order and match items may be named by a shorthand that shares most of the words
  of exactly one item ("Trotsky expelled"); that tells items apart, it is not
  judging knowledge.  Choices must be named in full (typos allowed).
- An order answer with unknown or repeated items loses marks for them; mark() never
  raises on any answer (parse_answer, for the command line, refuses them instead).
"""

from __future__ import annotations

from powerquiz.marking.compiled import clear_cache
from powerquiz.marking.markers import mark
from powerquiz.marking.parse import parse_answer
from powerquiz.marking.rating import SELF_RATINGS, SelfRating, read_rating
from powerquiz.marking.result import Answer, Mark, UnreadableAnswer, Verdict, answer_text
from powerquiz.marking.selfcheck import model_answers, selfcheck

__all__ = [
    "SELF_RATINGS",
    "Answer",
    "Mark",
    "SelfRating",
    "UnreadableAnswer",
    "Verdict",
    "answer_text",
    "clear_cache",
    "mark",
    "model_answers",
    "parse_answer",
    "read_rating",
    "selfcheck",
]
