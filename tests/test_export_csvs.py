"""The CSV-shaped exports: Blooket, Gimkit, Quizlet, and the whole bank as a spreadsheet."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerquiz.bank import Bank, BankError, load_bank
from powerquiz.bank.model import Question, WrongAnswer
from powerquiz.exports import blooket, csv_bank, gimkit, quizlet

HOSTILE = """\
bank: hostile
title: '=HYPERLINK("http://x")'
description: "+cmd|' /C calc'!A0"
topics:
  evil: "-2+3 <script>alert(1)</script>"
points:
  - id: at-point
    topic: evil
    text: "@SUM(1+1)"
questions:
  - id: formula
    topic: evil
    type: choice
    prompt: '=HYPERLINK("http://x")'
    options: ["+1", "-1", "@me", "'quoted", "{=~#:}"]
    answer: "-1"
    explain: "{=~#:} <script>alert(1)</script>"
    points: [at-point]
    tags: [cold war, "=x"]
  - id: tf-formula
    topic: evil
    type: truefalse
    prompt: "-1 is less than 0"
    answer: true
  - id: short-formula
    topic: evil
    type: short
    prompt: "@who"
    answer: "=1+1"
    accept: ["+2"]
    wrong: {"-2": "=wrong", "@x": null}
    hint: "'already quoted"
  - id: multi-line
    topic: evil
    type: multi
    prompt: |
      First line	with a tab
      second line
    options: ["[a]", '"b"', "true", "c"]
    answer: ["[a]", "true"]
  - id: cloze-formula
    topic: evil
    type: cloze
    prompt: "=start"
    text: "-{{x|y}} and {{=z}}"
  - id: order-formula
    topic: evil
    type: order
    prompt: order
    items: ["=a", "+b", "-c"]
  - id: match-formula
    topic: evil
    type: match
    prompt: match
    pairs: {"=a": "+b", "@c": "-d"}
  - id: recall-formula
    topic: evil
    type: recall
    prompt: recall
    answer: "=SUM(A1:A9)"
"""

FORMULA_START = ("=", "+", "-", "@")


@pytest.fixture
def hostile(make_bank: Callable[[str], Bank]) -> Bank:
    return make_bank(HOSTILE)


def rows(text: str | bytes) -> list[list[str]]:
    assert isinstance(text, str)
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_no_formula(table: list[list[str]]) -> None:
    for row in table:
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"formula cell {cell!r}"


class TestBlooket:
    """Blooket CSV: template layout, answer numbers, CRLF, skips and cell hygiene."""
    def test_template_layout(self, mini: Bank) -> None:
        """The banner row and the header row are Blooket's, eight columns wide."""
        table = rows(blooket.export(mini, mini.questions).data)
        assert table[0] == ["Blooket\nImport Template"] + [""] * 7
        assert table[1] == [
            "Question #", "Question Text", "Answer 1", "Answer 2", "Answer 3\n(Optional)",
            "Answer 4\n(Optional)", "Time Limit (sec)\n(Max: 300 seconds)",
            "Correct Answer(s)\n(Only include Answer #)",
        ]
        assert all(len(r) == 8 for r in table)

    def test_questions_with_answer_numbers(self, mini: Bank) -> None:
        """Choice, multi and true/false rows carry their answers and the right answer numbers."""
        table = rows(blooket.export(mini, mini.questions).data)[2:]
        assert table == [
            ["1", "In which year was the Left removed from the Politburo?", "1924", "1926",
             "1928", "1929–1930", "20", "2"],
            ["2", "Who were on the Left?", "Trotsky", "Zinoviev", "Kamenev", "Bukharin", "20",
             "1,2,3"],
            ["3", "The Right wanted NEP kept.", "True", "False", "", "", "20", "1"],
        ]

    def test_crlf_line_endings(self, mini: Bank) -> None:
        """Every row ends in CRLF, as Blooket's template does."""
        data = str(blooket.export(mini, mini.questions).data)
        assert data.endswith("\r\n")
        assert data.count("\r\n") == len(rows(data))

    def test_skips_other_types_with_reason(self, mini: Bank) -> None:
        """Questions Blooket cannot hold are skipped with a reason naming their ids."""
        result = blooket.export(mini, mini.questions)
        assert result.count == 3
        assert len(result.skipped) == 1
        assert set(result.skipped[0].ids) == {
            "right-opposition-members", "sequence", "sides", "cloze-one", "recall-one"}
        assert "multiple-choice and true/false" in result.skipped[0].reason

    def test_skips_more_than_four_options(self, hostile: Bank) -> None:
        """A choice question with five options is skipped, naming Blooket's limit of four."""
        result = blooket.export(hostile, hostile.questions)
        reasons = {s.reason: s.ids for s in result.skipped}
        assert reasons["more than 4 options; Blooket holds 4 answers"] == ("formula",)

    def test_formulas_neutralised(self, hostile: Bank) -> None:
        """Cells starting with = + - @ get a leading quote."""
        table = rows(blooket.export(hostile, hostile.questions).data)
        assert_no_formula(table)
        assert ["1", "'-1 is less than 0", "True", "False", "", "", "20", "1"] in table

    def test_newlines_and_tabs_flattened(self, hostile: Bank) -> None:
        """A prompt written over several lines becomes one line of text."""
        table = rows(blooket.export(hostile, hostile.questions).data)
        assert table[3][1] == "First line with a tab second line"


