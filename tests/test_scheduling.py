"""The scheduling wrapper: FSRS-6 through plain, immutable card records."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import powerquiz
from powerquiz.scheduling import (
    QUICK_MS,
    CardState,
    Rating,
    Scheduler,
    card_id_for,
    new_card,
    parse_utc,
    rating_for,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def scheduler() -> Scheduler:
    return Scheduler(enable_fuzzing=False)


def graduated(scheduler: Scheduler) -> CardState:
    """A card taken through learning into the review state with GOOD ratings."""
    card = new_card("tudors", "q1", NOW)
    while not card.in_review:
        card = scheduler.review(card, Rating.GOOD, card.due)
    return card


class TestNewCard:
    """New cards: learning and due now, with stable, distinct, positive 62-bit card ids."""
    def test_new_card_is_learning_and_due_now(self) -> None:
        """A new card is in the learning state, never reviewed, and due at once."""
        card = new_card("tudors", "q1", NOW)
        assert (card.state, card.step, card.due, card.last_review) == (1, 0, NOW, None)
        assert (card.stability, card.difficulty, card.reps, card.lapses) == (None, None, 0, 0)
        assert not card.in_review

    def test_card_ids_are_stable(self) -> None:
        """The same bank and question always give the same card id."""
        assert card_id_for("tudors", "q1") == card_id_for("tudors", "q1")
        assert new_card("tudors", "q1", NOW).card_id == card_id_for("tudors", "q1")

    def test_card_ids_differ_between_questions_and_banks(self) -> None:
        """Different questions, or the same question id in another bank, get other ids."""
        ids = {card_id_for(b, q) for b in ("tudors", "stuarts") for q in ("q1", "q2", "q10")}
        assert len(ids) == 6

    def test_card_ids_are_positive_62_bit(self) -> None:
        """Card ids fit in 62 bits and are positive, so any JSON reader keeps them exact."""
        for q in range(200):
            assert 0 < card_id_for("b", f"q{q}") < 2**62

    def test_no_ambiguity_between_bank_and_question(self) -> None:
        """Moving characters between the bank id and the question id changes the card id."""
        assert card_id_for("ab", "c") != card_id_for("a", "bc")


class TestReview:
    """review: ratings set the next due date, lapses, UTC, retrievability, desired retention."""
    def test_good_on_new_card_is_due_in_the_future(self, scheduler: Scheduler) -> None:
        """A new card rated GOOD is next due after the review."""
        card = scheduler.review(new_card("b", "q", NOW), Rating.GOOD, NOW)
        assert card.due > NOW
        assert card.last_review == NOW
        assert card.reps == 1

    def test_again_keeps_the_card_soon(self, scheduler: Scheduler) -> None:
        """A card rated AGAIN comes back within minutes, sooner than one rated GOOD."""
        again = scheduler.review(new_card("b", "q", NOW), Rating.AGAIN, NOW)
        good = scheduler.review(new_card("b", "q", NOW), Rating.GOOD, NOW)
        assert NOW < again.due <= NOW + timedelta(minutes=10)
        assert again.due < good.due

    def test_good_ratings_graduate_to_review(self, scheduler: Scheduler) -> None:
        """Repeated GOOD ratings move a card into the review state, days ahead."""
        card = graduated(scheduler)
        assert card.in_review
        assert card.last_review is not None
        assert card.due - card.last_review >= timedelta(days=1)

    def test_again_in_review_is_a_lapse(self, scheduler: Scheduler) -> None:
        """AGAIN on a card in review counts a lapse and sends it to relearning."""
        card = graduated(scheduler)
        lapsed = scheduler.review(card, Rating.AGAIN, card.due)
        assert lapsed.lapses == card.lapses + 1
        assert lapsed.state == 3
        assert lapsed.reps == card.reps + 1

    def test_again_while_learning_is_not_a_lapse(self, scheduler: Scheduler) -> None:
        """AGAIN on a card still being learnt is not counted as a lapse."""
        card = scheduler.review(new_card("b", "q", NOW), Rating.AGAIN, NOW)
        assert card.lapses == 0

    def test_review_returns_a_new_card(self, scheduler: Scheduler) -> None:
        """Reviewing leaves the card it was given unchanged."""
        card = new_card("b", "q", NOW)
        before = CardState.from_dict(card.to_dict())
        scheduler.review(card, Rating.EASY, NOW)
        assert card == before

    def test_review_is_deterministic_without_fuzzing(self, scheduler: Scheduler) -> None:
        """With fuzzing off, the same review gives the same card."""
        card = graduated(scheduler)
        when = card.due + timedelta(days=3)
        assert scheduler.review(card, Rating.HARD, when) == scheduler.review(
            card, Rating.HARD, when
        )

    def test_easier_ratings_wait_longer(self, scheduler: Scheduler) -> None:
        """For a card in review, HARD < GOOD < EASY in how long until it is due."""
        card = graduated(scheduler)
        dues = [scheduler.review(card, r, card.due).due for r in (Rating.HARD, Rating.GOOD)]
        dues.append(scheduler.review(card, Rating.EASY, card.due).due)
        assert dues == sorted(dues)
        assert len(set(dues)) == 3

    def test_other_timezones_are_converted_to_utc(self, scheduler: Scheduler) -> None:
        """An aware datetime in another zone is accepted and the card comes back in UTC."""
        paris = timezone(timedelta(hours=1))
        card = scheduler.review(new_card("b", "q", NOW), Rating.GOOD, NOW.astimezone(paris))
        assert card.last_review == NOW
        assert card.due.tzinfo is timezone.utc

    def test_retrievability_falls_with_time(self, scheduler: Scheduler) -> None:
        """Retrievability of a reviewed card is between 0 and 1 and falls as days pass."""
        card = graduated(scheduler)
        assert card.last_review is not None
        soon = scheduler.retrievability(card, card.last_review + timedelta(days=1))
        later = scheduler.retrievability(card, card.last_review + timedelta(days=30))
        assert 0 < later < soon <= 1

    def test_retrievability_of_a_new_card_is_zero(self, scheduler: Scheduler) -> None:
        """A card never reviewed has no retrievability yet."""
        assert scheduler.retrievability(new_card("b", "q", NOW), NOW) == 0

    def test_desired_retention_must_be_a_probability(self) -> None:
        """A desired retention outside (0, 1) is refused."""
        with pytest.raises(ValueError, match="desired_retention"):
            Scheduler(desired_retention=1.5)


class TestNaiveDatetimes:
    """Naive datetimes: refused by review, new cards, CardState and parse_utc; Z means UTC."""
    def test_review_rejects_naive_now(self, scheduler: Scheduler) -> None:
        """Reviewing at a datetime without a timezone raises ValueError."""
        with pytest.raises(ValueError, match="timezone"):
            scheduler.review(new_card("b", "q", NOW), Rating.GOOD, datetime(2026, 3, 2, 9))

    def test_new_card_rejects_naive_now(self) -> None:
        """A new card cannot be made due at a naive datetime."""
        with pytest.raises(ValueError, match="timezone"):
            new_card("b", "q", datetime(2026, 3, 2, 9))

    def test_card_state_rejects_naive_due(self) -> None:
        """A CardState with a naive due date is refused."""
        with pytest.raises(ValueError, match="due"):
            CardState(1, 1, 0, None, None, datetime(2026, 3, 2), None)

    def test_retrievability_rejects_naive_now(self, scheduler: Scheduler) -> None:
        """Retrievability at a naive datetime raises ValueError."""
        with pytest.raises(ValueError):
            scheduler.retrievability(graduated(scheduler), datetime(2026, 3, 2))

    def test_parse_utc_rejects_text_without_timezone(self) -> None:
        """An ISO 8601 text without an offset is refused."""
        with pytest.raises(ValueError, match="no timezone"):
            parse_utc("2026-03-02T09:00:00")

    def test_parse_utc_accepts_z(self) -> None:
        """The Z suffix means UTC."""
        assert parse_utc("2026-03-02T09:00:00Z") == NOW


class TestRatingFor:
    """rating_for: verdicts map to ratings; quick, override and self-rating adjust them."""
    @pytest.mark.parametrize(
        ("verdict", "expected"),
        [("wrong", Rating.AGAIN), ("partial", Rating.HARD), ("correct", Rating.GOOD)],
    )
    def test_verdicts_map_to_ratings(self, verdict: str, expected: Rating) -> None:
        """wrong is AGAIN, partial is HARD and correct is GOOD."""
        assert rating_for(verdict) is expected

    def test_quick_correct_in_review_is_easy(self) -> None:
        """A quick correct answer on a card in review is EASY."""
        assert rating_for("correct", quick=True, in_review=True) is Rating.EASY

    def test_quick_correct_while_learning_is_good(self) -> None:
        """A quick correct answer on a card still being learnt is only GOOD."""
        assert rating_for("correct", quick=True, in_review=False) is Rating.GOOD

    def test_slow_correct_in_review_is_good(self) -> None:
        """A slow correct answer on a card in review is GOOD."""
        assert rating_for("correct", quick=False, in_review=True) is Rating.GOOD

    def test_quick_only_matters_when_correct(self) -> None:
        """Speed does not soften a partial or wrong answer."""
        assert rating_for("partial", quick=True, in_review=True) is Rating.HARD
        assert rating_for("wrong", quick=True, in_review=True) is Rating.AGAIN

    def test_override_counts_as_good(self) -> None:
        """ "I was right" turns a wrong verdict into GOOD."""
        assert rating_for("wrong", override=True) is Rating.GOOD

    def test_self_rating_wins(self) -> None:
        """A recall question's self rating is used whatever else is said."""
        assert rating_for("correct", override=True, self_rating=Rating.HARD) is Rating.HARD

    def test_unknown_verdict_is_refused(self) -> None:
        """A verdict other than correct, partial or wrong raises ValueError."""
        with pytest.raises(ValueError, match="verdict"):
            rating_for("great")

    def test_quick_ms_is_a_few_seconds(self) -> None:
        """QUICK_MS is a plausible answering time in milliseconds."""
        assert 1000 <= QUICK_MS <= 30000


