"""The cloze: a text with ``{{gaps}}``, each gap marked as a short answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yaml.nodes import Node

from powerquiz.bank.model import Question, cloze_display, parse_gaps
from powerquiz.bank.registry import QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.bank.yamlnodes import loc_of
from powerquiz.marking.entry_markers import mark_cloze
from powerquiz.marking.parse import parse_cloze
from powerquiz.marking.selfcheck import accepted_cloze, answers_cloze


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


KIND = register(QuestionKind(
    name="cloze", keys=("text",), required=("text",), needs_prompt=False,
    read=read, to_dict=to_dict, expected=expected, parse=parse_cloze, mark=mark_cloze,
    model_answers=answers_cloze, wrong_accepted=accepted_cloze, display_prompt=display_prompt,
))