class TestGimkit:
    """Gimkit CSV: template layout, incorrect answers, skip reasons and formulas."""
    def test_template_layout(self, mini: Bank) -> None:
        """The banner row and header row are Gimkit's, five columns wide."""
        table = rows(gimkit.export(mini, mini.questions).data)
        assert table[0] == ["Gimkit Spreadsheet Import Template", "", "", "", ""]
        assert table[1] == ["Question", "Correct Answer", "Incorrect Answer 1",
                            "Incorrect Answer 2 (Optional)", "Incorrect Answer 3 (Optional)"]
        assert all(len(r) == 5 for r in table)

    def test_choice_and_truefalse_rows(self, mini: Bank) -> None:
        """A choice question gives its right option and the others; true/false gives the other."""
        table = rows(gimkit.export(mini, mini.questions).data)[2:]
        assert table == [
            ["In which year was the Left removed from the Politburo?", "1926", "1924", "1928",
             "1929–1930"],
            ["The Right wanted NEP kept.", "True", "False", "", ""],
        ]

    def test_skip_reasons(self, mini: Bank) -> None:
        """List answers, multi questions and types without one answer are skipped, each why."""
        result = gimkit.export(mini, mini.questions)
        reasons = {s.reason: s.ids for s in result.skipped}
        assert reasons["a list answer; Gimkit holds one correct answer"] == (
            "right-opposition-members",)
        assert reasons["several correct answers; Gimkit holds one"] == ("left-members",)
        other = [ids for r, ids in reasons.items() if "one correct answer and wrong" in r]
        assert other == [("sequence", "sides", "cloze-one", "recall-one")]

    def test_short_answer_uses_wrong_entries(self, mini: Bank) -> None:
        """A single short answer with wrong: entries offers them as the incorrect answers."""
        q = Question(id="who", topic="factions", type="short", prompt="Who led the Left?",
                     parts=(("Trotsky",),),
                     wrong=tuple(WrongAnswer(w) for w in ("Bukharin", "Stalin", "Rykov",
                                                          "Tomsky", "trotsky")))
        result = gimkit.export(mini, [q])
        assert rows(result.data)[2] == ["Who led the Left?", "Trotsky", "Bukharin", "Stalin",
                                        "Rykov"]

    def test_short_answer_without_wrong_skipped(self, mini: Bank) -> None:
        """A short answer with no wrong: entries is skipped, saying so."""
        q = Question(id="bare", topic="factions", type="short", prompt="Who?",
                     parts=(("Trotsky",),))
        result = gimkit.export(mini, [q])
        assert result.count == 0
        assert result.skipped[0].ids == ("bare",)
        assert "wrong:" in result.skipped[0].reason

    def test_formulas_neutralised(self, hostile: Bank) -> None:
        """Cells starting with = + - @ get a leading quote, in questions and answers."""
        table = rows(gimkit.export(hostile, hostile.questions).data)
        assert_no_formula(table)
        assert ["'@who", "'=1+1", "'-2", "'@x", ""] in table


