"""What marking returns: a verdict, a score that agrees with it, and feedback."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = Literal["correct", "partial", "wrong"]

#: What a student gave.  By type:
#: short: str; choice: str (option text, or its 1-based number as listed in the bank);
#: multi: str ("1, 3" or "Trotsky Zinoviev") or a sequence of option texts/numbers;
#: truefalse: str ("true", "f", "yes", ...) or bool; order: a sequence of item texts or
#: numbers (as listed in the bank), or one str separated by commas or " > ";
#: match: a mapping left -> right, or one str "left=right; left=right";
#: cloze: a sequence with one str per gap (a plain str for a one-gap cloze);
#: recall: the student's own rating, "again" | "hard" | "good" | "easy".
Answer = str | bool | Sequence[str] | Mapping[str, str]


@dataclass(frozen=True)
class Mark:
    verdict: Verdict
    score: float
    #: Why, one sentence each: "accepted with a typo: Bukarin -> Bukharin", "2 of 3: missing Rykov".
    feedback: tuple[str, ...] = ()
    #: The right answer, for a person to read.
    expected: str = ""
    #: (typed, meant) for each word accepted as a typo, for a character diff.
    typos: tuple[tuple[str, str], ...] = field(default=())

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "score": self.score,
            "feedback": list(self.feedback),
            "expected": self.expected,
            "typos": [list(t) for t in self.typos],
        }


def answer_text(answer: object) -> str:
    """Any answer as one line of text: the one way an answer is written down.

    A list is joined by ", ", a mapping as "left=right; left=right", a bool as
    "true"/"false": the shapes :func:`~powerquiz.marking.mark` reads back the same.
    """
    if isinstance(answer, str):
        return answer
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, Mapping):
        return "; ".join(f"{k}={v}" for k, v in answer.items())
    if isinstance(answer, Sequence):
        return ", ".join(str(a) for a in answer)
    return str(answer)


class UnreadableAnswer(ValueError):
    """An answer that cannot be read for the question's type (e.g. option 7 of 4)."""


def verdict_of(score: float) -> Verdict:
    """The verdict a score stands for: 1 is correct, 0 is wrong, anything between partial."""
    if score >= 1.0:
        return "correct"
    if score <= 0.0:
        return "wrong"
    return "partial"


def clamped(score: float) -> float:
    """``score`` as a mark holds it: a float from 0 to 1."""
    return min(1.0, max(0.0, float(score)))


def make_mark(
    score: float,
    feedback: Sequence[str],
    expected: str,
    typos: Sequence[tuple[str, str]] = (),
) -> Mark:
    """A :class:`Mark` whose verdict agrees with ``score`` (clamped to 0..1)."""
    score = clamped(score)
    return Mark(
        verdict=verdict_of(score),
        score=score,
        feedback=tuple(dict.fromkeys(f for f in feedback if f)),
        expected=expected,
        typos=tuple(dict.fromkeys(typos)),
    )
