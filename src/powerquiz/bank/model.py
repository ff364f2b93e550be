"""The question bank as plain, immutable data.

Everything above the bank (marking, scheduling, sessions, exports) reads these
classes and nothing else.  They hold no behaviour beyond small derived views,
and they know nothing about YAML: the loader builds them, ``to_dict`` turns
them back into the shape a teacher writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from powerquiz.bank.registry import TYPES

QuestionType = Literal[
    "short", "choice", "multi", "truefalse", "order", "match", "cloze", "recall", "explain"
]
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)

#: A gap in a cloze text: ``{{answer}}`` or ``{{answer|alternative|...}}``.
GAP_OPEN, GAP_CLOSE = "{{", "}}"


@dataclass(frozen=True)
class Loc:
    """A place in the bank file, 1-based, as editors count."""

    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    loc: Loc = Loc()


@dataclass(frozen=True)
class Point:
    """A learning point: one fact of the source, in the teacher's words."""

    id: str
    topic: str
    text: str
    loc: Loc = Loc()


@dataclass(frozen=True)
class WrongAnswer:
    """An answer known to be wrong, with what to tell the student who gives it."""

    text: str
    feedback: str = ""


@dataclass(frozen=True)
class Detail:
    """A supporting detail of a mark-scheme point: more marks, only with the point made."""

    any: tuple[str, ...]
    marks: int = 1


@dataclass(frozen=True)
class SchemeEntry:
    """One point of an explain question's mark scheme."""

    #: What the point is, in the teacher's words (named in feedback).
    credit: str
    #: The ways of making the point: any one of them earns it.
    any: tuple[str, ...]
    marks: int = 1
    #: Statements that must not earn it.
    not_: tuple[str, ...] = ()
    detail: Detail | None = None


