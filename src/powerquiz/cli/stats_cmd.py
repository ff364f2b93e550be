"""``powerquiz stats``: what the student knows, in the terminal, as JSON or as an HTML page.

The figures come from :func:`powerquiz.stats.build_report`; this module reads the bank and
the progress, checks the options, and renders.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from powerquiz.bank.collector import collector_paused
from powerquiz.bank.model import Bank
from powerquiz.cli.app import app
from powerquiz.cli.common import (
    BankOption,
    ProgressOption,
    TopicOption,
    check_filters,
    fail,
    open_bank,
    stdout,
)
from powerquiz.cli.env import current_environment
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import ProgressStore
from powerquiz.stats import Report

__all__ = ["local_zone", "parse_exam_date", "render_text", "stats"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMAT = "YYYY-MM-DD, for example 2027-05-20"


def local_zone() -> tzinfo:
    """The student's local time zone, with its daylight-saving rules when they can be found.

    $TZ (a zone name) wins, then the system's /etc/localtime; failing both, today's UTC
    offset of the system clock.
    """
    from zoneinfo import ZoneInfo

    name = os.environ.get("TZ", "").removeprefix(":")
    if not name:
        with contextlib.suppress(OSError):
            target = os.path.realpath("/etc/localtime")
            if "/zoneinfo/" in target:
                name = target.split("/zoneinfo/", 1)[1]
    if name:
        with contextlib.suppress(ValueError, OSError, KeyError):  # KeyError: unknown zone
            return ZoneInfo(name)
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else timezone.utc


def parse_exam_date(text: str, today: date) -> date:
    """The exam date in ``text``; a usage error (exit 2) naming the format if it is not one."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    if not _DATE.fullmatch(text.strip()):
        fail(f"--exam {shown!r} is not a date; write it as {DATE_FORMAT}")
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        fail(f"--exam {shown!r} is not a real date; write it as {DATE_FORMAT}")
    if day < today:
        fail(f"--exam {day.isoformat()} is in the past (today is {today.isoformat()}); "
             f"give the date of an exam to come, as {DATE_FORMAT}")
    return day


@app.command()
def stats(
    bank_path: BankOption = None,
    progress: ProgressOption = None,
    topic: TopicOption = None,
    exam: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--exam", metavar="DATE", show_default=False,
                     help="Also predict your recall on this exam day (YYYY-MM-DD)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    html_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--html", metavar="FILE", show_default=False,
                     help="Write a printable page with charts to FILE."),
    ] = None,
    plain: Annotated[bool, typer.Option(
        "--plain", help="Plain text with no styling, for screen readers and scripts.")] = False,
) -> None:
    """Your statistics: mastery by topic and point, true retention, forecast, calendar.

    Example: powerquiz stats --exam 2027-05-20
    """
    from powerquiz.stats import StatsInput, build_report, load_parameters

    tz = local_zone()
    now = datetime.now(timezone.utc)
    today = now.astimezone(tz).date()
    exam_day = parse_exam_date(exam, today) if exam is not None else None
    bank = open_bank(bank_path)
    topic, _ = check_filters(bank, topic, None)
    store = ProgressStore(current_environment().progress_path(progress))
    with collector_paused():  # a long log makes many small objects, none in a cycle
        reviews = store.reviews(bank.id)
        cards = store.cards(bank.id)
        saved = load_parameters(store.path, bank.id)
        report = build_report(StatsInput(
            bank=bank, reviews=reviews, cards=cards, now=now, tz=tz,
            desired_retention=saved.desired_retention if saved else 0.9,
            topics=topic or None, exam=exam_day,
            parameters=saved.parameters if saved else None,
        ))
        # The parsed log lives until this short process ends: the collector need never
        # walk it again once it is turned back on.
        gc.freeze()
    if html_file is not None:
        _write_html(html_file, report, bank, today, quiet=as_json)
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
    elif html_file is None:
        render_text(report, bank, today, stdout(), plain=plain)


def _write_html(path: Path, report: Report, bank: Bank, today: date, *, quiet: bool) -> None:
    from powerquiz.cli.stats_html import render_html
    from powerquiz.progress.atomic import atomic_write

    page = render_html(report, bank, today)
    if path.is_dir():
        fail(f"--html {path} is a folder; give a file name such as stats.html")
    try:
        atomic_write(path, page.encode("utf-8"))
    except OSError as e:
        fail(f"cannot write {path}: {e.strerror or e}", ExitCode.INVALID)
    if not quiet:  # with --json, stdout is the JSON alone
        stdout().print(f"Wrote {path}.", markup=False, soft_wrap=True)


def render_text(
    report: Report, bank: Bank, today: date, out: Console, *, plain: bool = False
) -> None:
    """Print the terminal view on ``out``: bold headings only on a terminal with colour."""
    from rich.text import Text

    from powerquiz.cli.stats_view import sections

    styled = not plain and out.is_terminal and not out.no_color
    for index, (heading, lines) in enumerate(sections(report, bank, today)):
        if index:
            out.print()
        out.print(Text(heading, style="bold" if styled else ""), soft_wrap=True)
        for line in lines:
            out.print(Text(("  " + line).rstrip()), soft_wrap=True)
