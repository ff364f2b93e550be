"""``powerquiz progress``: show, export, import and reset from the command line."""

from __future__ import annotations

import os

# typer reads these when it is first imported: plain, stable help output.
os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")
os.environ.setdefault("TERMINAL_WIDTH", "100")

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import typer

import powerquiz.cli.restore_cmd  # adds `progress restore` to the group
import powerquiz.cli.undo_cmd  # noqa: F401 - adds `progress undo` to the group
from powerquiz.cli import progress_cmds
from powerquiz.progress import ProgressStore, Review, new_review_id
from progress_helpers import NOW, assert_clean_failure, fill, run


@pytest.fixture(autouse=True)
def _cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the default progress file at a temporary folder for every command run here."""
    home = tmp_path / "cli-home"
    monkeypatch.setenv("POWERQUIZ_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    yield home


class TestHelp:
    """powerquiz progress help: the command list and each command's example."""
    def test_every_command_has_help_with_an_example(self) -> None:
        """Each progress command has a docstring with an example line."""
        group = typer.main.get_command(progress_cmds.app)
        commands = group.commands  # type: ignore[attr-defined]
        assert sorted(commands) == ["export", "import", "reset", "restore", "show", "undo"]
        for name, command in commands.items():
            assert command.help, name
            assert "Example: powerquiz progress " + name in command.help, name

    def test_no_command_shows_help(self) -> None:
        """``powerquiz progress`` alone lists the commands."""
        result = run()
        for name in ("show", "export", "import", "reset"):
            assert name in result.output

    def test_command_help_shows_the_example(self) -> None:
        """``--help`` on a command prints its example."""
        result = run("reset", "--help")
        assert result.exit_code == 0
        assert "powerquiz progress reset --yes" in result.output


class TestShow:
    """progress show: the per-bank table, --bank-id, no progress and damaged files."""
    def test_show_with_no_progress(self, _cli_home: Path) -> None:
        """With nothing saved, show says so and names the file, creating nothing."""
        result = run("show")
        assert result.exit_code == 0
        assert "No progress saved yet" in result.stdout
        assert not _cli_home.exists()

    def test_show_counts_cards_reviews_and_due(self, _cli_home: Path) -> None:
        """show prints a row per bank with its cards, reviews and cards due now."""
        an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
        fill(_cli_home / "progress.json", "tudors", drills=3, exams=1, now=an_hour_ago)
        fill(_cli_home / "progress.json", "stuarts", drills=1, exams=0, now=an_hour_ago)
        result = run("show")
        assert result.exit_code == 0, result.output
        rows = {}
        for line in result.stdout.splitlines():
            cells = line.replace("│", " ").replace("|", " ").split()
            if cells and cells[0] in ("tudors", "stuarts"):
                rows[cells[0]] = cells[1:]
        # Rated AGAIN an hour ago: due again after a minute.  EASY: due in days.
        assert rows == {"tudors": ["3", "4", "1"], "stuarts": ["1", "1", "1"]}
        assert str(_cli_home / "progress.json") in result.stdout

    def test_show_one_bank(self, tmp_path: Path) -> None:
        """--bank-id limits the table to that bank."""
        path = tmp_path / "p.json"
        fill(path, "tudors")
        fill(path, "stuarts")
        result = run("show", "--progress", str(path), "--bank-id", "stuarts")
        assert result.exit_code == 0
        assert "stuarts" in result.stdout and "tudors" not in result.stdout

    def test_show_damaged_file(self, tmp_path: Path) -> None:
        """A damaged file gives its name and the way out on stderr, exit 1, no traceback."""
        path = tmp_path / "p.json"
        path.write_text("{oops")
        result = run("show", "--progress", str(path))
        assert_clean_failure(result, str(path), "line 1, column 2", "powerquiz progress reset")


