"""The progress store: recording answers, reading them back, and looking after the files."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from powerquiz.cli.progress_cmds import progress_error_text
from powerquiz.progress import (
    CURRENT_SCHEMA,
    Mode,
    ProgressError,
    ProgressStore,
)
from powerquiz.scheduling import CardState, Rating, new_card
from progress_helpers import NOW, SCHEDULER, drill, make_review, snapshot


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.json"


@pytest.fixture
def store(path: Path) -> ProgressStore:
    return ProgressStore(path)


class TestRecordAndReload:
    """Record and reload: reviews and cards read back, reschedule, practice and exam leave cards."""
    def test_nothing_recorded_reads_empty(self, store: ProgressStore, path: Path) -> None:
        """A store whose file does not exist has no cards and no reviews, and creates nothing."""
        assert store.cards("tudors") == {}
        assert store.reviews() == []
        store.check()
        assert not path.parent.exists()

    def test_recorded_drill_reloads_from_a_new_store(
        self, store: ProgressStore, path: Path
    ) -> None:
        """A drill answer, once recorded, is read back by another store on the same file."""
        stored = drill(store, make_review())
        again = ProgressStore(path)
        assert again.reviews() == [stored]
        assert again.cards("tudors") == {"q1": stored.card}

    def test_record_returns_the_review_with_its_card(self, store: ProgressStore) -> None:
        """record returns the review as stored, carrying the card from reschedule."""
        review = make_review()
        stored = drill(store, review)
        assert stored.card is not None
        assert stored.card.reps == 1
        assert stored.id == review.id

    def test_reschedule_gets_the_latest_card(self, store: ProgressStore) -> None:
        """reschedule is given None the first time, then the card stored last."""
        seen: list[CardState | None] = []

        def reschedule(card: CardState | None) -> CardState:
            seen.append(card)
            base = card or new_card("tudors", "q1", NOW)
            return SCHEDULER.review(base, Rating.GOOD, NOW)

        first = store.record(make_review(), reschedule)
        store.record(make_review(), reschedule)
        assert seen == [None, first.card]

    def test_record_rereads_the_card_from_disk(self, path: Path) -> None:
        """Two store objects on one file see each other's cards: no answer is lost."""
        a, b = ProgressStore(path), ProgressStore(path)
        for i in range(6):
            drill(a if i % 2 else b, make_review(at=NOW + timedelta(minutes=i)))
        assert a.cards("tudors")["q1"].reps == 6

    def test_several_banks_share_one_file(self, store: ProgressStore, path: Path) -> None:
        """Two banks with the same question ids keep separate cards and reviews in one file."""
        t = drill(store, make_review("q1", bank="tudors"))
        s = drill(store, make_review("q1", bank="stuarts"), Rating.AGAIN)
        reread = ProgressStore(path)
        assert reread.cards("tudors") == {"q1": t.card}
        assert reread.cards("stuarts") == {"q1": s.card}
        assert reread.reviews("tudors") == [t]
        assert reread.reviews("stuarts") == [s]
        assert sorted(reread.all_cards()) == ["stuarts", "tudors"]
        assert sorted({r.bank for r in reread.reviews()}) == ["stuarts", "tudors"]
        assert reread.all_cards() == {"tudors": {"q1": t.card}, "stuarts": {"q1": s.card}}

    def test_history_of_a_removed_question_is_kept(self, store: ProgressStore) -> None:
        """The store keeps a question's card and reviews whatever the bank now contains."""
        gone = drill(store, make_review("deleted-from-bank"))
        drill(store, make_review("q1"))
        assert store.cards("tudors")["deleted-from-bank"] == gone.card
        assert gone in store.reviews("tudors")

    @pytest.mark.parametrize("kind", ["practice", "exam"])
    def test_practice_and_exam_do_not_change_cards(
        self, store: ProgressStore, kind: Mode
    ) -> None:
        """Practice and exam answers are kept in the history but leave the cards alone."""
        stored = drill(store, make_review())
        other = store.record(make_review(kind=kind, verdict="wrong"))
        store.record(make_review("q2", kind=kind))
        assert store.cards("tudors") == {"q1": stored.card}
        assert other in store.reviews()
        assert len(store.reviews()) == 3

    def test_practice_with_reschedule_is_refused(self, store: ProgressStore) -> None:
        """Passing reschedule with a practice review is a programming error."""
        with pytest.raises(ValueError, match="practice"):
            store.record(make_review(kind="practice"), lambda c: new_card("t", "q", NOW))

    def test_drill_without_reschedule_keeps_the_given_card(self, store: ProgressStore) -> None:
        """A drill review recorded with its card already set makes that the card state."""
        card = SCHEDULER.review(new_card("tudors", "q1", NOW), Rating.HARD, NOW)
        from dataclasses import replace

        store.record(replace(make_review(), card=card))
        assert store.cards("tudors")["q1"] == card

    def test_reviews_are_oldest_first(self, store: ProgressStore) -> None:
        """reviews() lists the history by time, whatever the order of recording."""
        late = store.record(make_review(at=NOW + timedelta(hours=1), kind="exam"))
        early = store.record(make_review(at=NOW, kind="exam"))
        assert store.reviews() == [early, late]

    def test_exception_in_reschedule_records_nothing(self, store: ProgressStore) -> None:
        """If reschedule fails, the answer is not recorded and the error propagates."""
        drill(store, make_review())

        def broken(card: CardState | None) -> CardState:
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            store.record(make_review(), broken)
        assert len(store.reviews()) == 1

    def test_text_that_is_not_valid_unicode_is_kept(self, store: ProgressStore) -> None:
        """An answer with a lone surrogate (undecodable terminal input) round-trips."""
        stored = store.record(make_review(kind="practice", answer="caf\udce9 \u00e9"))
        assert store.reviews()[0].answer == stored.answer


