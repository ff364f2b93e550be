"""The terminal view of ``powerquiz class report``: the figures as plain lines of text.

Every line fits 80 columns and carries its meaning in words and numbers (no colour
needed); the HTML view puts the same sections under its charts.  Also here: the CSV
(formula-safe) and the ``--suggest-wrong`` YAML.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import yaml

from powerquiz.bank.model import Bank
from powerquiz.bank.wording import one_line, visible
from powerquiz.exports.common import neutralise_formula
from powerquiz.reports import FLAGS, ClassReport

__all__ = ["SUGGEST_MIN_STUDENTS", "csv_text", "sections", "suggest_wrong"]

Section = tuple[str, list[str]]
#: A wrong answer is suggested for the bank when at least this many students gave it.
SUGGEST_MIN_STUDENTS = 2
#: Topic columns of the students grid per block (each 8 wide beside a 20-wide name).
GRID_COLUMNS = 7


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _text(value: str, width: int = 0) -> str:
    shown = one_line(visible(value))
    if width and len(shown) > width:
        shown = shown[: width - 1] + "…"
    return shown


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _overview(doc: dict[str, Any]) -> Section:
    reviews = sum(s["reviews"] for s in doc["students"])
    lines = [f"{_plural(len(doc['students']), 'student')}, {_plural(reviews, 'answer')}."]
    if doc["changed_questions"]:
        lines.append("Edited since some students answered them (their figures mix versions):")
        lines += [f"  {_text(q, 76)}" for q in doc["changed_questions"]]
    bank = doc["bank"]
    return f"Class report: {_text(bank['title'], 50)} ({_text(bank['id'], 20)})", lines


def _questions(doc: dict[str, Any]) -> Section:
    lines = [f"{'question':<30} {'tries':>6} {'pupils':>6} {'facility':>8} {'discrim.':>8}"]
    for q in doc["questions"]:
        lines.append(f"{_text(q['id'], 30):<30} {q['attempts']:>6} {q['students']:>6} "
                     f"{_pct(q['facility']):>8} {_num(q['discrimination']):>8}")
        lines += [f"  ! {FLAGS[flag]}" for flag in q["flags"]]
    lines.append("Facility: mean first-attempt score. Discrimination: where 5 or more answered.")
    return "Questions", lines


def _misconceptions(doc: dict[str, Any]) -> Section:
    lines: list[str] = []
    for q in doc["questions"]:
        if not q["wrong_answers"]:
            continue
        lines.append(_text(q["id"], 78))
        for w in q["wrong_answers"]:
            known = "in the bank" if w["known"] else "not in the bank"
            lines.append(f"  {_text(w['answer'], 36):<36} {_plural(w['count'], 'time'):>9}, "
                         f"{_plural(w['students'], 'student'):>11}, {known}")
    return "Misconceptions", lines or ["No wrong answers yet."]


def _grid(doc: dict[str, Any], bank: Bank) -> Section:
    topics = [t.id for t in bank.topics]
    lines = ["Each cell is mastery/accuracy in %; mastery is mean recall now."]
    for start in range(0, max(len(topics), 1), GRID_COLUMNS):
        block = topics[start:start + GRID_COLUMNS]
        labels = [f"T{start + i + 1}" for i in range(len(block))]
        lines.append(f"{'student':<20} {'all':>8}" + "".join(f"{t:>8}" for t in labels))
        for s in doc["students"]:
            cells = [_cell(s["topics"].get(t, {})) for t in block]
            lines.append(f"{_text(s['name'], 20):<20} {_cell(s):>8}" +
                         "".join(f"{c:>8}" for c in cells))
        lines += [f"  {label} = {_text(t, 70)}" for label, t in zip(labels, block, strict=True)]
    return "Students × topics", lines


def _cell(figures: dict[str, Any]) -> str:
    mastery, accuracy = figures.get("mastery"), figures.get("accuracy")
    if mastery is None and accuracy is None:
        return "—"
    m = "—" if mastery is None else str(round(mastery * 100))
    a = "—" if accuracy is None else str(round(accuracy * 100))
    return f"{m}/{a}"


def _at_risk(report: ClassReport) -> Section:
    lines = [f"{_text(r['name'], 30):<30} mastery {_pct(r['mastery']):>4}, "
             f"{_plural(int(r['overdue']), 'question')} overdue" for r in report.at_risk]
    return "Most at risk (lowest mastery, most overdue)", lines or ["No students."]


def _class_topics(doc: dict[str, Any]) -> Section:
    lines = [f"{'topic':<40} {'mastery':>8} {'accuracy':>9}"]
    lines += [f"{_text(t['id'], 40):<40} {_pct(t['mastery']):>8} {_pct(t['accuracy']):>9}"
              for t in doc["topics"]]
    lines.append("")
    lines.append(f"{'learning point':<40} {'mastery':>8} {'practised by':>13}")
    for p in doc["points"]:
        who = "no one" if not p["students_practised"] else _plural(p["students_practised"],
                                                                   "student")
        lines.append(f"{_text(p['id'], 40):<40} {_pct(p['mastery']):>8} {who:>13}")
    return "Class mastery by topic and learning point", lines


def _exam(doc: dict[str, Any]) -> Section:
    exam = doc["exam"]
    if exam is None:
        return "Mock exam", ["No one has sat `powerquiz exam` yet."]
    lines = [f"{_text(s['name'], 30):<30} {_pct(s['score']):>6}" for s in exam["students"]]
    alpha = "—" if exam["alpha"] is None else f"{exam['alpha']:.2f}"
    lines.append(f"Mean {_pct(exam['mean'])} · SD {_pct(exam['sd'])} · "
                 f"Cronbach's alpha {alpha}")
    return "Mock exam", lines


def sections(report: ClassReport, bank: Bank) -> list[Section]:
    """Every section of the terminal view, in order."""
    doc = report.doc
    return [_overview(doc), _questions(doc), _misconceptions(doc), _grid(doc, bank),
            _at_risk(report), _class_topics(doc), _exam(doc)]


def suggest_wrong(report: ClassReport, bank: Bank) -> str:
    """Ready-to-paste YAML: for each question, a ``wrong:`` list of the wrong answers at
    least :data:`SUGGEST_MIN_STUDENTS` students gave that the bank does not have yet."""
    blocks = []
    for q in bank.questions:
        fresh = [g for g in report.wrong.get(q.id, [])
                 if not g.known and len(g.students) >= SUGGEST_MIN_STUDENTS]
        if not fresh:
            continue
        body = yaml.safe_dump({"wrong": [g.answer for g in fresh]}, allow_unicode=True,
                              sort_keys=False, default_flow_style=False, width=1000)
        counts = ", ".join(f"{len(g.students)}" for g in fresh)
        blocks.append(f"# {one_line(visible(q.id))}: add to its wrong: entries, then write "
                      f"the feedback (students who gave each: {counts})\n{body}")
    if not blocks:
        return "# No frequent wrong answer is missing from the bank.\n"
    return "\n".join(blocks)


def csv_text(report: ClassReport) -> str:
    """One row per student × question, every text cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = ["student", "question", "topic", "attempts", "first_score", "last_score",
               "right", "recall"]
    writer.writerow(columns)
    for row in report.rows:
        writer.writerow([neutralise_formula(v) if isinstance(v, str) else
                         "" if v is None else v for v in (row[c] for c in columns)])
    return out.getvalue()
