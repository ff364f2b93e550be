"""``powerquiz check``: mark an answer from the command line exactly as a drill would."""

from __future__ import annotations

import json
import os
from pathlib import Path

# Plain, stable output: typer reads these when it is first imported.
os.environ.setdefault("_TYPER_FORCE_DISABLE_TERMINAL", "1")
os.environ.setdefault("NO_COLOR", "1")

import pytest
from typer.testing import CliRunner, Result

import powerquiz.cli.check  # noqa: F401 - registers the command
from powerquiz.cli.app import app

BANK = str(Path(__file__).resolve().parent / "data" / "marking_bank.yaml")


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", "--bank", BANK, *args])


def run_json(*args: str) -> dict[str, object]:
    result = run("--json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


class TestVerdicts:
    """check output: tick, ~ or cross with score, feedback, expected answer; recall self-rated."""
    def test_correct(self) -> None:
        """A right answer prints a tick, the verdict, full score and the expected answer."""
        result = run("right-members", "Bukharin, Tomsky and Rykov")
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            "✓ correct  score 1.00",
            "Answer: Bukharin, Tomsky and Rykov",
        ]

    def test_words_are_joined_with_spaces(self) -> None:
        """An unquoted answer's words are joined with spaces before marking."""
        result = run("right-members", "Bukharin", "Tomsky", "Rykov")
        assert result.stdout.startswith("✓ correct")

    def test_partial(self) -> None:
        """A partly right answer prints ~, its score and what is missing."""
        result = run("right-members", "Bukarin,", "Tomsky")
        assert result.exit_code == 0
        assert result.stdout.startswith("~ partial  score 0.67")
        assert "2 of 3: missing Rykov" in result.stdout
        assert "accepted with a typo: Bukarin -> Bukharin" in result.stdout

    def test_wrong_exits_zero(self) -> None:
        """A wrong answer prints a cross and the wrong: feedback, and still exits 0."""
        result = run("left-leader", "Tomsky")
        assert result.exit_code == 0
        assert result.stdout.startswith("✗ wrong  score 0.00")
        assert "Tomsky was a trade-union leader on the Right." in result.stdout
        assert "Answer: Trotsky" in result.stdout

    def test_recall_says_it_is_self_rated(self) -> None:
        """For a recall question the output says the mark is the student's own rating."""
        result = run("nep-turn-recall", "hard")
        assert result.stdout.startswith("~ partial  score 0.50")
        assert "recall is self-rated" in result.stdout


class TestJson:
    """check --json: one object with the mark's fields, exact score, unescaped unicode."""
    def test_shape(self) -> None:
        """--json prints one object with id, verdict, score, feedback, expected and typos."""
        data = run_json("left-leader", "Trotksy")
        assert data == {
            "id": "left-leader",
            "type": "short",
            "verdict": "correct",
            "score": 1.0,
            "feedback": ["correct", "accepted with a typo: Trotksy -> Trotsky"],
            "expected": "Trotsky",
            "typos": [["Trotksy", "Trotsky"]],
        }

    def test_partial_score(self) -> None:
        """The JSON score is the exact fraction."""
        data = run_json("right-members", "Bukharin, Tomsky")
        assert data["verdict"] == "partial"
        assert data["score"] == pytest.approx(2 / 3)

    def test_unicode_is_kept(self) -> None:
        """Typographic dashes are written as themselves, not escaped."""
        result = run("--json", "collectivisation-years", "1929-30")
        assert '"expected": "1929–1930"' in result.stdout


class TestTypes:
    """check answers per type: cloze gaps, order, match, choice and multi numbers, true/false."""
    def test_cloze_takes_one_word_per_gap(self) -> None:
        """A cloze takes one ANSWER per gap, in order."""
        data = run_json("dates-cloze", "1924", "1926", "1929-30")
        assert data["verdict"] == "correct"

    def test_cloze_gap_feedback(self) -> None:
        """A wrong gap is named in the feedback."""
        data = run_json("left-aims-cloze", "rapid industrialisation", "NEP", "peasants")
        assert data["score"] == pytest.approx(2 / 3)
        assert "gap 2: The Left wanted NEP ended." in data["feedback"]  # type: ignore[operator]

    # Numbered as `show` lists them (alphabetically): the bank's 1 2 3 5 4 is 2 5 3 1 4.
    @pytest.mark.parametrize("words", [
        ["2", "5", "3", "1", "4"],
        ["2 > 5 > 3 > 1 > 4"],
        ["2", ">", "5", ">", "3", ">", "1", ">", "4"],
        ["2,", "5,", "3,", "1,", "4"],
    ])
    def test_order_by_numbers(self, words: list[str]) -> None:
        """Order items are given by the number `show` lists them by, as words or separated
        by commas or ' > '."""
        data = run_json("fall-sequence", *words)
        assert data["verdict"] == "partial"
        assert data["score"] == pytest.approx(0.9)

    def test_order_by_text(self) -> None:
        """Order items may be written as text, separated by ' > '."""
        data = run_json("turn-sequence", "Grain procurement crisis > First Five-Year Plan begins"
                                         " > Dizzy with Success")
        assert data["verdict"] == "correct"

    def test_match_pairs(self) -> None:
        """Match pairs are left=right separated by semicolons."""
        data = run_json("factions-match",
                        "Trotsky=Left; Zinoviev=Left; Bukharin=Right; Rykov=Right")
        assert data["verdict"] == "correct"

    def test_match_pairs_as_words(self) -> None:
        """Each word may also be one left=right pair."""
        data = run_json("factions-match", "Trotsky=Left", "Zinoviev=Right", "Bukharin=Right",
                        "Rykov=Right")
        assert data["score"] == pytest.approx(0.75)

    def test_choice_by_number(self) -> None:
        """A choice may be given by its number as listed in the bank."""
        assert run_json("nep-defender", "2")["verdict"] == "correct"

    def test_multi_by_numbers(self) -> None:
        """Multi picks may be numbers separated by commas or spaces."""
        assert run_json("left-members-multi", "1,", "2", "3")["verdict"] == "correct"

    def test_truefalse(self) -> None:
        """True/false takes yes/no too."""
        assert run_json("right-kept-nep", "yes")["verdict"] == "correct"


