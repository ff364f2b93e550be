"""What the store may read, write or move: the rules for the files it is pointed at.

- **Links.** The card file, the review log and the lock file must not be symbolic links:
  a link is refused with a clear message before anything is read, repaired or written
  (use the real file instead).  One rule for all three files, so a
  store never half-follows a link into a synced folder.
- **Regular files only.** A folder, a FIFO, a device or a socket is refused, so a read
  never hangs on a FIFO or runs forever on ``/dev/zero``; reads are capped as well.
- **Only powerquiz's own files.** :func:`looks_like_progress` recognises a progress file
  (or its log) by its content; reset and repair act only on what it recognises, and a
  message suggests a reset only for such a file, never for a copy of ``/etc/passwd``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = [
    "CARD_FILE_CAP",
    "LOG_CAP",
    "SNIFF",
    "Refused",
    "check_plain",
    "fingerprint",
    "looks_like_progress",
    "only_grew",
    "own_files",
    "read_capped",
    "same_file",
    "sniff",
]

#: The most a card file may hold (the bank loader's cap).
CARD_FILE_CAP = 64 * 2**20
#: The most a review log or an import may hold (a long history is legitimate).
LOG_CAP = 2**30
#: How much of a file is read to recognise it as a progress file.
SNIFF = 4096


class Refused(Exception):
    """A path is not a file the store may use; the message says why, in plain words."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        #: The file refused, when the raiser names it (see :func:`own_files`).
        self.path = path


def check_plain(path: Path) -> bool:
    """Whether ``path`` exists; Refused if it is a link, a folder or not a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise Refused("a part of its folder path is a file, not a folder") from None
    except OSError as e:
        raise Refused(e.strerror or str(e)) from None
    if stat.S_ISLNK(info.st_mode):
        raise Refused(
            "it is a symbolic link, and powerquiz does not follow links for its progress "
            "files; use the real file instead"
        )
    if stat.S_ISDIR(info.st_mode):
        raise Refused("it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("it is not a regular file (a device, a FIFO or a socket)")
    return True


def read_capped(path: Path, cap: int, start: int = 0) -> bytes | None:
    """The bytes of the regular file ``path`` from ``start``; None if it does not exist.

    Never follows a link and never blocks on a FIFO; raises Refused for anything that is
    not a regular file or holds more than ``cap`` bytes, OSError for a failing disk.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:
        if path.is_symlink():
            check_plain(path)
        if path.is_dir():
            raise Refused("it is a folder, not a file") from None
        raise
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused("it is not a regular file (a device, a FIFO or a socket)")
        f.seek(start)
        data = f.read(cap + 1)
    if len(data) > cap:
        raise Refused(f"it is larger than {cap // 2**20} MB, too large to be a progress file")
    return data


def looks_like_progress(raw: bytes) -> bool:
    """Whether ``raw`` (a file's first bytes) may be a powerquiz progress file or review log.

    Progress files are JSON, so anything that starts like JSON counts, damaged or not, and
    so does content that is not text at all (what a disk fault leaves) or nothing.
    Foreign text, a bank, a copy of ``/etc/passwd``, does not.
    """
    text = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        return True
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(text) - 4:  # not merely a character cut at the end of the sample
            return True
        decoded = text[: e.start].decode("utf-8")
    return "\x00" in decoded or decoded[:1] in set('{["-0123456789tfn')


def own_files(*paths: Path) -> list[Path]:
    """Those of ``paths`` that exist; Refused (naming the file) for one that is not a
    plain file or not recognised as powerquiz's own (:func:`looks_like_progress`)."""
    present = []
    for path in paths:
        try:
            sample = sniff(path)
        except Refused as e:
            raise Refused(str(e), path) from None
        if sample is None:
            continue
        if not looks_like_progress(sample):
            raise Refused("it is not a powerquiz progress file, so it was left alone", path)
        present.append(path)
    return present


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one existing file (never raises)."""
    try:
        return Path(a).samefile(b)
    except (OSError, ValueError):
        return False


def sniff(path: Path) -> bytes | None:
    """The first bytes of a plain file, enough to recognise it; None if it does not exist."""
    if not check_plain(path):
        return None
    return _head(path)


def _head(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused("it is not a regular file (a device, a FIFO or a socket)")
        return f.read(SNIFF)


def fingerprint(*paths: Path) -> tuple[object, ...]:
    """What the files look like now; any write through the store changes it (a new card
    file, a longer or a new log)."""
    marks: list[object] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            marks.append(None)
        else:
            marks.append((st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    return tuple(marks)


def only_grew(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    """Whether, between two :func:`fingerprint` of (card file, log), only the log changed,
    by growing in place (the same file, longer): lines were appended to it."""
    (card_then, log_then), (card_now, log_now) = before, now
    return (card_then == card_now and isinstance(log_then, tuple)
            and isinstance(log_now, tuple) and log_then[0] == log_now[0]
            and log_now[1] > log_then[1])
