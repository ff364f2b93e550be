"""--topic and --type: repeated, listed with commas, and matched whatever their capitals."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.bank import Bank, load_bank
from powerquiz.cli import app
from powerquiz.cli.common import check_filters

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "questions.yaml"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BUNDLED)


class TestCheckFilters:
    """The values as the bank spells them."""

    def test_a_comma_list_is_several_types(self, bank: Bank) -> None:
        """'short,choice' is the two types short and choice."""
        assert check_filters(bank, None, ["short,choice"]) == (None, ["short", "choice"])

    def test_repeated_and_listed_values_add_up(self, bank: Bank) -> None:
        """--type short --type choice, cloze gives all three, spaces and empty items dropped."""
        assert check_filters(bank, None, ["short", "choice, cloze,"])[1] == [
            "short", "choice", "cloze"]

    def test_topics_and_types_ignore_capitals(self, bank: Bank) -> None:
        """'Factions' is the topic factions and 'SHORT' the type short."""
        assert check_filters(bank, ["Factions"], ["SHORT"]) == (["factions"], ["short"])


class TestListCommand:
    """The filters as a user types them at the command line."""

    def test_list_takes_a_comma_list_of_types(self) -> None:
        """`list --type short,choice` lists questions of both types and no others."""
        result = CliRunner().invoke(app, ["list", "--type", "short,choice", "--topic",
                                          "Factions"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        bank = load_bank(BUNDLED)
        expected = [q for q in bank.questions if q.topic == "factions"
                    and q.type in ("short", "choice")]
        assert f"{len(expected)} of {len(bank.questions)} questions" in result.output
        for q in expected:
            assert q.id in result.output

    def test_an_unknown_item_in_a_list_is_named(self) -> None:
        """A misspelt type in a list exits 2 naming it, with a suggestion."""
        result = CliRunner().invoke(app, ["list", "--type", "short,chioce"])
        assert result.exit_code == 2
        assert "unknown question type 'chioce' (did you mean 'choice'?)" in result.output
