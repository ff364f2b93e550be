"""Sitting an exam paper: the engine's exam path, between the prompter and the paper.

The student moves about the paper (:mod:`powerquiz.session.paper`) through the
prompter's ``ask_paper``, ``paper_summary`` and ``confirm_submit``; nothing is marked or
shown as marked until the paper is in.  Then each kept answer is marked alone and
saved (all the saves under one hold of Ctrl-C, so none is cut in half).

The paper is handed in when the student submits (confirming first when some questions
are unanswered), when the time runs out, when input ends at the summary page, and on
Ctrl-C or end of input at a question (then the session counts as stopped, as before,
unless input ends with every question answered): every answer given is kept and marked
in each case.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from powerquiz.bank.model import Question
from powerquiz.bank.registry import TYPES
from powerquiz.marking import mark
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

__all__ = ["MOVES", "TIME_UP", "Sat", "hand_in", "sit"]

#: The move classes, for telling a move from an answer.
MOVES = (Skip, Flag, Back, Go, ToSummary, Submit)

TIME_UP = "Time is up: your paper is submitted with the answers you gave."
#: Saves one marked answer: the outcome, the milliseconds spent on it, whether hinted.
Record = Callable[[Outcome, int, bool], object]


@dataclass(frozen=True)
class Sat:
    """A paper handed in: its questions, the answers kept, and how it ended."""

    paper: Paper
    #: Seconds spent at each question, over all visits.
    spent: dict[int, float]
    #: Stopped by Ctrl-C or by input ending at a question.
    interrupted: bool

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(a.question for a in self.paper.asked)

    @property
    def flagged(self) -> frozenset[str]:
        return frozenset(self.paper.asked[n - 1].question.id for n in self.paper.flagged)


def sit(
    prompter: Prompter,
    questions: Sequence[Question],
    rng: random.Random,
    timer: Callable[[], float],
    limit: float | None,
) -> Sat:
    """Let the student sit the paper until it is handed in (see the module docstring)."""
    total = len(questions)
    asked = [Asked(q, n, total, TYPES[q.type].display_choices(q, rng))
             for n, q in enumerate(questions, 1)]
    paper = Paper(asked, timer, limit)
    spent: dict[int, float] = defaultdict(float)
    try:
        _sit(prompter, paper, spent)
    except KeyboardInterrupt:
        return Sat(paper, spent, interrupted=not paper.timed_out)
    except EOFError:  # a script that answered every question has not been cut short
        return Sat(paper, spent, interrupted=len(paper.answers) < total)
    return Sat(paper, spent, interrupted=False)


def _sit(prompter: Prompter, paper: Paper, spent: dict[int, float]) -> None:
    while not paper.submitted and not paper.out_of_time():
        note = None
        if paper.place == SUMMARY:
            try:
                reply: object = prompter.paper_summary(paper.view())
            except EOFError:  # input ended at the summary: the paper is handed in
                reply = Submit()
        else:
            place, start = paper.place, paper.timer()
            reply = prompter.ask_paper(paper.current(), paper.view())
            spent[place] += paper.timer() - start
        if isinstance(reply, MOVES):
            note = paper.move(_confirmed(prompter, paper, reply))
        elif not paper.answer(reply):  # type: ignore[arg-type]
            break  # the time ran out while the answer was being given
        if note:
            prompter.notice(note)
    if paper.timed_out:
        prompter.notice(TIME_UP)


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


def hand_in(sat: Sat, prompter: Prompter, record: Record) -> tuple[list[Outcome], bool]:
    """Mark each kept answer alone, in paper order, and save them all; the outcomes, and
    whether the student stopped (Ctrl-C while saving is held until the saves are done)."""
    outcomes: list[Outcome] = []
    for n, answer in sorted(sat.paper.answers.items()):
        asked = sat.paper.asked[n - 1]
        hinted = prompter.used_hint(asked)
        outcomes.append(Outcome(asked, answer_text(answer), mark(asked.question, answer),
                                hinted=hinted))
    interrupted = sat.interrupted
    try:
        with stops_deferred():
            for o in outcomes:
                record(o, max(0, round(sat.spent[o.asked.number] * 1000)), o.hinted)
    except KeyboardInterrupt:
        interrupted = True
    return outcomes, interrupted
