"""``powerquiz check --replay FILE.csv``: a teacher's marked answers marked again.

The CSV file has the columns ``question``, ``answer`` and ``marks`` (a header row
first; other columns are ignored).  The logic is :mod:`powerquiz.marking.replay`;
this module reads the file and prints the report.
"""

from __future__ import annotations

import csv
from pathlib import Path

from rich.table import Table

from powerquiz.bank.model import Bank
from powerquiz.bank.wording import visible
from powerquiz.cli.common import fail, stdout
from powerquiz.exitcodes import ExitCode
from powerquiz.marking.replay import MarkedAnswer, ReplayReport, check_rows, replay

COLUMNS = ("question", "answer", "marks")
#: Rows read at most (a marked set is a few hundred answers).
MAX_ROWS = 100_000


def read_rows(path: Path) -> list[MarkedAnswer]:
    """The rows of a marked-answers file, or a plain-English error and exit 2."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                fail(f"{path}: the first row must name the columns question, answer and "
                     f"marks (missing: {', '.join(missing)})")
            rows: list[MarkedAnswer] = []
            problems: list[str] = []
            for raw in reader:
                line = reader.line_num
                if len(rows) >= MAX_ROWS:
                    fail(f"{path}: more than {MAX_ROWS} rows")
                cell = (raw.get("marks") or "").strip()
                if not cell.isdecimal():
                    problems.append(f"line {line}: marks '{cell}' is not a whole number")
                    continue
                rows.append(MarkedAnswer((raw.get("question") or "").strip(),
                                         raw.get("answer") or "", int(cell), line))
    except UnicodeDecodeError:
        fail(f"{path}: not a UTF-8 text file")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    except csv.Error as exc:
        fail(f"{path}: not a readable CSV file ({exc})")
    if problems:
        fail(f"{path}: " + "; ".join(problems[:10]))
    return rows


def run_replay(bank: Bank, path: Path, min_agreement: float | None) -> None:
    """Replay ``path`` against ``bank`` and print the report; exit 1 below the minimum."""
    rows = read_rows(path)
    problems = check_rows(bank, rows)
    if problems:
        fail(f"{path}: " + "; ".join(problems[:10]))
    report = replay(bank, rows)
    show(report)
    if min_agreement is not None and report.exact < min_agreement:
        fail(f"exact agreement {report.exact:.1%} is below --min-agreement "
             f"{min_agreement:.1%}", ExitCode.INVALID)


def show(report: ReplayReport) -> None:
    out = stdout()
    out.print(f"{report.count} answers replayed: exact agreement {report.exact:.1%}, "
              f"within one mark {report.within_one:.1%}")
    table = Table(title="Marks: teacher (rows) against powerquiz (columns)")
    top = max([0, *(m for pair in report.confusion for m in pair)])
    table.add_column("teacher")
    for m in range(top + 1):
        table.add_column(str(m), justify="right")
    for t in range(top + 1):
        table.add_row(str(t), *(str(report.confusion.get((t, m), "")) for m in range(top + 1)))
    out.print(table)
    for r in report.disagreements:
        credited = "; ".join(r.credited) or "nothing"
        out.print(f"line {r.row.line}: {r.row.question}: teacher {r.row.marks}, "
                  f"powerquiz {r.awarded} (credited: {visible(credited)})", soft_wrap=True,
                  markup=False, highlight=False)
        out.print(f"  {visible(r.row.answer)}", soft_wrap=True, markup=False, highlight=False)
