"""Moodle XML (*Question bank → Export → Moodle XML format*) as powerquiz questions.

The XML is parsed with defusedxml: a DOCTYPE that declares entities, external
entities and entity-expansion bombs are refused with a message, never expanded.

- category → topic (its last part; the part after ``$course$/top`` names the bank);
- shortanswer → short (100% answers are right, 0% ones known wrong answers with
  their feedback); numerical with one answer → short;
- multichoice single → choice, multiple → multi (positive grades are right);
- truefalse → truefalse; matching → match (subquestions with no text, Moodle's extra
  wrong answers, are dropped and counted); ordering → order;
- cloze (multianswer) → cloze, each ``{1:SHORTANSWER:=a~=b}`` a gap;
- essay → recall, the grader information as the model answer;
- description and the types powerquiz has none for are skipped and counted.

The name (or idnumber) is the id, the general feedback the explanation, the first
hint the hint, the tags tags.  HTML texts become plain text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Any

from powerquiz.bank.model import Question, WrongAnswer
from powerquiz.imports.base import Draft, ImportFailure, Options, clean
from powerquiz.imports.htmltext import html_to_text
from powerquiz.imports.moodle_cloze import cloze_question
from powerquiz.imports.textfile import decode_text, place

MEDIA = "media references dropped (images, sounds, videos)"
#: The fields every question type takes the same way: explain, hint, tags.
Common = dict[str, Any]


def parse_xml(data: bytes, source: str) -> ET.Element:
    """The document's root, parsed safely, or a located ImportFailure."""
    import defusedxml  # type: ignore[import-untyped]
    import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]

    text = decode_text(data, source)
    try:
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                             forbid_external=True)
        return root
    except defusedxml.EntitiesForbidden:
        at = text.find("<!ENTITY")
        raise ImportFailure(place(source, text, max(at, 0)),
                            "the XML declares entities in a DOCTYPE, which could expand "
                            "without limit or read other files: refused") from None
    except (defusedxml.DefusedXmlException, ValueError) as exc:
        raise ImportFailure(source, f"unsafe XML refused ({exc})") from None
    except ET.ParseError as exc:
        line, col = exc.position
        raise ImportFailure(f"{source}:{line}:{col + 1}",
                            f"not well-formed XML ({str(exc).split(':')[0]})") from None


