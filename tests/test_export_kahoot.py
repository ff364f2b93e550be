"""The Kahoot export: Kahoot's spreadsheet template, read back with openpyxl."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest

from powerquiz.bank import Bank
from powerquiz.exports import kahoot
from powerquiz.exports.common import MissingDependency

HOSTILE = """\
bank: hostile
title: Hostile
topics:
  evil: Evil
questions:
  - id: formula
    topic: evil
    type: choice
    prompt: '=HYPERLINK("http://x")'
    options: ["+1", "-1", "@me", "<script>alert(1)</script>"]
    answer: "-1"
    explain: e
  - id: long-question
    topic: evil
    type: truefalse
    prompt: "{long}"
    answer: false
    explain: e
  - id: long-answer
    topic: evil
    type: choice
    prompt: Which?
    options: ["{answer}", "short"]
    answer: short
    explain: e
  - id: five-options
    topic: evil
    type: multi
    prompt: Which?
    options: [a, b, c, d, e]
    answer: [a, e]
    explain: e
""".replace("{long}", "Q" * 121).replace("{answer}", "A" * 76)


@pytest.fixture
def hostile(make_bank: Callable[[str], Bank]) -> Bank:
    return make_bank(HOSTILE)


def sheet(data: str | bytes) -> Any:
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data)).active


def table(data: str | bytes) -> list[list[Any]]:
    """The question rows (from row 9), columns A to H."""
    ws = sheet(data)
    return [[ws.cell(row, col).value for col in range(1, 9)]
            for row in range(9, ws.max_row + 1)]


class TestTemplate:
    """Kahoot workbook template: header row, notes above the table, binary format."""
    def test_header_row_eight(self, mini: Bank) -> None:
        """Row 8 holds Kahoot's column titles from column B, column A left empty."""
        ws = sheet(kahoot.export(mini, mini.questions).data)
        assert [ws.cell(8, col).value for col in range(1, 9)] == [
            None,
            "Question - max 120 characters",
            "Answer 1 - max 75 characters",
            "Answer 2 - max 75 characters",
            "Answer 3 - max 75 characters",
            "Answer 4 - max 75 characters",
            "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
            "Correct answer(s) - choose at least one",
        ]

    def test_notes_above_the_table(self, mini: Bank) -> None:
        """The title and notes sit in column B above the table, as in Kahoot's template."""
        ws = sheet(kahoot.export(mini, mini.questions).data)
        assert ws["B2"].value == "Quiz template"
        assert ws["B3"].value == mini.title
        assert ws["A1"].value is None and ws["B7"].value is None

    def test_binary_format_needing_the_extra(self) -> None:
        """The format is binary, .xlsx, and needs the kahoot extra."""
        assert (kahoot.FORMAT.binary, kahoot.FORMAT.suffix, kahoot.FORMAT.needs) == (
            True, ".xlsx", "kahoot")


class TestQuestions:
    """Kahoot question rows: answers, correct numbers, time limit and skips."""
    def test_rows_with_correct_numbers(self, mini: Bank) -> None:
        """Each exported question has its answers, 20 seconds and its correct answer numbers."""
        assert table(kahoot.export(mini, mini.questions).data) == [
            [1, "In which year was the Left removed from the Politburo?", "1924", "1926",
             "1928", "1929–1930", 20, 2],
            [2, "Who were on the Left?", "Trotsky", "Zinoviev", "Kamenev", "Bukharin", 20,
             "1,2,3"],
            [3, "The Right wanted NEP kept.", "True", "False", None, None, 20, 1],
        ]

    def test_numbers_stay_text(self, mini: Bank) -> None:
        """Answers that look like numbers are written as text, exactly as in the bank."""
        ws = sheet(kahoot.export(mini, mini.questions).data)
        assert ws["C9"].data_type == "s"
        assert ws["C9"].value == "1924"

    def test_time_limit_allowed_value(self, mini: Bank) -> None:
        """The default time limit is one Kahoot allows."""
        assert kahoot.TIME_LIMIT in kahoot.TIME_LIMITS
        assert kahoot.TIME_LIMIT == 20

    def test_other_types_skipped(self, mini: Bank) -> None:
        """Types Kahoot cannot hold are skipped with a reason naming their ids."""
        result = kahoot.export(mini, mini.questions)
        assert result.count == 3
        assert [s.ids for s in result.skipped] == [
            ("right-opposition-members", "sequence", "sides", "cloze-one", "recall-one")]
        assert "multiple-choice and true/false" in result.skipped[0].reason

    def test_more_than_four_options_skipped(self, hostile: Bank) -> None:
        """A question with five options is skipped, naming Kahoot's limit of four answers."""
        result = kahoot.export(hostile, hostile.questions)
        reasons = {s.reason: s.ids for s in result.skipped}
        assert reasons == {"more than 4 options; Kahoot holds 4 answers": ("five-options",)}


