"""A bank's problems as ``validate`` reports them: lines to print, or data for a script.

Errors are never grouped: each keeps its own ``FILE:LINE:COL`` line.  A warning said
of many questions (or learning points) in the same words, "question 'q7' has no
explanation", is one line with a count and the first few ids::

    bank.yaml: warning: 42 questions have no explanation: add 'explain' to teach why
    (q1, q7, q9 and 39 more; --all lists each)

unless ``every`` is set (``validate --all``), which lists each located warning.
Grouping is one pass over the problems, so a bank of any size is reported in time
linear in its number of problems.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from powerquiz.bank.problems import Problem, Severity

#: A warning said of at least this many ids is printed as one line.
GROUP_AT = 3
#: How many ids a grouped line names.
SHOWN_IDS = 3
#: "question 'x' has no explanation": what it is said of, its id and what is said.
_SAID_OF = re.compile(r"(question|learning point) '([^']*)'( .*)", re.DOTALL)
#: The verb after the id, as said of several.
_PLURAL_VERBS = {" has ": " have ", " is ": " are ", " does ": " do ", " was ": " were "}


@dataclass(frozen=True)
class Line:
    """One line of the report and how serious it is (for its colour)."""

    text: str
    severity: Severity


def _group_key(p: Problem) -> tuple[str, str] | None:
    """(what, what is said) for a warning that can be grouped, or None."""
    if p.is_error:
        return None
    found = _SAID_OF.fullmatch(p.message)
    return (found.group(1), found.group(3)) if found else None


def _plural(what: str, said: str) -> str:
    for one, several in _PLURAL_VERBS.items():
        if said.startswith(one):
            return f"{what}s {several.strip()} {said[len(one):]}"
    return f"{what}s:{said}"


def _grouped_line(file: str, key: tuple[str, str], members: list[Problem]) -> Line:
    ids = [_id_of(p) for p in members[:SHOWN_IDS]]
    more = len(members) - len(ids)
    named = ", ".join(ids) + (f" and {more} more" if more else "")
    text = (f"{file}: warning: {len(members)} {_plural(*key)} "
            f"({named}; --all lists each)")
    return Line(text, "warning")


def _id_of(p: Problem) -> str:
    found = _SAID_OF.fullmatch(p.message)
    return found.group(2) if found else ""


def report_lines(problems: Sequence[Problem], *, every: bool = False) -> list[Line]:
    """The lines ``validate`` prints for ``problems`` (already in file order).

    A group's line stands where its first warning would have.
    """
    if every:
        return [Line(str(p), p.severity) for p in problems]
    members: dict[tuple[str, tuple[str, str]], list[Problem]] = defaultdict(list)
    keys = [_group_key(p) for p in problems]
    for p, key in zip(problems, keys, strict=True):
        if key is not None:
            members[p.file, key].append(p)
    lines: list[Line] = []
    for p, key in zip(problems, keys, strict=True):
        group = members[p.file, key] if key is not None else []
        if len(group) < GROUP_AT:
            lines.append(Line(str(p), p.severity))
        elif group[0] is p and key is not None:
            lines.append(_grouped_line(p.file, key, group))
    return lines


def problem_data(p: Problem) -> dict[str, Any]:
    """One problem as JSON-ready data."""
    return {"file": p.file, "line": p.line, "col": p.col, "severity": p.severity,
            "message": p.message}


def report_data(source: str, problems: Sequence[Problem], *, valid: bool,
                questions: int | None = None) -> dict[str, Any]:
    """The whole report as JSON-ready data: every problem, each on its own."""
    errors = sum(p.is_error for p in problems)
    return {
        "file": source,
        "valid": valid,
        "questions": questions,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [problem_data(p) for p in problems],
    }
