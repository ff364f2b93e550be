"""Small text rules every layer shares, each written once.

- :func:`one_line`: any text on one line, for table cells and CSV rows;
- :data:`TRUE_WORDS` / :data:`FALSE_WORDS`: the words a student may type for true/false;
- :func:`letter`: the label of a choice (A, B, … Z, AA, …);
- :func:`json_kind`: how a JSON value is called in a message;
- :data:`CONTROL` / :func:`visible`: control characters (C0 and C1, ESC above all), which a
  bank may not hold and which are shown escaped wherever they still reach the screen, so
  no text from a bank, a progress file or a student can drive the terminal.
"""

from __future__ import annotations

import re

TRUE_WORDS = frozenset({"true", "t", "yes", "y"})
FALSE_WORDS = frozenset({"false", "f", "no", "n"})

#: C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The same, with tab and newline too: for text that must stay on one line.
CONTROL_ANY = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` on one line: tabs, newlines and runs of spaces become single spaces."""
    return " ".join(text.split())


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is one: "1 question", "3 questions"."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def letter(index: int) -> str:
    """The label of the ``index``-th choice (0-based): A, B, … Z, AA, AB, …"""
    label = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def json_kind(value: object) -> str:
    """How a JSON value is called in a message: "null", "a list", "text"…"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), never raw.

    Tab and newline are kept unless ``keep_newlines`` is false.
    """
    pattern = CONTROL if keep_newlines else CONTROL_ANY
    return pattern.sub(_escape, text) if pattern.search(text) else text


def first_control(text: str) -> int:
    """The index of the first control character in ``text`` (tab and newline allowed), or -1."""
    found = CONTROL.search(text)
    return found.start() if found else -1
