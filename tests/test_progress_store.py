"""The progress store: recording answers, reading them back, and looking after the files."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from powerquiz.progress import (
    CURRENT_SCHEMA,
    EXPORT_FORMAT,
    ProgressError,
    ProgressStore,
    Review,
    ReviewKind,
    new_review_id,
)
from powerquiz.progress.migrations import MIGRATIONS, v1_to_v2
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SCHEDULER = Scheduler(enable_fuzzing=False)


@pytest.fixture(autouse=True)
def _store_test_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every store in this module away from the real user directory."""
    home = tmp_path / "store-home"
    monkeypatch.setenv("POWERQUIZ_HOME", str(home))
    yield home


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.json"


@pytest.fixture
def store(path: Path) -> ProgressStore:
    return ProgressStore(path)


def make_review(
    question: str = "q1",
    *,
    bank: str = "tudors",
    kind: ReviewKind = "drill",
    at: datetime = NOW,
    verdict: str = "correct",
    answer: str = "Henry VIII",
) -> Review:
    return Review(
        id=new_review_id(),
        bank=bank,
        question=question,
        kind=kind,
        at=at,
        answer=answer,
        verdict=verdict,
        score={"correct": 1.0, "partial": 0.5}.get(verdict, 0.0),
        rating=None,
        duration_ms=4200,
    )


def drill(store: ProgressStore, review: Review, rating: Rating = Rating.GOOD) -> Review:
    """Record a drill answer the way the session engine does."""

    def reschedule(card: CardState | None) -> CardState:
        current = card or new_card(review.bank, review.question, review.at)
        return SCHEDULER.review(current, rating, review.at)

    return store.record(review, reschedule)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder, by name, with its bytes (the lock file aside)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


