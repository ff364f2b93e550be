"""Marking an extended answer point by point against its mark scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from powerquiz.bank import load_bank
from powerquiz.bank.model import Detail, Question, SchemeEntry, WrongAnswer
from powerquiz.marking import mark
from powerquiz.marking.schememark import assess

DATA = Path(__file__).parent / "data"

FUNERAL = SchemeEntry(
    "the funeral trick", ("chief mourner", "misled Trotsky about the funeral"),
    not_=("Trotsky was chief mourner",),
    detail=Detail(("Lenin's funeral", "January 1924", "Trotsky missed the funeral")),
)
HEIR = SchemeEntry("Lenin's true heir", ("true heir", "Lenin's heir"))
Q = Question(
    "q", "t", "explain", prompt="Describe two ways. (3 marks)", marks=3, max_credited=2,
    scheme=(FUNERAL, HEIR), synonyms=(("misled", ("tricked", "deceived", "lied to")),),
    model_answer="He was chief mourner at Lenin's funeral and Lenin's true heir, "
                 "having misled Trotsky.",
    wrong=(WrongAnswer("Trotsky was chief mourner", "It was Stalin."),),
)


def marks(answer: str, q: Question = Q) -> int:
    return assess(q, answer).awarded


class TestPhrases:
    """A phrase is made by its words, in order and close together, in one sentence."""

    def test_words_in_order_with_others_between(self) -> None:
        """Up to two other words may stand between a phrase's words, inside one clause."""
        assert marks("He made himself the true political successor and heir.") == 0
        assert marks("He made himself the true political heir.") == 1

    def test_too_far_apart_is_not_the_phrase(self) -> None:
        """Three other words between them break the phrase."""
        assert marks("He was true to Party leaders and workers, their heir.") == 0

    def test_small_words_do_not_count_as_between(self) -> None:
        """'about the date of the' holds one word that counts: the phrase is made."""
        assert marks("Stalin misled Trotsky about the date of the funeral.") >= 1

    def test_a_phrase_is_made_inside_one_sentence(self) -> None:
        """The words split over two sentences make nothing."""
        assert marks("He was chief. Mourner was he.") == 0

    def test_a_short_aside_between_commas_is_passed_over(self) -> None:
        """'the true, he said, heir' makes 'true heir'; a list between commas does not."""
        assert marks("He was the true, he said, heir.") == 1
        assert marks("He was the true, Lenin and Marx, heir.") == 0

    def test_case_punctuation_and_a_typo_are_forgiven(self) -> None:
        """'CHEIF-mourner' is chief mourner, and the typo is named."""
        a = assess(Q, "He was the CHEIF-mourner")
        assert a.awarded == 1
        assert ("CHEIF", "chief") in a.typos

    def test_british_and_american_spellings_are_one(self) -> None:
        """'organized' makes 'organised'."""
        q = Question("o", "t", "explain", marks=1, model_answer="It was organised.",
                     scheme=(SchemeEntry("organised", ("organised the party",)),))
        assert marks("He organized the Party.", q) == 1

    def test_simple_inflections_match(self) -> None:
        """'branding' and 'withheld' make 'branded' and 'withhold'."""
        q = Question("b", "t", "explain", marks=2, model_answer="x",
                     scheme=(SchemeEntry("brand", ("branded them factions",)),
                             SchemeEntry("grain", ("peasants withhold grain",))))
        assert marks("By branding them as factions; the peasants withheld grain.", q) == 2


class TestSynonyms:
    """A synonym group is one word for matching, both ways."""

    def test_a_synonym_makes_the_phrase(self) -> None:
        """'tricked Trotsky about the funeral' makes 'misled Trotsky about the funeral'."""
        assert marks("Stalin tricked Trotsky about the funeral.") >= 1

    def test_a_synonym_of_several_words(self) -> None:
        """'lied to Trotsky about the funeral' makes the misled phrase."""
        assert marks("Stalin lied to Trotsky about the funeral.") >= 1


