"""Run every benchmark and print one table: what each measures, its figure, and whether
it met its target.

Each ``bench_*.py`` here is a script of its own: it measures its row against an anchor
timed in the same run (ratios, medians: the machines are noisy), prints what it found,
ends with a line starting ``result:`` and exits 1 when its target is missed.  This runs
them one after another, each in a fresh interpreter (so one benchmark's imports and
caches never flatter the next), and collects the ``ROW`` text each declares and its
``result:`` line.

    python benchmarks/run_all.py                 # the table, as text
    python benchmarks/run_all.py --markdown      # the table for the README
    python benchmarks/run_all.py --only startup,history

Exits 1 when any benchmark missed its target or failed to run.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: In the order of the issue's table, then the older rows.
ORDER = ("startup", "history", "progress", "bigbank", "validate", "loader", "marking",
         "explain", "stats", "class")
#: A benchmark that runs longer than this is stopped and reported as failed.
TIMEOUT = 1800.0


@dataclass(frozen=True)
class Outcome:
    """One benchmark's run: its row, its result line, its exit code and how long it took."""

    name: str
    row: str
    result: str
    code: int
    seconds: float

    @property
    def met(self) -> bool:
        return self.code == 0


def declared_row(script: Path) -> str:
    """The script's ``ROW`` string, read without importing it (else its docstring's
    first line)."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "ROW" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    doc = ast.get_docstring(tree) or script.stem
    return doc.splitlines()[0]


def result_line(stdout: str) -> str:
    """The last ``result:`` line of a benchmark's output, else its last non-empty line."""
    lines = [ln.strip() for ln in stdout.splitlines() if ln.strip()]
    for line in reversed(lines):
        if line.lower().startswith("result:"):
            return line.split(":", 1)[1].strip()
    return lines[-1] if lines else "(no output)"


def run(name: str, extra: list[str]) -> Outcome:
    """Run ``bench_<name>.py`` in a child interpreter and collect its outcome."""
    script = HERE / f"bench_{name}.py"
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(script), *extra], capture_output=True,
                              text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(name, declared_row(script), f"stopped after {TIMEOUT:.0f} s", 1,
                       time.perf_counter() - start)
    seconds = time.perf_counter() - start
    result = result_line(done.stdout)
    if done.returncode not in (0, 1):
        tail = (done.stderr.strip().splitlines() or ["(no error output)"])[-1]
        result = f"failed to run (exit {done.returncode}): {tail}"
    return Outcome(name, declared_row(script), result, done.returncode, seconds)


def table(outcomes: list[Outcome], *, markdown: bool) -> str:
    """The outcomes as a text or Markdown table."""
    if markdown:
        rows = ["| benchmark | what, and the target | measured | target met |",
                "|---|---|---|---|"]
        rows += [f"| `bench_{o.name}.py` | {o.row} | {o.result} | "
                 f"{'yes' if o.met else '**no**'} |" for o in outcomes]
        return "\n".join(rows)
    out = []
    for o in outcomes:
        out.append(f"{'ok  ' if o.met else 'MISS'} bench_{o.name}.py ({o.seconds:.0f} s)")
        out.append(f"     {o.row}")
        out.append(f"     -> {o.result}")
    return "\n".join(out)


def available() -> list[str]:
    """Benchmark names, in ORDER first, then any others found here."""
    found = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    return [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", default="", help="comma-separated names, e.g. startup,history")
    args = parser.parse_args(argv)
    names = available()
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            parser.error(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(names)})")
        names = wanted
    outcomes = []
    for name in names:
        print(f"running bench_{name}.py ...", file=sys.stderr, flush=True)
        outcomes.append(run(name, []))
    print(table(outcomes, markdown=args.markdown))
    return 0 if all(o.met for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