class TestCardStateRecord:
    """CardState records: round-trip through dicts with ISO datetimes; bad dicts name the field."""
    def test_round_trips_through_dict(self, scheduler: Scheduler) -> None:
        """to_dict then from_dict gives back an equal card."""
        card = scheduler.review(graduated(scheduler), Rating.AGAIN, NOW + timedelta(days=9))
        assert CardState.from_dict(card.to_dict()) == card

    def test_new_card_round_trips(self) -> None:
        """A never-reviewed card, with its None fields, round-trips too."""
        card = new_card("b", "q", NOW)
        assert CardState.from_dict(card.to_dict()) == card

    def test_dict_uses_iso_datetimes(self, scheduler: Scheduler) -> None:
        """Datetimes are stored as ISO 8601 text with the UTC offset."""
        d = scheduler.review(new_card("b", "q", NOW), Rating.GOOD, NOW).to_dict()
        assert d["last_review"] == "2026-03-02T09:00:00+00:00"

    def test_missing_reps_and_lapses_default_to_zero(self) -> None:
        """A card dict without reps and lapses (fsrs's own shape) reads as 0 and 0."""
        d = dict(new_card("b", "q", NOW).to_dict())
        del d["reps"], d["lapses"]
        assert CardState.from_dict(d).reps == 0

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"state": 9}, "state"),
            ({"due": "yesterday"}, "due"),
            ({"due": "2026-03-02T09:00:00"}, "timezone"),
            ({"stability": "high"}, "stability"),
            ({"stability": float("nan")}, "finite"),
            ({"card_id": True}, "card_id"),
            ({"step": -1}, "step"),
            ({"state": 2, "step": None}, "stability"),
        ],
    )
    def test_bad_dicts_raise_value_error(self, change: dict[str, object], message: str) -> None:
        """A card dict with a wrong field raises ValueError naming the field."""
        d = {**new_card("b", "q", NOW).to_dict(), **change}
        with pytest.raises(ValueError, match=message):
            CardState.from_dict(d)

    def test_missing_key_is_named(self) -> None:
        """A card dict without a required key says which key."""
        d = dict(new_card("b", "q", NOW).to_dict())
        del d["due"]
        with pytest.raises(ValueError, match="'due'"):
            CardState.from_dict(d)