class TestOnDiskLayout:
    """On-disk layout: a small versioned card file, an append-only review log, no temp files."""
    def test_card_file_is_versioned_and_small(self, store: ProgressStore, path: Path) -> None:
        """progress.json holds the schema and one card per question, never the history."""
        for i in range(20):
            drill(store, make_review(f"q{i % 2}", at=NOW + timedelta(minutes=i)))
        doc = json.loads(path.read_text())
        assert doc["schema"] == CURRENT_SCHEMA == 3
        assert sorted(doc["cards"]["tudors"]) == ["q0", "q1"]
        assert "reviews" not in doc

    def test_reviews_go_to_an_append_only_log(self, store: ProgressStore, path: Path) -> None:
        """Each answer adds one JSON line to progress.reviews.jsonl beside the card file."""
        for i in range(3):
            store.record(make_review(kind="exam", at=NOW + timedelta(minutes=i)))
        log = path.with_name("progress.reviews.jsonl")
        lines = log.read_bytes().splitlines()
        assert len(lines) == 3
        assert [json.loads(line)["id"] for line in lines] == [r.id for r in store.reviews()]
        assert json.loads(path.read_text())["log_bytes"] == log.stat().st_size

    def test_other_file_names_get_their_own_log(self, tmp_path: Path) -> None:
        """A progress file called anything keeps its log beside it under a matching name."""
        store = ProgressStore(tmp_path / "my-progress")
        store.record(make_review(kind="exam"))
        assert store.log_path == tmp_path / "my-progress.reviews.jsonl"
        assert store.log_path.exists()

    def test_no_temporary_files_are_left(self, store: ProgressStore, path: Path) -> None:
        """After recording, only the card file, the log and the lock file remain."""
        drill(store, make_review())
        names = sorted(p.name for p in path.parent.iterdir())
        assert names == ["progress.json", "progress.json.lock", "progress.reviews.jsonl"]


