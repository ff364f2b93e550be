"""``powerquiz stats`` from the command line: its views, its JSON keys and its bad inputs."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from powerquiz.bank import Bank
from powerquiz.cli import app
from powerquiz.cli.stats_cmd import render_text
from powerquiz.cli.stats_html import render_html
from powerquiz.exitcodes import ExitCode
from powerquiz.stats import StatsInput, build_report
from test_stats_support import NOW, Log

UTC = timezone.utc
DAY = timedelta(days=1)
CHROMIUM = Path("/usr/bin/chromium")


def run(*args: str) -> Result:
    """Run ``powerquiz ARGS``."""
    return CliRunner().invoke(app, list(args))


def history(path: Path, now: datetime) -> Log:
    """A few weeks of drill and practice answers to the mini bank, saved at ``path``."""
    log = Log()
    questions = ["left-members", "sides", "nep-tf", "right-opposition-members"]
    for n in range(12, 0, -2):
        for i, q in enumerate(questions):
            rating = 1 if (n + i) % 3 == 0 else 3
            log.drill(q, now - n * DAY - timedelta(minutes=i), rating,
                      answer="Trotsky" if rating == 1 else "right")
    for hours in (1, 2, 3):
        log.other("right-opposition-members", now - timedelta(hours=hours), verdict="wrong",
                  answer="Trotsky")
    log.save(path)
    return log


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    """A progress file with a history ending now."""
    path = tmp_path / "progress.json"
    history(path, datetime.now(UTC))
    return path


def stats_json(mini_bank_path: Path, progress: Path, *extra: str) -> Any:
    result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress),
                 "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class TestJson:
    """--json prints one object with exactly the keys docs/stats.md lists."""

    def test_exact_keys(self, mini_bank_path: Path, progress: Path) -> None:
        """Every object in the JSON has exactly the documented keys."""
        exam = (date.today() + 40 * DAY).isoformat()
        got = stats_json(mini_bank_path, progress, "--exam", exam)
        assert set(got) == {"bank", "generated", "overview", "topics", "points", "retention",
                            "desired_retention", "forecast", "calendar", "trouble", "exam"}
        assert set(got["overview"]) == {
            "questions", "seen", "due_now", "due_tomorrow", "reviews_today", "reviews_7d",
            "reviews", "time_ms", "streak_days"}
        assert all(set(t) == {"id", "questions", "seen", "mastery", "accuracy_30d"}
                   for t in got["topics"])
        assert all(set(p) == {"id", "topic", "questions", "seen", "mastery"}
                   for p in got["points"])
        retention = got["retention"]
        assert set(retention) == {"young", "mature", "all"}
        for cells in retention.values():
            assert set(cells) == {"today", "yesterday", "week", "month", "year", "ever"}
            assert all(set(c) == {"pass", "fail", "rate"} for c in cells.values())
        assert len(got["forecast"]) == 30
        assert all(set(f) == {"date", "due"} for f in got["forecast"])
        assert all(set(c) == {"date", "reviews"} for c in got["calendar"])
        assert got["trouble"]
        for t in got["trouble"]:
            assert set(t) == {"question", "lapses", "reviews", "accuracy", "wrong_answers"}
            assert all(set(w) == {"answer", "count"} for w in t["wrong_answers"])
        assert set(got["exam"]) == {"date", "topics", "points", "reviews_per_day"}
        assert got["exam"]["date"] == exam
        datetime.fromisoformat(str(got["generated"]))

    def test_docs_list_every_key(self) -> None:
        """docs/stats.md names every key the JSON has."""
        text = (Path(__file__).resolve().parents[1] / "docs" / "stats.md").read_text()
        for key in ("bank", "generated", "due_tomorrow", "streak_days", "accuracy_30d",
                    "mastery", "young", "mature", "yesterday", "desired_retention",
                    "forecast", "calendar", "wrong_answers", "reviews_per_day", "recall"):
            assert f"`{key}`" in text, key


class TestTerminal:
    """The terminal view: every section, in words, with or without colour."""

    def test_every_section_is_shown(self, mini_bank_path: Path, progress: Path) -> None:
        """The overview, mastery, retention, forecast, calendar and trouble sections print."""
        result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress))
        assert result.exit_code == 0, result.output
        for heading in ("Overview", "Mastery by topic", "Mastery by learning point",
                        "True retention", "Forecast", "Calendar", "Trouble questions"):
            assert heading in result.stdout
        assert "Trotsky led the Left, not the Right." in result.stdout
        assert "Legend:" in result.stdout

    def test_no_reviews_says_so_everywhere(self, mini_bank_path: Path, tmp_path: Path) -> None:
        """With no progress at all every section says so in words, and exit is 0."""
        result = run("stats", "--bank", str(mini_bank_path), "--progress",
                     str(tmp_path / "none.json"))
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert out.count("No reviews yet") >= 4
        assert "no retention to show" in out and "Nothing due" in out
        assert "No reviews in the last year" in out
        assert not (tmp_path / "none.json").exists()

    def test_exam_section(self, mini_bank_path: Path, progress: Path) -> None:
        """--exam adds the predicted recall and the reviews a day needed."""
        exam = (date.today() + 30 * DAY).isoformat()
        result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress),
                     "--exam", exam)
        assert result.exit_code == 0, result.output
        assert f"Exam on {exam}" in result.stdout
        assert re.search(r"about \d+ reviews? a day", result.stdout)

    def test_plain_has_the_same_text(self, mini_bank_path: Path, progress: Path) -> None:
        """--plain prints the same figures as the default view."""
        base = ["stats", "--bank", str(mini_bank_path), "--progress", str(progress)]
        assert run(*base, "--plain").stdout == run(*base).stdout


class TestBadInput:
    """Bad input gets a plain message and the right exit code, and nothing is changed."""

    @pytest.mark.parametrize("text", ["20-05-2027", "tomorrow", "2027-02-30", "2027-13-01", ""])
    def test_unreadable_exam_date(self, mini_bank_path: Path, progress: Path, text: str) -> None:
        """An unreadable exam date is a usage error naming the format."""
        result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress),
                     "--exam", text)
        assert result.exit_code == ExitCode.USAGE
        assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.output

    def test_exam_in_the_past(self, mini_bank_path: Path, progress: Path) -> None:
        """An exam date in the past is a usage error."""
        past = (date.today() - 2 * DAY).isoformat()
        result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress),
                     "--exam", past)
        assert result.exit_code == ExitCode.USAGE
        assert "in the past" in result.stderr

    def test_damaged_progress_is_refused_and_untouched(
        self, mini_bank_path: Path, tmp_path: Path
    ) -> None:
        """A damaged progress file: the store's clear error, exit 1, the file unchanged."""
        path = tmp_path / "progress.json"
        path.write_bytes(b'{"schema": 2, "cards": [nope')
        result = run("stats", "--bank", str(mini_bank_path), "--progress", str(path))
        assert result.exit_code == ExitCode.INVALID
        assert "error:" in result.stderr and "Traceback" not in result.output
        assert path.read_bytes() == b'{"schema": 2, "cards": [nope'

    def test_unknown_topic(self, mini_bank_path: Path, progress: Path) -> None:
        """An unknown --topic is a usage error listing the topics."""
        result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress),
                     "--topic", "economics")
        assert result.exit_code == ExitCode.USAGE
        assert "economy" in result.stderr

    def test_html_to_a_folder_or_missing_folder(
        self, mini_bank_path: Path, progress: Path, tmp_path: Path
    ) -> None:
        """--html naming a folder, or a file in a missing folder, fails cleanly."""
        base = ["stats", "--bank", str(mini_bank_path), "--progress", str(progress), "--html"]
        folder = run(*base, str(tmp_path))
        assert folder.exit_code == ExitCode.USAGE and "folder" in folder.stderr
        missing = run(*base, str(tmp_path / "no" / "such" / "stats.html"))
        assert missing.exit_code == ExitCode.INVALID and "cannot write" in missing.stderr
        assert "Traceback" not in folder.output + missing.output


