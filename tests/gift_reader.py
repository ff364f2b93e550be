"""A port of Moodle 4.5's GIFT importer (``question/format/gift/format.php``), for tests.

It reads a GIFT file the way ``qformat_gift::readquestion`` does, checks each grade as
``qformat_default::importprocess`` does, and reads ids and tags from comments with
``extract_idnumber_and_tags_from_comment``'s patterns.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Bank, Point, Question, Topic
from powerquiz.exports.common import ExportResult
from powerquiz.exports.gift import export

# -- a port of Moodle's GIFT importer -----------------------------------------------------

#: ``question_bank::fraction_options_full``: the only grades Moodle's importer accepts.
MOODLE_FRACTIONS = [0.0, 1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4,
                    0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1,
                    0.05]
MOODLE_FRACTIONS += [-f for f in MOODLE_FRACTIONS if f]

_ESCAPES = [("\\:", "&&058;"), ("\\#", "&&035;"), ("\\=", "&&061;"), ("\\{", "&&123;"),
            ("\\}", "&&125;"), ("\\~", "&&126;"), ("\\n", "&&010")]
_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")
_FORMATS = ("moodle", "html", "plain", "markdown")


def escapedchar_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in _ESCAPES:
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def escapedchar_post(text: str) -> str:
    for escaped, placeholder in _ESCAPES:
        text = text.replace(placeholder, "\n" if escaped == "\\n" else escaped[1])
    return text


def parse_text_with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in _FORMATS:
            fmt = text[1:end]
            text = text[end + 1:]
    return escapedchar_post(text).strip(), fmt


def php_empty(text: str) -> bool:
    return text in ("", "0")


@dataclass
class Answer:
    """One answer of a GIFT question as Moodle reads it: text, fraction, feedback."""
    text: str
    fraction: float
    feedback: str = ""


@dataclass
class GiftQuestion:
    """A question read from GIFT the way Moodle's importer builds it."""
    name: str
    qtype: str
    text: str
    fmt: str
    general: str
    category: str
    answers: list[Answer] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    single: bool = True
    truth: bool = False
    wrong_feedback: str = ""


class GiftError(Exception):
    """What Moodle's importer would report as an error for a question."""


def _weight(answer: str) -> tuple[float, str]:
    answer = answer[1:]
    end = answer.find("%")
    return float(answer[:end]) / 100, answer[end + 1:]


def _comment(answer: str, fmt: str) -> tuple[str, str]:
    bits = answer.split("#", 1)
    text, _ = parse_text_with_format(bits[0].strip(), fmt)
    feedback = parse_text_with_format(bits[1].strip(), fmt)[0] if len(bits) > 1 else ""
    return text, feedback


def _read_multichoice(q: GiftQuestion, answertext: str, fmt: str) -> None:
    """The answers of a multichoice question, as Moodle's importer reads them."""
    q.single = "=" in answertext
    answers = answertext.replace("=", "~=").split("~")
    answers[0] = answers[0].strip()
    if php_empty(answers[0]):
        answers.pop(0)
    if len(answers) < 2:
        raise GiftError("a multichoice question needs 2 answers")
    for raw in answers:
        raw = raw.strip()
        if raw[0] == "=":
            weight, raw = 1.0, raw[1:]
        elif _WEIGHT.match(raw):
            weight, raw = _weight(raw)
        else:
            weight = 0.0
        text_, feedback = _comment(raw, fmt)
        q.answers.append(Answer(text_, weight, feedback))


def _read_match(q: GiftQuestion, answertext: str, fmt: str) -> None:
    """The answers of a match question, as Moodle's importer reads them."""
    answers = answertext.split("=")
    answers[0] = answers[0].strip()
    if php_empty(answers[0]):
        answers.pop(0)
    if len(answers) < 2:
        raise GiftError("a matching question needs 2 answers")
    for raw in answers:
        raw = raw.strip()
        marker = raw.find("->")
        if marker < 0:
            raise GiftError(f"no -> in {raw!r}")
        left, _ = parse_text_with_format(raw[:marker], fmt)
        q.pairs.append((left, escapedchar_post(raw[marker + 2:]).strip()))


