"""The plain front end: one answer a line, plain words, no colour, no cursor tricks.

Used when standard input is not a terminal, or with ``--plain``: it can be piped,
scripted and read by a screen reader.  The line format (documented in the README):

- short, recall: the answer on one line (a recall answer may be empty), then for
  recall the self-rating: again, hard, good or easy (or 1-4);
- cloze: one line per gap, in order;
- choice: the option's number (or its text); multi: the numbers, e.g. ``1 3``;
- truefalse: true/false (t/f, yes/no);
- order: the item numbers in the right order, e.g. ``3 1 2``;
- match: one line per left-hand item, the number (or text) of its match.

On an exam paper any answer prompt also takes the typed commands of
:mod:`powerquiz.ui.paper_text` (``:skip``, ``:flag``, ``:back``, ``:go N``, ``:list``,
``:submit``; ``::`` starts an answer with ':'), and the summary page takes a question
number or ``:submit``.

Only when the input is a terminal does it ask "Were you right after all?" after a
wrong or partial mark, so a piped script's next line is never taken as that reply.
"""

from __future__ import annotations

import re
import select
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TextIO

from powerquiz.bank.wording import CONTROL, FALSE_WORDS, TRUE_WORDS, visible
from powerquiz.marking import Answer
from powerquiz.marking.rating import RATINGS, SelfRating
from powerquiz.qtypes.choice import ambiguity_text, ambiguous, explicit
from powerquiz.session.paper import Move, PaperView, Submit
from powerquiz.session.prompter import Asked, Mode, Outcome, Summary
from powerquiz.ui import paper_text, text
from powerquiz.ui.diff import plain_diff

_SPLIT = re.compile(r"[\s,;>]+")
#: A number typed to pick a choice: ASCII digits only (not "²" or "①"), and not 5,000 of them.
_NUMBER = re.compile(r"[0-9]{1,4}")


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


class _Moved(Exception):  # a way out of the asking, not an error
    """A command typed at an answer prompt of an exam paper."""

    def __init__(self, move: Move) -> None:
        super().__init__(move)
        self.move = move


