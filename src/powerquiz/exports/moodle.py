"""Moodle XML: every question type, for *Question bank → Import → Moodle XML format*.

The shapes follow what Moodle's own importer reads (``question/format/xml/format.php``,
``question/type/multianswer/questiontype.php`` and, for ordering, the question type's
``import_from_xml``):

- A ``<question type="category">`` before each topic's questions, with the path
  ``$course$/top/<bank title>/<topic title>``, the same path as the GIFT export (see
  :mod:`powerquiz.exports.moodle_rules`: ``/`` doubled, markup escaped).  Tick "Get
  category from file" on import.
- Every question has the question id as its ``<name>`` and ``<idnumber>``, the
  explanation as ``<generalfeedback>``, the hint as a ``<hint>`` (shown in interactive
  mode) and the bank's tags in ``<tags>``.
- short → ``shortanswer``: each alternative (and each ``accept``) an answer at 100%,
  each known wrong answer at 0% with its feedback.  ``*`` is Moodle's wildcard, so a
  literal ``*`` is written ``\\*``.
- short with several parts (a list answer) → ``cloze`` (multianswer) with one
  SHORTANSWER gap per part.  An ``ordered`` list marks gap n against part n; an
  unordered one lets every gap take any part, because Moodle cannot mark a set of
  answers given in any order; the catch (the same part typed twice scores twice)
  is reported as a warning.  This marks far better than an essay, which a teacher
  would have to grade by hand.
- choice → ``multichoice`` (single): the right option 100%, the others 0%.
- multi → ``multichoice`` (multiple): the right options share 100% using only the
  grades Moodle allows (see :func:`multi_weights`); each wrong option carries the
  smallest allowed penalty that makes ticking every box score 0.
- truefalse → ``truefalse``; feedback from ``wrong`` goes on the wrong answer.
- match → ``matching`` (Moodle needs at least 3 pairs; fewer are skipped).
  Repeated right-hand sides are fine: Moodle offers each distinct one once.
- order → ``ordering`` (the Ordering question type, standard since Moodle 4.4; older
  sites need the qtype_ordering plugin, so a warning says so): all items shown,
  vertical, graded "relative to the next item" (Moodle's default for the type).
- cloze → ``cloze`` (multianswer): each gap ``{1:SHORTANSWER:=a~=b}``.
- recall → ``essay`` with the model answer in ``<graderinfo>`` for the teacher.

Texts are HTML (``format="html"``): HTML-escaped, line breaks as ``<br>``, and the
document is built with ElementTree, which escapes XML itself, so no text can open a
tag.  A text holding ``&``, ``<`` or ``>`` is written as CDATA, as Moodle's own exporter
does, because Moodle's reader drops a whitespace-only run between two entities
(``x &lt; &gt; y`` would arrive as ``x <> y``); a ``]]>`` inside it is split across two
sections, so no text can end one early.  Short-answer answers are plain text, as Moodle stores
them.  Inside a cloze gap, every character the gap syntax could take for its own
(``~ # } { \\ = % / " &`` …) is written as a numeric character reference, which Moodle
decodes after splitting the gap (its ``html_entity_decode``), so answers and feedback
arrive intact; a backslash before ``}`` or ``#`` is doubled, since Moodle then reads
``\\}`` and ``\\#`` as escapes.  ``{`` and ``}`` in the running text are written as
references too, so they cannot start a gap.  Characters XML 1.0 cannot hold (control
characters) are removed, with a warning naming the questions.
"""

from __future__ import annotations

import html
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from powerquiz.bank.model import Bank, Question, parse_gaps
from powerquiz.bank.wording import one_line
from powerquiz.exports.common import (
    ExportFormat,
    ExportResult,
    TypeTable,
    partition,
    topic_groups,
    type_reason,
    writer_for,
)
from powerquiz.exports.moodle_rules import (
    MAX_IDNUMBER,
    NO_ANSWER,
    TOO_FEW_PAIRS,
    TOO_MANY_RIGHT,
    cloze_prose,
    multi_weights,
    option_feedback,
    percent,
    shortanswer_gap,
    to_html,
    topic_category,
    wildcard_safe,
)
from powerquiz.exports.moodle_rules import why_not as moodle_why_not
from powerquiz.exports.scheme_text import scheme_html