class TestNegation:
    """A point said not to be so, or said wrongly, earns nothing."""

    def test_a_negated_point_is_not_credited(self) -> None:
        """'did not appear as chief mourner' earns nothing."""
        assert marks("He did not appear as chief mourner.") == 0

    def test_a_not_phrase_blocks_its_point(self) -> None:
        """Saying Trotsky was chief mourner blocks the funeral point, with the feedback."""
        a = assess(Q, "Trotsky was chief mourner at Lenin's funeral.")
        assert a.awarded == 0
        assert "It was Stalin." in a.feedback

    def test_setting_the_rival_aside_is_no_negation(self) -> None:
        """'Stalin, not Trotsky, was chief mourner' earns the point."""
        assert marks("Stalin, not Trotsky, was chief mourner.") == 1

    def test_a_phrase_with_its_own_not(self) -> None:
        """'not published' is made only by saying it; its own not does not cancel it."""
        q = Question("n", "t", "explain", marks=1, model_answer="It was not published.",
                     scheme=(SchemeEntry("kept secret", ("testament not published",)),))
        assert marks("The Testament was not published.", q) == 1
        assert marks("The Testament was published.", q) == 0


class TestMarks:
    """Marks are the credited points and details, at most max points, capped at marks."""

    def test_a_detail_needs_other_words_than_its_point(self) -> None:
        """'chief mourner' earns the point only; 'at Lenin's funeral' adds the detail."""
        assert marks("He was chief mourner.") == 1
        assert marks("He was chief mourner at Lenin's funeral.") == 2

    def test_a_detail_without_its_point_earns_nothing(self) -> None:
        """The date alone is no point."""
        assert marks("It happened in January 1924.") == 0

    def test_full_marks_is_correct_and_partial_between(self) -> None:
        """The verdict follows the marks; the score is awarded / out of."""
        part = mark(Q, "Stalin was chief mourner at Lenin's funeral.")
        assert part.verdict == "partial" and part.score == pytest.approx(2 / 3)
        assert mark(Q, Q.model_answer).verdict == "correct"
        assert mark(Q, "He was popular.").verdict == "wrong"

    def test_at_most_max_points_are_credited(self) -> None:
        """With max 1 only the better point counts."""
        q = Question("m", "t", "explain", marks=2, max_credited=1, model_answer="x",
                     scheme=(SchemeEntry("a", ("true heir",)),
                             SchemeEntry("b", ("chief mourner",), marks=2)))
        a = assess(q, "He was the true heir and chief mourner.")
        assert (a.awarded, a.credited) == (2, ["b"])

    def test_no_answer_earns_nothing(self) -> None:
        """'I don't know' and an empty answer earn 0, said plainly."""
        assert assess(Q, "").feedback[0] == "no answer given"
        assert marks("idk") == 0


class TestFeedback:
    """The feedback names each point credited and each missed."""

    def test_credited_and_missed_points_are_named(self) -> None:
        """One point made: it is ticked with its detail, and the other offered as missed."""
        m = mark(Q, "He was chief mourner at Lenin's funeral.")
        assert "You made 1 of 2 points" in m.feedback
        assert "✓ the funeral trick (+1 detail)" in m.feedback
        assert "✗ another point, e.g. Lenin's true heir" in m.feedback
        assert m.expected == Q.model_answer


def test_the_worked_example_marks_as_the_issue_says() -> None:
    """The documented example gives 4 for the model answer and 0 for the wrong statement."""
    q = load_bank(DATA / "explain_example.yaml").questions[0]
    assert assess(q, q.model_answer).awarded == 4
    assert assess(q, "Trotsky was chief mourner.").awarded == 0


@pytest.mark.parametrize("answer", ["\x00\x1b[31m", "." * 500, "not " * 300, "🙂" * 50])
def test_odd_answers_never_raise(answer: str) -> None:
    """Control characters, punctuation and long repeats are marked, not crashed on."""
    assert assess(Q, answer).awarded == 0
