"""Checks across a whole bank: ids, references between its parts, likely mistakes.

The loader checks each value's shape; this module checks how the parts fit
together, and works on any :class:`Bank`, however it was built.
"""

from __future__ import annotations

from powerquiz.bank.model import Bank, Loc
from powerquiz.bank.problems import Problem, Severity, did_you_mean, quote


def validate(bank: Bank) -> list[Problem]:
    """Every cross-reference error and warning in ``bank``, in file order."""
    out: list[Problem] = []

    def report(loc: Loc, message: str, severity: Severity = "error") -> None:
        out.append(Problem(bank.source or bank.id, loc.line, loc.col, message, severity))

    topic_ids = [t.id for t in bank.topics]
    point_ids = [p.id for p in bank.points]
    topic_set, point_set = set(topic_ids), set(point_ids)

    first_point: dict[str, Loc] = {}
    for point in bank.points:
        if point.id in first_point:
            report(point.loc, f"duplicate learning point id '{point.id}' "
                              f"(first at line {first_point[point.id].line})")
        else:
            first_point[point.id] = point.loc
        # An empty topic is one the loader could not read (and has reported already).
        if point.topic and point.topic not in topic_set:
            report(point.loc, f"learning point '{point.id}': unknown topic {quote(point.topic)}"
                              f"{did_you_mean(point.topic, topic_ids)}")

    first_question: dict[str, Loc] = {}
    tested: set[str] = set()
    for q in bank.questions:
        label = f"question '{q.id}'"
        if q.id in first_question:
            report(q.where("id"), f"duplicate question id '{q.id}' "
                                  f"(first at line {first_question[q.id].line})")
        else:
            first_question[q.id] = q.loc
        if q.topic and q.topic not in topic_set:
            report(q.where("topic"), f"{label}: unknown topic {quote(q.topic)}"
                                     f"{did_you_mean(q.topic, topic_ids)}")
        for pid in q.points:
            if pid not in point_set:
                report(q.where("points"), f"{label}: unknown learning point {quote(pid)}"
                                          f"{did_you_mean(pid, point_ids)}")
            tested.add(pid)
        if not q.explain:
            report(q.loc, f"{label} has no explanation: add 'explain' to teach why",
                   "warning")

    for point in bank.points:
        if point.id not in tested:
            report(point.loc, f"learning point '{point.id}' is not tested by any question",
                   "warning")

    out.sort(key=lambda p: (p.line, p.col))
    return out