class PlainPrompter:
    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        *,
        interactive: bool = False,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        #: For "next review due in ...", when the summary does not carry the session's time.
        self.clock = clock
        self._hinted: set[int] = set()
        #: Feedback ends with a blank line; an exam, with no feedback, needs one added.
        self._after_feedback = False
        #: On an exam paper: the paper's size (commands are read) and the seconds left.
        self._paper: int | None = None
        self._left: float | None = None
        self._told = False

    # -- i/o ------------------------------------------------------------------------
    def say(self, line: str = "") -> None:
        """One line of output; control characters (from a bank or a file) shown escaped."""
        self.stdout.write(visible(line) + "\n")
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        """One line of input, control characters removed; EOFError at end of input.

        On an exam paper a typed command leaves the question (``_Moved``); one that
        cannot be read is explained and the line read again."""
        while True:
            line = self._line(prompt)
            if self._paper is None:
                return line
            move = paper_text.command(line, self._paper)
            if move is None:
                return paper_text.unescape(line)
            if not isinstance(move, str):
                raise _Moved(move)
            self.say(move)

    def _line(self, prompt: str) -> str:
        if self._paper is not None and not self._told:  # just above the question's prompt
            self.say(paper_text.COMMANDS)
            self._told = True
        self.stdout.write(visible(prompt))
        self.stdout.flush()
        try:
            if self._left is not None and not self._ready(self._left):
                self.say()
                raise _Moved(Submit())  # the time ran out at the prompt
            line = self.stdin.readline()
        except KeyboardInterrupt:
            self.say()
            raise
        if not line:
            self.say()
            raise EOFError
        line = CONTROL.sub("", line.rstrip("\r\n"))
        if not self.interactive:
            self.say(line)  # echo, so a transcript reads like a dialogue
        return line

    def _ready(self, seconds: float) -> bool:
        """Whether a line is typed at a terminal within ``seconds`` (a pipe or file: yes)."""
        if not self.interactive:
            return True
        try:
            ready, _, _ = select.select([self.stdin], [], [], max(0.0, seconds))
        except (OSError, ValueError, TypeError):  # no file descriptor to wait on
            return True
        return bool(ready)

    def pick(self, prompt: str, choices: tuple[str, ...]) -> str:
        """A choice by number or by its exact text, asked again until it can be read."""
        by_text = {" ".join(c.casefold().split()): c for c in choices}
        while True:
            reply = self.read(prompt).strip()
            chosen = explicit(reply, choices)
            if chosen is not None:
                return chosen
            text_option = ambiguous(reply, choices)
            if text_option is not None:
                self.say(ambiguity_text(reply, choices, text_option) + ".")
                continue
            if _NUMBER.fullmatch(reply) and 1 <= int(reply) <= len(choices):
                return choices[int(reply) - 1]
            if " ".join(reply.casefold().split()) in by_text:
                return by_text[" ".join(reply.casefold().split())]
            self.say(f"Please type a number from 1 to {len(choices)}.")

    def numbers(self, prompt: str, size: int, *, every: bool) -> list[int]:
        """Numbers from 1 to ``size`` on one line: each once (and all of them if ``every``)."""
        while True:
            words = [w for w in _SPLIT.split(self.read(prompt)) if w]
            if all(_NUMBER.fullmatch(w) and 1 <= int(w) <= size for w in words):
                picked = [int(w) for w in words]
                if len(set(picked)) == len(picked) and (not every or len(picked) == size):
                    return picked
            need = "each number once" if every else "numbers"
            self.say(f"Please type {need} from 1 to {size}, separated by spaces.")

    # -- the prompter interface -------------------------------------------------------
    def start(self, title: str, mode: Mode, total: int) -> None:
        self.say(text.start_line(title, mode, total))
        self.say()
        self._after_feedback = True  # a blank line was just said

    def ask(self, asked: Asked) -> Answer:
        q = asked.question
        if asked.number > 1 and not self._after_feedback:
            self.say()
        self._after_feedback = False
        self.say(visible(text.header(asked)))
        self.say(visible(q.display_prompt))
        if q.hint and q.type not in text.TYPED:
            self.say(f"Hint: {visible(q.hint)}")
        return ASKERS[q.type](self, asked)

    def ask_paper(self, asked: Asked, view: PaperView) -> Answer | Move:
        q = asked.question
        self._gap()
        self.say(visible(paper_text.header(asked, view)))
        self.say(visible(q.display_prompt))
        if q.hint and q.type not in text.TYPED:
            self.say(f"Hint: {visible(q.hint)}")
        given = paper_text.given_line(view)
        if given:
            self.say(visible(given))
        self._paper, self._left, self._told = view.total, view.time_left, False
        try:
            return ASKERS[q.type](self, asked)
        except _Moved as moved:
            return moved.move
        finally:
            self._paper = self._left = None

    def _gap(self) -> None:
        """A blank line before a question or the summary, unless one was just said."""
        if not self._after_feedback:
            self.say()
        self._after_feedback = False

    def paper_summary(self, view: PaperView) -> Move:
        self._gap()
        for line in paper_text.summary_lines(view):
            self.say(visible(line))
        self._left = view.time_left
        try:
            while True:
                reply = self.read(f"Type a question number (1-{view.total}) to go to it, or "
                                  ":submit to submit all and finish> ").strip()
                move = paper_text.command(reply, view.total)
                if reply.isascii() and reply.isdigit() and len(reply) <= 4:
                    move = paper_text.command(f":go {reply}", view.total)
                if move is None or isinstance(move, str):
                    self.say(move or f"Please type a number from 1 to {view.total}, or :submit.")
                    continue
                return move
        except _Moved as moved:
            return moved.move
        finally:
            self._left = None

    def confirm_submit(self, view: PaperView) -> bool:
        self.say(paper_text.confirm_text(view))
        while (said := text.yes_no(self.read("Submit all and finish? y or n> "))) is None:
            self.say("Please type y or n (Enter alone is no).")
        return said

    def listed(self, choices: tuple[str, ...]) -> None:
        """The choices, numbered from 1."""
        for n, option in enumerate(choices, 1):
            self.say(f"  {n}. {visible(option)}")

    def typed(self, asked: Asked, prompt: str) -> str:
        def read(offer_hint: bool) -> str:
            if offer_hint:  # its own line, so the answer's line is only the answer
                self.say("(Enter alone for a hint)")
            return self.read(prompt)

        return text.typed_with_hint(asked, self._hinted, read, lambda h: self.say(visible(h)))

    def used_hint(self, asked: Asked) -> bool:
        return asked.number in self._hinted

    def rate_recall(self, asked: Asked, attempt: str) -> SelfRating:
        self.say(f"Model answer: {visible(asked.question.model_answer)}")
        while True:
            reply = self.read("How did you do? again, hard, good or easy (1-4)> ").strip().lower()
            rating = RATINGS.get(reply)
            if rating is not None:
                return rating
            self.say("Please type again, hard, good or easy (or 1 to 4).")

    def feedback(self, outcome: Outcome) -> bool:
        for kind, line in text.feedback_lines(outcome, diff=plain_diff):
            self.say(text.labelled(kind, line))
        override = False
        if outcome.can_override and self.interactive:
            while (said := text.yes_no(self.read(
                    "Were you right after all? Type y to count it as correct> "))) is None:
                self.say("Please type y or n (Enter alone is no).")
            override = said
        self.say()
        self._after_feedback = True
        return override

    def notice(self, message: str) -> None:
        self.say(message)

    def finish(self, summary: Summary) -> None:
        if not self._after_feedback:
            self.say()
        for line in text.summary_lines(summary, text.summary_now(summary, self.clock)):
            self.say(line)