class TestErrors:
    """check errors: unknown id, unreadable or missing answer exit 2 with no traceback."""
    def test_unknown_id(self) -> None:
        """An unknown id exits 2 naming the closest id, with no traceback."""
        result = run("left-leadr", "Trotsky")
        assert result.exit_code == 2
        assert "no question 'left-leadr'" in result.stderr
        assert "did you mean 'left-leader'?" in result.stderr
        assert "Traceback" not in result.output

    @pytest.mark.parametrize(("args", "message"), [
        (["nep-defender", "9"], "there is no option 9: question 'nep-defender' has options 1 to 4"),
        (["left-members-multi", "1", "8"], "there is no option 8"),
        (["factions-match", "Trotsky=Left;", "Zinoviev"], "'Zinoviev' is not a pair"),
        (["factions-match", "Stalin=Left"], "unknown left side 'Stalin'"),
        (["dates-cloze", "1924", "1926"], "has 3 gaps: give one answer per gap, in order"),
        (["right-kept-nep", "perhaps"], "'perhaps' is not true or false"),
        (["fall-sequence", "2", "2", "5"], "Lenin dies is given twice"),
        (["fall-sequence", "1", "2", "7"], "there is no item 7"),
        (["nep-turn-recall", "meh"], "again, hard, good or easy"),
    ])
    def test_unreadable_answers_exit_2(self, args: list[str], message: str) -> None:
        """An answer that cannot be read for the type exits 2 with a clear message."""
        result = run(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith("error: cannot read that answer")
        assert message in " ".join(result.stderr.split())
        assert "Traceback" not in result.output

    def test_an_answer_is_required(self) -> None:
        """Without an answer the command exits 2 with a usage message."""
        result = run("left-leader")
        assert result.exit_code == 2
        assert "Missing argument" in result.stderr


class TestHelp:
    """check --help: the help text ends with an Example line."""
    def test_help_has_an_example(self) -> None:
        """The command's help text ends with an Example line."""
        result = CliRunner().invoke(app, ["check", "--help"])
        assert result.exit_code == 0
        assert "Example: powerquiz check" in result.stdout
        assert "--json" in result.stdout


class TestOtherDigits:
    """Issue 17 D4: check reads option numbers in ASCII digits only."""

    @pytest.mark.parametrize("reply", ["²", "①", "٣"])
    def test_a_number_in_other_digits_is_a_usage_error(self, mini_bank_path: Path,
                                                       reply: str) -> None:
        """A superscript, circled or Arabic-Indic digit is refused with exit 2, not read."""
        result = CliRunner().invoke(app, ["check", "left-removed-year", reply,
                                     "--bank", str(mini_bank_path)])
        assert result.exit_code == 2, result.output
        assert "is not a digit 0-9" in result.output


class TestEscapedEcho:
    """Issue 17 D2: what the student typed is echoed escaped, never raw."""

    def test_an_escape_in_an_unreadable_answer_is_shown_escaped(self,
                                                                mini_bank_path: Path) -> None:
        """ESC typed in an order answer comes back as \\x1b in the error, exit 2."""
        result = CliRunner().invoke(app, ["check", "sequence", "x\x1b[31m",
                                          "--bank", str(mini_bank_path)])
        assert result.exit_code == 2
        assert "\x1b" not in result.output
        assert "x\\x1b[31m: not one of the items" in result.output


class TestOrderNumbering:
    """show, check and the drill number an order question's items the same way."""

    def test_the_numbers_show_prints_are_the_ones_check_reads(self) -> None:
        """Reading the right order off `show`'s numbers is marked correct by `check`."""
        shown = CliRunner().invoke(app, ["show", "--bank", BANK, "turn-sequence"]).stdout
        items = [line.split(". ", 1)[1] for line in shown.splitlines()
                 if line.startswith("  ") and ". " in line][:3]
        right = ["Grain procurement crisis", "First Five-Year Plan begins",
                 "Dizzy with Success"]
        numbers = [str(items.index(item) + 1) for item in right]
        assert numbers != ["1", "2", "3"]  # the listing is not the answer
        data = run_json("turn-sequence", *numbers)
        assert data["verdict"] == "correct"

    def test_the_drill_lists_the_items_as_show_does(self) -> None:
        """The drill's display order is the same listing, every session."""
        from random import Random

        from powerquiz.bank import load_bank
        from powerquiz.bank.registry import TYPES
        from powerquiz.qtypes.order import listing

        q = load_bank(BANK).question("turn-sequence")
        assert q is not None
        for seed in range(5):
            assert TYPES["order"].display_choices(q, Random(seed)) == listing(q)
        assert list(listing(q)) != list(q.items)
