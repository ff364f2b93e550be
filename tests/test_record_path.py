"""The drill's record path: rating and card decided from the disk, saved before the override.

Sessions are driven by a scripted student; two sessions at once are interleaved by
running one from inside the other's prompt.
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import powerquiz.progress.log as log_module
import powerquiz.progress.reading as reading_module
from powerquiz.bank import Bank, load_bank
from powerquiz.bank.registry import TYPES
from powerquiz.marking import Answer
from powerquiz.progress import Mode as ProgressMode
from powerquiz.progress import ProgressStore
from powerquiz.scheduling import Rating, Scheduler, new_card
from powerquiz.session import Asked, Mode, Outcome, Session, SessionConfig
from powerquiz.session.scripted import ScriptedPrompter, right_answer

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SCHEDULER = Scheduler(enable_fuzzing=False)


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


def session(
    bank: Bank,
    path: Path,
    prompter: ScriptedPrompter,
    *,
    now: datetime = NOW,
    mode: Mode = "drill",
    types: tuple[str, ...] = ("truefalse",),
    limit: int = 1,
) -> Session:
    config = SessionConfig(mode=mode, seed=3, fuzz=False, limit=limit)
    return Session(bank, bank.select((), types), ProgressStore(path), prompter, config,
                   clock=lambda: now, timer=lambda: 0.0)


class TestTwoSessionsAtOnce:
    """Two sessions answering one question: the second is scheduled from the first's card."""

    def test_the_second_review_starts_from_the_first_ones_card(
        self, bank: Bank, tmp_path: Path
    ) -> None:
        """Both plan on the same stale card; the second rates and schedules from the card
        the first saved (quick and correct on a card now in review: Easy)."""
        path = tmp_path / "progress.json"
        session(bank, path, ScriptedPrompter([right_answer])).run()  # learning, step 1
        later = NOW + timedelta(hours=1)
        first = session(bank, path, ScriptedPrompter([right_answer]), now=later)

        def answer_after_the_other_session(asked: Asked) -> Answer:
            first.run()  # the other session answers and saves while this one waits
            return right_answer(asked)

        second = session(bank, path, ScriptedPrompter([answer_after_the_other_session]),
                         now=later)
        second.run()
        *_, by_first, by_second = ProgressStore(path).reviews(bank.id)
        assert by_first.card is not None and by_first.card.in_review
        assert by_second.rating == int(Rating.EASY)  # a stale card would have given Good
        assert by_second.card == SCHEDULER.review(by_first.card, Rating.EASY, later, 0)
        assert ProgressStore(path).cards(bank.id)[by_second.question] == by_second.card


class OverrideSpy(ScriptedPrompter):
    """A scripted student who notes what is on disk when asked "Were you right?"."""

    def __init__(self, path: Path, replies: list[object], overrides: list[object]) -> None:
        super().__init__(replies, overrides=overrides)  # type: ignore[arg-type]
        self.path = path
        self.on_disk: list[int] = []

    def feedback(self, outcome: Outcome) -> bool:
        self.on_disk.append(len(ProgressStore(self.path).reviews()))
        return super().feedback(outcome)


def wrong(asked: Asked) -> Answer:
    """A wrong answer: typed for a short question (where "I was right" is offered)."""
    if asked.question.type == "short":
        return "Lenin"
    return "false" if asked.question.truth else "true"


