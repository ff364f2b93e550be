"""``powerquiz class report`` for 30 students of 2,000 reviews each: under 2 seconds.

Writes 30 export files (60,000 drill, practice and exam answers over a term, to the
bundled bank, with realistic wrong answers and typos), then times (median of several
rounds) reading the files as the command does and computing every figure from them.
Prints both, the total, and its ratio to the 2-second limit; exits 1 at the limit or over.

Run: python benchmarks/bench_class.py [--rounds N]
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

from powerquiz.bank import Bank, load_bank
from powerquiz.bank.bundled import default_bank_path
from powerquiz.progress import EXPORT_FORMAT, Review, new_review_id
from powerquiz.reports import class_report, fingerprint
from powerquiz.reports.loading import read_class_exports
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

STUDENTS = 30
REVIEWS = 2_000
LIMIT = 2.0
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=timezone.utc)
WRONG = ("Trotsky", "trotsky", "Trotksy", "Zinoviev", "Kamenev", "1928", "the kulaks",
         "Lenin", "Lenni", "NEP")


def student_export(path: Path, bank: Bank, number: int) -> None:
    """One student's export file of REVIEWS answers over the last 120 days."""
    scheduler = Scheduler(enable_fuzzing=False)
    questions = [q.id for q in bank.questions]
    cards: dict[str, CardState] = {}
    reviews = []
    start = NOW - timedelta(days=120)
    step = timedelta(days=120) / REVIEWS
    for i in range(REVIEWS):
        at = start + i * step
        question = questions[(i * 7 + number) % len(questions)]
        kind = "exam" if i % 20 == 0 else "practice" if i % 9 == 0 else "drill"
        right = (i + number) % (3 + number % 4) != 0
        card = None
        if kind == "drill":
            if i % 97 == 0 or question not in cards:
                before = cards.get(question) or new_card(bank.id, question, at)
                cards[question] = scheduler.review(before, Rating(3 if right else 1), at)
            card = cards[question]
        reviews.append(Review(
            id=new_review_id(), bank=bank.id, question=question, kind=kind,  # type: ignore[arg-type]
            at=at, answer="an answer of a typical length" if right else WRONG[i % len(WRONG)],
            verdict="correct" if right else "wrong", score=1.0 if right else 0.0,
            rating=(3 if right else 1) if kind == "drill" else None, duration_ms=4000,
            card=card,
        ).to_dict())
    path.write_text(json.dumps({
        "format": EXPORT_FORMAT, "schema": 2, "name": f"Student {number:02d}",
        "bank": {"id": bank.id, "title": bank.title},
        "fingerprints": {q.id: fingerprint(q) for q in bank.questions},
        "cards": {}, "reviews": reviews,
    }), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds")
    args = parser.parse_args()
    bank = load_bank(default_bank_path())
    with tempfile.TemporaryDirectory() as folder:
        print(f"writing {STUDENTS} exports of {REVIEWS:,} reviews...", flush=True)
        files = [Path(folder) / f"student-{n:02d}.json" for n in range(STUDENTS)]
        for n, path in enumerate(files):
            student_export(path, bank, n)
        reading, computing = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            exports, skipped = read_class_exports(files, bank)
            reading.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = class_report(exports, bank, NOW)
            computing.append(time.perf_counter() - started)
        assert not skipped and len(report.doc["students"]) == STUDENTS
        assert sum(s["reviews"] for s in report.doc["students"]) == STUDENTS * REVIEWS
    read, compute = statistics.median(reading), statistics.median(computing)
    total = read + compute
    print(f"read {STUDENTS} exports ({STUDENTS * REVIEWS:,} reviews): median {read * 1000:.0f} ms")
    print(f"compute every figure:                       median {compute * 1000:.0f} ms")
    print(f"class report in total: {total * 1000:.0f} ms; ratio to the {LIMIT:.0f} s limit: "
          f"{total / LIMIT:.2f}")
    if total >= LIMIT:
        print(f"FAIL: {total:.2f} s is not under {LIMIT:.0f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
