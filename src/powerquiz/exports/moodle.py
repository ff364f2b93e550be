"""Moodle XML: every question type, for *Question bank → Import → Moodle XML format*.

The shapes follow what Moodle's own importer reads (``question/format/xml/format.php``,
``question/type/multianswer/questiontype.php`` and, for ordering, the question type's
``import_from_xml``):

- A ``<question type="category">`` before each topic's questions, with the path
  ``$course$/top/<bank title>/<topic title>`` (a ``/`` inside a title is doubled, as
  Moodle's ``assemble_category_path`` does).  Tick "Get category from file" on import.
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
document is built with ElementTree, which escapes XML itself, so no text can end a
CDATA section or open a tag.  Short-answer answers are plain text, as Moodle stores
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
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from powerquiz.bank.model import Bank, Question, parse_gaps
from powerquiz.exports.base import ExportFormat, ExportResult
from powerquiz.exports.shared import partition

FORMAT = ExportFormat(
    name="moodle",
    suffix=".xml",
    summary="Moodle XML for a Moodle question bank: every question type, a category per topic",
)

# -- what Moodle allows ------------------------------------------------------------------

#: Moodle's grades (``question_bank::fraction_options_full``), as the exact fractions they
#: stand for, with the percentage Moodle writes for each.  A grade outside this list
#: makes Moodle's importer reject the question.
GRADES: tuple[tuple[Fraction, str], ...] = (
    (Fraction(1), "100"),
    (Fraction(9, 10), "90"),
    (Fraction(5, 6), "83.33333"),
    (Fraction(4, 5), "80"),
    (Fraction(3, 4), "75"),
    (Fraction(7, 10), "70"),
    (Fraction(2, 3), "66.66667"),
    (Fraction(3, 5), "60"),
    (Fraction(1, 2), "50"),
    (Fraction(2, 5), "40"),
    (Fraction(1, 3), "33.33333"),
    (Fraction(3, 10), "30"),
    (Fraction(1, 4), "25"),
    (Fraction(1, 5), "20"),
    (Fraction(1, 6), "16.66667"),
    (Fraction(1, 7), "14.28571"),
    (Fraction(1, 8), "12.5"),
    (Fraction(1, 9), "11.11111"),
    (Fraction(1, 10), "10"),
    (Fraction(1, 20), "5"),
)
_PERCENT = dict(GRADES)

#: Moodle's matching question needs at least this many pairs.
MIN_MATCH_PAIRS = 3
#: The smallest grade Moodle allows is 5%, so at most 20 right options can share 100%.
MAX_RIGHT_OPTIONS = 20
#: ``question_bank_entries.idnumber`` is a 100-character column.
MAX_IDNUMBER = 100

TOO_FEW_PAIRS = f"Moodle needs at least {MIN_MATCH_PAIRS} pairs in a matching question"
TOO_MANY_RIGHT = (
    f"Moodle's grades cannot share 100% among more than {MAX_RIGHT_OPTIONS} right options"
)
#: For banks built in code that skipped the loader's checks: nothing Moodle could mark.
NO_ANSWER = "the question has no complete right answer (check it with 'powerquiz validate')"


def percent(weight: Fraction) -> str:
    """The percentage Moodle writes for an allowed grade (or its negative): ``-33.33333``."""
    if weight == 0:
        return "0"
    text = _PERCENT[abs(weight)]
    return f"-{text}" if weight < 0 else text


def multi_weights(right: int, wrong: int) -> tuple[tuple[Fraction, ...], Fraction] | None:
    """The grades of a multiple-answer question with ``right`` and ``wrong`` options.

    Returns the weights of the right options (largest first; they add up to exactly
    100%) and the penalty of each wrong option (0 or negative): the smallest one
    Moodle allows that makes ticking every option score at most 0.  Equal weights are
    used where Moodle has one (up to 10 right options, and 20); otherwise two
    neighbouring grades, e.g. 11 right options: nine at 10% and two at 5%.
    None when the right options cannot share 100% (more than 20 of them).
    """
    if right < 1 or right > MAX_RIGHT_OPTIONS:
        return None
    grades = [g for g, _ in GRADES]
    shares: tuple[Fraction, ...] | None = None
    for g in grades:
        if g * right == 1:
            shares = (g,) * right
            break
    if shares is None:
        best: tuple[Fraction, tuple[Fraction, ...]] | None = None
        for hi in grades:
            for lo in grades:
                if lo >= hi:
                    continue
                for n_hi in range(1, right):
                    if n_hi * hi + (right - n_hi) * lo == 1:
                        candidate = (hi - lo, (hi,) * n_hi + (lo,) * (right - n_hi))
                        if best is None or candidate[0] < best[0]:
                            best = candidate
        if best is None:  # pragma: no cover - 1..20 always has a split (10% and 5%)
            return None
        shares = best[1]
    penalty = Fraction(0)
    if wrong:
        penalty = -min(g for g in grades if g * wrong >= 1)
    return shares, penalty


def category_path(names: Iterable[str]) -> str:
    """A Moodle category path from its names: ``/`` inside a name doubled, as Moodle does."""
    out: list[str] = []
    for name in names:
        escaped = " ".join(name.split()).replace("/", "//")
        if escaped.startswith("/"):
            escaped = " " + escaped
        if escaped.endswith("/"):
            escaped = escaped + " "
        out.append(escaped)
    return "/".join(out)


def wildcard_safe(answer: str) -> str:
    """A short answer with ``*`` (Moodle's wildcard) made literal: ``\\*``."""
    return answer.replace("*", "\\*")


def topic_groups(bank: Bank, questions: Sequence[Question]) -> list[tuple[str, list[Question]]]:
    """The questions grouped by topic, in the bank's topic order (unknown topics last)."""
    order = {t.id: n for n, t in enumerate(bank.topics)}
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.topic, []).append(q)
    return sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))


