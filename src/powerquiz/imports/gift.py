"""Moodle GIFT text, read as Moodle's own importer reads it (``question/format/gift``).

- ``//`` comment lines are dropped; a blank line ends a question; ``$CATEGORY: a/b/c``
  puts the questions after it in the topic ``c`` (its last part).
- ``::name::`` is the question's id (made a slug); ``[id:...]`` and ``[tag:...]`` (Moodle
  4) are kept as the id and tags.  ``[html]``, ``[moodle]``, ``[plain]`` and
  ``[markdown]`` name a text's format; HTML and Moodle-format texts become plain text.
- The escapes ``\\\\ \\: \\~ \\= \\# \\{ \\} \\n`` are undone.
- ``{}`` essay → recall; ``{T}``/``{F}`` → truefalse; ``{=a -> b ...}`` → match;
  ``{=right ~wrong}`` → choice; ``{~%50%a ~%50%b ~%-100%c}`` → multi (positive weights
  are the right options); ``{=a =b}`` → short (``=%0%`` answers are known wrong ones, with
  their feedback); ``{#...}`` numerical → short when it has one exact answer; an answer
  block with text after it (missing word) → cloze for a short answer, else the question
  reads "… _____ …".  ``####`` general feedback → explain.
- What powerquiz's own GIFT export writes besides (the bank, topic and tag comments,
  the model answer of an essay) is read back, so export → import → export is exact.
- A text with no answer block is a description, not a question: skipped and counted.
"""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass, field

from powerquiz.imports.base import Draft, ImportFailure, Options, clean
from powerquiz.imports.htmltext import html_to_text
from powerquiz.imports.textfile import decode_text, place

_ESCAPES = (("\\\\", "\ue000"), ("\\:", "\ue001"), ("\\~", "\ue002"), ("\\=", "\ue003"),
            ("\\#", "\ue004"), ("\\{", "\ue005"), ("\\}", "\ue006"), ("\\n", "\ue007"))
_RESTORE = {held: raw[1] if raw != "\\n" else "\n" for raw, held in _ESCAPES}
GAP_MARK = "\ue010"
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-?[0-9.]+)%")
_HEADER = re.compile(r"^// powerquiz questions from the bank '([^']*)': (.*)$")
_TOPIC = re.compile(r"^// topic: (.*)$")
_IDLINE = re.compile(r"^// id: (\S+)(?:\s+tags: (.*))?$")
MODEL_ANSWER = re.compile(r"^(?:<p>)?<strong>Model answer:</strong> (.*?)(?:</p><p>(.*)</p>)?$",
                    re.DOTALL)
#: ``[id:X]`` / ``[tag:X]``, in a comment (Moodle 4's form) or in the text; ``\]`` is a ``]``.
_META = re.compile(r"\[(id|tag):((?:\\.|[^\]\\])*)\]")
_UNESCAPE = re.compile(r"\\(.)")


def pre(text: str) -> str:
    for raw, held in _ESCAPES:
        text = text.replace(raw, held)
    return text


def post(text: str) -> str:
    return "".join(_RESTORE.get(c, c) for c in text)


def formatted(text: str, fmt: str, draft: Draft) -> str:
    """A formatted GIFT text as plain text."""
    text = post(text)
    own = _FORMAT.match(text)
    if own:
        fmt, text = own.group(1), text[own.end():]
    if fmt in ("html", "moodle"):
        text, media = html_to_text(text)
        if media:
            draft.warn("media references dropped (images, sounds)", media)
    return clean(text)


def plain_answer(text: str) -> str:
    text = post(text).strip()
    text = text.removeprefix("[plain]")
    return clean(text.replace("\\*", "*"))


@dataclass
class Answer:
    mark: str  # "=", "~" or "" for a match's right side
    text: str
    weight: float | None = None
    feedback: str = ""


@dataclass
class _Block:
    text: str
    start: int  # index of the block in the file
    comments: list[str] = field(default_factory=list)


def answers_of(body: str) -> list[Answer]:
    out: list[Answer] = []
    for m in re.finditer(r"([=~])([^=~]*)", body):
        raw = m.group(2)
        weight = None
        wm = _WEIGHT.match(raw)
        if wm:
            try:
                weight = float(wm.group(1))
            except ValueError:
                weight = None
            raw = raw[wm.end():]
        text, _, feedback = raw.partition("#")
        out.append(Answer(m.group(1), text.strip(), weight, feedback.strip()))
    return out


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    comments: list[str] = []
    start = pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("//"):
            comments.append(stripped)
        elif not stripped:
            if current:
                blocks.append(_Block("\n".join(current), start, comments))
                current, comments = [], []
        else:
            if not current:
                start = pos
            current.append(line)
        pos += len(line) + 1
    if current:
        blocks.append(_Block("\n".join(current), start, comments))
    return blocks


