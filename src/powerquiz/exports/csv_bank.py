"""The whole bank as one spreadsheet (CSV), and :func:`read_csv` to read it back.

One row per thing, told apart by the ``kind`` column:

=========  ==================================================================
kind       what the row holds
=========  ==================================================================
bank       ``bank`` (id), ``bank_title``, ``text`` = the bank's description
topic      ``id``, ``text`` = the topic's title
point      ``id``, ``topic``, ``text`` = the learning point
question   ``id``, ``topic``, ``type`` and the question's fields
=========  ==================================================================

Every row repeats ``bank`` and ``bank_title`` so a filtered view still says where a
row comes from.  The question columns follow the bank format (docs/bank-format.md):

- ``prompt``, ``explain``, ``hint``, ``text`` (a cloze text with its ``{{gaps}}``):
  plain text;
- ``answer``: plain text when it is one piece of text; otherwise JSON — a list
  (a short answer's parts, a multi question's answers), ``true``/``false`` (a
  true/false question), or a JSON string when the text itself starts with ``[``,
  ``{`` or ``"`` or is ``true``/``false``;
- ``options``, ``items``, ``accept``, ``points``, ``tags``: JSON lists;
- ``pairs``: a JSON object, left → right, in order;
- ``wrong``: a JSON list, or a JSON object answer → feedback (``null`` for none) when
  some have feedback;
- ``ordered``, ``shuffle``: ``true``/``false``, empty for the default.

Formula safety: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return — or with ``'`` itself — is written with one extra leading ``'``,
so a spreadsheet shows it as text.  :func:`read_csv` removes exactly one leading
``'`` from any cell that has one, so the round trip is exact.

:func:`read_csv` rebuilds the bank through the same loader and checks as a YAML
bank (:func:`powerquiz.bank.loader.parse` and :func:`powerquiz.bank.validate.validate`),
so a spreadsheet edited by hand is checked just as strictly; problems are reported
at the CSV line of the row they come from.

Every question type fits, so nothing is skipped.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from powerquiz.bank.model import QUESTION_TYPES, Bank, Loc, Question
from powerquiz.bank.problems import BankError, Problem
from powerquiz.exports.common import FORMULA_START, ExportFormat, ExportResult, TypeTable

FORMAT = ExportFormat(
    name="csv",
    suffix=".csv",
    summary="the whole bank as a spreadsheet, every field kept",
)

COLUMNS = (
    "kind", "bank", "bank_title", "id", "topic", "type", "prompt", "answer", "options",
    "items", "pairs", "text", "accept", "ordered", "shuffle", "wrong", "explain", "hint",
    "points", "tags", "marks", "max", "scheme", "synonyms",
)
#: Question keys whose value is a list or mapping, written as JSON.
JSON_KEYS = ("options", "items", "pairs", "accept", "wrong", "points", "tags", "scheme",
             "synonyms")
FLAG_KEYS = ("ordered", "shuffle")
TEXT_KEYS = ("prompt", "text", "explain", "hint")
#: Whole numbers (an explain question's marks and max), written as digits.
COUNT_KEYS = ("marks", "max")
_JSON_LOOKING = ("[", "{", '"')


def protect(cell: str) -> str:
    """A cell a spreadsheet shows as text: one ``'`` before a formula start or a ``'``."""
    if cell.startswith(FORMULA_START) or cell.startswith("'"):
        return "'" + cell
    return cell


def unprotect(cell: str) -> str:
    """The cell's text with the ``'`` added by :func:`protect` removed."""
    return cell[1:] if cell.startswith("'") else cell


def encode_answer(value: Any) -> str:
    """The ``answer`` cell: plain text where that cannot be mistaken for JSON."""
    if isinstance(value, str) and not value.startswith(_JSON_LOOKING) \
            and value not in ("true", "false"):
        return value
    return _json(value)


def decode_answer(cell: str) -> Any:
    if cell.startswith(_JSON_LOOKING) or cell in ("true", "false"):
        try:
            return json.loads(cell)
        except json.JSONDecodeError:
            return cell
    return cell


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


#: Characters YAML refuses in a file, or reads as line breaks inside a quoted string.
_NOT_FOR_YAML = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd"
                           "\U00010000-\U0010ffff]")


def _yaml_json(value: Any) -> str:
    """JSON that YAML reads back unchanged: the characters YAML treats specially escaped."""
    return _NOT_FOR_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", _json(value))


def _row(bank: Bank, kind: str, **cells: str) -> list[str]:
    values = {"kind": kind, "bank": bank.id, "bank_title": bank.title, **cells}
    return [protect(values.get(c, "")) for c in COLUMNS]


def question_cells(q: Question) -> dict[str, str]:
    """The cells of a question row, from the question as the bank format writes it."""
    d = q.to_dict()
    cells: dict[str, str] = {"id": d["id"], "topic": d["topic"], "type": d["type"]}
    for key in TEXT_KEYS:
        if key in d:
            cells[key] = d[key]
    if "answer" in d:
        cells["answer"] = encode_answer(d["answer"])
    for key in JSON_KEYS:
        if key in d:
            value = d[key]
            if key == "wrong" and isinstance(value, dict):
                # An answer without feedback is written null: the loader refuses "".
                value = {text: feedback or None for text, feedback in value.items()}
            cells[key] = _json(value)
    for key in FLAG_KEYS:
        if key in d:
            cells[key] = "true" if d[key] else "false"
    for key in COUNT_KEYS:
        if key in d:
            cells[key] = str(d[key])
    return cells


#: Every type is written the same way: the fields the bank format gives it, a cell each.
TYPES: TypeTable[Callable[[Question], dict[str, str]]] = dict.fromkeys(
    QUESTION_TYPES, question_cells)


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    synonyms = _json(bank.to_dict()["synonyms"]) if bank.synonyms else ""
    writer.writerow(_row(bank, "bank", text=bank.description, synonyms=synonyms))
    for t in bank.topics:
        writer.writerow(_row(bank, "topic", id=t.id, text=t.title))
    for p in bank.points:
        writer.writerow(_row(bank, "point", id=p.id, topic=p.topic, text=p.text))
    for q in questions:
        writer.writerow(_row(bank, "question", **question_cells(q)))
    return ExportResult(data=out.getvalue(), count=len(questions))


# -- reading back ---------------------------------------------------------------------

def _question_dict(row: dict[str, str], line: int, source: str,
                   problems: list[Problem]) -> dict[str, Any]:
    q: dict[str, Any] = {}
    for key in ("id", "topic", "type", "prompt", "answer", "options", "items", "pairs",
                "text", "accept", "ordered", "shuffle", "wrong", "explain", "hint",
                "points", "tags", "marks", "max", "scheme", "synonyms"):
        cell = row.get(key, "")
        if not cell:
            continue
        if key == "answer":
            q[key] = decode_answer(cell)
        elif key in JSON_KEYS:
            try:
                q[key] = json.loads(cell)
            except json.JSONDecodeError as exc:
                problems.append(Problem(source, line, 1, f"column '{key}' is not valid JSON "
                                                         f"({exc.msg}): {cell[:60]}"))
        elif key in COUNT_KEYS:
            q[key] = int(cell) if cell.strip().isdecimal() else cell
        elif key in FLAG_KEYS:
            low = cell.strip().lower()
            q[key] = True if low == "true" else False if low == "false" else cell
        else:
            q[key] = cell
    return q


@dataclasses.dataclass
class _Rows:
    """What the rows of a bank spreadsheet hold, each with the CSV line it came from."""

    bank: dict[str, Any] = dataclasses.field(default_factory=dict)
    topics: dict[str, str] = dataclasses.field(default_factory=dict)
    topic_lines: dict[str, int] = dataclasses.field(default_factory=dict)
    points: list[tuple[int, dict[str, Any]]] = dataclasses.field(default_factory=list)
    questions: list[tuple[int, dict[str, Any]]] = dataclasses.field(default_factory=list)


def _read_rows(reader: csv.DictReader[str], source: str) -> _Rows:
    """Every row, sorted by kind; raises BankError for rows of no known kind."""
    problems: list[Problem] = []
    out = _Rows()
    line = reader.line_num + 1
    for raw in reader:
        row = {k: unprotect(v or "") for k, v in raw.items() if isinstance(k, str)}
        kind = row.get("kind", "").strip()
        if not out.bank and row.get("bank"):
            out.bank = {"bank": row["bank"], "title": row.get("bank_title", "")}
        if kind == "bank":
            out.bank = {"bank": row.get("bank", ""), "title": row.get("bank_title", "")}
            if row.get("text"):
                out.bank["description"] = row["text"]
            if row.get("synonyms"):
                try:
                    out.bank["synonyms"] = json.loads(row["synonyms"])
                except json.JSONDecodeError as exc:
                    problems.append(Problem(source, line, 1, "column 'synonyms' is not valid "
                                                             f"JSON ({exc.msg})"))
        elif kind == "topic":
            out.topics[row.get("id", "")] = row.get("text", "")
            out.topic_lines.setdefault(row.get("id", ""), line)
        elif kind == "point":
            out.points.append((line, {k: row.get(k, "") for k in ("id", "topic", "text")}))
        elif kind == "question":
            out.questions.append((line, _question_dict(row, line, source, problems)))
        elif kind or any(row.values()):
            problems.append(Problem(source, line, 1, f"unknown kind '{kind}': use bank, "
                                                     "topic, point or question"))
        line = reader.line_num + 1
    if problems:
        raise BankError(problems)
    return out


def _json_lines(got: _Rows) -> tuple[list[str], list[int]]:
    """The bank as JSON, one line per point and question, and each line's CSV line."""
    bank = got.bank
    lines = ["{", f'"bank": {_yaml_json(bank.get("bank", ""))},',
             f'"title": {_yaml_json(bank.get("title", ""))},']
    rows = [1, 1, 1]
    if "description" in bank:
        lines.append(f'"description": {_yaml_json(bank["description"])},')
        rows.append(1)
    if "synonyms" in bank:
        lines.append(f'"synonyms": {_yaml_json(bank["synonyms"])},')
        rows.append(1)
    lines.append(f'"topics": {_yaml_json(got.topics)},')
    rows.append(1)
    if got.points:
        lines.append('"points": [')
        rows.append(1)
        for n, (at, point) in enumerate(got.points):
            lines.append(_yaml_json(point) + ("," if n < len(got.points) - 1 else ""))
            rows.append(at)
        lines.append("],")
        rows.append(1)
    lines.append('"questions": [')
    rows.append(1)
    for n, (at, question) in enumerate(got.questions):
        lines.append(_yaml_json(question) + ("," if n < len(got.questions) - 1 else ""))
        rows.append(at)
    lines += ["]", "}"]
    rows += [1, 1]
    return lines, rows


