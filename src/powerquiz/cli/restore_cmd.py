"""``powerquiz progress restore``: list the backups beside the progress, or merge one back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from powerquiz.cli.common import ProgressOption, stdout
from powerquiz.cli.progress_cmds import _answers, _store
from powerquiz.cli.progress_cmds import app as progress_app


@progress_app.command()
def restore(
    backup: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
        typer.Argument(metavar="BACKUP", show_default=False,
                       help="The backup to bring back (a name alone is looked for beside your "
                       "progress too). Default: list the backups."),
    ] = None,
    progress: ProgressOption = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="List the backups as JSON on stdout (for scripts).")] = False,
) -> None:
    """Bring back a backup that reset (or an upgrade) set aside; alone, list them.

    The backup's answers are merged into your progress, as 'progress import' merges an
    export: answers given since are kept, and restoring twice adds nothing. The backup
    itself is left as it is.

    Example: powerquiz progress restore

    Example: powerquiz progress restore progress.json.2026-11-24T101500Z.bak
    """
    from powerquiz.progress.backups import find_backups
    from powerquiz.progress.backups import restore as restore_backup

    store = _store(progress)
    out = stdout()
    if backup is not None:
        beside = store.path.parent / backup.name
        if not backup.exists() and backup.name == str(backup) and beside.exists():
            backup = beside  # a name as the listing shows it, from another folder
        added = restore_backup(store, backup)
        message = (f"Restored {_answers(added)} from {backup} into {store.path}." if added else
                   f"Nothing new: every answer in {backup} is already in {store.path}.")
        out.print(message, markup=False, soft_wrap=True, highlight=False)
        return
    found = find_backups(store.path)
    if as_json:
        rows = [{"path": str(b.path), "log": str(b.log) if b.log else None,
                 "taken": b.taken.isoformat(), "kind": b.kind, "bank": b.bank or None}
                for b in found]
        out.file.write(json.dumps({"progress": str(store.path), "backups": rows},
                                  ensure_ascii=True, indent=1) + "\n")
        return
    if not found:
        out.print(f"No backups beside {store.path}.", markup=False, soft_wrap=True)
        return
    out.print(f"Backups beside {store.path}, newest first:", markup=False, soft_wrap=True)
    for b in found:
        what = f"bank {b.bank}" if b.kind == "bank" else (
            "before the upgrade from " + b.kind if b.kind.startswith("schema") else
            "the whole progress")
        out.print(f"  {b.taken:%Y-%m-%d %H:%M} UTC  {what}:  {b.path}", markup=False,
                  soft_wrap=True, highlight=False)
    out.print("Bring one back with: powerquiz progress restore BACKUP", markup=False,
              soft_wrap=True, highlight=False)