#: Synonym groups: (key, its other words); a key and its words match as one word.
Synonyms = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Question:
    """One question.  Which answer fields are used depends on ``type``.

    - short: ``parts`` (each needed part, with its alternatives), ``accept``, ``ordered``
    - choice: ``options`` and ``correct`` (one option)
    - multi: ``options`` and ``correct`` (one or more options)
    - truefalse: ``truth``
    - order: ``items`` in the correct order
    - match: ``pairs`` (left, right) in the written order
    - cloze: ``text`` with ``{{gaps}}``, and ``gaps`` (alternatives of each gap)
    - recall: ``model_answer``
    - explain: ``marks``, ``max_credited`` (0: no limit), ``scheme``, ``synonyms``
      (its own; ``shared_synonyms`` are the bank's) and ``model_answer``

    What each type means by them is said once, in its kind (:mod:`powerquiz.qtypes`).
    """

    id: str
    topic: str
    type: QuestionType
    prompt: str = ""
    explain: str = ""
    hint: str = ""
    points: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    wrong: tuple[WrongAnswer, ...] = ()
    parts: tuple[tuple[str, ...], ...] = ()
    accept: tuple[str, ...] = ()
    ordered: bool = False
    options: tuple[str, ...] = ()
    correct: tuple[str, ...] = ()
    shuffle: bool = True
    truth: bool = False
    items: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    text: str = ""
    gaps: tuple[tuple[str, ...], ...] = ()
    model_answer: str = ""
    marks: int = 0
    max_credited: int = 0
    scheme: tuple[SchemeEntry, ...] = ()
    synonyms: Synonyms = ()
    #: The bank's top-level ``synonyms:`` (not written back with the question).
    shared_synonyms: Synonyms = ()
    loc: Loc = Loc()
    #: Where each field was written, for located messages (key -> place of its value).
    field_locs: dict[str, Loc] = field(default_factory=dict, compare=False, repr=False)

    def where(self, key: str) -> Loc:
        """The place of ``key``'s value, or of the question itself."""
        return self.field_locs.get(key, self.loc)

    @property
    def is_list_answer(self) -> bool:
        """A short answer made of several needed parts."""
        return self.type == "short" and len(self.parts) > 1

    @property
    def display_prompt(self) -> str:
        """What the student is asked: the prompt, or for a cloze the text with numbered gaps."""
        return TYPES[self.type].display_prompt(self)

    @property
    def expected(self) -> str:
        """The right answer, written for a person to read."""
        return TYPES[self.type].expected(self)

    def to_dict(self) -> dict[str, Any]:
        """The question in the bank format, as a teacher would write it."""
        out: dict[str, Any] = {"id": self.id, "topic": self.topic, "type": self.type}
        if self.prompt:
            out["prompt"] = self.prompt
        out.update(TYPES[self.type].to_dict(self))
        if self.wrong:
            if all(not w.feedback for w in self.wrong):
                out["wrong"] = [w.text for w in self.wrong]
            else:
                out["wrong"] = {w.text: w.feedback or None for w in self.wrong}
        for key in ("explain", "hint"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.points:
            out["points"] = list(self.points)
        if self.tags:
            out["tags"] = list(self.tags)
        return out


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    description: str = ""
    topics: tuple[Topic, ...] = ()
    points: tuple[Point, ...] = ()
    questions: tuple[Question, ...] = ()
    #: The file the bank was read from, as given (for messages); "" when built in code.
    source: str = ""
    #: Synonym groups every explain question of the bank uses.
    synonyms: Synonyms = ()

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def question(self, qid: str) -> Question | None:
        for q in self.questions:
            if q.id == qid:
                return q
        return None

    def topic(self, tid: str) -> Topic | None:
        for t in self.topics:
            if t.id == tid:
                return t
        return None

    def point(self, pid: str) -> Point | None:
        for p in self.points:
            if p.id == pid:
                return p
        return None

    def select(
        self,
        topics: tuple[str, ...] | list[str] = (),
        types: tuple[str, ...] | list[str] = (),
    ) -> list[Question]:
        """The questions in any of ``topics`` and of any of ``types`` (empty = all)."""
        return [
            q
            for q in self.questions
            if (not topics or q.topic in topics) and (not types or q.type in types)
        ]

    def to_dict(self) -> dict[str, Any]:
        """The whole bank in the bank format (YAML- and JSON-ready)."""
        out: dict[str, Any] = {"bank": self.id, "title": self.title}
        if self.description:
            out["description"] = self.description
        out["topics"] = {t.id: t.title for t in self.topics}
        if self.synonyms:
            out["synonyms"] = {key: list(words) for key, words in self.synonyms}
        if self.points:
            out["points"] = [{"id": p.id, "topic": p.topic, "text": p.text} for p in self.points]
        out["questions"] = [q.to_dict() for q in self.questions]
        return out


def join_list(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def parse_gaps(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """The gaps of a cloze text as (start, end, alternatives), in order.

    An unclosed ``{{`` is not a gap; an empty alternative is dropped.
    """
    gaps: list[tuple[int, int, tuple[str, ...]]] = []
    pos = 0
    while True:
        start = text.find(GAP_OPEN, pos)
        if start < 0:
            return gaps
        end = text.find(GAP_CLOSE, start + 2)
        if end < 0:
            return gaps
        alts = tuple(a.strip() for a in text[start + 2 : end].split("|") if a.strip())
        gaps.append((start, end + 2, alts))
        pos = end + 2


def cloze_display(text: str, blank: str = "_____") -> str:
    """The cloze text with each gap shown as a numbered blank: ``(1) _____``."""
    out: list[str] = []
    pos = 0
    for n, (start, end, _alts) in enumerate(parse_gaps(text), 1):
        out.append(text[pos:start])
        out.append(f"({n}) {blank}")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def cloze_filled(text: str) -> str:
    """The cloze text with each gap filled in with its first answer."""
    out: list[str] = []
    pos = 0
    for start, end, alts in parse_gaps(text):
        out.append(text[pos:start])
        out.append(alts[0] if alts else "")
        pos = end
    out.append(text[pos:])
    return "".join(out)