class TestCrashRecovery:
    """What a kill between or during the two writes leaves behind is read correctly."""

    def test_log_line_past_the_card_file_is_replayed(
        self, store: ProgressStore, path: Path
    ) -> None:
        """A review appended to the log but missing from the card file still sets the card."""
        drill(store, make_review(at=NOW))
        old_card_file = path.read_bytes()
        second = drill(store, make_review(at=NOW + timedelta(days=1)))
        path.write_bytes(old_card_file)  # as if killed before the card file was replaced
        assert store.cards("tudors")["q1"] == second.card
        third = drill(store, make_review(at=NOW + timedelta(days=5)))
        assert third.card is not None and third.card.reps == 3

    def test_torn_final_line_is_ignored_then_repaired(
        self, store: ProgressStore, path: Path
    ) -> None:
        """Half a line at the end of the log is ignored on read and cut off by the next write."""
        first = drill(store, make_review())
        log = store.log_path
        with log.open("ab") as f:
            f.write(b'{"id": "torn", "bank": "tud')
        assert store.reviews() == [first]
        store.check()
        second = drill(store, make_review(at=NOW + timedelta(hours=1)))
        assert store.reviews() == [first, second]
        assert log.read_bytes().endswith(b"\n")

    def test_last_line_missing_only_its_newline_is_kept(
        self, store: ProgressStore, path: Path
    ) -> None:
        """A whole last review without its newline (a hand edit) is read and kept on writing."""
        first = drill(store, make_review())
        log = store.log_path
        log.write_bytes(log.read_bytes().rstrip(b"\n"))
        path.unlink()
        assert store.reviews() == [first]
        assert store.cards("tudors") == {"q1": first.card}
        second = drill(store, make_review(at=NOW + timedelta(hours=1)))
        assert store.reviews() == [first, second]
        assert second.card is not None and second.card.reps == 2
        assert len(log.read_bytes().splitlines()) == 2

    def test_log_without_card_file_rebuilds_cards(self, store: ProgressStore, path: Path) -> None:
        """If the first write was killed before the card file existed, the log is enough."""
        stored = drill(store, make_review())
        path.unlink()
        assert store.cards("tudors") == {"q1": stored.card}
        assert drill(store, make_review()).card.reps == 2

    def test_card_file_without_log_keeps_cards(self, store: ProgressStore, path: Path) -> None:
        """A deleted review log loses the history but not the cards, and writing carries on."""
        stored = drill(store, make_review())
        store.log_path.unlink()
        assert store.cards("tudors") == {"q1": stored.card}
        assert store.reviews() == []
        later = drill(store, make_review(at=NOW + timedelta(days=2)))
        later_card_file = path.read_bytes()
        assert store.reviews() == [later]
        assert json.loads(later_card_file)["log_bytes"] == store.log_path.stat().st_size

    def test_stale_temporary_files_are_cleaned_up(self, store: ProgressStore, path: Path) -> None:
        """A temporary file left by a killed writer is removed by the next write."""
        drill(store, make_review())
        leftover = path.with_name(".progress.json.abc123.tmp")
        leftover.write_bytes(b"{half")
        drill(store, make_review())
        assert not leftover.exists()


CORRUPT_CARD_FILES = {
    "bad JSON": b'{"schema": 2, "cards": {',
    "empty": b"",
    "whitespace": b"  \n",
    "a list": b"[]",
    "text": b'"progress"',
    "null": b"null",
    "no schema": b'{"cards": {}}',
    "schema as text": b'{"schema": "two", "cards": {}}',
    "schema zero": b'{"schema": 0, "cards": {}}',
    "cards a list": b'{"schema": 2, "log_bytes": 0, "cards": []}',
    "no cards": b'{"schema": 2, "log_bytes": 0}',
    "bank a list": b'{"schema": 2, "log_bytes": 0, "cards": {"tudors": []}}',
    "card a number": b'{"schema": 2, "log_bytes": 0, "cards": {"tudors": {"q1": 3}}}',
    "bad log_bytes": b'{"schema": 2, "log_bytes": -4, "cards": {}}',
    "bad datetime": (
        b'{"schema": 2, "log_bytes": 0, "cards": {"tudors": {"q1": {"card_id": 1, "state": 1,'
        b' "step": 0, "stability": null, "difficulty": null, "due": "next Tuesday",'
        b' "last_review": null}}}}'
    ),
    "naive datetime": (
        b'{"schema": 2, "log_bytes": 0, "cards": {"tudors": {"q1": {"card_id": 1, "state": 1,'
        b' "step": 0, "stability": null, "difficulty": null, "due": "2026-03-02T09:00:00",'
        b' "last_review": null}}}}'
    ),
    "binary junk": bytes(range(256)) * 4,
    "not UTF-8": b'{"schema": 2, "cards": {"\xff\xfe": {}}}',
    "v1 with bad shape": b'{"version": 1, "banks": {"tudors": {"reviews": {}}}}',
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
}


