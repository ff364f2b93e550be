"""Text input: UTF-8 decoding with a located message, and FILE:LINE:COL places."""

from __future__ import annotations

from powerquiz.imports.base import ImportFailure


def decode_text(data: bytes, source: str) -> str:
    """``data`` as UTF-8 text (a byte-order mark is dropped), or a located ImportFailure."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ImportFailure(f"{source}:{line}:{col}",
                            f"byte 0x{data[exc.start]:02x} is not UTF-8 text: save the "
                            "file as UTF-8 and import it again") from None


def place(source: str, text: str, index: int) -> str:
    """``FILE:LINE:COL`` of the character at ``index`` of ``text`` (1-based, as editors)."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{source}:{line}:{col}"
