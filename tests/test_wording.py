"""The shared text rules in :mod:`powerquiz.bank.wording`."""

from __future__ import annotations

import pytest

from powerquiz.bank.wording import counted, first_control, json_kind, letter, one_line, visible


def test_one_line_folds_whitespace() -> None:
    """Tabs, newlines and runs of spaces become one space, ends trimmed."""
    assert one_line("  a\tb\n\nc  d ") == "a b c d"


@pytest.mark.parametrize(("index", "label"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB")])
def test_letter_counts_like_a_spreadsheet(index: int, label: str) -> None:
    """Choice labels run A…Z, then AA, AB…"""
    assert letter(index) == label


@pytest.mark.parametrize(
    ("value", "kind"),
    [(None, "null"), (True, "true/false"), (3, "a number"), ([], "a list"), ("", "text"),
     ({}, "an object")],
)
def test_json_kind_names_each_json_value(value: object, kind: str) -> None:
    """Each JSON value has its plain-English name; true/false is not a number."""
    assert json_kind(value) == kind


def test_visible_escapes_esc_and_c1_but_keeps_newlines() -> None:
    """ESC, BEL and C1 controls are shown escaped; tab and newline stay."""
    assert visible("a\x1b]0;x\x07\nb\tc\x9b") == "a\\x1b]0;x\\x07\nb\tc\\x9b"


def test_visible_on_one_line_escapes_newlines_too() -> None:
    """With keep_newlines off, a newline is escaped as well."""
    assert visible("a\nb", keep_newlines=False) == "a\\x0ab"


def test_first_control_finds_the_first_one() -> None:
    """The index of the first control character, or -1 when there is none."""
    assert first_control("ab\x1bc") == 2
    assert first_control("plain\ttext\n") == -1


@pytest.mark.parametrize(("n", "text"), [(0, "0 questions"), (1, "1 question"),
                                         (2, "2 questions")])
def test_counted_says_one_in_the_singular(n: int, text: str) -> None:
    """counted() puts the noun in the singular for exactly one, else the plural."""
    assert counted(n, "question") == text


def test_counted_takes_an_irregular_plural() -> None:
    """counted() uses the plural it is given."""
    assert counted(2, "child", "children") == "2 children"
