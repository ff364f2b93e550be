"""A printable worksheet in Markdown: questions by topic, then the answer key.

The layout comes from :mod:`powerquiz.exports.worksheet` (shared with the html
format).  Every piece of the bank's text is escaped for Markdown — ``<``, ``>``,
``*``, ``_``, ``[``, ``]``, ``|``, ``#``, `````` ` `````` and ``\\``, and whatever
would start a list, heading or quote at the start of a line — so a renderer shows it
as written and passes no HTML of the bank's through (no ``<script>``).

Writing lines are rows of underscores (Markdown shows them as rules).  Every
question type fits: nothing is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.wording import one_line
from powerquiz.exports.common import ExportFormat, ExportResult
from powerquiz.exports.worksheet import TYPES as TYPES
from powerquiz.exports.worksheet import (
    Blank,
    KeyEntry,
    Run,
    SheetOptions,
    SheetQuestion,
    Worksheet,
    build_versions,
)

FORMAT = ExportFormat(
    name="markdown",
    suffix=".md",
    summary="a printable worksheet in Markdown, with an answer key",
    worksheet=True,
)

_INLINE = re.compile(r"([\\`*_\[\]<>|#])")
_LINE_START = re.compile(r"^([-+=~]|\d+(?=[.)]))")
BLANK = r"\_" * 10
WRITING_LINE = "_" * 60


def escape(text: str) -> str:
    """Text shown literally in Markdown, within a line (no line-start handling)."""
    return _INLINE.sub(r"\\\1", text)


def _line_safe(line: str) -> str:
    """A line that cannot open a list, heading, quote, code block or setext heading."""
    line = line.lstrip()
    m = _LINE_START.match(line)
    if not m:
        return line
    if m.group(1)[0].isdigit():
        end = m.end()
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def block(markdown: str) -> str:
    """Already-escaped text as Markdown paragraphs: its lines kept with hard breaks."""
    paragraphs = re.split(r"\n\s*\n", markdown.strip())
    out = []
    for para in paragraphs:
        lines = [_line_safe(line) for line in para.split("\n") if line.strip()]
        out.append("\\\n".join(lines))
    return "\n\n".join(p for p in out if p)


def text(plain: str) -> str:
    """Plain text as Markdown paragraphs."""
    return block(escape(plain))


def runs(parts: Sequence[Run]) -> str:
    return "".join(f"**({p.number})** {BLANK}" if isinstance(p, Blank) else escape(p)
                   for p in parts)


def question(q: SheetQuestion) -> list[str]:
    """The Markdown blocks of one question on the sheet."""
    body = block(runs(q.prompt))
    out = [f"**{q.number}.** {body}"]
    if q.instruction:
        out.append(f"*{escape(q.instruction)}*")
    if q.type == "truefalse":
        out.append(" / ".join(f"**{escape(c.text)}**" for c in q.choices))
    elif q.choices:
        out.append("\n".join(f"- **{c.label}.** {escape(one_line(c.text))}"
                             for c in q.choices))
    if q.items:
        out.append("\n".join(f"- (    ) {escape(one_line(item))}" for item in q.items))
    if q.left:
        rows = ["| No. | Item | Letter | | Match |", "|---:|---|:---:|---:|---|"]
        for n in range(max(len(q.left), len(q.right))):
            left = escape(one_line(q.left[n])) if n < len(q.left) else ""
            number = str(n + 1) if n < len(q.left) else ""
            label = f"{q.right[n].label}." if n < len(q.right) else ""
            right = escape(one_line(q.right[n].text)) if n < len(q.right) else ""
            rows.append(f"| {number} | {left} |   | {label} | {right} |")
        out.append("\n".join(rows))
    if q.lines:
        out.append("\n\n".join([WRITING_LINE] * q.lines))
    if q.hint:
        out.append(f"*Hint:* {text(q.hint)}")
    return out


def key_entry(k: KeyEntry, ids: bool = True) -> list[str]:
    lines = [escape(one_line(a)) for a in k.answer]
    answer = "\\\n".join(lines[:1] + [_line_safe(line) for line in lines[1:]])
    qid = f" `{k.qid}`" if ids else ""
    out = [f"**{k.number}.** {answer}{qid}"]
    if k.explain:
        out.append(f"*Why:* {text(k.explain)}")
    return out


def render(sheet: Worksheet) -> str:
    """One paper, and its key unless the teacher left it off."""
    paper = f" (paper {sheet.version})" if sheet.version else ""
    blocks = [f"# {escape(one_line(sheet.title))}{paper}"]
    if sheet.description:
        blocks.append(text(sheet.description))
    for section in sheet.sections:
        blocks.append(f"## {escape(one_line(section.title))}")
        for q in section.questions:
            blocks += question(q)
    if sheet.key:
        blocks += ["* * *", f"## Answer key{paper}"]
        for section in sheet.sections:
            blocks.append(f"### {escape(one_line(section.title))}")
            for k in section.key:
                blocks += key_entry(k, sheet.ids)
    return "\n\n".join(blocks) + "\n"


def export(bank: Bank, questions: Sequence[Question],
           options: SheetOptions | None = None) -> ExportResult:
    sheets = build_versions(bank, questions, options or SheetOptions())
    return ExportResult(data="\n* * *\n\n".join(map(render, sheets)), count=sheets[0].count)
