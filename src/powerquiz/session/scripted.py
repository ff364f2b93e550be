"""A prompter driven by a script, for tests and for driving sessions from code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from powerquiz.bank.model import Question
from powerquiz.marking import Answer
from powerquiz.marking.rating import SelfRating
from powerquiz.session.paper import Move, PaperView, Submit
from powerquiz.session.prompter import Asked, Mode, Outcome, Summary
from powerquiz.session.sitting import MOVES

#: A scripted reply: an answer, a function of the question asked, a move about an exam
#: paper (Skip(), Go(3) ...), or one of the exceptions a real student can cause
#: (KeyboardInterrupt, EOFError) to raise.
Reply = Answer | Callable[[Asked], Answer | Move] | Move | type[BaseException]


@dataclass
class ScriptedPrompter:
    """Answers from ``answers`` in turn; says "I was right" when ``overrides`` says so.

    On an exam paper a move in ``answers`` is that move; at the summary page the next
    reply is taken only when it is a move or an exception (else the paper is submitted,
    so a script written for a paper asked straight through still works); a submit with
    questions unanswered is confirmed from ``confirms`` (True when it is empty).
    """

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
    confirms: list[bool] = field(default_factory=list)
    #: What each exam question and summary page showed, in turn.
    views: list[PaperView] = field(default_factory=list)

    def _next(self, asked: Asked | None) -> Answer | Move:
        """The next reply: an exception raised, a function of ``asked`` called."""
        if not self.answers:
            raise EOFError
        reply = self.answers.pop(0)
        if isinstance(reply, type):
            raise reply
        if isinstance(reply, MOVES) or not callable(reply):
            return reply
        if asked is None:
            raise TypeError("a function of the question given at the summary page")
        answer: Answer | Move = reply(asked)
        return answer

    def start(self, title: str, mode: Mode, total: int) -> None:
        self.started = (title, mode, total)

    def ask(self, asked: Asked) -> Answer:
        self.asked.append(asked)
        reply = self._next(asked)
        if isinstance(reply, MOVES):
            raise TypeError(f"a move ({reply}) given outside an exam paper")
        return reply

    def ask_paper(self, asked: Asked, view: PaperView) -> Answer | Move:
        self.asked.append(asked)
        self.views.append(view)
        return self._next(asked)

    def paper_summary(self, view: PaperView) -> Move:
        self.views.append(view)
        if self.answers and isinstance(self.answers[0], (*MOVES, type)):
            reply = self._next(None)
            if isinstance(reply, MOVES):
                return reply
        return Submit()

    def confirm_submit(self, view: PaperView) -> bool:
        return self.confirms.pop(0) if self.confirms else True

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
