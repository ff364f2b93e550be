"""Explain questions in every export: essays with the scheme, cards, worksheets, lossless files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.bank.loader import parse
from powerquiz.bank.model import Question
from powerquiz.exports import export
from powerquiz.exports.anki import note_for
from powerquiz.exports.csv_bank import read_csv
from powerquiz.exports.quizlet import card
from powerquiz.exports.worksheet import LINES_PER_MARK, layout

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def bank() -> Bank:
    """The worked example, with a bank-wide synonym added so it travels too."""
    text = (DATA / "explain_example.yaml").read_text(encoding="utf-8")
    text = text.replace("questions:", "synonyms: {heir: [successor]}\nquestions:", 1)
    found, problems = parse(text, "example.yaml")
    assert found is not None, [str(p) for p in problems]
    return found


def question(bank: Bank) -> Question:
    return bank.questions[0]


class TestEssays:
    """Moodle and GIFT write an essay with the scheme for the grader."""

    def test_moodle_grader_information_holds_the_scheme(self, bank: Bank) -> None:
        """The Moodle essay's graderinfo has each credit and the model answer."""
        xml = str(export(bank, "moodle", bank.questions).data)
        assert '<question type="essay">' in xml
        info = xml[xml.index("<graderinfo"):xml.index("</graderinfo>")]
        assert "Mark scheme (4 marks, at most 2 points)" in info
        assert "<li>He presented himself as Lenin's true heir (1 mark): true heir" in info
        assert "not for: Trotsky was chief mourner" in info
        assert "<strong>Model answer:</strong>" in info

    def test_gift_essay(self, bank: Bank) -> None:
        """GIFT writes an essay {} whose feedback holds the model answer and scheme."""
        gift = str(export(bank, "gift", bank.questions).data)
        assert "Model answer" in gift and "Mark scheme" in gift
        assert gift.rstrip().endswith("}")


class TestCards:
    """Anki and Quizlet: the prompt on the front, the model answer on the back."""

    def test_quizlet(self, bank: Bank) -> None:
        """Quizlet's card is (prompt, model answer)."""
        q = question(bank)
        assert card(q) == (q.prompt, q.model_answer.replace("\n", " ").strip())

    def test_anki_back_has_the_answer_and_the_scheme(self, bank: Bank) -> None:
        """The Anki note's back holds the model answer and each scheme entry."""
        genanki = pytest.importorskip("genanki")
        from powerquiz.exports.anki import _models

        note = note_for(genanki, _models(genanki), bank, question(bank))
        assert "Describe two ways" in note.fields[0]
        assert "chief mourner" in note.fields[1] and "Mark scheme" in note.fields[1]


class TestWorksheet:
    """The worksheet gives writing lines by the marks, and the scheme in the key."""

    def test_lines_follow_the_marks_and_the_key_has_the_scheme(self, bank: Bank) -> None:
        """4 marks give 4 x LINES_PER_MARK lines; the key lists the model answer and scheme."""
        shown, key = layout(bank, question(bank), 1)
        assert shown.lines == 4 * LINES_PER_MARK
        assert "Write your answer (4 marks)." in shown.instruction
        assert key.answer[0] == question(bank).model_answer
        assert any("He presented himself as Lenin's true heir" in line for line in key.answer)


class TestLossless:
    """CSV and JSON keep every field, the bank's synonyms too."""

    def test_csv_round_trip(self, bank: Bank) -> None:
        """Reading the CSV back gives the same question and synonyms."""
        again = read_csv(str(export(bank, "csv", bank.questions).data))
        assert again.questions[0].to_dict() == question(bank).to_dict()
        assert again.synonyms == bank.synonyms

    def test_json_round_trip(self, bank: Bank) -> None:
        """The JSON document parses back to the same question and synonyms."""
        doc = json.loads(str(export(bank, "json", bank.questions).data))
        again, problems = parse(json.dumps(doc), "again.json")
        assert again is not None, [str(p) for p in problems]
        assert again.questions[0].to_dict() == question(bank).to_dict()
        assert again.synonyms == bank.synonyms


def test_the_bundled_bank_exports_everywhere() -> None:
    """Every text format writes the bundled bank, explain questions included."""
    bundled = load_bank(DATA.parent.parent / "data" / "questions.yaml")
    for fmt in ("moodle", "gift", "quizlet", "csv", "json", "markdown", "html"):
        assert export(bundled, fmt, bundled.questions).data, fmt
