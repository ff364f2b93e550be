"""The progress store under real faults: writers killed with SIGKILL, and writers racing."""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal, TextIO

import pytest

import powerquiz.progress.compaction as compaction
from powerquiz.progress import ProgressStore, Review, new_review_id
from powerquiz.progress.reading import Loaded
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

pytestmark = [
    pytest.mark.slow,
    pytest.mark.durable,  # a kill must never lose what was acknowledged: real fsyncs
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, fork and flock are POSIX only"),
]

KILLS = 200
MAX_DELAY_S = 0.030


@pytest.fixture(autouse=True)
def _faults_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep the writers (which inherit the environment) away from the real user directory."""
    home = tmp_path / "faults-home"
    monkeypatch.setenv("POWERQUIZ_HOME", str(home))
    yield home


def write_answers(path: Path, tag: str, limit: int, out: TextIO) -> None:
    """Record answers in a loop (``limit`` 0: until killed), printing each id after record().

    Every fourth answer is a practice answer, the others drill answers that reschedule.
    """
    store = ProgressStore(path)
    scheduler = Scheduler(enable_fuzzing=False)
    i = 0
    while limit == 0 or i < limit:
        now = datetime.now(timezone.utc)
        question = f"q{i % 5}"
        kind: Literal["drill", "practice"] = "practice" if i % 4 == 3 else "drill"
        review = Review(
            id=new_review_id(), bank="history", question=question, kind=kind, at=now,
            answer=f"{tag}-{i}", verdict="correct", score=1.0,
            rating=3 if kind == "drill" else None,
        )
        if kind == "drill":
            def reschedule(card: CardState | None, question: str = question,
                           now: datetime = now) -> CardState:
                return scheduler.review(card or new_card("history", question, now),
                                        Rating.GOOD, now)
            stored = store.record(review, reschedule)
        else:
            stored = store.record(review)
        out.write(stored.id + "\n")
        out.flush()
        i += 1


class Forked:
    """A child forked from this (already imported) interpreter, driven like a Popen.

    It prints "ready", waits for "go" on its stdin, runs ``work`` with its stdout and
    exits: forking costs a millisecond where starting an interpreter costs half a second.
    """

    def __init__(self, work: Callable[[TextIO], object]) -> None:
        go_r, go_w = os.pipe()
        out_r, out_w = os.pipe()
        with warnings.catch_warnings():  # pytest runs no threads; fork is safe here
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; coverage cannot see it
            os.close(go_w)
            os.close(out_r)
            code = 1
            try:
                with os.fdopen(go_r) as stdin, os.fdopen(out_w, "w") as stdout:
                    stdout.write("ready\n")
                    stdout.flush()
                    if stdin.readline() == "go\n":
                        work(stdout)
                    code = 0
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()  # os._exit flushes nothing
            finally:
                os._exit(code)  # never back into pytest
        os.close(go_r)
        os.close(out_w)
        self.pid = pid
        self.stdin: TextIO | None = os.fdopen(go_w, "w")
        self.stdout: TextIO | None = os.fdopen(out_r)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def start_writer(path: Path, tag: str, limit: int = 0) -> Forked:
    """Start a writer waiting for "go"."""
    return Forked(lambda out: write_answers(path, tag, limit, out))


def wait_ready(proc: Forked) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line == "ready\n", f"writer failed to start (exit {proc.poll()}): {line!r}"


def go(proc: Forked) -> None:
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


def acknowledged(proc: Forked) -> list[str]:
    """The ids the writer printed in full (a line cut short by the kill does not count)."""
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    if proc.stdin is not None:
        proc.stdin.close()
    lines = out.split("\n")
    return [line for line in lines[:-1] if line]


def kill_a_writer(path: Path, tag: str, delay: float) -> set[str]:
    """Start a writer, wait for its first answer (so the kill lands while it is writing),
    SIGKILL it ``delay`` seconds later; return the ids it acknowledged."""
    proc = start_writer(path, tag)
    first = ""
    try:
        wait_ready(proc)
        go(proc)
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.endswith("\n"), f"the writer died (exit {proc.poll()})"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL
    finally:
        proc.kill()
        proc.wait()
    return {first.strip(), *acknowledged(proc)}


def was_interrupted(store: ProgressStore) -> bool:
    """Whether the kill caught a record half done: a log line or temporary file not yet taken in."""
    if not store.path.exists() or not store.log_path.exists():
        return store.log_path.exists()
    log_bytes = json.loads(store.path.read_bytes())["log_bytes"]
    temps = [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]
    return bool(temps) or log_bytes != store.log_path.stat().st_size


def assert_consistent(store: ProgressStore) -> list[str]:
    """The store loads cleanly, and each card has been rescheduled once per drill answer."""
    store.check()
    reviews = store.reviews()
    ids = [r.id for r in reviews]
    assert len(ids) == len(set(ids)), "a review was stored twice"
    drills = Counter(r.question for r in reviews if r.kind == "drill" and r.bank == "history")
    reps = {q: card.reps for q, card in store.cards("history").items()}
    assert reps == dict(drills), "a card lost (or double counted) a rescheduling"
    return ids


class TestKilledWriters:
    """Writers killed with SIGKILL at random moments lose nothing acknowledged."""

    def test_sigkill_at_random_moments_loses_no_acknowledged_answer(self, tmp_path: Path) -> None:
        """After each of 200 kills the store loads, and every answer acknowledged is there."""
        path = tmp_path / "progress.json"
        store = ProgressStore(path)
        rng = random.Random(20261124)
        acked: set[str] = set()
        interrupted = 0
        for kill in range(KILLS):
            acked.update(kill_a_writer(path, f"w{kill}", rng.uniform(0, MAX_DELAY_S)))
            interrupted += was_interrupted(store)
            present = set(assert_consistent(store))
            missing = acked - present
            assert not missing, f"kill {kill + 1}: acknowledged answers lost: {missing}"
        assert len(acked) >= KILLS
        assert interrupted > 0, "no kill caught a write half done; the test proves little"
        print(f"\n{KILLS} kills, {len(acked)} answers acknowledged, {interrupted} mid-write")

    def test_kill_during_import_leaves_all_or_nothing(self, tmp_path: Path) -> None:
        """A kill during an import leaves none or all of the imported answers."""
        source = ProgressStore(tmp_path / "source.json")
        export = tmp_path / "export.json"
        filler = start_writer(source.path, "src", limit=400)
        wait_ready(filler)
        go(filler)
        assert filler.wait() == 0
        acknowledged(filler)
        total = source.export(export)
        path = tmp_path / "progress.json"
        rng = random.Random(7)
        for _ in range(20):
            store = ProgressStore(path)
            store.reset()
            proc = Forked(lambda _out: ProgressStore(path).import_(export))
            wait_ready(proc)
            go(proc)
            time.sleep(rng.uniform(0, MAX_DELAY_S))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            acknowledged(proc)
            count = len(assert_consistent(store))
            assert count in (0, total)


class TestConcurrentWriters:
    """Writers racing on one store keep each other's answers."""

    def test_two_writers_at_once_keep_every_answer(self, tmp_path: Path) -> None:
        """Two processes recording for the same questions at once lose none of each other's."""
        path = tmp_path / "progress.json"
        n = 60
        writers = [start_writer(path, tag, limit=n) for tag in ("left", "right")]
        for proc in writers:
            wait_ready(proc)
        for proc in writers:
            go(proc)
        ids: list[str] = []
        for proc in writers:
            assert proc.wait() == 0
            ids.extend(acknowledged(proc))
        assert len(ids) == 2 * n
        stored = assert_consistent(ProgressStore(path))
        assert sorted(stored) == sorted(ids)
        answers = {r.answer.split("-")[0] for r in ProgressStore(path).reviews()}
        assert answers == {"left", "right"}