def _read_truefalse(q: GiftQuestion, answertext: str, fmt: str) -> None:
    """The answers of a truefalse question, as Moodle's importer reads them."""
    bits = answertext.split("#", 2)
    answer, _ = parse_text_with_format(bits[0].strip(), fmt)
    q.truth = answer in ("T", "TRUE")
    if len(bits) > 1:
        q.wrong_feedback = parse_text_with_format(bits[1].strip(), fmt)[0]


def _read_shortanswer(q: GiftQuestion, answertext: str, fmt: str) -> None:
    """The answers of a shortanswer question, as Moodle's importer reads them."""
    answers = answertext.split("=")
    answers[0] = answers[0].strip()
    if php_empty(answers[0]):
        answers.pop(0)
    if not answers:
        raise GiftError("a short answer question needs an answer")
    for raw in answers:
        raw = raw.strip()
        weight = 1.0
        if _WEIGHT.match(raw):
            weight, raw = _weight(raw)
        text_, feedback = _comment(raw, fmt)
        q.answers.append(Answer(text_, weight, feedback))


def _check_grades(q: GiftQuestion) -> None:
    """The grade checks of ``qformat_default::importprocess``."""
    for got in q.answers:
        if not any(abs(got.fraction - f) < 0.00001 for f in MOODLE_FRACTIONS):
            raise GiftError(f"grade {got.fraction} is not one Moodle allows")
    if q.qtype == "multichoice":
        positive = [a.fraction for a in q.answers if a.fraction > 0]
        if q.single and max(a.fraction for a in q.answers) != 1:
            raise GiftError("a single-answer question needs a 100% answer")
        if not q.single and round(sum(positive), 2) != 1:
            raise GiftError("the positive grades must add up to 100%")


#: Each question type's answer reader.
READERS: dict[str, Callable[[GiftQuestion, str, str], None]] = {
    "multichoice": _read_multichoice,
    "match": _read_match,
    "truefalse": _read_truefalse,
    "shortanswer": _read_shortanswer,
}


def question_type(answertext: str) -> str:
    """The question type Moodle's importer guesses from the text between the braces."""
    if answertext == "":
        return "essay"
    if answertext[0] == "#":
        return "numerical"
    if "~" in answertext:
        return "multichoice"
    if "=" in answertext and "->" in answertext:
        return "match"
    check = answertext
    if answertext.find("#") > 0:
        check = answertext[:answertext.find("#")].strip()
    return "truefalse" if check in ("T", "TRUE", "F", "FALSE") else "shortanswer"


def read_question(lines: list[str], category: str) -> GiftQuestion | str | None:
    """One question block, as ``qformat_gift::readquestion`` reads it.

    Returns the question, a category name for ``$CATEGORY:``, or None for nothing.
    """
    lines = [" " if line.strip().startswith("//") else line for line in lines]
    text = "\n".join(lines).strip()
    if not text:
        return None
    text = escapedchar_pre(text)
    if text.startswith("$CATEGORY:"):
        return text[10:].strip()
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end >= 0:
            name = escapedchar_post(text[:end]).strip()
            text = text[end + 2:].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise GiftError(f"no answers in {text!r}")
    if start < 0 or finish < 0:
        raise GiftError(f"unmatched brace in {text!r}")
    answertext = text[start + 1:finish].strip()
    if text.endswith("}"):
        questiontext = text[:start] + text[finish + 1:]
    else:
        questiontext = text[:start] + "_____" + text[finish + 1:]
    general = ""
    sep = answertext.rfind("####")
    if sep >= 0:
        general = answertext[sep + 4:]
        answertext = answertext[:sep].strip()
    qtext, fmt = parse_text_with_format(questiontext)
    general, _ = parse_text_with_format(general, fmt)
    q = GiftQuestion(name, "", qtext, fmt, general, category)
    q.qtype = question_type(answertext)
    reader = READERS.get(q.qtype)  # an essay (or numerical) has no answers to read
    if reader is not None:
        reader(q, answertext, fmt)
    _check_grades(q)
    return q


