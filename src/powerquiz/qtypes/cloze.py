"""The cloze: a text with ``{{gaps}}``, each gap marked as a short answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from yaml.nodes import Node

from powerquiz.bank.model import Question, cloze_display, parse_gaps
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.bank.yamlnodes import loc_of
from powerquiz.marking.entry_markers import cloze_entries, mark_cloze, mark_gap
from powerquiz.marking.result import Answer, UnreadableAnswer


def _strip_gaps(text: str) -> str:
    out, pos = [], 0
    for start, end, _ in parse_gaps(text):
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def gaps(r: Reader, text: str, node: Node, label: str) -> tuple[tuple[str, ...], ...]:
    """The alternatives of each gap of ``text``, every malformed gap reported."""
    found = parse_gaps(text)
    where = loc_of(node)
    if not found:
        r.report(node, f"{label}: a cloze text needs at least one gap written "
                       "{{answer}} or {{answer|alternative}}")
    for n, (_s, _e, alts) in enumerate(found, 1):
        if not alts:
            r.report(where, f"{label}: gap {n} of the cloze text is empty")
    unclosed = text.count("{{") - len(found)
    if unclosed > 0 or "}}" in _strip_gaps(text):
        r.report(where, f"{label}: the cloze text has an unmatched '{{{{' or '}}}}'")
    return tuple(alts for _s, _e, alts in found)


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "text" not in fields:
        return
    text = r.text(fields["text"], f"{label} text")
    if text is not None:
        get["text"] = text
        get["gaps"] = gaps(r, text, fields["text"], label)


def to_dict(q: Question) -> dict[str, Any]:
    return {"text": q.text}


def expected(q: Question) -> str:
    return " | ".join(g[0] for g in q.gaps)


def display_prompt(q: Question) -> str:
    """The prompt (if any) above the text with numbered blanks."""
    body = cloze_display(q.text)
    return f"{q.prompt}\n{body}" if q.prompt else body


def parse_cloze(q: Question, words: Sequence[str]) -> Answer:
    n = len(q.gaps)
    entries = list(words)
    if len(entries) == 1 and n > 1:
        entries = cloze_entries(entries[0], n)
    if len(entries) != n:
        raise UnreadableAnswer(
            f"question '{q.id}' has {n} gap{'s' * (n != 1)}: give one answer per gap, "
            f"in order ({len(entries)} given)"
        )
    return entries[0] if n == 1 else entries


def answers_cloze(q: Question) -> list[ModelAnswer]:
    """The first answer of every gap together (alternatives: :func:`unaccepted_gaps`)."""
    if not q.gaps:
        return []
    base = [g[0] for g in q.gaps]
    return [("text", f"its gaps '{' | '.join(base)}'", base)]


def unaccepted_gaps(q: Question) -> list[tuple[str, str]]:
    """(field, what) for each alternative its own gap does not accept.

    Each alternative is marked in its gap alone (the other gaps as written), so a
    cloze of 100 gaps of 8 alternatives costs 700 gap marks, not 700 whole marks.
    """
    return [("text", f"the alternative '{alt}' for gap {i + 1}")
            for i, gap in enumerate(q.gaps) for alt in gap[1:]
            if mark_gap(q, i, alt) < 1.0]


def accepted_cloze(q: Question) -> list[tuple[str, str]]:
    """Each ``wrong:`` entry accepted in some gap (each gap marked on its own)."""
    out: list[tuple[str, str]] = []
    for w in q.wrong:
        for i in range(len(q.gaps)):
            if mark_gap(q, i, w.text) >= 1.0:
                out.append((w.text, f"it is accepted in gap {i + 1}"))
    return out


KIND = register(QuestionKind(
    name="cloze", keys=("text",), required=("text",), needs_prompt=False,
    read=read, to_dict=to_dict, expected=expected, parse=parse_cloze, mark=mark_cloze,
    model_answers=answers_cloze, wrong_accepted=accepted_cloze,
    unaccepted_parts=unaccepted_gaps, display_prompt=display_prompt,
))
