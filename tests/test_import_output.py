"""The YAML an import writes: a teacher's layout, a header, and only valid questions."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import pytest

from powerquiz.bank.loader import parse
from powerquiz.imports import ImportFailure, read_bytes
from powerquiz.imports.yamlout import to_yaml

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)


class TestYamlText:
    """Block style, one question after another, a header saying where it came from."""

    def test_layout_and_header(self) -> None:
        """The header names the file, the format and the time; questions are blocks."""
        result = read_bytes(b"Who?\tLenin\nWhen?\t1917\n", "cards.txt")
        text, _ = to_yaml(result, "cards.txt", WHEN)
        assert text.startswith("# Imported by 'powerquiz import' from cards.txt (quizlet) "
                               "on 2026-12-01 09:30 UTC.\n")
        assert "\nquestions:\n\n  - id: who\n    topic: flashcards\n    type: short\n" in text
        assert "\n\n  - id: when\n" in text
        assert "{" not in text and "[" not in text  # no flow style

    def test_several_lines_are_a_literal_block(self) -> None:
        """A text of several lines is written as a ``|`` block, as a teacher would."""
        result = read_bytes(b"::q:: [html]Why?<br>Say.{=Because}", "q.gift")
        text, _ = to_yaml(result, "q.gift", WHEN)
        assert "prompt: |-\n      Why?\n      Say.\n" in text

    def test_the_text_loads_with_no_error(self) -> None:
        """What is written is a bank the loader accepts."""
        result = read_bytes(b"::a:: Which? {=x ~y}\n\n::b:: True? {T}\n", "q.gift")
        text, _ = to_yaml(result, "q.gift", WHEN)
        bank, problems = parse(text, "out.yaml")
        assert bank is not None and not [p for p in problems if p.is_error]
        assert [q.id for q in bank.questions] == ["a", "b"]

    def test_a_question_the_loader_refuses_is_skipped_by_name(self) -> None:
        """A choice listing one option twice is dropped, with the loader's reason."""
        result = read_bytes(b"::a:: Which? {=same ~same ~other}\n\n::b:: Fine? {=yes ~no}\n",
                            "dup.gift")
        text, checked = to_yaml(result, "dup.gift", WHEN)
        assert [q.id for q in checked.bank.questions] == ["b"]
        (reason,) = checked.skipped
        assert "listed twice" in reason and checked.skipped[reason] == ["a"]
        assert "id: a\n" not in text


class TestKahootFiles:
    """Workbooks that are not Kahoot templates are named plainly."""

    def _xlsx(self, sheet: bytes | None) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("xl/workbook.xml", b"<workbook/>")
            if sheet is not None:
                z.writestr("xl/worksheets/sheet1.xml", sheet)
        return out.getvalue()

    def test_no_worksheet(self) -> None:
        """A workbook with no first sheet says so."""
        with pytest.raises(ImportFailure, match="no first worksheet"):
            read_bytes(self._xlsx(None), "k.xlsx")

    def test_not_a_template(self) -> None:
        """A sheet with no Kahoot header row is not a Kahoot template."""
        sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hi</t></is></c></row>'
                 b"</sheetData></worksheet>")
        with pytest.raises(ImportFailure, match="not a Kahoot template"):
            read_bytes(self._xlsx(sheet), "k.xlsx")

    def test_entities_in_a_sheet_are_refused(self) -> None:
        """The sheet's XML is parsed safely too."""
        sheet = b'<!DOCTYPE w [<!ENTITY a "x">]><worksheet>&a;</worksheet>'
        with pytest.raises(ImportFailure, match="not safe, well-formed XML"):
            read_bytes(self._xlsx(sheet), "k.xlsx")