class TestQuizlet:
    """Quizlet cards: one tab-separated card a line, terms and definitions."""
    def test_one_card_a_line(self, mini: Bank) -> None:
        """Every question becomes one line with exactly one tab."""
        data = str(quizlet.export(mini, mini.questions).data)
        lines = data.splitlines()
        assert len(lines) == len(mini.questions)
        assert all(line.count("\t") == 1 for line in lines)
        assert data.endswith("\n")

    def test_terms_and_definitions(self, mini: Bank) -> None:
        """Terms show the question as asked and definitions the expected answer."""
        cards = dict(line.split("\t") for line in
                     str(quizlet.export(mini, mini.questions).data).splitlines())
        assert cards["Who made up the Right Opposition?"] == "Bukharin, Tomsky and Rykov"
        choice = next(t for t in cards if t.startswith("In which year"))
        assert "(A) 1924 (B) 1926 (C) 1928 (D) 1929–1930" in choice
        assert cards[choice] == "1926"
        assert cards["True or false: The Right wanted NEP kept."] == "True"
        assert cards["The Left wanted (1) _____ and (2) _____."] == \
            "(1) rapid industrialisation (2) collectivisation"
        order = next(d for t, d in cards.items() if t.startswith("Put these in order."))
        assert order == ("1. Left removed from the Politburo 2. Stalin turns on the Right "
                         "3. Right removed")

    def test_tabs_and_newlines_replaced(self, hostile: Bank) -> None:
        """Tabs and newlines inside a card become spaces, so Quizlet keeps one card a line."""
        data = str(quizlet.export(hostile, hostile.questions).data)
        lines = data.splitlines()
        assert len(lines) == len(hostile.questions)
        assert all(line.count("\t") == 1 for line in lines)
        assert any(line.startswith("First line with a tab second line") for line in lines)

    def test_multi_instruction_not_repeated(self, mini: Bank) -> None:
        """A multi prompt that already says "choose all that apply" is not told it twice."""
        q = mini.question("left-members")
        assert q is not None
        told = dataclasses.replace(q, prompt="Who were on the Left? Choose all that apply.")
        plain_term, _ = quizlet.card(q)
        told_term, _ = quizlet.card(told)
        assert plain_term.count("all that apply") == 1
        assert told_term.casefold().count("all that apply") == 1

    def test_nothing_skipped(self, mini: Bank) -> None:
        """Every question type makes a card."""
        result = quizlet.export(mini, mini.questions)
        assert result.count == len(mini.questions)
        assert result.skipped == ()


