"""The card file's fast writer and reader (orjson, one checking loop) agree with the
checked path on every card, and leave every damaged file to it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import powerquiz.progress.reading as reading_module
import powerquiz.progress.snapshot as snapshot_module
from powerquiz.progress import ProgressError, ProgressStore
from powerquiz.progress.jsonio import cards_to_json, parse_cards
from powerquiz.progress.snapshot import decode, encode
from powerquiz.scheduling import Rating, new_card
from progress_helpers import NOW, SCHEDULER, drill, make_review, seeded


def varied_cards() -> dict[str, Any]:
    """Cards in every state: new-ish, learning, review, relearning, with microseconds."""
    at = NOW + timedelta(microseconds=123456)
    learning = SCHEDULER.review(new_card("b", "l", at), Rating.GOOD, at)
    review = SCHEDULER.review(learning, Rating.EASY, at + timedelta(days=1))
    lapsed = SCHEDULER.review(review, Rating.AGAIN, at + timedelta(days=9))
    return {"b": {"l": learning, "r": review, "x": lapsed},
            "other bank": {"q é": new_card("other bank", "q é", NOW)}}


class TestTheFastWriter:
    """What encode writes is the card file the standard library wrote, as JSON."""

    def test_each_card_reads_back_as_its_to_dict(self) -> None:
        """Every card in the written file is exactly CardState.to_dict() of that card."""
        cards = varied_cards()
        doc = json.loads(encode(cards, {}, 42))
        assert doc == {"schema": 3, "log_bytes": 42, "cards": cards_to_json(cards),
                       "settings": {}}

    def test_a_lone_surrogate_is_still_written(self) -> None:
        """A question id with a lone surrogate (orjson refuses it) is written escaped and
        read back unchanged."""
        cards = {"b": {"q\udc80": new_card("b", "q", NOW)}}
        data = encode(cards, {}, 0)
        assert b"\\udc80" in data
        assert parse_cards(json.loads(data)["cards"]) == cards

    def test_the_file_stays_one_field_a_line(self, tmp_path: Path) -> None:
        """The card file is indented (readable, mergeable): one card field per line."""
        store = seeded(tmp_path / "progress.json", 3)
        lines = store.path.read_text().splitlines()
        assert any(line.strip().startswith('"difficulty":') for line in lines)
        assert len(lines) > 3 * 10


class TestTheFastReader:
    """decode gives the checked path's cards, or None for it to explain."""

    def test_it_reads_the_cards_parse_cards_reads(self) -> None:
        """decode of a written file equals parse_cards of the standard library's parse."""
        cards = varied_cards()
        data = encode(cards, {}, 7)
        fast = decode(data)
        assert fast is not None
        assert fast[0] == parse_cards(json.loads(data)["cards"]) == cards
        assert fast[1] == 7

    @pytest.mark.parametrize(
        "change",
        [{"difficulty": -1e300}, {"difficulty": 11.0}, {"stability": 1e300},
         {"stability": -2.0}, {"stability": float("nan")},
         {"due": "0001-01-01T00:00:00+00:00"}, {"due": "9999-01-01T00:00:00+00:00"},
         {"due": "2026-03-02T09:00:00"}, {"due": "2026-03-02T09:00:00+05:00"},
         {"due": 5}, {"last_review": "yesterday"}, {"first_review": ""},
         {"state": 7}, {"state": True}, {"step": None, "state": 1}, {"step": -1},
         {"reps": -1}, {"reps": 2**53 + 1}, {"lapses": 1.0}, {"card_id": -5},
         {"card_id": 2**63}, {"card_id": "1"}, {"extra": 1}],
        ids=repr,
    )
    def test_any_unusual_card_is_left_to_the_checked_path(
        self, change: dict[str, object]
    ) -> None:
        """A card with any value out of type or range (or an extra key) is not read fast."""
        doc = json.loads(encode(varied_cards(), {}, 0))
        doc["cards"]["b"]["r"].update(change)
        assert decode(json.dumps(doc).encode()) is None

    @pytest.mark.parametrize(
        "text",
        ['{"schema": 3, "log_bytes": 123456789012345678901234567890, "cards": {}}',
         '{"schema": 3, "log_bytes": 0, "cards": {}, "settings": {"b": {"reviews": '
         '123456789012345678901234567890}}}',
         '{"schema": 3.0, "log_bytes": 0, "cards": {}}',
         '{"schema": 2, "log_bytes": 0, "cards": {}}',
         '\ufeff{"schema": 3, "log_bytes": 0, "cards": {}}',
         '{"schema": 3, "log_bytes": NaN, "cards": {}}',
         '{"schema": 3, "log_bytes": 0, "cards": []}'],
    )
    def test_a_document_orjson_would_read_differently_is_not_read_fast(
        self, text: str
    ) -> None:
        """A whole number past 64 bits, an older schema, a BOM, NaN: the checked path."""
        assert decode(text.encode()) is None

    def test_a_store_reads_fast_what_it_wrote(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Reading a card file the store wrote never falls back to the standard library."""
        store = seeded(tmp_path / "progress.json", 20)
        drill(store, make_review("q3", at=NOW + timedelta(days=2)))
        assert store.flush()

        def refuse(*_args: object) -> None:
            raise AssertionError("the checked path was taken")

        monkeypatch.setattr(reading_module.StateReader, "_parse", refuse)
        assert len(ProgressStore(store.path).cards("tudors")) == 20

    def test_a_damaged_card_still_names_its_field(self, tmp_path: Path) -> None:
        """A card file with a stability of -2 is refused naming stability (D5), unchanged."""
        store = seeded(tmp_path / "progress.json", 5)
        doc = json.loads(store.path.read_text())
        doc["cards"]["tudors"]["q2"]["stability"] = -2.0
        store.path.write_text(json.dumps(doc, indent=2))
        before = store.path.read_bytes()
        with pytest.raises(ProgressError, match=r"q2.*stability"):
            ProgressStore(store.path).check()
        assert store.path.read_bytes() == before


class TestOneParsePerProcess:
    """A card file already decoded in this process is not parsed again."""

    def test_a_second_store_reuses_the_parse(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two stores reading the same card file parse it once; a rewritten one, again."""
        store = seeded(tmp_path / "progress.json", 20)
        snapshot_module.forget()
        parses: list[bytes] = []
        real = snapshot_module._decode

        def counted(raw: bytes) -> object:
            parses.append(raw)
            return real(raw)

        monkeypatch.setattr(snapshot_module, "_decode", counted)
        first = ProgressStore(store.path).cards("tudors")
        assert ProgressStore(store.path).cards("tudors") == first
        assert len(parses) == 1
        drill(store, make_review("q3", at=NOW + timedelta(days=2)))
        assert store.flush()
        later = ProgressStore(store.path).cards("tudors")
        assert len(parses) == 2
        assert later["q3"] != first["q3"]

    def test_each_caller_gets_its_own_dicts(self) -> None:
        """Changing the cards one decode returned never changes what the next returns."""
        snapshot_module.forget()
        data = encode(varied_cards(), {}, 0)
        one = decode(data)
        assert one is not None
        one[0]["b"]["new"] = one[0]["b"].pop("r")
        one[0]["added"] = {}
        two = decode(data)
        assert two is not None
        assert two[0] == varied_cards()
