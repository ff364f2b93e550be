"""The one-line answer shapes of issue 12, marked as a teacher would (rows in the table's style).

Each row is (question id, answer, verdict, score) against ``tests/data/marking_bank.yaml``,
as in ``tests/test_marking_table.py`` (kept in its own module: that table is long).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.marking import mark

BANK = Path(__file__).resolve().parent / "data" / "marking_bank.yaml"


@cache
def bank() -> Bank:
    return load_bank(BANK)


def rows(*cases: tuple[Any, ...]) -> list[Any]:
    return [pytest.param(*case, id=f"{case[0]} | {case[1]!r} -> {case[2]}") for case in cases]


NEGATION = rows(
    ("kept-policy", "NEP", "correct", 1.0),
    ("kept-policy", "keeping NEP", "correct", 1.0),
    ("kept-policy", "ending NEP", "wrong", 0.0),
    ("kept-policy", "end NEP", "wrong", 0.0),
    ("kept-policy", "the end of NEP", "wrong", 0.0),
    ("kept-policy", "scrapping the New Economic Policy", "wrong", 0.0),
    ("kept-policy", "not NEP", "wrong", 0.0),
    ("nep-faction", "the Right, against the Left", "correct", 1.0),
    ("nep-faction", "the Right against the Left", "correct", 1.0),
    ("nep-faction", "the Left against the Right", "wrong", 0.0),
    ("nep-faction", "the Right, not the Left", "correct", 1.0),
)
ABBREVIATIONS = rows(
    ("stalin-post", "Gen. Secretary", "correct", 1.0),
    ("stalin-post", "Gen Secretary", "correct", 1.0),
    ("stalin-post", "General Sec.", "correct", 1.0),
    ("stalin-post", "Gen. Sec.", "correct", 1.0),
    ("stalin-post", "Secretary General", "wrong", 0.0),
)
FULLER = rows(
    ("besides-germany", "Hungary", "correct", 1.0),
    ("besides-germany", "Hungary and Germany", "correct", 1.0),
    ("besides-germany", "Germany and Hungary", "correct", 1.0),
    ("besides-germany", "Hungary and Austria", "wrong", 0.0),
    ("besides-germany", "Germany", "wrong", 0.0),
)
DATES = rows(
    ("lenin-month", "1924, in January", "correct", 1.0),
    ("lenin-month", "01/1924", "correct", 1.0),
    ("lenin-month", "1/1924", "correct", 1.0),
    ("lenin-month", "21 January 1924", "correct", 1.0),
    ("lenin-month", "21/01/1924", "correct", 1.0),
    ("lenin-month", "01/21/1924", "correct", 1.0),
    ("lenin-month", "02/1924", "wrong", 0.0),
    ("lenin-month", "21/02/1924", "wrong", 0.0),
    ("lenin-month", "13/1924", "wrong", 0.0),
)
LIST_SHAPES = rows(
    ("right-members", "1. Bukharin 2. Tomsky 3. Rykov", "correct", 1.0),
    ("right-members", "1) Bukharin\n2) Tomsky\n3) Rykov", "correct", 1.0),
    ("right-members", "- Bukharin\n- Tomsky\n- Rykov", "correct", 1.0),
    ("right-members", "* Bukharin * Tomsky * Rykov", "correct", 1.0),
    ("right-members", "• Bukharin\n• Tomsky\n• Rykov", "correct", 1.0),
    ("right-members", "Bukharin/Tomsky/Rykov", "correct", 1.0),
    ("right-members", "Bukharin + Tomsky + Rykov", "correct", 1.0),
    ("right-members", "Bukharin, Tomsky, Rykov, Bukharin", "correct", 1.0),
    ("right-members", "Bukharin, Bukharin, Bukharin", "partial", 1 / 3),
)

REGNAL = rows(
    ("break-with-rome", "Henry VIII", "correct", 1.0),
    ("break-with-rome", "Henry 8", "correct", 1.0),
    ("break-with-rome", "Henry 8th", "correct", 1.0),
    ("break-with-rome", "Henry the Eighth", "correct", 1.0),
    ("break-with-rome", "Henry the eighth", "correct", 1.0),
    ("break-with-rome", "henry viii", "correct", 1.0),
    ("break-with-rome", "King Henry VIII", "correct", 1.0),
    ("break-with-rome", "Henry VII", "wrong", 0.0),
    ("break-with-rome", "Henry 7", "wrong", 0.0),
    ("break-with-rome", "Henry the Seventh", "wrong", 0.0),
    ("break-with-rome", "Henry IX", "wrong", 0.0),
    ("break-with-rome", "Henry", "wrong", 0.0),
)


def check(qid: str, answer: str, verdict: str, score: float) -> None:
    q = bank().question(qid)
    assert q is not None
    m = mark(q, answer)
    assert m.verdict == verdict, m.feedback
    assert m.score == pytest.approx(score), m.feedback
    assert m.feedback


class TestFamilies:
    """Each family of shapes is marked as the issue asks, in the shared one-line marker."""

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), NEGATION)
    def test_negation_and_setting_aside(self, qid: str, answer: str, verdict: str,
                                        score: float) -> None:
        """'ending NEP' or 'not NEP' fails for a kept policy; 'against the Left' sets it aside."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), ABBREVIATIONS)
    def test_abbreviations_and_titles(self, qid: str, answer: str, verdict: str,
                                      score: float) -> None:
        """'Gen. Secretary' is General Secretary; the words in another order are not."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), FULLER)
    def test_a_fuller_answer_naming_what_the_prompt_names(self, qid: str, answer: str,
                                                          verdict: str, score: float) -> None:
        """'Hungary and Germany' for 'besides Germany...' is right; another country is a hedge."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), DATES)
    def test_dates_as_a_teacher_accepts_them(self, qid: str, answer: str, verdict: str,
                                             score: float) -> None:
        """'1924, in January', '01/1924' and a day within the month are January 1924."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), LIST_SHAPES)
    def test_list_shapes(self, qid: str, answer: str, verdict: str, score: float) -> None:
        """Numbered, bulleted, slash- and plus-separated lists; a repeated name counts once."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), REGNAL)
    def test_regnal_numbers(self, qid: str, answer: str, verdict: str, score: float) -> None:
        """'Henry 8', 'Henry VIII' and 'Henry the Eighth' are one answer; 'Henry VII' another."""
        check(qid, answer, verdict, score)

    def test_a_word_in_cyrillic_is_echoed_as_typed(self) -> None:
        """'Томский' is named back as the student wrote it, not stripped to 'Томскии'."""
        q = bank().question("right-members")
        assert q is not None
        feedback = " ".join(mark(q, "Bukharin, Томский, Rykov").feedback)
        assert "Томский" in feedback
        assert "Томскии" not in feedback

    def test_a_lone_i_is_no_regnal_number(self) -> None:
        """'Stalin I think' keeps 'i' as a word: only a name's numeral is a number."""
        from powerquiz.marking.normalize import tokenize

        assert tokenize("Stalin I think").words == ("stalin", "i", "think")
        assert tokenize("Elizabeth I").words == ("elizabeth", "1")

    def test_a_prompt_about_ending_keeps_the_verb(self) -> None:
        """For 'which policy did Stalin abandon?', 'abandoning NEP' is still NEP."""
        from dataclasses import replace

        q = bank().question("kept-policy")
        assert q is not None
        asked = replace(q, prompt="Which policy did Stalin abandon in 1928?")
        assert mark(asked, "abandoning NEP").verdict == "correct"
