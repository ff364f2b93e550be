"""The bank schema: the top-level keys, topics, learning points and the common
question keys; each type's own fields are read by its kind (:mod:`powerquiz.bank.registry`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from powerquiz.bank.model import (
    Bank,
    Point,
    Question,
    QuestionType,
    Topic,
    WrongAnswer,
)
from powerquiz.bank.problems import did_you_mean, quote
from powerquiz.bank.registry import TYPES
from powerquiz.bank.synonyms import read_synonyms
from powerquiz.bank.yamlnodes import NodeReader, is_null, loc_of

TOP_KEYS = (
    "format", "bank", "title", "description", "topics", "points", "synonyms", "questions"
)
#: The optional ``format:`` marker a bank may carry (JSON exports write it).
BANK_FORMAT = "powerquiz-bank/1"
POINT_KEYS = ("id", "topic", "text")
COMMON_KEYS = ("id", "topic", "type", "prompt", "explain", "hint", "points", "tags", "wrong")


def type_keys() -> dict[str, tuple[str, ...]]:
    """The keys each registered type adds to :data:`COMMON_KEYS`."""
    return {name: kind.keys for name, kind in TYPES.items()}


def all_question_keys() -> tuple[str, ...]:
    """Every key some question type allows."""
    return tuple(dict.fromkeys(COMMON_KEYS + sum(type_keys().values(), ())))


class Reader(NodeReader):
    """Builds the bank from the composed YAML tree, collecting every problem."""

    def bank(self, root: Node) -> Bank | None:
        pairs = self.mapping(root, "the bank file")
        if pairs is None:
            return None
        fields = self.keys(
            pairs, TOP_KEYS, ("bank", "title", "topics", "questions"), "the bank", root
        )
        if "format" in fields:
            fmt = self.text(fields["format"], "format")
            if fmt is not None and fmt != BANK_FORMAT:
                self.report(fields["format"], f"format {quote(fmt)} is not one this "
                                              f"powerquiz reads: expected '{BANK_FORMAT}'")
        bank_id = self.slug(fields["bank"], "bank") if "bank" in fields else None
        title = self.text(fields["title"], "title", one_line=True) if "title" in fields else None
        description = ""
        if "description" in fields:
            description = self.text(fields["description"], "description") or ""
        topics = self.topics(fields["topics"]) if "topics" in fields else []
        points = self.points(fields["points"]) if "points" in fields else []
        questions: list[Question] = []
        if "questions" in fields:
            items = self.sequence(fields["questions"], "questions")
            if items is not None and not items:
                self.report(fields["questions"], "questions: a bank needs at least one question")
            for item in items or []:
                q = self.question(item)
                if q is not None:
                    questions.append(q)
        synonyms = read_synonyms(self, fields["synonyms"], "synonyms") \
            if "synonyms" in fields else ()
        if synonyms:  # every explain question marks with the bank's groups too
            questions = [replace(q, shared_synonyms=synonyms) if q.type == "explain" else q
                         for q in questions]
        return Bank(
            synonyms=synonyms,
            id=bank_id or "",
            title=title or _UNREADABLE,
            description=description,
            topics=tuple(topics),
            points=tuple(points),
            questions=tuple(questions),
            source=self.source,
        )

    def topics(self, node: Node) -> list[Topic]:
        pairs = self.mapping(node, "topics")
        if pairs is None:
            return []
        if not pairs:
            self.report(node, "topics: a bank needs at least one topic")
        out: list[Topic] = []
        for key, value in pairs:
            tid = self.slug(key, "topic id")
            title = self.text(value, f"topic {quote(key.value)}", one_line=True)
            if tid is not None:  # kept with a bad title, as points are (see there)
                out.append(Topic(tid, title or _UNREADABLE, loc_of(key)))
        return out

    def points(self, node: Node) -> list[Point]:
        items = self.sequence(node, "points")
        out: list[Point] = []
        for item in items or []:
            label = _label(item, "learning point")
            pairs = self.mapping(item, label if label != "learning point" else "a learning point")
            if pairs is None:
                continue
            fields = self.keys(pairs, POINT_KEYS, POINT_KEYS, label, item)
            pid = self.slug(fields["id"], f"{label} id") if "id" in fields else None
            topic = (self.text(fields["topic"], f"{label} topic", one_line=True)
                     if "topic" in fields else None)
            text = self.text(fields["text"], f"{label} text") if "text" in fields else None
            if pid:
                # Kept even when topic or text is wrong (the bank is then refused anyway),
                # so questions naming this point get no second, misleading error.
                out.append(Point(pid, topic or "", text or _UNREADABLE, loc_of(item)))
        return out

    def question(self, node: Node) -> Question | None:
        """The question at ``node``: whole when it has no error, else as much as could
        be read (when at least its id could), for the checks across the bank."""
        label = _label(node, "question")
        pairs = self.mapping(node, label if label != "question" else "a question")
        if pairs is None:
            return None
        qtype = self.question_type(pairs, label)
        known = self.question_keys()
        if qtype is None:
            allowed = known
            required: tuple[str, ...] = ("id", "topic", "type")
        else:
            kind = TYPES[qtype]
            allowed = COMMON_KEYS + kind.keys
            required = ("id", "topic", "type") + ("prompt",) * kind.needs_prompt + kind.required

        def misplaced(name: str) -> str:
            owners = [t for t, keys in type_keys().items() if name in keys]
            return f"'{name}' is not used by a {qtype} question (it belongs to {', '.join(owners)})"

        fields = self.keys(
            pairs, allowed, required, label, node,
            known=known, explain_misplaced=misplaced,
        )
        locs = {name: loc_of(value) for name, value in fields.items()}
        get: dict[str, Any] = {}
        qid = self.slug(fields["id"], f"{label} id") if "id" in fields else None
        topic = (self.text(fields["topic"], f"{label} topic", one_line=True)
                 if "topic" in fields else None)
        self.prose(fields, label, get)
        for key in ("points", "tags"):
            if key in fields:
                get[key] = tuple(v for v, _ in self.texts(fields[key], f"{label} {key}",
                                                          single_ok=True, one_line=True))
        if "wrong" in fields:
            get["wrong"] = self.wrong(fields["wrong"], label)
        if qtype is not None:
            TYPES[qtype].read(self, fields, label, get)
        if qid is None:
            return None
        # With an unreadable topic or type the bank is refused anyway; "" keeps the
        # topic out of the cross-checks, and any type will do for them.
        typed: QuestionType = qtype or "short"  # type: ignore[assignment]
        return Question(id=qid, topic=topic or "", type=typed, loc=loc_of(node),
                        field_locs=locs, **get)

    def question_keys(self) -> tuple[str, ...]:
        """:func:`all_question_keys`, worked out once per reader (the types registered
        do not change while a bank is read)."""
        keys: tuple[str, ...] | None = getattr(self, "_question_keys", None)
        if keys is None:
            keys = self._question_keys = all_question_keys()
        return keys

    def prose(self, fields: dict[str, Node], label: str, get: dict[str, Any]) -> None:
        """A question's prompt, explain and hint, into ``get``."""
        for key in ("prompt", "explain", "hint"):
            if key in fields:
                get[key] = self.text(fields[key], f"{label} {key}") or _UNREADABLE
            elif key in self.suggested:
                # A misspelt key (explian) is reported as unknown; the bank is refused for
                # it, and "no explanation" would be a second message for one mistake.
                get[key] = _UNREADABLE

    def question_type(self, pairs: list[tuple[ScalarNode, Node]], label: str) -> str | None:
        """The registered type a question names, or None (reported when unknown)."""
        # The keys of ``pairs`` are unique (mapping() keeps the first of a repeated key).
        node = next((v for k, v in pairs if k.value == "type"), None)
        if node is None:
            return None
        qtype = self.text(node, f"{label} type", one_line=True)
        if qtype is not None and qtype not in TYPES:
            names = list(TYPES)
            self.report(node, f"{label}: unknown type {quote(qtype)}"
                                     f"{did_you_mean(qtype, names)}; "
                                     f"the types are {', '.join(names)}")
            return None
        return qtype

    def wrong(self, node: Node, label: str) -> tuple[WrongAnswer, ...]:
        what = f"{label} wrong"
        if isinstance(node, MappingNode):
            out: list[WrongAnswer] = []
            for key, value in self.mapping(node, what) or []:
                text = self.text(key, f"an answer in {what}")
                feedback = "" if is_null(value) else self.text(value, f"feedback in {what}")
                if text is not None and feedback is not None:
                    out.append(WrongAnswer(text, feedback))
            return tuple(out)
        return tuple(WrongAnswer(t) for t, _ in self.texts(node, what, single_ok=True))

_UNREADABLE = "(unreadable)"


def _label(node: Node, noun: str) -> str:
    """``question 'qid'`` when the mapping at ``node`` has a readable id, else the noun."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" \
                    and isinstance(value, ScalarNode) and value.value.strip():
                return f"{noun} {quote(value.value.strip(), 80)}"
    return noun


