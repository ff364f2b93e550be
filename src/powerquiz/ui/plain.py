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
from powerquiz.marking.rating import RATINGS, SelfRating
from powerquiz.qtypes.choice import ambiguity_text, ambiguous, explicit
from powerquiz.session.prompter import Asked, Mode, Outcome, Summary
from powerquiz.ui import text
from powerquiz.ui.diff import plain_diff

_SPLIT = re.compile(r"[\s,;>]+")
#: A number typed to pick a choice: ASCII digits only (not "²" or "①"), and not 5,000 of them.
_NUMBER = re.compile(r"[0-9]{1,4}")


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