def seed_other_bank(path: Path, cards: int) -> None:
    """Give the store ``cards`` cards of another bank, so that each snapshot rewrite takes a
    while (a kill can land in one) without changing the "history" bank's cards."""
    sys.path.insert(0, str(Path(__file__).parent))
    from progress_helpers import seeded

    seeded(path, cards, bank="other", prefix="other-")


def kill_writers(path: Path, kills: int, seed: int, max_delay: float, marker: Path
                 ) -> tuple[set[str], Counter[str]]:
    """Start a writer and SIGKILL it up to ``max_delay`` s after its first answer,
    ``kills`` times; check the store after each.

    Returns every acknowledged id and what each kill left: a log tail not yet folded into
    the card file, a snapshot rewrite cut short (``marker`` exists), its temporary file.
    """
    store = ProgressStore(path)
    rng = random.Random(seed)
    acked: set[str] = set()
    left: Counter[str] = Counter()
    for kill in range(kills):
        acked.update(kill_a_writer(path, f"w{kill}", rng.uniform(0, max_delay)))
        log_bytes = json.loads(store.path.read_bytes())["log_bytes"]
        left["tail"] += log_bytes < store.log_path.stat().st_size
        left["rewrite"] += marker.exists()
        left["temporary file"] += any(p.name.endswith(".tmp") for p in path.parent.iterdir())
        marker.unlink(missing_ok=True)
        missing = acked - set(assert_consistent(store))
        assert not missing, f"kill {kill + 1}: acknowledged answers lost: {missing}"
    return acked, left


