"""Read a bank file into the model: reading and decoding the file, composing its YAML.

YAML is composed (not constructed) with libyaml where present: the node tree keeps
line marks, no tag can build an object, and we convert only the shapes the bank
format allows (:mod:`powerquiz.bank.schema`, over the node primitives of
:mod:`powerquiz.bank.yamlnodes`).  Each problem found is collected; loading carries
on past it so a teacher sees all of them at once.  A bank that reads cleanly is then
checked across its parts (:mod:`powerquiz.bank.validate`); a bank *file* also goes
through every check a higher layer registered (:func:`powerquiz.bank.registry.bank_checks`:
the marker's self-check), so what ``validate`` refuses, ``drill`` and ``export`` refuse too.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode

from powerquiz.bank.bundled import display_name
from powerquiz.bank.collector import collector_paused
from powerquiz.bank.model import Bank, Loc
from powerquiz.bank.problems import BankError, Problem
from powerquiz.bank.registry import bank_checks
from powerquiz.bank.schema import (
    BANK_FORMAT,
    COMMON_KEYS,
    POINT_KEYS,
    TOP_KEYS,
    Reader,
    all_question_keys,
    type_keys,
)
from powerquiz.bank.validate import validate
from powerquiz.bank.yaml_mistakes import GUIDE, translate
from powerquiz.bank.yamlnodes import SLUG, loc_of

__all__ = [
    "BANK_FORMAT",
    "COMMON_KEYS",
    "MAX_BYTES",
    "POINT_KEYS",
    "SLUG",
    "TOP_KEYS",
    "decode",
    "load",
    "load_bank",
    "loc_of",
    "parse",
    "read_source",
]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The safe loader's implicit resolvers, by a value's first character, each followed by
#: those for any character (PyYAML's own order).
_WILDCARD = tuple(_BaseLoader.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {first: (*resolvers, *_WILDCARD)
             for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
             if first is not None}
_STR: str = _BaseLoader.DEFAULT_SCALAR_TAG


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, a scalar's tag found without building two lists per scalar.

    PyYAML's ``resolve`` concatenates the resolvers for the value's first character and
    the wildcard ones for every scalar; this walks the same resolvers in the same order
    (``tests/test_loader_resolve.py`` compares the two).  The safe loader has no path
    resolvers, so anything but a scalar is PyYAML's own.
    """

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                if regexp.match(value):
                    return tag  # type: ignore[no-any-return]
        return _STR
_NULL = "tag:yaml.org,2002:null"

#: A bank file larger than this is refused unread (5,000 questions take about 4 MB).
MAX_BYTES = 64 * 2**20


def __getattr__(name: str) -> Any:
    """The key tables that depend on the registered types, computed when asked for."""
    if name == "ALL_QUESTION_KEYS":
        return all_question_keys()
    if name == "TYPE_KEYS":
        return type_keys()
    raise AttributeError(name)


def _not_a_file(mode: int) -> str:
    """Why a file of ``mode`` cannot be a bank (a folder, a pipe), or ""."""
    if stat.S_ISDIR(mode):
        return "is a directory, not a bank file"
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "is a pipe or socket, not a bank file: save the bank to a file first"
    return ""


def read_source(path: Path, name: str | None = None) -> tuple[str | None, Problem | None]:
    """The text of a bank file, or the problem that stops it being read."""
    name = name or str(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, Problem(name, 1, 1, "no such file")
    except IsADirectoryError:
        return None, Problem(name, 1, 1, "is a directory, not a bank file")
    except PermissionError:
        return None, Problem(name, 1, 1, "permission denied: cannot read this file")
    except OSError as exc:
        return None, Problem(name, 1, 1, f"cannot read this file: {exc.strerror or exc}")
    mode = os.fstat(fd).st_mode
    refused = _not_a_file(mode)
    if refused:
        os.close(fd)
        return None, Problem(name, 1, 1, refused)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as f:
        try:
            # Bounded, so that /dev/zero or a huge file by mistake cannot hang us.
            data = f.read(MAX_BYTES + 1)
        except OSError as exc:
            return None, Problem(name, 1, 1, f"cannot read this file: {exc.strerror or exc}")
    if data is None:  # pragma: no cover - a non-blocking device with nothing to read
        return None, Problem(name, 1, 1, "cannot read this file: it is not a regular file")
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
    root, problem = _compose(text, source)
    if problem is not None:
        return None, [problem]
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL and not root.value):
        return None, [
            Problem(source, 1, 1, "the file is empty: a bank needs bank, title, topics "
                                  f"and questions ({GUIDE})")
        ]
    reader = Reader(source, text)
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


#: A surrogate pair written as two escapes (``\\ud83c\\udf89``, as Python's ``json.dumps``
#: writes an emoji), after an even number of backslashes (so itself an escape).
_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I)


def _join_pair(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    return f"{match.group(1)}\\U{code:08x}"


def _compose(text: str, source: str) -> tuple[Node | None, Problem | None]:
    """The YAML node tree of ``text``, or the problem that stops it being read.

    JSON escapes a character beyond U+FFFF as a surrogate pair, which YAML refuses;
    each pair is rewritten as the one ``\\U`` escape YAML reads first.
    """
    if "\\u" in text:
        text = _PAIR.sub(_join_pair, text)
    try:
        return yaml.compose(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        start = exc.context_mark
        began = (start.line + 1, start.column + 1) if start is not None else None
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        plain = translate(text, line, col, exc.problem or "",
                                        exc.context or "", began)
        if plain is not None:
            # PyYAML's own words stay at the end, for a teacher who searches for them.
            return None, Problem(source, plain.line, plain.col,
                                 f"{plain.message} (YAML syntax error: {what})")
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

    Problems name the file as given (``./x.yaml`` stays as typed), the bundled bank
    as :data:`~powerquiz.bank.bundled.BUNDLED_NAME`, or as ``name`` when given.

    Besides :func:`parse`'s checks, the bank goes through every check registered in
    :data:`~powerquiz.bank.registry.BANK_CHECKS` (the marker's self-check), so every
    command that opens a bank file refuses what ``validate`` refuses.

    Warnings come back too; use :func:`load_bank` to get a bank or an exception.
    """
    source = name or display_name(path)
    text, problem = read_source(Path(path), source)
    if problem is not None:
        return None, [problem]
    assert text is not None
    with collector_paused():
        bank, problems = parse(text, source)
        if bank is not None:
            bank, problems = run_checks(bank, problems)
    if bank is not None and name is None and source != str(path):
        # Messages name the bundled bank by BUNDLED_NAME; the bank keeps its real path
        # (export -o must never replace it).
        bank = dataclasses.replace(bank, source=str(path))
    return bank, problems


def run_checks(bank: Bank, problems: list[Problem]) -> tuple[Bank | None, list[Problem]]:
    """``bank`` put through every registered check (the self-check): None on any error."""
    for check in bank_checks():
        problems = problems + check(bank)
    problems.sort(key=lambda p: (p.line, p.col))
    return (None if any(p.is_error for p in problems) else bank), problems


def load_bank(path: str | Path, *, name: str | None = None) -> Bank:
    """The bank in ``path``; raises :class:`BankError` listing every error found."""
    bank, problems = load(path, name=name)
    if bank is None:
        raise BankError(problems)
    return bank
