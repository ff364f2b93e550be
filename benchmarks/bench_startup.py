"""How much slower than importing typer is starting powerquiz for --version and --help?

Whole processes, timed with ``subprocess`` and interleaved round by round (the machine
is noisy): ``python -c "import typer"`` (the anchor: typer's own import, the floor of
any typer program), ``powerquiz --version`` and ``powerquiz --help``.  ``powerquiz`` is
the console script installed beside this interpreter (``pip install -e .``), else
``python -m powerquiz`` with this same interpreter; the script says which it used.

Prints the medians and the two ratios; exits 1 when either ratio is above 1.2.  For
information only it also times ``drill --help`` and ``validate --help``, and prints the
children's CPU time (user + system, from ``resource.getrusage``), which a busy machine
disturbs less than the wall clock.

    python benchmarks/bench_startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROW = "`powerquiz --version` / `--help`, whole processes: ≤ 1.2× `python -c \"import typer\"`"
LIMIT = 1.2


def powerquiz_command() -> tuple[list[str], str]:
    """The installed script beside this interpreter, else ``python -m powerquiz``."""
    script = Path(sys.executable).with_name("powerquiz")
    if script.exists():
        return [str(script)], f"console script {script}"
    return [sys.executable, "-m", "powerquiz"], f"{sys.executable} -m powerquiz"


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds for one whole run of ``argv`` (which must succeed)."""
    cpu = cpu_of_children()
    started = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:  # not a missed target: the benchmark could not run
        print(f"{' '.join(argv)} exited {result.returncode}: "
              f"{result.stderr.decode(errors='replace')}", file=sys.stderr)
        raise SystemExit(2)
    return elapsed, cpu_of_children() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="timed runs of each (≥ 15)")
    args = parser.parse_args(sys.argv[1:])
    powerquiz, how = powerquiz_command()
    cases = {
        "import typer": [sys.executable, "-c", "import typer"],
        "--version": [*powerquiz, "--version"],
        "--help": [*powerquiz, "--help"],
        "drill --help": [*powerquiz, "drill", "--help"],
        "validate --help": [*powerquiz, "validate", "--help"],
    }
    print(f"powerquiz is run as: {how}")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "POWERQUIZ_HOME": home, "NO_COLOR": "1"}
        for argv in cases.values():  # warm the byte-code caches and the page cache
            run_once(argv, env)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(max(args.rounds, 15)):
            for name, argv in cases.items():
                times[name].append(run_once(argv, env))
    medians = {name: statistics.median(w for w, _ in runs) for name, runs in times.items()}
    cpu = {name: statistics.median(c for _, c in runs) for name, runs in times.items()}
    anchor, cpu_anchor = medians["import typer"], cpu["import typer"]
    print(f"medians of {len(times['import typer'])} interleaved runs each:")
    for name, value in medians.items():
        print(f"{name:>16}: {value * 1000:6.1f} ms  ({value / anchor:.2f} x import typer);"
              f"  CPU {cpu[name] * 1000:6.1f} ms ({cpu[name] / cpu_anchor:.2f} x)")
    failed = [name for name in ("--version", "--help") if medians[name] / anchor > LIMIT]
    print(f"result: --version {medians['--version'] / anchor:.2f}x, "
          f"--help {medians['--help'] / anchor:.2f}x typer's import "
          f"({anchor * 1000:.0f} ms; limit {LIMIT}x)", flush=True)
    if failed:
        print(f"FAIL: {', '.join(failed)} above {LIMIT} x import typer", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
