"""The explain question's bank format: read, written back, and checked with located messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from powerquiz.bank import load_bank
from powerquiz.bank.loader import load, parse

DATA = Path(__file__).parent / "data"

HEAD = """bank: t
title: T
topics: {tactics: Tactics}
questions:
- id: q
  topic: tactics
  type: explain
  prompt: Describe two ways. (2 marks)
  explain: Why.
"""
SCHEME = """  scheme:
    - credit: chief mourner
      any: [chief mourner]
    - credit: true heir
      any: [true heir]
  answer: He was chief mourner and the true heir.
"""


def problems(text: str) -> list[str]:
    _bank, found = parse(text, "t.yaml")
    return [str(p) for p in found if p.severity == "error"]


def file_problems(tmp_path: Path, text: str) -> list[str]:
    """The errors of ``text`` loaded as a file (with the marker's self-check)."""
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    _bank, found = load(path)
    return [str(p) for p in found if p.severity == "error"]


class TestReading:
    """An explain question is read into its fields and written back the same."""

    def test_the_worked_example_loads(self) -> None:
        """The issue's worked example is a valid bank with every field read."""
        bank = load_bank(DATA / "explain_example.yaml")
        q = bank.questions[0]
        assert (q.marks, q.max_credited, len(q.scheme)) == (4, 2, 2)
        assert q.scheme[0].detail is not None and q.scheme[0].detail.marks == 1
        assert q.scheme[0].not_ == ("Trotsky was chief mourner",)
        assert q.synonyms[0][0] == "misled"

    def test_to_dict_round_trips(self) -> None:
        """Writing the question back gives the fields a teacher wrote."""
        q = load_bank(DATA / "explain_example.yaml").questions[0]
        d = q.to_dict()
        assert d["marks"] == 4 and d["max"] == 2
        assert d["scheme"][0]["not"] == ["Trotsky was chief mourner"]
        assert d["scheme"][0]["detail"]["any"][1] == "January 1924"
        assert d["synonyms"]["misled"][0] == "tricked"

    def test_top_level_synonyms_reach_every_explain_question(self) -> None:
        """A bank's `synonyms:` is kept on the bank and used by its explain questions."""
        text = HEAD.replace("questions:", "synonyms: {heir: [successor]}\nquestions:")
        bank, found = parse(text + "  marks: 2\n" + SCHEME, "t.yaml")
        assert bank is not None, [str(p) for p in found]
        assert bank.synonyms == (("heir", ("successor",)),)
        assert bank.questions[0].shared_synonyms == bank.synonyms
        assert bank.to_dict()["synonyms"] == {"heir": ["successor"]}


class TestChecks:
    """validate refuses a scheme that cannot work, saying where and why."""

    def test_marks_and_scheme_are_required(self) -> None:
        """Without marks or scheme the question is refused, naming the key."""
        found = problems(HEAD + "  answer: x\n")
        assert any("missing required key 'marks'" in p for p in found)
        assert any("missing required key 'scheme'" in p for p in found)

    def test_an_entry_without_any_is_refused(self) -> None:
        """A scheme entry with no `any` is refused at the entry's line."""
        text = HEAD + "  marks: 1\n  scheme:\n    - credit: x\n  answer: x\n"
        found = problems(text)
        assert any("t.yaml:12:" in p and "missing required key 'any'" in p for p in found)

    def test_max_larger_than_the_scheme_is_refused(self) -> None:
        """`max: 3` with two entries says the scheme has only 2 entries."""
        found = problems(HEAD + "  marks: 2\n  max: 3\n" + SCHEME)
        assert any("max is 3 but the scheme has only 2 entries" in p for p in found)

    def test_unreachable_marks_are_refused(self) -> None:
        """Marks no answer can reach are refused at `marks`."""
        found = problems(HEAD + "  marks: 5\n" + SCHEME)
        assert any("t.yaml:10:10:" in p and "can never be reached" in p for p in found)

    def test_a_not_phrase_also_in_any_is_refused(self) -> None:
        """The same phrase in `any` and `not` is refused."""
        text = HEAD + "  marks: 1\n  scheme:\n    - credit: x\n      any: [chief mourner]\n" \
            "      not: [Chief Mourner]\n  answer: He was chief mourner.\n"
        assert any("both in 'any' and in 'not'" in p for p in problems(text))

    @pytest.mark.parametrize("value", ["0", "two", "1.5"])
    def test_marks_must_be_a_whole_number(self, value: str) -> None:
        """Marks of 0, a word or a fraction are refused in plain English."""
        found = problems(HEAD + f"  marks: {value}\n" + SCHEME)
        assert any("must be a whole number of marks" in p for p in found)

    def test_the_model_answer_must_earn_full_marks(self, tmp_path: Path) -> None:
        """A model answer short of full marks is a bank error at its line."""
        text = HEAD + "  marks: 2\n" + SCHEME.replace("and the true heir", "")
        found = file_problems(tmp_path, text)
        assert any(":16:11:" in p and "does not accept its model answer" in p for p in found)
        assert not file_problems(tmp_path, HEAD + "  marks: 2\n" + SCHEME)

    def test_a_synonym_without_words_is_refused(self) -> None:
        """`synonyms: {misled: []}` says the word has no synonyms."""
        text = HEAD + "  marks: 2\n  synonyms: {misled: []}\n" + SCHEME
        assert any("'misled' has no synonyms" in p for p in problems(text))
