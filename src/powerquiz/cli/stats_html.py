"""The HTML view of ``powerquiz stats``: one self-contained, printable page of pygal charts.

Charts are pygal's own SVG, inlined (no script, no file or address outside the page), with
the same figures beside them as text, so the page prints and reads without the charts too.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from powerquiz.bank.model import Bank
from powerquiz.cli.charts import PAGE_CSS, chart_config, pygal
from powerquiz.cli.stats_view import sections
from powerquiz.stats import GONE, Report
from powerquiz.stats.days import CALENDAR_WEEKS, calendar_start

__all__ = ["render_html"]


def _svg(chart: Any) -> str:
    return str(chart.render(is_unicode=True))


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _mastery_chart(report: Report) -> str:
    options = chart_config()
    chart = pygal.HorizontalBar(range=(0, 100), title="Mastery by topic (% recall now)",
                                show_legend=False, **options)
    rows = report["topics"]
    chart.x_labels = ["no longer in the bank" if t["id"] == GONE else t["id"] for t in rows]
    chart.add("mastery", [_percent(t["mastery"]) or 0 for t in rows])
    return _svg(chart)


def _forecast_chart(report: Report) -> str:
    options = chart_config()
    chart = pygal.Bar(title="Questions due each day (next 30 days)", show_legend=False,
                      x_label_rotation=60, **options)
    chart.x_labels = [r["date"][5:] for r in report["forecast"]]
    chart.add("due", [r["due"] for r in report["forecast"]])
    return _svg(chart)


def _calendar_chart(report: Report, today: date) -> str:
    options = chart_config()
    counts = {c["date"]: c["reviews"] for c in report["calendar"]}
    start = calendar_start(today)
    chart = pygal.Dot(title=f"Reviews per day (last {CALENDAR_WEEKS} weeks, a column a week)",
                      x_label_rotation=60, show_legend=False, **options)
    chart.x_labels = [
        (start + timedelta(weeks=w)).strftime("%d %b") if w % 4 == 0 else ""
        for w in range(CALENDAR_WEEKS)
    ]
    for weekday in range(7):
        name = (start + timedelta(days=weekday)).strftime("%a")
        values = []
        for week in range(CALENDAR_WEEKS):
            day = start + timedelta(weeks=week, days=weekday)
            values.append(counts.get(day.isoformat(), 0) if day <= today else None)
        chart.add(name, values)
    return _svg(chart)


def _retention_chart(report: Report) -> str:
    options = chart_config()
    chart = pygal.Bar(range=(0, 100), title="True retention (% passed)", **options)
    periods = ["today", "yesterday", "week", "month", "year", "ever"]
    chart.x_labels = ["today", "yesterday", "7 days", "30 days", "365 days", "all time"]
    for maturity in ("young", "mature", "all"):
        chart.add(maturity, [_percent(report["retention"][maturity][p]["rate"]) for p in periods])
    return _svg(chart)


def render_html(report: Report, bank: Bank, today: date) -> str:
    """The whole page for ``report``."""
    charts = {
        "Mastery by topic": _mastery_chart(report),
        "Forecast": _forecast_chart(report),
        "Calendar": _calendar_chart(report, today),
        "True retention": _retention_chart(report),
    }
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>powerquiz stats: {html.escape(bank.title)}</title>",
        f"<style>{PAGE_CSS}</style></head><body>",
        f"<h1>powerquiz stats: {html.escape(bank.title)}</h1>",
        f"<p>Generated {html.escape(report['generated'])}.</p>",
    ]
    for name, svg in charts.items():
        parts.append(f'<figure class="chart" aria-label="{html.escape(name)}">{svg}</figure>')
    for heading, lines in sections(report, bank, today):
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts.append(f"<pre>{html.escape(chr(10).join(lines))}</pre>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
