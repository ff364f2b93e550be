"""The coverage report of a bank and the ``powerquiz coverage`` command."""

from __future__ import annotations

import json
import os

os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")
os.environ.setdefault("NO_COLOR", "1")
os.environ.setdefault("TERMINAL_WIDTH", "120")

from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.bank import load_bank
from powerquiz.bank.model import Bank, Point, Question, Topic
from powerquiz.cli import coverage_cmd
from powerquiz.cli.app import app
from powerquiz.coverage import coverage
from powerquiz.exitcodes import ExitCode

MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "questions.yaml"

UNTESTED_BANK = """\
bank: gaps
title: "A bank with a gap [bold]not markup[/bold]"
topics:
  economy: The economy
  factions: The factions
points:
  - id: grain-crisis
    topic: economy
    text: The grain procurement crisis of 1927-1928.
  - id: left-opposition
    topic: factions
    text: Trotsky led the Left Opposition.
questions:
  - id: crisis-year
    topic: economy
    type: choice
    prompt: When was the grain procurement crisis?
    options: ["1921", "1927-1928"]
    answer: "1927-1928"
    explain: Peasants held back grain.
    points: [grain-crisis]
"""


def q_(qid: str, topic: str, qtype: str, points: tuple[str, ...] = ()) -> Question:
    return Question(id=qid, topic=topic, type=qtype, prompt="?", points=points)  # type: ignore[arg-type]


@pytest.fixture
def runner() -> CliRunner:
    assert coverage_cmd.coverage_command is not None  # the command is registered on import
    return CliRunner()


@pytest.fixture
def gap_bank(tmp_path: Path) -> Path:
    path = tmp_path / "gaps.yaml"
    path.write_text(UNTESTED_BANK, encoding="utf-8")
    return path


class TestReport:
    """The coverage report built from a bank."""

    def test_points_list_the_questions_that_test_them(self) -> None:
        """Each learning point lists its questions (id and type) in bank order."""
        report = coverage(load_bank(MINI))
        by_id = {p.point.id: p for p in report.points}
        assert [(q.id, q.type) for q in by_id["right-members"].questions] == [
            ("right-opposition-members", "short"), ("left-members", "multi")]
        assert by_id["left-removed"].types == {"choice": 1, "multi": 1}
        assert report.complete and report.untested == ()

    def test_untested_points_are_reported(self) -> None:
        """A point no question names is untested and makes the report incomplete."""
        bank = Bank(id="b", title="B", topics=(Topic("t", "T"),),
                    points=(Point("a", "t", "A"), Point("b", "t", "B")),
                    questions=(q_("q1", "t", "short", ("a",)),))
        report = coverage(bank)
        assert [p.point.id for p in report.untested] == ["b"]
        assert [p.point.id for p in report.tested] == ["a"]
        assert not report.complete
        assert report.topics[0].untested_points == 1 and report.topics[0].points == 2

    def test_topics_count_questions_by_type(self) -> None:
        """Each topic counts its questions of every type, zeros included."""
        report = coverage(load_bank(MINI))
        factions = next(t for t in report.topics if t.id == "factions")
        assert factions.counts == {"short": 1, "choice": 1, "multi": 1, "truefalse": 0,
                                   "order": 1, "match": 1, "cloze": 0, "recall": 0,
                                   "explain": 0}
        assert factions.total == 5 and factions.title == "The Left and the Right"
        assert sum(report.type_totals().values()) == len(load_bank(MINI).questions)

    def test_questions_without_points_and_unknown_points_are_listed(self) -> None:
        """Questions naming no point, or a point the bank lacks, are reported as such."""
        bank = Bank(id="b", title="B", topics=(Topic("t", "T"),), points=(Point("a", "t", "A"),),
                    questions=(q_("q1", "t", "short"), q_("q2", "t", "recall", ("a", "zz")),
                               q_("q3", "elsewhere", "order", ("a", "a"))))
        report = coverage(bank)
        assert [q.id for q in report.unlinked] == ["q1"]
        assert report.unknown_points == (("q2", "zz"),)
        assert [q.id for q in report.points[0].questions] == ["q2", "q3"]
        assert [t.id for t in report.topics] == ["t", "elsewhere"]
        assert report.topics[1].counts["order"] == 1

    def test_a_bank_without_points_is_complete(self) -> None:
        """With no learning points there is nothing untested."""
        report = coverage(Bank(id="b", title="B", questions=(q_("q", "t", "short"),)))
        assert report.points == () and report.complete

    def test_the_bundled_bank_tests_every_point(self) -> None:
        """Every learning point of the shipped bank is tested by some question."""
        assert BUNDLED.is_file(), "data/questions.yaml ships with powerquiz"
        report = coverage(load_bank(BUNDLED))
        assert report.points and report.complete


