"""Durable file primitives: atomic replacement, durable appends and an inter-process lock.

- :func:`atomic_write` is the one atomic writer of the whole project.  For a regular file
  (or a new one) it writes a temporary file in the same folder, flushes and fsyncs it,
  ``os.replace``-s it over the target and fsyncs the folder: a kill at any instant leaves
  either the old or the new content, never a mixture; an existing file keeps its
  permission bits.  An existing target that is *not* a regular file (a device such as
  ``/dev/null``, a FIFO) or a process's own stream (``/dev/stdout``, even when redirected
  to a file) is opened and written in place, never renamed over.  A symbolic link is
  followed: its target is replaced, the link kept.
- :func:`append_line` appends one complete line and fsyncs it; :func:`repair_tail`
  truncates a torn final line (one cut short by a kill) before the next append.
- :func:`file_lock` holds an exclusive (or shared) lock on a lock file beside the data:
  ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows, and elsewhere an ``O_EXCL``
  lock file.  The operating system drops flock/msvcrt locks when a process dies, so a
  killed session never leaves the store locked.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "append_line",
    "atomic_write",
    "copy_then_append_atomically",
    "file_lock",
    "fsync_dir",
    "remove_stale_temps",
    "repair_tail",
]

_TEMP_SUFFIX = ".tmp"


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (a no-op on Windows)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a directory for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _write_temp(path: Path, chunks: Iterator[bytes], mode: int = 0o600) -> Path:
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=_TEMP_SUFFIX, dir=path.parent)
    tmp = Path(name)
    try:
        if mode != 0o600 and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _replace(tmp: Path, path: Path) -> None:
    try:
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes, *, new_mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically and durably (see the module docstring).

    A new file gets ``new_mode`` (default: the usual permissions, ``0o666`` less the
    umask); a replaced regular file keeps its own permission bits.
    """
    path = Path(path)
    try:
        info = path.stat()  # follows a link: what matters is what it points to
    except FileNotFoundError:
        info = None
    if info is not None and (not stat.S_ISREG(info.st_mode) or _is_stream(path)):
        _write_in_place(path, data)
        return
    if path.is_symlink():  # replace the file it points to, and keep the link
        path = Path(os.path.realpath(path))
    mode = stat.S_IMODE(info.st_mode) if info is not None else new_mode
    _replace(_write_temp(path, iter((data,)), _umask_mode() if mode is None else mode), path)


def _is_stream(path: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/1`` and the like: a process's own open file, even when
    that is a regular file (``> out.txt``), which must be written, not replaced."""
    absolute = str(Path(path).absolute())
    if absolute in ("/dev/stdout", "/dev/stderr") or absolute.startswith("/dev/fd/"):
        return True
    return os.path.realpath(path).startswith("/proc/")


def _write_in_place(path: Path, data: bytes) -> None:
    """Write to a device, FIFO or stream as it is; a FIFO nobody reads is an error, not a
    hang.  Appending keeps what a ``>>`` redirection already holds."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if e.errno == errno.ENXIO:  # a FIFO with no reader
            raise OSError(e.errno, "nothing is reading from that FIFO", str(path)) from None
        raise
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def copy_then_append_atomically(path: Path, source: Path, length: int, extra: bytes) -> int:
    """Atomically replace ``path`` with the first ``length`` bytes of ``source`` plus ``extra``.

    Returns the new size.  ``source`` may be ``path`` itself (it is read before the swap).
    """

    def chunks() -> Iterator[bytes]:
        if length:
            with source.open("rb") as f:
                left = length
                while left:
                    block = f.read(min(left, 1 << 20))
                    if not block:
                        raise OSError(f"{source} is shorter than expected")
                    left -= len(block)
                    yield block
        yield extra

    _replace(_write_temp(path, chunks()), path)
    return length + len(extra)


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files for ``path`` left behind by a killed writer.

    Only call this while holding the lock: then no other writer can be using one.
    """
    prefix = _temp_prefix(path)
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(_TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()


def repair_tail(path: Path, complete: Callable[[bytes], bool] | None = None) -> int:
    """Mend the end of a line-based file before appending; return its size after.

    A final line without its newline was cut short by a kill: it is cut off.  If
    ``complete(line)`` says it is whole after all (only the newline is missing, as after a
    hand edit), the newline is added instead.  Returns 0 when the file does not exist.
    Only scans back from the end, so the cost does not grow with the length of the file.
    """
    try:
        f = path.open("r+b")
    except FileNotFoundError:
        return 0
    with f:
        size = f.seek(0, os.SEEK_END)
        keep = 0
        end = size
        while end > 0:
            start = max(0, end - 65536)
            f.seek(start)
            at = f.read(end - start).rfind(b"\n")
            if at >= 0:
                keep = start + at + 1
                break
            end = start
        if keep == size:
            return size
        f.seek(keep)
        if complete is not None and complete(f.read()):
            f.write(b"\n")
            size += 1
        else:
            f.truncate(keep)
            size = keep
        f.flush()
        os.fsync(f.fileno())
        return size


def append_line(path: Path, line: bytes) -> int:
    """Append one newline-terminated ``line`` to ``path`` durably; return the new size."""
    if not line.endswith(b"\n"):
        raise ValueError("a log line must end with a newline")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        view = memoryview(line)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        return os.fstat(fd).st_size
    finally:
        os.close(fd)


@contextlib.contextmanager
def file_lock(
    path: Path, *, shared: bool = False, timeout: float = 60.0, create: bool = True
) -> Iterator[None]:
    """Hold a lock on ``path`` (created if missing and ``create``) for the block.

    Writers take it exclusively; readers take it shared so they never see a half-done
    multi-file update.  Where only exclusive locks exist, readers take that.  Raises
    TimeoutError if the lock is still held by someone else after ``timeout`` seconds,
    FileNotFoundError when it is missing and not ``create``, and OSError (ELOOP) when it
    is a symbolic link: a link is never followed.
    """
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        with _msvcrt_lock(path, timeout):
            yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - platforms with neither fcntl nor msvcrt
        with _exclusive_file_lock(path, timeout):
            yield
        return
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT if create else 0)
    fd = os.open(path, flags, 0o600)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        deadline = time.monotonic() + timeout
        pause = 0.0005
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(_stuck(path, timeout)) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _stuck(path: Path, timeout: float) -> str:
    return (
        f"{path} stayed locked for {timeout:.0f} s; is another powerquiz stopped "
        "(Ctrl-Z) in the middle of saving?"
    )


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only

    @contextlib.contextmanager
    def _msvcrt_lock(path: Path, timeout: float) -> Iterator[None]:
        import msvcrt

        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    os.lseek(fd, 0, os.SEEK_SET)
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(_stuck(path, timeout)) from None
                    time.sleep(0.01)
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _exclusive_file_lock(path: Path, timeout: float) -> Iterator[None]:  # pragma: no cover
    """Fallback lock: the lock file itself exists only while someone holds the lock."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{path} stayed locked for {timeout:.0f} s; if no other powerquiz is "
                    "running, delete it"
                ) from None
            time.sleep(0.01)
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
