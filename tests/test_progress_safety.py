"""The progress store is safe with any path: the defects of issue 17, each reproduced.

Devices and FIFOs are made in a temporary folder with ``mknod``/``mkfifo``; nothing
outside it is touched.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import stat
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.cli import app
from powerquiz.cli.progress_cmds import progress_error_text
from powerquiz.progress import EXPORT_FORMAT, ProgressError, ProgressStore, Review, new_review_id
from powerquiz.progress import store as store_module
from powerquiz.progress.atomic import atomic_write
from powerquiz.progress.files import Refused, read_capped
from powerquiz.scheduling import CardState, Rating, Scheduler, new_card

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SCHEDULER = Scheduler(enable_fuzzing=False)
ROOT_ONLY = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="making a device node with mknod needs root",
)
runner = CliRunner()


def review(question: str = "q1", kind: str = "drill") -> Review:
    return Review(id=new_review_id(), bank="tudors", question=question, kind=kind,  # type: ignore[arg-type]
                  at=NOW, answer="x", verdict="correct", score=1.0,
                  rating=int(Rating.GOOD) if kind == "drill" else None)


def drill(store: ProgressStore, question: str = "q1") -> Review:
    def reschedule(card: CardState | None) -> CardState:
        return SCHEDULER.review(card or new_card("tudors", question, NOW), Rating.GOOD, NOW)

    return store.record(review(question), reschedule)


def files(folder: Path) -> dict[str, bytes | str]:
    """Every entry of a folder: a file's bytes, or what else it is."""
    out: dict[str, bytes | str] = {}
    for p in sorted(folder.iterdir()):
        if p.is_symlink():
            out[p.name] = f"link to {p.readlink()}"
        elif p.is_dir():
            out[p.name] = "folder"
        elif p.is_fifo():
            out[p.name] = "fifo"
        else:
            out[p.name] = p.read_bytes()
    return out


def an_export(tmp_path: Path, card: dict[str, object] | None = None) -> Path:
    source = ProgressStore(tmp_path / "source" / "progress.json")
    drill(source)
    path = tmp_path / "export.json"
    source.export(path)
    if card is not None:
        doc = json.loads(path.read_text())
        doc["reviews"][0]["card"].update(card)
        path.write_text(json.dumps(doc))
    return path


class TestOneAtomicWriter:
    """D1: atomic_write renames only over regular files; others are written in place."""

    def test_a_fifo_is_written_in_place(self, tmp_path: Path) -> None:
        """Writing to a FIFO someone reads sends the data through it; it stays a FIFO."""
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
        reader.start()
        try:
            for _ in range(200):  # wait until the reader has the FIFO open
                try:
                    atomic_write(fifo, b"hello")
                    break
                except OSError as e:
                    if e.errno != errno.ENXIO:
                        raise
                    threading.Event().wait(0.01)
        finally:
            reader.join(timeout=10)
        assert got == [b"hello"]
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]

    def test_a_fifo_nobody_reads_is_an_error_not_a_hang(self, tmp_path: Path) -> None:
        """With no reader, writing to a FIFO fails at once and leaves it a FIFO."""
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        with pytest.raises(OSError):
            atomic_write(fifo, b"hello")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    @ROOT_ONLY
    def test_a_device_is_written_in_place(self, tmp_path: Path) -> None:
        """A copy of /dev/null stays a character device (it is never renamed over)."""
        null = tmp_path / "null"
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        atomic_write(null, b"gone")
        assert stat.S_ISCHR(os.lstat(null).st_mode)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]

    @ROOT_ONLY
    def test_progress_export_to_a_device_keeps_the_device(self, tmp_path: Path) -> None:
        """progress export to a /dev/null node writes to it and leaves it a device."""
        store = ProgressStore(tmp_path / "p" / "progress.json")
        drill(store)
        null = tmp_path / "null"
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        assert store.export(null) == 1
        assert stat.S_ISCHR(os.lstat(null).st_mode)

    def test_dev_stdout_redirected_to_a_file_is_written_not_replaced(
        self, tmp_path: Path
    ) -> None:
        """-o /dev/stdout with '>> out.txt' appends to out.txt, which keeps its inode."""
        out = tmp_path / "out.txt"
        out.write_bytes(b"kept\n")
        inode = out.stat().st_ino
        code = ("from pathlib import Path; from powerquiz.progress.atomic import atomic_write; "
                "atomic_write(Path('/dev/stdout'), b'new\\n')")
        with out.open("ab") as sink:
            subprocess.run([sys.executable, "-c", code], stdout=sink, check=True)
        assert out.read_bytes() == b"kept\nnew\n"
        assert out.stat().st_ino == inode

    def test_a_regular_file_keeps_its_permissions(self, tmp_path: Path) -> None:
        """Replacing a regular file keeps its permission bits."""
        path = tmp_path / "out.json"
        path.write_bytes(b"old")
        path.chmod(0o640)
        atomic_write(path, b"new")
        assert path.read_bytes() == b"new"
        assert stat.S_IMODE(path.stat().st_mode) == 0o640

    def test_a_link_is_kept_and_its_target_replaced(self, tmp_path: Path) -> None:
        """Writing through a symbolic link replaces the file it points to, not the link."""
        target = tmp_path / "real.json"
        target.write_bytes(b"old")
        link = tmp_path / "link.json"
        link.symlink_to(target)
        atomic_write(link, b"new")
        assert link.is_symlink() and target.read_bytes() == b"new"

    def test_a_new_file_is_written_whole(self, tmp_path: Path) -> None:
        """A new file gets the data and no temporary file is left beside it."""
        atomic_write(tmp_path / "new.json", b"data")
        assert files(tmp_path) == {"new.json": b"data"}


