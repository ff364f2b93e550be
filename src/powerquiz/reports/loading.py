"""Reading the students' export files for a class report: only reading, never writing.

Each file that cannot be used is skipped with one plain line naming it (a
:class:`Skipped`); the others are read into :class:`~powerquiz.reports.ClassExport`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from powerquiz.bank.model import Bank
from powerquiz.bank.wording import visible
from powerquiz.progress.errors import ProgressError
from powerquiz.progress.transfer import read_export_file
from powerquiz.reports.students import ClassExport

__all__ = ["Skipped", "read_class_exports"]


@dataclass(frozen=True)
class Skipped:
    """A file left out of the report, and why (one line, naming the file)."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return visible(f"Skipped {self.path}: {self.problem}.", keep_newlines=False)


def _problem(error: ProgressError) -> str:
    problem = error.problem.rstrip(".")
    if "newer schema" in problem:
        return f"{problem}, from a newer powerquiz; upgrade powerquiz to read it"
    return problem


def _read_one(path: Path, bank: Bank, seen: dict[str, Path]) -> ClassExport | str:
    """The export at ``path``, or why it is skipped; ``seen``: digest -> first file."""
    if path.is_dir():
        return "it is a folder, not an export file"
    try:
        export = read_export_file(path, latest_cards_only=True)
    except ProgressError as e:
        return _problem(e)
    if export.digest in seen:
        return f"it is a copy of {seen[export.digest]}; it is counted once"
    seen[export.digest] = path
    header = export.header
    if header.bank_id is not None and header.bank_id != bank.id:
        return (f"it is an export of the bank {header.bank_id!r}, not {bank.id!r}, "
                "so it is not mixed in")
    if not export.reviews:
        return "it is empty (no answers saved yet)"
    mine = [r for r in export.reviews if r.bank == bank.id]
    if not mine:
        others = ", ".join(sorted({repr(r.bank) for r in export.reviews}))
        return f"it has no answers to the bank {bank.id!r} (only to {others})"
    prints = dict(header.fingerprints) if header.bank_id == bank.id else {}
    return ClassExport(source=str(path), reviews=mine, name=header.name, fingerprints=prints)


def read_class_exports(
    paths: Iterable[Path], bank: Bank
) -> tuple[list[ClassExport], list[Skipped]]:
    """Read every file of ``paths`` for a report on ``bank``: the exports, and the skipped."""
    exports: list[ClassExport] = []
    skipped: list[Skipped] = []
    seen_paths: dict[Path, Path] = {}
    seen_content: dict[str, Path] = {}
    for path in paths:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            resolved = path
        if resolved in seen_paths:
            skipped.append(Skipped(path, f"it is the same file as {seen_paths[resolved]}, "
                                   "given twice; it is counted once"))
            continue
        seen_paths[resolved] = path
        found = _read_one(path, bank, seen_content)
        if isinstance(found, str):
            skipped.append(Skipped(path, found))
        else:
            exports.append(found)
    return exports, skipped
