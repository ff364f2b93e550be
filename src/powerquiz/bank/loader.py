"""Read a bank file into the model, reporting every problem at its line and column.

YAML is composed (not constructed) with libyaml where present: the node tree keeps
line marks, no tag can build an object, and we convert only the shapes the bank
format allows.  Each problem found is collected; loading carries on past it so a
teacher sees all of them at once.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from powerquiz.bank.model import (
    QUESTION_TYPES,
    Bank,
    Loc,
    Point,
    Question,
    QuestionType,
    Topic,
    WrongAnswer,
    parse_gaps,
)
from powerquiz.bank.problems import BankError, Problem, Severity

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TS = (
    _TAG + "str",
    _TAG + "int",
    _TAG + "float",
    _TAG + "bool",
    _TAG + "null",
    _TAG + "timestamp",
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_SCALAR_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TS})
#: What YAML itself would call a plain or quoted scalar, to catch tags that lie.
_RESOLVER: Any = yaml.resolver.Resolver()


def _resolve(value: str, plain: bool) -> str:
    """The tag YAML gives ``value`` written plain (or quoted) with no tag."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (plain, not plain))
    return tag

#: A bank file larger than this is refused unread (5,000 questions take about 4 MB).
MAX_BYTES = 64 * 2**20

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$")

TOP_KEYS = ("format", "bank", "title", "description", "topics", "points", "questions")
#: The optional ``format:`` marker a bank may carry (JSON exports write it).
BANK_FORMAT = "powerquiz-bank/1"
POINT_KEYS = ("id", "topic", "text")
COMMON_KEYS = ("id", "topic", "type", "prompt", "explain", "hint", "points", "tags", "wrong")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "short": ("answer", "accept", "ordered"),
    "choice": ("options", "answer", "shuffle"),
    "multi": ("options", "answer", "shuffle"),
    "truefalse": ("answer",),
    "order": ("items",),
    "match": ("pairs",),
    "cloze": ("text",),
    "recall": ("answer",),
}
ALL_QUESTION_KEYS = tuple(dict.fromkeys(COMMON_KEYS + sum(TYPE_KEYS.values(), ())))

T = TypeVar("T")


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {quote(close[0])}?)" if close else ""


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    if node.tag == _BOOL:
        return f"the boolean {node.value}"
    if node.tag in (_INT, _FLOAT):
        return f"the number {node.value}"
    return f"the text {node.value!r}"


