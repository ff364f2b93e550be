"""Moodle GIFT: a text file for *Question bank → Import → GIFT format*.

The syntax follows Moodle's own GIFT importer (``question/format/gift/format.php``):

- ``$CATEGORY: <bank id>/<topic id>`` before each topic's questions (tick "Get category
  from file" on import); a ``//`` comment line with the question id and tags before each
  question, and ``::<id>::`` as its name.
- Texts are HTML (``[html]`` starts each question, and Moodle applies the question's
  format to its options and feedback): HTML-escaped, line breaks as ``<br>``.
- short → ``{=%100%a =%100%b =%0%wrong#feedback}``: every alternative (and ``accept``)
  at 100%, each known wrong answer at 0% with its feedback.  ``*`` is Moodle's wildcard,
  so a literal ``*`` is written ``\\*``.
- choice → ``{=right ~wrong#feedback ...}``.
- multi → ``{~%50%right ~%-100%wrong ...}``: the weights of
  :func:`powerquiz.exports.moodle.multi_weights` (right options share exactly 100%,
  ticking every box scores 0).
- truefalse → ``{T}`` / ``{F}``, with the feedback of ``wrong`` for the wrong choice.
- match → ``{=left -> right ...}`` (Moodle needs at least 3 pairs; fewer are skipped).
- cloze with one gap → a missing-word short answer: ``before {=a =b} after``.
- recall → an essay ``{}`` (marked by the teacher).  GIFT has no place for notes to the
  grader, so the model answer goes in the general feedback, before the explanation:
  students see it after answering, as they do in powerquiz.
- The explanation is the general feedback (``####``) of every question.

What GIFT cannot hold goes to ``powerquiz export moodle`` instead (reason: "GIFT cannot
hold this; use 'powerquiz export moodle'"): order questions (the Ordering type's own
GIFT reader, standard only from Moodle 4.4, takes its items without unescaping them),
clozes with several gaps, short answers with several parts (GIFT cannot mark parts),
and short answers whose answers contain ``->`` (which makes Moodle's importer read a
matching question; no escape exists) or ``&&`` (Moodle's own placeholder for escaped
characters).  Questions Moodle itself refuses (a match with fewer than 3 pairs, a multi
with over 20 right options) are skipped with Moodle's reason, as in the XML export.

Every reserved character (``\\ # = ~ { } :`` and line breaks) is backslash-escaped
exactly as Moodle's exporter does (``repchar``).  A text that starts with ``[`` gets an
explicit ``[html]`` (or ``[plain]``) first, so Moodle cannot take it for a format name.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from powerquiz.bank.model import Bank, Question, parse_gaps
from powerquiz.exports.base import ExportFormat, ExportResult
from powerquiz.exports.moodle import (
    category_path,
    multi_weights,
    percent,
    to_html,
    topic_groups,
    topic_title,
    wildcard_safe,
    wrong_feedback,
)
from powerquiz.exports.moodle import why_not as moodle_why_not
from powerquiz.exports.shared import one_line, partition

FORMAT = ExportFormat(
    name="gift",
    suffix=".txt",  # Moodle's GIFT import picks plain-text files (text/plain: .txt)
    summary="Moodle GIFT text for a Moodle question bank (order, several-gap cloze and "
    "list answers need 'moodle')",
)

USE_MOODLE = "GIFT cannot hold this; use 'powerquiz export moodle'"

#: Moodle's ``repchar``: what GIFT reserves, in the order Moodle replaces it.
_RESERVED = (("\\", "\\\\"), ("#", "\\#"), ("=", "\\="), ("~", "\\~"), ("{", "\\{"),
             ("}", "\\}"), (":", "\\:"), ("\n", "\\n"), ("\r", ""))


def repchar(text: str) -> str:
    """``text`` with GIFT's reserved characters backslash-escaped, on one line."""
    for char, escaped in _RESERVED:
        text = text.replace(char, escaped)
    return text


def formatted(text: str) -> str:
    """A formatted GIFT text (question, option, feedback): HTML, guarded and escaped."""
    out = to_html(text)
    if out.startswith(("[", "%")):
        # "[html]" at the start would be read as a format, "%50%" as a weight.
        out = "[html]" + out
    return repchar(out)


def plain_answer(answer: str) -> str:
    """A short answer as GIFT holds it: plain text, wildcard-safe, escaped."""
    out = wildcard_safe(" ".join(answer.split()))
    if out.startswith("["):
        out = "[plain]" + out
    return repchar(out)


def _raw_answers(q: Question) -> list[str]:
    """The texts GIFT would have to hold unformatted (the answers typed by students)."""
    if q.type == "short":
        return [a for part in q.parts for a in part] + list(q.accept) + [w.text for w in q.wrong]
    if q.type == "cloze":
        return [a for _, _, gap in parse_gaps(q.text) for a in gap] + [w.text for w in q.wrong]
    return []