class TestKillsAroundSnapshots:
    """Kills that land between snapshot rewrites, and during one, lose nothing acknowledged."""

    def test_sigkill_between_and_during_snapshot_rewrites(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With a snapshot every 3 answers and a large card file, kills land in both places.

        The delay reaches past a whole snapshot (encoding, then writing its temporary
        file), so kills land in every part of a rewrite.
        """
        monkeypatch.setattr(compaction, "TAIL_LINES", 3)  # the forked writers inherit it
        path = tmp_path / "progress.json"
        seed_other_bank(path, 3000)
        marker = tmp_path / "rewriting"
        write_snapshot = ProgressStore._write_snapshot

        def observed(store: ProgressStore, state: Loaded) -> None:
            marker.touch()
            write_snapshot(store, state)
            marker.unlink()

        monkeypatch.setattr(ProgressStore, "_write_snapshot", observed)
        acked, left = kill_writers(path, 60, 20261202, 0.150, marker)
        assert len(acked) >= 60
        assert left["tail"] > 0, "no kill left a tail past the snapshot; the test proves little"
        assert left["rewrite"] > 0, "no kill landed in a snapshot rewrite; it proves little"
        print(f"\n60 kills, {len(acked)} answers, left: {dict(left)}")

    def test_two_writers_appending_while_a_third_compacts(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two processes append (never folding) while another flushes in a loop: all kept."""
        monkeypatch.setattr(compaction, "TAIL_LINES", 10**9)
        monkeypatch.setattr(compaction, "TAIL_SHARE", 10.0**9)
        path = tmp_path / "progress.json"
        seed_other_bank(path, 2000)

        def compact(out: TextIO) -> None:
            store = ProgressStore(path)
            while True:
                out.write(f"{store.flush()}\n")
                out.flush()

        compactor = Forked(compact)
        writers = [start_writer(path, tag, limit=40) for tag in ("left", "right")]
        for proc in (compactor, *writers):
            wait_ready(proc)
        for proc in (compactor, *writers):
            go(proc)
        ids: list[str] = []
        for proc in writers:
            assert proc.wait() == 0
            ids.extend(acknowledged(proc))
        # Under load the writers may finish before the compactor's first flush does:
        # wait for one whole flush before the kill, so there is always one to check.
        assert compactor.stdout is not None
        first = compactor.stdout.readline()
        compactor.kill()
        compactor.wait()
        flushes = [first.strip(), *acknowledged(compactor)]
        assert set(flushes) == {"True"}
        assert_consistent(ProgressStore(path))
        stored = [r.id for r in ProgressStore(path).reviews("history")]
        assert sorted(stored) == sorted(ids)
