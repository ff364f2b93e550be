"""``powerquiz class report`` from the command line: real students' exports, every view and
every bad input."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from powerquiz.cli import app

CHROMIUM = Path("/usr/bin/chromium")
RIGHT = "Bukharin, Tomsky and Rykov"
#: Each student's drill answer, true/false exam answer and short exam answer.
STUDENTS = {
    "Alex Smith": (RIGHT, "true", RIGHT),
    "Sam Jones": ("Trotsky", "false", "Trotsky"),
    "Kim Lee": ("Trotksy", "true", "Zinoviev"),
}


def run(*args: str, home: Path | None = None, input: str = "") -> Result:
    """Run ``powerquiz ARGS`` (with POWERQUIZ_HOME at ``home`` when given)."""
    env = {"POWERQUIZ_HOME": str(home)} if home is not None else None
    return CliRunner().invoke(app, list(args), input=input, env=env)


def sit(mini: Path, home: Path, drill: str, truefalse: str, short: str) -> None:
    """A student's plain-mode drill of the short question, then two one-question exams."""
    for args, answer in ((("drill", "--plain", "--type", "short"), drill),
                         (("exam", "--plain", "--type", "truefalse", "--count", "1"), truefalse),
                         (("exam", "--plain", "--type", "short", "--count", "1"), short)):
        result = run(*args, "--bank", str(mini), home=home, input=answer + "\n")
        assert result.exit_code == 0, result.output


@pytest.fixture
def exports(mini_bank_path: Path, tmp_path: Path) -> list[Path]:
    """Three students' exports, each made by real plain-mode sessions and `progress export`."""
    made = []
    for name, answers in STUDENTS.items():
        home = tmp_path / name.split()[0].lower()
        sit(mini_bank_path, home, *answers)
        dest = tmp_path / f"{name.split()[0].lower()}.json"
        result = run("progress", "export", str(dest), "--name", name,
                     "--bank", str(mini_bank_path), home=home)
        assert result.exit_code == 0, result.output
        made.append(dest)
    return made


