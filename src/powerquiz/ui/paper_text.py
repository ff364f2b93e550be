"""The words both front ends say while an exam paper is sat: where the student is, the
time left, the summary page, and (plain mode) the typed commands.

Plain mode reads a move as a command typed instead of an answer, at any answer prompt:
``:skip`` (or ``:next``), ``:flag``, ``:back``, ``:go N``, ``:list`` (the summary) and
``:submit``.  An answer that starts with ':' is typed with one more in front: ``::)``
is the answer ``:)``.
"""

from __future__ import annotations

from powerquiz.bank.wording import counted, one_line
from powerquiz.session.paper import Back, Flag, Go, Move, PaperView, Skip, Submit, ToSummary
from powerquiz.session.prompter import Asked
from powerquiz.ui import text

__all__ = [
    "COMMANDS",
    "clock",
    "command",
    "confirm_text",
    "given_line",
    "header",
    "summary_lines",
    "unescape",
]

#: The typed commands, as plain mode says them above each answer prompt.
COMMANDS = "Or type :skip, :flag, :back, :go N, :list or :submit (:: starts an answer with ':')."

_SIMPLE: dict[str, Move] = {
    "skip": Skip(), "next": Skip(), "flag": Flag(), "unflag": Flag(), "back": Back(),
    "list": ToSummary(), "summary": ToSummary(), "submit": Submit(),
}


def clock(seconds: float) -> str:
    """Time left as ``14:05`` (minutes and seconds) or ``1:02:05``; rounded up, so it says
    0:00 only once the time has run out."""
    whole = int(-(-seconds // 1))
    hours, rest = divmod(max(0, whole), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def header(asked: Asked, view: PaperView) -> str:
    """``Question 2/7 · factions · short · flagged · 14:05 left``."""
    parts = [text.header(asked)]
    if view.slot.flagged:
        parts.append("flagged")
    if view.time_left is not None:
        parts.append(f"{clock(view.time_left)} left")
    return " · ".join(parts)


def given_line(view: PaperView) -> str | None:
    """The answer kept so far for the current question, when there is one."""
    slot = view.slot
    if not slot.answered:
        return None
    return f"Your answer so far: {one_line(slot.given) or '(empty)'} (answer again to change it)"


def summary_lines(view: PaperView) -> list[str]:
    """The summary page: each question's state, what is left to do, the time left."""
    lines = ["Summary of your paper" + (f" ({clock(view.time_left)} left)"
                                        if view.time_left is not None else "") + ":"]
    for slot in view.slots:
        lines.append(f"  {slot.number}. {one_line(slot.question.display_prompt)} "
                     f"({slot.status})")
    missing, flagged = len(view.unanswered), len(view.flagged)
    counts = [f"{view.total - missing} of {view.total} answered"]
    if flagged:
        counts.append(f"{flagged} flagged")
    lines.append("; ".join(counts) + ".")
    return lines


def confirm_text(view: PaperView) -> str:
    """Why a submit is confirmed: the questions not answered, and what they will count."""
    numbers = ", ".join(str(n) for n in view.unanswered)
    return (f"{counted(len(view.unanswered), 'question')} not answered ({numbers}): "
            "they will count as 0.")


def command(line: str, total: int) -> Move | str | None:
    """A typed command's move; a plain-English error for a command that cannot be read;
    None when ``line`` is an answer (it does not start with a single ':')."""
    said = line.strip()
    if not said.startswith(":") or said.startswith("::"):
        return None
    word, _, rest = said[1:].partition(" ")
    word, rest = word.casefold(), rest.strip()
    if word in _SIMPLE and not rest:
        return _SIMPLE[word]
    if word == "go":
        if rest.isascii() and rest.isdigit() and len(rest) <= 4 and 1 <= int(rest) <= total:
            return Go(int(rest))
        return f"Type :go and a question number from 1 to {total}, e.g. :go 1."
    return (f"{said!r} is not a command. {COMMANDS}")


def unescape(line: str) -> str:
    """An answer typed with '::' in front, with the extra ':' taken off."""
    head = len(line) - len(line.lstrip())
    if line[head:head + 2] == "::":
        return line[:head] + line[head + 1:]
    return line
