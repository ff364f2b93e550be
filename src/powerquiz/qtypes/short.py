"""The short answer: one answer (with alternatives and ``accept``), or a list of parts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from powerquiz.bank.model import Question, join_list
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.compiled import compiled
from powerquiz.marking.markers import mark_short, outcome
from powerquiz.marking.parse import parse_words
from powerquiz.marking.result import clamped
from powerquiz.marking.selfcheck import accepted_whole


def parts(r: Reader, node: Node, label: str) -> tuple[tuple[str, ...], ...]:
    """The needed parts of a short answer, each with its alternatives."""
    what = f"{label} answer"
    if isinstance(node, ScalarNode):
        value = r.text(node, what)
        return ((value,),) if value is not None else ()
    items = r.sequence(node, what)
    if items is not None and not items:
        r.report(node, f"{what} is an empty list")
    out: list[tuple[str, ...]] = []
    for item in items or []:
        if isinstance(item, SequenceNode):
            alts = tuple(v for v, _ in r.texts(item, f"alternatives in {what}"))
            if not alts and not item.value:
                r.report(item, f"{what}: a part's list of alternatives is empty")
            if alts:
                out.append(alts)
        else:
            value = r.text(item, f"a part of {what}")
            if value is not None:
                out.append((value,))
    return tuple(out)


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "answer" not in fields:
        return
    get["parts"] = parts(r, fields["answer"], label)
    if "accept" in fields:
        get["accept"] = tuple(v for v, _ in r.texts(fields["accept"], f"{label} accept",
                                                    single_ok=True))
        if len(get["parts"]) > 1:
            r.report(
                fields["accept"],
                f"{label}: 'accept' lists other whole answers for a single answer; "
                "for a list answer give a part its alternatives, e.g. "
                "[[Bukharin, Nikolai Bukharin], Tomsky, Rykov]",
            )
    if "ordered" in fields:
        get["ordered"] = bool(r.flag(fields["ordered"], f"{label} ordered"))


def to_dict(q: Question) -> dict[str, Any]:
    written: list[Any] = [p[0] if len(p) == 1 else list(p) for p in q.parts]
    # One plain part is written bare; one part with alternatives stays nested
    # ([[a, b]]), since a flat [a, b] would be read back as two needed parts.
    single = len(written) == 1 and isinstance(written[0], str)
    out: dict[str, Any] = {"answer": written[0] if single else written}
    if q.accept:
        out["accept"] = list(q.accept)
    if q.ordered:
        out["ordered"] = True
    return out


def expected(q: Question) -> str:
    if len(q.parts) == 1:
        return q.parts[0][0]
    return join_list([p[0] for p in q.parts])


def answers_short(q: Question) -> list[ModelAnswer]:
    out: list[ModelAnswer] = []
    if len(q.parts) == 1:
        out += [("answer", f"its answer '{alt}'", alt) for alt in q.parts[0]]
        out += [("accept", f"its accepted answer '{a}'", a) for a in q.accept]
    elif q.parts:
        base = [p[0] for p in q.parts]
        out.append(("answer", f"its answer '{join_list(base)}'", join_list(base)))
        for i, part in enumerate(q.parts):
            for alt in part[1:]:
                answer = join_list([*base[:i], alt, *base[i + 1 :]])
                out.append(("answer", f"the alternative '{alt}' (as '{answer}')", answer))
    return out


def accepted_short(q: Question) -> list[tuple[str, str]]:
    if len(q.parts) <= 1:
        return accepted_whole(q)
    c = compiled(q)
    return [(w.text, "it is read as one of the needed parts")
            for w in q.wrong if clamped(outcome(q, c, w.text).score) > 0]


KIND = register(QuestionKind(
    name="short", keys=("answer", "accept", "ordered"), required=("answer",),
    read=read, to_dict=to_dict, expected=expected, parse=parse_words, mark=mark_short,
    model_answers=answers_short, wrong_accepted=accepted_short,
))