class TestLazyImport:
    """Lazy import: importing powerquiz.scheduling leaves fsrs unloaded."""
    def test_importing_scheduling_does_not_import_fsrs(self) -> None:
        """Importing powerquiz.scheduling (or the progress store) leaves fsrs unloaded."""
        code = "import sys, powerquiz.scheduling, powerquiz.progress; print('fsrs' in sys.modules)"
        src = str(Path(powerquiz.__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": src}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout
        assert out.strip() == "False"


class TestCardRanges:
    """D5: a card with a value FSRS cannot use is refused when it is built."""

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"state": 2, "step": None, "stability": 3.0, "difficulty": -1e300}, "difficulty"),
            ({"state": 2, "step": None, "stability": 3.0, "difficulty": 10.5}, "difficulty"),
            ({"state": 2, "step": None, "stability": float("inf"), "difficulty": 5.0},
             "stability"),
            ({"state": 2, "step": None, "stability": 1e300, "difficulty": 5.0}, "stability"),
            ({"due": "0001-01-01T00:00:00+00:00"}, "due must fall in the years"),
            ({"last_review": "9999-12-31T00:00:00+00:00"}, "last_review"),
            ({"reps": 2**60}, "reps"),
            ({"card_id": -1}, "card_id"),
        ],
    )
    def test_out_of_range_fields_raise(self, change: dict[str, object], message: str) -> None:
        """Each out-of-range field is named in a ValueError."""
        d = {**new_card("b", "q", NOW).to_dict(), **change}
        with pytest.raises(ValueError, match=message):
            CardState.from_dict(d)

    def test_the_edges_of_the_ranges_are_allowed(self, scheduler: Scheduler) -> None:
        """Difficulty 1 and 10 and a very stable card still review without error."""
        for difficulty in (1.0, 10.0):
            d = {**new_card("b", "q", NOW).to_dict(), "state": 2, "step": None,
                 "stability": 1e6, "difficulty": difficulty}
            after = scheduler.review(CardState.from_dict(d), Rating.EASY, NOW)
            assert after.stability is not None and after.stability > 0

    def test_the_date_helpers_have_their_own_module(self) -> None:
        """powerquiz.scheduling re-exports the date helpers of scheduling.dates."""
        from powerquiz.scheduling import dates

        assert parse_utc is dates.parse_utc


