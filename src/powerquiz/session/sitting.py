"""Sitting an exam paper: the engine's exam path, between the prompter and the paper.

The student moves about the paper (:mod:`powerquiz.session.paper`) through the
prompter's ``ask_paper``, ``paper_summary`` and ``confirm_submit``; nothing is shown as
marked until the paper is in.  Each answer kept is marked alone and saved at once (under
a hold of Ctrl-C, so a save is never cut in half), as every other answer is: a changed
answer is saved as a review correcting the one before (the log stays append-only and
readers fold it), so whatever stops the program, every answer given is on disk.

The paper is handed in when the student submits (confirming first when some questions
are unanswered), when the time runs out, when input ends at the summary page, and on
Ctrl-C or end of input at a question (then the session counts as stopped, as before,
unless input ends with every question answered).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Question
from powerquiz.bank.registry import TYPES
from powerquiz.marking import Answer, mark
from powerquiz.session.paper import (
    SUMMARY,
    Back,
    Flag,
    Go,
    Move,
    Paper,
    Skip,
    Submit,
    ToSummary,
)
from powerquiz.session.prompter import Asked, Outcome, Prompter, answer_text
from powerquiz.session.stops import stops_deferred

__all__ = ["MOVES", "TIME_UP", "Sat", "Save", "sit"]

#: The move classes, for telling a move from an answer.
MOVES = (Skip, Flag, Back, Go, ToSummary, Submit)

TIME_UP = "Time is up: your paper is submitted with the answers you gave."
#: Saves one marked answer (the outcome, the milliseconds spent on it, whether hinted,
#: the id of the review it replaces) and gives its review's id.
Save = Callable[[Outcome, int, bool, str | None], str]


@dataclass
class Sat:
    """A paper being sat and then handed in: the answers kept, as marked and saved."""

    paper: Paper
    #: Seconds spent at each question, over all visits.
    spent: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    #: Each kept answer, marked, by question number ...
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    #: ... and the id of its saved review.
    saved: dict[int, str] = field(default_factory=dict)
    #: Stopped by Ctrl-C or by input ending at a question.
    interrupted: bool = False

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(a.question for a in self.paper.asked)

    @property
    def flagged(self) -> frozenset[str]:
        return frozenset(self.paper.asked[n - 1].question.id for n in self.paper.flagged)

    def marked(self) -> list[Outcome]:
        """The marked answers, in paper order."""
        return [self.outcomes[n] for n in sorted(self.outcomes)]


def sit(
    prompter: Prompter,
    questions: Sequence[Question],
    rng: random.Random,
    timer: Callable[[], float],
    limit: float | None,
    save: Save,
) -> Sat:
    """Let the student sit the paper until it is handed in (see the module docstring)."""
    total = len(questions)
    asked = [Asked(q, n, total, TYPES[q.type].display_choices(q, rng))
             for n, q in enumerate(questions, 1)]
    sat = Sat(Paper(asked, timer, limit))
    try:
        _sit(prompter, sat, save)
    except KeyboardInterrupt:
        sat.interrupted = not sat.paper.timed_out
    except EOFError:  # a script that answered every question has not been cut short
        sat.interrupted = len(sat.paper.answers) < total
    return sat


def _sit(prompter: Prompter, sat: Sat, save: Save) -> None:
    paper = sat.paper
    while not paper.submitted and not paper.out_of_time():
        note = None
        place = paper.place
        if place == SUMMARY:
            try:
                reply: object = prompter.paper_summary(paper.view())
            except EOFError:  # input ended at the summary: the paper is handed in
                reply = Submit()
        else:
            start = paper.timer()
            reply = prompter.ask_paper(paper.current(), paper.view())
            sat.spent[place] += paper.timer() - start
        if isinstance(reply, MOVES):
            note = paper.move(_confirmed(prompter, paper, reply))
        elif paper.answer(reply):  # type: ignore[arg-type]
            _keep(prompter, sat, place, reply, save)  # type: ignore[arg-type]
        else:
            break  # the time ran out while the answer was being given
        if note:
            prompter.notice(note)
    if paper.timed_out:
        prompter.notice(TIME_UP)


def _keep(prompter: Prompter, sat: Sat, place: int, answer: Answer, save: Save) -> None:
    """Mark the answer kept for question ``place`` alone and save it (replacing the one
    saved before); Ctrl-C meanwhile is held until it is on disk."""
    asked = sat.paper.asked[place - 1]
    hinted = prompter.used_hint(asked)
    outcome = Outcome(asked, answer_text(answer), mark(asked.question, answer), hinted=hinted)
    with stops_deferred():
        sat.saved[place] = save(outcome, max(0, round(sat.spent[place] * 1000)), hinted,
                                sat.saved.get(place))
        sat.outcomes[place] = outcome


def _confirmed(prompter: Prompter, paper: Paper, move: Move) -> Move:
    """``Submit`` once the student confirms it (when some questions are unanswered; end
    of input confirms); else the summary page."""
    view = paper.view()
    if not isinstance(move, Submit) or not view.unanswered or paper.out_of_time():
        return move
    try:
        return move if prompter.confirm_submit(view) else ToSummary()
    except EOFError:
        return move
