"""A printable worksheet as one self-contained HTML page, with the answer key.

The layout comes from :mod:`powerquiz.exports.worksheet` (shared with the markdown
format).  The page needs nothing else: the style sheet is inline, there are no
scripts, images, fonts or links, and a Content-Security-Policy forbids loading
anything.  Every piece of the bank's text goes through :func:`html.escape`, so no
markup of the bank's — a ``<script>`` least of all — reaches the page.

For printing: a question stays on one page when it is short (at most a quarter of a
page, :data:`KEEP_TOGETHER` lines as :func:`height` reckons them); a longer one may
break between its options, rows or writing lines, never after its prompt alone, so
no page is left more than about a quarter empty to keep one question together.  The
answer key starts on a new page (so the key can be left off the copies handed out),
as does each version of the paper.  Every question type fits:
nothing is skipped.
"""

from __future__ import annotations

import html
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
    name="html",
    suffix=".html",
    summary="a printable worksheet as one self-contained web page, with an answer key",
    worksheet=True,
)

STYLE = """\
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.45; color: #000;
       background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 1px solid #888; padding-bottom: 0.1em; margin-top: 1.6em; }
.who { margin: 1em 0 1.5em; }
.who .fill { display: inline-block; width: 12em; border-bottom: 1px solid #000; }
.question { margin: 1.2em 0; break-inside: avoid; page-break-inside: avoid; }
.question.long { break-inside: auto; page-break-inside: auto; }
.question.long .prompt, .question.long .instruction { break-after: avoid;
  page-break-after: avoid; }
.question li, .question tr, .question .write { break-inside: avoid; page-break-inside: avoid; }
.question p { margin: 0.2em 0; }
.num { font-weight: bold; margin-right: 0.3em; }
.instruction { font-style: italic; }
.hint { font-size: 0.9em; color: #333; }
ol.choices { list-style: none; padding-left: 1.5em; margin: 0.3em 0; }
ol.choices .label { font-weight: bold; margin-right: 0.4em; }
ul.order { list-style: none; padding-left: 1.5em; margin: 0.3em 0; }
.box { display: inline-block; width: 2em; height: 1.1em; border: 1px solid #000;
       vertical-align: middle; margin-right: 0.5em; }
table.match { border-collapse: collapse; margin: 0.3em 0 0.3em 1.5em; }
table.match td { padding: 0.2em 0.6em; vertical-align: top; }
table.match td.n, table.match td.label { font-weight: bold; text-align: right; }
.blank { display: inline-block; min-width: 7em; border-bottom: 1px solid #000; }
.blank .n { font-size: 0.8em; font-weight: bold; }
.write { height: 1.9em; border-bottom: 1px solid #000; margin-left: 1.5em; }
.tf { margin-left: 1.5em; font-weight: bold; word-spacing: 0.5em; }
.key { margin-top: 3em; }
.key .entry { margin: 0.6em 0; break-inside: avoid; page-break-inside: avoid; }
.key .why { font-style: italic; margin-left: 1.5em; }
.key .qid { font-family: monospace; font-size: 0.75em; color: #666; margin-left: 0.5em; }
@page { margin: 1.8cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .key { break-before: page; page-break-before: always; margin-top: 0; }
  .key + .sheet, .sheet + .sheet { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'"


def esc(text: str) -> str:
    """Plain text as HTML, its line breaks kept."""
    return html.escape(text).replace("\n", "<br>\n")


def runs(parts: Sequence[Run]) -> str:
    return "".join(
        f'<span class="blank"><span class="n">({p.number})</span></span>'
        if isinstance(p, Blank) else esc(p)
        for p in parts
    )


#: Lines of print (about 40 to a page) up to which a question is kept on one page.
KEEP_TOGETHER = 10
#: Characters to a printed line, roughly, at the sheet's width and font.
LINE_CHARS = 75


def _printed(text: str) -> int:
    return sum(len(line) // LINE_CHARS + 1 for line in text.split("\n"))


def height(q: SheetQuestion) -> float:
    """Roughly how many printed lines ``q`` takes (writing lines are taller)."""
    prompt = "".join(p if isinstance(p, str) else "_" * 12 for p in q.prompt)
    total: float = _printed(prompt) + (1 if q.instruction else 0)
    total += _printed(q.hint) if q.hint else 0
    total += sum(_printed(c.text) for c in q.choices) if q.type != "truefalse" else 1
    total += sum(_printed(item) for item in q.items)
    total += max(len(q.left), len(q.right)) * 1.2 + q.lines * 1.4
    return total


def question(q: SheetQuestion) -> str:
    kind = "question long" if height(q) > KEEP_TOGETHER else "question"
    out = [f'<div class="{kind}" id="q{q.number}">',
           f'<p class="prompt"><span class="num">{q.number}.</span>{runs(q.prompt)}</p>']
    if q.instruction:
        out.append(f'<p class="instruction">{esc(q.instruction)}</p>')
    if q.type == "truefalse":
        out.append(f'<p class="tf">{" / ".join(esc(c.text) for c in q.choices)}</p>')
    elif q.choices:
        out.append('<ol class="choices">')
        out += [f'<li><span class="label">{esc(c.label)}.</span>{esc(c.text)}</li>'
                for c in q.choices]
        out.append("</ol>")
    if q.items:
        out.append('<ul class="order">')
        out += [f'<li><span class="box"></span>{esc(item)}</li>' for item in q.items]
        out.append("</ul>")
    if q.left:
        out.append('<table class="match">')
        for n in range(max(len(q.left), len(q.right))):
            cells = (
                [f'<td class="n">{n + 1}.</td>', f"<td>{esc(q.left[n])}</td>",
                 '<td><span class="box"></span></td>']
                if n < len(q.left) else ["<td></td>"] * 3
            )
            cells += (
                [f'<td class="label">{esc(q.right[n].label)}.</td>',
                 f"<td>{esc(q.right[n].text)}</td>"]
                if n < len(q.right) else ["<td></td>"] * 2
            )
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</table>")
    out += ['<div class="write"></div>'] * q.lines
    if q.hint:
        out.append(f'<p class="hint"><em>Hint:</em> {esc(q.hint)}</p>')
    out.append("</div>")
    return "\n".join(out)


def key_entry(k: KeyEntry, ids: bool = True) -> str:
    answer = "<br>\n".join(esc(a) for a in k.answer)
    qid = f'<span class="qid">{esc(k.qid)}</span>' if ids else ""
    out = [f'<div class="entry"><p><span class="num">{k.number}.</span>{answer}{qid}</p>']
    if k.explain:
        out.append(f'<p class="why">{esc(k.explain)}</p>')
    out.append("</div>")
    return "\n".join(out)


def paper(sheet: Worksheet) -> list[str]:
    """One paper, and its key unless the teacher left it off."""
    label = f" (paper {sheet.version})" if sheet.version else ""
    out = ['<main class="sheet">', f"<h1>{esc(one_line(sheet.title))}{esc(label)}</h1>"]
    if sheet.description:
        out.append(f'<p class="description">{esc(sheet.description)}</p>')
    out.append('<p class="who">Name: <span class="fill"></span> '
               'Date: <span class="fill"></span></p>')
    for section in sheet.sections:
        out.append(f'<section class="topic" id="topic-{esc(section.topic)}{sheet.version}">')
        out.append(f"<h2>{esc(section.title)}</h2>")
        out += [question(q) for q in section.questions]
        out.append("</section>")
    out.append("</main>")
    if sheet.key:
        out.append('<section class="key">')
        out.append(f"<h2>Answer key{esc(label)}</h2>")
        for section in sheet.sections:
            out.append(f"<h3>{esc(section.title)}</h3>")
            out += [key_entry(k, sheet.ids) for k in section.key]
        out.append("</section>")
    return out


def render(*sheets: Worksheet) -> str:
    """The page: every paper in turn, each starting on a new page when printed."""
    title = esc(one_line(sheets[0].title))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    for sheet in sheets:
        out += paper(sheet)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def export(bank: Bank, questions: Sequence[Question],
           options: SheetOptions | None = None) -> ExportResult:
    sheets = build_versions(bank, questions, options or SheetOptions())
    return ExportResult(data=render(*sheets), count=sheets[0].count)
