"""Reading the composed YAML node tree: shapes, text, flags, ids and keys, located.

The primitives every part of the bank schema uses (:mod:`powerquiz.bank.schema`, and
each question type's own fields in :mod:`powerquiz.qtypes`).  Each problem is collected
with its line and column; reading carries on past it so a teacher sees all at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from powerquiz.bank.model import Loc
from powerquiz.bank.problems import Problem, Severity, control_problem, quote
from powerquiz.bank.wording import CONTROL, CONTROL_ANY
from powerquiz.bank.yaml_mistakes import CURLY_OPENERS, comment_only, value_warnings

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


SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A surrogate or any control character (what :data:`CONTROL_ANY` finds): one search
#: tells the usual text, which has neither, from the rest.
_ODD = re.compile("[\ud800-\udfff\x00-\x1f\x7f-\x9f]")

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



class NodeReader:
    """Reads values from the composed YAML tree, collecting every problem found."""

    def __init__(self, source: str, text: str = "") -> None:
        self.source = source
        #: The source text's lines, for what YAML read without the teacher's meaning.
        self.lines = text.splitlines()
        #: The keys suggested for misspelt ones by the last :meth:`keys` call.
        self.suggested: set[str] = set()
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
            elif not tag.startswith("!!") and isinstance(node, ScalarNode) and not why:
                self.report(node, f"YAML tag {quote(tag)} is not allowed: YAML reads a value "
                                  "starting with '!' as a tag; put the text in quotes if you "
                                  "mean it as text")
            else:
                self.report(node, f"YAML tag {quote(tag)} is not allowed{why or _TAGS_ALLOWED}")
        return True

    def text(
        self, node: Node, what: str, *, numbers: bool = True, one_line: bool = False
    ) -> str | None:
        """A piece of text, refusing values YAML 1.1 would silently change.

        Control characters are refused (tab and newline too where ``one_line``);
        a surrogate pair written as two JSON escapes is joined into its character.
        """
        value = self._text(node, what, numbers=numbers)
        if value is None:
            return None
        if _ODD.search(value) is None:  # the usual case: no surrogate, no control character
            self._value_warnings(node, what)
            return value
        if _SURROGATE.search(value):
            try:
                value = value.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                self.report(node, f"{what} holds half of a surrogate pair (a \\ud800-\\udfff "
                                  "escape without its other half): it is not a character")
                return None
        bad = (CONTROL_ANY if one_line else CONTROL).search(value)
        if bad is not None:
            self.report(node, control_problem(what, bad.group()))
            return None
        self._value_warnings(node, what)
        return value

    @cached_property
    def _comment_lines(self) -> frozenset[int]:
        """The (0-based) numbers of the lines with a ``#`` in them."""
        return frozenset(n for n, line in enumerate(self.lines) if "#" in line)

    def _value_warnings(self, node: Node, what: str) -> None:
        """Report :func:`value_warnings` for a text ``node``, asking only when one can be
        (a plain value starting with a curly quote, or on a line with a ``#``)."""
        if not isinstance(node, ScalarNode) or node.style not in (None, "") or not self.lines:
            return
        if node.value[:1] not in CURLY_OPENERS and node.end_mark.line not in self._comment_lines:
            return
        for found in value_warnings(node, self.lines):
            self.report(Loc(found.line, found.col), f"{what}: {found.message}", "warning")

    def _text(self, node: Node, what: str, *, numbers: bool = True) -> str | None:
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
            self.report(node, f"{what} must be text, not {_describe(node)}{_flow_hint(node)}")
            return None
        value = node.value
        if tag == _TS:  # a date: its text is what the teacher wrote
            return value
        if tag == _NULL:
            self.report(node, f"{what} is empty{comment_only(node, self.lines)}")
            return None
        if tag == _BOOL:
            self.report(
                node,
                f"{what}: YAML reads {value} as the boolean {value.lower() in _YAML_TRUE}; "
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
            return word in _YAML_TRUE
        if isinstance(node, ScalarNode) and node.value.strip().lower() in ("true", "false"):
            quoted: str = node.value.strip().lower()
            return quoted == "true"
        self.report(node, f"{what} must be true or false, not {_describe(node)}")
        return None

    def texts(
        self, node: Node, what: str, *, single_ok: bool = False, one_line: bool = False
    ) -> list[tuple[str, Node]]:
        """A list of texts (or one text where ``single_ok``), each with its node."""
        if single_ok and isinstance(node, ScalarNode):
            value = self.text(node, what, one_line=one_line)
            return [(value, node)] if value is not None else []
        items = self.sequence(node, what)
        if items is None:
            return []
        out: list[tuple[str, Node]] = []
        for item in items:
            value = self.text(item, f"an entry of {what}", one_line=one_line)
            if value is not None:
                out.append((value, item))
        return out

    def slug(self, node: Node, what: str) -> str | None:
        value = self.text(node, what, one_line=True)
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
        suggested = self.suggested = set()
        for key, value in pairs:
            name = key.value
            if name in allowed:
                found[name] = value
            elif name in known and explain_misplaced is not None:
                self.report(key, f"{what}: {explain_misplaced(name)}")
            else:
                close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean {quote(close[0])}?)" if close else ""
                suggested.update(close)
                self.report(key, f"{what}: unknown key {quote(name)}{hint}")
        for name in required:
            # A misspelt key already says which key it should be: one mistake, one message.
            if name not in found and name not in suggested:
                self.report(where, f"{what}: missing required key '{name}'")
        return found

    # -- the bank -------------------------------------------------------------------

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


_YAML_TRUE = ("yes", "true", "on", "y")
#: Stands in for a text that could not be read, in a bank that is refused anyway.
_TAGS_ALLOWED = ": a bank holds only text, numbers, true/false, lists and mappings"

def _flow_hint(node: Node) -> str:
    """For text YAML read as a mapping: written as ``{...}`` (a cloze text's ``{{``), or
    holding ``: `` on one line (``- Henry VIII: the break``), and how to keep it text."""
    if not isinstance(node, MappingNode):
        return ""
    if node.flow_style:
        return ": a value starting with '{' is read by YAML as a mapping; put the text in quotes"
    key, value = node.value[0] if len(node.value) == 1 else (None, None)
    if isinstance(key, ScalarNode) and isinstance(value, ScalarNode) \
            and key.start_mark.line == value.end_mark.line and key.style in (None, ""):
        return (f" (YAML reads {quote(f'{key.value}: {value.value}')} as a key and its "
                "value, split at ': '): put the whole text in quotes")
    return ""


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL



def loc_of(node: Node) -> Loc:
    mark = node.start_mark
    return Loc(mark.line + 1, mark.column + 1)


