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

Only when the input is a terminal does it ask "Were you right after all?" after a
wrong or partial mark, so a piped script's next line is never taken as that reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TextIO

from powerquiz.bank.wording import CONTROL, FALSE_WORDS, TRUE_WORDS, visible
from powerquiz.marking import Answer
from powerquiz.session.prompter import (
    SELF_RATINGS,
    Asked,
    Mode,
    Outcome,
    SelfRating,
    Summary,
)
from powerquiz.ui import text
from powerquiz.ui.diff import plain_diff

_SPLIT = re.compile(r"[\s,;>]+")


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


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

    # -- i/o ------------------------------------------------------------------------
    def say(self, line: str = "") -> None:
        """One line of output; control characters (from a bank or a file) shown escaped."""
        self.stdout.write(visible(line) + "\n")
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        """One line of input, control characters removed; EOFError at end of input."""
        self.stdout.write(visible(prompt))
        self.stdout.flush()
        try:
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

    def pick(self, prompt: str, choices: tuple[str, ...]) -> str:
        """A choice by number or by its exact text, asked again until it can be read."""
        by_text = {" ".join(c.casefold().split()): c for c in choices}
        while True:
            reply = self.read(prompt).strip()
            if reply.isdigit() and 1 <= int(reply) <= len(choices):
                return choices[int(reply) - 1]
            if " ".join(reply.casefold().split()) in by_text:
                return by_text[" ".join(reply.casefold().split())]
            self.say(f"Please type a number from 1 to {len(choices)}.")

    def numbers(self, prompt: str, size: int, *, every: bool) -> list[int]:
        """Numbers from 1 to ``size`` on one line: each once (and all of them if ``every``)."""
        while True:
            words = [w for w in _SPLIT.split(self.read(prompt)) if w]
            if all(w.isdigit() and 1 <= int(w) <= size for w in words):
                picked = [int(w) for w in words]
                if len(set(picked)) == len(picked) and (not every or len(picked) == size):
                    return picked
            need = "each number once" if every else "numbers"
            self.say(f"Please type {need} from 1 to {size}, separated by spaces.")

    # -- the prompter interface -------------------------------------------------------
    def start(self, title: str, mode: Mode, total: int) -> None:
        self.say(text.start_line(title, mode, total))
        self.say()

    def ask(self, asked: Asked) -> Answer:
        q = asked.question
        if asked.number > 1 and not self._after_feedback:
            self.say()
        self._after_feedback = False
        self.say(text.header(asked))
        self.say(q.display_prompt)
        t = q.type
        if q.hint and t not in text.TYPED:
            self.say(f"Hint: {q.hint}")
        if t in ("choice", "multi", "order"):
            for n, option in enumerate(asked.choices, 1):
                self.say(f"  {n}. {option}")
        if t == "choice":
            return self.pick("Your choice (number)> ", asked.choices)
        if t == "multi":
            picked = self.numbers("Your choices (numbers, e.g. 1 3)> ", len(asked.choices),
                                  every=False)
            return [asked.choices[n - 1] for n in picked]
        if t == "order":
            order = self.numbers("The numbers in order, e.g. 3 1 2> ", len(asked.choices),
                                 every=True)
            return [asked.choices[n - 1] for n in order]
        if t == "truefalse":
            while True:
                reply = self.read("True or false?> ").strip()
                if reply.lower() in TRUE_WORDS | FALSE_WORDS:
                    return reply
                self.say("Please type true or false (t or f).")
        if t == "match":
            for n, right in enumerate(asked.choices, 1):
                self.say(f"  {n}. {right}")
            return {left: self.pick(f"{left}> ", asked.choices) for left, _ in q.pairs}
        if t == "cloze":
            return [self.typed(asked, f"Gap {n}> ") for n in range(1, len(q.gaps) + 1)]
        if t == "recall":
            return self.typed(asked, "Your answer (or press Enter to see the model answer)> ")
        return self.typed(asked, "> ")

    def typed(self, asked: Asked, prompt: str) -> str:
        def read(offer_hint: bool) -> str:
            return self.read(prompt.replace(">", "(Enter alone for a hint)>", 1)
                             if offer_hint else prompt)

        return text.typed_with_hint(asked, self._hinted, read, self.say)

    def rate_recall(self, asked: Asked, attempt: str) -> SelfRating:
        self.say(f"Model answer: {asked.question.model_answer}")
        while True:
            reply = self.read("How did you do? again, hard, good or easy (1-4)> ").strip().lower()
            if reply.isdigit() and 1 <= int(reply) <= 4:
                return SELF_RATINGS[int(reply) - 1]
            for rating in SELF_RATINGS:
                if reply == rating:
                    return rating
            self.say("Please type again, hard, good or easy (or 1 to 4).")

    def feedback(self, outcome: Outcome) -> bool:
        for kind, line in text.feedback_lines(outcome, diff=plain_diff):
            self.say(text.labelled(kind, line))
        override = False
        if outcome.can_override and self.interactive:
            reply = self.read("Were you right after all? Type y to count it as correct> ")
            override = reply.strip().lower() in ("y", "yes")
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
