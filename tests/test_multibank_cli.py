"""drill, practice and exam over two banks through the command line: repeated --bank,
$POWERQUIZ_BANK holding several paths, and the errors a bad pair of banks gets."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from powerquiz.bank import load_bank
from powerquiz.cli import app
from powerquiz.progress import ProgressStore
from test_completion import complete  # type: ignore[import-not-found]
from test_golden import check_golden, scripted_run

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"
TUDORS = DATA / "multibank_tudors.yaml"
runner = CliRunner()


def invoke(*args: str, input: str = "", env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), input=input, env=env)


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    return tmp_path / "progress.json"


def both(command: str, progress: Path, *extra: str, input: str = "") -> Result:
    return invoke(command, "--plain", "--bank", str(MINI), "--bank", str(TUDORS),
                  "--progress", str(progress), "--seed", "3", *extra, input=input)


def reviewed(progress: Path) -> Counter[tuple[str, str]]:
    store = ProgressStore(progress)
    return Counter((r.bank, r.question) for b in ("mini", "tudors") for r in store.reviews(b))


class TestTwoBanks:
    """One session over two --bank files."""

    def test_drill_asks_both_banks_and_records_each_under_its_own(self, progress):
        """Both banks' short question (same id) asked, each answer under its own bank."""
        result = both("drill", progress, "--type", "short", "--no-relearn",
                      input="Bukharin, Tomsky, Rykov\nconservatives\n")
        assert result.exit_code == 0, result.output
        assert "Revision drill: 2 banks: A small bank for tests, Tudors, 2 questions." in \
            result.stdout
        assert reviewed(progress) == {("mini", "right-opposition-members"): 1,
                                      ("tudors", "right-opposition-members"): 1}
        assert "Score: 2 out of 2 (100%)." in result.stdout
        assert "  factions (Tudors): 1 of 1" in result.stdout
        assert "· factions (Tudors) · short" in result.stdout  # the header says which bank

    def test_practice_over_two_banks(self, progress):
        """practice over both banks' short and true/false questions asks all four."""
        result = both("practice", progress, "--type", "short,truefalse", "--no-relearn",
                      input="t\n" * 4)
        assert result.exit_code == 0, result.output
        assert reviewed(progress) == {(b, q): 1 for b in ("mini", "tudors")
                                      for q in ("right-opposition-members", "nep-tf")}
        assert {r.kind for r in ProgressStore(progress).reviews("tudors")} == {"practice"}

    def test_exam_paper_counts_across_the_banks(self, progress):
        """exam --count 3 of the banks' 4 short and true/false questions: one paper of 3."""
        result = both("exam", progress, "--type", "short,truefalse", "--count", "3",
                      input="t\n" * 3)
        assert result.exit_code == 0, result.output
        assert "2 banks: A small bank for tests, Tudors, 3 questions." in result.stdout
        assert sum(reviewed(progress).values()) == 3
        assert {b for b, _ in reviewed(progress)} == {"mini", "tudors"}

    def test_a_topic_only_one_bank_has_is_valid(self, progress):
        """--topic wives is in tudors alone: its questions are asked, mini's are not."""
        result = both("drill", progress, "--topic", "wives", input="t\n2\n")
        assert result.exit_code == 0, result.output
        assert {b for b, _ in reviewed(progress)} == {"tudors"}

    def test_an_unknown_topic_lists_every_bank_topics(self, progress):
        """--topic nope: exit 2 naming the topics of both banks, nothing saved."""
        result = both("drill", progress, "--topic", "nope")
        assert result.exit_code == 2
        assert "the topics are: factions, economy, wives" in result.stderr
        assert not progress.exists()

    def test_retention_is_kept_for_each_bank(self, progress):
        """drill --retention 0.8 over two banks stores 0.8 for both."""
        result = both("drill", progress, "--retention", "0.8", "--limit", "1", input="x\n")
        assert result.exit_code == 0, result.output
        store = ProgressStore(progress)
        for bid in ("mini", "tudors"):
            kept = store.settings(bid)
            assert kept is not None and kept.desired_retention == 0.8

    def test_nothing_due_counts_the_new_questions_of_both_banks(self, progress):
        """drill --new 0 over two fresh banks: nothing due, 8 + 3 new ones waiting."""
        result = both("drill", progress, "--new", "0")
        assert result.exit_code == 0, result.output
        assert "New questions are turned off (--new 0); 11 are waiting." in result.stdout

    def test_drill_with_an_exam_date_over_two_banks(self, progress):
        """drill --exam DATE plans each bank with its own goal; both answers are saved."""
        result = both("drill", progress, "--exam", "2030-06-01", "--type", "short",
                      "--no-relearn", input="a\nb\n")
        assert result.exit_code == 0, result.output
        assert {b for b, _ in reviewed(progress)} == {"mini", "tudors"}

    def test_undo_and_progress_show_still_read_per_bank(self, progress):
        """After a two-bank drill, show lists both banks and undo takes back the last."""
        both("drill", progress, "--type", "short", "--no-relearn", input="a\nb\n")
        shown = invoke("progress", "show", "--progress", str(progress))
        assert shown.exit_code == 0 and "mini" in shown.stdout and "tudors" in shown.stdout
        undone = invoke("progress", "undo", "--progress", str(progress))
        assert undone.exit_code == 0, undone.output
        assert "tudors/right-opposition-members" in undone.stdout
        assert reviewed(progress) == {("mini", "right-opposition-members"): 1}


