"""The explain question: an extended answer marked point by point against a mark scheme.

Its fields are ``marks`` (the most it earns), ``max`` (at most this many points
credited), ``scheme`` (the points: ``credit``, ``any``, ``marks``, ``not``,
``detail``), ``synonyms`` and ``answer`` (the model answer).  The marker is
:mod:`powerquiz.marking.schememark`; the bank's format is in docs/bank-format.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from yaml.nodes import Node

from powerquiz.bank.model import Detail, Question, SchemeEntry
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.bank.synonyms import read_synonyms
from powerquiz.marking.normalize import fold
from powerquiz.marking.parse import parse_words

if TYPE_CHECKING:
    from powerquiz.marking.scored import Scored

ENTRY_KEYS = ("credit", "marks", "any", "not", "detail")
DETAIL_KEYS = ("marks", "any")


def count(r: Reader, node: Node, what: str) -> int | None:
    """A whole number of marks, at least 1."""
    value = r.text(node, what, one_line=True)
    if value is None:
        return None
    if not value.isdecimal() or int(value) < 1:
        r.report(node, f"{what} must be a whole number of marks, at least 1 (not '{value}')")
        return None
    return int(value)


def phrases(r: Reader, node: Node, what: str) -> tuple[str, ...]:
    found = r.texts(node, what, single_ok=True, one_line=True)
    for v, item in found:
        if not fold(v):
            r.report(item, f"{what}: '{v}' has no words to match")
    return tuple(v for v, _ in found if fold(v))


def detail(r: Reader, node: Node, what: str) -> Detail | None:
    pairs = r.mapping(node, what)
    if pairs is None:
        return None
    fields = r.keys(pairs, DETAIL_KEYS, ("any",), what, node)
    marks = count(r, fields["marks"], f"{what} marks") if "marks" in fields else 1
    anys = phrases(r, fields["any"], f"{what} any") if "any" in fields else ()
    if "any" in fields and not anys:
        r.report(fields["any"], f"{what}: 'any' needs at least one phrase")
    return Detail(anys, marks or 1) if anys else None


def entry(r: Reader, node: Node, what: str) -> SchemeEntry | None:
    pairs = r.mapping(node, what)
    if pairs is None:
        return None
    fields = r.keys(pairs, ENTRY_KEYS, ("credit", "any"), what, node)
    credit = r.text(fields["credit"], f"{what} credit", one_line=True) \
        if "credit" in fields else None
    anys = phrases(r, fields["any"], f"{what} any") if "any" in fields else ()
    if "any" in fields and not anys:
        r.report(fields["any"], f"{what}: 'any' needs at least one way of making the point")
    marks = count(r, fields["marks"], f"{what} marks") if "marks" in fields else 1
    nots = phrases(r, fields["not"], f"{what} not") if "not" in fields else ()
    folded = {fold(a) for a in anys}
    for text in nots:
        if fold(text) in folded:
            r.report(fields["not"], f"{what}: '{text}' is both in 'any' and in 'not'")
    found = detail(r, fields["detail"], f"{what} detail") if "detail" in fields else None
    if credit is None or not anys:
        return None
    return SchemeEntry(credit, anys, marks or 1, nots, found)


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "answer" in fields:
        get["model_answer"] = r.text(fields["answer"], f"{label} answer") or ""
    if "marks" in fields:
        get["marks"] = count(r, fields["marks"], f"{label} marks") or 0
    if "synonyms" in fields:
        get["synonyms"] = read_synonyms(r, fields["synonyms"], f"{label} synonyms")
    entries: list[SchemeEntry] = []
    if "scheme" in fields:
        items = r.sequence(fields["scheme"], f"{label} scheme")
        if items is not None and not items:
            r.report(fields["scheme"], f"{label}: a scheme needs at least one entry")
        for n, item in enumerate(items or [], 1):
            found = entry(r, item, f"{label} scheme entry {n}")
            if found is not None:
                entries.append(found)
        get["scheme"] = tuple(entries)
    if "max" in fields:
        limit = count(r, fields["max"], f"{label} max")
        if limit and items_read(fields) and limit > len(entries) == len(items_read(fields)):
            r.report(fields["max"], f"{label}: max is {limit} but the scheme has only "
                                    f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
        get["max_credited"] = limit or 0
    reachable(r, fields, label, get)


def items_read(fields: Mapping[str, Node]) -> list[Node]:
    node = fields.get("scheme")
    value = getattr(node, "value", None)
    return value if isinstance(value, list) else []


def reachable(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    """Report ``marks`` that no answer can reach with this scheme and ``max``."""
    entries: tuple[SchemeEntry, ...] = get.get("scheme", ())
    marks = get.get("marks", 0)
    if not entries or not marks or len(entries) != len(items_read(fields)):
        return
    values = sorted((e.marks + (e.detail.marks if e.detail else 0) for e in entries),
                    reverse=True)
    best = sum(values[: get.get("max_credited") or len(values)])
    if best < marks:
        r.report(fields["marks"], f"{label}: marks is {marks} but the scheme can give at most "
                                  f"{best}: those marks can never be reached")


def to_dict(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"marks": q.marks}
    if q.max_credited:
        out["max"] = q.max_credited
    scheme: list[dict[str, Any]] = []
    for e in q.scheme:
        item: dict[str, Any] = {"credit": e.credit}
        if e.marks != 1:
            item["marks"] = e.marks
        item["any"] = list(e.any)
        if e.not_:
            item["not"] = list(e.not_)
        if e.detail:
            item["detail"] = {"marks": e.detail.marks, "any": list(e.detail.any)}
        scheme.append(item)
    out["scheme"] = scheme
    if q.synonyms:
        out["synonyms"] = {k: list(v) for k, v in q.synonyms}
    out["answer"] = q.model_answer
    return out


def expected(q: Question) -> str:
    return q.model_answer


def answers_explain(q: Question) -> list[ModelAnswer]:
    """The model answer must earn full marks."""
    return [("answer", "its model answer as full marks", q.model_answer)]


def accepted_explain(q: Question) -> list[tuple[str, str]]:
    """Each ``wrong:`` statement that earns a mark."""
    from powerquiz.marking.schememark import assess

    out = []
    for w in q.wrong:
        a = assess(q, w.text)
        if a.awarded:
            out.append((w.text, f"it earns {a.awarded} mark(s) for {'; '.join(a.credited)}"))
    return out


def mark(q: Question, compiled: object, answer: Any) -> Scored:
    """The explain marker (:func:`powerquiz.marking.schememark.mark_explain`), imported on
    the first explain answer: a bank without explain questions never loads it."""
    from powerquiz.marking.schememark import mark_explain

    return mark_explain(q, compiled, answer)


KIND = register(QuestionKind(
    name="explain", keys=("marks", "max", "scheme", "synonyms", "answer"),
    required=("marks", "scheme", "answer"),
    read=read, to_dict=to_dict, expected=expected, parse=parse_words, mark=mark,
    model_answers=answers_explain, wrong_accepted=accepted_explain,
))