def fixed_report(mini: Bank, exam: date | None = None) -> dict[str, object]:
    """The report of a fixed history at NOW in UTC."""
    log = Log()
    for n in range(12, 0, -2):
        for i, q in enumerate(["left-members", "sides", "nep-tf", "right-opposition-members"]):
            rating = 1 if (n + i) % 3 == 0 else 3
            log.drill(q, NOW - n * DAY - timedelta(minutes=i), rating,
                      answer="Trotsky" if rating == 1 else "right", duration_ms=4000)
    for hours in (1, 2, 3):
        log.other("right-opposition-members", NOW - timedelta(hours=hours), verdict="wrong",
                  answer="Trotsky")
    return build_report(StatsInput(bank=mini, reviews=log.reviews, cards=log.cards, now=NOW,
                                   tz=UTC, exam=exam))


class TestHtml:
    """--html writes one self-contained, printable page of pygal charts."""

    def test_page_is_self_contained(self, mini_bank_path: Path, progress: Path,
                                    tmp_path: Path) -> None:
        """The page has four inline pygal SVG charts and loads nothing from outside."""
        page = tmp_path / "stats.html"
        result = run("stats", "--bank", str(mini_bank_path), "--progress", str(progress),
                     "--html", str(page))
        assert result.exit_code == 0, result.output
        text = page.read_text(encoding="utf-8")
        assert text.count("<svg") == 4 and text.count('class="pygal-chart"') == 4
        assert "<script src" not in text.replace(" type=\"text/javascript\"", "")
        assert not re.search(r'(src|href)="(https?:)?//', text)
        assert not re.search(r'<(link|img|iframe|object)\b', text)
        assert "@media print" in text
        assert "Trouble questions" in text

    @pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium "
                        "(apt-get install chromium) to view the page headless")
    def test_chromium_renders_the_charts(self, mini: Bank, tmp_path: Path) -> None:
        """Headless Chromium lays out every chart with a real size and drawn bars."""
        page = render_html(fixed_report(mini), mini, NOW.date())
        probe = (
            "<script>window.onload=function(){var s=[].slice.call("
            "document.querySelectorAll('figure.chart svg'));"
            "document.title='charts:'+s.map(function(e){var b=e.getBoundingClientRect();"
            "return Math.round(b.width)+'x'+Math.round(b.height)+'x'"
            "+e.querySelectorAll('.rect,.dot,.bar').length}).join(',')}</script>"
        )
        target = tmp_path / "probe.html"
        target.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
        done = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--virtual-time-budget=5000", "--dump-dom", target.as_uri()],
            capture_output=True, text=True, timeout=90, check=False,
        )
        found = re.search(r"<title>charts:([^<]*)</title>", done.stdout)
        assert found, done.stderr[-2000:]
        sizes = [tuple(map(int, s.split("x"))) for s in found.group(1).split(",")]
        assert len(sizes) == 4
        assert all(w > 300 and h > 100 and drawn > 0 for w, h, drawn in sizes), sizes


