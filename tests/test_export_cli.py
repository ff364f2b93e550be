"""The export command: data on stdout or in a file, everything else on stderr."""

from __future__ import annotations

import os

os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
os.environ["NO_COLOR"] = "1"
os.environ["TERMINAL_WIDTH"] = "120"

import io
import stat
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

import powerquiz.cli.export_cmd  # noqa: F401 - registers the command
from powerquiz.bank import Bank
from powerquiz.cli.app import app
from powerquiz.exports import load_format

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["export", *args])


@pytest.fixture
def bank_args(mini_bank_path: Path) -> list[str]:
    return ["--bank", str(mini_bank_path)]


class TestStandardOutput:
    """export to stdout: only the data, byte for byte, with the summary on stderr."""
    @pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html", "quizlet", "blooket",
                                     "gimkit"])
    def test_stdout_is_exactly_the_data(self, fmt: str, mini: Bank,
                                        bank_args: list[str]) -> None:
        """A text format with no -o writes exactly its data on stdout, nothing else."""
        result = run(fmt, *bank_args)
        assert result.exit_code == 0, result.stderr
        _, export = load_format(fmt)
        expected = export(mini, mini.questions).data
        assert isinstance(expected, str)
        assert result.stdout_bytes == expected.encode("utf-8")

    def test_summary_on_stderr(self, bank_args: list[str]) -> None:
        """The one-line summary goes to stderr and names the destination."""
        result = run("json", *bank_args)
        assert result.stderr.strip() == "exported 8 questions to standard output"

    def test_crlf_kept_byte_for_byte(self, bank_args: list[str]) -> None:
        """CSV line endings reach stdout unchanged."""
        result = run("csv", *bank_args)
        assert b"\r\r\n" not in result.stdout_bytes
        assert result.stdout_bytes.count(b"\r\n") == 14

    def test_dash_means_stdout(self, bank_args: list[str]) -> None:
        """-o - writes a text format to stdout."""
        result = run("quizlet", "-o", "-", *bank_args)
        assert result.exit_code == 0
        assert result.stdout.count("\n") == 8


class TestOutputFile:
    """export -o: atomic file writes, kept permissions, missing folders, binary files."""
    def test_writes_the_file(self, mini: Bank, bank_args: list[str], tmp_path: Path) -> None:
        """-o writes the data to the file and nothing to stdout."""
        out = tmp_path / "quiz.md"
        result = run("markdown", "-o", str(out), *bank_args)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        _, export = load_format("markdown")
        assert out.read_text(encoding="utf-8") == export(mini, mini.questions).data
        assert f"exported 8 questions to {out}" in result.stderr

    def test_no_temporary_file_left(self, bank_args: list[str], tmp_path: Path) -> None:
        """Only the output file is left in its folder."""
        out = tmp_path / "cards.txt"
        run("quizlet", "-o", str(out), *bank_args)
        assert [p.name for p in tmp_path.iterdir() if p.name != "powerquiz-home"] == \
            ["cards.txt"]

    def test_replaces_and_keeps_mode(self, bank_args: list[str], tmp_path: Path) -> None:
        """An existing file is replaced whole and keeps its permissions."""
        out = tmp_path / "bank.json"
        out.write_text("old", encoding="utf-8")
        out.chmod(0o640)
        result = run("json", "-o", str(out), *bank_args)
        assert result.exit_code == 0
        assert out.read_text(encoding="utf-8").startswith("{\n")
        assert stat.S_IMODE(out.stat().st_mode) == 0o640

    def test_missing_folder(self, bank_args: list[str], tmp_path: Path) -> None:
        """A file in a folder that does not exist is a clean error, exit 2."""
        result = run("json", "-o", str(tmp_path / "nope" / "x.json"), *bank_args)
        assert result.exit_code == 2
        assert "cannot write" in result.stderr
        assert result.stdout == ""

    def test_anki_file(self, bank_args: list[str], tmp_path: Path) -> None:
        """anki with -o writes an .apkg package."""
        out = tmp_path / "mini.apkg"
        result = run("anki", "-o", str(out), *bank_args)
        assert result.exit_code == 0, result.stderr
        with zipfile.ZipFile(out) as apkg:
            assert "collection.anki2" in apkg.namelist()

    def test_kahoot_file(self, bank_args: list[str], tmp_path: Path) -> None:
        """kahoot with -o writes a workbook with the exported questions."""
        out = tmp_path / "quiz.xlsx"
        result = run("kahoot", "-o", str(out), *bank_args)
        assert result.exit_code == 0, result.stderr
        ws = openpyxl.load_workbook(io.BytesIO(out.read_bytes())).active
        assert ws["B9"].value == "In which year was the Left removed from the Politburo?"


