"""How much slower than libyaml's own load is ``powerquiz validate``, at 5,000 and more questions?

For each size, generates a bank with :func:`bench_loader.bank_text` (every tenth question
without an explanation, so that the report has hundreds of warnings to group), writes
it to a temporary file, and times whole processes, interleaved, medians of several runs
(wall time, which the limit is on, and CPU time, steadier on a busy machine):

- the anchor: ``python -c`` reading the file and ``yaml.load(text, Loader=yaml.CSafeLoader)``;
- ``powerquiz validate FILE``: the real command (start-up, reading, every check, the
  marker's self-check of every model answer, the report).

Prints each ratio; exits 1 when one is above 1.5.  The default run does 5,000 and
15,000 questions, to show the ratio does not grow with the bank; ``--large`` adds 45,000
(about 30 MB of YAML; a minute or more per run).

    PYTHONPATH=src python benchmarks/bench_validate.py [--large] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_loader import bank_text

ROW = "validate a 5,000 / 15,000 (45,000 with --large) question bank vs yaml.load: ≤ 1.5×"
LIMIT = 1.5
SIZES = (5000, 15000)
LARGE = 45000
ANCHOR = ("import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), "
          "Loader=yaml.CSafeLoader)")


def validate_command(path: Path) -> list[str]:
    """The installed ``powerquiz`` script beside this Python, else ``python -m powerquiz``."""
    script = Path(sys.executable).with_name("powerquiz")
    found = str(script) if script.exists() else shutil.which("powerquiz")
    head = [found] if found else [sys.executable, "-m", "powerquiz"]
    return [*head, "validate", str(path)]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``."""
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - start, _cpu() - cpu
    # 1: the bank has errors (the generator's random words make a few at 15,000 and
    # more, e.g. an answer "Moscow Moscow"); every check has run all the same.
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({done.returncode}): "
                         f"{done.stderr.decode(errors='replace')[-2000:]}")
    return took


def measure(count: int, repeat: int, tmp: Path,
            env: dict[str, str]) -> tuple[tuple[float, float], tuple[float, float]]:
    """((anchor, validate) median wall seconds, the same in CPU seconds) at ``count``."""
    path = tmp / f"bank-{count}.yaml"
    path.write_text(bank_text(count, unexplained_every=10), encoding="utf-8")
    anchor, ours = [], []
    for _ in range(repeat):
        anchor.append(timed([sys.executable, "-c", ANCHOR, str(path)], env))
        ours.append(timed(validate_command(path), env))

    def median(runs: list[tuple[float, float]], which: int) -> float:
        return statistics.median(r[which] for r in runs)

    return ((median(anchor, 0), median(ours, 0)), (median(anchor, 1), median(ours, 1)))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also 45,000 questions")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", help="instead of the default sizes")
    args, _ = parser.parse_known_args()
    sizes = list(args.sizes or SIZES) + ([LARGE] if args.large else [])
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "POWERQUIZ_HOME": tmp, "NO_COLOR": "1"}
        for count in sizes:
            (anchor, ours), (anchor_cpu, ours_cpu) = measure(count, args.repeat, Path(tmp), env)
            ratio = ours / anchor
            worst = max(worst, ratio)
            print(f"{count:6d} questions: yaml.load {anchor:6.2f} s, validate {ours:6.2f} s, "
                  f"ratio {ratio:.2f} (limit {LIMIT}); in CPU time {anchor_cpu:.2f} s, "
                  f"{ours_cpu:.2f} s, ratio {ours_cpu / anchor_cpu:.2f}", flush=True)
    if worst > LIMIT:
        print(f"too slow: worst ratio {worst:.2f} > {LIMIT}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
