"""Recording one answer must cost the same however long the history and however many cards.

An answer appends one line to the review log and nothing else (the card file is a
snapshot rewritten now and then: see ``powerquiz.progress.compaction``).  Two rows:

- *history*: two stores with the same 50 questions, one with 100 past reviews and one
  with 100,000; drill answers are recorded into each in turn (so both see the same disk
  and the same load) and the median costs compared (target: at most 1.5 times).
- *cards*: two stores, one with 100 cards and one with 45,000 (one review each); the
  median cost of one ``record_decided`` in each, interleaved the same way (target: at
  most 1.5 times, and under 100 ms at 45,000 cards).

Then it times reading the whole history of the large store (every line checked) against
the floor of ``json.loads`` on each line, in CPU time, and prints that ratio too (for
information).  Exits 1 when a target is missed.

Run: python benchmarks/bench_progress.py [--rounds N]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from powerquiz.progress import EXPORT_FORMAT, ProgressStore, Review, new_review_id
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

ROW = ("recording one answer: at 100,000 past reviews vs 100, and at 45,000 cards vs 100 "
       "(each <= 1.5x; < 100 ms at 45,000 cards)")
SMALL, LARGE = 100, 100_000
FEW_CARDS, MANY_CARDS = 100, 45_000
QUESTIONS = 50
LIMIT = 1.5
MAX_MS = 100.0
BANK = "bench"
START = datetime(2025, 1, 1, tzinfo=timezone.utc)


def build(path: Path, n: int, scheduler: Scheduler, questions: int = QUESTIONS
          ) -> ProgressStore:
    """A store holding ``n`` past drill reviews spread over ``questions`` questions."""
    card = scheduler.review(new_card(BANK, "q", START), Rating.GOOD, START).to_dict()
    reviews = []
    for i in range(n):
        at = START + timedelta(minutes=i)
        question = f"q{i % questions}"
        review = drill_review(question, at, "an answer of a typical length, a sentence or so")
        reviews.append({**review.to_dict(), "card": card})
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


def record_one(store: ProgressStore, scheduler: Scheduler, i: int, questions: int) -> float:
    """Record one drill answer the way a session does (``record_decided``: the rating
    and card decided from the card on disk); return the seconds it took."""
    at = datetime.now(timezone.utc)
    question = f"q{i % questions}"
    review = drill_review(question, at, "1536")

    def decide(card: CardState | None) -> Review:
        after = scheduler.review(card or new_card(BANK, question, at), Rating.GOOD, at)
        return dataclasses.replace(review, card=after)

    started = time.perf_counter()
    store.record_decided(BANK, question, decide)
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


def interleaved(stores: dict[str, ProgressStore], scheduler: Scheduler, rounds: int,
                questions: int) -> dict[str, float]:
    """Median seconds to record one answer in each store, alternating which goes first."""
    for i in range(5):  # warm up caches and imports
        for store in stores.values():
            record_one(store, scheduler, i, questions)
    times: dict[str, list[float]] = {name: [] for name in stores}
    order = list(stores.items())
    for i in range(rounds):
        # Alternate which goes first, so neither always follows the other's fsyncs.
        for name, store in order if i % 2 else reversed(order):
            times[name].append(record_one(store, scheduler, i, questions))
    return {name: statistics.median(t) for name, t in times.items()}


def report(what: str, sizes: tuple[int, int], medians: dict[str, float]) -> float:
    """Print both medians and their ratio; return the ratio."""
    small, large = medians.values()
    for size, median in zip(sizes, (small, large), strict=True):
        print(f"record at {size:>7,} {what}: median {median * 1000:.2f} ms")
    print(f"ratio: {large / small:.2f} (limit {LIMIT})")
    return large / small


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="answers recorded per store")
    args = parser.parse_args(argv)
    scheduler = Scheduler(enable_fuzzing=False)
    with tempfile.TemporaryDirectory() as folder:
        print(f"building stores with {SMALL:,} and {LARGE:,} past reviews...", flush=True)
        history = {"small": build(Path(folder) / "small.json", SMALL, scheduler),
                   "large": build(Path(folder) / "large.json", LARGE, scheduler)}
        by_history = interleaved(history, scheduler, args.rounds, QUESTIONS)
        assert len(history["large"].reviews()) == LARGE + 5 + args.rounds
        floor, reading = read_cost(history["large"])
        print(f"building stores with {FEW_CARDS:,} and {MANY_CARDS:,} cards...", flush=True)
        cards = {"few": build(Path(folder) / "few.json", FEW_CARDS, scheduler, FEW_CARDS),
                 "many": build(Path(folder) / "many.json", MANY_CARDS, scheduler, MANY_CARDS)}
        by_cards = interleaved(cards, scheduler, args.rounds, FEW_CARDS)
    print(f"read {LARGE:,} reviews: {reading * 1000:.0f} ms; json.loads per line: "
          f"{floor * 1000:.0f} ms; ratio {reading / floor:.2f}")
    history_ratio = report("reviews", (SMALL, LARGE), by_history)
    cards_ratio = report("cards", (FEW_CARDS, MANY_CARDS), by_cards)
    print(f"result: {history_ratio:.2f}x at {LARGE:,} reviews; {cards_ratio:.2f}x and "
          f"{by_cards['many'] * 1000:.1f} ms at {MANY_CARDS:,} cards "
          f"(<= {LIMIT}x, < {MAX_MS:.0f} ms)")
    failed = history_ratio > LIMIT
    if failed:
        print("FAIL: recording got slower as the history grew", file=sys.stderr)
    if cards_ratio > LIMIT or by_cards["many"] * 1000 >= MAX_MS:
        print(f"FAIL: recording at {MANY_CARDS:,} cards is slower than at {FEW_CARDS} "
              f"or takes {MAX_MS:.0f} ms or more", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
