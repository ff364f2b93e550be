"""The progress store: schema versions, the default path, reset, export, import and locking."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from powerquiz.cli.progress_cmds import progress_error_text
from powerquiz.progress import (
    CURRENT_SCHEMA,
    EXPORT_FORMAT,
    ProgressError,
    ProgressStore,
)
from powerquiz.progress.errors import NotAnExport
from powerquiz.progress.migrations import MIGRATIONS, v1_to_v2
from powerquiz.scheduling import Rating, new_card
from progress_helpers import NOW, SCHEDULER, drill, make_review, snapshot


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.json"


@pytest.fixture
def store(path: Path) -> ProgressStore:
    return ProgressStore(path)


class TestSchemaVersions:
    """Schema versions: newer files refused untouched, schema-1 files migrated after a backup."""
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
        assert f"understands up to {CURRENT_SCHEMA}" in message and CURRENT_SCHEMA == 3
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
        assert json.loads(path.read_text())["schema"] == CURRENT_SCHEMA == 3
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
    """reset: both files moved to timestamped backups, never overwritten, damaged files too."""
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
    """Export and import: merges without duplicates, newest card wins, bad files named clearly."""
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
        assert isinstance(caught.value, NotAnExport)
        assert "powerquiz progress export" in progress_error_text(caught.value)

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
    """Concurrency: a lock held too long fails cleanly; concurrent writers lose nothing."""
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
