"""The terminal UI's exam paper: keys to move about it, the summary page, the time limit.

While a paper question is asked, every prompt it shows (questionary's and the one-key
prompts) also takes these keys, said under the question:

- Alt-S (or Esc then S) skip, Alt-F flag, Alt-B back, Alt-L all questions
  (the summary, from which any question can be picked), Alt-E submit.

With a time limit each prompt is left when the time runs out, and the paper is
submitted; the time left is shown with each question and on the summary page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from powerquiz.bank.wording import one_line, visible
from powerquiz.session.paper import (
    Back,
    Flag,
    Go,
    Move,
    PaperView,
    Skip,
    Submit,
    ToSummary,
)
from powerquiz.session.prompter import Asked
from powerquiz.ui import paper_text
from powerquiz.ui.literal import literal

__all__ = ["KEYS_LINE", "Moved", "arm", "armed", "confirm", "show_question", "summary"]

KEYS_LINE = ("Alt-S skip · Alt-F flag · Alt-B back · Alt-L all questions · Alt-E submit "
             "(or Esc, then the letter)")

#: The letter of each key (with Alt, or after Esc) and its move.
_KEYS: dict[str, Move] = {"s": Skip(), "f": Flag(), "b": Back(), "l": ToSummary(),
                          "e": Submit()}


class Moved(Exception):  # a way out of the asking, not an error
    """A key pressed at a paper prompt, or the time running out there."""

    def __init__(self, move: Move) -> None:
        super().__init__(move)
        self.move = move


@dataclass(frozen=True)
class _Armed:
    keys: bool
    seconds: float | None


_ARMED: ContextVar[_Armed | None] = ContextVar("powerquiz_paper_armed", default=None)


@contextmanager
def armed(seconds: float | None, *, keys: bool = True) -> Iterator[None]:
    """Within the block, prompts take the paper's keys (``keys``) and end after ``seconds``."""
    token = _ARMED.set(_Armed(keys, seconds))
    try:
        yield
    finally:
        _ARMED.reset(token)


def arm(app: Any) -> None:
    """Give a prompt_toolkit application about to run the paper's keys and time limit
    (nothing outside :func:`armed`, or without an application)."""
    state = _ARMED.get()
    if state is None or app is None:
        return
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    if state.keys:
        bindings = KeyBindings()
        for letter, move in _KEYS.items():
            for key in {letter, letter.upper()}:
                bindings.add("escape", key, eager=True)(
                    lambda event, m=move: event.app.exit(exception=Moved(m)))
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    if state.seconds is not None:
        seconds = state.seconds
        app.pre_run_callables.append(lambda: _end_after(app, seconds))


def _end_after(app: Any, seconds: float) -> None:
    import asyncio

    def end() -> None:
        if app.is_running and not app.future.done():
            app.exit(exception=Moved(Submit()))

    asyncio.get_running_loop().call_later(max(0.0, seconds), end)


def show_question(console: Console, asked: Asked, view: PaperView, prompt: str,
                  hint: str | None) -> None:
    """The question's header (flag, time left), its prompt, the answer so far, the keys."""
    console.print(Rule(Text(visible(paper_text.header(asked, view))), align="left",
                       style="dim"))
    console.print(Text(visible(prompt), style="bold"))
    if hint:
        console.print(Text(f"Hint: {visible(hint)}", style="dim italic"))
    given = paper_text.given_line(view)
    if given:
        console.print(literal(given, style="cyan"))
    console.print(Text(KEYS_LINE, style="dim"))


def summary(console: Console, view: PaperView) -> Move:
    """The summary page; the student picks a question to go to, or submits."""
    import questionary

    from powerquiz.ui.terminal import _ask, discard_typeahead

    console.print(Rule("Summary of your paper", style="dim"))
    for line in paper_text.summary_lines(view)[1:]:
        console.print(literal(line))
    if view.time_left is not None:
        console.print(Text(f"{paper_text.clock(view.time_left)} left", style="bold"))
    width = max(20, console.width - 30)
    choices = [questionary.Choice(f"{s.number}. {_cut(s.question.display_prompt, width)}"
                                  f" ({s.status})", value=s.number) for s in view.slots]
    choices.append(questionary.Choice("Submit all and finish", value=0))
    discard_typeahead()
    with armed(view.time_left, keys=False):
        try:
            number = _ask(questionary.select("Go to a question, or submit:", choices=choices))
        except Moved as moved:
            return moved.move
    return Go(int(number)) if number else Submit()


def confirm(console: Console, view: PaperView) -> bool:
    """Submit with questions unanswered? y or n."""
    from powerquiz.ui.terminal import discard_typeahead, keypress

    console.print(literal(paper_text.confirm_text(view), style="yellow"))
    discard_typeahead()
    with armed(view.time_left, keys=False):
        try:
            reply = keypress("Submit all and finish? Press y or n:", {"y": "yes", "n": "no"})
        except Moved:
            return True  # the time ran out: the paper is submitted anyway
    console.print(Text(f"  {reply}", style="dim"))
    return reply == "yes"


def _cut(prompt: str, width: int) -> str:
    line = visible(one_line(prompt), keep_newlines=False)
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"
