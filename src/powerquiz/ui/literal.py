"""Untrusted text made safe for rich: literal, never markup, control characters escaped.

Everything that comes from a bank, a progress file or a student goes through here on its
way to a rich console: ``[sic]`` stays ``[sic]``, ``[/b]`` cannot raise a MarkupError,
``[link=...]`` is not a link, and ESC is shown as ``\\x1b`` instead of driving the terminal.
"""

from __future__ import annotations

from rich.text import Text

from powerquiz.bank.wording import one_line, visible

__all__ = ["cell", "literal"]


def literal(text: str, style: str = "") -> Text:
    """``text`` as it is, with its control characters shown escaped."""
    return Text(visible(text), style=style)


def cell(text: str, style: str = "") -> Text:
    """:func:`literal` on one line, for a table cell or a title.

    Controls are escaped before the line is joined, so a NEL (U+0085) shows as ``\\x85``
    here as it does everywhere else, instead of passing for a space.
    """
    return Text(one_line(visible(text)), style=style)
