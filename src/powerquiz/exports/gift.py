"""Moodle GIFT: a text file for *Question bank → Import → GIFT format*.

The syntax follows Moodle's own GIFT importer (``question/format/gift/format.php``):

- ``$CATEGORY: $course$/top/<bank title>/<topic title>`` before each topic's questions,
  the same path as the XML export (:func:`powerquiz.exports.moodle_rules.topic_category`;
  tick "Get category from file" on import);
- before each question the comment ``// [id:X] [tag:a] [tag:b]``, the form Moodle reads
  a question's ID number and tags from (a ``]`` inside is written ``\\]``), so
  re-importing updates the questions instead of adding copies; ``::<id>::`` is its name.
  A tag Moodle cannot hold (with ``<``, ``>`` or a backtick) is left out, with a warning.
- GIFT cannot say ``shuffle: false``: Moodle shuffles those options anyway, and the
  export's warning names the questions (the XML export keeps the order).
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
from collections.abc import Callable, Sequence

from powerquiz.bank.model import Bank, Question, parse_gaps
from powerquiz.bank.wording import one_line
from powerquiz.exports.common import (
    ExportFormat,
    ExportResult,
    TypeTable,
    partition,
    topic_groups,
    topic_title,
    type_reason,
    writer_for,
)
from powerquiz.exports.moodle_rules import (
    multi_weights,
    option_feedback,
    percent,
    to_html,
    topic_category,
    wildcard_safe,
)
from powerquiz.exports.moodle_rules import why_not as moodle_why_not
from powerquiz.exports.scheme_text import scheme_html

__all__ = ["FORMAT", "TYPES", "USE_MOODLE", "export"]

FORMAT = ExportFormat(
    name="gift",
    suffix=".txt",  # Moodle's GIFT import picks plain-text files (text/plain: .txt)
    summary="Moodle GIFT text, for Moodle's question import",
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
    out = wildcard_safe(one_line(answer))
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
    reason = moodle_why_not(q) or type_reason(TYPES, q)
    if reason is not None:
        return reason
    if q.is_list_answer or (q.type == "cloze" and len(parse_gaps(q.text)) != 1):
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
        feedback = option_feedback(q, opt)
        tail = f"#{formatted(feedback)}" if feedback else ""
        lines.append(f"\t{marks[opt]}{formatted(opt)}{tail}\n")
    return "{\n" + "".join(lines) + _general(q) + "}"


def _head(q: Question) -> str:
    # "[html]" makes the question HTML, and Moodle gives its options and feedback the
    # question's format, so they are HTML too.
    return _name(q) + "[html]"


def _short(q: Question) -> str:
    return _head(q) + repchar(to_html(q.prompt)) + _short_block(q, q.parts[0] + q.accept)


def _choices(q: Question) -> str:
    return _head(q) + repchar(to_html(q.prompt)) + _options_block(q)


def _truefalse(q: Question) -> str:
    wrong = " ".join(w.feedback for w in q.wrong if w.feedback)
    feedback = f"#{formatted(wrong)}" if wrong else ""
    mark = "T" if q.truth else "F"
    return _head(q) + repchar(to_html(q.prompt)) + "{" + mark + feedback + \
        _general(q).strip() + "}"


def _match(q: Question) -> str:
    lines = [
        f"\t={formatted(left)} -> {repchar(html.escape(one_line(right), quote=False))}\n"
        for left, right in q.pairs
    ]
    return _head(q) + repchar(to_html(q.prompt)) + "{\n" + "".join(lines) + _general(q) + "}"


def _cloze(q: Question) -> str:
    start, end, alts = parse_gaps(q.text)[0]
    before, after = q.text[:start], q.text[end:]
    if q.prompt:
        before = f"{q.prompt}\n{before}"
    return _head(q) + repchar(to_html(before)) + _short_block(q, alts) + \
        repchar(to_html(after))


def _essay(q: Question) -> str:
    # recall: an essay, the model answer shown with the explanation
    model = f"<strong>Model answer:</strong> {to_html(q.model_answer)}"
    return _head(q) + repchar(to_html(q.prompt)) + "{" + _general(q, model).strip() + "}"


def _explain_essay(q: Question) -> str:
    # explain: an essay, the model answer and the mark scheme with the explanation
    model = f"<strong>Model answer:</strong> {to_html(q.model_answer)}{scheme_html(q)}"
    return _head(q) + repchar(to_html(q.prompt)) + "{" + _general(q, model).strip() + "}"


#: How each question type is written, or why GIFT cannot hold it.
TYPES: TypeTable[Callable[[Question], str]] = {
    "short": _short,
    "choice": _choices,
    "multi": _choices,
    "truefalse": _truefalse,
    "match": _match,
    "order": USE_MOODLE,
    "cloze": _cloze,
    "recall": _essay,
    "explain": _explain_essay,
}

#: Characters Moodle's PARAM_TAG refuses in a tag.
_NOT_IN_TAG = ("<", ">", "`")


def _token(kind: str, value: str) -> str:
    """``[id:X]`` / ``[tag:X]`` as Moodle's GIFT reader takes them: ``]`` written ``\\]``."""
    return f"[{kind}:{one_line(value).replace(']', chr(92) + ']')}]"


def _comment(q: Question, dropped: list[str]) -> str:
    """``// [id:X] [tag:a] [tag:b]``: where Moodle reads the ID number and tags."""
    tokens = [_token("id", q.id)]
    for tag in q.tags:
        if any(c in tag for c in _NOT_IN_TAG) or not tag.strip() or tag.endswith("\\"):
            if q.id not in dropped:
                dropped.append(q.id)
            continue
        tokens.append(_token("tag", tag))
    return "// " + " ".join(tokens) + "\n"


def _warnings(kept: Sequence[Question], dropped_tags: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    fixed = [q.id for q in kept if q.type in ("choice", "multi") and not q.shuffle]
    if fixed:
        out.append("gift: GIFT cannot say 'shuffle: false', so Moodle will shuffle the "
                   "options of these questions ('powerquiz export moodle' keeps their "
                   "order): " + ", ".join(fixed))
    if dropped_tags:
        out.append("gift: tags with <, > or ` (which Moodle cannot hold) left out of: "
                   + ", ".join(dropped_tags))
    return tuple(out)


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    kept, skipped = partition(questions, why_not)
    dropped: list[str] = []
    blocks = [
        one_line(f"// powerquiz questions from the bank '{bank.id}': {bank.title}") + "\n"
        "// Moodle: Question bank > Import > GIFT format, with \"Get category from file\".\n"
    ]
    for topic_id, group in topic_groups(bank, kept):
        title = one_line(f"// topic: {topic_title(bank, topic_id)}")
        blocks.append(f"{title}\n$CATEGORY: {topic_category(bank, topic_id)}\n")
        for q in group:
            blocks.append(_comment(q, dropped) + writer_for(TYPES, q)(q) + "\n")
    return ExportResult(data="\n".join(blocks), count=len(kept), skipped=tuple(skipped),
                        warnings=_warnings(kept, dropped))