# -- how each question type is asked --------------------------------------------------
def _choice(p: PlainPrompter, asked: Asked) -> Answer:
    p.listed(asked.choices)
    return p.pick("Your choice (number)> ", asked.choices)


def _multi(p: PlainPrompter, asked: Asked) -> Answer:
    p.listed(asked.choices)
    picked = p.numbers("Your choices (numbers, e.g. 1 3)> ", len(asked.choices), every=False)
    return [asked.choices[n - 1] for n in picked]


def _order(p: PlainPrompter, asked: Asked) -> Answer:
    p.listed(asked.choices)
    order = p.numbers("The numbers in order, e.g. 3 1 2> ", len(asked.choices), every=True)
    return [asked.choices[n - 1] for n in order]


def _truefalse(p: PlainPrompter, asked: Asked) -> Answer:
    while True:
        reply = p.read("True or false?> ").strip()
        if reply.lower() in TRUE_WORDS | FALSE_WORDS:
            return reply
        p.say("Please type true or false (t or f).")


def _match(p: PlainPrompter, asked: Asked) -> Answer:
    p.listed(asked.choices)
    return {left: p.pick(f"{visible(left, keep_newlines=False)}> ", asked.choices)
            for left, _ in asked.question.pairs}


def _cloze(p: PlainPrompter, asked: Asked) -> Answer:
    return [p.typed(asked, f"Gap {n}> ") for n in range(1, len(asked.question.gaps) + 1)]


def _recall(p: PlainPrompter, asked: Asked) -> Answer:
    return p.typed(asked, "Your answer (or press Enter to see the model answer)> ")


def _short(p: PlainPrompter, asked: Asked) -> Answer:
    return p.typed(asked, "> ")


def _explain(p: PlainPrompter, asked: Asked) -> Answer:
    """An extended answer: lines until an empty one (or the end of input after some)."""
    p.say(f"Write your answer ({asked.question.marks} marks); an empty line ends it.")
    lines: list[str] = []
    while True:
        try:
            line = p.read("> " if not lines else "... ")
        except EOFError:
            if lines:
                break
            raise
        if not line.strip():
            break
        lines.append(line)
    return "\n".join(lines)


#: How the plain front end asks each question type (one entry per registered type).
ASKERS: dict[str, Callable[[PlainPrompter, Asked], Answer]] = {
    "short": _short,
    "choice": _choice,
    "multi": _multi,
    "truefalse": _truefalse,
    "order": _order,
    "match": _match,
    "cloze": _cloze,
    "recall": _recall,
    "explain": _explain,
}
