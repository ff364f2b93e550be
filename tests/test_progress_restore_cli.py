"""`powerquiz progress reset --bank-id` and `powerquiz progress restore`, as a student runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import powerquiz.cli.restore_cmd  # noqa: F401 - adds `progress restore` to the group
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import ProgressStore
from progress_helpers import assert_clean_failure, fill, run


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The default progress folder, with answers for two banks."""
    folder = tmp_path / "home"
    monkeypatch.setenv("POWERQUIZ_HOME", str(folder))
    monkeypatch.setenv("NO_COLOR", "1")
    folder.mkdir()
    fill(folder / "progress.json", "tudors", drills=2, exams=1)
    fill(folder / "progress.json", "stuarts", drills=1, exams=0)
    yield folder


class TestResetOneBank:
    """reset --bank-id: one bank starts afresh, said in plain words."""

    def test_asks_then_resets_only_that_bank(self, home: Path) -> None:
        """Confirmed with y: the bank's cards and answers are counted, the backup named,
        the other bank left."""
        result = run("reset", "--bank-id", "tudors", input="y\n")
        assert result.exit_code == 0, result.output
        assert "Bank 'tudors' reset: 2 cards and 3 answers taken out." in result.stdout
        assert ".tudors.bak" in result.stdout
        store = ProgressStore(home / "progress.json")
        assert store.reviews("tudors") == [] and len(store.reviews("stuarts")) == 1

    def test_no_keeps_everything(self, home: Path) -> None:
        """Answered n: nothing changes and it says so."""
        before = (home / "progress.reviews.jsonl").read_bytes()
        result = run("reset", "--bank-id", "tudors", input="n\n")
        assert result.exit_code == 0 and "Nothing changed." in result.stdout
        assert (home / "progress.reviews.jsonl").read_bytes() == before

    def test_unknown_bank_changes_nothing(self, home: Path) -> None:
        """A bank with no progress: said, exit 0, no backup made."""
        result = run("reset", "--bank-id", "nobody", "--yes")
        assert result.exit_code == 0
        assert "There is no progress for bank 'nobody'" in result.stdout
        assert not [p for p in home.iterdir() if p.name.endswith(".bak")]


class TestRestoreCommand:
    """restore: alone it lists the backups; with one it merges it back."""

    def test_lists_then_restores(self, home: Path) -> None:
        """After a reset the backup is listed with what it holds; restoring it brings every
        answer back, and a second restore says nothing is new."""
        assert run("reset", "--yes").exit_code == 0
        listed = run("restore")
        assert listed.exit_code == 0 and "the whole progress" in listed.stdout
        data = json.loads(run("restore", "--json").stdout)
        (backup,) = data["backups"]
        assert backup["kind"] == "reset" and backup["log"].endswith(".bak")
        result = run("restore", backup["path"])
        assert result.exit_code == 0 and "Restored 4 answers from" in result.stdout
        assert len(ProgressStore(home / "progress.json").reviews()) == 4
        again = run("restore", backup["path"])
        assert "Nothing new" in again.stdout

    def test_a_name_alone_is_found_beside_the_progress(self, home: Path) -> None:
        """The backup's file name alone, from another folder, names the one beside the
        progress file."""
        assert run("reset", "--bank-id", "stuarts", "--yes").exit_code == 0
        (name,) = [p.name for p in home.iterdir() if p.name.endswith(".stuarts.bak")]
        result = run("restore", name)
        assert result.exit_code == 0 and "Restored 1 answer from" in result.stdout

    def test_no_backups(self, home: Path) -> None:
        """No backup yet: one plain line, exit 0."""
        result = run("restore")
        assert result.exit_code == 0 and "No backups beside" in result.stdout

    def test_a_file_that_is_not_a_backup(self, home: Path, tmp_path: Path) -> None:
        """A file that is not progress: a clean error naming it, exit 1, no traceback."""
        bad = tmp_path / "notes.txt"
        bad.write_text("hello")
        assert_clean_failure(run("restore", str(bad)), "Cannot restore", "notes.txt")

    def test_help_has_examples(self) -> None:
        """restore --help shows how to list and how to restore."""
        result = run("restore", "--help")
        assert result.exit_code == ExitCode.OK
        assert "powerquiz progress restore" in result.stdout
