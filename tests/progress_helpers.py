"""Helpers shared by the progress store's test modules (reviews, drills, snapshots)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

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
