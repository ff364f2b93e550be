"""Properties of the progress store, checked on many generated histories and files."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerquiz.progress import (
    MODES,
    ProgressError,
    ProgressStore,
    Review,
)
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

pytestmark = pytest.mark.slow

SETTINGS = settings(
    deadline=None,  # every write fsyncs: disk speed is not what is being tested
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _properties_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every store in this module away from the real user directory."""
    home = tmp_path / "properties-home"
    monkeypatch.setenv("POWERQUIZ_HOME", str(home))
    yield home


@contextmanager
def fresh_store() -> Iterator[ProgressStore]:
    """A store in a new, empty folder (one per generated example)."""
    with tempfile.TemporaryDirectory() as folder:
        yield ProgressStore(Path(folder) / "progress.json")


# Every Unicode code point, lone surrogates included (undecodable terminal input).
any_text = st.text(st.characters(exclude_categories=()), max_size=30)
offsets = st.builds(
    timezone, st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23))
)
moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2199, 12, 31), timezones=offsets
)


@st.composite
def card_states(draw: st.DrawFn) -> CardState:
    state = draw(st.sampled_from([1, 2, 3]))
    fresh = state == 1 and draw(st.booleans())
    return CardState(
        card_id=draw(st.integers(0, 2**62)),
        state=state,
        step=None if state == 2 else draw(st.integers(0, 5)),
        stability=None if fresh else draw(st.floats(0.001, 1e6)),
        difficulty=None if fresh else draw(st.floats(1, 10)),
        due=draw(moments),
        last_review=None if fresh else draw(moments),
        reps=draw(st.integers(0, 10_000)),
        lapses=draw(st.integers(0, 10_000)),
    )


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    kind = draw(st.sampled_from(MODES))
    drill = kind == "drill"
    return Review(
        id=draw(st.uuids()).hex,
        bank=draw(st.sampled_from(["tudors", "stuarts", "ΣΠ", "b\udc80"])),
        question=draw(st.sampled_from(["q1", "q2", "q3"]) | any_text),
        kind=kind,
        at=draw(moments),
        answer=draw(any_text),
        verdict=draw(st.sampled_from(["correct", "partial", "wrong"])),
        score=draw(st.floats(allow_nan=False, allow_infinity=False)),
        rating=draw(st.integers(1, 4)) if drill else None,
        override=draw(st.booleans()),
        duration_ms=draw(st.integers(0, 10**9)),
        card=draw(st.none() | card_states()) if drill else None,
    )


histories = st.lists(reviews(), max_size=12, unique_by=lambda r: r.id)


def expected_cards(recorded: list[Review]) -> dict[str, dict[str, CardState]]:
    """The card state per question: the card of the last review recorded with one."""
    cards: dict[str, dict[str, CardState]] = {}
    for r in recorded:
        if r.card is not None:
            cards.setdefault(r.bank, {})[r.question] = r.card
    return cards


class TestRoundTrip:
    """Progress store round trips: histories, rescheduled cards, export/import merges."""
    @SETTINGS
    @given(histories)
    def test_recorded_history_reloads_equal(self, history: list[Review]) -> None:
        """Any sequence of recorded reviews reads back equal, oldest first, with its cards."""
        with fresh_store() as store:
            for review in history:
                assert store.record(review) == review
            reread = ProgressStore(store.path)
            assert reread.reviews() == sorted(history, key=lambda r: r.at)
            for bank, cards in expected_cards(history).items():
                assert reread.cards(bank) == cards
            reread.check()

    @SETTINGS
    @given(histories, st.lists(st.sampled_from(list(Rating)), min_size=1, max_size=6))
    def test_rescheduled_cards_reload_equal(
        self, history: list[Review], ratings: list[Rating]
    ) -> None:
        """Cards computed by reschedule from the stored card are exactly what is read back."""
        scheduler = Scheduler(enable_fuzzing=False)
        with fresh_store() as store:
            for review in history:
                store.record(review)
            stored: list[Review] = []
            for i, rating in enumerate(ratings):
                at = NOW + timedelta(days=i)

                def reschedule(
                    card: CardState | None, at: datetime = at, rating: Rating = rating
                ) -> CardState:
                    return scheduler.review(card or new_card("drills", "q1", at), rating, at)

                review = Review(
                    id=f"drill-{i}",
                    bank="drills",
                    question="q1",
                    kind="drill",
                    at=at,
                    answer="",
                    verdict="correct",
                    score=1.0,
                    rating=int(rating),
                )
                stored.append(store.record(review, reschedule))
            card = ProgressStore(store.path).cards("drills")["q1"]
            assert card == stored[-1].card
            assert card.reps == len(ratings)

    @SETTINGS
    @given(histories, histories)
    def test_export_import_merges_without_duplicates(
        self, mine: list[Review], theirs: list[Review]
    ) -> None:
        """Importing another store's export gives the union of both histories, each once."""
        with fresh_store() as a, fresh_store() as b:
            for r in mine:
                a.record(r)
            for r in theirs:
                b.record(r)
            export = b.path.with_name("export.json")
            b.export(export)
            a.import_(export)
            assert a.import_(export) == 0
            ids = [r.id for r in a.reviews()]
            assert len(ids) == len(set(ids))
            assert set(ids) == {r.id for r in mine} | {r.id for r in theirs}


