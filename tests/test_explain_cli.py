"""``powerquiz check`` for explain answers: --json marks, and --replay with its errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")
os.environ.setdefault("NO_COLOR", "1")

from typer.testing import CliRunner, Result

import powerquiz.cli.check  # noqa: F401 - registers the command
from powerquiz.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
BANK = str(ROOT / "data" / "questions.yaml")
REPLAY = str(ROOT / "tests" / "data" / "explain_replay.csv")


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", "--bank", BANK, *args])


def write(tmp_path: Path, text: str, name: str = "marked.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


class TestJson:
    """--json adds the marks awarded and out of, and the points credited."""

    def test_marks_and_credited(self) -> None:
        """An answer making one point of two gets 1 of 3 and names the point."""
        result = run("--json", "outmanoeuvre-trotsky-explain", "He was chief mourner.")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["marks"] == {"awarded": 1, "out_of": 3}
        assert data["credited"] == ["He appeared as chief mourner at Lenin's funeral"]
        assert data["verdict"] == "partial"
        assert abs(data["score"] - 1 / 3) < 1e-9

    def test_other_types_have_no_marks(self) -> None:
        """A short answer's JSON is as before, without marks."""
        result = run("--json", "nep-split-short", "NEP")
        assert "marks" not in json.loads(result.stdout)


class TestReplay:
    """--replay marks a teacher's file again and reports the agreement."""

    def test_the_bundled_set(self) -> None:
        """The bundled marked set prints its agreement and exits 0."""
        result = run("--replay", REPLAY)
        assert result.exit_code == 0, result.output
        assert "answers replayed: exact agreement" in result.stdout
        assert "within one mark" in result.stdout

    def test_min_agreement_exits_1_below_it(self, tmp_path: Path) -> None:
        """An answer marked differently puts agreement below 1.0: exit 1 and say why."""
        path = write(tmp_path, "question,answer,marks\nnep-doubts-explain,Growth was slowing.,2\n")
        result = run("--replay", path, "--min-agreement", "0.9")
        assert result.exit_code == 1
        assert "below --min-agreement" in result.output
        assert "teacher 2, powerquiz 1" in result.stdout
        assert run("--replay", path).exit_code == 0

    def test_missing_columns(self, tmp_path: Path) -> None:
        """A file without the marks column is refused in plain English."""
        result = run("--replay", write(tmp_path, "question,answer\nx,y\n"))
        assert result.exit_code == 2
        assert "missing: marks" in result.output

    def test_bad_rows_are_named_by_line(self, tmp_path: Path) -> None:
        """An unknown id, a non-explain question, odd marks: each said with its line."""
        text = ("question,answer,marks\nnope,a,1\nnep-split-short,NEP,1\n"
                "nep-doubts-explain,x,9\nnep-doubts-explain,x,two\n")
        result = run("--replay", write(tmp_path, text))
        assert result.exit_code == 2
        assert "line 5: marks 'two' is not a whole number" in result.output

    def test_unknown_and_other_type_questions(self, tmp_path: Path) -> None:
        """An id not in the bank and a short question are refused, by line."""
        text = "question,answer,marks\nnope,a,1\nnep-split-short,NEP,1\nnep-doubts-explain,x,9\n"
        result = run("--replay", write(tmp_path, text))
        assert result.exit_code == 2
        out = " ".join(result.output.split())
        assert "line 2: no question 'nope'" in out
        assert "'nep-split-short' is a short question" in out
        assert "9 marks is outside 0 to 2" in out

    def test_not_utf8_and_missing_file(self, tmp_path: Path) -> None:
        """A binary file and a missing one are errors, not tracebacks."""
        path = tmp_path / "bin.csv"
        path.write_bytes(b"\xff\xfe\x00bad")
        assert run("--replay", str(path)).exit_code == 2
        result = run("--replay", str(tmp_path / "none.csv"))
        assert result.exit_code == 2 and "cannot read" in result.output

    def test_replay_and_an_answer_together_are_refused(self) -> None:
        """QID with --replay is a usage error."""
        result = run("--replay", REPLAY, "nep-doubts-explain", "x")
        assert result.exit_code == 2
        assert "not both" in result.output

    def test_min_agreement_without_replay_is_refused(self) -> None:
        """--min-agreement alone is a usage error naming --replay."""
        result = run("--min-agreement", "0.9", "nep-doubts-explain", "x")
        assert result.exit_code == 2 and "goes with --replay" in result.output

    def test_a_huge_cell_and_a_semicolon_file(self, tmp_path: Path) -> None:
        """A cell past the CSV limit and a semicolon-separated file are plain errors."""
        huge = write(tmp_path, "question,answer,marks\nq,\"" + "x" * 200_000 + "\",1\n")
        result = run("--replay", huge)
        assert result.exit_code == 2 and "not a readable CSV file" in result.output
        semi = write(tmp_path, "question;answer;marks\nq;a;1\n", "semi.csv")
        assert "must name the columns" in run("--replay", semi).output

    def test_held_out_rows_mark_the_same_through_check_json(self) -> None:
        """check --json gives each held-out answer the marks the replay gives it."""
        import csv

        from powerquiz.bank import load_bank
        from powerquiz.marking.schememark import assess

        bank = load_bank(BANK)
        with (ROOT / "tests" / "data" / "explain_heldout.csv").open(encoding="utf-8") as fh:
            for row in list(csv.DictReader(fh))[:8]:
                data = json.loads(run("--json", row["question"], row["answer"]).stdout)
                q = bank.question(row["question"])
                assert q is not None
                assert data["marks"]["awarded"] == assess(q, row["answer"]).awarded

    def test_no_question_and_no_replay(self) -> None:
        """check with nothing to mark says what to give."""
        result = run()
        assert result.exit_code == 2
        assert "give a question id and an answer" in result.output