class TestRecordAndReload:
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
        assert reread.banks() == ["stuarts", "tudors"]
        assert reread.all_cards() == {"tudors": {"q1": t.card}, "stuarts": {"q1": s.card}}

    def test_history_of_a_removed_question_is_kept(self, store: ProgressStore) -> None:
        """The store keeps a question's card and reviews whatever the bank now contains."""
        gone = drill(store, make_review("deleted-from-bank"))
        drill(store, make_review("q1"))
        assert store.cards("tudors")["deleted-from-bank"] == gone.card
        assert gone in store.reviews("tudors")

    @pytest.mark.parametrize("kind", ["practice", "exam"])
    def test_practice_and_exam_do_not_change_cards(
        self, store: ProgressStore, kind: ReviewKind
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
    def test_card_file_is_versioned_and_small(self, store: ProgressStore, path: Path) -> None:
        """progress.json holds the schema and one card per question, never the history."""
        for i in range(20):
            drill(store, make_review(f"q{i % 2}", at=NOW + timedelta(minutes=i)))
        doc = json.loads(path.read_text())
        assert doc["schema"] == CURRENT_SCHEMA == 2
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
        assert drill(store, make_review()).card.reps == 2  # type: ignore[union-attr]

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
            assert "powerquiz progress reset" in message, name
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
        for operation in (store.check, store.reviews):
            with pytest.raises(ProgressError, match="line 2") as caught:
                operation()
            assert str(log) in str(caught.value)
        assert snapshot(path.parent) == before

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


class TestSchemaVersions:
    def future_file(self, path: Path) -> bytes:
        path.parent.mkdir(parents=True, exist_ok=True)
        content = b'{"schema": 7, "cards": {}, "lessons": []}'
        path.write_bytes(content)
        return content

    def test_newer_schema_is_refused_clearly(self, store: ProgressStore, path: Path) -> None:
        """A file from a newer powerquiz is refused with the versions and the way forward."""
        self.future_file(path)
        with pytest.raises(ProgressError) as caught:
            store.cards("tudors")
        message = str(caught.value)
        assert str(path) in message
        assert "newer powerquiz (schema 7)" in message
        assert "understands up to 2" in message
        assert "Upgrade powerquiz" in message

    def test_newer_schema_is_never_overwritten(self, store: ProgressStore, path: Path) -> None:
        """Recording or importing into a newer-schema file fails and changes nothing."""
        content = self.future_file(path)
        export = path.with_name("export.json")
        ProgressStore(path.with_name("other.json")).export(export)
        before = snapshot(path.parent)
        with pytest.raises(ProgressError, match="newer"):
            drill(store, make_review())
        with pytest.raises(ProgressError, match="newer"):
            store.record(make_review(kind="exam"))
        with pytest.raises(ProgressError, match="newer"):
            store.import_(export)
        assert path.read_bytes() == content
        assert snapshot(path.parent) == before

    def v1_file(self, path: Path) -> bytes:
        card: dict[str, object] = dict(
            SCHEDULER.review(new_card("tudors", "q1", NOW), Rating.GOOD, NOW).to_dict()
        )
        del card["reps"], card["lapses"]
        doc = {
            "version": 1,
            "banks": {
                "tudors": {
                    "cards": {"q1": card},
                    "reviews": [
                        {
                            "question": "q1",
                            "mode": "drill",
                            "at": "2026-03-02T09:00:00+00:00",
                            "answer": "Henry",
                            "verdict": "correct",
                            "score": 1.0,
                            "rating": 3,
                        },
                        {
                            "question": "q2",
                            "mode": "exam",
                            "at": "2026-03-01T09:00:00+00:00",
                            "answer": "1066",
                            "verdict": "wrong",
                            "score": 0,
                            "rating": None,
                        },
                    ],
                }
            },
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        content = json.dumps(doc).encode()
        path.write_bytes(content)
        return content

    def test_v1_file_is_read_through_the_migration(self, store: ProgressStore, path: Path) -> None:
        """A schema-1 file reads as schema 2: cards with reps, reviews with ids and kinds."""
        self.v1_file(path)
        card = store.cards("tudors")["q1"]
        assert card.reps == 1 and card.lapses == 0
        reviews = store.reviews()
        assert [(r.question, r.kind) for r in reviews] == [("q2", "exam"), ("q1", "drill")]
        assert len({r.id for r in reviews}) == 2
        assert reviews[1].card == card

    def test_reading_a_v1_file_does_not_rewrite_it(self, store: ProgressStore, path: Path) -> None:
        """Only a write migrates the file on disk; reading leaves it byte for byte."""
        content = self.v1_file(path)
        store.cards("tudors")
        store.reviews()
        store.check()
        assert snapshot(path.parent) == {"progress.json": content}

    def test_first_write_migrates_after_a_backup(self, store: ProgressStore, path: Path) -> None:
        """The first write keeps a backup of the schema-1 file, then writes schema 2."""
        content = self.v1_file(path)
        old_reviews = store.reviews()
        new = drill(store, make_review(at=NOW + timedelta(days=3)))
        backups = list(path.parent.glob("progress.json.*.schema1.bak"))
        assert len(backups) == 1
        assert backups[0].read_bytes() == content
        assert json.loads(path.read_text())["schema"] == 2
        assert store.reviews() == [*old_reviews, new]
        assert new.card is not None and new.card.reps == 2

    def test_migrated_ids_are_deterministic(self, path: Path, tmp_path: Path) -> None:
        """Migrating the same schema-1 file twice gives the same review ids."""
        self.v1_file(path)
        copy = tmp_path / "copy.json"
        copy.write_bytes(path.read_bytes())
        assert [r.id for r in ProgressStore(path).reviews()] == [
            r.id for r in ProgressStore(copy).reviews()
        ]

    def test_migrations_are_named_functions_in_order(self) -> None:
        """MIGRATIONS lists one named function per schema step, ending at the current schema."""
        assert len(MIGRATIONS) + 1 == CURRENT_SCHEMA
        assert MIGRATIONS[0] is v1_to_v2
        assert v1_to_v2({"version": 1, "banks": {}}) == {"schema": 2, "cards": {}, "reviews": []}


class TestReset:
    def test_reset_moves_both_files_to_backups(self, store: ProgressStore, path: Path) -> None:
        """reset keeps the card file and the log as timestamped backups and starts afresh."""
        drill(store, make_review())
        before = snapshot(path.parent)
        backup = store.reset()
        assert backup is not None
        assert backup.parent == path.parent
        assert backup.name.startswith("progress.json.") and backup.name.endswith(".bak")
        assert backup.read_bytes() == before["progress.json"]
        log_backups = list(path.parent.glob("progress.reviews.jsonl.*.bak"))
        assert [b.read_bytes() for b in log_backups] == [before["progress.reviews.jsonl"]]
        assert store.cards("tudors") == {} and store.reviews() == []

    def test_backup_name_carries_a_utc_timestamp(self, store: ProgressStore) -> None:
        """The backup is named like progress.json.2026-11-24T101500Z.bak."""
        store.record(make_review(kind="exam"))
        backup = store.reset()
        assert backup is not None
        stamp = backup.name.removeprefix("progress.json.").removesuffix(".bak")
        datetime.strptime(stamp, "%Y-%m-%dT%H%M%SZ")

    def test_two_resets_never_overwrite_a_backup(self, store: ProgressStore) -> None:
        """Resetting twice within a second keeps both backups."""
        store.record(make_review(kind="exam", answer="first"))
        one = store.reset()
        store.record(make_review(kind="exam", answer="second"))
        two = store.reset()
        assert one is not None and two is not None and one != two
        assert b"first" not in two.read_bytes()

    def test_reset_with_nothing_returns_none(self, store: ProgressStore, path: Path) -> None:
        """Resetting when there is no progress does nothing and returns None."""
        assert store.reset() is None
        assert not path.parent.exists()

    def test_reset_works_on_a_damaged_file(self, store: ProgressStore, path: Path) -> None:
        """A damaged file can be reset, and is kept as it was in the backup."""
        path.parent.mkdir(parents=True)
        path.write_bytes(b"\x00garbage")
        backup = store.reset()
        assert backup is not None and backup.read_bytes() == b"\x00garbage"
        store.check()


class TestExportImport:
    def test_export_then_import_into_an_empty_store(
        self, store: ProgressStore, tmp_path: Path
    ) -> None:
        """Everything exported arrives in an empty store: reviews and cards."""
        drill(store, make_review("q1"))
        drill(store, make_review("q1", bank="stuarts"))
        store.record(make_review("q2", kind="exam"))
        dest = tmp_path / "export.json"
        assert store.export(dest) == 3
        doc = json.loads(dest.read_text())
        assert doc["format"] == EXPORT_FORMAT and doc["schema"] == CURRENT_SCHEMA
        other = ProgressStore(tmp_path / "other" / "progress.json")
        assert other.import_(dest) == 3
        assert other.reviews() == store.reviews()
        for bank in ("tudors", "stuarts"):
            assert other.cards(bank) == store.cards(bank)

    def test_importing_twice_adds_nothing(self, store: ProgressStore, tmp_path: Path) -> None:
        """A second import of the same file adds no review and changes no file."""
        drill(store, make_review())
        dest = tmp_path / "export.json"
        store.export(dest)
        other = ProgressStore(tmp_path / "other" / "progress.json")
        other.import_(dest)
        before = snapshot(other.path.parent)
        assert other.import_(dest) == 0
        assert snapshot(other.path.parent) == before
        assert store.import_(dest) == 0

    def test_two_machines_merge_without_duplicates(self, tmp_path: Path) -> None:
        """Progress made on two computers merges into the union of both, each answer once."""
        home = ProgressStore(tmp_path / "home" / "progress.json")
        school = ProgressStore(tmp_path / "school" / "progress.json")
        drill(home, make_review("q1", at=NOW))
        home.export(tmp_path / "a.json")
        school.import_(tmp_path / "a.json")
        drill(school, make_review("q1", at=NOW + timedelta(days=2)))
        school.record(make_review("q9", kind="exam", at=NOW + timedelta(days=2)))
        drill(home, make_review("q2", at=NOW + timedelta(days=1)))
        school.export(tmp_path / "b.json")
        assert home.import_(tmp_path / "b.json") == 2
        ids = [r.id for r in home.reviews()]
        assert len(ids) == len(set(ids)) == 4
        assert home.cards("tudors")["q1"].reps == 2
        assert home.cards("tudors")["q2"].reps == 1

    def test_newer_local_card_beats_an_older_import(self, tmp_path: Path) -> None:
        """The card state stays the local one when the imported review is older."""
        old = ProgressStore(tmp_path / "old" / "progress.json")
        drill(old, make_review(at=NOW), Rating.AGAIN)
        old.export(tmp_path / "old.json")
        new = ProgressStore(tmp_path / "new" / "progress.json")
        latest = drill(new, make_review(at=NOW + timedelta(days=1)))
        assert new.import_(tmp_path / "old.json") == 1
        assert new.cards("tudors")["q1"] == latest.card

    def test_newer_imported_card_wins(self, tmp_path: Path) -> None:
        """The card from the latest review, by time, becomes the card state."""
        a = ProgressStore(tmp_path / "a" / "progress.json")
        b = ProgressStore(tmp_path / "b" / "progress.json")
        drill(a, make_review(at=NOW))
        latest = drill(b, make_review(at=NOW + timedelta(days=1)), Rating.EASY)
        b.export(tmp_path / "b.json")
        a.import_(tmp_path / "b.json")
        assert a.cards("tudors")["q1"] == latest.card

    def test_log_replay_agrees_with_the_card_file_after_import(self, tmp_path: Path) -> None:
        """Rebuilding cards from the log alone after an import gives the same cards."""
        a = ProgressStore(tmp_path / "a" / "progress.json")
        b = ProgressStore(tmp_path / "b" / "progress.json")
        for i in range(3):
            drill(b, make_review("q1", at=NOW + timedelta(hours=i)))
        drill(a, make_review("q1", at=NOW + timedelta(days=1)))
        b.export(tmp_path / "b.json")
        a.import_(tmp_path / "b.json")
        cards = a.cards("tudors")
        a.path.unlink()
        assert a.cards("tudors") == cards

    def test_export_refuses_to_overwrite_the_progress_file(
        self, store: ProgressStore, path: Path
    ) -> None:
        """Exporting onto the progress file itself is refused."""
        store.record(make_review(kind="exam"))
        with pytest.raises(ProgressError, match="progress file itself"):
            store.export(path)

    def test_export_to_a_missing_folder_is_a_clear_error(
        self, store: ProgressStore, tmp_path: Path
    ) -> None:
        """Exporting into a folder that does not exist names the export file."""
        dest = tmp_path / "nowhere" / "x.json"
        with pytest.raises(ProgressError, match=r"x\.json"):
            store.export(dest)

    def test_importing_a_progress_file_is_refused(
        self, store: ProgressStore, tmp_path: Path
    ) -> None:
        """A progress.json is not an export, and the message says how to make one."""
        other = ProgressStore(tmp_path / "other.json")
        other.record(make_review(kind="exam"))
        with pytest.raises(ProgressError, match="not an export") as caught:
            store.import_(other.path)
        assert "powerquiz progress export" in str(caught.value)

    @pytest.mark.parametrize(
        "content",
        [b"{", b"[]", b'{"format": "powerquiz-progress-export", "schema": 2, "reviews": {}}'],
    )
    def test_importing_garbage_names_the_file(
        self, store: ProgressStore, tmp_path: Path, content: bytes
    ) -> None:
        """An import that is not a valid export gives a ProgressError naming it."""
        src = tmp_path / "junk.json"
        src.write_bytes(content)
        with pytest.raises(ProgressError, match=r"junk\.json"):
            store.import_(src)
        assert not store.path.exists()

    def test_importing_a_missing_file(self, store: ProgressStore, tmp_path: Path) -> None:
        """Importing a file that does not exist is a ProgressError, not an OSError."""
        with pytest.raises(ProgressError, match=r"missing\.json"):
            store.import_(tmp_path / "missing.json")

    def test_importing_from_a_newer_powerquiz_is_refused(
        self, store: ProgressStore, tmp_path: Path
    ) -> None:
        """An export of a newer schema is refused."""
        src = tmp_path / "future.json"
        src.write_text(json.dumps({"format": EXPORT_FORMAT, "schema": 9, "reviews": []}))
        with pytest.raises(ProgressError, match="newer powerquiz"):
            store.import_(src)

    def test_a_v1_file_can_be_imported(self, store: ProgressStore, tmp_path: Path) -> None:
        """An old schema-1 progress file from another computer can be imported."""
        old = tmp_path / "old.json"
        TestSchemaVersions().v1_file(old)
        assert store.import_(old) == 2
        assert store.cards("tudors")["q1"].reps == 1


class TestConcurrency:
    def test_a_lock_held_too_long_is_a_clear_error(self, store: ProgressStore, path: Path) -> None:
        """If another process keeps the lock past the timeout, record gives up cleanly."""
        from powerquiz.progress.atomic import file_lock

        drill(store, make_review())
        impatient = ProgressStore(path, lock_timeout=0.05)
        with file_lock(store.lock_path), pytest.raises(ProgressError, match="stayed locked"):
            drill(impatient, make_review())
        assert len(store.reviews()) == 1

    def test_threads_recording_at_once_lose_nothing(self, path: Path) -> None:
        """Several writers recording at once keep every answer and every rescheduling."""
        per_thread, threads = 15, 4
        errors: list[BaseException] = []

        def work(n: int) -> None:
            store = ProgressStore(path)
            try:
                for i in range(per_thread):
                    at = NOW + timedelta(minutes=i)
                    drill(store, make_review(f"q{i % 3}", at=at, answer=f"t{n}"))
            except BaseException as e:  # pragma: no cover - reported below
                errors.append(e)

        workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert errors == []
        store = ProgressStore(path)
        reviews = store.reviews()
        assert len(reviews) == per_thread * threads
        per_question = Counter(r.question for r in reviews)
        cards = store.cards("tudors")
        assert {q: c.reps for q, c in cards.items()} == dict(per_question)
