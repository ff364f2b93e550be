"""The error raised when a format needs an optional package that is not installed.

Formats import their heavy dependencies inside the function that uses them and turn
an ``ImportError`` into :class:`MissingDependency`, whose message is the fix.
"""

from __future__ import annotations


class MissingDependency(RuntimeError):
    """An optional package a format needs is missing; the message says how to install it."""

    def __init__(self, package: str, extra: str, fmt: str) -> None:
        self.package = package
        self.extra = extra
        self.fmt = fmt
        super().__init__(
            f"the {fmt} export needs the '{package}' package, which is not installed: "
            f"pip install 'powerquiz[{extra}]'"
        )
