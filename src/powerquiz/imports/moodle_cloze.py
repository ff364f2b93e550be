"""Moodle's embedded-answer (cloze, ``multianswer``) question text as a powerquiz cloze.

Each gap ``{1:SHORTANSWER:=a~=b~%0%wrong#feedback}`` (also ``SA``, ``MW``, the ``_C``
case-sensitive kinds, ``NUMERICAL`` and ``MULTICHOICE`` with their short names) becomes
``{{a|b}}``; its 0% answers become the question's known wrong answers.  A gap's text
is decoded as Moodle decodes it: ``\\}`` ``\\#`` ``\\~`` ``\\/`` and ``\\\\`` escapes, then
HTML entities.  A first paragraph with no gap is the prompt.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from powerquiz.bank.model import Question, WrongAnswer
from powerquiz.imports.base import clean
from powerquiz.imports.htmltext import plain

if TYPE_CHECKING:
    from powerquiz.imports.moodle import _Reader

_GAP = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|&amp;\}|&\}|[^\\}])*)\}")
_KINDS = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC", "NUMERICAL", "NM",
          "MULTICHOICE", "MC", "MULTICHOICE_V", "MCV", "MULTICHOICE_H", "MCH",
          "MULTIRESPONSE", "MR", "MULTICHOICE_S", "MCS"}
#: Moodle's delimiters inside a gap: not after a backslash, ``&`` or ``&amp;`` (PHP's
#: ``(?<!\\|&|&amp;)``), so a numeric reference such as ``&#35;`` is not split.
_SPLIT = re.compile(r"(?<!\\)(?<!&)(?<!&amp;)~")
_FEEDBACK = re.compile(r"(?<!\\)(?<!&)(?<!&amp;)#")
_MARK = "\ue030"


def _decode(text: str, feedback: bool = False) -> str:
    """A gap's answer or feedback as Moodle reads it: entities decoded, then ``\\}`` and
    ``\\#`` unescaped; an answer's ``\\*`` is a literal ``*``, feedback is HTML."""
    text = re.sub(r"\\(?=[}#])", "", html.unescape(text))
    if feedback:
        return clean(plain(text))
    return clean(text.replace("\\*", "*"))


def _gap(body: str, numeric: bool) -> tuple[list[str], list[WrongAnswer]]:
    rights: list[str] = []
    wrong: list[WrongAnswer] = []
    for alt in _SPLIT.split(body):
        fraction = 0.0
        if alt.startswith("="):
            fraction, alt = 100.0, alt[1:]
        else:
            m = re.match(r"^%(-?[0-9.]+)%", alt)
            if m:
                fraction, alt = float(m.group(1)), alt[m.end():]
        pieces = _FEEDBACK.split(alt, maxsplit=1)
        answer = _decode(pieces[0].split(":")[0] if numeric else pieces[0])
        feedback = pieces[1] if len(pieces) > 1 else ""
        if not answer:
            continue
        if fraction > 0:
            rights.append(answer)
        else:
            wrong.append(WrongAnswer(answer, _decode(feedback, feedback=True)))
    return rights, wrong


def cloze_question(r: _Reader, qid: str, topic: str, raw: str, common: dict[str, Any],
                   where: str) -> Question | None:
    gaps: list[list[str]] = []
    wrong: dict[str, WrongAnswer] = {}

    def mark(m: re.Match[str]) -> str:
        if m.group(2) not in _KINDS:
            return m.group(0)
        rights, wrongs = _gap(m.group(3), m.group(2) in ("NUMERICAL", "NM"))
        gaps.append(rights)
        for w in wrongs:
            wrong.setdefault(w.text.casefold(), w)
        return f"{_MARK}{len(gaps) - 1}{_MARK}"

    marked = _GAP.sub(mark, raw)
    if not gaps or any(not g or any("|" in a or "{{" in a or "}}" in a for a in g)
                       for g in gaps):
        r.draft.skip("cloze questions with no gap, an empty gap, or '|' or braces in an "
                     "answer", where)
        return None
    prompt = ""
    m = re.match(r"^\s*<p>(.*?)</p>\s*(<p>.*)$", marked, re.DOTALL)
    if m and _MARK not in m.group(1):
        prompt, marked = r.text_of(m.group(1)), m.group(2)
    text = r.text_of(marked)
    text = re.sub(f"{_MARK}([0-9]+){_MARK}",
                  lambda g: "{{" + "|".join(gaps[int(g.group(1))]) + "}}", text)
    return Question(qid, topic, "cloze", prompt=prompt, text=text,
                    gaps=tuple(tuple(g) for g in gaps), wrong=tuple(wrong.values()), **common)
