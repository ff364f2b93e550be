"""drill, practice and exam through the command line, in plain mode with piped input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from powerquiz.cli import app
from powerquiz.progress import ProgressStore

runner = CliRunner()


def invoke(*args: str, input: str = "") -> Result:
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    return tmp_path / "progress.json"


def drill(mini: Path, progress: Path, *extra: str, input: str = "") -> Result:
    return invoke("drill", "--bank", str(mini), "--progress", str(progress), "--seed", "3",
                  *extra, input=input)


class TestPlainDrill:
    """A drill in plain mode, end to end."""

    def test_a_piped_short_answer_is_marked_and_saved(self, mini_bank_path, progress):
        """Plain mode reads one line, marks it, explains it and saves it."""
        result = drill(mini_bank_path, progress, "--type", "short",
                       input="Bukharin, Tomsky and Rykov\n")
        assert result.exit_code == 0, result.output
        assert "Question 1/1 · factions · short" in result.stdout
        assert "✓ Correct" in result.stdout
        assert "Why: " in result.stdout
        reviews = ProgressStore(progress).reviews("mini")
        assert [r.question for r in reviews] == ["right-opposition-members"]

    def test_a_wrong_answer_shows_the_right_one(self, mini_bank_path, progress):
        """A wrong answer gets the verdict, the expected answer and the teacher's feedback."""
        result = drill(mini_bank_path, progress, "--type", "short", input="Trotsky\n")
        assert result.exit_code == 0, result.output
        assert "✗ Wrong" in result.stdout
        assert "Answer: Bukharin, Tomsky and Rykov" in result.stdout
        assert "Trotsky led the Left" in result.stdout

    def test_choices_are_answered_by_number(self, mini_bank_path, progress):
        """In plain mode a choice is picked by its listed number."""
        result = drill(mini_bank_path, progress, "--type", "choice", "--no-relearn",
                       input="1\n2\n3\n4\n")
        assert result.exit_code == 0, result.output
        listed = [line.split(". ", 1)[1] for line in result.stdout.splitlines()
                  if line.startswith("  ") and ". " in line]
        (review,) = ProgressStore(progress).reviews("mini")
        assert review.answer == listed[0]

    def test_an_unreadable_line_is_asked_again(self, mini_bank_path, progress):
        """Option 9 of 4 is refused and the question asked again."""
        result = drill(mini_bank_path, progress, "--type", "choice", input="9\n1\n")
        assert result.exit_code == 0, result.output
        assert "Please type a number from 1 to 4." in result.stdout

    def test_end_of_input_saves_and_exits_130(self, mini_bank_path, progress):
        """Input running out mid-session keeps the answers given and exits 130."""
        result = drill(mini_bank_path, progress, input="Bukharin, Tomsky, Rykov\n")
        assert result.exit_code == 130
        assert "every answer you gave is saved" in result.stdout
        assert len(ProgressStore(progress).reviews("mini")) == 1

    def test_a_whole_session_of_every_type_can_be_scripted(self, mini_bank_path, progress):
        """Every type can be answered from a pipe, one answer a line."""
        result = drill(mini_bank_path, progress, "--limit", "20",
                       input="\n".join(["1"] * 40) + "\n")
        assert result.exit_code in (0, 130), result.output
        assert "Score:" in result.stdout

    def test_nothing_due_suggests_practice(self, mini_bank_path, progress):
        """With the day's new questions used, drill says so and suggests practice."""
        drill(mini_bank_path, progress, "--new", "1", "--type", "truefalse", input="true\n")
        result = drill(mini_bank_path, progress, "--new", "1", "--type", "truefalse")
        assert result.exit_code == 0, result.output
        assert "Nothing is due" in result.stdout
        assert "powerquiz practice" in result.stdout

    def test_an_unknown_topic_is_a_usage_error(self, mini_bank_path, progress):
        """--topic with a topic the bank lacks exits 2 with a suggestion."""
        result = drill(mini_bank_path, progress, "--topic", "faction")
        assert result.exit_code == 2
        assert "did you mean 'factions'" in result.stderr


class TestBrokenProgress:
    """A damaged progress file stops a session before any question."""

    def test_a_corrupt_progress_file_is_reported_and_left_alone(self, mini_bank_path, progress):
        """A hand-broken file stops the drill with a clear error and is not touched."""
        progress.write_text('{"schema": 2, "banks": [oops')
        before = progress.read_bytes()
        result = drill(mini_bank_path, progress, input="x\n")
        assert result.exit_code == 1
        assert str(progress) in result.stderr
        assert "powerquiz progress reset" in result.stderr
        assert progress.read_bytes() == before

    def test_a_future_schema_is_refused_and_not_overwritten(self, mini_bank_path, progress):
        """A file from a newer powerquiz is refused and stays as it was."""
        progress.write_text(json.dumps({"schema": 99, "banks": {}}))
        before = progress.read_bytes()
        result = drill(mini_bank_path, progress, input="x\n")
        assert result.exit_code == 1
        assert "newer" in result.stderr
        assert progress.read_bytes() == before


class TestPracticeAndExam:
    """The practice and exam commands."""

    def test_practice_runs_without_touching_the_schedule(self, mini_bank_path, progress):
        """practice marks and records answers but creates no card states."""
        result = invoke("practice", "--bank", str(mini_bank_path), "--progress", str(progress),
                        "--type", "truefalse", input="true\n")
        assert result.exit_code == 0, result.output
        assert "✓ Correct" in result.stdout
        store = ProgressStore(progress)
        assert store.cards("mini") == {}
        assert [r.kind for r in store.reviews("mini")] == ["practice"]

    def test_exam_shows_the_marked_paper_at_the_end(self, mini_bank_path, progress):
        """exam gives no verdict per question, then the paper with a percentage."""
        result = invoke("exam", "--bank", str(mini_bank_path), "--progress", str(progress),
                        "--type", "truefalse", "--count", "1", input="true\n")
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert out.index("Marked paper:") < out.index("✓ Correct")
        assert "Score: 1 out of 1 (100%)." in out


class TestBeforeTheFirstQuestion:
    """What is refused before the first question is asked."""

    def test_filters_that_match_nothing_exit_1(self, mini_bank_path, progress):
        """A topic and type with no questions in common is said plainly, exit 1."""
        result = drill(mini_bank_path, progress, "--topic", "economy", "--type", "choice")
        assert result.exit_code == 1
        assert "no questions match" in result.stderr

    def test_an_unwritable_progress_folder_is_refused_before_any_question(
            self, mini_bank_path, progress, monkeypatch):
        """A session whose answers could not be saved does not start."""
        monkeypatch.setattr(os, "access", lambda path, mode: False)
        result = drill(mini_bank_path, progress, input="x\n")
        assert result.exit_code == 1
        assert "cannot save progress" in result.stderr
        assert "Question 1" not in result.stdout

    def test_a_progress_path_under_a_file_is_refused_before_any_question(
            self, mini_bank_path, tmp_path):
        """A progress folder that cannot be created stops the session at once."""
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        result = drill(mini_bank_path, blocker / "progress.json", input="x\n")
        assert result.exit_code == 1
        assert "Question 1" not in result.stdout
        assert "Traceback" not in result.output

    @pytest.mark.parametrize("given", ["/", "", ".."])
    def test_a_progress_path_that_names_no_file_is_a_usage_error(self, mini_bank_path, given):
        """--progress '/', '' or '..' exits 2 with a plain message, not a traceback (D14)."""
        result = invoke("drill", "--bank", str(mini_bank_path), "--progress", given,
                        input="x\n")
        assert result.exit_code == 2
        assert "is not a file name" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
