"""The question-type registry: everything the core knows about each type, in one place.

Each type (short, choice, ...) has one home module in :mod:`powerquiz.qtypes`
that builds a :class:`QuestionKind` and calls :func:`register`.  The kind says:

- its YAML fields: the keys it allows and requires, and how they are read and
  checked (``read``);
- the bank-side views: ``to_dict``, ``expected``, ``display_prompt``, ``display_choices``;
- the marking side: ``parse`` (command-line words), ``mark`` and ``model_answers`` /
  ``wrong_accepted`` (the self-check).

Why the registry lives here and the kinds above marking: the bank layer needs a
type's fields to read a file and its ``to_dict`` to write one, but must not import
marking (the layer test).  So this module holds only the table and the shape of an
entry, and imports nothing above the bank; the per-type modules, which import
marking, register into it.  They are found the way plugins are: the first read of
:data:`TYPES` (or of :func:`bank_checks`) imports :data:`PROVIDERS` by name, so the
kinds are there whenever anything needs one, yet ``powerquiz --version`` and
``--help`` load no marking at all.  No core module imports a front end or an exporter.

Front ends and exporters keep their own per-type tables keyed by type name (e.g.
``powerquiz.ui.plain.ASKERS``); ``tests/test_registry.py`` checks that each table
has an entry for every name in :data:`TYPES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from random import Random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - only for the annotations
    from yaml.nodes import Node

    from powerquiz.bank.model import Bank, Question
    from powerquiz.bank.problems import Problem
    from powerquiz.bank.schema import Reader

#: Reads a type's answer fields: (reader, fields by key, label, the Question kwargs to fill).
FieldReader = Callable[["Reader", "Mapping[str, Node]", str, "dict[str, Any]"], None]
#: A model answer the self-check marks: (field, description, answer).
ModelAnswer = tuple[str, str, Any]


def _plain_prompt(q: Question) -> str:
    return q.prompt


def _no_choices(q: Question, rng: Random) -> tuple[str, ...]:
    return ()


def _none_accepted(q: Question) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class QuestionKind:
    """One question type: its fields, its views, and how its answers are read and marked."""

    name: str
    #: The keys this type adds to the common ones, and those of them it needs.
    keys: tuple[str, ...]
    required: tuple[str, ...]
    read: FieldReader
    to_dict: Callable[[Question], dict[str, Any]]
    expected: Callable[[Question], str]
    #: Command-line words -> an answer (raises ``UnreadableAnswer``).
    parse: Callable[[Question, Any], Any]
    #: (question, compiled answers, answer) -> a marking ``Outcome``.
    mark: Callable[[Question, Any, Any], Any]
    #: Every answer the bank gives as right, for the self-check.
    model_answers: Callable[[Question], list[ModelAnswer]]
    #: (wrong entry, how it would be accepted) for each ``wrong:`` entry marked right.
    wrong_accepted: Callable[[Question], list[tuple[str, str]]] = _none_accepted
    #: (field, what) for each answer refused when checked in its own part (a cloze's
    #: gap alternatives, each marked in its gap alone to keep the self-check linear).
    unaccepted_parts: Callable[[Question], list[tuple[str, str]]] = _none_accepted
    display_prompt: Callable[[Question], str] = _plain_prompt
    #: The options, items or right-hand sides to show, in display order.
    display_choices: Callable[[Question, Random], tuple[str, ...]] = _no_choices
    #: Whether the prompt is required (a cloze's text may stand in for it).
    needs_prompt: bool = True
    #: Self-rated by the student (recall): no marker verdict to override.
    self_rated: bool = False


#: The packages whose import registers the question types (and the bank checks).
PROVIDERS = ("powerquiz.qtypes",)


class _Registry(Mapping[str, "QuestionKind"]):
    """The registered kinds by name, in the order registered; read-only but for register()."""

    def __init__(self) -> None:
        self._kinds: dict[str, QuestionKind] = {}
        self._state = "empty"  # -> "loading" -> "loaded"

    def load(self) -> None:
        """Import the providers once (a read while they are importing sees what is there)."""
        if self._state != "empty":
            return
        self._state = "loading"
        try:
            for name in PROVIDERS:
                importlib.import_module(name)
        finally:
            self._state = "loaded"

    def add(self, kind: QuestionKind) -> None:
        self._kinds[kind.name] = kind

    def __getitem__(self, name: str) -> QuestionKind:
        if self._state == "empty":  # looked up for every question read and marked
            self.load()
        return self._kinds[name]

    def __contains__(self, name: object) -> bool:
        if self._state == "empty":
            self.load()
        return name in self._kinds

    def __iter__(self) -> Iterator[str]:
        self.load()
        return iter(self._kinds)

    def __len__(self) -> int:
        self.load()
        return len(self._kinds)


#: Every registered type, by name, in the order registered.
TYPES = _Registry()


def register(kind: QuestionKind) -> QuestionKind:
    """Add ``kind`` to :data:`TYPES` (a second kind of the same name is a mistake)."""
    if kind.name in TYPES._kinds and TYPES._kinds[kind.name] is not kind:
        raise ValueError(f"question type {kind.name!r} is registered twice")
    TYPES.add(kind)
    return kind


#: Checks a higher layer adds to loading (the marker's self-check): each takes a bank
#: that has no other error and returns its problems.  Loading runs them all, so
#: every command that opens a bank refuses what ``validate`` refuses.
BANK_CHECKS: list[Callable[[Bank], list[Problem]]] = []


def register_check(check: Callable[[Bank], list[Problem]]) -> None:
    """Run ``check`` on every bank loaded from now on (once, however often registered)."""
    if check not in BANK_CHECKS:
        BANK_CHECKS.append(check)


def bank_checks() -> list[Callable[[Bank], list[Problem]]]:
    """Every registered bank check, the providers imported first."""
    TYPES.load()
    return list(BANK_CHECKS)


def kind_of(name: str) -> QuestionKind:
    """The registered kind called ``name`` (KeyError for a name never registered)."""
    return TYPES[name]