class TestCommand:
    """The `coverage` command."""

    def test_lists_points_and_topic_counts(self, runner: CliRunner) -> None:
        """The command prints each point, its questions' types and the per-topic table."""
        result = runner.invoke(app, ["coverage", "--bank", str(MINI)])
        assert result.exit_code == 0, result.output
        out = result.output
        assert "right-members" in out and "left-removed" in out
        assert "short, multi" in out
        assert "Questions by topic and type" in out and "truefalse" in out
        assert "2 learning points: 2 tested by 2 or more questions, 0 by fewer, 0 untested" in out

    def test_untested_points_are_marked_without_colour(self, runner: CliRunner,
                                                       gap_bank: Path) -> None:
        """An untested point carries ✗ and the word untested, readable under NO_COLOR."""
        result = runner.invoke(app, ["coverage", "--bank", str(gap_bank)])
        assert result.exit_code == 0, result.output
        line = next(ln for ln in result.output.splitlines() if "left-opposition" in ln)
        assert "✗" in line and "untested" in line
        assert "\x1b[" not in result.output
        assert "1 untested" in result.output
        assert "[bold]not markup[/bold]" in result.output

    def test_strict_fails_on_an_untested_point(self, runner: CliRunner, gap_bank: Path) -> None:
        """--strict exits 1 naming the untested point in a one-line message."""
        result = runner.invoke(app, ["coverage", "--bank", str(gap_bank), "--strict"])
        assert result.exit_code == ExitCode.INVALID
        message = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
        assert len(message) == 1
        assert message[0].startswith("error: 1 learning point is not tested by any question: "
                                     "left-opposition;")

    def test_strict_passes_when_every_point_is_tested(self, runner: CliRunner) -> None:
        """--strict exits 0 when all learning points are tested."""
        result = runner.invoke(app, ["coverage", "--bank", str(MINI), "--strict"])
        assert result.exit_code == ExitCode.OK, result.output

    def test_an_invalid_bank_exits_1(self, runner: CliRunner, tmp_path: Path) -> None:
        """A bank that does not load is reported and the command exits 1."""
        bad = tmp_path / "bad.yaml"
        bad.write_text("bank: x\n", encoding="utf-8")
        result = runner.invoke(app, ["coverage", "--bank", str(bad)])
        assert result.exit_code == ExitCode.INVALID

    def test_help_shows_an_example(self, runner: CliRunner) -> None:
        """--help describes --strict and gives an example."""
        result = runner.invoke(app, ["coverage", "--help"])
        assert result.exit_code == 0
        assert "--strict" in result.output
        assert "powerquiz coverage --bank my-bank.yaml --strict" in result.output


THIN_BANK = """\
bank: thin
title: Thin
topics:
  economy: The economy
  spare: A topic with nothing yet
points:
  - id: grain-crisis
    topic: economy
    text: The grain crisis of 1927-1928.
  - id: nep-kept
    topic: economy
    text: The Right wanted NEP kept.
questions:
  - id: crisis-year
    topic: economy
    type: short
    prompt: When was the grain crisis?
    answer: "1927-1928"
    points: [grain-crisis, nep-kept]
  - id: nep-right
    topic: economy
    type: short
    prompt: Which faction wanted NEP kept?
    answer: the Right
    points: [nep-kept]
"""


@pytest.fixture
def thin_bank(tmp_path: Path) -> Path:
    path = tmp_path / "thin.yaml"
    path.write_text(THIN_BANK, encoding="utf-8")
    return path


