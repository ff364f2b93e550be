"""The record path: an answer appends one log line; the card file is a snapshot written
now and then, and every read replays the log past it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

import powerquiz.progress.compaction as compaction
import powerquiz.progress.log as log_module
import powerquiz.progress.reading as reading_module
import powerquiz.progress.store as store_module
from powerquiz.bank import Bank, load_bank
from powerquiz.progress import ProgressError, ProgressStore
from powerquiz.progress.atomic import atomic_write
from powerquiz.progress.files import read_capped
from powerquiz.session import Session, SessionConfig
from powerquiz.session.scripted import ScriptedPrompter, right_answer
from progress_helpers import NOW, drill, make_review, seeded


def snapshot_offset(store: ProgressStore) -> int:
    """The card file's ``log_bytes``: how much of the log it reflects."""
    return int(json.loads(store.path.read_bytes())["log_bytes"])


def count_atomic_writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every card file write the store makes from now on (each still happens)."""
    written: list[Path] = []
    real = atomic_write

    def counted(path: Path, data: bytes, **kw: int | None) -> None:
        written.append(path)
        real(path, data, **kw)

    monkeypatch.setattr(store_module, "atomic_write", counted)
    return written


class TestAnAnswerAppendsOnly:
    """Recording an answer writes one log line, whatever the number of cards."""

    def test_bytes_written_do_not_grow_with_the_cards(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """At 10 cards and at 3,000, one answer leaves the card file alone and adds one line."""
        growth = []
        for cards in (10, 3000):
            store = ProgressStore(seeded(tmp_path / f"c{cards}" / "progress.json", cards).path)
            card_file, log_size = store.path.read_bytes(), store.log_path.stat().st_size
            written = count_atomic_writes(monkeypatch)
            stored = drill(store, make_review("q1", at=NOW + timedelta(days=3)))
            monkeypatch.undo()
            assert written == []
            assert store.path.read_bytes() == card_file
            lines = store.log_path.read_bytes()[log_size:].splitlines()
            assert [json.loads(line)["id"] for line in lines] == [stored.id]
            growth.append(store.log_path.stat().st_size - log_size)
        assert growth[0] == growth[1] < 1000

    def test_the_snapshot_is_written_when_the_tail_is_full(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The answer that fills the tail (TAIL_LINES answers) folds it into the card file."""
        monkeypatch.setattr(compaction, "TAIL_LINES", 4)
        store = seeded(tmp_path / "progress.json", 300)
        folded = snapshot_offset(store)
        for i in range(3):
            drill(store, make_review(f"q{i}", at=NOW + timedelta(days=3)))
            assert snapshot_offset(store) == folded
        last = drill(store, make_review("q3", at=NOW + timedelta(days=3)))
        assert snapshot_offset(store) == store.log_path.stat().st_size
        card = json.loads(store.path.read_bytes())["cards"]["tudors"]["q3"]
        assert last.card is not None and card["reps"] == last.card.reps

    def test_a_small_store_is_folded_at_a_share_of_its_size(self, tmp_path: Path) -> None:
        """With one card, the tail soon outgrows half the snapshot: it is folded in at once."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store, make_review("q1"))
        drill(store, make_review("q2", at=NOW + timedelta(minutes=1)))
        assert snapshot_offset(store) == store.log_path.stat().st_size
        assert sorted(json.loads(store.path.read_bytes())["cards"]["tudors"]) == ["q1", "q2"]


class TestTheTailIsReplayed:
    """Readers see the answers past the snapshot, so the cards read are always current."""

    def test_another_store_reads_the_tails_cards(self, tmp_path: Path) -> None:
        """Answers not yet in the card file are read back, cards and reviews, by a new store."""
        writer = seeded(tmp_path / "progress.json", 300)
        stored = [drill(writer, make_review(f"q{i}", at=NOW + timedelta(days=3)))
                  for i in range(3)]
        assert snapshot_offset(writer) < writer.log_path.stat().st_size
        reader = ProgressStore(writer.path)
        cards = reader.cards("tudors")
        assert [cards[r.question] for r in stored] == [r.card for r in stored]
        assert reader.cards("tudors") == writer.cards("tudors")
        assert [r.id for r in reader.reviews()[-3:]] == [r.id for r in stored]

    def test_the_next_answer_starts_from_the_tails_card(self, tmp_path: Path) -> None:
        """A second answer to a question still in the tail is rescheduled from that card."""
        path = seeded(tmp_path / "progress.json", 300).path
        first = drill(ProgressStore(path), make_review("q7", at=NOW + timedelta(days=3)))
        second = drill(ProgressStore(path), make_review("q7", at=NOW + timedelta(days=9)))
        assert first.card is not None and second.card is not None
        assert second.card.reps == first.card.reps + 1

    def test_another_stores_appends_are_replayed_without_the_card_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A store that has read the files takes in another's new answers from the log alone."""
        writer = seeded(tmp_path / "progress.json", 300)
        reader = ProgressStore(writer.path)
        reader.cards("tudors")
        stored = [drill(writer, make_review(f"q{i}", at=NOW + timedelta(days=3)))
                  for i in range(3)]
        reads: list[Path] = []
        real: Callable[..., bytes | None] = read_capped

        def counted(path: Path, *args: int) -> bytes | None:
            reads.append(path)
            return real(path, *args)

        monkeypatch.setattr(reading_module, "read_capped", counted)
        monkeypatch.setattr(log_module, "read_capped", counted)
        cards = reader.cards("tudors")
        assert reads == [writer.log_path]
        assert [cards[r.question] for r in stored] == [r.card for r in stored]
        monkeypatch.undo()
        assert cards == ProgressStore(writer.path).cards("tudors")


