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
from powerquiz.session.prompter import Asked, Mode, Outcome, Summary
from powerquiz.ui import text
from powerquiz.ui.diff import char_diff
from powerquiz.ui.literal import cell, literal

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
        self.console.print(Text("Ctrl-C stops at any time; every answer is saved as you go.",
                                style="dim"))

    def ask(self, asked: Asked) -> Answer:
        q = asked.question
        c = self.console
        c.print(Rule(Text(visible(text.header(asked))), align="left", style="dim"))
        c.print(Text(visible(q.display_prompt), style="bold"))
        if q.hint and q.type not in text.TYPED:
            c.print(Text(f"Hint: {visible(q.hint)}", style="dim italic"))
        return ASKERS[q.type](self, asked)

    def typed(self, asked: Asked, message: str) -> str:
        import questionary

        def read(offer_hint: bool) -> str:
            instruction = "(Enter alone for a hint)" if offer_hint else None
            return str(_ask(questionary.text(message, instruction=instruction)))

        def show(hint: str) -> None:
            self.console.print(Text(visible(hint), style="dim italic"))

        return text.typed_with_hint(asked, self._hinted, read, show)

    def rate_recall(self, asked: Asked, attempt: str) -> SelfRating:
        import questionary

        self.console.print(Text.assemble(("Model answer: ", "bold"),
                                         visible(asked.question.model_answer)))
        reply = _ask(questionary.select(
            "How did you do?",
            choices=[
                questionary.Choice("again: I didn't know it", value="again"),
                questionary.Choice("hard: partly, or with effort", value="hard"),
                questionary.Choice("good: I knew it", value="good"),
                questionary.Choice("easy: I knew it at once", value="easy"),
            ],
            default="good",
        ))
        return RATINGS.get(str(reply), "good")

    def feedback(self, outcome: Outcome) -> bool:
        import questionary

        c = self.console
        m = outcome.mark
        for kind, line in text.feedback_lines(outcome, diff=lambda a, b: ""):
            if kind == "verdict":
                c.print(Text(line, style=text.VERDICT_STYLE[m.verdict]))
            elif kind == "why":
                c.print(Text.assemble(("Why: ", "bold"), literal(line, "italic")))
            elif kind == "answer":
                c.print(Text.assemble(("Answer: ", "bold"), literal(line)))
            elif kind == "remark":
                c.print(literal(line))
        # Spelling slips last, drawn in colour from the typed and meant words.
        for typed, meant in m.typos:
            c.print(Text.assemble(("Spelling: ", "bold"), rich_diff(typed, meant),
                                  literal(f"  ({typed} -> {meant})")))
        override = False
        if outcome.can_override:
            override = bool(_ask(questionary.confirm(
                "Were you right after all? (counts it as correct)", default=False)))
        c.print()
        return override

    def notice(self, message: str) -> None:
        self.console.print(literal(message))

    def finish(self, summary: Summary) -> None:
        c = self.console
        c.print(Rule("Summary", style="dim"))
        if summary.interrupted:
            c.print(Text(text.stopped_line(summary), style="yellow"))
        c.print(Text(text.score_line(summary), style="bold"))
        if summary.mode == "exam" and summary.outcomes:
            c.print(_paper(summary))
        if summary.topics:
            c.print(_topics(summary))
        if summary.missed and summary.mode != "exam":
            c.print(Text("To look at again:", style="bold"))
            for o in summary.missed:
                c.print(Text.assemble(
                    (f"{text.VERDICT_SYMBOL[o.mark.verdict]} ", text.VERDICT_STYLE[o.mark.verdict]),
                    cell(o.asked.question.display_prompt),
                    ("  answer: ", "dim"), literal(o.mark.expected),
                ))
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


def _paper(summary: Summary) -> Table:
    table = Table(title="Marked paper", title_justify="left", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("question")
    table.add_column("your answer")
    table.add_column("expected")
    table.add_column("mark")
    for o in summary.outcomes:
        table.add_row(
            str(o.asked.number),
            cell(o.asked.question.display_prompt),
            literal(o.answer_text or "(none)"),
            literal(o.mark.expected),
            Text(text.verdict_line(o.mark), style=text.VERDICT_STYLE[o.mark.verdict]),
        )
    return table


def _ask(question: Any) -> Any:
    """Ask, letting Ctrl-C through as KeyboardInterrupt (questionary's ask() swallows it)."""
    reply = question.unsafe_ask()
    if reply is None:
        raise EOFError
    return reply


def _is_order(reply: str, size: int) -> bool:
    """Each of the ASCII numbers 1 to ``size`` once (not "²", not "01")."""
    words = [w for w in _SPLIT.split(reply) if w]
    return sorted(words) == sorted(str(n) for n in range(1, size + 1)) and len(words) == size


# -- how each question type is asked --------------------------------------------------
def _shown(choices: tuple[str, ...]) -> list[str]:
    """Choices as questionary shows them: control characters escaped, on one line."""
    return [visible(choice, keep_newlines=False) for choice in choices]


def _picked(shown: list[str], choices: tuple[str, ...], reply: object) -> str:
    """The choice behind the shown text ``reply``."""
    return choices[shown.index(str(reply))] if str(reply) in shown else str(reply)


def _choice(p: TerminalPrompter, asked: Asked) -> Answer:
    import questionary

    shown = _shown(asked.choices)
    reply = _ask(questionary.select(
        "Your choice:", choices=shown, qmark="?",
        use_shortcuts=len(shown) <= 9, use_indicator=True,
    ))
    return _picked(shown, asked.choices, reply)


def _multi(p: TerminalPrompter, asked: Asked) -> Answer:
    import questionary

    shown = _shown(asked.choices)
    picked = _ask(questionary.checkbox(
        "Tick all that apply (space to tick, enter to confirm):",
        choices=shown,
        validate=lambda chosen: bool(chosen) or "Tick at least one.",
    ))
    return [_picked(shown, asked.choices, r) for r in picked]


def _truefalse(p: TerminalPrompter, asked: Asked) -> Answer:
    import questionary

    reply = _ask(questionary.select("True or false?", choices=["True", "False"],
                                    use_shortcuts=True))
    return str(reply).lower()


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

    shown = _shown(asked.choices)
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