class TestMigrationRegistry:
    """Migrations are named functions registered in order by a decorator."""

    def test_registering_out_of_order_is_refused(self) -> None:
        """A migration registered for the wrong schema step raises at import time."""
        from powerquiz.progress.migrations import MIGRATIONS, migration

        before = list(MIGRATIONS)
        with pytest.raises(RuntimeError, match="in order"):
            migration(len(MIGRATIONS) + 5)(lambda doc: doc)
        assert before == MIGRATIONS


class TestParameters:
    """The scheduler takes the student's fitted parameters."""

    def test_parameters_are_the_ones_fsrs_uses(self) -> None:
        """With parameters P the next card is fsrs's own with P, not the defaults'."""
        import fsrs

        params = list(fsrs.Scheduler().parameters)
        params[2] = params[2] * 3  # initial stability after Good
        card = new_card("b", "q", NOW)
        mine = Scheduler(enable_fuzzing=False, parameters=params).review(card, Rating.GOOD, NOW)
        theirs, _ = fsrs.Scheduler(parameters=tuple(params), enable_fuzzing=False).review_card(
            fsrs.Card(card_id=card.card_id, due=NOW), fsrs.Rating.Good, NOW)
        default = Scheduler(enable_fuzzing=False).review(card, Rating.GOOD, NOW)
        assert mine.stability == theirs.stability != default.stability

    def test_wrong_number_of_parameters_is_refused(self) -> None:
        """Anything but 21 parameters is a plain ValueError."""
        with pytest.raises(ValueError, match="21 parameters"):
            Scheduler(parameters=[1.0] * 19)