GOLDEN = """\
Overview: A small bank for tests (mini)
  Questions seen   4 of 8
  Due now          1
  Due tomorrow     1
  Reviews          today 3 · last 7 days 15 · all time 27
  Time spent       2 min
  Streak           1 day

Mastery by topic (recall now · questions seen · right in the last 30 days)
  factions  ███████████░░░░░░░░░  55%  3/5 seen  57% right
  economy   ██████░░░░░░░░░░░░░░  31%  1/3 seen  67% right

Mastery by learning point (recall now · questions seen)
   95%  2/2 seen  right-members: Bukharin, Tomsky and Rykov were the Right.
   48%  1/2 seen  left-removed: The Left lost their Politburo seats in 1926.

True retention (desired 90%)
                           young          mature             all
  Today                        —               —               —
  Yesterday                    —               —               —
  Last 7 days           43% of 7               —        43% of 7
  Last 30 days          38% of 8               —        38% of 8
  Last 365 days         38% of 8               —        38% of 8
  All time              38% of 8               —        38% of 8
  young: scheduled under 21 days; mature: 21 days or more.

Forecast (questions due each day, next 30 days; today includes overdue)
  Tue 10 Mar  ██████████           1
  Wed 11 Mar  ██████████           1
  Thu 12 Mar                       0
  Fri 13 Mar  ████████████████████ 2
  Sat 14 Mar                       0
  Sun 15 Mar                       0
  Mon 16 Mar                       0
  Tue 17 Mar                       0
  Wed 18 Mar                       0
  Thu 19 Mar                       0
  Fri 20 Mar                       0
  Sat 21 Mar                       0
  Sun 22 Mar                       0
  Mon 23 Mar                       0
  Tue 24 Mar                       0
  Wed 25 Mar                       0
  Thu 26 Mar                       0
  Fri 27 Mar                       0
  Sat 28 Mar                       0
  Sun 29 Mar                       0
  Mon 30 Mar                       0
  Tue 31 Mar                       0
  Wed 01 Apr                       0
  Thu 02 Apr                       0
  Fri 03 Apr                       0
  Sat 04 Apr                       0
  Sun 05 Apr                       0
  Mon 06 Apr                       0
  Tue 07 Apr                       0
  Wed 08 Apr                       0

Calendar (reviews per day, last 52 weeks, a column a week)
          Apr May Jun  Jul Aug Sep  Oct Nov Dec  Jan Feb
  Mon  ··················································▒·
  Tue  ···················································▒
  Wed  ··················································▒
  Thu  ·················································▒·
  Fri  ··················································▒
  Sat  ·················································▒·
  Sun  ··················································▒
  Legend: · none  ░ 1+  ▒ 3+  ▓ 6+  █ 10+  (reviews a day)

Trouble questions (3 or more lapses, or under 50% right over 3 or more answers)
  right-opposition-members: 1 lapse, 44% right over 9 answers
      you answered “Trotsky” ×5 — Trotsky led the Left, not the Right.

Exam on 2026-04-09 (predicted recall if you revise no more)
  factions  ████████░░░░░░░░░░░░  42%
  economy   █████░░░░░░░░░░░░░░░  23%
    point right-members: 74%
    point left-removed: 37%
  To reach 90% in every topic by then: about 1 review a day from now.
"""


