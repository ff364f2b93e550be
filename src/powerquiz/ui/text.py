"""The words both front ends say: headers, verdicts, feedback and the summary.

Plain lines here; the terminal UI adds colour and tables on top of the same words,
so the two modes never disagree about what a verdict or a summary says.  Feedback
comes as ``(kind, text)`` pairs so each front end styles a line by what it is, never
by matching its words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal

from powerquiz.bank.wording import counted, one_line
from powerquiz.marking import Mark
from powerquiz.session.prompter import Asked, Mode, Outcome, Summary
from powerquiz.session.timefmt import when
from powerquiz.ui.diff import char_diff

#: Types answered by typing, where a hint is given only when asked for.
TYPED = ("short", "cloze", "recall")

VERDICT_SYMBOL = {"correct": "✓", "partial": "~", "wrong": "✗"}
VERDICT_STYLE = {"correct": "bold green", "partial": "bold yellow", "wrong": "bold red"}

MODE_WORDS = {
    "drill": "Revision drill",
    "practice": "Practice (your schedule is not changed)",
    "exam": "Mock exam (marked at the end)",
}


def typed_with_hint(
    asked: Asked,
    hinted: set[int],
    read: Callable[[bool], str],
    show: Callable[[str], None],
) -> str:
    """A typed reply; where there is a hint, an empty first reply shows it and asks again.

    ``read(offer_hint)`` reads one reply, saying a hint is there when ``offer_hint``.
    """
    hint = asked.question.hint
    if not hint or asked.number in hinted:
        return read(False)
    reply = read(True)
    if reply.strip():
        return reply
    hinted.add(asked.number)
    show(f"Hint: {hint}")
    return read(False)


def yes_no(reply: str) -> bool | None:
    """A whole-line yes/no reply: y/yes True, n/no or nothing False, else None (ask again)."""
    word = reply.strip().casefold()
    if word in ("y", "yes"):
        return True
    if word in ("", "n", "no"):
        return False
    return None


def start_line(title: str, mode: Mode, total: int) -> str:
    return f"{MODE_WORDS[mode]}: {title}, {total} question{'s' * (total != 1)}."


def header(asked: Asked) -> str:
    q = asked.question
    return f"Question {asked.counter} · {q.topic} · {q.type}"


def verdict_words(m: Mark) -> str:
    """``Correct``, ``Partly right (67%)``, ``Wrong``."""
    if m.verdict == "correct":
        return "Correct"
    if m.verdict == "partial":
        return f"Partly right ({round(m.score * 100)}%)"
    return "Wrong"


def verdict_line(m: Mark) -> str:
    return f"{VERDICT_SYMBOL[m.verdict]} {verdict_words(m)}"


#: What a line of feedback is: the verdict, the expected answer, the marker's remarks,
#: a spelling slip, or the bank's explanation.
FeedbackKind = Literal["verdict", "answer", "remark", "spelling", "why"]

#: The words that start a line of each kind in plain text.
LABELS: dict[FeedbackKind, str] = {"answer": "Answer: ", "spelling": "Spelling: ", "why": "Why: "}


def feedback_lines(
    outcome: Outcome, *, diff: Callable[[str, str], str]
) -> list[tuple[FeedbackKind, str]]:
    """What to show after an answer, one ``(kind, text)`` pair a line, without labels."""
    m = outcome.mark
    q = outcome.asked.question
    verdict = verdict_line(m) + (", with a hint" if outcome.hinted else "")
    lines: list[tuple[FeedbackKind, str]] = [("verdict", verdict)]
    expected = m.expected or q.expected
    # Recall's model answer was shown just before the self-rating: not again.
    # ... and a short answer accepted in other words gets the bank's wording.
    other_words = q.type == "short" and _folded(outcome.answer_text) != _folded(expected)
    if q.type != "recall" and (not m.correct or m.typos or other_words
                               or q.type in ("multi", "match", "order", "cloze")):
        lines.append(("answer", expected))
    lines.extend(("remark", f) for f in m.feedback if not _repeats(f, m, expected))
    lines.extend(("spelling", f"{typed} → {meant}: {typo_words(typed, meant)}")
                 for typed, meant in m.typos)
    if q.explain:
        lines.append(("why", q.explain))
    return lines


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _repeats(remark: str, m: Mark, expected: str) -> bool:
    """A remark that only says again what the verdict, the answer line, the echo or the
    spelling line already says ("correct", "it is false", "accepted with a typo ...",
    "recall is self-rated: you chose good")."""
    said = remark.strip().casefold().rstrip(".")
    exp = expected.strip().casefold()
    return (said == m.verdict or said in (exp, f"it is {exp}")
            or said.startswith(("accepted with a typo", "recall is self-rated: you chose")))


def typo_words(typed: str, meant: str) -> str:
    """A spelling slip in plain words: "one letter missing", "two letters swapped"."""
    ops = [(op, chunk) for op, chunk in char_diff(typed, meant) if op != "same"]
    missing = sum(len(c) for op, c in ops if op == "missing")
    extra = sum(len(c) for op, c in ops if op == "extra")
    if not extra and missing:
        return f"{_count(missing)} missing"
    if not missing and extra:
        return f"{_count(extra, 'extra letter')} too many"
    if sorted(typed.casefold()) == sorted(meant.casefold()):
        return "letters swapped"
    return f"{_count(max(missing, extra))} different"


def _count(n: int, noun: str = "letter") -> str:
    words = {1: "one", 2: "two", 3: "three"}
    return f"{words.get(n, str(n))} {noun}{'s' * (n != 1)}"


def labelled(kind: FeedbackKind, line: str) -> str:
    """A feedback line as plain text: ``Answer: ...``."""
    return LABELS.get(kind, "") + line


def summary_lines(summary: Summary, now: datetime, width: int = 80) -> list[str]:
    """The end of a session, as plain lines (the terminal UI draws tables instead)."""
    lines: list[str] = []
    if summary.timed_out:
        lines.append(TIMED_OUT)
    if summary.interrupted:
        lines.append(stopped_line(summary))
    lines.append(score_line(summary))
    lines.extend(relearn_lines(summary))
    lines.extend(banks_lines(summary))
    if summary.mode == "exam":
        lines.append("")
        lines.append("Marked paper:")
        lines.extend(paper_lines(summary))
    for t in summary.topics:
        lines.append(f"  {t.topic}: {_points(t.score)} of {t.answered}")
    if summary.missed and summary.mode != "exam":
        lines.append("To look at again:")
        lines.extend(f"  {look_again(o, width - 2)}" for o in summary.missed)
    lines.extend(due_lines(summary, now))
    return lines


#: Said above the score of a paper submitted because its time ran out.
TIMED_OUT = "The time ran out: the paper was submitted with the answers given before it."


def paper_lines(summary: Summary) -> list[str]:
    """The marked paper, in the paper's order: per question the answer given, the verdict,
    the right answer, what was wrong in it (which gaps or parts), and the explanation;
    a question not answered says so; a question flagged for review says so."""
    by_id = {o.asked.question.id: o for o in summary.outcomes}
    paper = summary.paper or (*(o.asked.question for o in summary.outcomes),
                              *summary.unanswered)
    lines: list[str] = []
    for n, q in enumerate(paper, 1):
        flag = " (flagged)" if q.id in summary.flagged else ""
        lines.append(f"{n}. {one_line(q.display_prompt)}{flag}")
        o = by_id.get(q.id)
        if o is None:
            lines.append("   Not answered (counts as 0)")
            lines.append(f"   Expected: {q.expected}")
            if q.explain:
                lines.append(f"   Why: {one_line(q.explain)}")
            continue
        m = o.mark
        lines.append(f"   Your answer: {o.answer_text or '(none)'}")
        lines.append(f"   {verdict_line(m)}")
        if not m.correct or q.type in ("multi", "match", "order", "cloze"):
            lines.append(f"   Expected: {m.expected or q.expected}")
        lines.extend(f"   {f}" for f in m.feedback if not _repeats(f, m, m.expected))
        if q.explain:
            lines.append(f"   Why: {one_line(q.explain)}")
    return lines


def look_again(o: Outcome, width: int) -> str:
    """One line for "To look at again": the prompt, cut to fit, then the answer."""
    answer = one_line(o.mark.expected or o.asked.question.expected)
    room = max(width // 2, width - len(answer) - 6)
    prompt = one_line(o.asked.question.display_prompt)
    if len(prompt) > room:
        prompt = prompt[:room - 1].rstrip() + "…"
    return f"{VERDICT_SYMBOL[o.mark.verdict]} {prompt} → {answer}"


def stopped_line(summary: Summary) -> str:
    return (f"Stopped after {summary.answered} of {counted(summary.planned, 'question')}; "
            "every answer you gave is saved.")


def summary_now(summary: Summary, clock: Callable[[], datetime]) -> datetime:
    """The session's own "now" when the summary carries it, else ``clock()``."""
    now = getattr(summary, "now", None)
    return now if isinstance(now, datetime) else clock()


