"""A character diff of what was typed against what was meant, for typo feedback."""

from __future__ import annotations

import difflib
from typing import Literal

Op = Literal["same", "missing", "extra"]


def char_diff(typed: str, meant: str) -> list[tuple[Op, str]]:
    """Runs of characters: kept, missing from what was typed, or typed in excess."""
    out: list[tuple[Op, str]] = []
    # Case does not count in marking, so it does not count here either (when folding
    # case keeps every string the same length, which it does outside a few scripts).
    a, b = typed.lower(), meant.lower()
    if len(a) != len(typed) or len(b) != len(meant):
        a, b = typed, meant
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("same", typed[a0:a1]))
            continue
        if a1 > a0:
            out.append(("extra", typed[a0:a1]))
        if b1 > b0:
            out.append(("missing", meant[b0:b1]))
    return out


def plain_diff(typed: str, meant: str) -> str:
    """``Buk[+h]arin``: what to add in [+…], what to drop in [-…]."""
    marks = {"same": "{}", "missing": "[+{}]", "extra": "[-{}]"}
    return "".join(marks[op].format(text) for op, text in char_diff(typed, meant))
