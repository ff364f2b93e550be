"""``powerquiz stats`` at 100,000 reviews: under 1 second, and how that compares to reading the log.

Builds a progress store of 100,000 drill, practice and exam answers over a year, spread
over the bundled bank's questions, then times (median of several rounds, in CPU time of
this process, so other work on a shared machine counts less):

- the floor: reading the log file and ``json.loads`` of each line, nothing else;
- reading the reviews and cards through the store (every line checked, as stats does);
- computing every figure (with ``--exam``) from them;
- both together as the stats command runs them (the cycle collector paused, and its
  catch-up afterwards counted).

Prints each, the store's reading as a ratio to the floor, and stats in total; exits 1
if stats in total takes 1 second or more.

Run: python benchmarks/bench_stats.py [--rounds N]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from powerquiz.bank import load_bank
from powerquiz.bank.bundled import default_bank_path
from powerquiz.bank.collector import collector_paused
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
        floor, reading, figures, totals = [], [], [], []
        for _ in range(args.rounds):
            started = time.process_time()
            parsed = [json.loads(line) for line in store.log_path.read_bytes().splitlines()]
            floor.append(time.process_time() - started)
            del parsed
            started = time.process_time()
            with collector_paused():  # as the stats command does
                fresh = ProgressStore(store.path)  # nothing remembered from an earlier round
                reviews, cards = fresh.reviews(bank.id), fresh.cards(bank.id)
                reading.append(time.process_time() - started)
                began = time.process_time()
                report = build_report(StatsInput(
                    bank=bank, reviews=reviews, cards=cards, now=NOW, tz=timezone.utc,
                    exam=NOW.date() + timedelta(days=60),
                ))
                figures.append(time.process_time() - began)
                gc.freeze()  # as the stats command does once its figures are made
            gc.collect(1)  # the collector's catch-up, as the next allocation would start it
            totals.append(time.process_time() - started)
            del reviews, cards
            gc.unfreeze()
        assert report["overview"]["reviews"] == REVIEWS
    base = statistics.median(floor)
    read, compute = statistics.median(reading), statistics.median(figures)
    print(f"json.loads per line ({REVIEWS:,} lines): median {base * 1000:.0f} ms")
    print(f"read the log through the store:    median {read * 1000:.0f} ms "
          f"({read / base:.2f} x json.loads)")
    print(f"compute every figure:              median {compute * 1000:.0f} ms")
    total = statistics.median(totals)
    print(f"stats in total: {total * 1000:.0f} ms ({total / base:.2f} x json.loads)")
    if total >= LIMIT:
        print(f"FAIL: stats took {total:.2f} s (limit {LIMIT:.0f} s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