class TestCardRanges:
    """D5: out-of-range card fields are a damaged file and never reach FSRS."""

    @pytest.mark.parametrize(
        "change",
        [{"difficulty": -1e300}, {"difficulty": 11}, {"stability": 1e300},
         {"stability": -2}, {"due": "0001-01-01T00:00:00+00:00"}, {"state": 7},
         {"reps": -1}, {"card_id": -5}],
        ids=lambda c: next(iter(c)),
    )
    def test_an_import_with_a_bad_card_is_refused(
        self, tmp_path: Path, change: dict[str, object]
    ) -> None:
        """Importing a card with an impossible value is refused and writes nothing."""
        export = an_export(tmp_path, change)
        store = ProgressStore(tmp_path / "mine" / "progress.json")
        with pytest.raises(ProgressError, match=next(iter(change))):
            store.import_(export)
        assert not store.path.parent.exists()

    def test_a_card_file_with_a_bad_difficulty_is_damaged(self, tmp_path: Path) -> None:
        """A card file holding difficulty -1e300 is reported damaged (resettable), unchanged."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store)
        doc = json.loads(store.path.read_text())
        doc["cards"]["tudors"]["q1"].update(difficulty=-1e300, state=2, step=None)
        store.path.write_text(json.dumps(doc))
        before = files(tmp_path)
        with pytest.raises(ProgressError, match="difficulty") as caught:
            drill(ProgressStore(store.path))
        assert caught.value.resettable
        assert files(tmp_path) == before


class TestLinks:
    """D6/D15: a linked card file, log or lock is refused before anything is repaired."""

    def test_a_linked_log_is_refused_and_never_cut(self, tmp_path: Path) -> None:
        """An import into a store whose log links to a text file leaves that file whole."""
        export = an_export(tmp_path)
        notes = tmp_path / "notes.txt"
        notes.write_bytes(b"first line\nlast line without newline")
        store = ProgressStore(tmp_path / "mine" / "progress.json")
        store.path.parent.mkdir()
        store.log_path.symlink_to(notes)
        with pytest.raises(ProgressError, match="symbolic link") as caught:
            store.import_(export)
        assert not caught.value.resettable
        assert notes.read_bytes() == b"first line\nlast line without newline"
        assert files(store.path.parent) == {store.log_path.name: f"link to {notes}"}

    @pytest.mark.parametrize("which", ["path", "log_path", "lock_path"])
    def test_every_store_file_follows_one_rule(self, tmp_path: Path, which: str) -> None:
        """A link in place of the card file, the log or the lock refuses reads and writes."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store)
        target = tmp_path / "elsewhere"
        Path(getattr(store, which)).rename(target)
        Path(getattr(store, which)).symlink_to(target)
        before = files(tmp_path)
        for operation in (store.cards, lambda _bank: drill(ProgressStore(store.path))):
            with pytest.raises(ProgressError, match="symbolic link"):
                operation("tudors")
        assert files(tmp_path) == before

    def test_a_link_loop_is_a_clean_error(self, tmp_path: Path) -> None:
        """D14: a progress.json that links to itself gives a ProgressError, not a traceback."""
        path = tmp_path / "progress.json"
        path.symlink_to(path)
        for operation in (ProgressStore(path).check, lambda: drill(ProgressStore(path))):
            with pytest.raises(ProgressError, match="symbolic link"):
                operation()


