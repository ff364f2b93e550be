"""Builders for the stats tests: a student's history, made answer by answer (no tests here)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from powerquiz.progress import EXPORT_FORMAT, ProgressStore, Review, new_review_id
from powerquiz.scheduling import REVIEW, CardState, Rating, Scheduler, card_id_for, new_card

UTC = timezone.utc
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def review_card(question: str, *, last: datetime, interval_days: float) -> CardState:
    """A card in the review state, last reviewed at ``last`` and due ``interval_days`` later."""
    return CardState(
        card_id=card_id_for("mini", question), state=REVIEW, step=None, stability=10.0,
        difficulty=5.0, due=last + timedelta(days=interval_days), last_review=last, reps=3,
    )


@dataclass
class Log:
    """A review log built like a student would make it, with real FSRS cards."""

    bank: str = "mini"
    reviews: list[Review] = field(default_factory=list)
    cards: dict[str, CardState] = field(default_factory=dict)
    scheduler: Scheduler = field(default_factory=lambda: Scheduler(enable_fuzzing=False))

    def drill(
        self, question: str, at: datetime, rating: int = 3, answer: str = "an answer",
        card: CardState | None = None, duration_ms: int = 1000,
    ) -> Review:
        """A drill answer; the card after it is FSRS's unless ``card`` is given."""
        if card is None:
            before = self.cards.get(question) or new_card(self.bank, question, at)
            card = self.scheduler.review(before, Rating(rating), at)
        verdict = {1: "wrong", 2: "partial"}.get(rating, "correct")
        review = Review(
            id=new_review_id(), bank=self.bank, question=question, kind="drill", at=at,
            answer=answer, verdict=verdict, score=1.0 if verdict == "correct" else 0.0,
            rating=rating, duration_ms=duration_ms, card=card,
        )
        self.reviews.append(review)
        self.cards[question] = card
        return review

    def other(
        self, question: str, at: datetime, verdict: str = "correct", answer: str = "an answer",
        kind: str = "practice", duration_ms: int = 1000,
    ) -> Review:
        """A practice (or exam) answer: it never changes a card."""
        review = Review(
            id=new_review_id(), bank=self.bank, question=question, kind=kind,  # type: ignore[arg-type]
            at=at, answer=answer, verdict=verdict, score=1.0 if verdict == "correct" else 0.0,
            rating=None, duration_ms=duration_ms,
        )
        self.reviews.append(review)
        return review

    def save(self, path: Path) -> ProgressStore:
        """Write the log into a progress store at ``path`` (through its import)."""
        export = path.with_name("history-export.json")
        export.write_text(json.dumps({
            "format": EXPORT_FORMAT, "schema": 2, "cards": {},
            "reviews": [r.to_dict() for r in self.reviews],
        }))
        store = ProgressStore(path)
        store.import_(export)
        export.unlink()
        return store