def report_json(mini: Path, files: list[Path], *extra: str) -> Any:
    """The --json figures of a report on ``files``."""
    result = run("class", "report", "--bank", str(mini), *map(str, files), "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


class TestRealSessions:
    """A report on exports made by real sessions of several students."""

    def test_every_student_and_their_answers(self, mini_bank_path: Path,
                                             exports: list[Path]) -> None:
        """Three students, three answers each, the short question answered six times."""
        doc = report_json(mini_bank_path, exports)
        assert [s["name"] for s in doc["students"]] == ["Alex Smith", "Kim Lee", "Sam Jones"]
        assert [s["reviews"] for s in doc["students"]] == [3, 3, 3]
        short = next(q for q in doc["questions"] if q["id"] == "right-opposition-members")
        assert (short["attempts"], short["students"], short["facility"]) == (6, 3, 0.3333)

    def test_wrong_answers_of_the_class(self, mini_bank_path: Path, exports: list[Path]) -> None:
        """Trotsky and its typo Trotksy group (3 answers, 2 students, in the bank)."""
        doc = report_json(mini_bank_path, exports)
        short = next(q for q in doc["questions"] if q["id"] == "right-opposition-members")
        assert short["wrong_answers"] == [
            {"answer": "Trotsky", "count": 3, "students": 2, "known": True},
            {"answer": "Zinoviev", "count": 1, "students": 1, "known": False},
        ]

    def test_the_mock_exam(self, mini_bank_path: Path, exports: list[Path]) -> None:
        """Each exam sitter's score (Alex 2/2, Kim 1/2, Sam 0/2), the mean, the SD, and
        alpha: item variances 1/3 + 1/3, totals 2, 1, 0 of variance 1: 2 x (1 - 2/3)."""
        exam = report_json(mini_bank_path, exports)["exam"]
        assert {s["name"]: s["score"] for s in exam["students"]} == {
            "Alex Smith": 1.0, "Kim Lee": 0.5, "Sam Jones": 0.0}
        assert exam["mean"] == 0.5 and exam["sd"] == 0.5
        assert exam["alpha"] == 0.6667

    def test_anonymise(self, mini_bank_path: Path, exports: list[Path]) -> None:
        """--anonymise shows S1, S2, S3 and no real name anywhere."""
        result = run("class", "report", "--bank", str(mini_bank_path), *map(str, exports),
                     "--anonymise")
        assert result.exit_code == 0, result.output
        assert "S1" in result.stdout and "S3" in result.stdout
        assert not any(name.split()[0] in result.stdout for name in STUDENTS)

    def test_terminal_view_fits_80_columns_without_colour(
        self, mini_bank_path: Path, exports: list[Path]
    ) -> None:
        """Every line fits 80 columns and no colour code is printed under NO_COLOR."""
        result = CliRunner().invoke(app, ["class", "report", "--bank", str(mini_bank_path),
                                          *map(str, exports)],
                                    env={"COLUMNS": "80", "NO_COLOR": "1"})
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80, max(lines, key=len)
        assert "\x1b[" not in result.stdout
        for heading in ("Questions", "Misconceptions", "Students × topics", "Mock exam",
                        "Most at risk"):
            assert heading in result.stdout

    def test_the_exports_are_never_written(self, mini_bank_path: Path,
                                           exports: list[Path], tmp_path: Path) -> None:
        """A report leaves every export byte for byte as it was, and refuses to write on one."""
        before = [p.read_bytes() for p in exports]
        result = run("class", "report", "--bank", str(mini_bank_path), *map(str, exports),
                     "--html", str(exports[0]))
        assert result.exit_code == 2
        assert "never written to" in result.stderr
        run("class", "report", "--bank", str(mini_bank_path), *map(str, exports),
            "--csv", str(tmp_path / "out.csv"), "--html", str(tmp_path / "out.html"))
        assert [p.read_bytes() for p in exports] == before


class TestFiles:
    """--csv and --html."""

    def test_json_with_files_keeps_stdout_json(self, mini_bank_path: Path,
                                               exports: list[Path], tmp_path: Path) -> None:
        """With --json, --html and --csv write their files and stdout is the JSON alone."""
        doc = report_json(mini_bank_path, exports, "--html", str(tmp_path / "c.html"),
                          "--csv", str(tmp_path / "c.csv"))
        assert len(doc["students"]) == 3
        assert (tmp_path / "c.html").exists() and (tmp_path / "c.csv").exists()

    def test_csv_has_a_row_per_student_and_question(
        self, mini_bank_path: Path, exports: list[Path], tmp_path: Path
    ) -> None:
        """One header and 3 x 8 rows, with the first and last scores of each."""
        out = tmp_path / "class.csv"
        result = run("class", "report", "--bank", str(mini_bank_path), *map(str, exports),
                     "--csv", str(out))
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert len(rows) == 3 * 8
        alex = next(r for r in rows if r["student"] == "Alex Smith"
                    and r["question"] == "right-opposition-members")
        assert (alex["attempts"], alex["first_score"], alex["right"]) == ("2", "1.0", "2")

    def test_csv_is_formula_safe(self, mini_bank_path: Path, tmp_path: Path) -> None:
        """A name that would start a spreadsheet formula gets a leading quote."""
        home = tmp_path / "h"
        sit(mini_bank_path, home, *STUDENTS["Sam Jones"])
        run("progress", "export", str(tmp_path / "e.json"), "--name", "=HYPERLINK(1)",
            "--bank", str(mini_bank_path), home=home)
        out = tmp_path / "class.csv"
        result = run("class", "report", "--bank", str(mini_bank_path), str(tmp_path / "e.json"),
                     "--csv", str(out))
        assert result.exit_code == 0, result.output
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert {r[0] for r in rows[1:]} == {"'=HYPERLINK(1)"}

    def test_html_is_self_contained(self, mini_bank_path: Path, exports: list[Path],
                                    tmp_path: Path) -> None:
        """The page has inline SVG charts and nothing fetched from elsewhere."""
        page = tmp_path / "class.html"
        result = run("class", "report", "--bank", str(mini_bank_path), *map(str, exports),
                     "--html", str(page))
        assert result.exit_code == 0, result.output
        text = page.read_text(encoding="utf-8")
        assert text.count("<svg") == 3
        assert not re.search(r'(src|href)="(https?:)?//', text)
        assert not re.search(r"<(link|img|iframe|object)\b", text)
        assert "Misconceptions" in text and "@media print" in text

    @pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium "
                        "(apt-get install chromium) to view the page headless")
    def test_chromium_renders_the_charts(self, mini_bank_path: Path, exports: list[Path],
                                         tmp_path: Path) -> None:
        """Headless Chromium lays out every chart with a real size and drawn bars."""
        page = tmp_path / "class.html"
        run("class", "report", "--bank", str(mini_bank_path), *map(str, exports),
            "--html", str(page))
        probe = (
            "<script>window.onload=function(){var s=[].slice.call("
            "document.querySelectorAll('figure.chart svg'));"
            "document.title='charts:'+s.map(function(e){var b=e.getBoundingClientRect();"
            "return Math.round(b.width)+'x'+Math.round(b.height)+'x'"
            "+e.querySelectorAll('.rect,.bar').length}).join(',')}</script>"
        )
        target = tmp_path / "probe.html"
        target.write_text(page.read_text(encoding="utf-8").replace("</body>", probe + "</body>"),
                          encoding="utf-8")
        done = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--virtual-time-budget=5000", "--dump-dom", target.as_uri()],
            capture_output=True, text=True, timeout=90, check=False,
        )
        found = re.search(r"<title>charts:([^<]*)</title>", done.stdout)
        assert found, done.stderr[-2000:]
        sizes = [tuple(map(int, s.split("x"))) for s in found.group(1).split(",")]
        assert len(sizes) == 3
        assert all(w > 300 and h > 100 and drawn > 0 for w, h, drawn in sizes), sizes

    def test_suggest_wrong_prints_yaml(self, mini_bank_path: Path, exports: list[Path]) -> None:
        """--suggest-wrong prints only YAML (here a comment: Trotsky is in the bank already)."""
        result = run("class", "report", "--bank", str(mini_bank_path), *map(str, exports),
                     "--suggest-wrong")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("#") and "Questions" not in result.stdout


