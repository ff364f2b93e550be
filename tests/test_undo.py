"""``powerquiz progress undo``: answers taken back by an appended record, never a rewrite."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.bank import Bank, load_bank
from powerquiz.cli import app as root
from powerquiz.progress import ProgressStore, Review
from powerquiz.progress.undo import undo_last, undo_review
from powerquiz.scheduling import new_card
from powerquiz.session import Session, SessionConfig
from powerquiz.session.scripted import ScriptedPrompter, right_answer

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


def answer(bank: Bank, store: ProgressStore, reply: object = right_answer,
           at: datetime = NOW, overrides: list[bool] | None = None) -> None:
    """One drill answer to the short question, saved in ``store``."""
    prompter = ScriptedPrompter([reply], overrides=list(overrides or []))  # type: ignore[list-item]
    Session(bank, bank.select((), ("short",)), store, prompter,
            SessionConfig(seed=1, fuzz=False, limit=1, new_per_day=100),
            clock=lambda: at, timer=lambda: 0.0).run()


QID = "right-opposition-members"


class TestUndo:
    """Undo takes back the newest answers and restores the card they started from."""

    def test_the_card_goes_back_to_what_it_was(self, bank, tmp_path):
        """After two answers, undoing the second leaves the first one's card."""
        store = ProgressStore(tmp_path / "p.json")
        answer(bank, store)
        first = store.cards("mini")[QID]
        answer(bank, store, at=NOW + timedelta(days=2))
        (done,) = undo_last(store, 1, NOW + timedelta(days=2))
        assert done.restored and done.review.at == NOW + timedelta(days=2)
        assert store.cards("mini")[QID] == first
        assert ProgressStore(store.path).cards("mini")[QID] == first  # on disk too
        assert len(store.reviews()) == 1

    def test_the_log_only_grows(self, bank, tmp_path):
        """The undo is one appended line; every earlier line is kept byte for byte."""
        store = ProgressStore(tmp_path / "p.json")
        answer(bank, store)
        before = store.log_path.read_bytes()
        undo_last(store, 1, NOW)
        after = store.log_path.read_bytes()
        assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1
        assert b'"undoes"' in after[len(before):]

    def test_a_first_answer_leaves_a_fresh_card(self, bank, tmp_path):
        """Undoing the only answer makes the question new again, due at once."""
        store = ProgressStore(tmp_path / "p.json")
        answer(bank, store)
        undo_last(store, 1, NOW)
        assert store.cards("mini")[QID] == new_card("mini", QID, NOW)
        assert store.reviews() == []

    def test_last_n_takes_back_n_newest_first(self, bank, tmp_path):
        """--last 2 of three answers leaves the first."""
        store = ProgressStore(tmp_path / "p.json")
        times = [NOW + timedelta(days=60 * n) for n in range(3)]
        for at in times:
            answer(bank, store, at=at)
        assert [r.at for r in store.reviews()] == times
        kept = store.reviews()[0]
        done = undo_last(store, 2, times[-1])
        assert [d.review.at for d in done] == [times[2], times[1]]
        assert store.reviews() == [kept] and store.cards("mini")[QID] == kept.card

    def test_a_corrected_answer_goes_with_its_correction(self, bank, tmp_path):
        """Undoing an "I was right" answer takes back the answer and the correction."""
        store = ProgressStore(tmp_path / "p.json")
        answer(bank, store, "Lenin", overrides=[True])
        assert store.reviews()[0].override
        undo_last(store, 1, NOW)
        assert store.reviews() == []
        assert store.cards("mini")[QID] == new_card("mini", QID, NOW)

    def test_another_sessions_later_answer_is_not_undone(self, bank, tmp_path):
        """Undoing an answer reviewed since by another session keeps that session's card
        and answer; only the undone answer leaves the history."""
        mine = ProgressStore(tmp_path / "p.json")
        answer(bank, mine)
        my_review = mine.reviews()[0]
        other = ProgressStore(tmp_path / "p.json")
        answer(bank, other, at=NOW + timedelta(days=2))
        their_review = other.reviews()[-1]
        done = undo_review(mine, my_review, NOW + timedelta(days=2))
        assert not done.restored
        assert mine.reviews() == [their_review]
        assert mine.cards("mini")[QID] == their_review.card

    def test_a_later_session_plans_from_the_restored_card(self, bank, tmp_path):
        """After undo, the next drill sees the question as due now, as before the answer."""
        store = ProgressStore(tmp_path / "p.json")
        answer(bank, store)
        undo_last(store, 1, NOW)
        prompter = ScriptedPrompter([right_answer])
        Session(bank, bank.select((), ("short",)), ProgressStore(store.path), prompter,
                SessionConfig(seed=1, fuzz=False, limit=1), clock=lambda: NOW,
                timer=lambda: 0.0).run()
        assert [a.question.id for a in prompter.asked] == [QID]

    def test_an_undo_record_reads_back(self):
        """The undo field survives the JSON round trip; a bad one is refused in words."""
        r = Review(id="b", bank="m", question="q", kind="practice", at=NOW, answer="",
                   verdict="wrong", score=0.0, rating=None, undoes="a")
        assert Review.from_dict(r.to_dict()) == r
        with pytest.raises(ValueError, match="undoes must be text"):
            Review.from_dict({**r.to_dict(), "undoes": 3})
        with pytest.raises(ValueError, match="hint must be true or false"):
            Review.from_dict({**r.to_dict(), "hint": "yes"})


class TestUndoCommand:
    """The command says what it undid, and exits 0 with nothing to undo."""

    def test_nothing_to_undo(self, tmp_path):
        """With no answers saved it says so and exits 0."""
        result = CliRunner().invoke(
            root, ["progress", "undo", "--progress", str(tmp_path / "p.json")])
        assert result.exit_code == 0, result.output
        assert "Nothing to undo" in result.output

    def test_says_what_was_undone_and_show_honours_it(self, bank, tmp_path):
        """It names the answer and question; progress show then counts no review."""
        path = tmp_path / "p.json"
        answer(bank, ProgressStore(path), "Lenin")
        result = CliRunner().invoke(root, ["progress", "undo", "--progress", str(path)])
        assert result.exit_code == 0, result.output
        assert "Undid your drill answer 'Lenin' to mini/right-opposition-members" in \
            result.output
        shown = CliRunner().invoke(root, ["progress", "show", "--progress", str(path)])
        assert "│ mini │     1 │       0 │       1 │" in shown.output

    def test_last_must_be_positive(self, tmp_path):
        """--last 0 is refused as a usage error, not a traceback."""
        result = CliRunner().invoke(
            root, ["progress", "undo", "--last", "0", "--progress", str(tmp_path / "p")])
        assert result.exit_code == 2 and "Traceback" not in result.output


class TestUndoAndExport:
    """An export (and so a class report) never carries an undone answer."""

    def test_an_undone_answer_is_not_exported(self, bank, tmp_path):
        """After undo, the export holds neither the answer nor the undo record."""
        store = ProgressStore(tmp_path / "p.json")
        answer(bank, store)
        answer(bank, store, "Lenin", at=NOW + timedelta(days=60))
        kept = store.reviews()[0]
        undo_last(store, 1, NOW + timedelta(days=60))
        store.export(tmp_path / "out.json")
        other = ProgressStore(tmp_path / "other.json")
        other.import_(tmp_path / "out.json")
        assert other.reviews() == [kept]
        assert b"undoes" not in (tmp_path / "out.json").read_bytes()