__all__ = ["FORMAT", "NO_ANSWER", "TOO_FEW_PAIRS", "TOO_MANY_RIGHT", "TYPES", "export"]

FORMAT = ExportFormat(
    name="moodle",
    suffix=".xml",
    summary="Moodle XML, for Moodle's question import",
)

# -- text ------------------------------------------------------------------------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: Text Moodle's exporter writes as CDATA (and so does this one): any with & < or >.
_NEEDS_CDATA = re.compile("[&<>]")


# -- building the document -------------------------------------------------------------------


@dataclass
class _Doc:
    """The XML being built and what the teacher should hear about it."""

    root: ET.Element = field(default_factory=lambda: ET.Element("quiz"))
    stripped: list[str] = field(default_factory=list)
    unordered_lists: list[str] = field(default_factory=list)
    orderings: list[str] = field(default_factory=list)
    long_ids: list[str] = field(default_factory=list)
    current: str = ""
    #: Texts to write as CDATA, each standing in the tree as a token until serialised.
    cdata: dict[str, str] = field(default_factory=dict)
    nonce: str = field(default_factory=lambda: uuid.uuid4().hex)

    def clean(self, text: str) -> str:
        cleaned = _NOT_XML.sub("", text)
        if cleaned != text and self.current and self.current not in self.stripped:
            self.stripped.append(self.current)
        return cleaned

    def el(self, parent: ET.Element, tag: str, value: str | None = None,
           **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, tag, attrs)
        if value is not None:
            node.text = self.protect(self.clean(value))
        return node

    def protect(self, value: str) -> str:
        """``value``, or a token for it to come back as CDATA (see :meth:`serialise`).

        Moodle's XML reader drops a whitespace-only run between two entities
        (``x &lt; &gt; y`` arrives as ``x <> y``), so, as Moodle's own exporter does,
        a text holding ``&``, ``<`` or ``>`` is written as CDATA instead.
        """
        if not _NEEDS_CDATA.search(value):
            return value
        token = f"cdata-{self.nonce}-{len(self.cdata)}"
        self.cdata[token] = value
        return token

    def serialise(self) -> str:
        """The document as XML text, each protected text inside ``<![CDATA[...]]>``."""
        ET.indent(self.root, space="  ")
        body = ET.tostring(self.root, encoding="unicode", short_empty_elements=False)
        if self.cdata:
            body = re.sub(f"cdata-{self.nonce}-[0-9]+", self._cdata, body)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

    def _cdata(self, match: re.Match[str]) -> str:
        # "]]>" cannot be inside a CDATA section: split it across two, as Moodle does.
        text = self.cdata[match.group()].replace("]]>", "]]]]><![CDATA[>")
        return f"<![CDATA[{text}]]>"

    def text(self, parent: ET.Element, tag: str, value: str, fmt: str | None = "html",
             **attrs: str) -> ET.Element:
        """``<tag format=..><text>value</text></tag>``."""
        if fmt is not None:
            attrs = {"format": fmt, **attrs}
        node = ET.SubElement(parent, tag, attrs)
        self.el(node, "text", value)
        return node

    def answer(self, parent: ET.Element, fraction: str, value: str, feedback: str = "",
               fmt: str = "html") -> ET.Element:
        node = self.text(parent, "answer", value, fmt, fraction=fraction)
        self.text(node, "feedback", to_html(feedback))
        return node


def _category(doc: _Doc, bank: Bank, topic_id: str) -> None:
    doc.current = ""
    node = ET.SubElement(doc.root, "question", {"type": "category"})
    doc.text(node, "category", topic_category(bank, topic_id), fmt=None)
    doc.text(node, "info", "")


def _head(doc: _Doc, q: Question, qtype: str, questiontext: str, *,
          grade: bool = True, penalty: str = "0.3333333") -> ET.Element:
    doc.current = q.id
    node = ET.SubElement(doc.root, "question", {"type": qtype})
    doc.text(node, "name", q.id, fmt=None)
    doc.text(node, "questiontext", questiontext)
    doc.text(node, "generalfeedback", to_html(q.explain))
    if grade:
        doc.el(node, "defaultgrade", "1")
    doc.el(node, "penalty", penalty)
    doc.el(node, "hidden", "0")
    if len(q.id) <= MAX_IDNUMBER:
        doc.el(node, "idnumber", q.id)
    else:
        doc.long_ids.append(q.id)
    return node