class TestGolden:
    """The terminal view of a fixed history, at 100 columns with no colour."""

    def test_golden_output(self, mini: Bank) -> None:
        """The whole view matches the recorded text exactly."""
        out = io.StringIO()
        console = Console(file=out, width=100, no_color=True, color_system=None)
        render_text(fixed_report(mini, NOW.date() + 30 * DAY), mini, NOW.date(), console)
        assert out.getvalue() == GOLDEN


def test_chromium_path_is_what_ci_installs() -> None:
    """The Chromium test looks where Debian's chromium package puts the browser."""
    assert Path("/usr/bin/chromium") == CHROMIUM
    assert shutil.which("chromium") in (None, str(CHROMIUM))


def test_drawing_charts_leaves_imports_quiet() -> None:
    """After the HTML view loads pygal, importing a module raises no ImportWarning."""
    import importlib
    import sys
    import warnings

    import powerquiz.cli.stats_html  # noqa: F401

    sys.modules.pop("powerquiz.exitcodes", None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        importlib.import_module("powerquiz.exitcodes")


class TestLocalZone:
    """Local dates use the student's zone, with its daylight-saving rules."""

    def test_tz_names_a_zone(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """$TZ naming a zone gives that zone (so past days keep their own UTC offset)."""
        from zoneinfo import ZoneInfo

        from powerquiz.cli.stats_cmd import local_zone

        monkeypatch.setenv("TZ", "Pacific/Auckland")
        assert local_zone() == ZoneInfo("Pacific/Auckland")
        monkeypatch.setenv("TZ", "Not/AZone")
        zone = local_zone()
        assert zone.utcoffset(datetime.now(UTC).replace(tzinfo=None)) is not None


def test_json_with_html_keeps_stdout_json(mini_bank_path: Path, progress: Path,
                                          tmp_path: Path) -> None:
    """--json with --html writes the page and prints nothing but the JSON."""
    page = tmp_path / "s.html"
    got = stats_json(mini_bank_path, progress, "--html", str(page))
    assert got["bank"] == "mini" and page.exists()


def test_html_with_no_reviews(mini: Bank) -> None:
    """With no history the page still has its four charts and says so in words."""
    empty = build_report(StatsInput(bank=mini, reviews=[], cards={}, now=NOW, tz=UTC))
    page = render_html(empty, mini, NOW.date())
    assert page.count("<svg") == 4 and "No reviews yet" in page