class TestExportImport:
    """progress export and import: merging, re-imports and clean failures."""
    def test_export_then_import(self, tmp_path: Path) -> None:
        """Export writes every answer to a file; import merges it into another store."""
        source = fill(tmp_path / "a.json")
        export = tmp_path / "export.json"
        result = run("export", str(export), "--progress", str(source.path))
        assert result.exit_code == 0, result.output
        assert "Exported 3 answers" in result.stdout
        assert len(json.loads(export.read_text())["reviews"]) == 3
        result = run("import", str(export), "--progress", str(tmp_path / "b.json"))
        assert result.exit_code == 0, result.output
        assert "Imported 3 answers" in result.stdout
        assert ProgressStore(tmp_path / "b.json").reviews() == source.reviews()

    def test_import_twice_says_nothing_new(self, tmp_path: Path) -> None:
        """Importing the same export again adds nothing and says so."""
        source = fill(tmp_path / "a.json")
        export = tmp_path / "export.json"
        source.export(export)
        run("import", str(export))
        result = run("import", str(export))
        assert result.exit_code == 0
        assert "Nothing new" in result.stdout

    def test_import_to_the_default_file(self, tmp_path: Path, _cli_home: Path) -> None:
        """Without --progress, import writes to progress.json under POWERQUIZ_HOME."""
        fill(tmp_path / "a.json").export(tmp_path / "export.json")
        assert run("import", str(tmp_path / "export.json")).exit_code == 0
        assert len(ProgressStore(_cli_home / "progress.json").reviews()) == 3

    def test_import_garbage(self, tmp_path: Path) -> None:
        """Importing a file that is not an export fails cleanly and names it."""
        junk = tmp_path / "junk.json"
        junk.write_bytes(b"\x00\x01")
        assert_clean_failure(run("import", str(junk)), str(junk))

    def test_import_missing_file(self, tmp_path: Path) -> None:
        """Importing a file that does not exist fails cleanly and names it."""
        missing = tmp_path / "missing.json"
        assert_clean_failure(run("import", str(missing)), str(missing))

    def test_export_to_a_missing_folder(self, tmp_path: Path) -> None:
        """Exporting into a folder that does not exist fails cleanly."""
        fill(tmp_path / "a.json")
        dest = tmp_path / "nowhere" / "x.json"
        result = run("export", str(dest), "--progress", str(tmp_path / "a.json"))
        assert_clean_failure(result, str(dest))


