"""The HTML view of ``powerquiz class report``: one self-contained, printable page.

Charts are pygal's own SVG (the library ``stats --html`` uses), inlined with no script,
with the terminal view's sections as text beneath them.
"""

from __future__ import annotations

import html
from typing import Any

from powerquiz.bank.model import Bank
from powerquiz.bank.wording import one_line, visible
from powerquiz.cli.charts import PAGE_CSS, chart_config, pygal
from powerquiz.cli.class_view import sections
from powerquiz.reports import ClassReport

__all__ = ["render_html"]


def _config(rows: int) -> dict[str, Any]:
    return chart_config(height=max(240, 60 + 22 * rows), truncate_label=40)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _bars(title: str, rows: list[tuple[str, float | None]]) -> str:
    chart = pygal.HorizontalBar(range=(0, 100), title=title, show_legend=False,
                                **_config(len(rows)))
    chart.x_labels = [one_line(visible(label)) for label, _ in rows] or ["(none)"]
    chart.add("%", [_percent(value) or 0 for _, value in rows] or [0])
    return str(chart.render(is_unicode=True))


def _facility_chart(doc: dict[str, Any]) -> str:
    rows = [(q["id"], q["facility"]) for q in doc["questions"] if q["facility"] is not None]
    return _bars("Facility by question (% mean first-attempt score)", rows)


def _topic_chart(doc: dict[str, Any]) -> str:
    return _bars("Class mastery by topic (% recall now)",
                 [(t["id"], t["mastery"]) for t in doc["topics"]])


def _student_chart(doc: dict[str, Any]) -> str:
    return _bars("Mastery by student (% recall now)",
                 [(s["name"], s["mastery"]) for s in doc["students"]])


def render_html(report: ClassReport, bank: Bank) -> str:
    """The whole page for ``report``."""
    doc = report.doc
    charts = {
        "Facility by question": _facility_chart(doc),
        "Class mastery by topic": _topic_chart(doc),
        "Mastery by student": _student_chart(doc),
    }
    title = f"powerquiz class report: {bank.title}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{PAGE_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for name, svg in charts.items():
        parts.append(f'<figure class="chart" aria-label="{html.escape(name)}">{svg}</figure>')
    for heading, lines in sections(report, bank):
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts.append(f"<pre>{html.escape(chr(10).join(lines))}</pre>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
