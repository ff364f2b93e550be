"""Helpers shared by the progress store's test modules (reviews, drills, snapshots)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from typer.testing import CliRunner, Result

from powerquiz.exitcodes import ExitCode
from powerquiz.progress import Mode, ProgressStore, Review, new_review_id
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SCHEDULER = Scheduler(enable_fuzzing=False)


def make_review(
    question: str = "q1",
    *,
    bank: str = "tudors",
    kind: Mode = "drill",
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


def seeded(path: Path, cards: int, reviews: int = 0, *, bank: str = "tudors",
           prefix: str = "q") -> ProgressStore:
    """A store at ``path`` whose snapshot holds ``cards`` cards (``q0``, ``q1``...: one
    drill review each, imported, so the card file is up to date) and ``reviews`` drill
    reviews in all, spread over them."""
    import json

    from powerquiz.progress import EXPORT_FORMAT

    lines = []
    for i in range(max(cards, reviews)):
        question = f"{prefix}{i % cards}"
        card = SCHEDULER.review(new_card(bank, question, NOW), Rating.GOOD, NOW)
        review = Review(id=new_review_id(), bank=bank, question=question, kind="drill",
                        at=NOW, answer="seeded", verdict="correct", score=1.0, rating=3,
                        card=card)
        lines.append(review.to_dict())
    export = path.with_name(path.name + ".seed.json")
    export.parent.mkdir(parents=True, exist_ok=True)
    export.write_text(json.dumps({"format": EXPORT_FORMAT, "schema": 2, "cards": {},
                                  "reviews": lines}))
    store = ProgressStore(path)
    store.import_(export)
    export.unlink()
    return store


def run(*args: str, input: str | None = None) -> Result:
    """Run ``powerquiz progress ARGS`` through the real root app (its one error mapping)."""
    from powerquiz.cli import app as root

    return CliRunner().invoke(root, ["progress", *args], input=input)


def fill(
    path: Path, bank: str = "tudors", drills: int = 2, exams: int = 1, now: datetime = NOW
) -> ProgressStore:
    """A store with drill answers (the first rated AGAIN, the rest EASY) and exam answers."""
    store = ProgressStore(path)
    scheduler = Scheduler(enable_fuzzing=False)
    for i in range(drills):
        question = f"q{i}"
        review = Review(
            id=new_review_id(),
            bank=bank,
            question=question,
            kind="drill",
            at=now,
            answer="x",
            verdict="correct",
            score=1.0,
            rating=3,
        )
        rating = Rating.AGAIN if i == 0 else Rating.EASY

        def reschedule(card: CardState | None, q: str = question, r: Rating = rating) -> CardState:
            return scheduler.review(card or new_card(bank, q, now), r, now)

        store.record(review, reschedule)
    for i in range(exams):
        store.record(
            Review(
                id=new_review_id(),
                bank=bank,
                question=f"e{i}",
                kind="exam",
                at=now,
                answer="",
                verdict="wrong",
                score=0.0,
                rating=None,
            )
        )
    return store


def assert_clean_failure(result: Result, *words: str) -> None:
    """Exit 1, the message on stderr naming what is wrong, and never a traceback."""
    assert result.exit_code == ExitCode.INVALID, result.output
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
