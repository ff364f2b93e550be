"""Reading the review log fast: the fast paths agree with the checked slow ones."""

from __future__ import annotations

import dataclasses
import gc
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powerquiz.progress import ProgressStore, Review
from powerquiz.progress.log import read_log
from powerquiz.progress.records import fast_review
from powerquiz.scheduling import CardState, Rating
from powerquiz.scheduling.card import fast_card
from progress_helpers import NOW, SCHEDULER, drill, make_review


class SlowCard(CardState):
    """CardState.from_dict without its fast path (it runs only for CardState itself)."""


class SlowReview(Review):
    """Review.from_dict without its fast path."""


def written_review() -> dict[str, Any]:
    """A drill review exactly as the store writes it to the log."""
    from powerquiz.scheduling import new_card

    card = SCHEDULER.review(new_card("tudors", "q1", NOW), Rating.GOOD, NOW)
    card = SCHEDULER.review(card, Rating.GOOD, NOW + timedelta(days=2))
    review = dataclasses.replace(make_review(), rating=3, card=card)
    return json.loads(json.dumps(review.to_dict()))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 6) | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=40)
    | st.sampled_from(["drill", "exam", "2026-03-02T09:00:00+00:00", "0999-01-01T00:00:00+00:00",
                       "2026-03-02T09:00:00+01:00", "2026-03-02T09:00:00", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=5,
)
#: Values at the edges of what a review or card may hold.
EDGES: list[object] = [
    None, True, False, 0, 1, 2, 3, 4, 5, -1, 0.0, 0.5, 1.0, 1.5, 10.0, 10.5, -0.5,
    float("nan"), float("inf"), 1e9, 1e10, 2**53, 2**53 + 1, 2**63, 10**12, 10**12 + 1, "",
    "x", "drill", "practice", "bogus", "2026-03-02T09:00:00+00:00", "2026-03-02T09:00:00Z",
    "1969-12-31T23:59:59+00:00", "9001-01-01T00:00:00+00:00", "2026-03-02T09:00:00+01:00",
    "2026-03-02T09:00:00", "2026-03-02T09:00:00-00:00", [], {}, [1], "q1",
]
DROP = object()
review_keys = st.sampled_from([*written_review(), "corrects", "extra"])
card_keys = st.sampled_from([*written_review()["card"], "extra"])


def slow(build: Any, d: Any) -> tuple[Any, ...] | None:
    """The slow path's fields, or None when it refuses ``d``."""
    try:
        return dataclasses.astuple(build(d))
    except ValueError:
        return None


class TestFastPaths:
    """A fast path gives the slow path's result, or steps aside; it never accepts more."""

    def test_a_written_review_takes_the_fast_path(self) -> None:
        """The usual line is built by the fast path, equal to the slow one."""
        d = written_review()
        fast = fast_review(d)
        assert fast is not None
        assert dataclasses.astuple(fast) == slow(SlowReview.from_dict, d)
        assert fast == Review.from_dict(d) and fast.card == CardState.from_dict(d["card"])

    @given(key=card_keys, value=json_values, drop=st.booleans())
    def test_cards_agree(self, key: str, value: object, drop: bool) -> None:
        """Any one changed or missing key: the same card, or the slow path decides."""
        d = written_review()["card"]
        if drop:
            d.pop(key, None)
        else:
            d[key] = value
        fast = fast_card(d)
        if fast is not None:
            assert dataclasses.astuple(fast) == slow(SlowCard.from_dict, d)

    @given(key=review_keys, value=json_values, drop=st.booleans())
    def test_reviews_agree(self, key: str, value: object, drop: bool) -> None:
        """Any one changed or missing key: the same review, or the slow path decides."""
        d = written_review()
        if drop:
            d.pop(key, None)
        else:
            d[key] = value
        fast = fast_review(d)
        if fast is not None:
            assert dataclasses.astuple(fast) == slow(SlowReview.from_dict, d)

    def test_every_key_at_every_edge(self) -> None:
        """Each key set to each edge value (or dropped): fast and slow paths agree."""
        for where, keys, fast_path, slow_path in (
            ("card", list(written_review()["card"]), fast_card, SlowCard.from_dict),
            ("review", [*written_review(), "corrects"], fast_review, SlowReview.from_dict),
        ):
            for key in keys:
                for value in [*EDGES, DROP]:
                    whole = written_review()
                    d = whole["card"] if where == "card" else whole
                    if value is DROP:
                        d.pop(key, None)
                    else:
                        d[key] = value
                    fast = fast_path(d)
                    if fast is not None:
                        assert dataclasses.astuple(fast) == slow(slow_path, d), (key, value)

    @pytest.mark.parametrize("line", [b"", b"   ", b"\t"])
    def test_blank_lines_are_skipped(self, tmp_path: Path, line: bytes) -> None:
        """A blank line between reviews is skipped, as before."""
        store = ProgressStore(tmp_path / "progress.json")
        first = drill(store, make_review())
        log = store.log_path.read_bytes()
        store.log_path.write_bytes(log + line + b"\n" + log)
        assert [r for r, _ in read_log(store.log_path, 0).reviews] == [first, first]

    def test_a_damaged_line_is_still_located(self, tmp_path: Path) -> None:
        """The second line damaged: the error names line 2 and what is wrong."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store, make_review())
        log = store.log_path.read_bytes()
        store.log_path.write_bytes(log + log.replace(b'"drill"', b'"dril"'))
        with pytest.raises(ValueError, match="line 2: kind must be one of"):
            read_log(store.log_path, 0)

    def test_the_collector_is_back_on_after_reading(self, tmp_path: Path) -> None:
        """Reading pauses the cycle collector only while it parses, even on an error."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store, make_review())
        assert gc.isenabled()
        read_log(store.log_path, 0)
        assert gc.isenabled()
        store.log_path.write_bytes(b"{oops\n")
        with pytest.raises(ValueError):
            read_log(store.log_path, 0)
        assert gc.isenabled()
