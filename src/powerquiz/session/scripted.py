"""A prompter driven by a script, for tests and for driving sessions from code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from powerquiz.bank.model import Question
from powerquiz.marking import Answer
from powerquiz.marking.rating import SelfRating
from powerquiz.session.prompter import Asked, Mode, Outcome, Summary

#: A scripted reply: an answer, a function of the question asked, or one of the
#: exceptions a real student can cause (KeyboardInterrupt, EOFError) to raise.
Reply = Answer | Callable[[Asked], Answer] | type[BaseException]


@dataclass
class ScriptedPrompter:
    """Answers from ``answers`` in turn; says "I was right" when ``overrides`` says so."""

    answers: list[Reply]
    ratings: list[SelfRating | type[BaseException]] = field(default_factory=list)
    overrides: list[bool | type[BaseException]] = field(default_factory=list)
    asked: list[Asked] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    summary: Summary | None = None
    started: tuple[str, Mode, int] | None = None
    #: The question numbers at which the student asks for the hint.
    hints: set[int] = field(default_factory=set)

    def start(self, title: str, mode: Mode, total: int) -> None:
        self.started = (title, mode, total)

    def ask(self, asked: Asked) -> Answer:
        self.asked.append(asked)
        if not self.answers:
            raise EOFError
        reply = self.answers.pop(0)
        if isinstance(reply, type):
            raise reply
        if callable(reply):
            answer: Answer = reply(asked)
            return answer
        return reply

    def used_hint(self, asked: Asked) -> bool:
        return asked.number in self.hints

    def rate_recall(self, asked: Asked, attempt: str) -> SelfRating:
        rating = self.ratings.pop(0) if self.ratings else "good"
        if isinstance(rating, type):
            raise rating
        return rating

    def feedback(self, outcome: Outcome) -> bool:
        self.outcomes.append(outcome)
        if not outcome.can_override:
            return False
        choice = self.overrides.pop(0) if self.overrides else False
        if isinstance(choice, type):
            raise choice
        return choice

    def notice(self, text: str) -> None:
        self.notices.append(text)

    def finish(self, summary: Summary) -> None:
        self.summary = summary


#: The answer a perfect student gives to each question type, in the shape a prompter
#: returns it (one entry per registered type).
RIGHT_ANSWERS: dict[str, Callable[[Question], Answer]] = {
    "short": lambda q: q.expected,
    "choice": lambda q: q.correct[0],
    "multi": lambda q: list(q.correct),
    "truefalse": lambda q: "true" if q.truth else "false",
    "order": lambda q: list(q.items),
    "match": lambda q: dict(q.pairs),
    "cloze": lambda q: [g[0] for g in q.gaps],
    "recall": lambda q: q.model_answer,
    "explain": lambda q: q.model_answer,
}


def right_answer(asked: Asked) -> Answer:
    """The answer a perfect student gives, in the shape a prompter returns it."""
    return RIGHT_ANSWERS[asked.question.type](asked.question)


def script(replies: Iterable[Reply]) -> ScriptedPrompter:
    return ScriptedPrompter(list(replies))