def read_csv(text: str, source: str = "<csv>") -> Bank:
    """The bank a CSV made by :func:`export` (or edited from one) holds.

    Raises :class:`~powerquiz.bank.problems.BankError` listing every problem, each at
    the CSV line of its row.
    """
    from powerquiz.bank.loader import parse
    from powerquiz.bank.validate import validate

    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("kind", "id") if c not in (reader.fieldnames or [])]
    if missing:
        raise BankError([Problem(source, 1, 1, "not a powerquiz bank spreadsheet: the first "
                                               f"row has no '{missing[0]}' column")])
    got = _read_rows(reader, source)
    # One JSON line per point and question, so a problem's line leads back to its row.
    lines, rows = _json_lines(got)

    def relocate(p: Problem) -> Problem:
        at = rows[p.line - 1] if 0 < p.line <= len(rows) else 1
        return dataclasses.replace(p, file=source, line=at, col=1)

    built, found = parse("\n".join(lines) + "\n", source)
    if built is not None:
        found = found + validate(built)
    errors = [relocate(p) for p in found if p.is_error]
    if built is None or errors:
        raise BankError(errors or [Problem(source, 1, 1, "the spreadsheet holds no bank")])
    return _at_csv_lines(built, rows, got.topic_lines)


def _at_csv_lines(bank: Bank, rows: list[int], topic_lines: dict[str, int]) -> Bank:
    """``bank`` with every place moved from the JSON it was parsed from to its CSV line."""

    def at(loc: Loc) -> Loc:
        return Loc(rows[loc.line - 1] if 0 < loc.line <= len(rows) else 1, 1)

    return dataclasses.replace(
        bank,
        topics=tuple(dataclasses.replace(t, loc=Loc(topic_lines.get(t.id, 1), 1))
                     for t in bank.topics),
        points=tuple(dataclasses.replace(p, loc=at(p.loc)) for p in bank.points),
        questions=tuple(
            dataclasses.replace(q, loc=at(q.loc),
                                field_locs={k: at(v) for k, v in q.field_locs.items()})
            for q in bank.questions
        ),
    )
