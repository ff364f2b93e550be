"""Every export format says, for every question type, how it writes it or why it cannot."""

from __future__ import annotations

import pytest

from powerquiz.bank.model import QUESTION_TYPES
from powerquiz.exports import format_names, format_table, formats


class TestTypeTables:
    """Each format's TYPES table covers exactly the question types the bank format has."""

    @pytest.mark.parametrize("fmt", format_names())
    def test_every_type_has_an_entry(self, fmt: str) -> None:
        """The format's table names every question type, and nothing else."""
        assert set(format_table(fmt)) == set(QUESTION_TYPES)

    @pytest.mark.parametrize("fmt", format_names())
    def test_entries_are_writers_or_reasons(self, fmt: str) -> None:
        """Each entry is a function that writes the type, or a plain-English reason."""
        for qtype, entry in format_table(fmt).items():
            if isinstance(entry, str):
                assert len(entry.split()) >= 4, f"{fmt}: reason for {qtype} too short: {entry!r}"
            else:
                assert callable(entry), f"{fmt}: {qtype} entry is neither writer nor reason"

    def test_formats_that_hold_every_type(self) -> None:
        """The formats said to hold every type have a writer for each one."""
        for fmt in ("anki", "quizlet", "csv", "html", "markdown", "json", "moodle"):
            assert not [t for t, e in format_table(fmt).items() if isinstance(e, str)], fmt


class TestRegistry:
    """The format registry: each module declares its own name, summary and suffix."""

    def test_each_format_declares_itself(self) -> None:
        """formats() gives every format, in order, with a summary and a suffix."""
        described = formats()
        assert [f.name for f in described] == format_names()
        assert all(f.summary and f.suffix.startswith(".") for f in described)

    def test_binary_formats_need_a_file(self) -> None:
        """Only anki and kahoot cannot go to standard output."""
        assert {f.name for f in formats() if f.needs_file} == {"anki", "kahoot"}
