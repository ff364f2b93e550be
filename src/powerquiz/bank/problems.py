"""Located problems in a bank file, and the error that carries them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a bank, at a place in its file."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class BankError(Exception):
    """A bank could not be loaded; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.is_error] or problems
        super().__init__("\n".join(str(p) for p in errors))


#: Above this many choices, only those of a similar length are compared (difflib is
#: quadratic in each pair; 20,000 topics would take a minute per unknown topic).
_CLOSE_LIMIT = 500


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing.

    Bounded: with many choices, only those within a third of ``word``'s length are
    compared, and at most :data:`_CLOSE_LIMIT` of them.
    """
    pool = list(choices)
    if len(pool) > _CLOSE_LIMIT:
        slack = max(2, len(word) // 3)
        pool = [c for c in pool if abs(len(c) - len(word)) <= slack][:_CLOSE_LIMIT]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean {quote(close[0])}?)" if close else ""


def quote(value: str, width: int = 60) -> str:
    """``'value'`` for a message: on one line (escapes shown) and cut short if long."""
    return repr(value if len(value) <= width else value[: width - 1] + "…")


_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
    "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
    "SUB", "ESC", "FS", "GS", "RS", "US",
)
_C1_NAMES = {0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC", 0x90: "DCS", 0x9C: "ST"}


def control_name(char: str) -> str:
    """``ESC, \\x1b``: a control character's name and escape, for a message."""
    code = ord(char)
    name = _C0_NAMES[code] if code < 0x20 else _C1_NAMES.get(code, "a C1 control")
    return f"{name}, \\x{code:02x}"


def control_problem(what: str, char: str) -> str:
    """The message for a control character found in ``what``."""
    return (f"{what} holds a control character ({control_name(char)}); "
            "banks may not hold control characters")