class TestOnlyProgressFiles:
    """D7: reset and locks touch only what is a powerquiz progress file."""

    def test_reset_never_moves_a_folder(self, tmp_path: Path) -> None:
        """Reset on a folder is refused and the folder stays where it is."""
        folder = tmp_path / "work"
        folder.mkdir()
        (folder / "essay.txt").write_text("mine")
        with pytest.raises(ProgressError, match="folder") as caught:
            ProgressStore(folder).reset()
        assert not caught.value.resettable
        assert files(tmp_path) == {"work": "folder"}

    def test_reset_never_moves_a_foreign_file(self, tmp_path: Path) -> None:
        """Reset on a copy of /etc/passwd is refused; nothing moves, no lock is made."""
        passwd = tmp_path / "passwd"
        passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
        with pytest.raises(ProgressError, match="not a powerquiz progress file"):
            ProgressStore(passwd).reset()
        assert files(tmp_path) == {"passwd": b"root:x:0:0:root:/root:/bin/bash\n"}

    def test_a_foreign_file_is_not_offered_a_reset(self, tmp_path: Path) -> None:
        """show on a foreign file fails without suggesting reset and makes no lock file."""
        passwd = tmp_path / "passwd"
        passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
        result = runner.invoke(app, ["progress", "show", "--progress", str(passwd)])
        assert result.exit_code == 1
        assert "reset" not in result.output
        with pytest.raises(ProgressError) as caught:
            ProgressStore(passwd).cards("tudors")
        assert not caught.value.resettable
        assert "reset" not in progress_error_text(caught.value)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["passwd"]

    def test_recording_into_a_foreign_file_makes_no_lock(self, tmp_path: Path) -> None:
        """A drill pointed at a foreign file refuses before creating a lock beside it."""
        passwd = tmp_path / "passwd"
        passwd.write_text("root:x:0:0\n")
        with pytest.raises(ProgressError):
            drill(ProgressStore(passwd))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["passwd"]

    def test_reading_never_creates_a_lock_file(self, tmp_path: Path) -> None:
        """Read-only commands leave no lock file behind, even beside real progress."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store)
        store.lock_path.unlink()
        reader = ProgressStore(store.path)
        reader.cards("tudors")
        reader.reviews()
        reader.check()
        assert not store.lock_path.exists()


class TestExportTarget:
    """D8: progress export refuses to write over the store's own files."""

    @pytest.mark.parametrize("which", ["path", "log_path"])
    def test_export_over_the_store_is_refused(self, tmp_path: Path, which: str) -> None:
        """Exporting onto the card file or the log (or a link to it) changes nothing."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store)
        link = tmp_path / "link.json"
        link.symlink_to(getattr(store, which))
        before = files(tmp_path)
        for dest in (getattr(store, which), link):
            with pytest.raises(ProgressError, match="progress file itself"):
                store.export(dest)
        assert files(tmp_path) == before


class TestHugeAndEndless:
    """D10/D11: huge numbers, FIFOs and endless files give clear errors."""

    def test_a_huge_number_in_the_card_file(self, tmp_path: Path) -> None:
        """A 5000-digit number in progress.json is a damaged file, not a ValueError."""
        path = tmp_path / "progress.json"
        path.write_text('{"schema": 2, "log_bytes": ' + "9" * 5000 + ', "cards": {}}')
        with pytest.raises(ProgressError, match="number too long"):
            ProgressStore(path).check()

    def test_a_huge_number_in_a_log_line(self, tmp_path: Path) -> None:
        """A 5000-digit number in the review log names the log and the line."""
        store = ProgressStore(tmp_path / "progress.json")
        with store.log_path.open("w") as f:
            f.write('{"id": "a", "score": ' + "1" * 5000 + "}\n")
        with pytest.raises(ProgressError, match="line 1 holds a number too long"):
            store.reviews()

    def test_a_whole_number_past_64_bits_in_a_written_line(self, tmp_path: Path) -> None:
        """A review line as powerquiz writes it but with a 30-digit duration is damaged:
        the fast reader (orjson, which would read it as a float) never takes it."""
        store = ProgressStore(tmp_path / "progress.json")
        good = drill(store)
        line = store.log_path.read_text().splitlines()[0]
        assert f"\"duration_ms\":{good.duration_ms}" in line
        store.log_path.write_text(
            line.replace(f"\"duration_ms\":{good.duration_ms}", "\"duration_ms\":" + "9" * 30)
            + "\n")
        store.path.unlink()  # the log alone, as after a card file was lost
        with pytest.raises(ProgressError, match="line 1"):
            ProgressStore(store.path).reviews()

    def test_a_huge_number_in_an_import(self, tmp_path: Path) -> None:
        """A 5000-digit number in an import file is refused cleanly."""
        src = tmp_path / "export.json"
        doc = json.dumps({"format": EXPORT_FORMAT, "schema": 2, "reviews": ["HUGE"]})
        src.write_text(doc.replace('"HUGE"', "7" * 5000))
        with pytest.raises(ProgressError, match="number too long"):
            ProgressStore(tmp_path / "progress.json").import_(src)

    @pytest.mark.parametrize("which", ["path", "log_path", "import"])
    def test_a_fifo_is_refused_without_hanging(self, tmp_path: Path, which: str) -> None:
        """A FIFO as card file, log or import is refused at once as not a regular file."""
        store = ProgressStore(tmp_path / "progress.json")
        fifo = tmp_path / "fifo" if which == "import" else Path(getattr(store, which))
        os.mkfifo(fifo)

        def operation() -> None:
            if which == "import":
                store.import_(fifo)
            else:
                store.check()

        with pytest.raises(ProgressError, match="not a regular file"):
            operation()

    def test_dev_zero_as_an_import_is_refused(self) -> None:
        """/dev/zero is not read without end: it is not a regular file."""
        with pytest.raises(ProgressError, match="not a regular file"):
            ProgressStore(Path("/nonexistent-powerquiz/progress.json")).import_(Path("/dev/zero"))

    def test_reads_are_capped(self, tmp_path: Path) -> None:
        """A file larger than the cap is refused rather than read whole."""
        path = tmp_path / "big"
        path.write_bytes(b"x" * 2000)
        with pytest.raises(Refused, match="too large"):
            read_capped(path, 1000)
        assert read_capped(path, 2000) == b"x" * 2000


class TestOddPaths:
    """D14: a path that names no file gives a clean error."""

    @pytest.mark.parametrize("raw", ["/", "", "."])
    def test_a_path_that_is_not_a_file(self, raw: str) -> None:
        """ProgressStore('/'), ('') and ('.') raise ProgressError for reads and writes."""
        store = ProgressStore(Path(raw))
        for operation in (store.check, store.reset, lambda: drill(store)):
            with pytest.raises(ProgressError, match="folder"):
                operation()

    @pytest.mark.parametrize("raw", ["/", ""])
    def test_drill_with_such_a_path_exits_cleanly(self, mini_bank_path: Path, raw: str) -> None:
        """drill --progress / (or '') is a usage error (exit 2) naming the option, no traceback."""
        result = runner.invoke(app, ["drill", "--bank", str(mini_bank_path), "--progress", raw,
                                     "--plain"], input="x\n")
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "is not a file name" in result.output


class TestFullDisk:
    """D17: when only the card file update fails, the student hears the answer was saved."""

    def test_answer_in_the_log_card_file_failed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A full disk at the card file says the answer is saved; the next read has it."""
        store = ProgressStore(tmp_path / "progress.json")
        drill(store)

        def full(path: Path, data: bytes, **_kw: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store_module, "atomic_write", full)
        with pytest.raises(ProgressError, match="answer was saved") as caught:
            drill(store, "q2")
        assert caught.value.saved
        monkeypatch.undo()
        assert [r.question for r in ProgressStore(store.path).reviews()] == ["q1", "q2"]
        assert set(ProgressStore(store.path).cards("tudors")) == {"q1", "q2"}


class TestIdsShownLiterally:
    """D3/D14 (progress side): ids from a progress file never drive the terminal."""

    def test_markup_like_bank_id_is_shown_as_text(self, tmp_path: Path) -> None:
        """progress show prints a bank id '[/x]' literally, without a MarkupError."""
        store = ProgressStore(tmp_path / "progress.json")
        store.record(dataclasses.replace(review(kind="exam"), bank="[/x] [b]bold[/b]"))
        result = runner.invoke(app, ["progress", "show", "--progress", str(store.path)])
        assert result.exit_code == 0, result.output
        assert "[/x] [b]bold[/b]" in result.stdout

    def test_a_control_character_in_an_old_log_is_shown_escaped(self, tmp_path: Path) -> None:
        """An ESC already in a stored bank id comes out as \\x1b, never raw."""
        store = ProgressStore(tmp_path / "progress.json")
        store.record(dataclasses.replace(review(kind="exam"), bank="evil\x1b]0;pwned\x07"))
        result = runner.invoke(app, ["progress", "show", "--progress", str(store.path)])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\\x1b" in result.stdout