class _Reader:
    def __init__(self, draft: Draft, options: Options) -> None:
        self.draft, self.options = draft, options
        self.topic = ""

    def text(self, node: ET.Element | None, tag: str = "text") -> str:
        """The plain text of ``node``'s <text>, by the node's format."""
        if node is None:
            return ""
        inner = node.find(tag)
        raw = (inner.text if inner is not None else node.text) or ""
        if node.get("format", "html") in ("plain_text", "markdown"):
            return clean(raw)
        return self.text_of(raw)

    def text_of(self, raw: str) -> str:
        out, media = html_to_text(raw)
        if media:
            self.draft.warn(MEDIA, media)
        return clean(out)

    def raw(self, node: ET.Element | None) -> str:
        inner = node.find("text") if node is not None else None
        return (inner.text or "") if inner is not None else ""

    def category(self, q: ET.Element) -> None:
        path = self.raw(q.find("category"))
        # powerquiz's exports escape markup in category names (exports.moodle_rules)
        parts = [html.unescape(p.replace("//", "/")).strip()
                 for p in re.split(r"(?<!/)/(?!/)", path)]
        parts = [p for p in parts if p and p not in ("$course$", "$system$", "$module$",
                                                     "$cat1$", "top")]
        if not parts:
            return
        if not self.draft.title:
            self.draft.title = parts[0]
        idnumber = (q.findtext("category/idnumber") or q.findtext("idnumber") or "").strip()
        self.topic = self.draft.topic(parts[-1], idnumber)

    def question(self, q: ET.Element, where: str) -> Question | None:
        qtype = q.get("type", "")
        name = self.text(q.find("name"))
        ident = (q.findtext("idnumber") or "").strip() or name
        prompt = self.text(q.find("questiontext"))
        topic = self.topic or self.draft.topic(self.options.topic or "Imported")
        common = {
            "explain": self.text(q.find("generalfeedback")),
            "hint": self.text(q.find("hint")),
            "tags": tuple(dict.fromkeys(t for t in (clean(x.text or "") for x in
                                                    q.findall("tags/tag/text")) if t)),
        }
        if qtype == "cloze":
            raw = self.raw(q.find("questiontext"))
            qid = self.draft.new_id(ident, prompt)
            return cloze_question(self, qid, topic, raw, common, where)
        if qtype == "description":
            self.draft.skip("descriptions (text with no question)", where)
            return None
        builder = getattr(self, f"_{qtype}", None)
        if builder is None:
            self.draft.skip(f"Moodle '{qtype}' questions, which powerquiz has no type for",
                            where)
            return None
        qid = self.draft.new_id(ident, prompt)
        result: Question | None = builder(q, qid, topic, prompt, common, where)
        return result

    def _answers(self, q: ET.Element) -> list[tuple[float, ET.Element, str]]:
        out = []
        for a in q.findall("answer"):
            try:
                fraction = float(a.get("fraction", "0"))
            except ValueError:
                fraction = 0.0
            out.append((fraction, a, self.text(a.find("feedback"))))
        return out

    def _shortanswer(self, q: ET.Element, qid: str, topic: str, prompt: str,
                     common: Common, where: str) -> Question | None:
        rights: list[str] = []
        wrong: list[WrongAnswer] = []
        for fraction, a, feedback in self._answers(q):
            answer = clean(html.unescape(self.raw(a)) if a.get("format") == "html"
                           else self.raw(a)).replace("\\*", "*")
            if not answer:
                continue
            if fraction > 0:
                if fraction < 100:
                    self.draft.warn("partial-credit answers counted as right")
                rights.append(answer)
            else:
                wrong.append(WrongAnswer(answer, feedback))
        if not rights:
            self.draft.skip("short answers with no right answer", where)
            return None
        return Question(qid, topic, "short", prompt=prompt,
                        parts=((rights[0],),), accept=tuple(rights[1:]),
                        wrong=tuple(wrong), **common)

    def _numerical(self, q: ET.Element, qid: str, topic: str, prompt: str,
                   common: Common, where: str) -> Question | None:
        rights = [self.raw(a).strip() for f, a, _ in self._answers(q) if f >= 100]
        tolerance = [a.findtext("tolerance", "0").strip() for f, a, _ in self._answers(q)]
        if len(rights) != 1 or any(t not in ("", "0", "0.0") for t in tolerance):
            self.draft.skip("numerical answers with a tolerance or several answers", where)
            return None
        return Question(qid, topic, "short", prompt=prompt, parts=((rights[0],),), **common)

    def _multichoice(self, q: ET.Element, qid: str, topic: str, prompt: str,
                     common: Common, where: str) -> Question | None:
        single = (q.findtext("single") or "true").strip().lower() in ("true", "1")
        answers = self._answers(q)
        options = [self.text(a) for _, a, _ in answers]
        paired = [(f, fb, o) for (f, _, fb), o in zip(answers, options, strict=True)]
        right = [o for f, _, o in paired if f > 0]
        if single:
            best = max((f for f, _, _ in paired), default=0)
            right = [o for f, _, o in paired if f == best and f > 0][:1]
        if not right or any(not o for o in options):
            self.draft.skip("multiple-choice questions with no right option or an empty "
                            "option", where)
            return None
        wrong = tuple(WrongAnswer(o, fb) for _, fb, o in paired if fb and o not in right)
        shuffle = (q.findtext("shuffleanswers") or "true").strip().lower() in ("true", "1")
        return Question(qid, topic, "choice" if single else "multi", prompt=prompt,
                        options=tuple(options), correct=tuple(right), wrong=wrong,
                        shuffle=shuffle, **common)

    def _truefalse(self, q: ET.Element, qid: str, topic: str, prompt: str,
                   common: Common, where: str) -> Question | None:
        truth: bool | None = None
        feedback = ""
        for fraction, a, fb in self._answers(q):
            value = self.raw(a).strip().lower() == "true"
            if fraction >= 100:
                truth = value
            elif fb:
                feedback = fb
        if truth is None:
            self.draft.skip("true/false questions with no right answer", where)
            return None
        wrong = (WrongAnswer("False" if truth else "True", feedback),) if feedback else ()
        return Question(qid, topic, "truefalse", prompt=prompt, truth=truth, wrong=wrong,
                        **common)

    def _matching(self, q: ET.Element, qid: str, topic: str, prompt: str,
                  common: Common, where: str) -> Question | None:
        pairs = []
        for sub in q.findall("subquestion"):
            left = self.text(sub)
            right = clean(html.unescape(sub.findtext("answer/text") or ""))
            if not left:
                self.draft.warn("matching distractors (answers with no question) dropped")
                continue
            pairs.append((left, right))
        return Question(qid, topic, "match", prompt=prompt, pairs=tuple(pairs), **common)

    def _ordering(self, q: ET.Element, qid: str, topic: str, prompt: str,
                  common: Common, where: str) -> Question | None:
        items = [self.text(a) for _, a, _ in sorted(self._answers(q), key=lambda t: t[0])]
        return Question(qid, topic, "order", prompt=prompt, items=tuple(items), **common)

    def _essay(self, q: ET.Element, qid: str, topic: str, prompt: str,
               common: Common, where: str) -> Question | None:
        model = self.text(q.find("graderinfo")) or common["explain"]
        if not model:
            self.draft.skip("essays with no grader information or feedback to use as the "
                            "model answer", where)
            return None
        common = {**common, "hint": ""}
        return Question(qid, topic, "recall", prompt=prompt, model_answer=model, **common)


_HIDDEN = re.compile(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.S)
_QUESTION_TAG = re.compile(r"<question[\s>/]")


def question_places(data: bytes, source: str, count: int) -> list[str]:
    """``FILE:LINE:COL`` of each ``<question>`` element, in document order.

    ElementTree keeps no line numbers, so the tags are found in the text, with CDATA
    sections and comments blanked out first (their text could hold "<question").
    When the count differs from what the parser saw, the places fall back to
    "question N" rather than point at the wrong line.
    """
    text = data.decode("utf-8", errors="replace")
    blanked = _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    found = [place(source, text, m.start()) for m in _QUESTION_TAG.finditer(blanked)]
    if len(found) != count:
        return [f"{source}: question {n}" for n in range(1, count + 1)]
    return found


def read(data: bytes, source: str, options: Options, fmt: str = "moodle") -> Draft:
    root = parse_xml(data, source)
    if root.tag != "quiz":
        raise ImportFailure(source, f"not Moodle XML: the document is <{root.tag}>, not "
                                    "<quiz>")
    draft = Draft(source, fmt)
    reader = _Reader(draft, options)
    questions = root.findall("question")
    for q, where in zip(questions, question_places(data, source, len(questions)), strict=True):
        if q.get("type") == "category":
            reader.category(q)
            continue
        built = reader.question(q, where)
        if built is not None:
            draft.add(built)
    return draft
