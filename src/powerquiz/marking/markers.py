"""The per-type markers (``mark_short``, ``mark_choice``, ...), and :func:`mark`.

The markers for answers of several entries (order, match, cloze) are in
:mod:`~powerquiz.marking.entry_markers`.

Each question type's kind (:mod:`powerquiz.qtypes`) names its marker here; :func:`mark`
looks the kind up in the registry (:data:`powerquiz.bank.registry.TYPES`).

Every marker is total: whatever it is given, it returns an :class:`Outcome` (an
answer it cannot read is wrong, with feedback saying why).  The strict reading of
command-line words, which refuses such answers, is :mod:`powerquiz.marking.parse`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Question, join_list
from powerquiz.bank.registry import TYPES
from powerquiz.bank.wording import FALSE_WORDS, TRUE_WORDS
from powerquiz.marking.compiled import Compiled, Ref, compiled, resolve
from powerquiz.marking.normalize import FILLER, tokenize
from powerquiz.marking.oneline import said_ended, without_prompt_words
from powerquiz.marking.rating import RATING_SCORES, read_rating
from powerquiz.marking.result import Answer, Mark, answer_text, make_mark
from powerquiz.marking.text import (
    NO_ANSWER_FEEDBACK,
    Outcome,
    Phrase,
    Typed,
    alternative,
    covered_by,
    find,
    hedged,
    mark_list,
    mark_one,
    read_typed,
    rival_words,
    typo_feedback,
    typos_in,
)


def as_entries(answer: object) -> list[str]:
    """Any answer as separate entries (a str is one entry)."""
    if isinstance(answer, str):
        return [answer]
    if isinstance(answer, Mapping):
        return [f"{k}={v}" for k, v in answer.items()]
    if isinstance(answer, Sequence):
        return [str(a) for a in answer]
    return [answer_text(answer)]


def numbered_problem(ref: Ref, what: str, count: int, *, numbers: bool = True) -> str:
    """Why ``ref`` names nothing, in words."""
    if ref.problem == "number" and numbers:
        return f"there is no {what} {ref.number}: they are numbered 1 to {count}"
    if ref.problem == "several":
        return f"that names more than one {what}: give one"
    if ref.problem == "empty":
        return NO_ANSWER_FEEDBACK
    return f"not one of the {what}s"


# -- short answers ----------------------------------------------------------------------
def mark_short(q: Question, c: Compiled, answer: Answer) -> Outcome:
    typed = read_typed(answer_text(answer), c.lexicon)
    if len(c.parts) > 1:
        return mark_list(typed, c.parts, c.wrongs, c.wrong_said, ordered=q.ordered)
    if not c.alts:
        return Outcome(0.0, ["this question has no answer to mark against"])
    out = mark_one(typed, c.alts, c.wrongs, c.wrong_said)
    if out.score > 0:
        return said_ended(q, typed, c.alts) or out
    if out.feedback and out.feedback[0].startswith("hedged:"):
        wrong_words = frozenset(w for p in c.wrongs for w in p.words)
        fuller = without_prompt_words(q, answer_text(answer), wrong_words)
        if fuller is not None:
            again = mark_one(read_typed(fuller, c.lexicon), c.alts, c.wrongs, c.wrong_said)
            if again.score >= 1.0:
                return Outcome(1.0, ["correct: the rest of your answer is named in the "
                                     "question"], again.typos)
    return out


# -- choice and multi -------------------------------------------------------------------
def _option_wrong(c: Compiled, index: int) -> str:
    return c.option_said[index] or f"{c.options[index].text} is not the answer"


def _choice_hedge(c: Compiled, typed: Typed, chosen: Phrase) -> Outcome | None:
    """The option chosen, offered beside a word of another option or a second answer.

    "Right or Left Opposition" names Left Opposition, but "Right" is what tells Right
    Opposition apart: a hedge, as for a short answer (see :mod:`~powerquiz.marking.text`).
    """
    if not chosen.words or typed.raw == chosen.raw:
        return None
    rivals = tuple(o for o in c.options if o.words != chosen.words) + c.wrongs
    found = find(typed, (("right", (chosen,)), ("wrong", rivals)))
    rights = found.of("right")
    if not rights:
        return None
    covered = covered_by(typed, found.spans + found.negated)
    told = rival_words(typed, (s.phrase.content for s in rights), rivals, (chosen,), covered)
    if told is not None:
        rival, hits = told
        where = [(i, i + 1) for i in hits] + [(s.start, s.end) for s in rights]
        said = (c.wrong_said[rival.ref] if any(rival is w for w in c.wrongs)
                else _option_wrong(c, rival.ref))
        return Outcome(0.0, [hedged(typed, where), said])
    known = frozenset(w for r in rivals for w in r.words if w not in FILLER)
    offered = alternative(typed, rights, (chosen,), known, covered)
    if offered is not None:
        return Outcome(0.0, [hedged(typed, [(s.start, s.end) for s in rights] + [offered])])
    return None


def mark_choice(q: Question, c: Compiled, answer: Answer) -> Outcome:
    text = answer_text(answer)
    typed = read_typed(text, c.lexicon)
    ref = resolve(text, c.options, c, typed=typed)
    if ref.index is None:
        if typed.no_answer or ref.problem == "empty":
            return Outcome(0.0, [NO_ANSWER_FEEDBACK])
        said = [c.wrong_said[s.phrase.ref] or f"{s.phrase.text} is a wrong answer"
                for s in find(typed, (("wrong", c.wrongs),)).of("wrong")]
        problem = numbered_problem(ref, "option", len(c.options))
        if ref.problem == "number" and any(o.words and o.words[0].isdecimal()
                                           for o in c.options):
            problem = f"{ref.number} is not one of the options"
        return Outcome(0.0, [problem, *said])
    chosen = c.options[ref.index]
    hedges = [s for s in find(typed, (("right", c.options), ("wrong", c.wrongs))).of("wrong")
              if s.phrase.words != chosen.words]
    if hedges:
        named = join_list([chosen.text] + [s.phrase.text for s in hedges])
        return Outcome(0.0, [f"hedged: {named}; give one answer",
                             *(c.wrong_said[s.phrase.ref] for s in hedges)])
    other_hedge = _choice_hedge(c, typed, chosen)
    if other_hedge is not None:
        return other_hedge
    if q.options[ref.index] in q.correct:
        return Outcome(1.0, ["correct", *typo_feedback(ref.typos)], list(ref.typos))
    return Outcome(0.0, [_option_wrong(c, ref.index)])


@dataclass
class MultiPicks:
    """What a multi answer ticks, and what in it could not be read."""

    picks: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Option numbers out of range: the answer cannot be read (``parse_answer`` refuses it).
    bad_numbers: list[str] = field(default_factory=list)
    typos: list[tuple[str, str]] = field(default_factory=list)


def multi_picks(c: Compiled, answer: Answer) -> MultiPicks:
    """The options picked (in order, once each), what could not be read, and typos."""
    out = MultiPicks()
    picks, problems, typos = out.picks, out.problems, out.typos
    n = len(c.options)
    entries = as_entries(answer)
    for entry in entries:
        ref = resolve(entry, c.options, c, search=not isinstance(answer, str))
        if ref.index is not None:
            picks.append(ref.index)
            typos.extend(ref.typos)
            continue
        if ref.problem == "number" or len(entries) > 1:
            if ref.problem == "number":
                out.bad_numbers.append(entry.strip())
            if ref.problem != "empty":
                problems.append(f"{entry.strip()}: {numbered_problem(ref, 'option', n)}")
            continue
        typed = read_typed(entry, c.lexicon)
        found = find(typed, (("right", c.options),))
        covered = [False] * len(typed.words)
        for span in found.spans + found.negated:
            covered[span.start : span.end] = [True] * span.size
        for span in found.spans:
            picks.append(span.phrase.ref)
        typos.extend(typos_in(typed, found.spans))
        for i, word in enumerate(typed.words):
            if covered[i]:
                continue
            if word.isdecimal():
                number = int(word) if len(word) <= 9 else 0
                if 1 <= number <= n:
                    picks.append(number - 1)
                    continue
                out.bad_numbers.append(typed.tokens.shown[i])
                problems.append(f"there is no option {typed.tokens.shown[i]}: "
                                f"they are numbered 1 to {n}")
            elif len(word) > 1 and word not in FILLER:
                problems.append(f"{typed.tokens.shown[i]} is not one of the options")
    out.picks = list(dict.fromkeys(picks))
    return out


def mark_multi(q: Question, c: Compiled, answer: Answer) -> Outcome:
    """(right picks - wrong picks) / needed picks, never below 0."""
    read = multi_picks(c, answer)
    picks, problems, typos = read.picks, read.problems, read.typos
    needed = [i for i, opt in enumerate(q.options) if opt in q.correct]
    if not picks:
        if read_typed(answer_text(answer), c.lexicon).no_answer:
            return Outcome(0.0, [NO_ANSWER_FEEDBACK])
        return Outcome(0.0, problems or ["no option chosen"])
    right = [i for i in picks if i in needed]
    wrong = [i for i in picks if i not in needed]
    if not needed:
        return Outcome(0.0, ["this question has no answer to mark against"])
    score = max(0, len(right) - len(wrong)) / len(needed)
    if set(picks) == set(needed):
        return Outcome(1.0, ["correct", *typo_feedback(typos)], typos)
    missing = [c.options[i].text for i in needed if i not in picks]
    head = f"{len(right)} of {len(needed)}"
    if missing:
        head += f": missing {join_list(missing)}"
    feedback = [head]
    if wrong:
        named = join_list([c.options[i].text for i in wrong])
        verb = "is" if len(wrong) == 1 else "are"
        if right:  # a wrong tick only cancels something when something was right
            cancels = "cancels a right one" if len(wrong) == 1 else "cancel right ones"
            feedback.append(f"{named} {verb} wrong and {cancels}")
        else:
            feedback.append(f"{named} {verb} wrong")
        feedback += [c.option_said[i] for i in wrong]
    return Outcome(score, [*feedback, *problems, *typo_feedback(typos)], typos)


# -- true/false ---------------------------------------------------------------------------
def read_truth(answer: object) -> bool | None:
    """True or False for a true/false answer, or None when it says neither."""
    if isinstance(answer, bool):
        return answer
    folded = tokenize(answer_text(answer)).folded
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    return None


def mark_truefalse(q: Question, c: Compiled, answer: Answer) -> Outcome:
    given = read_truth(answer)
    if given is None:
        if read_typed(answer_text(answer), c.lexicon).no_answer:
            return Outcome(0.0, [NO_ANSWER_FEEDBACK])
        return Outcome(0.0, ["answer true or false"])
    if given == q.truth:
        return Outcome(1.0, ["correct"])
    words = TRUE_WORDS if given else FALSE_WORDS
    said = [c.wrong_said[w.ref] for w in c.wrongs if " ".join(w.words) in words]
    return Outcome(0.0, [f"it is {'true' if q.truth else 'false'}", *said])


# -- recall -------------------------------------------------------------------------------
def mark_recall(q: Question, c: Compiled, answer: Answer) -> Outcome:
    """Self-rated: again is wrong, hard is half, good and easy are right."""
    rating = read_rating(answer)
    if rating is None:
        return Outcome(0.0, ["recall is self-rated: rate yourself again, hard, good or easy"])
    return Outcome(RATING_SCORES[rating], [f"recall is self-rated: you chose {rating}"])


#: A marker: (question, its compiled answers, the answer) -> an outcome.
Marker = Callable[[Question, Compiled, Answer], Outcome]


def mark(question: Question, answer: Answer) -> Mark:
    """Mark ``answer`` to ``question`` the way a history teacher would."""
    out = outcome(question, compiled(question), answer)
    return make_mark(out.score, out.feedback, question.expected, out.typos)


def outcome(question: Question, c: Compiled, answer: Answer) -> Outcome:
    """What ``question``'s marker says of ``answer``, before it is made a :class:`Mark`
    (whose verdict is ``verdict_of(clamped(score))``): the self-check needs the whole
    mark only for an answer it reports."""
    marker: Marker = TYPES[question.type].mark
    return marker(question, c, answer)