def score_line(summary: Summary) -> str:
    if not summary.answered:
        return "No questions answered."
    line = f"Score: {_points(summary.score)} out of {summary.out_of} ({summary.percent}%)"
    if summary.mode == "exam" and summary.unanswered:
        line += f"; {len(summary.unanswered)} unanswered"
    return line + "."


def banks_lines(summary: Summary) -> list[str]:
    """A session over several banks: each bank and its score, as the header names them."""
    if not summary.banks:
        return []
    scores = ", ".join(f"{b.topic} {_points(b.score)} of {b.answered}" for b in summary.banks)
    return [f"{len(summary.banks)} banks: {scores}."]


def relearn_lines(summary: Summary) -> list[str]:
    """How the missed questions went when asked again (only when some were)."""
    again = sum(o.asked.attempt > 1 for o in summary.outcomes)
    if not again:
        return []
    missed = len(summary.missed)
    return [f"Asked again: {summary.recovered} of {missed} missed question"
            f"{'s' * (missed != 1)} right the second or third time (the score above "
            "counts first tries)."]


def due_lines(summary: Summary, now: datetime) -> list[str]:
    """When the next review is due (from ``now``: the session's clock), and where it is saved."""
    lines: list[str] = []
    if summary.mode == "drill" and summary.next_due is not None:
        lines.append(f"Next review due {when(summary.next_due, now)}.")
    if summary.answered and summary.saved_to:
        lines.append(f"Progress saved to {summary.saved_to}")
    return lines


def _points(score: float) -> str:
    """1, 2.5, 4.8: at most one decimal, no trailing zero."""
    return f"{score:.1f}".rstrip("0").rstrip(".")