class TestCorruptFiles:
    """Corrupt files: damaged card files and log lines are refused with a clear ProgressError."""
    @pytest.mark.parametrize("content", CORRUPT_CARD_FILES.values(), ids=CORRUPT_CARD_FILES.keys())
    def test_every_operation_refuses_and_leaves_the_file(
        self, store: ProgressStore, path: Path, content: bytes
    ) -> None:
        """A damaged card file gives a ProgressError naming it and pointing to reset, untouched."""
        path.parent.mkdir(parents=True)
        path.write_bytes(content)
        operations: dict[str, Callable[[], object]] = {
            "cards": lambda: store.cards("tudors"),
            "reviews": store.reviews,
            "check": store.check,
            "record": lambda: drill(store, make_review()),
            "export": lambda: store.export(path.with_name("out.json")),
        }
        for name, operation in operations.items():
            with pytest.raises(ProgressError) as caught:
                operation()
            message = str(caught.value)
            assert str(path) in message, name
            assert caught.value.resettable and caught.value.store == path, name
            assert "powerquiz progress reset" in progress_error_text(caught.value), name
        assert snapshot(path.parent) == {"progress.json": content}

    def test_json_syntax_error_gives_line_and_column(
        self, store: ProgressStore, path: Path
    ) -> None:
        """A JSON syntax error is reported with its line and column."""
        path.parent.mkdir(parents=True)
        path.write_text('{\n  "schema": 2,\n  "cards": {,}\n}')
        with pytest.raises(ProgressError, match=r"line 3, column 13"):
            store.check()

    def test_directory_instead_of_file(self, store: ProgressStore, path: Path) -> None:
        """A folder where the progress file should be is reported, and left as it is."""
        path.mkdir(parents=True)
        for operation in (store.check, lambda: drill(store, make_review())):
            with pytest.raises(ProgressError, match="folder") as caught:
                operation()
            assert str(path) in str(caught.value)
        assert path.is_dir() and list(path.iterdir()) == []

    def test_corrupt_log_line_is_reported_with_its_number(
        self, store: ProgressStore, path: Path
    ) -> None:
        """A broken line in the middle of the review log names the log and the line."""
        for i in range(3):
            store.record(make_review(kind="exam", at=NOW + timedelta(minutes=i)))
        log = store.log_path
        lines = log.read_bytes().splitlines(keepends=True)
        lines[1] = b'{"id": "x", "bank": 7}\n'
        log.write_bytes(b"".join(lines))
        before = snapshot(path.parent)
        for operation in (store.reviews, lambda: store.export(path.parent / "out.json")):
            with pytest.raises(ProgressError, match="line 2") as caught:
                operation()
            assert str(log) in str(caught.value)
        assert snapshot(path.parent) == before

    def test_corrupt_tail_line_is_found_by_check(self, store: ProgressStore, path: Path) -> None:
        """A broken line past the card file's offset (the tail every read replays) stops check."""
        first = store.record(make_review(kind="exam"))
        doc = json.loads(path.read_text())
        log = store.log_path
        with log.open("ab") as f:
            f.write(b'{"id": "x", "bank": 7}\n')
        before = snapshot(path.parent)
        with pytest.raises(ProgressError, match=f"the line at byte {doc['log_bytes']}") as caught:
            store.check()
        assert str(log) in str(caught.value)
        assert snapshot(path.parent) == before
        assert first.id in log.read_text()

    def test_corrupt_unreplayed_log_line_stops_record(
        self, store: ProgressStore, path: Path
    ) -> None:
        """A broken line the card file has not yet taken in makes record refuse, writing nothing."""
        store.record(make_review(kind="exam"))
        with store.log_path.open("ab") as f:
            f.write(b"not json\n")
        before = snapshot(path.parent)
        with pytest.raises(ProgressError, match="not valid JSON"):
            drill(store, make_review())
        assert snapshot(path.parent) == before

    def test_log_bytes_in_the_middle_of_a_line(self, store: ProgressStore, path: Path) -> None:
        """A card file that points into the middle of a log line is reported as a mismatch."""
        store.record(make_review(kind="exam"))
        doc = json.loads(path.read_text())
        doc["log_bytes"] = 10
        path.write_text(json.dumps(doc))
        with pytest.raises(ProgressError, match="does not match"):
            store.cards("tudors")