class TestExportForTheTeacher:
    """export --name/--bank: who made it, for which bank, fingerprints; never overwrites."""

    def test_the_export_carries_name_bank_and_fingerprints(
        self, tmp_path: Path, mini_bank_path: Path
    ) -> None:
        """The name, the bank's id and title, and a fingerprint of each answered question."""
        from powerquiz.bank import load_bank
        from powerquiz.reports import fingerprint

        source = fill(tmp_path / "a.json", bank="mini")
        answered = Review(id=new_review_id(), bank="mini", question="nep-tf", kind="practice",
                         at=NOW, answer="true", verdict="correct", score=1.0, rating=None)
        source.record(answered)
        export = tmp_path / "export.json"
        result = run("export", str(export), "--progress", str(source.path), "--name",
                     "  Alex Smith ", "--bank", str(mini_bank_path))
        assert result.exit_code == 0, result.output
        doc = json.loads(export.read_text(encoding="utf-8"))
        nep = load_bank(mini_bank_path).question("nep-tf")
        assert nep is not None
        assert doc["name"] == "Alex Smith"
        assert doc["bank"] == {"id": "mini", "title": "A small bank for tests"}
        assert doc["fingerprints"] == {"nep-tf": fingerprint(nep)}

    def test_an_unreadable_default_bank_does_not_stop_an_export(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A broken $POWERQUIZ_BANK: the export is written without the bank; --bank is strict."""
        broken = tmp_path / "broken.yaml"
        broken.write_text("bank: [", encoding="utf-8")
        monkeypatch.setenv("POWERQUIZ_BANK", str(broken))
        source = fill(tmp_path / "a.json")
        export = tmp_path / "export.json"
        result = run("export", str(export), "--progress", str(source.path), "--name", "Al")
        assert result.exit_code == 0, result.output
        doc = json.loads(export.read_text(encoding="utf-8"))
        assert doc["name"] == "Al" and "bank" not in doc
        other = tmp_path / "other.json"
        result = run("export", str(other), "--progress", str(source.path), "--bank", str(broken))
        assert result.exit_code == 1
        assert str(broken) in result.stderr and not other.exists()

    def test_an_existing_file_is_kept_without_force(self, tmp_path: Path) -> None:
        """export refuses an existing file (exit 1, untouched) unless --force is given."""
        source = fill(tmp_path / "a.json")
        export = tmp_path / "export.json"
        export.write_text("my homework", encoding="utf-8")
        result = run("export", str(export), "--progress", str(source.path))
        assert result.exit_code == 1
        assert "--force" in result.stderr and str(export) in result.stderr
        assert export.read_text(encoding="utf-8") == "my homework"
        result = run("export", str(export), "--progress", str(source.path), "--force")
        assert result.exit_code == 0, result.output
        assert len(json.loads(export.read_text(encoding="utf-8"))["reviews"]) == 3

    @pytest.mark.parametrize("name", ["", "   ", "Alex\nSmith", "\x1b[31mred", "x" * 201])
    def test_an_unusable_name_is_refused(self, tmp_path: Path, name: str) -> None:
        """An empty name, control characters or an over-long name: exit 2, nothing written."""
        source = fill(tmp_path / "a.json")
        export = tmp_path / "export.json"
        result = run("export", str(export), "--progress", str(source.path), "--name", name)
        assert result.exit_code == 2
        assert "--name" in result.stderr
        assert not export.exists()

    def test_an_export_without_the_new_fields_still_imports(self, tmp_path: Path) -> None:
        """An older export (no name, bank or fingerprints) imports as before."""
        source = fill(tmp_path / "a.json")
        export = tmp_path / "export.json"
        run("export", str(export), "--progress", str(source.path), "--name", "Alex")
        doc = json.loads(export.read_text(encoding="utf-8"))
        for key in ("name", "bank", "fingerprints"):
            del doc[key]
        export.write_text(json.dumps(doc), encoding="utf-8")
        result = run("import", str(export), "--progress", str(tmp_path / "b.json"))
        assert result.exit_code == 0, result.output
        assert "Imported 3 answers" in result.stdout

    @pytest.mark.parametrize("bad", [{"name": 5}, {"bank": "mini"}, {"bank": {"id": 3}},
                                     {"fingerprints": ["x"]}, {"fingerprints": {"q": 1}}])
    def test_a_wrong_header_field_is_a_damaged_export(self, tmp_path: Path,
                                                      bad: dict[str, object]) -> None:
        """A header field of the wrong shape is refused cleanly, naming the key."""
        source = fill(tmp_path / "a.json")
        export = tmp_path / "export.json"
        run("export", str(export), "--progress", str(source.path))
        doc = {**json.loads(export.read_text(encoding="utf-8")), **bad}
        export.write_text(json.dumps(doc), encoding="utf-8")
        result = run("import", str(export), "--progress", str(tmp_path / "b.json"))
        assert result.exit_code == 1
        assert str(export) in result.stderr and next(iter(bad)) in result.stderr
        assert "Traceback" not in result.output


class TestReset:
    """progress reset: --yes backups, the confirmation question, damaged files."""
    def test_reset_yes_moves_the_file_aside(self, _cli_home: Path) -> None:
        """reset --yes keeps a backup, prints where it is, and leaves no progress."""
        store = fill(_cli_home / "progress.json")
        before = store.path.read_bytes()
        result = run("reset", "--yes")
        assert result.exit_code == 0, result.output
        backups = list(_cli_home.glob("progress.json.*.bak"))
        assert len(backups) == 1 and backups[0].read_bytes() == before
        assert str(backups[0]) in result.stdout.replace("\n", "")
        assert store.reviews() == []

    def test_reset_asks_first(self, _cli_home: Path) -> None:
        """Without --yes, reset asks; answering no changes nothing."""
        store = fill(_cli_home / "progress.json")
        before = store.path.read_bytes()
        result = run("reset", input="n\n")
        assert result.exit_code == 0
        assert "start afresh?" in result.stdout
        assert "Nothing changed" in result.stdout
        assert store.path.read_bytes() == before

    def test_reset_with_no_answer_changes_nothing(self, _cli_home: Path) -> None:
        """With no input to answer the question, reset says so, changes nothing, exits 1."""
        store = fill(_cli_home / "progress.json")
        before = store.path.read_bytes()
        result = run("reset", input="")
        assert result.exit_code == 1
        assert "pass --yes" in result.stderr
        assert store.path.read_bytes() == before

    def test_reset_confirmed(self, _cli_home: Path) -> None:
        """Answering yes to the question resets."""
        store = fill(_cli_home / "progress.json")
        result = run("reset", input="y\n")
        assert result.exit_code == 0
        assert "Progress reset" in result.stdout
        assert not store.path.exists()

    def test_reset_nothing(self) -> None:
        """Resetting with no progress says there is nothing to reset."""
        result = run("reset", "--yes")
        assert result.exit_code == 0
        assert "no progress to reset" in result.stdout

    def test_reset_a_damaged_file(self, tmp_path: Path) -> None:
        """A damaged file can be reset from the command line."""
        path = tmp_path / "p.json"
        path.write_bytes(b"\xff\xfe junk")
        result = run("reset", "--yes", "--progress", str(path))
        assert result.exit_code == 0, result.output
        assert not path.exists()
        assert run("show", "--progress", str(path)).exit_code == 0


class TestWordingOfFacts:
    """The core raises facts; the command line words the way out, once."""

    def test_reset_hint_names_a_non_default_store(self, tmp_path: Path) -> None:
        """A damaged file that is not the default gets reset with its --progress, quoted."""
        path = tmp_path / "my progress.json"
        path.write_text("{oops")
        result = run("show", "--progress", str(path))
        assert f"powerquiz progress reset --progress '{path}'" in result.stderr

    def test_default_store_gets_the_plain_reset_command(self, _cli_home: Path) -> None:
        """A damaged default file gets `powerquiz progress reset` without --progress."""
        _cli_home.mkdir(parents=True)
        (_cli_home / "progress.json").write_text("{oops")
        result = run("show")
        assert "`powerquiz progress reset`" in result.stderr
        assert "--progress" not in result.stderr

    def test_a_newer_schema_is_not_offered_a_reset(self, tmp_path: Path) -> None:
        """A file from a newer powerquiz says to upgrade, never to reset."""
        path = tmp_path / "p.json"
        path.write_text(json.dumps({"schema": 99, "cards": {}}))
        result = run("show", "--progress", str(path))
        assert result.exit_code == 1
        assert "Upgrade powerquiz" in result.stderr and "reset" not in result.stderr

    def test_import_of_a_non_export_says_how_to_make_one(self, tmp_path: Path) -> None:
        """Importing a file that is not an export points to `powerquiz progress export`."""
        junk = tmp_path / "junk.json"
        junk.write_text("[]")
        result = run("import", str(junk))
        assert result.exit_code == 1
        assert "powerquiz progress export FILE" in result.stderr

    def test_idle_lines_word_each_fact(self) -> None:
        """Nothing due, the next review, the new-question cap and practice are each said."""
        from powerquiz.session import Idle

        lines = progress_cmds.idle_lines(Idle(now=NOW, next_due=NOW + timedelta(days=2),
                                              new_waiting=4, new_per_day=3))
        assert lines[0] == "Nothing is due right now."
        assert lines[1].startswith("Your next review is due in 2 days")
        assert "You have met 3 new questions today; 4 more" in lines[2]
        assert lines[-1].endswith("run: powerquiz practice")
        off = progress_cmds.idle_lines(Idle(now=NOW, next_due=None, new_waiting=4,
                                            new_per_day=0))
        assert off[1] == "New questions are turned off (--new 0); 4 are waiting."
