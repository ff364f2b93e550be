"""Reading the append-only review log: whole lines, a torn last line, a stale mark each.

The log is read through :func:`powerquiz.progress.files.read_capped`, so a link, a FIFO
or a device is never read.  A final line without its newline is either a whole review
missing only its newline (kept) or a line torn by a kill (ignored by readers, cut off by
the next writer, but only once it has been checked to be a torn review line: a foreign
file is never cut).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from powerquiz.bank.collector import collector_paused
from powerquiz.progress.files import LOG_CAP, read_capped
from powerquiz.progress.jsonio import parse_line, parse_written_line
from powerquiz.progress.records import Review

__all__ = ["LogRead", "NotALine", "is_whole", "read_log"]


class NotALine(ValueError):
    """A log line is damaged; the message locates it."""


@dataclass(frozen=True)
class LogRead:
    """The whole lines read from one offset of the log."""

    #: Each review with its stale mark, in log order.
    reviews: list[tuple[Review, bool]]
    #: The offset just past the last whole line read.
    end: int
    #: The size of the log file (0 when it does not exist).
    size: int
    #: A torn final line (without its newline) that readers ignore.
    torn: bytes = b""
    #: The file does not end with a newline (a torn line, or a whole one missing it).
    unterminated: bool = False


def is_whole(line: bytes) -> bool:
    """Whether a final line without a newline is a whole review rather than a torn one."""
    if not line.strip():
        return False
    try:
        parse_line(line, "the last line")
    except ValueError:
        return False
    return True


def read_log(path: Path, start: int, *, check_boundary: bool = False) -> LogRead:
    """Parse the log's whole lines from byte ``start``; NotALine for a damaged one.

    With ``check_boundary``, ``start`` must be the end of a line (ValueError otherwise).
    Refused (from :mod:`~powerquiz.progress.files`) or OSError when it cannot be read.
    """
    origin = start - 1 if check_boundary and start > 0 else start
    data = read_capped(path, LOG_CAP, origin)
    if data is None:
        return LogRead([], start, 0)
    if origin != start:
        if data[:1] != b"\n":
            raise ValueError(f'"log_bytes" {start} is not the end of a line')
        data = data[1:]
    end = data.rfind(b"\n") + 1
    with collector_paused():
        result = _parse_lines(data[:end], start)
    torn = data[end:]
    unterminated = bool(torn)
    if is_whole(torn):  # a last line missing only its newline
        result.append(parse_line(torn, "the last line"))
        end, torn = len(data), b""
    return LogRead(result, start + end, start + len(data), torn, unterminated)


def _parse_lines(data: bytes, start: int) -> list[tuple[Review, bool]]:
    """Each whole line of ``data`` (read from byte ``start``) parsed once, in order."""
    result: list[tuple[Review, bool]] = []
    append = result.append
    offset = start
    for number, line in enumerate(data.split(b"\n")[:-1], start=1):
        here = offset
        offset += len(line) + 1
        written = parse_written_line(line)
        if written is not None:
            append(written)
            continue
        try:
            append(parse_line(line, ""))
        except ValueError:
            if not line.strip():
                continue
            where = f"line {number}" if start == 0 else f"the line at byte {here}"
            try:  # parse it again only to say, in words, where and what is wrong
                append(parse_line(line, where))
            except ValueError as e:
                raise NotALine(str(e)) from None
    return result