class TestBinaryNeedsFile:
    """export of binary formats: refused on stdout, asking for -o FILE."""
    @pytest.mark.parametrize(("fmt", "name"), [("anki", "mini.apkg"), ("kahoot", "mini.xlsx")])
    def test_refused_without_output(self, fmt: str, name: str,
                                    bank_args: list[str]) -> None:
        """A binary format without -o exits 2, suggesting a file name from the bank id."""
        result = run(fmt, *bank_args)
        assert result.exit_code == 2
        assert f"-o {name}" in result.stderr
        assert result.stdout_bytes == b""

    def test_refused_to_dash(self, bank_args: list[str]) -> None:
        """-o - does not send a binary format to stdout."""
        result = run("anki", "-o", "-", *bank_args)
        assert result.exit_code == 2
        assert result.stdout_bytes == b""


class TestFormatName:
    """export format names: unknown names, any case, and the help's format list."""
    def test_unknown_format(self, bank_args: list[str]) -> None:
        """An unknown format exits 2 with a did-you-mean and the list of formats."""
        result = run("quizlt", *bank_args)
        assert result.exit_code == 2
        assert "unknown format 'quizlt' (did you mean 'quizlet'?)" in result.stderr
        assert "gift, moodle, anki" in result.stderr

    def test_case_insensitive(self, bank_args: list[str]) -> None:
        """Format names are accepted in any case."""
        assert run("JSON", *bank_args).exit_code == 0

    def test_help_lists_formats(self) -> None:
        """The help lists every format with its summary, and examples."""
        result = runner.invoke(app, ["export", "--help"])
        assert result.exit_code == 0
        for name in ("gift", "moodle", "anki", "quizlet", "kahoot", "blooket", "gimkit",
                     "csv", "markdown", "html", "json"):
            assert f"\n    {name} " in result.stdout
        assert "Example: powerquiz export" in result.stdout


class TestFilters:
    """export --topic and --type filters, unknown topics and empty selections."""
    def test_topic_filter(self, bank_args: list[str]) -> None:
        """--topic keeps only that topic's questions."""
        result = run("quizlet", "--topic", "economy", *bank_args)
        assert result.exit_code == 0
        assert len(result.stdout.splitlines()) == 3
        assert "exported 3 questions" in result.stderr

    def test_type_filter_repeated(self, bank_args: list[str]) -> None:
        """--type can be repeated and keeps those types."""
        result = run("json", "--type", "choice", "--type", "cloze", *bank_args)
        assert result.exit_code == 0
        assert result.stdout.count('"type": ') == 2

    def test_unknown_topic(self, bank_args: list[str]) -> None:
        """An unknown topic exits 2 with a did-you-mean."""
        result = run("json", "--topic", "economi", *bank_args)
        assert result.exit_code == 2
        assert "did you mean 'economy'" in result.stderr

    def test_no_questions_selected(self, bank_args: list[str]) -> None:
        """Filters that select nothing exit 1 with a message and write nothing."""
        result = run("json", "--topic", "economy", "--type", "choice", *bank_args)
        assert result.exit_code == 1
        assert "no questions match" in result.stderr
        assert result.stdout == ""


class TestSkipped:
    """export on stderr: skipped questions, format warnings, and nothing that fits."""
    def test_skipped_named_on_stderr(self, bank_args: list[str]) -> None:
        """Each Skipped record is one stderr line with the count, reason and ids."""
        result = run("blooket", *bank_args)
        assert result.exit_code == 0
        lines = result.stderr.splitlines()
        assert lines[0] == ("blooket: skipped 5 questions (Blooket holds only multiple-choice "
                            "and true/false questions): right-opposition-members, sequence, "
                            "sides, cloze-one, recall-one")
        assert lines[1].startswith("exported 3 questions to standard output (5 skipped;")
        assert "skipped" not in result.stdout

    def test_warnings_on_stderr(self, tmp_path: Path) -> None:
        """A format's warnings go to stderr, naming the question ids."""
        bank = tmp_path / "long.yaml"
        bank.write_text(
            "bank: long\ntitle: Long\ntopics: {t: T}\nquestions:\n"
            f"  - {{id: wordy, topic: t, type: truefalse, prompt: {'x' * 130}, answer: true,"
            " explain: e}\n", encoding="utf-8")
        result = run("kahoot", "-o", str(tmp_path / "q.xlsx"), "--bank", str(bank))
        assert result.exit_code == 0, result.stderr
        assert "warning: kahoot: 1 question with a question over 120 characters" in \
            result.stderr
        assert "wordy" in result.stderr

    def test_nothing_fits(self, bank_args: list[str], tmp_path: Path) -> None:
        """When no selected question fits the format, exit 1 and write no file."""
        out = tmp_path / "q.xlsx"
        result = run("kahoot", "--type", "short", "-o", str(out), *bank_args)
        assert result.exit_code == 1
        assert "none of the 1 selected questions fits the kahoot format" in result.stderr
        assert "right-opposition-members" in result.stderr
        assert not out.exists()


