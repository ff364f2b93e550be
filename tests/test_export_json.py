"""The JSON export: the bank format as JSON, marked with its version."""

from __future__ import annotations

import dataclasses
import json

from powerquiz.bank import Bank
from powerquiz.bank.loader import parse
from powerquiz.exports import load_format
from powerquiz.exports.json_bank import FORMAT_MARKER, export


class TestJsonDocument:
    """JSON export: format marker, to_dict content, selection, formatting and read-back."""
    def test_marker_comes_first(self, mini: Bank) -> None:
        """The document starts with the powerquiz-bank/1 format marker."""
        doc = json.loads(str(export(mini, mini.questions).data))
        assert next(iter(doc)) == "format"
        assert doc["format"] == FORMAT_MARKER == "powerquiz-bank/1"

    def test_holds_the_bank_as_to_dict(self, mini: Bank) -> None:
        """Apart from the marker, the document is the bank's to_dict()."""
        doc = json.loads(str(export(mini, mini.questions).data))
        del doc["format"]
        assert doc == mini.to_dict()

    def test_only_selected_questions(self, mini: Bank) -> None:
        """Only the selected questions are written, with every topic and point kept."""
        chosen = mini.select(types=["choice", "cloze"])
        result = export(mini, chosen)
        doc = json.loads(str(result.data))
        assert [q["id"] for q in doc["questions"]] == [q.id for q in chosen]
        assert doc["topics"] == mini.to_dict()["topics"]
        assert doc["points"] == mini.to_dict()["points"]
        assert result.count == len(chosen)
        assert result.skipped == ()

    def test_pretty_utf8_with_final_newline(self, mini: Bank) -> None:
        """The text is indented, keeps non-ASCII characters as they are, and ends in a newline."""
        text = str(export(mini, mini.questions).data)
        assert text.endswith("}\n")
        assert '\n  "bank": "mini"' in text
        assert "1929–1930" in text
        assert "\\u2013" not in text

    def test_reads_back_through_the_loader(self, mini: Bank) -> None:
        """Without the marker, the JSON is a bank the YAML loader reads back unchanged."""
        doc = json.loads(str(export(mini, mini.questions).data))
        del doc["format"]
        again, problems = parse(json.dumps(doc, ensure_ascii=False), "again.json")
        assert again is not None, problems
        assert again.to_dict() == mini.to_dict()

    def test_registered_as_text_format(self) -> None:
        """The registry gives the json format as text with a .json suffix."""
        fmt, run = load_format("json")
        assert (fmt.name, fmt.suffix, fmt.binary) == ("json", ".json", False)
        assert run is export

    def test_empty_description_left_out(self, mini: Bank) -> None:
        """A bank with a description keeps it; one without has no description key."""
        described = dataclasses.replace(mini, description="For <b>revision</b>")
        doc = json.loads(str(export(described, described.questions).data))
        assert doc["description"] == "For <b>revision</b>"
        assert "description" not in json.loads(str(export(mini, mini.questions).data))
