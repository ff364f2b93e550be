"""A port of Moodle 4.5's XML and cloze readers, for tests.

``read_xml`` reads questions as ``qformat_xml`` does; ``moodle_cloze`` follows
``qtype_multianswer``'s gap parser; ``moodle_xmlize_texts`` gives each ``<text>`` as
Moodle's ``xmlize`` hands it over.  They share no code with the exporter.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Bank, Question, Topic
from powerquiz.exports.common import ExportResult
from powerquiz.exports.moodle import export

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

#: ``question_bank::fraction_options_full``, in percent as the XML writes them.
MOODLE_PERCENTS = [0.0, 100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0,
                   33.33333, 30.0, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0]
MOODLE_PERCENTS += [-p for p in MOODLE_PERCENTS if p]

# -- a port of Moodle's cloze (multianswer) parser ---------------------------------------

_FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"  # PHP: (?<!\\|&|&amp;)
_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_ALT = f"({_FRACTION})?({_ANSWER})(#({_FEEDBACK}))?"
_TYPES = ("(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|"
          "(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)|"
          "(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|"
          "(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)")
_GAP = re.compile(r"\{([0-9]*):(" + _TYPES + "):(" + _ALT + "(~" + _ALT + r")*)\}", re.S)
_ONE_ALT = re.compile("~?" + _ALT, re.S)
_SHORTANSWER, _ALTERNATIVES = 7, 16


@dataclass
class GapAnswer:
    """One answer of a cloze gap as Moodle parses it: text, fraction, feedback."""
    text: str
    fraction: float
    feedback: str


def moodle_cloze(text: str) -> tuple[str, list[list[GapAnswer]]]:
    """The text with ``{#n}`` for each gap, and each gap's answers, as Moodle reads them."""
    gaps: list[list[GapAnswer]] = []
    while (m := _GAP.search(text)) is not None:
        assert m.group(_SHORTANSWER), "every powerquiz gap is a SHORTANSWER"
        remaining = m.group(_ALTERNATIVES)
        answers: list[GapAnswer] = []
        while (alt := _ONE_ALT.search(remaining)) is not None:
            if alt.group(1) == "=":
                fraction = 1.0
            elif alt.group(2) and alt.group(2) != "0":
                fraction = 0.01 * float(alt.group(2).replace(",", "."))
            else:
                fraction = 0.0
            feedback = ""
            if alt.group(5) is not None:
                feedback = html.unescape(alt.group(5)).replace("\\}", "}").replace("\\#", "#")
            answer = html.unescape(alt.group(3)).replace("\\}", "}").replace("\\#", "#")
            answers.append(GapAnswer(answer, fraction, feedback))
            remaining = remaining.split(alt.group(0), 1)[1]
        # qtype_multianswer_validate_question: every gap needs a 100% answer.
        assert any(a.fraction == 1 for a in answers), f"gap without a right answer: {m.group(0)}"
        gaps.append(answers)
        text = text.replace(m.group(0), f"{{#{len(gaps)}}}", 1)
    return text, gaps


def wildcard_match(response: str, pattern: str) -> bool:
    """``qtype_shortanswer::compare_string_with_wildcard`` (case ignored)."""
    bits = re.split(r"(?<!\\)\*+", pattern)
    regex = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regex, response.strip(), re.IGNORECASE | re.DOTALL) is not None


def visible(markup: str) -> str:
    """The text a student reads in an HTML field: tags dropped, entities decoded."""
    markup = re.sub(r"<br>|</p><p>|</li><li>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


# -- reading the XML -------------------------------------------------------------------------


@dataclass
class MoodleQuestion:
    """A question read from Moodle XML the way qformat_xml imports it."""
    qtype: str
    name: str
    idnumber: str
    category: str
    text: str
    general: str
    node: ET.Element
    answers: list[tuple[str, float, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def child(self, tag: str) -> str:
        return (self.node.findtext(tag) or "").strip()


def _text(node: ET.Element | None, path: str = "text") -> str:
    if node is None:
        return ""
    return (node.findtext(path) or "").strip()


def read_xml(data: str) -> dict[str, MoodleQuestion]:
    """Every question of a Moodle XML file by idnumber (or name), with its category."""
    assert data.startswith(DECLARATION + "\n")
    root = ET.fromstring(data.encode("utf-8"))
    assert root.tag == "quiz"
    out: dict[str, MoodleQuestion] = {}
    category = ""
    for node in root:
        assert node.tag == "question"
        qtype = node.get("type", "")
        if qtype == "category":
            category = _text(node.find("category"))
            assert node.find("info") is not None and node.find("info").get("format")  # type: ignore[union-attr]
            continue
        name = _text(node.find("name"))
        idnumber = (node.findtext("idnumber") or "").strip()
        qtext = node.find("questiontext")
        assert qtext is not None and qtext.get("format") == "html"
        q = MoodleQuestion(qtype, name, idnumber, category, _text(qtext),
                           _text(node.find("generalfeedback")), node)
        for answer in node.findall("answer"):
            fraction = float(answer.get("fraction", "0"))
            if qtype != "ordering":
                assert any(abs(fraction - p) < 0.001 for p in MOODLE_PERCENTS), fraction
            q.answers.append((_text(answer), fraction, _text(answer.find("feedback"))))
        q.tags = [_text(tag) for tag in node.findall("tags/tag")]
        key = idnumber or name
        assert key not in out, f"two questions named {key}"
        out[key] = q
    return out


# -- building banks ---------------------------------------------------------------------------


def make_bank(*questions: Question, topics: Sequence[Topic] = ()) -> Bank:
    if not topics:
        topics = tuple(Topic(t, f"Topic {t}") for t in dict.fromkeys(q.topic for q in questions))
    return Bank(id="test-bank", title="Test bank", topics=tuple(topics), questions=questions)


def q_(qid: str, qtype: str, **fields: object) -> Question:
    fields.setdefault("prompt", f"Prompt of {qid}")
    fields.setdefault("topic", "main")
    return Question(id=qid, type=qtype, **fields)  # type: ignore[arg-type]


def exported(*questions: Question, topics: Sequence[Topic] = ()
             ) -> tuple[ExportResult, dict[str, MoodleQuestion]]:
    result = export(make_bank(*questions, topics=topics), questions)
    assert isinstance(result.data, str)
    return result, read_xml(result.data)


HOSTILE = "{=~#:} a\\b <script>alert(1)</script> ]]> ]]]]><![CDATA[> & AT&T &amp; \"q\" 'a' -> %"
GAP_HOSTILE = "x}~#=%/\"\\ &amp; &#35; <b> ]]> y"


def moodle_xmlize_texts(data: str) -> list[str]:
    """Every ``<text>`` as Moodle's XML reader gets it (``xmlize``).

    PHP's parser hands a text over in pieces, one per entity, and Moodle drops a piece
    that is only whitespace; a CDATA section comes as one piece.
    """
    out = []
    for raw in re.findall(r"<text>(.*?)</text>", data, flags=re.S):
        if raw.startswith("<![CDATA["):
            out.append(raw[len("<![CDATA["):-len("]]>")].replace("]]]]><![CDATA[>", "]]>"))
            continue
        pieces = [p for p in re.split(r"(&[^;]+;)", raw) if p.strip()]
        out.append(html.unescape("".join(pieces)))
    return out