class TestThinCoverage:
    """Points tested by too few questions, and topics with none."""

    def test_a_point_tested_once_is_thin(self) -> None:
        """With the default of two, a point with one question is thin; one with two is not."""
        bank = Bank(id="b", title="B", topics=(Topic("economy", "E"),),
                    points=(Point("once", "economy", "x"), Point("twice", "economy", "y")),
                    questions=(q_("a", "economy", "short", ("once", "twice")),
                               q_("b", "economy", "short", ("twice",))))
        report = coverage(bank)
        assert [p.point.id for p in report.thin] == ["once"]
        assert not report.sound and report.complete

    def test_min_one_accepts_a_point_tested_once(self) -> None:
        """min_questions=1 makes a point tested once sound."""
        bank = Bank(id="b", title="B", topics=(Topic("economy", "E"),),
                    points=(Point("once", "economy", "x"),),
                    questions=(q_("a", "economy", "short", ("once",)),))
        assert coverage(bank, min_questions=1).sound

    def test_a_topic_without_questions_is_reported(self) -> None:
        """A declared topic no question belongs to is listed as empty."""
        bank = Bank(id="b", title="B", topics=(Topic("economy", "E"), Topic("spare", "S")),
                    questions=(q_("a", "economy", "short"),))
        assert [t.id for t in coverage(bank).empty_topics] == ["spare"]

    def test_strict_fails_on_a_thin_point_and_an_empty_topic(self, runner: CliRunner,
                                                           thin_bank: Path) -> None:
        """--strict exits 1 naming the thin point with its count and the empty topic."""
        result = runner.invoke(app, ["coverage", "--bank", str(thin_bank), "--strict"])
        assert result.exit_code == ExitCode.INVALID
        assert ("1 learning point has fewer than 2 questions: grain-crisis (1)"
                in result.output)
        assert "1 topic has no questions: spare" in result.output

    def test_the_thin_point_is_marked_in_the_table(self, runner: CliRunner,
                                                   thin_bank: Path) -> None:
        """The thin point's row carries ! and the summary counts it."""
        result = runner.invoke(app, ["coverage", "--bank", str(thin_bank)])
        assert result.exit_code == 0, result.output
        line = next(ln for ln in result.output.splitlines() if "grain-crisis" in ln)
        assert "!" in line and "✓" not in line
        assert "1 tested by 2 or more questions, 1 by fewer, 0 untested" in result.output

    def test_min_option_sets_the_threshold(self, runner: CliRunner, thin_bank: Path) -> None:
        """--min 3 makes both points thin."""
        result = runner.invoke(app, ["coverage", "--bank", str(thin_bank), "--min", "3",
                                     "--json"])
        data = json.loads(result.output)
        assert [p["status"] for p in data["points"]] == ["thin", "thin"]

    def test_json_lists_each_point_with_its_questions(self, runner: CliRunner,
                                                      thin_bank: Path) -> None:
        """--json gives every point's question ids, status and the strict problems."""
        result = runner.invoke(app, ["coverage", "--bank", str(thin_bank), "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["points"] == [
            {"id": "grain-crisis", "topic": "economy", "questions": ["crisis-year"],
             "status": "thin"},
            {"id": "nep-kept", "topic": "economy", "questions": ["crisis-year", "nep-right"],
             "status": "tested"},
        ]
        assert [t["id"] for t in data["topics"] if t["total"] == 0] == ["spare"]
        assert len(data["problems"]) == 2

    def test_ids_lists_every_question_id_whole(self, runner: CliRunner) -> None:
        """--ids prints each point with the full ids of its questions, none cut short."""
        bank = load_bank(BUNDLED)
        result = runner.invoke(app, ["coverage", "--ids"])
        assert result.exit_code == 0, result.output
        for p in coverage(bank).points:
            line = next(ln for ln in result.output.splitlines()
                        if ln.startswith(f"{p.point.id}: "))
            assert line.split(": ", 1)[1].split(", ") == [q.id for q in p.questions]
        assert "…" not in result.output

    def test_a_narrow_terminal_gets_whole_lines(self, runner: CliRunner) -> None:
        """Under 78 columns the tables become lines that keep every id and type whole."""
        result = runner.invoke(app, ["coverage"], env={"COLUMNS": "50", "TERMINAL_WIDTH": "50"})
        assert result.exit_code == 0, result.output
        assert "✓ collectivisation-meaning (key-terms): 5 questions, short, truefalse" \
            in result.output
        assert "…" not in result.output
