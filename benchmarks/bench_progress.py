"""Recording one answer must not get slower as the history grows.

Builds two progress stores with the same 50 questions, one with 100 past reviews and one
with 100,000, then records drill answers into each in turn (so that both see the same
disk and the same load) and compares the median cost.  Prints the ratio and exits 1 if
recording at 100,000 reviews costs more than 1.5 times what it costs at 100.  Then times
reading the whole history of the large store (every line checked) against the floor of
``json.loads`` on each line, in CPU time, and prints that ratio too (for information).

Run: python benchmarks/bench_progress.py [--rounds N]
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

from powerquiz.progress import EXPORT_FORMAT, ProgressStore, Review, new_review_id
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

SMALL, LARGE = 100, 100_000
QUESTIONS = 50
LIMIT = 1.5
BANK = "bench"
START = datetime(2025, 1, 1, tzinfo=timezone.utc)


def build(path: Path, n: int, scheduler: Scheduler) -> ProgressStore:
    """A store holding ``n`` past drill reviews spread over ``QUESTIONS`` questions."""
    cards = {
        f"q{i}": scheduler.review(new_card(BANK, f"q{i}", START), Rating.GOOD, START).to_dict()
        for i in range(QUESTIONS)
    }
    reviews = []
    for i in range(n):
        at = START + timedelta(minutes=i)
        question = f"q{i % QUESTIONS}"
        review = drill_review(question, at, "an answer of a typical length, a sentence or so")
        reviews.append({**review.to_dict(), "card": cards[question]})
    export = path.with_name(path.name + ".export.json")
    export.write_text(
        json.dumps({"format": EXPORT_FORMAT, "schema": 2, "cards": {}, "reviews": reviews})
    )
    store = ProgressStore(path)
    store.import_(export)
    export.unlink()
    return store


def drill_review(question: str, at: datetime, answer: str) -> Review:
    """A correct drill answer to ``question``, rated Good."""
    return Review(id=new_review_id(), bank=BANK, question=question, kind="drill", at=at,
                  answer=answer, verdict="correct", score=1.0, rating=3, duration_ms=5000)


def record_one(store: ProgressStore, scheduler: Scheduler, i: int) -> float:
    """Record one drill answer the way a session does; return the seconds it took."""
    at = datetime.now(timezone.utc)
    question = f"q{i % QUESTIONS}"
    review = drill_review(question, at, "1536")

    def reschedule(card: CardState | None) -> CardState:
        return scheduler.review(card or new_card(BANK, question, at), Rating.GOOD, at)

    started = time.perf_counter()
    store.record(review, reschedule)
    return time.perf_counter() - started


def read_cost(store: ProgressStore, rounds: int = 3) -> tuple[float, float]:
    """Median CPU seconds of json.loads on each log line, and of reading every review."""
    floor, reading = [], []
    for _ in range(rounds):
        started = time.process_time()
        parsed = [json.loads(line) for line in store.log_path.read_bytes().splitlines()]
        floor.append(time.process_time() - started)
        del parsed
        started = time.process_time()
        ProgressStore(store.path).reviews()
        reading.append(time.process_time() - started)
    return statistics.median(floor), statistics.median(reading)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="answers recorded per store")
    args = parser.parse_args()
    scheduler = Scheduler(enable_fuzzing=False)
    with tempfile.TemporaryDirectory() as folder:
        print(f"building stores with {SMALL:,} and {LARGE:,} past reviews...", flush=True)
        small = build(Path(folder) / "small.json", SMALL, scheduler)
        large = build(Path(folder) / "large.json", LARGE, scheduler)
        for i in range(5):  # warm up caches and imports
            record_one(small, scheduler, i)
            record_one(large, scheduler, i)
        times: dict[str, list[float]] = {"small": [], "large": []}
        for i in range(args.rounds):
            # Alternate which goes first, so neither always follows the other's fsyncs.
            order = [("small", small), ("large", large)]
            for name, store in order if i % 2 else reversed(order):
                times[name].append(record_one(store, scheduler, i))
        assert len(large.reviews()) == LARGE + 5 + args.rounds
        floor, reading = read_cost(large)
    print(f"read {LARGE:,} reviews: {reading * 1000:.0f} ms; json.loads per line: "
          f"{floor * 1000:.0f} ms; ratio {reading / floor:.2f}")
    at_small = statistics.median(times["small"])
    at_large = statistics.median(times["large"])
    ratio = at_large / at_small
    print(f"record at {SMALL:>7,} reviews: median {at_small * 1000:.2f} ms")
    print(f"record at {LARGE:>7,} reviews: median {at_large * 1000:.2f} ms")
    print(f"ratio: {ratio:.2f} (limit {LIMIT})")
    if ratio > LIMIT:
        print("FAIL: recording got slower as the history grew", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
