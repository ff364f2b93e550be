"""The imported bank as YAML a teacher would write, checked by the loader.

Block style, one question after another with a blank line between, keys in the order
of ``Question.to_dict()``, and a comment at the top saying what was imported and when.
The text is read back with :func:`powerquiz.bank.loader.parse`; a question the loader
refuses is dropped (and reported as skipped, with the loader's reason) so the bank
written always validates with no error.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from typing import Any

import yaml

from powerquiz.bank.loader import parse
from powerquiz.bank.model import Bank
from powerquiz.imports.base import ImportFailure, ImportResult


class _Dumper(yaml.SafeDumper):
    """Block style; several-line text as a literal block."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() and "\t" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, default_flow_style=False, sort_keys=False,
                     allow_unicode=True, width=100)


def header(source: str, fmt: str, when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    stamp = when.strftime("%Y-%m-%d %H:%M UTC")
    name = " ".join(source.split())
    return (f"# Imported by 'powerquiz import' from {name} ({fmt}) on {stamp}.\n"
            "# Check it with 'powerquiz validate', then edit it as any bank.\n")


def render(bank: Bank, head: str) -> tuple[str, list[tuple[int, int]]]:
    """The YAML text and the (first, last) line of each question in it."""
    d = bank.to_dict()
    questions = d.pop("questions")
    text = head + "\n" + _dump(d) + "\nquestions:\n"
    spans: list[tuple[int, int]] = []
    for q in questions:
        text += "\n"
        first = text.count("\n") + 1
        body = "".join(f"  {line}\n" if line else "\n" for line in _dump([q]).split("\n")[:-1])
        text += body
        spans.append((first, first + body.count("\n") - 1))
    return text, spans


def to_yaml(result: ImportResult, source: str, when: datetime | None = None
            ) -> tuple[str, ImportResult]:
    """The bank as checked YAML text, and the result with any refused question skipped."""
    head = header(source, result.fmt, when)
    for _attempt in range(3):
        text, spans = render(result.bank, head)
        bank, problems = parse(text, source)
        errors = [p for p in problems if p.is_error]
        if bank is not None and not errors:
            return text, result
        bad: dict[int, str] = {}
        for p in errors:
            for n, (first, last) in enumerate(spans):
                if first <= p.line <= last:
                    bad.setdefault(n, p.message)
        if not bad:
            raise ImportFailure(source, "the imported bank is not valid: "
                                + "; ".join(p.message for p in errors[:3]))
        skipped = dict(result.skipped)
        kept = []
        for n, q in enumerate(result.bank.questions):
            if n in bad:
                skipped.setdefault(f"not a valid question: {bad[n]}", []).append(q.id)
            else:
                kept.append(q)
        used = {q.topic for q in kept}
        new_bank = dataclasses.replace(
            result.bank, questions=tuple(kept),
            topics=tuple(t for t in result.bank.topics if t.id in used))
        result = dataclasses.replace(result, bank=new_bank, skipped=skipped)
    raise ImportFailure(source, "the imported bank could not be made valid")
