"""Resetting one bank (its answers out, the others' kept) and restoring any backup."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerquiz.progress import ProgressError, ProgressStore
from powerquiz.progress.backups import find_backups, restore
from powerquiz.progress.bank_reset import forget_bank, lines_without_bank
from powerquiz.progress.reading import Loaded
from powerquiz.progress.settings import BankSettings
from progress_helpers import fill

REPO = Path(__file__).resolve().parent.parent


def two_banks(tmp_path: Path) -> ProgressStore:
    """A store with answers for 'tudors' (3 drills, 1 exam) and 'stuarts' (2 drills, 2 exams)
    interleaved in the log, and settings for both."""
    path = tmp_path / "progress.json"
    fill(path, "tudors", drills=3, exams=1)
    fill(path, "stuarts", drills=2, exams=2)
    store = fill(path, "tudors", drills=0, exams=0)
    store.set_settings("tudors", BankSettings(None, 0.85))
    store.set_settings("stuarts", BankSettings(None, 0.8))
    return store


def lines_of(store: ProgressStore, bank: str) -> list[bytes]:
    return [line for line in store.log_path.read_bytes().splitlines(keepends=True)
            if json.loads(line)["bank"] == bank]


class TestResetBank:
    """`reset_bank` takes one bank's progress out and keeps everything else as it was."""

    def test_only_that_bank_leaves(self, tmp_path: Path) -> None:
        """The bank's cards, answers and settings go; the other bank's log lines are kept
        byte for byte, its cards and settings unchanged."""
        store = two_banks(tmp_path)
        kept_lines = lines_of(store, "stuarts")
        kept_cards = store.cards("stuarts")
        done = store.reset_bank("tudors")
        assert done is not None and (done.cards, done.answers) == (3, 4)
        fresh = ProgressStore(store.path)
        assert fresh.cards("tudors") == {} and fresh.reviews("tudors") == []
        assert fresh.settings("tudors") is None
        assert store.log_path.read_bytes() == b"".join(kept_lines)
        assert fresh.cards("stuarts") == kept_cards
        assert fresh.settings("stuarts") == BankSettings(None, 0.8)

    def test_backup_is_an_export_that_brings_it_back(self, tmp_path: Path) -> None:
        """The backup holds the bank's answers and settings; restoring it gives back the
        same answers and cards, and restoring it again adds nothing."""
        store = two_banks(tmp_path)
        before = ([r.id for r in store.reviews("tudors")], store.cards("tudors"))
        done = store.reset_bank("tudors")
        assert done is not None
        doc = json.loads(done.backup.read_bytes())
        assert doc["format"] == "powerquiz-progress-export" and doc["bank"]["id"] == "tudors"
        assert restore(store, done.backup) == 4
        fresh = ProgressStore(store.path)
        assert ([r.id for r in fresh.reviews("tudors")], fresh.cards("tudors")) == before
        assert fresh.settings("tudors") == BankSettings(None, 0.85)
        assert restore(store, done.backup) == 0

    def test_a_bank_with_nothing_changes_nothing(self, tmp_path: Path) -> None:
        """A bank with no progress here: None, and neither file nor any backup is written."""
        store = two_banks(tmp_path)
        files = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        assert store.reset_bank("nobody") is None
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == files

    def test_a_second_backup_never_replaces_the_first(self, tmp_path: Path) -> None:
        """Two resets of a bank within one second keep two backups."""
        store = two_banks(tmp_path)
        first = store.reset_bank("tudors")
        fill(store.path, "tudors", drills=1, exams=0)
        second = store.reset_bank("tudors")
        assert first is not None and second is not None and first.backup != second.backup
        assert first.backup.exists() and second.backup.exists()

    def test_kill_after_the_log_is_rewritten_loses_nothing(self, tmp_path: Path) -> None:
        """A kill between the log's rewrite and the card file's: the files read cleanly, the
        other bank is whole, and running the reset again finishes it."""
        store = two_banks(tmp_path)
        others = [r.id for r in store.reviews("stuarts")]
        state = store._load(for_write=True)

        def write_cards(s: Loaded) -> None:
            if "tudors" not in s.cards:  # the last write: the card file without the bank
                raise OSError("killed")
            store._write_snapshot(s)

        with pytest.raises(OSError):
            forget_bank(state, "tudors", store.reviews("tudors"), store.log_path, store.path,
                        write_cards)
        fresh = ProgressStore(store.path)
        fresh.check()
        assert [r.id for r in fresh.reviews("stuarts")] == others
        assert fresh.reviews("tudors") == []
        done = fresh.reset_bank("tudors")
        assert done is not None and done.answers == 0 and done.cards == 3
        assert ProgressStore(store.path).cards("tudors") == {}


WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from progress_helpers import fill
from powerquiz.progress import ProgressStore
path = Path(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    fill(path, "tudors", drills=1, exams=1)
    ProgressStore(path).reset_bank("tudors")
    n += 1
    print(n, flush=True)
"""


class TestResetBankKilled:
    """SIGKILL while one bank is reset over and over never harms another bank."""

    def test_random_kills(self, tmp_path: Path) -> None:
        """After each of 12 kills at random moments the files read cleanly and every
        answer of the other bank is still there."""
        path = tmp_path / "progress.json"
        fill(path, "stuarts", drills=2, exams=2)
        others = sorted(r.id for r in ProgressStore(path).reviews("stuarts"))
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        for n in range(12):
            proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path),
                                     str(REPO / "tests")], stdout=subprocess.PIPE, env=env,
                                    text=True)
            try:
                assert proc.stdout is not None
                assert proc.stdout.readline().strip() == "ready"
                proc.stdout.readline()  # one whole round done: the kill lands mid-round
                time.sleep(0.003 * (n % 6))
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            finally:
                proc.kill()
                proc.wait()
                if proc.stdout is not None:
                    proc.stdout.close()
            store = ProgressStore(path)
            store.check()
            assert sorted(r.id for r in store.reviews("stuarts")) == others


class TestLinesWithoutBank:
    """The log's rewrite drops exactly the bank's lines."""

    @given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.text(max_size=8))))
    def test_other_lines_kept_in_order(self, rows: list[tuple[str, str]]) -> None:
        """Every line of another bank is kept, byte for byte and in order; the count of
        dropped lines is the bank's."""
        lines = [json.dumps({"bank": bank, "answer": text}).encode() + b"\n"
                 for bank, text in rows]
        kept, dropped = lines_without_bank(b"".join(lines), "b")
        assert kept == b"".join(line for line, (bank, _t) in zip(lines, rows, strict=True)
                                if bank != "b")
        assert dropped == sum(bank == "b" for bank, _t in rows)


class TestFindBackups:
    """The backups beside a progress file, named by what made them, newest first."""

    def test_kinds_and_order(self, tmp_path: Path) -> None:
        """A reset pair, a bank backup and a migration backup are found, newest first;
        other files are not backups."""
        path = tmp_path / "progress.json"
        for name in ("progress.json.2026-01-01T100000Z.bak",
                     "progress.reviews.jsonl.2026-01-01T100000Z.bak",
                     "progress.json.2026-02-01T100000Z.tudors.bak",
                     "progress.json.2026-03-01T100000Z.schema1.bak",
                     "progress.json.2026-03-01T100000Z-2.bak",
                     "progress.json.bak", "notes.json.2026-01-01T100000Z.bak"):
            (tmp_path / name).write_text("{}")
        found = find_backups(path)
        assert [(b.path.name, b.kind) for b in found] == [
            ("progress.json.2026-03-01T100000Z.schema1.bak", "schema 1"),
            ("progress.json.2026-03-01T100000Z-2.bak", "reset"),
            ("progress.json.2026-02-01T100000Z.tudors.bak", "bank"),
            ("progress.json.2026-01-01T100000Z.bak", "reset")]
        assert found[2].bank == "tudors"
        assert found[3].log == tmp_path / "progress.reviews.jsonl.2026-01-01T100000Z.bak"
        assert found[0].taken == datetime(2026, 3, 1, 10, tzinfo=timezone.utc)

    def test_no_folder_means_none(self, tmp_path: Path) -> None:
        """A progress file in a folder that does not exist has no backups (no error)."""
        assert find_backups(tmp_path / "absent" / "progress.json") == []


class TestRestore:
    """Restoring merges a backup's answers in; it never replaces what is there now."""

    def test_full_reset_then_new_answers(self, tmp_path: Path) -> None:
        """After a reset and new answers, restoring the reset's backup brings back every old
        answer and keeps every new one; the backup files are left as they were."""
        store = two_banks(tmp_path)
        old = {r.id for r in store.reviews()}
        backup = store.reset()
        assert backup is not None
        backups = {p: p.read_bytes() for p in tmp_path.iterdir() if p.name.endswith(".bak")}
        fill(store.path, "tudors", drills=1, exams=0)
        new = {r.id for r in store.reviews()}
        assert restore(store, backup) == len(old)
        assert {r.id for r in ProgressStore(store.path).reviews()} == old | new
        assert {p: p.read_bytes() for p in backups} == backups

    def test_the_log_backup_names_the_pair_too(self, tmp_path: Path) -> None:
        """Naming the log's backup restores the same as naming the card file's."""
        store = two_banks(tmp_path)
        count = len(store.reviews())
        store.reset()
        (log,) = [p for p in tmp_path.iterdir() if p.name.startswith("progress.reviews.jsonl.")]
        assert restore(store, log) == count

    @pytest.mark.parametrize("content", [b"root:x:0:0:root:/root:/bin/bash\n", b"",
                                         b'{"schema": 99, "cards": {}}', b"\xff\xfe{"])
    def test_unreadable_backup_is_named_and_left_alone(self, tmp_path: Path,
                                                       content: bytes) -> None:
        """A file that is not progress: ProgressError naming it, nothing written anywhere."""
        store = two_banks(tmp_path)
        bad = tmp_path / "progress.json.2026-01-01T100000Z.bak"
        bad.write_bytes(content)
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        with pytest.raises(ProgressError) as err:
            restore(store, bad)
        assert str(bad) in str(err.value)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before

    def test_link_and_missing_are_refused(self, tmp_path: Path) -> None:
        """A symbolic link is refused before anything is read; a missing file is named."""
        store = two_banks(tmp_path)
        link = tmp_path / "link.bak"
        link.symlink_to(store.path)
        with pytest.raises(ProgressError, match="link"):
            restore(store, link)
        with pytest.raises(ProgressError, match="no such file"):
            restore(store, tmp_path / "absent.bak")