def read_gift(data: str) -> dict[str, GiftQuestion]:
    """Every question of a GIFT file by name, as ``qformat_default::readquestions`` splits it."""
    out: dict[str, GiftQuestion] = {}
    block: list[str] = []
    category = ""
    for line in [*data.split("\n"), ""]:
        if php_empty(line.strip()):
            if block:
                got = read_question(block, category)
                if isinstance(got, str):
                    category = got
                elif got is not None:
                    assert got.name not in out, f"two questions named {got.name}"
                    out[got.name] = got
                block = []
        else:
            block.append(line.strip())
    return out


#: ``qformat_gift::extract_idnumber_and_tags_from_comment``'s two patterns.
MOODLE_ID = re.compile(r"\[id:((?:\\]|[^\]\x00-\x1f\x7f])+)]")
MOODLE_TAG = re.compile(r"\[tag:((?:\\]|[^\]<>`\x00-\x1f\x7f])+)]")


def moodle_comments(data: str) -> dict[str, str]:
    """Each question's name and the comment lines just before it."""
    out: dict[str, str] = {}
    comment: list[str] = []
    for line in data.split("\n"):
        if line.startswith("//"):
            comment.append(line)
        elif line.startswith("::"):
            out[escapedchar_post(escapedchar_pre(line[2:line.index("::", 2)]))] = \
                "\n".join(comment)
            comment = []
        elif not line.strip():
            comment = []
    return out


def moodle_ids(data: str) -> dict[str, str]:
    """Question name -> the ID number Moodle reads from its comment."""
    out = {}
    for name, comment in moodle_comments(data).items():
        found = MOODLE_ID.search(comment)
        if found:
            out[name] = found.group(1).strip().replace("\\]", "]")
    return out


def moodle_tags(data: str) -> dict[str, list[str]]:
    """Question name -> the tags Moodle reads from its comment."""
    return {name: [t.strip().replace("\\]", "]") for t in MOODLE_TAG.findall(comment)]
            for name, comment in moodle_comments(data).items()}


def shown(text: str) -> str:
    """What a student reads of an HTML text: entities decoded, <br> as a line break."""
    return html.unescape(text.replace("<br>", "\n"))


def wildcard_match(response: str, pattern: str) -> bool:
    """``qtype_shortanswer::compare_string_with_wildcard`` (case ignored)."""
    bits = re.split(r"(?<!\\)\*+", pattern)
    regex = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regex, response.strip(), re.IGNORECASE | re.DOTALL) is not None


# -- building banks ---------------------------------------------------------------------------


def make_bank(*questions: Question, points: Sequence[Point] = ()) -> Bank:
    topics = tuple(Topic(t, f"Topic {t}") for t in dict.fromkeys(q.topic for q in questions))
    return Bank(id="test-bank", title="Test bank", topics=topics, points=tuple(points),
                questions=questions)


def q_(qid: str, qtype: str, **fields: object) -> Question:
    fields.setdefault("prompt", f"Prompt of {qid}")
    fields.setdefault("topic", "main")
    return Question(id=qid, type=qtype, **fields)  # type: ignore[arg-type]


def exported(*questions: Question) -> tuple[ExportResult, dict[str, GiftQuestion]]:
    result = export(make_bank(*questions), questions)
    assert isinstance(result.data, str)
    return result, read_gift(result.data)


HOSTILE = "{=~#:} a\\b \\\\ <script>alert(1)</script> ]]> & AT&T 50% \"q\" 'a' [html] -> \\n"
HOSTILE_ANSWER = "x{=~#:}y \\ ]]> <b> & 'q' \"q\" %5%"