def topic_title(bank: Bank, topic_id: str) -> str:
    topic = bank.topic(topic_id)
    return topic.title if topic is not None else topic_id


def wrong_feedback(q: Question, answer: str) -> str:
    """The feedback the bank gives for ``answer`` among the known wrong answers, if any."""
    folded = answer.casefold()
    for w in q.wrong:
        if w.text.casefold() == folded:
            return w.feedback
    return ""


def _has_answer(q: Question) -> bool:
    t = q.type
    if t == "short":
        return bool(q.parts) and all(q.parts)
    if t in ("choice", "multi"):
        return bool(q.correct) and set(q.correct) <= set(q.options) and \
            (t == "multi" or len(q.correct) == 1)
    if t == "order":
        return len(q.items) >= 2
    if t == "cloze":
        gaps = parse_gaps(q.text)
        return bool(gaps) and all(alts for _, _, alts in gaps)
    return True


def why_not(q: Question) -> str | None:
    """Why Moodle cannot take ``q``, or None."""
    if not _has_answer(q):
        return NO_ANSWER
    if q.type == "match" and len(q.pairs) < MIN_MATCH_PAIRS:
        return TOO_FEW_PAIRS
    if q.type == "multi" and len(q.correct) > MAX_RIGHT_OPTIONS:
        return TOO_MANY_RIGHT
    return None


# -- text ------------------------------------------------------------------------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: Characters written as numeric references inside a cloze gap: the gap syntax's own
#: (``~ # } = %``, ``{`` and the escape ``\\``), what Moodle's docs ask to escape
#: (``/ "``), and HTML's (``& < > '``), since Moodle HTML-decodes a gap's answers.
_GAP_SPECIAL = frozenset('~#{}\\=%/"&<>\'')
_BACKSLASH_BEFORE = re.compile(r"\\(?=[}#])")


def to_html(text: str) -> str:
    """Plain text as HTML: escaped, with its line breaks kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _gap_text(text: str) -> str:
    # After decoding, Moodle turns "\}" into "}" and "\#" into "#": a backslash the
    # text really has before } or # is doubled so that one survives.
    text = _BACKSLASH_BEFORE.sub(r"\\\\", " ".join(text.split()))
    return "".join(f"&#{ord(c)};" if c in _GAP_SPECIAL else c for c in text)


def gap_answer(answer: str) -> str:
    """A short answer as written inside a cloze gap (decoded back by Moodle's importer)."""
    return _gap_text(wildcard_safe(answer))


def gap_feedback(feedback: str) -> str:
    """Feedback inside a cloze gap: HTML, then protected like an answer."""
    return _gap_text(html.escape(feedback, quote=False))


def cloze_prose(text: str) -> str:
    """Running text of a cloze question: HTML with ``{`` and ``}`` unable to start a gap."""
    return to_html(text).replace("{", "&#123;").replace("}", "&#125;")


def shortanswer_gap(rights: Sequence[str], wrongs: Sequence[tuple[str, str]]) -> str:
    """``{1:SHORTANSWER:=a~=b~%0%wrong#feedback}`` (case is ignored, as in powerquiz)."""
    alts = [f"={gap_answer(a)}" for a in dict.fromkeys(rights)]
    taken = {a.casefold() for a in rights}
    for text, feedback in wrongs:
        if text.casefold() in taken:
            continue
        taken.add(text.casefold())
        alt = f"%0%{gap_answer(text)}"
        if feedback:
            alt += f"#{gap_feedback(feedback)}"
        alts.append(alt)
    return "{1:SHORTANSWER:" + "~".join(alts) + "}"


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

    def clean(self, text: str) -> str:
        cleaned = _NOT_XML.sub("", text)
        if cleaned != text and self.current and self.current not in self.stripped:
            self.stripped.append(self.current)
        return cleaned

    def el(self, parent: ET.Element, tag: str, value: str | None = None,
           **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, tag, attrs)
        if value is not None:
            node.text = self.clean(value)
        return node

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
    path = category_path(["$course$", "top", bank.title or bank.id, topic_title(bank, topic_id)])
    doc.text(node, "category", path, fmt=None)
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
        doc.answer(node, percent(weights[opt]), to_html(opt), wrong_feedback(q, opt))
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
        doc.text(sub, "answer", html.escape(" ".join(right.split()), quote=False), fmt=None)
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


def _question(doc: _Doc, q: Question) -> None:
    t = q.type
    if t == "short":
        if q.is_list_answer:
            _list_answer(doc, q)
        else:
            _shortanswer(doc, q)
    elif t in ("choice", "multi"):
        _multichoice(doc, q)
    elif t == "truefalse":
        _truefalse(doc, q)
    elif t == "match":
        _matching(doc, q)
    elif t == "order":
        _ordering(doc, q)
    elif t == "cloze":
        _cloze(doc, q)
    else:
        _essay(doc, q)


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
            _question(doc, q)
    ET.indent(doc.root, space="  ")
    body = ET.tostring(doc.root, encoding="unicode", short_empty_elements=False)
    data = '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
    return ExportResult(data=data, count=len(kept), skipped=tuple(skipped),
                        warnings=_warnings(doc))