class TestSavedBeforeTheOverride:
    """D9: the answer is on disk before "Were you right after all?" is asked."""

    @pytest.mark.parametrize("mode", ["drill", "practice"])
    def test_the_answer_is_saved_before_the_question(
        self, bank: Bank, tmp_path: Path, mode: Mode
    ) -> None:
        """When the override question comes, the answer is already in the store."""
        path = tmp_path / "progress.json"
        spy = OverrideSpy(path, [wrong], [KeyboardInterrupt])
        summary = session(bank, path, spy, mode=mode, types=("short",)).run()
        assert spy.on_disk == [1]
        assert summary.interrupted
        (saved,) = ProgressStore(path).reviews()
        assert saved.verdict == "wrong" and saved.override is False

    def test_an_override_appends_a_correcting_review(self, bank: Bank, tmp_path: Path) -> None:
        """Saying "I was right" appends a correction; the log keeps both lines, readers one."""
        path = tmp_path / "progress.json"
        summary = session(bank, path, OverrideSpy(path, [wrong], [True]), types=("short",)).run()
        store = ProgressStore(path)
        lines = store.log_path.read_text().splitlines()
        assert len(lines) == 2
        (shown,) = store.reviews()
        assert shown.override is True and shown.rating == int(Rating.GOOD)
        assert shown.corrects is not None and shown.corrects in lines[0]
        start = new_card(bank.id, shown.question, NOW)
        assert shown.card == SCHEDULER.review(start, Rating.GOOD, NOW, 0)
        assert store.cards(bank.id)[shown.question] == shown.card
        assert summary.outcomes[0].mark.verdict == "correct"
        assert not summary.outcomes[0].can_override

    def test_the_correction_survives_export_and_import(self, bank: Bank, tmp_path: Path) -> None:
        """An export of a corrected answer imports as one review, with the corrected card."""
        path = tmp_path / "progress.json"
        session(bank, path, OverrideSpy(path, [wrong], [True]), types=("short",)).run()
        store = ProgressStore(path)
        assert len(store.log_path.read_text().splitlines()) == 2
        store.export(tmp_path / "export.json")
        other = ProgressStore(tmp_path / "other.json")
        other.import_(tmp_path / "export.json")
        assert other.reviews() == store.reviews()
        assert other.cards(bank.id) == store.cards(bank.id)


class TestReadsPerSession:
    """A session reads the progress files a constant number of times."""

    def count_reads(self, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
        reads: list[Path] = []
        for module in (reading_module, log_module):
            real = module.read_capped

            def counted(path: Path, *args: int, _real: Callable[..., bytes | None] = real
                        ) -> bytes | None:
                reads.append(path)
                return _real(path, *args)

            monkeypatch.setattr(module, "read_capped", counted)
        return reads

    def test_reads_do_not_grow_with_the_number_of_questions(
        self, bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """One question or five: the same number of reads of the files."""
        counts = []
        for n in (1, 5):
            path = tmp_path / f"p{n}" / "progress.json"
            session(bank, path, ScriptedPrompter([right_answer])).run()  # files exist
            reads = self.count_reads(monkeypatch)
            session(bank, path, ScriptedPrompter([right_answer] * n), types=(), limit=n,
                    now=NOW + timedelta(days=1)).run()
            counts.append(len(reads))
            monkeypatch.undo()
        assert counts[0] == counts[1] <= 3


class TestSummaryAndTypes:
    """The summary uses the session's clock; one Mode type; order items never in order."""

    def test_the_summary_carries_the_session_clock(self, bank: Bank, tmp_path: Path) -> None:
        """Summary.now is the session's clock, not the real time."""
        later = NOW + timedelta(days=3)
        summary = session(bank, tmp_path / "p.json", ScriptedPrompter([right_answer]),
                          now=later).run()
        assert summary.now == later
        assert summary.next_due is not None and summary.next_due > later

    def test_mode_and_review_kind_are_one_type(self) -> None:
        """The session's Mode is the progress store's Mode."""
        assert Mode is ProgressMode

    def test_a_two_item_order_question_never_comes_in_order(
        self, bank: Bank, tmp_path: Path
    ) -> None:
        """Over many seeds, a two-item order question is always shown swapped."""
        (q,) = bank.select((), ("order",))
        two = dataclasses.replace(q, items=q.items[:2])
        s = session(bank, tmp_path / "p.json", ScriptedPrompter([]))
        for seed in range(300):
            s.rng = random.Random(seed)
            assert TYPES[two.type].display_choices(two, s.rng) == (two.items[1], two.items[0])


class TestStopsDuringASave:
    """D9: SIGTERM (turned into a stop by the front end) during a save keeps the answer."""

    def test_sigterm_while_saving_finishes_the_save_then_stops(
        self, bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A SIGTERM that arrives mid-save is held until the answer is on disk."""
        def stop(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        path = tmp_path / "progress.json"
        real = ProgressStore.record_decided

        def record_then_sigterm(self: ProgressStore, *args: object) -> object:
            os.kill(os.getpid(), signal.SIGTERM)
            return real(self, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(ProgressStore, "record_decided", record_then_sigterm)
        try:
            summary = session(bank, path, ScriptedPrompter([right_answer] * 3), types=(),
                              limit=3).run()
        finally:
            signal.signal(signal.SIGTERM, previous)
        assert summary.interrupted and summary.answered == 1
        assert len(ProgressStore(path).reviews()) == 1