def _tail(doc: _Doc, q: Question, node: ET.Element, *, hint: bool = True) -> None:
    if hint and q.hint:
        doc.text(node, "hint", to_html(q.hint))
    if q.tags:
        tags = ET.SubElement(node, "tags")
        for tag in q.tags:
            doc.text(tags, "tag", tag, fmt=None)


def _shortanswer(doc: _Doc, q: Question) -> None:
    node = _head(doc, q, "shortanswer", to_html(q.prompt))
    doc.el(node, "usecase", "0")
    rights = list(dict.fromkeys(q.parts[0] + q.accept))
    for alt in rights:
        doc.answer(node, "100", wildcard_safe(alt), fmt="plain_text")
    taken = {a.casefold() for a in rights}
    for w in q.wrong:
        if w.text.casefold() not in taken:
            taken.add(w.text.casefold())
            doc.answer(node, "0", wildcard_safe(w.text), w.feedback, fmt="plain_text")
    _tail(doc, q, node)


def _list_answer(doc: _Doc, q: Question) -> None:
    wrongs = [(w.text, w.feedback) for w in q.wrong]
    if q.ordered:
        gaps = [shortanswer_gap(part, wrongs) for part in q.parts]
    else:
        anything = [alt for part in q.parts for alt in part]
        gaps = [shortanswer_gap(anything, wrongs) for _ in q.parts]
        doc.unordered_lists.append(q.id)
    tag = "ol" if q.ordered else "ul"
    body = "".join(f"<li>{gap}</li>" for gap in gaps)
    node = _head(doc, q, "cloze", f"<p>{cloze_prose(q.prompt)}</p><{tag}>{body}</{tag}>",
                 grade=False)
    _tail(doc, q, node)


def _cloze(doc: _Doc, q: Question) -> None:
    wrongs = [(w.text, w.feedback) for w in q.wrong]
    out: list[str] = []
    pos = 0
    for start, end, alts in parse_gaps(q.text):
        out.append(cloze_prose(q.text[pos:start]))
        out.append(shortanswer_gap(alts, wrongs))
        pos = end
    out.append(cloze_prose(q.text[pos:]))
    body = "".join(out)
    text = f"<p>{cloze_prose(q.prompt)}</p><p>{body}</p>" if q.prompt else f"<p>{body}</p>"
    node = _head(doc, q, "cloze", text, grade=False)
    _tail(doc, q, node)


def _multichoice(doc: _Doc, q: Question) -> None:
    node = _head(doc, q, "multichoice", to_html(q.prompt))
    single = q.type == "choice"
    doc.el(node, "single", "true" if single else "false")
    doc.el(node, "shuffleanswers", "true" if q.shuffle else "false")
    doc.el(node, "answernumbering", "abc")
    doc.el(node, "showstandardinstruction", "1")
    right = set(q.correct)
    if single:
        weights = {opt: Fraction(1 if opt in right else 0) for opt in q.options}
    else:
        split = multi_weights(len(q.correct), len(q.options) - len(q.correct))
        assert split is not None  # why_not() skips the rest
        shares, penalty = split
        ranked = iter(shares)
        weights = {opt: next(ranked) if opt in right else penalty for opt in q.options}
    for opt in q.options:
        doc.answer(node, percent(weights[opt]), to_html(opt), option_feedback(q, opt))
    _tail(doc, q, node)


def _truefalse(doc: _Doc, q: Question) -> None:
    node = _head(doc, q, "truefalse", to_html(q.prompt), penalty="1")
    wrong = " ".join(w.feedback for w in q.wrong if w.feedback)
    for value in (True, False):
        is_right = value == q.truth
        doc.answer(node, "100" if is_right else "0", "true" if value else "false",
                   "" if is_right else wrong, fmt="moodle_auto_format")
    _tail(doc, q, node)


def _matching(doc: _Doc, q: Question) -> None:
    node = _head(doc, q, "matching", to_html(q.prompt))
    doc.el(node, "shuffleanswers", "true")
    for left, right in q.pairs:
        sub = doc.text(node, "subquestion", to_html(left))
        # The right side is plain text Moodle shows through format_string: escape it.
        doc.text(sub, "answer", html.escape(one_line(right), quote=False), fmt=None)
    _tail(doc, q, node)