class _Reader:
    def __init__(self, text: str, source: str, options: Options, fmt: str) -> None:
        self.text, self.source, self.options = text, source, options
        self.draft = Draft(source, fmt)
        self.topic = ""
        self.topic_title = ""

    def where(self, index: int) -> str:
        return place(self.source, self.text, index)

    def run(self) -> Draft:
        for line in self.text.split("\n")[:3]:
            m = _HEADER.match(line.strip())
            if m:
                self.draft.bank_id, self.draft.title = m.group(1), m.group(2)
        for block in _blocks(self.text):
            for comment in block.comments:
                m = _TOPIC.match(comment)
                if m:
                    self.topic_title = m.group(1)
            self.block(block)
        return self.draft

    def block(self, block: _Block) -> None:
        body = pre(block.text)
        stripped = body.strip()
        if stripped.startswith("$CATEGORY:"):
            first, _, rest = stripped.partition("\n")
            # category names arrive with markup escaped (exports.moodle_rules.category_name)
            path = [html.unescape(p) for p in re.split(r"(?<!/)/(?!/)", post(first[10:]).strip())
                    if p]
            last = path[-1].replace("//", "/").strip() if path else "Imported"
            self.topic = self.draft.topic(self.topic_title or last, last)
            named = [p for p in path if p not in ("$course$", "$system$", "$module$", "top")]
            if not self.draft.title and len(named) > 1:
                self.draft.title = named[0].replace("//", "/").strip()
            self.topic_title = ""
            if not rest.strip():
                return
            body = rest
        self.question(body, block)

    def question(self, body: str, block: _Block) -> None:
        draft = self.draft
        name = ""
        m = re.match(r"\s*::(.*?)::", body, re.DOTALL)
        if m:
            name, body = post(m.group(1)).strip(), body[m.end():]
        opening = body.find("{")
        if opening < 0:
            draft.skip("a description or text with no answer block, not a question",
                       self.where(block.start))
            return
        closing = body.find("}", opening)
        if closing < 0:
            offset = block.text.find("{") if "{" in block.text else 0
            raise ImportFailure(self.where(block.start + offset),
                                "this question's answer block opens with '{' but is "
                                "never closed with '}'")
        ident, tags = self.meta(block)
        before, inside, after = body[:opening], body[opening + 1:closing], body[closing + 1:]
        fm = _FORMAT.match(before)
        fmt = fm.group(1) if fm else "moodle"
        before = before[fm.end():] if fm else before
        found_id, found_tags = _meta_tokens(before)
        ident = found_id or ident
        tags.extend(found_tags)
        before = _META.sub("", before)
        topic = self.topic or draft.topic(self.options.topic or "Imported")
        qid = draft.new_id(ident or name, formatted(before, fmt, draft) or name)
        from powerquiz.imports.gift_types import build

        q = build(self, qid, topic, fmt, before, inside, after, block)
        if q is not None:
            draft.add(dataclasses.replace(q, tags=tuple(dict.fromkeys(tags))))

    def meta(self, block: _Block) -> tuple[str, list[str]]:
        """The id and tags from the question's comments: Moodle 4's ``// [id:X] [tag:a]``,
        or the ``// id: X  tags: a, b`` line older powerquiz exports wrote."""
        ident, tags = "", []
        for comment in block.comments:
            m = _IDLINE.match(comment)
            if m:
                return m.group(1), [t.strip() for t in (m.group(2) or "").split(",")
                                    if t.strip()]
            found_id, found_tags = _meta_tokens(comment)
            ident = found_id or ident
            tags.extend(found_tags)
        return ident, tags


def _meta_tokens(text: str) -> tuple[str, list[str]]:
    """The last ``[id:X]`` and every ``[tag:X]`` in ``text``, escapes undone."""
    ident, tags = "", []
    for key, raw in _META.findall(text):
        value = _UNESCAPE.sub(r"\1", raw).strip()
        if key == "id" and value:
            ident = value
        elif key == "tag" and value:
            tags.append(value)
    return ident, tags


def read(data: bytes, source: str, options: Options, fmt: str = "gift") -> Draft:
    text = decode_text(data, source).replace("\r\n", "\n").replace("\r", "\n")
    return _Reader(text, source, options, fmt).run()

