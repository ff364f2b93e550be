"""Importing Quizlet text, powerquiz's own CSV and JSON, and the quiz-game templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from powerquiz.imports import ImportFailure, Options, read_bytes, read_path
from powerquiz.imports.detect import guess


class TestQuizlet:
    """Terms and definitions with Quizlet's separators, guessed or given."""

    def test_tab_and_newline(self) -> None:
        """Quizlet's default export: a short definition is typed, a long one recalled."""
        data = b"Who led the Left?\tTrotsky\nWhat was NEP?\tA mixed economy with private " \
               b"trade allowed from 1921\n"
        bank = read_bytes(data, "cards.txt").bank
        assert [(q.type, q.prompt) for q in bank.questions] == [
            ("short", "Who led the Left?"), ("recall", "What was NEP?")]
        assert bank.questions[0].parts == (("Trotsky",),)

    def test_comma_and_semicolon(self) -> None:
        """Comma between, semicolon between cards, guessed from the text."""
        bank = read_bytes(b"Cheka,secret police;Gosplan,state planning", "c.txt").bank
        assert [(q.prompt, q.parts[0][0]) for q in bank.questions] == [
            ("Cheka", "secret police"), ("Gosplan", "state planning")]

    def test_custom_separators(self) -> None:
        """--sep and --card-sep take names or the text itself."""
        opts = Options(sep=" :: ", card_sep="||")
        bank = read_bytes(b"Cheka :: secret police||Gosplan :: planning", "c.txt", "quizlet",
                          opts).bank
        assert [q.prompt for q in bank.questions] == ["Cheka", "Gosplan"]

    def test_bad_cards_are_skipped_by_line(self) -> None:
        """A card with no separator or an empty side is skipped, with its line."""
        result = read_bytes(b"a\tb\nno separator\n\tempty term\n", "c.txt", "quizlet")
        assert len(result.bank.questions) == 1
        assert result.skipped == {"no tab between term and definition": ["c.txt:2:1"],
                                  "a card with an empty term or definition": ["c.txt:3:1"]}

    def test_same_file_same_ids(self) -> None:
        """Ids are slugs of the term, made unique, the same on every import."""
        data = b"Who?\tLenin\nWho?\tStalin\n"
        first = [q.id for q in read_bytes(data, "c.txt").bank.questions]
        assert first == ["who", "who-2"]
        assert first == [q.id for q in read_bytes(data, "c.txt").bank.questions]


class TestOwnFiles:
    """powerquiz's CSV and JSON come back whole, and their problems are located."""

    def test_csv_problem_is_at_its_row(self) -> None:
        """A bad JSON cell is reported at the CSV line of its row."""
        data = (b"kind,bank,bank_title,id,topic,type,prompt,answer,options\r\n"
                b"topic,b,B,t,,,,,\r\n"
                b"question,b,B,q1,t,choice,Which?,x,[broken\r\n")
        with pytest.raises(ImportFailure) as err:
            read_bytes(data, "bank.csv")
        assert str(err.value).startswith("bank.csv:3:1:")

    def test_json_syntax_error_is_located(self) -> None:
        """A JSON syntax error names its line and column."""
        with pytest.raises(ImportFailure) as err:
            read_bytes(b'{"questions": [\n  {"id": }\n]}', "bank.json")
        assert str(err.value).startswith("bank.json:2:")

    def test_json_that_is_not_a_bank(self) -> None:
        """JSON with no questions is not a powerquiz bank."""
        with pytest.raises(ImportFailure, match="no 'questions'"):
            read_bytes(b'{"cards": []}', "x.json", "json")


class TestTemplates:
    """Blooket and Gimkit rows become choice and true/false questions."""

    def test_blooket(self) -> None:
        """Answer numbers mark the right answers; True/False is a true/false question."""
        data = (b'"Blooket\nImport Template",,,,,,,\r\n'
                b'Question #,Question Text,Answer 1,Answer 2,Answer 3,Answer 4,Time,Correct\r\n'
                b'1,Capital in 1918?,Petrograd,Moscow,,,20,2\r\n'
                b'2,NEP came in 1921.,True,False,,,20,1\r\n'
                b'3,Left?,Trotsky,Bukharin,Zinoviev,,20,"1,3"\r\n'
                b'4,No right answer,a,b,,,20,\r\n')
        result = read_bytes(data, "b.csv")
        assert result.counts() == {"choice": 1, "truefalse": 1, "multi": 1}
        assert result.bank.questions[0].correct == ("Moscow",)
        assert list(result.skipped.values()) == [["b.csv: row 6"]]

    def test_gimkit(self) -> None:
        """The correct answer and the incorrect ones make a choice question."""
        data = (b"Gimkit Spreadsheet Import Template,,,,\r\n"
                b"Question,Correct Answer,Incorrect Answer 1,Incorrect 2,Incorrect 3\r\n"
                b"Capital in 1918?,Moscow,Petrograd,Kiev,\r\n"
                b"'=1+1,'=2,3,,\r\n")
        bank = read_bytes(data, "g.csv").bank
        assert bank.questions[0].options == ("Moscow", "Petrograd", "Kiev")
        assert bank.questions[1].prompt == "=1+1" and bank.questions[1].correct == ("=2",)


class TestDetection:
    """The format is guessed from the content, and bad files are named plainly."""

    @pytest.mark.parametrize(("data", "fmt"), [
        (b"<?xml version='1.0'?><quiz/>", "moodle"),
        (b"::q:: Who? {=Lenin}", "gift"),
        (b"$CATEGORY: a/b\n\nWho? {=Lenin}", "gift"),
        (b"kind,bank,id\r\n", "csv"),
        (b'{"format": "powerquiz-bank/1", "questions": []}', "json"),
        (b"Who?\tLenin\n", "quizlet"),
    ])
    def test_guess(self, data: bytes, fmt: str) -> None:
        """Each format is told by what it holds, whatever the file is called."""
        assert guess(data, "file.txt") == fmt

    def test_empty_file(self, tmp_path: Path) -> None:
        """An empty file says it is empty."""
        (tmp_path / "e.txt").write_bytes(b"  \n")
        with pytest.raises(ImportFailure, match="empty"):
            read_path(tmp_path / "e.txt")

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is named as one."""
        with pytest.raises(ImportFailure, match="is a directory"):
            read_path(tmp_path)

    def test_unknown_text(self) -> None:
        """Text in no known shape asks for --from."""
        with pytest.raises(ImportFailure, match="--from"):
            read_bytes(b"just some words\n", "notes.txt")

    def test_not_utf8_quizlet(self) -> None:
        """Quizlet text must be UTF-8; the bad byte is located."""
        with pytest.raises(ImportFailure) as err:
            read_bytes(b"ok\tfine\nCaf\xe9\tcoffee\n", "c.txt")
        assert str(err.value).startswith("c.txt:2:4:")