class TestMissingDependency:
    """export without genanki: exit 1 with the pip install hint."""
    def test_pip_hint(self, bank_args: list[str], tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
        """Without genanki, anki exits 1 with the pip install hint."""
        monkeypatch.setitem(sys.modules, "genanki", None)
        result = run("anki", "-o", str(tmp_path / "x.apkg"), *bank_args)
        assert result.exit_code == 1
        assert "pip install 'powerquiz[anki]'" in result.stderr
        assert not (tmp_path / "x.apkg").exists()


class TestOtherEnginesFormats:
    """export of gift and moodle through the same command as the other formats."""
    @pytest.mark.parametrize("fmt", ["gift", "moodle"])
    def test_runs_through_the_registry(self, fmt: str, bank_args: list[str]) -> None:
        """gift and moodle run through the same command as every other format."""
        result = run(fmt, *bank_args)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip()
        assert "exported" in result.stderr.splitlines()[-1]


class TestOneInstall:
    """Every export format comes with a plain install: no extra to add."""

    def test_packages_are_ordinary_dependencies(self) -> None:
        """genanki and xlsxwriter are in [project] dependencies; the extras are empty aliases."""
        # tomllib is in the standard library from Python 3.11; 3.10 cannot read the file
        tomllib = pytest.importorskip("tomllib", reason="reading TOML needs Python 3.11+")
        project = tomllib.loads(
            (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8"))["project"]
        names = {d.split(">")[0].split("=")[0].strip() for d in project["dependencies"]}
        assert {"genanki", "xlsxwriter"} <= names
        extras = project["optional-dependencies"]
        assert extras["anki"] == extras["kahoot"] == extras["all"] == []

    @pytest.mark.parametrize("fmt", ["gift", "moodle", "anki", "quizlet", "kahoot", "blooket",
                                     "gimkit", "csv", "markdown", "html", "json"])
    def test_every_format_exports(self, fmt: str, bank_args: list[str],
                                  tmp_path: Path) -> None:
        """Each of the eleven formats writes its file from the same install."""
        out = tmp_path / f"out.{fmt}"
        result = run(fmt, "-o", str(out), *bank_args)
        assert result.exit_code == 0, result.stderr
        assert out.stat().st_size > 0


class TestWorksheetOptions:
    """The worksheet options reach markdown and html, and are refused elsewhere."""

    def test_versions_and_no_key(self, bank_args: list[str]) -> None:
        """--versions 2 --no-key gives papers A and B and no key."""
        result = run("markdown", "--versions", "2", "--no-key", *bank_args)
        assert result.exit_code == 0, result.stderr
        assert "(paper A)" in result.stdout and "(paper B)" in result.stdout
        assert "Answer key" not in result.stdout

    def test_ids_hints_shuffle(self, bank_args: list[str], mini: Bank) -> None:
        """--ids puts the ids in the key; without it they are left off."""
        plain = run("html", *bank_args)
        with_ids = run("html", "--ids", "--hints", "--shuffle", *bank_args)
        assert plain.exit_code == with_ids.exit_code == 0
        assert all(q.id in with_ids.stdout for q in mini.questions)
        assert not [q.id for q in mini.questions if q.id in plain.stdout]

    def test_refused_for_other_formats(self, bank_args: list[str]) -> None:
        """A worksheet option given to another format is a usage error, exit 2."""
        result = run("gift", "--no-key", *bank_args)
        assert result.exit_code == 2
        assert "--no-key only applies to a worksheet" in result.stderr
        assert result.stdout == ""

    def test_versions_out_of_range(self, bank_args: list[str]) -> None:
        """--versions 0 is refused with a clear message, not a traceback."""
        result = run("html", "--versions", "0", *bank_args)
        assert result.exit_code == 2
        assert "Traceback" not in result.stderr