def exercise(store: ProgressStore) -> None:
    """Read everything, and record one answer; only ProgressError may come out."""
    try:
        for bank in store.all_cards():
            store.cards(bank)
        store.cards("tudors")
        store.reviews()
        store.check()
        store.record(
            Review(
                id="probe",
                bank="tudors",
                question="q1",
                kind="exam",
                at=NOW,
                answer="",
                verdict="wrong",
                score=0.0,
                rating=None,
            )
        )
    except ProgressError as e:
        assert str(store.path.name) in str(e) or store.log_path.name in str(e)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def schema2_ish(draw: st.DrawFn) -> bytes:
    """JSON close to a real card file, with some parts swapped for arbitrary values."""
    doc: dict[str, object] = {
        "schema": draw(st.sampled_from([1, 2, 3]) | json_values),
        "log_bytes": draw(st.just(0) | json_values),
        "cards": draw(
            st.dictionaries(
                st.text(max_size=5), st.dictionaries(st.text(max_size=5), json_values), max_size=3
            )
            | json_values
        ),
    }
    if draw(st.booleans()):
        doc["banks"] = draw(json_values)
    return json.dumps(doc).encode()


class TestArbitraryFiles:
    """Progress store on random or damaged files: ProgressError or a valid load only."""
    @SETTINGS
    @given(st.binary(max_size=400))
    def test_random_bytes_as_progress_file(self, content: bytes) -> None:
        """Random bytes as progress.json give a ProgressError or a valid load, nothing else."""
        with fresh_store() as store:
            store.path.write_bytes(content)
            exercise(store)

    @SETTINGS
    @given(json_values.map(lambda v: json.dumps(v).encode()) | schema2_ish())
    def test_arbitrary_json_as_progress_file(self, content: bytes) -> None:
        """Any JSON as progress.json gives a ProgressError or a valid load, nothing else."""
        with fresh_store() as store:
            store.path.write_bytes(content)
            exercise(store)

    @SETTINGS
    @given(st.binary(max_size=400), st.booleans())
    def test_random_bytes_as_review_log(self, content: bytes, keep_card_file: bool) -> None:
        """Random bytes in the review log give a ProgressError or a valid load, nothing else."""
        with fresh_store() as store:
            store.record(
                Review(
                    id="first",
                    bank="tudors",
                    question="q1",
                    kind="drill",
                    at=NOW,
                    answer="",
                    verdict="correct",
                    score=1.0,
                    rating=3,
                    card=new_card("tudors", "q1", NOW),
                )
            )
            if not keep_card_file:
                store.path.unlink()
            with store.log_path.open("ab") as f:
                f.write(content)
            exercise(store)

    @SETTINGS
    @given(st.data())
    def test_damaged_real_file(self, data: st.DataObject) -> None:
        """A real progress file with some bytes overwritten never gives another exception."""
        with fresh_store() as store:
            for i in range(3):
                store.record(
                    Review(
                        id=f"r{i}",
                        bank="tudors",
                        question=f"q{i}",
                        kind="drill",
                        at=NOW + timedelta(hours=i),
                        answer="x",
                        verdict="correct",
                        score=1.0,
                        rating=3,
                        card=new_card("tudors", f"q{i}", NOW),
                    )
                )
            target = data.draw(st.sampled_from([store.path, store.log_path]))
            raw = bytearray(target.read_bytes())
            for _ in range(data.draw(st.integers(1, 5))):
                at = data.draw(st.integers(0, len(raw) - 1))
                raw[at] = data.draw(st.integers(0, 255))
            target.write_bytes(bytes(raw))
            exercise(store)
