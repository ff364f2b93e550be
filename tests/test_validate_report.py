"""`validate`'s report: repeated warnings grouped, --all and --json listing each, errors
always located one by one; and work that grows with the bank, not faster."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from powerquiz.bank import Problem, load
from powerquiz.bank.registry import BANK_CHECKS
from powerquiz.bank.report import GROUP_AT, report_lines
from powerquiz.cli import app
from powerquiz.marking import clear_cache
from powerquiz.marking import compiled as compiled_module
from powerquiz.marking.normalize import tokenize
from powerquiz.marking.typos import Lexicon

MINI = Path(__file__).parent / "data" / "mini.yaml"
#: The mini bank's question ids, in file order.
IDS = [line.split(": ", 1)[1] for line in MINI.read_text(encoding="utf-8").splitlines()
       if line.startswith("  - id: ") and "topic" not in line][2:]


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def unexplained(tmp_path: Path, keep: int = 0) -> Path:
    """The mini bank with all but the first ``keep`` explanations removed."""
    lines = MINI.read_text(encoding="utf-8").splitlines(keepends=True)
    seen = 0
    out = []
    for line in lines:
        if line.startswith("    explain: "):
            seen += 1
            if seen > keep:
                continue
        out.append(line)
    path = tmp_path / "unexplained.yaml"
    path.write_text("".join(out), encoding="utf-8")
    return path


class TestGrouping:
    """A warning repeated on many questions is one line; errors are never grouped."""

    def test_repeated_warning_is_one_line(self, tmp_path: Path) -> None:
        """Eight questions with no explanation: one line with the count and three ids."""
        path = unexplained(tmp_path)
        result = run("validate", path)
        assert result.exit_code == 0
        assert result.stderr.splitlines() == [
            f"{path}: warning: 8 questions have no explanation: add 'explain' to teach why "
            f"({', '.join(IDS[:3])} and 5 more; --all lists each)"
        ]
        assert "8 warnings" in " ".join(result.stdout.split())

    def test_all_lists_each_warning_located(self, tmp_path: Path) -> None:
        """--all prints every warning on its own FILE:LINE:COL line, in file order."""
        path = unexplained(tmp_path)
        text = path.read_text(encoding="utf-8").splitlines()
        result = run("validate", "--all", path)
        assert result.exit_code == 0
        expected = [
            f"{path}:{text.index(f'  - id: {qid}') + 1}:5: warning: question '{qid}' has no "
            "explanation: add 'explain' to teach why"
            for qid in IDS
        ]
        assert result.stderr.splitlines() == expected

    def test_few_repeats_stay_located(self, tmp_path: Path) -> None:
        """Below the grouping count, each warning keeps its located line."""
        path = unexplained(tmp_path, keep=len(IDS) - (GROUP_AT - 1))
        lines = run("validate", path).stderr.splitlines()
        assert len(lines) == GROUP_AT - 1
        assert all(line.startswith(f"{path}:") and ":5: warning: question '" in line
                   for line in lines)

    def test_errors_are_never_grouped(self, tmp_path: Path) -> None:
        """Seven questions and points with the same unknown topic: seven located errors,
        and the repeated warning beside them still grouped."""
        text = unexplained(tmp_path).read_text(encoding="utf-8")
        text = text.replace("    topic: factions\n", "    topic: fractions\n")
        path = tmp_path / "broken.yaml"
        path.write_text(text, encoding="utf-8")
        result = run("validate", path)
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        errors = [line for line in lines if "unknown topic 'fractions'" in line]
        assert len(errors) == text.count("topic: fractions") == 7 >= GROUP_AT
        assert all(line.startswith(f"{path}:") and line.split(":")[1].isdigit()
                   for line in errors)
        assert any("8 questions have no explanation" in line for line in lines)
        assert lines[-1] == f"{path}: 7 errors, 8 warnings"

    def test_report_is_one_console_call(self, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
        """Hundreds of located warnings (--all) are printed in one call, not one a line."""
        import powerquiz.cli.bank_cmds as bank_cmds

        calls: list[Any] = []

        class Recorder:
            def print(self, *args: Any, **kwargs: Any) -> None:
                calls.append(args)

        monkeypatch.setattr(bank_cmds, "stderr", Recorder)
        path = unexplained(tmp_path)
        assert run("validate", "--all", path).exit_code == 0
        assert len(calls) == 1
        assert str(calls[0][0]).count("\n") == len(IDS) - 1


class TestJson:
    """--json: every problem as data on stdout, for a script."""

    def test_every_warning_is_listed(self, tmp_path: Path) -> None:
        """A valid bank: valid, counts, and each warning with its place; stderr quiet."""
        path = unexplained(tmp_path)
        result = run("validate", "--json", path)
        assert result.exit_code == 0
        assert result.stderr == ""
        data = json.loads(result.stdout)
        assert (data["valid"], data["errors"], data["warnings"], data["questions"]) == \
            (True, 0, 8, 8)
        assert [p["message"].split("'")[1] for p in data["problems"]] == IDS
        assert all(p["severity"] == "warning" and p["line"] > 1 and p["col"] == 5
                   for p in data["problems"])

    def test_errors_exit_1(self, tmp_path: Path) -> None:
        """An invalid bank: exit 1, valid false, each error as data."""
        path = tmp_path / "bad.yaml"
        path.write_text(MINI.read_text(encoding="utf-8").replace(
            '    answer: "1926"', '    answer: "1826"'), encoding="utf-8")
        result = run("validate", "--json", path)
        assert result.exit_code == 1
        data = json.loads(result.stdout)
        assert data["valid"] is False and data["errors"] == 1
        (problem,) = data["problems"]
        assert problem["severity"] == "error" and "'1826'" in problem["message"]

    def test_output_is_ascii(self, tmp_path: Path) -> None:
        """A file named with an accent and a C1 control (CSI) is named escaped: the JSON
        is ASCII, and still reads back as the name."""
        path = tmp_path / "b\u00e4nk\u009b.yaml"
        path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
        result = run("validate", "--json", path)
        assert result.exit_code == 0
        assert result.stdout.isascii()
        assert json.loads(result.stdout)["file"] == str(path)

    def test_unreadable_file(self, tmp_path: Path) -> None:
        """A missing file is one located error, as data, exit 1."""
        result = run("validate", "--json", tmp_path / "nope.yaml")
        assert result.exit_code == 1
        assert json.loads(result.stdout)["problems"][0]["message"] == "no such file"


class TestReportLines:
    """The grouping itself, on problems built by hand."""

    def test_learning_points_read_as_plural(self) -> None:
        """'learning point X is not tested' becomes 'N learning points are not tested'."""
        problems = [Problem("b.yaml", n, 3, f"learning point 'p{n}' is not tested by any "
                                            "question", "warning") for n in range(1, 5)]
        (line,) = report_lines(problems)
        assert line.text == ("b.yaml: warning: 4 learning points are not tested by any "
                             "question (p1, p2, p3 and 1 more; --all lists each)")

    def test_group_stands_where_its_first_warning_was(self) -> None:
        """An error before and after the group keep their places around it."""
        warn = [Problem("b.yaml", n, 1, f"question 'q{n}' has no explanation", "warning")
                for n in (2, 3, 4)]
        first, last = Problem("b.yaml", 1, 1, "bad"), Problem("b.yaml", 9, 1, "worse")
        lines = report_lines([first, *warn, last])
        assert [line.severity for line in lines] == ["error", "warning", "error"]
        assert lines[1].text.startswith("b.yaml: warning: 3 questions have no explanation")


def shared_answers_bank(questions: int) -> str:
    """``questions`` short and true/false questions, their answers drawn from three sets."""
    answers = ["[Bukharin, Tomsky, Rykov]", "Trotsky", "[[Stalin, Koba], Molotov]"]
    parts = ["bank: shared\ntitle: Shared answers\ntopics:\n  t: T\nquestions:\n"]
    for n in range(questions):
        if n % 2:
            parts.append(f"  - id: q{n}\n    topic: t\n    type: truefalse\n"
                         "    prompt: A statement.\n    answer: true\n"
                         "    explain: Because.\n")
        else:
            parts.append(f"  - id: q{n}\n    topic: t\n    type: short\n"
                         f"    prompt: Who?\n    answer: {answers[n // 2 % 3]}\n"
                         "    explain: Because.\n")
    return "".join(parts)


class TestLinearWork:
    """What validate compiles is bounded by what is distinct in the bank, not its size."""

    def compile_counts(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       questions: int) -> tuple[int, int]:
        """(lexicons built, texts tokenized) while loading a bank of ``questions``."""
        built: list[int] = []

        class Counting(Lexicon):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                built.append(1)
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(compiled_module, "Lexicon", Counting)
        clear_cache()
        tokenize.cache_clear()
        path = tmp_path / f"shared-{questions}.yaml"
        path.write_text(shared_answers_bank(questions), encoding="utf-8")
        bank, problems = load(path)
        assert bank is not None, problems
        return len(built), tokenize.cache_info().misses

    def test_lexicons_per_distinct_answers(self, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
        """120 or 480 questions over three answer sets: four lexicons (the three and the
        true/false questions' empty one) and the same few texts tokenized."""
        small = self.compile_counts(tmp_path, monkeypatch, 120)
        large = self.compile_counts(tmp_path, monkeypatch, 480)
        assert small[0] == large[0] == 4
        assert small[1] == large[1]

    def test_collector_paused_while_checking(self, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
        """The registered checks run with the cycle collector off; it is back on after."""
        seen: list[bool] = []

        def check(bank: Any) -> list[Problem]:
            seen.append(gc.isenabled())
            return []

        monkeypatch.setattr("powerquiz.bank.registry.BANK_CHECKS", [*BANK_CHECKS, check])
        assert gc.isenabled()
        bank, _ = load(MINI)
        assert bank is not None
        assert seen == [False]
        assert gc.isenabled()