class TestEnvironment:
    """$POWERQUIZ_BANK may name several banks."""

    def test_two_paths_in_the_variable_make_one_session(self, progress):
        """POWERQUIZ_BANK=mini.yaml<pathsep>tudors.yaml drills both banks."""
        env = {"POWERQUIZ_BANK": f"{MINI}{os.pathsep}{TUDORS}"}
        result = invoke("drill", "--plain", "--progress", str(progress), "--type", "short",
                        "--no-relearn", input="a\nb\n", env=env)
        assert result.exit_code == 0, result.output
        assert "2 banks: A small bank for tests, Tudors" in result.stdout
        assert {b for b, _ in reviewed(progress)} == {"mini", "tudors"}

    @pytest.mark.parametrize("command", ["practice", "exam"])
    def test_practice_and_exam_read_the_variable_too(self, progress, command):
        """practice and exam over POWERQUIZ_BANK's two banks."""
        env = {"POWERQUIZ_BANK": f"{MINI}{os.pathsep}{TUDORS}"}
        result = invoke(command, "--plain", "--progress", str(progress), "--type", "short",
                        input="a\nb\n", env=env)
        assert result.exit_code == 0, result.output
        assert {b for b, _ in reviewed(progress)} == {"mini", "tudors"}

    def test_one_bank_commands_read_the_first_bank_named(self, progress):
        """stats with POWERQUIZ_BANK naming two banks reports the first; --bank the other."""
        env = {"POWERQUIZ_BANK": f"{MINI}{os.pathsep}{TUDORS}"}
        invoke("drill", "--plain", "--progress", str(progress), "--type", "short",
               "--no-relearn", input="a\nb\n", env=env)
        first = invoke("stats", "--plain", "--progress", str(progress), env=env)
        assert first.exit_code == 0, first.output
        assert "Overview: A small bank for tests (mini)" in first.stdout
        second = invoke("stats", "--plain", "--bank", str(TUDORS), "--progress",
                        str(progress), env=env)
        assert second.exit_code == 0, second.output
        assert "Overview: Tudors (tudors)" in second.stdout
        assert "Questions seen   1 of 3" in second.stdout

    def test_a_bank_option_wins_over_the_variable(self, progress):
        """--bank given: POWERQUIZ_BANK's banks are not used."""
        env = {"POWERQUIZ_BANK": f"{MINI}{os.pathsep}{TUDORS}"}
        result = invoke("drill", "--plain", "--bank", str(TUDORS), "--progress", str(progress),
                        "--type", "short", input="a\n", env=env)
        assert result.exit_code == 0, result.output
        assert {b for b, _ in reviewed(progress)} == {"tudors"}


class TestCompletion:
    """--topic <TAB> after a repeatable --bank."""

    def test_topics_of_the_bank_on_the_line_are_offered(self):
        """drill --bank tudors.yaml --topic <TAB> offers tudors' topics, as list does."""
        assert complete(f"powerquiz drill --bank {TUDORS} --topic ") == ["factions", "wives"]

    def test_topics_of_every_bank_on_the_line_are_offered(self):
        """With two --bank files, --topic <TAB> offers the topics of both, each id once."""
        mini = load_bank(MINI)
        wanted = list(dict.fromkeys([t.id for t in mini.topics] + ["factions", "wives"]))
        assert complete(f"powerquiz drill --bank {MINI} --bank {TUDORS} --topic ") == wanted


class TestBadBanks:
    """Two banks that cannot share a session, and banks that do not load."""

    def test_two_files_with_the_same_bank_id_are_refused(self, tmp_path, progress):
        """A copy of mini under another name: exit 2 naming both files, nothing saved."""
        copy = tmp_path / "copy.yaml"
        copy.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
        result = invoke("drill", "--plain", "-b", str(MINI), "-b", str(copy),
                        "--progress", str(progress), input="x\n")
        assert result.exit_code == 2
        assert str(MINI) in result.stderr and str(copy) in result.stderr
        assert "same bank id 'mini'" in result.stderr
        assert "Traceback" not in result.output and not progress.exists()

    def test_the_same_file_twice_is_refused(self, progress):
        """--bank mini.yaml twice: exit 2, 'given twice'."""
        result = invoke("exam", "--plain", "-b", str(MINI), "-b", str(MINI),
                        "--progress", str(progress))
        assert result.exit_code == 2 and "given twice" in result.stderr

    def test_every_bank_that_fails_to_load_reports_its_errors(self, tmp_path, progress):
        """A missing file and a broken one: both reported as one bank's would be; exit 1."""
        broken = tmp_path / "broken.yaml"
        broken.write_text("bank: [\n", encoding="utf-8")
        missing = tmp_path / "missing.yaml"
        result = invoke("practice", "--plain", "-b", str(MINI), "-b", str(missing),
                        "-b", str(broken), "--progress", str(progress))
        assert result.exit_code == 1
        assert f"{missing}: 1 error" in result.stderr and f"{broken}:" in result.stderr
        assert "Traceback" not in result.output


#: Replies to the two-bank golden drill: right, partly right and wrong answers in both
#: banks, and the missed ones answered again when they come back.
REPLIES = ["Bukharin and Tomsky", "conservatives", "t", "f", "Bukharin, Tomsky, Rykov", "2",
           "1", "t", "rapid industrialisation", "Stalin", "1 2 4", "rapid industrialisation",
           "collectivisation"]


class TestGolden:
    """A whole plain two-bank drill, compared line for line."""

    def test_two_bank_drill_transcript_is_unchanged(self, tmp_path):
        """``drill --plain`` over mini and tudors prints its golden transcript."""
        code, out, err = scripted_run(
            ["drill", "--plain", "--bank", str(MINI), "--bank", str(TUDORS), "--seed", "7",
             "--limit", "8"], REPLIES, tmp_path)
        assert (code, err) == (0, "")
        check_golden("drill-two-banks-plain.txt", out.replace(str(tmp_path), "HOME"))