def _ordering(doc: _Doc, q: Question) -> None:
    node = _head(doc, q, "ordering", to_html(q.prompt))
    doc.el(node, "layouttype", "VERTICAL")
    doc.el(node, "selecttype", "ALL")
    doc.el(node, "selectcount", str(len(q.items)))
    doc.el(node, "gradingtype", "RELATIVE_NEXT_EXCLUDE_LAST")
    doc.el(node, "showgrading", "SHOW")
    doc.el(node, "numberingstyle", "none")
    doc.el(node, "shownumcorrect", "1")
    for n, item in enumerate(q.items, 1):
        doc.text(node, "answer", to_html(item), fraction=str(n))
    doc.orderings.append(q.id)
    _tail(doc, q, node)


def _essay(doc: _Doc, q: Question) -> None:
    node = _head(doc, q, "essay", to_html(q.prompt), penalty="0")
    doc.el(node, "responseformat", "editor")
    doc.el(node, "responserequired", "1")
    doc.el(node, "responsefieldlines", "10")
    doc.el(node, "attachments", "0")
    doc.el(node, "attachmentsrequired", "0")
    doc.text(node, "graderinfo", to_html(q.model_answer))
    doc.text(node, "responsetemplate", "")
    _tail(doc, q, node, hint=False)


def _explain(doc: _Doc, q: Question) -> None:
    """An essay: the mark scheme and the model answer as the grader information."""
    node = _head(doc, q, "essay", to_html(q.prompt), penalty="0")
    doc.el(node, "responseformat", "editor")
    doc.el(node, "responserequired", "1")
    doc.el(node, "responsefieldlines", str(max(5, 3 * q.marks)))
    doc.el(node, "attachments", "0")
    doc.el(node, "attachmentsrequired", "0")
    model = f"<p><strong>Model answer:</strong></p>{to_html(q.model_answer)}"
    doc.text(node, "graderinfo", scheme_html(q) + model)
    doc.text(node, "responsetemplate", "")
    _tail(doc, q, node, hint=False)


def _short(doc: _Doc, q: Question) -> None:
    if q.is_list_answer:
        _list_answer(doc, q)
    else:
        _shortanswer(doc, q)


#: How each question type is written: every type has a Moodle question type.
TYPES: TypeTable[Callable[[_Doc, Question], None]] = {
    "short": _short,
    "choice": _multichoice,
    "multi": _multichoice,
    "truefalse": _truefalse,
    "match": _matching,
    "order": _ordering,
    "cloze": _cloze,
    "recall": _essay,
    "explain": _explain,
}


def why_not(q: Question) -> str | None:
    """Why Moodle XML cannot take ``q``, or None."""
    return type_reason(TYPES, q) or moodle_why_not(q)


def _warnings(doc: _Doc) -> tuple[str, ...]:
    out: list[str] = []
    if doc.unordered_lists:
        out.append(
            "moodle: list answers in any order become cloze gaps that each accept any part; "
            "Moodle cannot stop a student typing the same part twice: "
            + ", ".join(doc.unordered_lists)
        )
    if doc.orderings:
        out.append(
            "moodle: order questions use the Ordering question type, standard from Moodle 4.4 "
            "(older sites need the qtype_ordering plugin): " + ", ".join(doc.orderings)
        )
    if doc.stripped:
        out.append(
            "moodle: removed control characters XML cannot hold from: " + ", ".join(doc.stripped)
        )
    if doc.long_ids:
        out.append(
            f"moodle: ids longer than {MAX_IDNUMBER} characters left out of the ID number "
            "(the question name still has them): " + ", ".join(doc.long_ids)
        )
    return tuple(out)


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    kept, skipped = partition(questions, why_not)
    doc = _Doc()
    for topic_id, group in topic_groups(bank, kept):
        _category(doc, bank, topic_id)
        for q in group:
            writer_for(TYPES, q)(doc, q)
    return ExportResult(data=doc.serialise(), count=len(kept), skipped=tuple(skipped),
                        warnings=_warnings(doc))

