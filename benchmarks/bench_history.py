"""Does starting a drill get slower, or bigger, as the history grows?

Builds two progress stores for 50 questions of the bundled bank, one holding 100 past
drill reviews and one holding 100,000 (imported, then a few more answers recorded the
way a session records them, so the log has a tail past the card file's offset, as it has
after a session killed before its end).  Then runs the real command

    powerquiz drill --plain --limit 1

as a child process against each store in turn (POWERQUIZ_HOME in a temporary folder),
with its input closed at once: it loads the bank and the progress, prints the first
question, reads end of input and exits having recorded nothing.  So each run is timed
to the end of the process, which is the start-up to the first question plus a tiny exit.
Medians of interleaved runs; prints the ratio (large / small, target at most 1.2) and the
peak memory of each drill child (its resource usage as reaped by ``os.wait4``, the record
``getrusage(RUSAGE_CHILDREN)`` sums; the stores are built by children of their own),
target at most 100 MiB.  Exits 1 when either target is missed.

    python benchmarks/bench_history.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from powerquiz.bank import load
from powerquiz.progress import EXPORT_FORMAT, ProgressStore, Review, new_review_id
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

ROW = ("`drill --plain --limit 1` to the first question at 100,000 past reviews vs 100: "
       "ratio <= 1.2, peak RSS <= 100 MiB")
SMALL, LARGE = 100, 100_000
QUESTIONS = 50
TAIL = 20  # answers recorded after the import: the log's tail past the card file
LIMIT = 1.2
PEAK_MIB = 100
START = datetime(2025, 1, 1, tzinfo=timezone.utc)
BANK_FILE = Path(__file__).resolve().parent.parent / "data" / "questions.yaml"


def build(path: Path, n: int, bank_id: str, ids: list[str]) -> None:
    """A store holding ``n`` past drill reviews of ``ids`` and then ``TAIL`` more."""
    scheduler = Scheduler(enable_fuzzing=False)
    cards = {q: scheduler.review(new_card(bank_id, q, START), Rating.GOOD, START).to_dict()
             for q in ids}
    reviews = []
    for i in range(n - TAIL):
        question = ids[i % len(ids)]
        review = Review(id=new_review_id(), bank=bank_id, question=question, kind="drill",
                        at=START + timedelta(minutes=i), answer="an answer of a typical "
                        "length, a sentence or so", verdict="correct", score=1.0, rating=3,
                        duration_ms=5000)
        reviews.append({**review.to_dict(), "card": cards[question]})
    export = path.with_name(path.name + ".export.json")
    export.write_text(json.dumps({"format": EXPORT_FORMAT, "schema": 2, "cards": {},
                                  "reviews": reviews}))
    store = ProgressStore(path)
    store.import_(export)
    export.unlink()
    at = START + timedelta(days=200)
    for i in range(TAIL):
        question = ids[i % len(ids)]

        def reschedule(card: CardState | None, question: str = question) -> CardState:
            return scheduler.review(card or new_card(bank_id, question, at), Rating.GOOD, at)

        store.record(Review(id=new_review_id(), bank=bank_id, question=question,
                            kind="drill", at=at, answer="1536", verdict="correct",
                            score=1.0, rating=3, duration_ms=4000), reschedule)
    assert len(ProgressStore(path).reviews()) == n


def run_drill(progress: Path, home: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one ``powerquiz drill --plain --limit 1``, input closed.

    The peak is the child's own resource usage as the kernel reports it when the child
    is reaped (``os.wait4``: the same record ``getrusage(RUSAGE_CHILDREN)`` sums), so the
    processes that built the stores do not count.
    """
    env = dict(os.environ, POWERQUIZ_HOME=str(home), NO_COLOR="1")
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "powerquiz", "drill", "--plain", "--limit", "1", "--bank",
         str(BANK_FILE), "--progress", str(progress)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    out, err = child.stdout.read().decode(), child.stderr.read().decode()
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    child.stderr.close()
    if child.returncode not in (0, 130) or "Traceback" in err:
        raise SystemExit(f"drill failed ({child.returncode}):\n{out}\n{err}")
    if "Question 1/1" not in out:
        raise SystemExit(f"drill printed no question:\n{out}")
    return elapsed, usage.ru_maxrss / 1024  # KiB -> MiB (Linux)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per store (at least 5)")
    parser.add_argument("--build", nargs=2, metavar=("PATH", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        bank, _problems = load(BANK_FILE)
        assert bank is not None
        build(Path(args.build[0]), int(args.build[1]), bank.id,
              [q.id for q in bank.questions][:QUESTIONS])
        return 0
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print(f"building stores with {SMALL:,} and {LARGE:,} past reviews...", flush=True)
        stores = {"small": root / "small" / "progress.json",
                  "large": root / "large" / "progress.json"}
        for (name, path), n in zip(stores.items(), (SMALL, LARGE), strict=True):
            path.parent.mkdir()
            # Built in a child of its own, so that this process stays small: a child's
            # peak memory counts what it shared with its parent before it started.
            subprocess.run([sys.executable, __file__, "--build", str(path), str(n)],
                           check=True)
            print(f"  {name}: log {path.with_name('progress.reviews.jsonl').stat().st_size:,}"
                  f" bytes, card file {path.stat().st_size:,} bytes", flush=True)
        times: dict[str, list[float]] = {"small": [], "large": []}
        peaks: dict[str, float] = {"small": 0.0, "large": 0.0}
        run_drill(stores["small"], root / "home")  # warm the disk cache and bytecode
        for i in range(max(5, args.runs)):
            order = list(stores.items())
            for name, path in order if i % 2 else reversed(order):
                seconds, mib = run_drill(path, root / "home")
                times[name].append(seconds)
                peaks[name] = max(peaks[name], mib)
    peak = peaks["large"]
    small, large = statistics.median(times["small"]), statistics.median(times["large"])
    ratio = large / small
    print(f"drill start, {SMALL:>7,} reviews: median {small:.3f} s")
    print(f"drill start, {LARGE:>7,} reviews: median {large:.3f} s")
    print(f"peak RSS of a drill: {peaks['small']:.0f} MiB at {SMALL:,} reviews, "
          f"{peak:.0f} MiB at {LARGE:,} (limit {PEAK_MIB})")
    print(f"ratio: {ratio:.2f} (limit {LIMIT})")
    print(f"result: {large:.2f} s at {LARGE:,} reviews, {ratio:.2f}x the {SMALL}-review "
          f"start (<= {LIMIT}x); peak {peak:.0f} MiB (<= {PEAK_MIB})")
    failed = False
    if ratio > LIMIT:
        print("FAIL: starting a drill got slower as the history grew", file=sys.stderr)
        failed = True
    if peak > PEAK_MIB:
        print("FAIL: starting a drill took too much memory", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