def bad_files(tmp_path: Path, good: Path) -> dict[str, Path]:
    """One file of each kind the report must skip, by the words its message must use."""
    doc = json.loads(good.read_text(encoding="utf-8"))
    files = {}

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    files["schema"] = write("notes.json", '{"hello": 1}')
    files["not valid JSON"] = write("truncated.json", good.read_text(encoding="utf-8")[:200])
    files["newer"] = write("future.json", json.dumps({**doc, "schema": 99}))
    files["empty"] = write("empty.json", json.dumps({**doc, "reviews": []}))
    files["not 'mini'"] = write("history.json", json.dumps({**doc, "bank": {"id": "history",
                                                                          "title": "H"}}))
    files["UTF-8"] = tmp_path / "binary.json"
    files["UTF-8"].write_bytes(b"\xff\xfe\x00garbage")
    files["a progress file, not an export"] = write(
        "progress.json", json.dumps({"schema": 2, "log_bytes": 0, "cards": {}}))
    files["No such file"] = tmp_path / "missing.json"
    return files


class TestBadInput:
    """Each unusable file: one line naming it, skipped, the report goes on, exit 1."""

    def test_each_bad_file_is_named_and_skipped(self, mini_bank_path: Path,
                                                exports: list[Path], tmp_path: Path) -> None:
        """The good exports are reported; every bad one is named once on stderr."""
        bad = bad_files(tmp_path, exports[0])
        before = {p: p.read_bytes() for p in bad.values() if p.exists()}
        result = run("class", "report", "--bank", str(mini_bank_path), "--json",
                     *map(str, exports), *map(str, bad.values()), str(exports[1]))
        assert result.exit_code == 1
        assert len(json.loads(result.stdout)["students"]) == 3
        lines = result.stderr.strip().splitlines()
        assert len(lines) == len(bad) + 1, lines
        for words, path in bad.items():
            (line,) = [line for line in lines if str(path) in line]
            assert line.startswith("Skipped ") and words in line, line
        assert any("counted once" in line and str(exports[1]) in line for line in lines)
        assert "Traceback" not in result.output
        assert {p: p.read_bytes() for p in before} == before

    def test_a_copy_of_an_export_counts_once(self, mini_bank_path: Path,
                                             exports: list[Path], tmp_path: Path) -> None:
        """The same export under another name is skipped as a copy."""
        copy = tmp_path / "copy.json"
        copy.write_bytes(exports[0].read_bytes())
        result = run("class", "report", "--bank", str(mini_bank_path), "--json",
                     str(exports[0]), str(copy))
        assert result.exit_code == 1
        assert "is a copy of" in result.stderr
        assert len(json.loads(result.stdout)["students"]) == 1

    def test_no_readable_file(self, mini_bank_path: Path, tmp_path: Path) -> None:
        """With nothing readable: exit 1 and say so."""
        junk = tmp_path / "junk.txt"
        junk.write_text("hello", encoding="utf-8")
        result = run("class", "report", "--bank", str(mini_bank_path), str(junk))
        assert result.exit_code == 1
        assert "no readable progress export" in result.stderr
        assert result.stdout == ""

    def test_an_old_export_without_a_name_still_counts(
        self, mini_bank_path: Path, exports: list[Path], tmp_path: Path
    ) -> None:
        """An export without the new fields is read, named by its file."""
        doc = json.loads(exports[1].read_text(encoding="utf-8"))
        for key in ("name", "bank", "fingerprints"):
            del doc[key]
        old = tmp_path / "old-sam.json"
        old.write_text(json.dumps(doc), encoding="utf-8")
        names = [s["name"] for s in report_json(mini_bank_path, [old])["students"]]
        assert names == [str(old)]

    def test_an_edited_question_is_listed(self, mini_bank_path: Path, exports: list[Path],
                                          tmp_path: Path) -> None:
        """A question edited since the students answered it is in changed_questions."""
        edited = tmp_path / "edited.yaml"
        edited.write_text(mini_bank_path.read_text(encoding="utf-8").replace(
            "Who made up the Right Opposition?", "Who were the Right Opposition?"),
            encoding="utf-8")
        doc = report_json(edited, exports)
        assert doc["changed_questions"] == ["right-opposition-members"]