class _Reader:
    """Walks the composed YAML tree, building the model and collecting problems."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        #: Nodes already reported as unusable (a refused tag, an alias), not to blame twice.
        self.refused_ids: set[int] = set()

    # -- reporting ------------------------------------------------------------------
    def report(self, where: Node | Loc, message: str, severity: Severity = "error") -> None:
        loc = where if isinstance(where, Loc) else loc_of(where)
        self.problems.append(Problem(self.source, loc.line, loc.col, message, severity))

    # -- shapes ---------------------------------------------------------------------
    def mapping(self, node: Node, what: str) -> list[tuple[ScalarNode, Node]] | None:
        """The key/value pairs of a mapping node, keys checked to be plain text."""
        if self.refused(node):
            return None
        if not isinstance(node, MappingNode):
            self.report(node, f"{what} must be a mapping (key: value lines), not {_describe(node)}")
            return None
        if not self.first_visit(node):
            return None
        pairs: list[tuple[ScalarNode, Node]] = []
        keys: dict[str, ScalarNode] = {}
        for key, value in node.value:
            if self.refused(key):
                continue
            if not isinstance(key, ScalarNode):
                self.report(key, f"a key in {what} must be plain text, not {_describe(key)}")
                continue
            if key.value in keys:
                first = loc_of(keys[key.value])
                self.report(key, f"duplicate key {quote(key.value)} in {what} "
                                 f"(first at line {first.line})")
                continue
            keys[key.value] = key
            pairs.append((key, value))
        return pairs

    def first_visit(self, node: Node) -> bool:
        """False (and reported) when ``node`` was met before: YAML made it an alias."""
        if id(node) in self.seen:
            self.report(node, "anchors and aliases (& and *) are not supported in a bank")
            self.refused_ids.add(id(node))
            return False
        self.seen.add(id(node))
        return True

    def is_a(self, node: Node, kind: type[Node]) -> bool:
        """``node`` is a ``kind`` node not refused for its tag or as an alias.

        Count checks ("at least 2 items") use it, counting the entries written, so
        that an entry refused for its own reason is not blamed twice.
        """
        return isinstance(node, kind) and id(node) not in self.refused_ids

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if self.refused(node):
            return None
        if not isinstance(node, SequenceNode):
            self.report(node, f"{what} must be a list, not {_describe(node)}")
            return None
        if not self.first_visit(node):
            return None
        return list(node.value)

    def refused(self, node: Node) -> bool:
        """Report a node whose YAML tag a bank does not allow (once); True if so.

        Only the standard tags are allowed, each on its own kind of node, and a
        scalar's tag must be the one YAML would give it anyway (``!!str`` excepted,
        being the way to say "this is text").  Nothing is ever constructed from a
        tag, so a ``!!python/...`` tag is harmless; it is refused so the teacher knows.
        """
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag == _STR:
                return False
            if tag not in _SCALAR_TAGS:
                return self.refuse(node)
            plain = node.style in (None, "")
            if _resolve(node.value, plain) != tag:
                return self.refuse(node, f" on {quote(node.value)}: YAML does not read that "
                                         "value so; remove the tag")
            return False
        if tag == (_MAP if isinstance(node, MappingNode) else _SEQ):
            return False
        return self.refuse(node)

    def refuse(self, node: Node, why: str = "") -> bool:
        if id(node) not in self.refused_ids:
            self.refused_ids.add(id(node))
            tag = node.tag.replace(_TAG, "!!")
            if tag == "!!merge":
                self.report(node, "merge keys (<<) are not supported in a bank: "
                                  "write each key out in full")
            else:
                self.report(node, f"YAML tag {quote(tag)} is not allowed{why or _TAGS_ALLOWED}")
        return True

    def text(self, node: Node, what: str, *, numbers: bool = True) -> str | None:
        """A piece of text, refusing values YAML 1.1 would silently change."""
        tag = node.tag
        if tag == _STR and isinstance(node, ScalarNode):  # the usual case, first
            value: str = node.value
            if value and not value[0].isspace() and not value[-1].isspace():
                return value
            if not value.strip():
                self.report(node, f"{what} is empty")
                return None
            return value.strip()
        if self.refused(node):
            return None
        if not isinstance(node, ScalarNode):
            self.report(node, f"{what} must be text, not {_describe(node)}")
            return None
        value = node.value
        if tag == _TS:  # a date: its text is what the teacher wrote
            return value
        if tag == _NULL:
            self.report(node, f"{what} is empty")
            return None
        if tag == _BOOL:
            self.report(
                node,
                f"{what}: YAML reads {value} as the boolean {value.lower() in _TRUE_WORDS}; "
                f'put it in quotes ("{value}") if you mean the text',
            )
            return None
        plain = _PLAIN_INT if tag == _INT else _PLAIN_FLOAT
        if not plain.match(value):
            self.report(
                node,
                f"{what}: YAML reads {value} as a number, changing what it says; "
                f'put it in quotes ("{value}")',
            )
            return None
        if not numbers:
            self.report(node, f"{what} must be text, not {_describe(node)}")
            return None
        return value

    def flag(self, node: Node, what: str) -> bool | None:
        if self.refused(node):
            return None
        # libyaml gives a plain scalar the style "", the pure-Python parser None.
        if isinstance(node, ScalarNode) and node.tag == _BOOL and node.style in (None, ""):
            word: str = node.value.lower()
            return word in _TRUE_WORDS
        if isinstance(node, ScalarNode) and node.value.strip().lower() in ("true", "false"):
            quoted: str = node.value.strip().lower()
            return quoted == "true"
        self.report(node, f"{what} must be true or false, not {_describe(node)}")
        return None

    def texts(self, node: Node, what: str, *, single_ok: bool = False) -> list[tuple[str, Node]]:
        """A list of texts (or one text where ``single_ok``), each with its node."""
        if single_ok and isinstance(node, ScalarNode):
            value = self.text(node, what)
            return [(value, node)] if value is not None else []
        items = self.sequence(node, what)
        if items is None:
            return []
        out: list[tuple[str, Node]] = []
        for item in items:
            value = self.text(item, f"an entry of {what}")
            if value is not None:
                out.append((value, item))
        return out

    def slug(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not SLUG.match(value):
            self.report(
                node,
                f"{what} {quote(value)} is not a valid id: use lowercase letters, digits "
                "and single hyphens, e.g. right-opposition",
            )
            return None
        return value

    def keys(
        self,
        pairs: list[tuple[ScalarNode, Node]],
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        what: str,
        where: Node,
        *,
        known: tuple[str, ...] = (),
        explain_misplaced: Callable[[str], str] | None = None,
    ) -> dict[str, Node]:
        """Check a mapping's keys: every required one present, none unknown."""
        found: dict[str, Node] = {}
        suggested: set[str] = set()
        for key, value in pairs:
            name = key.value
            if name in allowed:
                found[name] = value
            elif name in known and explain_misplaced is not None:
                self.report(key, f"{what}: {explain_misplaced(name)}")
            else:
                close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                suggested.update(close)
                self.report(key, f"{what}: unknown key {quote(name)}{hint}")
        for name in required:
            # A misspelt key already says which key it should be: one mistake, one message.
            if name not in found and name not in suggested:
                self.report(where, f"{what}: missing required key '{name}'")
        return found

    # -- the bank -------------------------------------------------------------------
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
        title = self.text(fields["title"], "title") if "title" in fields else None
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
        return Bank(
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
            title = self.text(value, f"topic {quote(key.value)}")
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
            topic = self.text(fields["topic"], f"{label} topic") if "topic" in fields else None
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
        raw = {k.value: v for k, v in pairs}
        qtype: str | None = None
        if "type" in raw:
            qtype = self.text(raw["type"], f"{label} type")
            if qtype is not None and qtype not in QUESTION_TYPES:
                self.report(
                    raw["type"],
                    f"{label}: unknown type {quote(qtype)}{did_you_mean(qtype, QUESTION_TYPES)}; "
                    f"the types are {', '.join(QUESTION_TYPES)}",
                )
                qtype = None
        if qtype is None:
            allowed = ALL_QUESTION_KEYS
            required: tuple[str, ...] = ("id", "topic", "type")
        else:
            allowed = COMMON_KEYS + TYPE_KEYS[qtype]
            required = ("id", "topic", "type") + (
                ("prompt",) if qtype != "cloze" else ()
            ) + ({"short": ("answer",), "choice": ("options", "answer"),
                  "multi": ("options", "answer"), "truefalse": ("answer",),
                  "order": ("items",), "match": ("pairs",), "cloze": ("text",),
                  "recall": ("answer",)}[qtype])

        def misplaced(name: str) -> str:
            owners = [t for t, keys in TYPE_KEYS.items() if name in keys]
            return f"'{name}' is not used by a {qtype} question (it belongs to {', '.join(owners)})"

        fields = self.keys(
            pairs, allowed, required, label, node,
            known=ALL_QUESTION_KEYS, explain_misplaced=misplaced,
        )
        locs = {name: loc_of(value) for name, value in fields.items()}
        get: dict[str, Any] = {}
        qid = self.slug(fields["id"], f"{label} id") if "id" in fields else None
        topic = self.text(fields["topic"], f"{label} topic") if "topic" in fields else None
        for key in ("prompt", "explain", "hint"):
            if key in fields:
                get[key] = self.text(fields[key], f"{label} {key}") or _UNREADABLE
        for key in ("points", "tags"):
            if key in fields:
                get[key] = tuple(v for v, _ in self.texts(fields[key], f"{label} {key}",
                                                          single_ok=True))
        if "wrong" in fields:
            get["wrong"] = self.wrong(fields["wrong"], label)
        if qtype is not None:
            self.answer_fields(qtype, fields, label, get)
        if qid is None:
            return None
        # With an unreadable topic or type the bank is refused anyway; "" keeps the
        # topic out of the cross-checks, and any type will do for them.
        typed: QuestionType = qtype or "short"  # type: ignore[assignment]
        return Question(id=qid, topic=topic or "", type=typed, loc=loc_of(node),
                        field_locs=locs, **get)

    def wrong(self, node: Node, label: str) -> tuple[WrongAnswer, ...]:
        what = f"{label} wrong"
        if isinstance(node, MappingNode):
            out: list[WrongAnswer] = []
            for key, value in self.mapping(node, what) or []:
                text = self.text(key, f"an answer in {what}")
                feedback = "" if _is_null(value) else self.text(value, f"feedback in {what}")
                if text is not None and feedback is not None:
                    out.append(WrongAnswer(text, feedback))
            return tuple(out)
        return tuple(WrongAnswer(t) for t, _ in self.texts(node, what, single_ok=True))

    def answer_fields(
        self, qtype: str, fields: dict[str, Node], label: str, get: dict[str, Any]
    ) -> None:
        """Read the fields that hold a question's answer, by type, into ``get``."""
        if qtype == "short" and "answer" in fields:
            get["parts"] = self.short_parts(fields["answer"], label)
            if "accept" in fields:
                get["accept"] = tuple(v for v, _ in self.texts(fields["accept"],
                                                               f"{label} accept", single_ok=True))
                if len(get["parts"]) > 1:
                    self.report(
                        fields["accept"],
                        f"{label}: 'accept' lists other whole answers for a single answer; "
                        "for a list answer give a part its alternatives, e.g. "
                        "[[Bukharin, Nikolai Bukharin], Tomsky, Rykov]",
                    )
            if "ordered" in fields:
                get["ordered"] = bool(self.flag(fields["ordered"], f"{label} ordered"))
        elif qtype in ("choice", "multi") and "options" in fields:
            options = self.texts(fields["options"], f"{label} options")
            names = self.unique(options, f"{label} options", "option")
            get["options"] = tuple(names)
            if self.is_a(fields["options"], SequenceNode) and len(fields["options"].value) < 2:
                self.report(fields["options"], f"{label}: a {qtype} question needs at least "
                                               "2 options")
            if "answer" in fields:
                answers = self.texts(fields["answer"], f"{label} answer",
                                     single_ok=True)
                if qtype == "choice" and self.is_a(fields["answer"], SequenceNode):
                    self.report(fields["answer"], f"{label}: a choice question has one answer; "
                                                  "use type: multi for several")
                    answers = []
                elif not answers and self.is_a(fields["answer"], SequenceNode) \
                        and not fields["answer"].value:
                    self.report(fields["answer"], f"{label}: a {qtype} question needs at least "
                                                  "one answer")
                # Only when every option could be read: else the answer's "not an option"
                # would just repeat the options' own problem.
                options_read = self.is_a(fields["options"], SequenceNode) and len(options) == len(
                    fields["options"].value)
                for value, vnode in answers:
                    if options_read and value not in names:
                        self.report(vnode, f"{label}: answer {quote(value)} is not one of "
                                           f"the options{did_you_mean(value, names)}")
                get["correct"] = tuple(self.unique(answers, f"{label} answer", "answer"))
            if "shuffle" in fields:
                get["shuffle"] = bool(self.flag(fields["shuffle"], f"{label} shuffle"))
        elif qtype == "truefalse" and "answer" in fields:
            truth = self.flag(fields["answer"], f"{label} answer")
            get["truth"] = bool(truth)
        elif qtype == "order" and "items" in fields:
            items = self.unique(self.texts(fields["items"], f"{label} items"),
                                f"{label} items", "item")
            if self.is_a(fields["items"], SequenceNode) and len(fields["items"].value) < 2:
                self.report(fields["items"], f"{label}: an order question needs at least 2 items")
            get["items"] = tuple(items)
        elif qtype == "match" and "pairs" in fields:
            pairs: list[tuple[str, str]] = []
            for lnode, rnode in self.mapping(fields["pairs"], f"{label} pairs") or []:
                left = self.text(lnode, f"a left side in {label} pairs")
                right = self.text(rnode, f"the match for {quote(lnode.value)} in {label} pairs")
                if left is not None and right is not None:
                    pairs.append((left, right))
            if self.is_a(fields["pairs"], MappingNode) and len(fields["pairs"].value) < 2:
                self.report(fields["pairs"], f"{label}: a match question needs at least 2 pairs")
            get["pairs"] = tuple(pairs)
        elif qtype == "cloze" and "text" in fields:
            text = self.text(fields["text"], f"{label} text")
            if text is not None:
                get["text"] = text
                get["gaps"] = self.cloze_gaps(text, fields["text"], label)
        elif qtype == "recall" and "answer" in fields:
            get["model_answer"] = self.text(fields["answer"], f"{label} answer") or ""

    def unique(self, values: list[tuple[str, Node]], what: str, noun: str) -> list[str]:
        seen: set[str] = set()
        out: list[str] = []
        for value, node in values:
            folded = value.casefold()
            if folded in seen:
                self.report(node, f"{what}: {noun} {quote(value)} is listed twice")
                continue
            seen.add(folded)
            out.append(value)
        return out

    def short_parts(self, node: Node, label: str) -> tuple[tuple[str, ...], ...]:
        what = f"{label} answer"
        if isinstance(node, ScalarNode):
            value = self.text(node, what)
            return ((value,),) if value is not None else ()
        items = self.sequence(node, what)
        if items is not None and not items:
            self.report(node, f"{what} is an empty list")
        parts: list[tuple[str, ...]] = []
        for item in items or []:
            if isinstance(item, SequenceNode):
                alts = tuple(v for v, _ in self.texts(item, f"alternatives in {what}"))
                if not alts and not item.value:
                    self.report(item, f"{what}: a part's list of alternatives is empty")
                if alts:
                    parts.append(alts)
            else:
                value = self.text(item, f"a part of {what}")
                if value is not None:
                    parts.append((value,))
        return tuple(parts)

    def cloze_gaps(self, text: str, node: Node, label: str) -> tuple[tuple[str, ...], ...]:
        gaps = parse_gaps(text)
        where = loc_of(node)
        if not gaps:
            self.report(node, f"{label}: a cloze text needs at least one gap written "
                              "{{answer}} or {{answer|alternative}}")
        for n, (_s, _e, alts) in enumerate(gaps, 1):
            if not alts:
                self.report(where, f"{label}: gap {n} of the cloze text is empty")
        unclosed = text.count("{{") - len(gaps)
        if unclosed > 0 or "}}" in _strip_gaps(text):
            self.report(where, f"{label}: the cloze text has an unmatched '{{{{' or '}}}}'")
        return tuple(alts for _s, _e, alts in gaps)


_TRUE_WORDS = ("yes", "true", "on", "y")
#: Stands in for a text that could not be read, in a bank that is refused anyway.
_UNREADABLE = "(unreadable)"
_TAGS_ALLOWED = ": a bank holds only text, numbers, true/false, lists and mappings"


def quote(value: str, width: int = 60) -> str:
    """``'value'`` for a message: on one line (escapes shown) and cut short if long."""
    return repr(value if len(value) <= width else value[: width - 1] + "…")


def _strip_gaps(text: str) -> str:
    out, pos = [], 0
    for start, end, _ in parse_gaps(text):
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


def _label(node: Node, noun: str) -> str:
    """``question 'qid'`` when the mapping at ``node`` has a readable id, else the noun."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" \
                    and isinstance(value, ScalarNode) and value.value.strip():
                return f"{noun} {quote(value.value.strip(), 80)}"
    return noun


def loc_of(node: Node) -> Loc:
    mark = node.start_mark
    return Loc(mark.line + 1, mark.column + 1)


def read_source(path: Path, name: str | None = None) -> tuple[str | None, Problem | None]:
    """The text of a bank file, or the problem that stops it being read."""
    name = name or str(path)
    try:
        with path.open("rb") as f:
            # Bounded, so that /dev/zero or a huge file by mistake cannot hang us.
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, Problem(name, 1, 1, "no such file")
    except IsADirectoryError:
        return None, Problem(name, 1, 1, "is a directory, not a bank file")
    except PermissionError:
        return None, Problem(name, 1, 1, "permission denied: cannot read this file")
    except OSError as exc:
        return None, Problem(name, 1, 1, f"cannot read this file: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return None, Problem(name, 1, 1, f"the file is larger than {MAX_BYTES // 2**20} MB: "
                                         "it is not a bank (a bank of 5,000 questions is "
                                         "about 4 MB)")
    return decode(data, name)


def decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            name, line, col,
            f"byte 0x{data[exc.start]:02x} is not UTF-8 text: save the file as UTF-8",
        )


def parse(text: str, source: str) -> tuple[Bank | None, list[Problem]]:
    """Build and check a bank from its YAML text, as :func:`load` does a file.

    Returns the bank (None when there is any error) and every problem found,
    errors and warnings, in file order; ``source`` names the file in them.
    """
    # Building the node tree allocates hundreds of thousands of objects and no
    # reference cycles; left on, the cycle collector walks the growing tree again
    # and again, which doubles the time to load a large bank.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, source)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, source: str) -> tuple[Bank | None, list[Problem]]:
    from powerquiz.bank.validate import validate

    root, problem = _compose(text, source)
    if problem is not None:
        return None, [problem]
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL and not root.value):
        return None, [
            Problem(source, 1, 1, "the file is empty: a bank needs bank, title, topics "
                                  "and questions (see docs/bank-format.md)")
        ]
    reader = _Reader(source)
    try:
        draft = reader.bank(root)
    except RecursionError:  # pragma: no cover - libyaml refuses deep nesting first
        return None, [Problem(source, 1, 1, "the YAML is nested too deeply")]
    problems = reader.problems
    if draft is not None:
        # The draft holds every question whose id could be read, so that one mistake
        # in a question does not hide a duplicate id or an unknown topic.
        problems += validate(draft)
    problems.sort(key=lambda p: (p.line, p.col))
    if draft is None or any(p.is_error for p in problems):
        return None, problems
    return draft, problems


def _compose(text: str, source: str) -> tuple[Node | None, Problem | None]:
    """The YAML node tree of ``text``, or the problem that stops it being read."""
    try:
        return yaml.compose(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            # e.g. an unclosed [ or quote: the error shows where YAML gave up, this where
            # the thing it was reading began.
            what += f" (it began at line {start.line + 1}, column {start.column + 1})"
        return None, Problem(source, line, col, f"YAML syntax error: {what}")
    except yaml.reader.ReaderError as exc:
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        at = text.find(char)
        loc = _loc_in(text, at) if at >= 0 else Loc(1, 1)
        if char == "\x00":
            message = "the file holds a NUL byte: it is not a text file"
        else:
            message = (f"the character {char!r} (U+{ord(char[:1] or ' '):04X}) is not allowed "
                       "in YAML: remove it (it is often pasted in by accident)")
        return None, Problem(source, loc.line, loc.col, message)
    except UnicodeEncodeError as exc:  # a lone surrogate, only from a str built in code
        loc = _loc_in(text, exc.start)
        return None, Problem(source, loc.line, loc.col, "the text holds a character that is "
                                                        "not valid Unicode")
    except yaml.YAMLError as exc:  # pragma: no cover - every known error is handled above
        return None, Problem(source, 1, 1, f"YAML error: {str(exc).splitlines()[0]}")
    except RecursionError:  # pragma: no cover - libyaml refuses deep nesting first
        return None, Problem(source, 1, 1, "the YAML is nested too deeply")


def _loc_in(text: str, index: int) -> Loc:
    """The line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return Loc(text.count("\n", 0, index) + 1, index - line_start + 1)


def load(path: str | Path, *, name: str | None = None) -> tuple[Bank | None, list[Problem]]:
    """Read and check a bank file: the bank (None on any error) and every problem.

    Warnings come back too; use :func:`load_bank` to get a bank or an exception.
    """
    source = name or str(path)
    text, problem = read_source(Path(path), source)
    if problem is not None:
        return None, [problem]
    assert text is not None
    return parse(text, source)


def load_bank(path: str | Path, *, name: str | None = None) -> Bank:
    """The bank in ``path``; raises :class:`BankError` listing every error found."""
    bank, problems = load(path, name=name)
    if bank is None:
        raise BankError(problems)
    return bank