class TestWarnings:
    """Kahoot length warnings: over-long questions and answers named, kept whole."""
    def test_over_length_named(self, hostile: Bank) -> None:
        """A question over 120 characters and an answer over 75 are each named in a warning."""
        result = kahoot.export(hostile, hostile.questions)
        assert len(result.warnings) == 2
        question, answer = result.warnings
        assert "over 120 characters" in question and "long-question" in question
        assert "over 75 characters" in answer and "long-answer" in answer
        assert "formula" not in question + answer

    def test_long_text_kept_whole(self, hostile: Bank) -> None:
        """Over-long text is written whole, for the teacher to shorten."""
        rows = table(kahoot.export(hostile, hostile.questions).data)
        assert rows[1][1] == "Q" * 121
        assert rows[2][2] == "A" * 76

    def test_no_warnings_within_limits(self, mini: Bank) -> None:
        """Questions within Kahoot's limits give no warning."""
        assert kahoot.export(mini, mini.questions).warnings == ()


class TestHostileText:
    """Kahoot cells with hostile text: formulas neutralised as plain string cells."""
    def test_formulas_neutralised(self, hostile: Bank) -> None:
        """Cells starting with = + - @ are string cells, never formulas, and keep their text."""
        ws = sheet(kahoot.export(hostile, hostile.questions).data)
        assert ws["B9"].value == "=HYPERLINK(\"http://x\")"
        assert ws["B9"].data_type == "s"
        assert [ws.cell(9, col).value for col in range(3, 7)] == [
            "+1", "-1", "@me", "<script>alert(1)</script>"]
        assert {ws.cell(9, col).data_type for col in range(3, 7)} == {"s"}
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"

    def test_no_visible_apostrophe_in_text_cells(self,
                                                 make_bank: Callable[[str], Bank]) -> None:
        """D16: options -1, +B, =A reach Kahoot as written: an xlsx string cell needs no '."""
        bank = make_bank(
            "bank: d16\ntitle: '=Title'\ntopics: {t: T}\nquestions:\n"
            "  - {id: q, topic: t, type: choice, prompt: '-pick', options: ['-1', '+B', '=A'],"
            " answer: '=A', explain: e}\n")
        ws = sheet(kahoot.export(bank, bank.questions).data)
        assert [ws.cell(9, col).value for col in range(2, 6)] == ["-pick", "-1", "+B", "=A"]
        assert ws["B3"].value == "=Title"
        assert not any(str(c.value).startswith("'") for row in ws.iter_rows() for c in row
                       if c.value is not None)


class TestMissingDependency:
    """Kahoot export without xlsxwriter: the error names the extra to install."""
    def test_clear_error_without_xlsxwriter(self, mini: Bank,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
        """Without xlsxwriter the export says which extra to install."""
        monkeypatch.setitem(sys.modules, "xlsxwriter", None)
        with pytest.raises(MissingDependency, match=r"pip install 'powerquiz\[kahoot\]'"):
            kahoot.export(mini, mini.questions)
