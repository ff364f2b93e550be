"""Reading and rewriting the card file (the snapshot) at 45,000 cards, against 100.

The card file is read at the start of every session (``check``, then the session's
cards) and rewritten at its end (``flush``) and every 500 answers at most.  Two stores,
one with 100 cards and one with 45,000 (varied dates, every card distinct), each timed
in turn (interleaved, medians of several rounds, the machine being noisy):

- *write*: ``flush`` after one recorded answer: the whole card file rewritten,
  atomically (temporary file, fsync, rename);
- *read*: a fresh store's ``check`` then ``cards``: the card file parsed and every
  card checked (the parse remembered by :mod:`powerquiz.progress.snapshot` forgotten
  first, as in a new process).

For comparison it also times, on the same 45,000 cards in the same run, what the store
did before (the standard library's ``json`` and one checked constructor per card), and
the floor of ``orjson.loads`` alone.  Target: read and write each at most 150 ms at
45,000 cards.  The write is judged on elapsed time (its fsync is part of the cost); the
read, pure computation, on its CPU time, which other processes on a shared machine do
not inflate (its elapsed time is printed too).  Exits 1 when a target is missed.

Run: python benchmarks/bench_snapshot.py [--rounds N]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

from powerquiz.progress import ProgressStore, Review, new_review_id
from powerquiz.progress.atomic import atomic_write
from powerquiz.progress.jsonio import cards_to_json, dumps, parse_cards
from powerquiz.progress.snapshot import encode, forget
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

ROW = ("card file (snapshot) read and rewrite at 45,000 cards vs 100 "
       "(each <= 150 ms at 45,000 cards)")
FEW, MANY = 100, 45_000
MAX_MS = 150.0
BANK = "bench"
START = datetime(2025, 1, 1, tzinfo=timezone.utc)


def make_cards(n: int, scheduler: Scheduler) -> dict[str, CardState]:
    """``n`` distinct cards, as a long-used bank has: every date different."""
    cards = {}
    for i in range(n):
        at = START + timedelta(seconds=i * 37, microseconds=i)
        card = scheduler.review(new_card(BANK, f"q{i}", at), Rating.GOOD, at)
        if i % 3:
            card = scheduler.review(card, Rating.GOOD, at + timedelta(days=1 + i % 5))
        cards[f"q{i}"] = card
    return cards


def build(path: Path, n: int, scheduler: Scheduler) -> ProgressStore:
    """A store whose up-to-date card file holds ``n`` cards (and an empty log)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_name(path.name.replace(".json", ".reviews.jsonl")).touch()
    atomic_write(path, encode({BANK: make_cards(n, scheduler)}, {}, 0))
    store = ProgressStore(path)
    assert len(store.cards(BANK)) == n
    return store


def write_once(store: ProgressStore, scheduler: Scheduler, i: int) -> float:
    """Record one answer, then time ``flush`` (the card file rewritten); seconds."""
    at = datetime.now(timezone.utc)
    question = f"q{i % FEW}"
    review = Review(id=new_review_id(), bank=BANK, question=question, kind="drill", at=at,
                    answer="x", verdict="correct", score=1.0, rating=3)

    def decide(card: CardState | None) -> Review:
        after = scheduler.review(card or new_card(BANK, question, at), Rating.GOOD, at)
        return dataclasses.replace(review, card=after)

    store.record_decided(BANK, question, decide)
    started = time.perf_counter()
    assert store.flush()
    return time.perf_counter() - started


def read_once(store: ProgressStore) -> tuple[float, float]:
    """Seconds (elapsed, and of CPU) for a fresh store to check the files and hand over
    the bank's cards, the card file parsed afresh (as at the start of a process)."""
    forget()
    started, cpu = time.perf_counter(), time.process_time()
    fresh = ProgressStore(store.path)
    fresh.check()
    fresh.cards(BANK)
    return time.perf_counter() - started, time.process_time() - cpu


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def before(store: ProgressStore, rounds: int) -> dict[str, float]:
    """Median seconds of the former way (stdlib json, a constructor per card), and of
    orjson.loads alone, on the same card file."""
    raw = store.path.read_bytes()
    cards = store.all_cards()
    scratch = store.path.with_name("former.json")
    times: dict[str, list[float]] = {"old write": [], "old read": [], "orjson.loads": []}
    doc = {"schema": 3, "log_bytes": 0, "cards": cards, "settings": {}}
    for _ in range(rounds):
        times["old write"].append(timed(lambda: atomic_write(
            scratch, dumps({**doc, "cards": cards_to_json(cards)}, indent=1))))
        times["old read"].append(timed(lambda: parse_cards(json.loads(raw)["cards"])))
        times["orjson.loads"].append(timed(lambda: orjson.loads(raw)))
    return {name: statistics.median(t) for name, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="timings per store and action")
    args = parser.parse_args(argv)
    scheduler = Scheduler(enable_fuzzing=False)
    with tempfile.TemporaryDirectory() as folder:
        print(f"building card files of {FEW:,} and {MANY:,} cards...", flush=True)
        stores = {FEW: build(Path(folder) / "few" / "progress.json", FEW, scheduler),
                  MANY: build(Path(folder) / "many" / "progress.json", MANY, scheduler)}
        times: dict[tuple[str, int], list[float]] = {
            (what, n): [] for what in ("write", "read", "read cpu") for n in stores}
        for i in range(args.rounds + 1):
            order = list(stores.items()) if i % 2 else list(reversed(stores.items()))
            for n, store in order:
                write, (read, read_cpu) = write_once(store, scheduler, i), read_once(store)
                if i:  # the first round warms up imports and caches
                    times["write", n].append(write)
                    times["read", n].append(read)
                    times["read cpu", n].append(read_cpu)
        former = before(stores[MANY], max(3, args.rounds // 3))
    medians = {key: statistics.median(t) * 1000 for key, t in times.items()}
    for what in ("write", "read"):
        few, many = medians[what, FEW], medians[what, MANY]
        print(f"{what:>5}: {few:7.1f} ms at {FEW:,} cards, {many:7.1f} ms at {MANY:,} "
              f"({many / few:.0f}x; before: {former['old ' + what] * 1000:.0f} ms, "
              f"{former['old ' + what] * 1000 / many:.1f}x slower)")
    print(f"read CPU time: {medians['read cpu', FEW]:.1f} ms at {FEW:,} cards, "
          f"{medians['read cpu', MANY]:.1f} ms at {MANY:,}")
    print(f"orjson.loads alone at {MANY:,} cards: {former['orjson.loads'] * 1000:.1f} ms")
    write_ms, read_ms = medians["write", MANY], medians["read cpu", MANY]
    print(f"result: write {write_ms:.0f} ms elapsed, read {read_ms:.0f} ms of CPU "
          f"({medians['read', MANY]:.0f} ms elapsed) at {MANY:,} cards "
          f"(<= {MAX_MS:.0f} ms each)")
    if write_ms > MAX_MS or read_ms > MAX_MS:
        print(f"FAIL: a snapshot read or write at {MANY:,} cards takes over {MAX_MS:.0f} ms",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