class TestFlush:
    """flush() folds the tail into the card file; the end of a session calls it."""

    def test_flush_folds_the_tail(self, tmp_path: Path) -> None:
        """After flush the card file reflects the whole log and reads the same cards."""
        store = seeded(tmp_path / "progress.json", 300)
        drill(store, make_review("q1", at=NOW + timedelta(days=3)))
        before = ProgressStore(store.path).cards("tudors")
        assert store.flush()
        assert snapshot_offset(store) == store.log_path.stat().st_size
        assert ProgressStore(store.path).cards("tudors") == before

    def test_flush_with_nothing_to_fold_writes_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An up-to-date card file is left as it is, and no progress at all creates nothing."""
        store = seeded(tmp_path / "progress.json", 30)
        written = count_atomic_writes(monkeypatch)
        assert store.flush()
        assert written == []
        empty = ProgressStore(tmp_path / "none" / "progress.json")
        assert empty.flush()
        assert not (tmp_path / "none").exists()

    def test_flush_on_a_damaged_file_says_so_and_writes_nothing(self, tmp_path: Path) -> None:
        """flush never raises: a damaged card file gives False and is left for check to report."""
        path = tmp_path / "progress.json"
        path.write_text('{"schema": 3, "cards": {,}}')
        assert ProgressStore(path).flush() is False
        assert path.read_text() == '{"schema": 3, "cards": {,}}'

    def test_a_session_folds_its_answers_at_its_end(
        self, mini_bank_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """After a session the card file reflects every answer it saved."""
        monkeypatch.setattr(compaction, "TAIL_LINES", 10**6)
        monkeypatch.setattr(compaction, "TAIL_SHARE", 10.0**6)
        bank: Bank = load_bank(mini_bank_path)
        path = seeded(tmp_path / "progress.json", 300, bank=bank.id).path
        config = SessionConfig(seed=3, fuzz=False, limit=2)
        Session(bank, bank.select((), ("truefalse",)), ProgressStore(path),
                ScriptedPrompter([right_answer] * 2), config, clock=lambda: NOW,
                timer=lambda: 0.0).run()
        store = ProgressStore(path)
        assert any(r.kind == "drill" and r.at == NOW for r in store.reviews(bank.id))
        assert snapshot_offset(store) == store.log_path.stat().st_size


class TestStartUpReadsTheTailOnly:
    """check() (the start of a drill) reads the card file and the tail, never the history."""

    def log_bytes_read(self, monkeypatch: pytest.MonkeyPatch, log: Path) -> list[int]:
        """The size of every read of ``log`` from now on."""
        sizes: list[int] = []
        real: Callable[..., bytes | None] = read_capped

        def counted(path: Path, *args: int) -> bytes | None:
            data = real(path, *args)
            if path == log:
                sizes.append(len(data or b""))
            return data

        monkeypatch.setattr(log_module, "read_capped", counted)
        return sizes

    def test_check_reads_as_much_of_a_short_history_as_of_a_long_one(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """50 past reviews or 5,000: check reads the same few lines of the log."""
        read = []
        for reviews in (50, 5000):
            store = seeded(tmp_path / f"r{reviews}" / "progress.json", 50, reviews)
            for i in range(3):
                drill(store, make_review(f"q{i}", at=NOW + timedelta(days=3)))
            sizes = self.log_bytes_read(monkeypatch, store.log_path)
            ProgressStore(store.path).check()
            monkeypatch.undo()
            read.append(sum(sizes))
        assert read[0] == read[1] < 3000

    def test_damage_in_the_folded_history_is_found_by_the_history_readers(
        self, tmp_path: Path
    ) -> None:
        """A damaged old line (before the snapshot's offset) passes check and stops reviews()."""
        store = seeded(tmp_path / "progress.json", 20, 40)
        lines = store.log_path.read_bytes().splitlines(keepends=True)
        lines[4] = lines[4].replace(b'"bank"', b'"bonk"', 1)
        store.log_path.write_bytes(b"".join(lines))
        ProgressStore(store.path).check()
        with pytest.raises(ProgressError, match="line 5"):
            ProgressStore(store.path).reviews()