class TestCsvBank:
    """Whole-bank CSV: exact round trips, row kinds, located problems and bad files."""
    def test_round_trip(self, mini: Bank) -> None:
        """Reading the export back gives a bank whose to_dict() equals the original's."""
        data = str(csv_bank.export(mini, mini.questions).data)
        assert csv_bank.read_csv(data, "mini.csv").to_dict() == mini.to_dict()

    def test_round_trip_hostile(self, hostile: Bank) -> None:
        """Text that looks like formulas, JSON or markup survives the round trip exactly."""
        data = str(csv_bank.export(hostile, hostile.questions).data)
        assert csv_bank.read_csv(data).to_dict() == hostile.to_dict()

    def test_round_trip_bundled(self, bundled_bank_path: Path) -> None:
        """The bundled bank survives the round trip."""
        bank = load_bank(bundled_bank_path)
        data = str(csv_bank.export(bank, bank.questions).data)
        assert csv_bank.read_csv(data).to_dict() == bank.to_dict()

    def test_formulas_neutralised(self, hostile: Bank) -> None:
        """No cell starts with = + - @; a cell that started with ' gets one more."""
        table = rows(csv_bank.export(hostile, hostile.questions).data)
        assert_no_formula(table)
        header = table[0]
        row = dict(zip(header, table[-1], strict=True))
        assert row["answer"] == "'=SUM(A1:A9)"
        short = next(dict(zip(header, r, strict=True)) for r in table if "short-formula" in r)
        assert short["hint"] == "''already quoted"
        assert table[1][header.index("bank_title")] == "'=HYPERLINK(\"http://x\")"

    def test_row_kinds(self, mini: Bank) -> None:
        """One bank row, a row per topic and point, then a row per question."""
        table = rows(csv_bank.export(mini, mini.questions).data)
        kinds = [r[0] for r in table[1:]]
        assert kinds == ["bank"] + ["topic"] * 2 + ["point"] * 2 + ["question"] * 8
        assert table[0][:6] == ["kind", "bank", "bank_title", "id", "topic", "type"]

    def test_plain_answers_stay_plain(self, mini: Bank, hostile: Bank) -> None:
        """A one-text answer is plain; lists, booleans and JSON-looking text are JSON."""
        def answers(bank: Bank) -> dict[str, str]:
            table = rows(csv_bank.export(bank, bank.questions).data)
            col = table[0].index("answer")
            return {r[3]: r[col] for r in table[1:] if r[0] == "question"}

        got = answers(mini)
        assert got["left-removed-year"] == "1926"
        assert got["nep-tf"] == "true"
        assert got["left-members"] == '["Trotsky", "Zinoviev", "Kamenev"]'
        assert answers(hostile)["multi-line"] == '["[a]", "true"]'
        assert csv_bank.decode_answer(csv_bank.encode_answer("true")) == "true"
        assert csv_bank.decode_answer(csv_bank.encode_answer("[x]")) == "[x]"

    def test_selected_questions_only(self, mini: Bank) -> None:
        """Exporting a selection keeps every topic and point but only those questions."""
        chosen = mini.select(topics=["economy"])
        bank = csv_bank.read_csv(str(csv_bank.export(mini, chosen).data))
        assert [q.id for q in bank.questions] == [q.id for q in chosen]
        assert bank.topics == tuple(dataclasses.replace(t, loc=bank.topics[i].loc)
                                    for i, t in enumerate(mini.topics))

    def test_problem_located_at_csv_line(self, mini: Bank) -> None:
        """A hand edit that breaks a question is reported at the CSV line of its row."""
        data = str(csv_bank.export(mini, mini.questions).data)
        broken = data.replace("Who were on the Left?,", "Who were on the Left?,Lenin", 1)
        broken = broken.replace('"[""Trotsky"", ""Zinoviev"", ""Kamenev""]"', "Lenin", 1)
        with pytest.raises(BankError) as info:
            csv_bank.read_csv(broken, "edited.csv")
        problem = info.value.problems[0]
        line = next(n for n, text in enumerate(broken.splitlines(), 1)
                    if ",left-members," in text)
        assert (problem.file, problem.line) == ("edited.csv", line)
        assert "not one of the options" in problem.message

    def test_question_places_are_csv_lines(self, mini: Bank) -> None:
        """A read-back question's place is the CSV line of its row."""
        data = str(csv_bank.export(mini, mini.questions).data)
        bank = csv_bank.read_csv(data)
        assert bank.questions[0].loc.line == 7
        assert bank.topics[1].loc.line == 4

    def test_reads_excel_style_file(self, mini: Bank) -> None:
        """A byte-order mark and LF line endings, as spreadsheets save them, are accepted."""
        data = str(csv_bank.export(mini, mini.questions).data)
        edited = "\ufeff" + data.replace("\r\n", "\n")
        assert csv_bank.read_csv(edited).to_dict() == mini.to_dict()

    def test_rejects_unknown_kind(self, mini: Bank) -> None:
        """A row with an unknown kind is an error naming the kinds."""
        data = str(csv_bank.export(mini, mini.questions).data) + "widget,mini\r\n"
        with pytest.raises(BankError, match="unknown kind 'widget'"):
            csv_bank.read_csv(data)

    def test_rejects_bad_json_cell(self, mini: Bank) -> None:
        """A JSON column that does not parse is an error naming the column."""
        data = str(csv_bank.export(mini, mini.questions).data)
        broken = data.replace('"[""left-removed""]"', "[left-removed", 1)
        with pytest.raises(BankError, match="column 'points' is not valid JSON"):
            csv_bank.read_csv(broken)

    def test_rejects_other_spreadsheets(self) -> None:
        """A CSV without the kind column is refused with a clear message."""
        with pytest.raises(BankError, match="not a powerquiz bank spreadsheet"):
            csv_bank.read_csv("Question,Answer\r\nWho?,Me\r\n")


#: Any text a bank may hold: no surrogates and no control characters but tab and newline.
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters=_CONTROLS),
                min_size=1, max_size=40).map(str.strip).filter(bool)


class TestCsvRoundTripProperty:
    """Whole-bank CSV round trip of any recall text (property-based)."""
    @settings(deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(prompt=_TEXT, answer=_TEXT, explain=_TEXT)
    def test_any_text_round_trips(self, mini: Bank, prompt: str, answer: str,
                                  explain: str) -> None:
        """Whatever text a recall question holds comes back from the CSV unchanged."""
        q = Question(id="any", topic="economy", type="recall", prompt=prompt,
                     model_answer=answer, explain=explain)
        bank = dataclasses.replace(mini, questions=(q,), points=())
        data = str(csv_bank.export(bank, bank.questions).data)
        assert csv_bank.read_csv(data).to_dict() == bank.to_dict()
