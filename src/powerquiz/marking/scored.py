"""What a marker returns before it becomes a Mark: a score, the reasons, the typos.

:class:`Scored` is the score of one typed answer with the feedback that explains it
(``session.prompter`` has the *session's* ``Outcome``; this is not that).  The helpers
here word the feedback the markers share.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import join_list
from powerquiz.marking.phrases import Span, Typed

NO_ANSWER_FEEDBACK = "no answer given"


@dataclass
class Scored:
    """A score with the reasons for it, before it becomes a :class:`Mark`."""

    score: float
    feedback: list[str]
    typos: list[tuple[str, str]] = field(default_factory=list)


def typos_in(typed: Typed, spans: Iterable[Span]) -> list[tuple[str, str]]:
    """The (typed, meant) typos inside ``spans``, in the order typed."""
    out: list[tuple[str, str]] = []
    for span in sorted(spans, key=lambda s: s.start):
        out.extend(typed.typos[i] for i in range(span.start, span.end) if i in typed.typos)
    return out


def typo_feedback(typos: Sequence[tuple[str, str]], prefix: str = "") -> list[str]:
    return [f"{prefix}accepted with a typo: {typed} -> {meant}" for typed, meant in typos]


def wrong_feedback(span: Span, feedback: Sequence[str]) -> str:
    """What to say about a known wrong answer: its ``wrong:`` feedback, or that it is wrong."""
    ref = span.phrase.ref
    said = feedback[ref] if 0 <= ref < len(feedback) else ""
    return said or f"{span.phrase.text} is a wrong answer"


def blocked_feedback(typed: Typed) -> list[str]:
    out = []
    for word, rivals in typed.blocked:
        if len(rivals) > 1:
            out.append(f"{word} is as close to {join_list(list(rivals))}: "
                       "not accepted as a typo of either")
    return out