def test_docs_list_every_json_key() -> None:
    """docs/class-report.md names every key of the --json object."""
    docs = (Path(__file__).resolve().parents[1] / "docs" / "class-report.md").read_text(
        encoding="utf-8")
    keys = ["bank", "students", "name", "reviews", "seen", "mastery", "accuracy", "topics",
            "questions", "id", "topic", "attempts", "facility", "discrimination", "flags",
            "wrong_answers", "answer", "count", "known", "points", "students_practised",
            "exam", "mean", "sd", "alpha", "score", "changed_questions"]
    assert [k for k in keys if f'"{k}"' not in docs and f"`{k}`" not in docs] == []


def test_html_escapes_hostile_names(tmp_path: Path) -> None:
    """A name with markup and control characters is escaped in the charts and the text."""
    from powerquiz.bank import load_bank
    from powerquiz.cli.class_html import render_html
    from powerquiz.progress import Review
    from powerquiz.reports import ClassExport, class_report

    mini = load_bank(Path(__file__).resolve().parent / "data" / "mini.yaml")
    review = Review(id="r1", bank="mini", question="nep-tf", kind="exam",
                    at=datetime.now(timezone.utc), answer="false", verdict="wrong", score=0.0,
                    rating=None)
    name = "<script>alert(1)</script>\x1b[31m"
    page = render_html(class_report([ClassExport("a.json", [review], name=name)], mini), mini)
    assert "<script>alert" not in page and "\x1b" not in page
    assert "&lt;script&gt;" in page
