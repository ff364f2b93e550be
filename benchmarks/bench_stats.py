"""``powerquiz stats`` at 100,000 reviews: under 1 second, and how that compares to reading the log.

Builds a progress store of 100,000 drill, practice and exam answers over a year, spread
over the bundled bank's questions, then times (median of several rounds) reading the
reviews and cards from the store, and computing every figure (with ``--exam``) from them.
Prints both and their ratio; exits 1 if computing the figures takes 1 second or more.

Run: python benchmarks/bench_stats.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from powerquiz.bank import load_bank
from powerquiz.bank.bundled import default_bank_path
from powerquiz.progress import EXPORT_FORMAT, ProgressStore, Review, new_review_id
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card
from powerquiz.stats import StatsInput, build_report

REVIEWS = 100_000
LIMIT = 1.0
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)


def build(path: Path, questions: list[str], bank: str) -> ProgressStore:
    """A store with REVIEWS answers over the last year, drill ones carrying real cards."""
    scheduler = Scheduler(enable_fuzzing=False)
    cards: dict[str, CardState] = {}
    lines = []
    start = NOW - timedelta(days=365)
    step = timedelta(days=365) / REVIEWS
    for i in range(REVIEWS):
        at = start + i * step
        question = questions[i % len(questions)]
        kind = "drill" if i % 5 else ("practice", "exam")[i % 2]
        rating = 1 if i % 7 == 0 else 3
        card = None
        if kind == "drill":
            if i % 997 == 0 or question not in cards:  # refresh a few cards with real FSRS
                before = cards.get(question) or new_card(bank, question, at)
                cards[question] = scheduler.review(before, Rating(rating), at)
            card = cards[question]
        review = Review(
            id=new_review_id(), bank=bank, question=question, kind=kind, at=at,  # type: ignore[arg-type]
            answer="an answer of a typical length" if rating == 3 else "a wrong answer",
            verdict="correct" if rating == 3 else "wrong", score=1.0 if rating == 3 else 0.0,
            rating=rating if kind == "drill" else None, duration_ms=4000, card=card,
        )
        lines.append(review.to_dict())
    export = path.with_name("export.json")
    export.write_text(json.dumps({"format": EXPORT_FORMAT, "schema": 2, "cards": {},
                                  "reviews": lines}))
    store = ProgressStore(path)
    store.import_(export)
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of each step")
    args = parser.parse_args()
    bank = load_bank(default_bank_path())
    with tempfile.TemporaryDirectory() as folder:
        print(f"building a store of {REVIEWS:,} reviews...", flush=True)
        store = build(Path(folder) / "progress.json", [q.id for q in bank.questions], bank.id)
        reading, figures = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            reviews, cards = store.reviews(bank.id), store.cards(bank.id)
            reading.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = build_report(StatsInput(
                bank=bank, reviews=reviews, cards=cards, now=NOW, tz=timezone.utc,
                exam=NOW.date() + timedelta(days=60),
            ))
            figures.append(time.perf_counter() - started)
        assert report["overview"]["reviews"] == REVIEWS
    read, compute = statistics.median(reading), statistics.median(figures)
    print(f"read the log ({REVIEWS:,} reviews): median {read * 1000:.0f} ms")
    print(f"compute every figure:          median {compute * 1000:.0f} ms")
    print(f"ratio figures / reading: {compute / read:.2f}")
    print(f"stats in total: {(read + compute) * 1000:.0f} ms")
    if compute >= LIMIT:
        print(f"FAIL: the figures took {compute:.2f} s (limit {LIMIT:.0f} s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
