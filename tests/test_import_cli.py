"""``powerquiz import`` on the command line: output, refusals, summary and a drill."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from powerquiz.bank import load
from powerquiz.cli import app

DATA = Path(__file__).resolve().parent / "data" / "import"
runner = CliRunner()


def invoke(*args: str, input: str = "") -> Result:
    return runner.invoke(app, list(args), input=input)


class TestImportCommand:
    """The bank is written as checked YAML; the summary goes to standard error."""

    def test_stdout_is_a_valid_bank(self, tmp_path: Path) -> None:
        """Without -o the YAML goes to standard output and loads with no error."""
        result = invoke("import", str(DATA / "moodle-docs.gift"))
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("# Imported by 'powerquiz import' from ")
        out = tmp_path / "out.yaml"
        out.write_text(result.stdout, encoding="utf-8")
        bank, problems = load(out)
        assert bank is not None and not [p for p in problems if p.is_error]
        assert "imported 10 questions from gift" in result.stderr
        assert "skipped 1 (a description" in result.stderr

    @pytest.mark.parametrize("name", ["deck-latest.apkg", "moodle-docs.xml",
                                      "deck-legacy1.apkg"])
    def test_output_file_validates(self, tmp_path: Path, name: str) -> None:
        """-o writes a bank that 'powerquiz validate' accepts."""
        out = tmp_path / "bank.yaml"
        result = invoke("import", str(DATA / name), "-o", str(out))
        assert result.exit_code == 0, result.output
        check = invoke("validate", str(out))
        assert check.exit_code == 0, check.output

    def test_never_overwrites_without_force(self, tmp_path: Path) -> None:
        """An existing file is kept, byte for byte, unless --force is given."""
        out = tmp_path / "bank.yaml"
        out.write_text("mine\n", encoding="utf-8")
        result = invoke("import", str(DATA / "moodle-docs.gift"), "-o", str(out))
        assert result.exit_code != 0
        assert "--force" in result.stderr
        assert out.read_text(encoding="utf-8") == "mine\n"
        forced = invoke("import", str(DATA / "moodle-docs.gift"), "-o", str(out), "--force")
        assert forced.exit_code == 0, forced.output
        assert out.read_text(encoding="utf-8").startswith("# Imported by")

    @pytest.mark.parametrize("content", [b"", b"::a:: Who? {=Lenin\n", b"PK\x03\x04broken",
                                         b"<!DOCTYPE quiz [<!ENTITY a 'x'>]><quiz>&a;</quiz>"])
    def test_nothing_written_on_error(self, tmp_path: Path, content: bytes) -> None:
        """Bad input is a one-line error, no traceback, and no file is made."""
        source = tmp_path / "in.txt"
        source.write_bytes(content)
        out = tmp_path / "bank.yaml"
        result = invoke("import", str(source), "-o", str(out))
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"error: {source}")
        assert "Traceback" not in result.output
        assert not out.exists()
        assert [p.name for p in tmp_path.iterdir()] == ["in.txt"]

    def test_directory_is_refused(self, tmp_path: Path) -> None:
        """A directory gets a plain message."""
        result = invoke("import", str(tmp_path))
        assert result.exit_code == 1
        assert "is a directory" in result.stderr

    def test_unknown_from_format(self) -> None:
        """--from with a format that does not exist lists the formats."""
        result = invoke("import", str(DATA / "moodle-docs.gift"), "--from", "pdf")
        assert result.exit_code == 2
        assert "the formats are: anki, quizlet" in result.stderr

    def test_from_overrides_the_guess(self, tmp_path: Path) -> None:
        """--from quizlet reads a GIFT-looking line as a flashcard."""
        source = tmp_path / "cards.txt"
        source.write_text("Who? {=Lenin}\tLenin\n", encoding="utf-8")
        result = invoke("import", str(source), "--from", "quizlet")
        assert result.exit_code == 0, result.output
        assert "from quizlet (1 short)" in result.stderr

    def test_bank_id_title_and_topic(self, tmp_path: Path) -> None:
        """--bank-id, --title and --topic name the new bank."""
        out = tmp_path / "bank.yaml"
        result = invoke("import", str(DATA / "deck-latest.apkg"), "-o", str(out),
                        "--bank-id", "russia", "--title", "Russia", "--topic", "Lenin")
        assert result.exit_code == 0, result.output
        bank, _ = load(out)
        assert bank is not None
        assert (bank.id, bank.title, [t.id for t in bank.topics]) == ("russia", "Russia",
                                                                       ["lenin"])

    def test_an_imported_bank_drills_in_plain_mode(self, tmp_path: Path) -> None:
        """The imported Anki deck is drilled with piped answers and marked."""
        out = tmp_path / "bank.yaml"
        assert invoke("import", str(DATA / "deck-latest.apkg"), "-o", str(out)).exit_code == 0
        result = invoke("drill", "--plain", "--bank", str(out), "--limit", "1", "--type",
                        "short", "--progress", str(tmp_path / "p.json"), input="1924\n")
        assert result.exit_code == 0, result.output
        assert "In which year did Lenin die?" in result.stdout
        assert "✓ Correct" in result.stdout


class TestNothingToImport:
    """A file whose every card is unreadable says so and writes nothing."""

    def test_no_question_at_all(self, tmp_path: Path) -> None:
        """Only bad cards: an error naming what was skipped, and no output file."""
        source = tmp_path / "cards.txt"
        source.write_text("\tno term\nno definition\t\n", encoding="utf-8")
        out = tmp_path / "bank.yaml"
        result = invoke("import", str(source), "--from", "quizlet", "-o", str(out))
        assert result.exit_code == 1
        assert "no question could be imported" in result.stderr
        assert "empty term or definition" in result.stderr
        assert not out.exists()


class TestUnsafeTextStaysText:
    """Markup and formulas in an imported text are kept as text and made safe on export."""

    def test_markup_in_quizlet_is_text_and_escaped_in_gift(self, tmp_path: Path) -> None:
        """A term with a tag is imported literally, and the GIFT export escapes it."""
        source = tmp_path / "cards.txt"
        source.write_text("<script>x</script> means?\t=1+1\n", encoding="utf-8")
        out = tmp_path / "bank.yaml"
        assert invoke("import", str(source), "-o", str(out)).exit_code == 0
        bank, _ = load(out)
        assert bank is not None
        assert bank.questions[0].prompt == "<script>x</script> means?"
        gift = invoke("export", "gift", "--bank", str(out))
        assert "<script>" not in gift.stdout and "&lt;script&gt;" in gift.stdout
        spreadsheet = invoke("export", "csv", "--bank", str(out))
        assert ",'=1+1," in spreadsheet.stdout


class TestSeparatorsAndSummary:
    """Quizlet separators on the command line, and a summary that names what it skipped."""

    def test_sep_and_card_sep(self, tmp_path: Path) -> None:
        """--sep comma --card-sep semicolon read Quizlet's comma/semicolon export."""
        source = tmp_path / "cards.txt"
        source.write_text("Cheka,secret police;Gosplan,planning;", encoding="utf-8")
        result = invoke("import", str(source), "--sep", "comma", "--card-sep", "semicolon")
        assert result.exit_code == 0, result.output
        assert "imported 2 questions from quizlet (2 short)" in result.stderr

    def test_summary_names_the_first_few_skipped(self, tmp_path: Path) -> None:
        """Seven bad cards: the count, the first five places, and an ellipsis."""
        source = tmp_path / "cards.txt"
        source.write_text("ok\tfine\n" + "bad\n" * 7, encoding="utf-8")
        result = invoke("import", str(source), "--from", "quizlet")
        assert result.exit_code == 0, result.output
        places = ", ".join(f"{source}:{n}:1" for n in range(2, 7))
        assert f"skipped 7 (no tab between term and definition): {places}, …" in result.stderr