def why_not(q: Question) -> str | None:
    """Why ``q`` cannot go into GIFT, or None."""
    t = q.type
    reason = moodle_why_not(q)
    if reason is not None:
        return reason
    if t == "order" or q.is_list_answer or (t == "cloze" and len(parse_gaps(q.text)) != 1):
        return USE_MOODLE
    if any("->" in a or "&&" in a for a in _raw_answers(q)):
        return USE_MOODLE
    return None


def _name(q: Question) -> str:
    return f"::{repchar(q.id)}::"


def _general(q: Question, extra: str = "") -> str:
    text = to_html(q.explain)
    if extra:
        text = f"<p>{extra}</p><p>{text}</p>" if text else extra
    if not text:
        return ""
    if text.startswith("["):
        text = "[html]" + text
    return "\t####" + repchar(text) + "\n"


def _short_block(q: Question, rights: Sequence[str]) -> str:
    lines: list[str] = []
    taken: set[str] = set()
    for alt in dict.fromkeys(rights):
        taken.add(alt.casefold())
        lines.append(f"\t=%100%{plain_answer(alt)}\n")
    for w in q.wrong:
        if w.text.casefold() in taken:
            continue
        taken.add(w.text.casefold())
        feedback = f"#{formatted(w.feedback)}" if w.feedback else ""
        lines.append(f"\t=%0%{plain_answer(w.text)}{feedback}\n")
    return "{\n" + "".join(lines) + _general(q) + "}"


def _options_block(q: Question) -> str:
    lines: list[str] = []
    right = set(q.correct)
    if q.type == "choice":
        marks = {opt: "=" if opt in right else "~" for opt in q.options}
    else:
        split = multi_weights(len(q.correct), len(q.options) - len(q.correct))
        assert split is not None  # why_not() skips the rest
        shares, penalty = split
        ranked = iter(shares)
        marks = {}
        for opt in q.options:
            weight = next(ranked) if opt in right else penalty
            marks[opt] = f"~%{percent(weight)}%"
    for opt in q.options:
        feedback = wrong_feedback(q, opt)
        tail = f"#{formatted(feedback)}" if feedback else ""
        lines.append(f"\t{marks[opt]}{formatted(opt)}{tail}\n")
    return "{\n" + "".join(lines) + _general(q) + "}"


def _question(q: Question) -> str:
    t = q.type
    # "[html]" makes the question HTML, and Moodle gives its options and feedback the
    # question's format, so they are HTML too.
    head = _name(q) + "[html]"
    if t == "short":
        return head + repchar(to_html(q.prompt)) + _short_block(q, q.parts[0] + q.accept)
    if t in ("choice", "multi"):
        return head + repchar(to_html(q.prompt)) + _options_block(q)
    if t == "truefalse":
        wrong = " ".join(w.feedback for w in q.wrong if w.feedback)
        feedback = f"#{formatted(wrong)}" if wrong else ""
        mark = "T" if q.truth else "F"
        return head + repchar(to_html(q.prompt)) + "{" + mark + feedback + \
            _general(q).strip() + "}"
    if t == "match":
        lines = [
            f"\t={formatted(left)} -> {repchar(html.escape(one_line(right), quote=False))}\n"
            for left, right in q.pairs
        ]
        return head + repchar(to_html(q.prompt)) + "{\n" + "".join(lines) + _general(q) + "}"
    if t == "cloze":
        start, end, alts = parse_gaps(q.text)[0]
        before, after = q.text[:start], q.text[end:]
        if q.prompt:
            before = f"{q.prompt}\n{before}"
        return head + repchar(to_html(before)) + _short_block(q, alts) + \
            repchar(to_html(after))
    # recall: an essay, the model answer shown with the explanation
    model = f"<strong>Model answer:</strong> {to_html(q.model_answer)}"
    return head + repchar(to_html(q.prompt)) + "{" + _general(q, model).strip() + "}"


def _comment(q: Question) -> str:
    line = f"// id: {q.id}"
    if q.tags:
        line += f"  tags: {', '.join(q.tags)}"
    return one_line(line) + "\n"


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    kept, skipped = partition(questions, why_not)
    blocks = [
        one_line(f"// powerquiz questions from the bank '{bank.id}': {bank.title}") + "\n"
        "// Moodle: Question bank > Import > GIFT format, with \"Get category from file\".\n"
    ]
    for topic_id, group in topic_groups(bank, kept):
        title = one_line(f"// topic: {topic_title(bank, topic_id)}")
        path = one_line(category_path([bank.id, topic_id]))
        blocks.append(f"{title}\n$CATEGORY: {path}\n")
        for q in group:
            blocks.append(_comment(q) + _question(q) + "\n")
    return ExportResult(data="\n".join(blocks), count=len(kept), skipped=tuple(skipped))

