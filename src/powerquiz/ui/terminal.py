"""The interactive terminal front end: questionary prompts, rich output.

Colour always comes with a symbol or a word, so verdicts read the same under
``NO_COLOR`` (which rich honours) as in colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from powerquiz.bank.wording import visible
from powerquiz.marking import Answer
from powerquiz.marking.rating import RATINGS, SelfRating
from powerquiz.session.paper import Move, PaperView
from powerquiz.session.prompter import Asked, Mode, Outcome, Summary
from powerquiz.ui import terminal_paper, text
from powerquiz.ui.diff import char_diff, plain_diff
from powerquiz.ui.literal import literal

_DIFF_STYLE = {"same": "", "missing": "bold green underline", "extra": "red strike"}
_SPLIT = re.compile(r"[\s,;>]+")


def rich_diff(typed: str, meant: str) -> Text:
    """What was typed, with missing letters in green and extra ones struck out in red."""
    out = Text()
    for op, chunk in char_diff(typed, meant):
        shown = chunk if op == "same" else (f"[+{chunk}]" if op == "missing" else f"[-{chunk}]")
        out.append(visible(shown), style=_DIFF_STYLE[op])
    return out


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


class TerminalPrompter:
    def __init__(
        self, console: Console | None = None, *, clock: Callable[[], datetime] = _utcnow
    ) -> None:
        self.console = console or Console(highlight=False)
        self.clock = clock
        self._hinted: set[int] = set()

    # -- the prompter interface -------------------------------------------------------
    def start(self, title: str, mode: Mode, total: int) -> None:
        self.console.print(literal(text.start_line(title, mode, total), style="bold"))
        self.console.print(Text("Ctrl-C hands the paper in with the answers given so far."
                                if mode == "exam" else
                                "Ctrl-C stops at any time; every answer is saved as you go.",
                                style="dim"))

    def ask(self, asked: Asked) -> Answer:
        q = asked.question
        c = self.console
        discard_typeahead()
        c.print(Rule(Text(visible(text.header(asked))), align="left", style="dim"))
        c.print(Text(visible(q.display_prompt), style="bold"))
        if q.hint and q.type not in text.TYPED:
            c.print(Text(f"Hint: {visible(q.hint)}", style="dim italic"))
        return ASKERS[q.type](self, asked)

    def ask_paper(self, asked: Asked, view: PaperView) -> Answer | Move:
        q = asked.question
        discard_typeahead()
        terminal_paper.show_question(self.console, asked, view, q.display_prompt,
                                     q.hint if q.hint and q.type not in text.TYPED else None)
        with terminal_paper.armed(view.time_left):
            try:
                return ASKERS[q.type](self, asked)
            except terminal_paper.Moved as moved:
                return moved.move

    def paper_summary(self, view: PaperView) -> Move:
        return terminal_paper.summary(self.console, view)

    def confirm_submit(self, view: PaperView) -> bool:
        return terminal_paper.confirm(self.console, view)

    def typed(self, asked: Asked, message: str) -> str:
        import questionary

        def read(offer_hint: bool) -> str:
            if offer_hint:  # said above the prompt, so the echoed answer does not keep it
                self.console.print(Text("(Enter alone for a hint)", style="dim"))
            return str(_ask(questionary.text(message)))

        def show(hint: str) -> None:
            self.console.print(Text(visible(hint), style="dim italic"))

        return text.typed_with_hint(asked, self._hinted, read, show)

    def used_hint(self, asked: Asked) -> bool:
        return asked.number in self._hinted

    def rate_recall(self, asked: Asked, attempt: str) -> SelfRating:
        self.console.print(Text.assemble(("Model answer: ", "bold"),
                                         visible(asked.question.model_answer)))
        self.console.print(Text("1 again: I didn't know it   2 hard: partly, or with effort\n"
                                "3 good: I knew it           4 easy: I knew it at once",
                                style="dim"))
        discard_typeahead()
        reply = keypress("How did you do? Press 1-4 (or a, h, g, e):", _RATING_KEYS)
        self.console.print(Text(f"  {reply}", style="dim"))
        return RATINGS.get(reply, "good")

    def feedback(self, outcome: Outcome) -> bool:
        import questionary

        c = self.console
        m = outcome.mark
        for kind, line in text.feedback_lines(outcome, diff=plain_diff):
            if kind == "verdict":
                c.print(Text(line, style=text.VERDICT_STYLE[m.verdict]))
            elif kind == "why":
                c.print(Text.assemble(("Why: ", "bold"), literal(line, "italic")))
            elif kind == "answer":
                c.print(Text.assemble(("Answer: ", "bold"), literal(line)))
            elif kind == "remark":
                c.print(literal(line))
            elif kind == "spelling":
                c.print(Text.assemble(("Spelling: ", "bold"), literal(line)))
        override = False
        if outcome.can_override:
            discard_typeahead()
            reply = _ask(questionary.text(
                "Were you right after all? Type yes to count it as correct (y/N):",
                validate=lambda s: text.yes_no(s) is not None or "Please type y or n.",
            ))
            override = bool(text.yes_no(str(reply)))
        c.print()
        return override

    def notice(self, message: str) -> None:
        self.console.print(literal(message))

    def finish(self, summary: Summary) -> None:
        c = self.console
        c.print(Rule("Summary", style="dim"))
        if summary.timed_out:
            c.print(Text(text.TIMED_OUT, style="yellow"))
        if summary.interrupted:
            c.print(Text(text.stopped_line(summary), style="yellow"))
        c.print(Text(text.score_line(summary), style="bold"))
        for line in (*text.relearn_lines(summary), *text.banks_lines(summary)):
            c.print(literal(line))
        if summary.mode == "exam" and (summary.outcomes or summary.unanswered):
            c.print(Text("Marked paper:", style="bold"))
            c.print(_paper(summary), end="")
        if summary.topics:
            c.print(_topics(summary))
        if summary.missed and summary.mode != "exam":
            c.print(Text("To look at again:", style="bold"))
            for o in summary.missed:
                c.print(literal("  " + text.look_again(o, c.width - 2)))
        for line in text.due_lines(summary, text.summary_now(summary, self.clock)):
            c.print(literal(line, style="dim"))


def _topics(summary: Summary) -> Table:
    table = Table(title="By topic", title_justify="left")
    table.add_column("topic", style="bold")
    table.add_column("answered", justify="right")
    table.add_column("right", justify="right")
    table.add_column("score", justify="right")
    for t in summary.topics:
        pct = round(100 * t.score / t.answered) if t.answered else 0
        table.add_row(literal(t.topic), str(t.answered), str(t.correct), f"{pct}%")
    return table


def _paper(summary: Summary) -> Text:
    """The marked paper, in the same words as plain mode; verdicts in colour."""
    out = Text()
    for line in text.paper_lines(summary):
        bare = line.strip()
        style = next((text.VERDICT_STYLE[v] for v, sym in text.VERDICT_SYMBOL.items()
                      if bare.startswith(sym + " ")), "")
        out.append_text(literal(line + "\n", style))
    return out


_RATING_KEYS = {"1": "again", "2": "hard", "3": "good", "4": "easy", "a": "again",
                "h": "hard", "g": "good", "e": "easy"}
_TRUTH_KEYS = {"t": "true", "f": "false", "y": "true", "n": "false", "1": "true", "2": "false"}


def keypress(message: str, keys: dict[str, str]) -> str:
    """One key from ``keys`` picks at once (no Enter); any other key is ignored.

    Ctrl-C raises KeyboardInterrupt and Ctrl-D EOFError, as at every other prompt.
    """
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()
    for key, value in keys.items():
        for typed in {key, key.upper()}:
            bindings.add(typed, eager=True)(
                lambda event, v=value: event.app.exit(result=v))
    bindings.add(Keys.ControlC, eager=True)(
        lambda event: event.app.exit(exception=KeyboardInterrupt()))
    bindings.add(Keys.ControlD, eager=True)(lambda event: event.app.exit(exception=EOFError()))
    bindings.add(Keys.Any)(lambda event: None)  # nothing else is typed in
    bindings.add(Keys.Enter)(lambda event: None)  # a stray Enter picks nothing
    session: PromptSession[str] = PromptSession(key_bindings=bindings)
    terminal_paper.arm(session.app)
    return str(session.prompt(f"? {message} "))


def discard_typeahead() -> None:
    """Throw away keys typed before a prompt is shown (a stray Enter, the rest of a
    paste, the "es" of a "yes"), so they can never answer a question not yet read.

    Both places they wait are emptied: the terminal's input queue and the keys
    prompt_toolkit read too early and keeps for its next prompt.
    """
    import sys

    try:
        if not sys.stdin.isatty():
            return
        import termios

        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
        from prompt_toolkit.input import create_input
        from prompt_toolkit.input.typeahead import clear_typeahead

        clear_typeahead(create_input(sys.stdin))
    except (ImportError, OSError, ValueError, AttributeError):  # not a POSIX terminal
        return


def _ask(question: Any) -> Any:
    """Ask, letting Ctrl-C through as KeyboardInterrupt (questionary's ask() swallows it);
    on an exam paper the prompt also takes the paper's keys and time limit."""
    terminal_paper.arm(getattr(question, "application", None))  # (tests pass stand-ins)
    reply = question.unsafe_ask()
    if reply is None:
        raise EOFError
    return reply


def _is_order(reply: str, size: int) -> bool:
    """Each of the ASCII numbers 1 to ``size`` once (not "²", not "01")."""
    words = [w for w in _SPLIT.split(reply) if w]
    return sorted(words) == sorted(str(n) for n in range(1, size + 1)) and len(words) == size


# -- how each question type is asked --------------------------------------------------
def _shown(choices: tuple[str, ...], width: int = 0) -> list[str]:
    """Choices as questionary shows them: control characters escaped, each wrapped to
    ``width`` (never cut) with its later lines indented under its first."""
    import textwrap

    lines = [visible(choice, keep_newlines=False) for choice in choices]
    if width <= 0:
        return lines
    room = max(20, width - _CHOICE_INDENT - 1)
    return ["\n".join(textwrap.wrap(line, room, subsequent_indent=" " * _CHOICE_INDENT))
            or line for line in lines]


#: Columns questionary puts before a choice's text: pointer, indicator, "1) ".
_CHOICE_INDENT = 8


def _picked(shown: list[str], choices: tuple[str, ...], reply: object) -> str:
    """The choice behind the shown text ``reply``."""
    return choices[shown.index(str(reply))] if str(reply) in shown else str(reply)


def _choice(p: TerminalPrompter, asked: Asked) -> Answer:
    import questionary

    shown = _shown(asked.choices, p.console.width)
    reply = _ask(questionary.select(
        "Your choice:", choices=shown, qmark="?",
        use_shortcuts=len(shown) <= 9, use_indicator=True,
    ))
    return _picked(shown, asked.choices, reply)


def _multi(p: TerminalPrompter, asked: Asked) -> Answer:
    import questionary

    shown = _shown(asked.choices, p.console.width)
    picked = _ask(questionary.checkbox(
        "Tick all that apply:", choices=shown,
        instruction="(space ticks, Enter confirms)",
        validate=lambda chosen: bool(chosen) or "Tick at least one.",
    ))
    answer = [_picked(shown, asked.choices, r) for r in picked]
    _replace_echo(p.console, f"? Tick all that apply: done ({len(answer)} selections)"
                  if len(answer) > 1 else "")
    p.console.print(Text.assemble(("  Ticked: ", "dim"), literal("; ".join(answer))))
    return answer


def _replace_echo(console: Console, echoed: str) -> None:
    """Clear the line(s) questionary left as its echo (``echoed``), so the line that
    follows names the ticks instead of counting them."""
    if not echoed or not console.is_terminal:
        return
    from rich.control import Control
    from rich.segment import ControlType

    rows = max(1, -(-len(echoed) // max(1, console.width)))
    for _ in range(rows):
        console.control(Control((ControlType.CURSOR_UP, 1), (ControlType.ERASE_IN_LINE, 2)))


def _truefalse(p: TerminalPrompter, asked: Asked) -> Answer:
    reply = keypress("True or false? Press t or f:", _TRUTH_KEYS)
    p.console.print(Text(f"  {reply.capitalize()}", style="dim"))
    return reply


def _order(p: TerminalPrompter, asked: Asked) -> Answer:
    import questionary

    for n, item in enumerate(asked.choices, 1):
        p.console.print(Text(f"  {n}. {visible(item)}"))
    size = len(asked.choices)
    reply = _ask(questionary.text(
        "Type the numbers in the right order (e.g. 3 1 2):",
        validate=lambda s: _is_order(s, size) or f"Use each number 1 to {size} once.",
    ))
    return [asked.choices[int(w) - 1] for w in _SPLIT.split(str(reply)) if w]


def _match(p: TerminalPrompter, asked: Asked) -> Answer:
    import questionary

    shown = _shown(asked.choices, p.console.width)
    answer: dict[str, str] = {}
    for left, _ in asked.question.pairs:
        answer[left] = _picked(shown, asked.choices, _ask(questionary.select(
            f"{visible(left, keep_newlines=False)} ->", choices=shown,
            use_shortcuts=len(shown) <= 9,
        )))
    return answer


def _cloze(p: TerminalPrompter, asked: Asked) -> Answer:
    return [p.typed(asked, f"Gap {n}:") for n in range(1, len(asked.question.gaps) + 1)]


def _recall(p: TerminalPrompter, asked: Asked) -> Answer:
    return p.typed(asked, "Your answer (or press Enter to see the model answer):")


def _short(p: TerminalPrompter, asked: Asked) -> Answer:
    return p.typed(asked, "Your answer:")


def _explain(p: TerminalPrompter, asked: Asked) -> Answer:
    """An extended answer in a text box: Enter adds a line; a blank line or Alt-Enter submits."""
    import questionary
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()

    @keys.add("enter")
    def _enter(event: Any) -> None:
        buffer = event.current_buffer
        if not buffer.document.current_line.strip():
            buffer.validate_and_handle()
        else:
            buffer.newline()

    instruction = ("(Enter adds a line; a blank line or Alt-Enter submits)")
    reply = _ask(questionary.text(f"Your answer ({asked.question.marks} marks):",
                                  multiline=True, instruction=instruction, key_bindings=keys))
    return str(reply).strip()


#: How the terminal front end asks each question type (one entry per registered type).
ASKERS: dict[str, Callable[[TerminalPrompter, Asked], Answer]] = {
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
