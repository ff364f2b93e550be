"""Paraphrases every bank understands (marking/schemewords.py's families) and a point's
own credit wording as a way of making it (marking/creditwords.py).

The schemes are written in the test, on Tudor history rather than the bundled bank's,
so each rule is seen to hold for schemes the marker was never tuned on.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank.model import Question, SchemeEntry
from powerquiz.marking.creditwords import credit_runs
from powerquiz.marking.normalize import tokenize
from powerquiz.marking.scheme import CLAUSE_WORDS
from powerquiz.marking.schememark import assess
from powerquiz.marking.schemewords import NOT, is_small, stem


def explain(prompt: str, *scheme: SchemeEntry, answer: str) -> Question:
    marks = sum(e.marks for e in scheme)
    return Question("q", "t", "explain", prompt=prompt, marks=marks, scheme=scheme,
                    model_answer=answer)


def credited(q: Question, answer: str) -> list[str]:
    return assess(q, answer).credited


def family(credit: str, phrase: str) -> Question:
    entry = SchemeEntry(credit, (phrase,))
    return explain("Describe what happened at the court of Henry VIII.", entry,
                   answer=f"{phrase.capitalize()}.")


class TestFamilies:
    """Everyday words of one meaning make each other's phrases in every bank."""

    def test_expelled_is_removed(self) -> None:
        """'The monks were expelled' makes 'monks were removed'."""
        q = family("The monks were removed", "monks were removed")
        assert credited(q, "The monks were expelled from the abbeys.") == [q.scheme[0].credit]

    def test_sided_with_is_supported(self) -> None:
        """'Norfolk sided with the Queen' makes 'supported the Queen'."""
        q = family("Norfolk supported the Queen", "supported the Queen")
        assert credited(q, "Norfolk sided with the Queen.") == [q.scheme[0].credit]

    def test_fast_is_rapid(self) -> None:
        """'a fast dissolution' makes 'rapid dissolution'."""
        q = family("A rapid dissolution", "rapid dissolution")
        assert credited(q, "Cromwell wanted a fast dissolution.") == [q.scheme[0].credit]

    def test_harsh_is_critical(self) -> None:
        """'harsh about the monks' makes 'critical of the monks'."""
        q = family("The visitors were critical of the monks", "critical of the monks")
        assert credited(q, "The visitors were harsh about the monks.") == [q.scheme[0].credit]

    def test_keen_is_interested(self) -> None:
        """'not keen on war' makes 'not interested in war'."""
        q = family("The Council was not interested in war", "not interested in war")
        assert credited(q, "The Council was not keen on war.") == [q.scheme[0].credit]

    def test_fed_up_with_is_reservations(self) -> None:
        """'fed up with the Six Articles' makes 'reservations about the Six Articles'."""
        q = family("Many had reservations about the Six Articles",
                   "reservations about the Six Articles")
        assert credited(q, "Many were fed up with the Six Articles.") == [q.scheme[0].credit]

    def test_poorly_is_ill(self) -> None:
        """British 'the King was poorly' makes 'the King was ill'."""
        q = family("The King was ill", "King was ill")
        assert credited(q, "By 1546 the King was poorly.") == [q.scheme[0].credit]

    def test_communism_is_socialism_and_last_is_survive(self) -> None:
        """'communism could only last' makes 'socialism to survive'."""
        q = family("Socialism had to survive", "socialism to survive")
        assert credited(q, "They thought communism could only last abroad.") == \
            [q.scheme[0].credit]

    def test_refused_is_a_negation(self) -> None:
        """'The monks refused to sign' makes 'monks would not sign', and refusing to
        surrender is no 'surrendered'."""
        q = family("The monks would not sign the oath", "monks would not sign")
        assert credited(q, "The monks refused to sign the oath.") == [q.scheme[0].credit]
        s = family("The abbots surrendered their houses", "abbots surrendered")
        assert credited(s, "The abbots refused to surrender.") == []

    def test_a_family_word_negated_earns_nothing(self) -> None:
        """'The monks were never expelled' does not make 'monks were removed'."""
        q = family("The monks were removed", "monks were removed")
        assert credited(q, "The monks were never expelled.") == []

    def test_slow_is_still_not_fast(self) -> None:
        """'a slow dissolution' makes no 'rapid dissolution', though fast is rapid."""
        q = family("A rapid dissolution", "rapid dissolution")
        assert credited(q, "Cromwell wanted a slow dissolution.") == []


SHRINES = SchemeEntry("The shrines of the saints were stripped bare",
                      ("shrines were looted",), not_=("shrines kept their treasure",))
JOINT = SchemeEntry("The abbey lands were owned jointly by the Crown",
                    ("Crown owned the lands",), not_=("abbey lands stayed with the monks",))
LITTLE = SchemeEntry("The Council had little interest in a long war",
                     ("Council did not want war",), not_=("Council wanted a French war",))
TOMBS = explain("Describe what happened to the monasteries under Henry VIII.",
                SHRINES, JOINT, LITTLE,
                answer="The shrines were looted, the Crown owned the lands and the Council "
                       "did not want war.")


class TestCreditWording:
    """A run of a credit's content words makes its point, as a last resort."""

    def test_a_run_of_the_credit_makes_the_point(self) -> None:
        """'the tombs were stripped bare' is the credit's wording, not an any: phrase."""
        assert credited(TOMBS, "The tombs were stripped bare.") == [SHRINES.credit]

    def test_a_run_negated_makes_nothing(self) -> None:
        """'The tombs were not stripped bare' does not make the point."""
        assert credited(TOMBS, "The tombs were not stripped bare.") == []

    def test_a_run_a_not_phrase_also_holds_makes_nothing(self) -> None:
        """'abbey lands' is in both the credit and a not: phrase: it names the matter."""
        assert credited(TOMBS, "The abbey lands were sold.") == []

    def test_a_negated_credit_needs_its_no(self) -> None:
        """'little interest' makes the point; 'long war' alone (without the no) does not."""
        assert credited(TOMBS, "The Council showed little interest.") == [LITTLE.credit]
        assert credited(TOMBS, "The Council talked of a long war.") == []

    def test_a_run_with_a_name_makes_nothing(self) -> None:
        """'owned jointly by the Crown': only the run without the name ('owned jointly')."""
        assert credited(TOMBS, "They were owned jointly.") == [JOINT.credit]
        assert "crown" not in " ".join(credit_runs(JOINT.credit, JOINT.not_, stem,
                                                   CLAUSE_WORDS, frozenset()))

    def test_a_label_before_a_colon_gives_no_run(self) -> None:
        """'Good fortune: ...' is a heading of the credit, not a way of making it."""
        runs = credit_runs("Good fortune: the King died young", (), stem, CLAUSE_WORDS,
                           frozenset({"good", "fortune"}))
        assert runs == ("king died young",)

    def test_a_capitalised_first_word_never_written_small_is_a_name(self) -> None:
        """'Cromwell's men were replaced': 'Cromwell's men' is the point's subject."""
        runs = credit_runs("Cromwell's men were replaced by loyal servants", (), stem,
                           CLAUSE_WORDS, frozenset({"men", "replaced"}))
        assert runs == ("loyal servants",)


WORDS = st.lists(st.sampled_from(["the", "king", "monks", "not", "little", "of", "and",
                                  "rapid", "was", "lands", "war", "no", "crown"]),
                 min_size=0, max_size=12)


class TestCreditRunsProperties:
    """What any credit's runs are, whatever its words."""

    @given(WORDS, WORDS)
    def test_runs_are_the_credits_own_content_words(self, credit: list[str],
                                                    nots: list[str]) -> None:
        """Every run is two or more of the credit's words, none small, none in every
        word of a not: phrase, and says the credit's no when it has one."""
        text = " ".join(credit)
        negated = any(stem(w) == NOT or w in {"little", "few"} for w in credit)
        not_text = " ".join(nots)
        said = {stem(w) for w in tokenize(not_text).words}
        for run in credit_runs(text, (not_text,) if nots else (), stem, CLAUSE_WORDS,
                               frozenset(credit)):
            words = run.split()
            assert len(words) >= 2 and " " + run + " " in " " + text + " "
            assert not any(is_small(w) for w in words)
            assert not (nots and {stem(w) for w in words} <= said)
            assert not negated or any(stem(w) == NOT or w in {"little", "few"} for w in words)


SECRETARY = SchemeEntry("Cecil misled him about the Queen's plans and became Secretary",
                        ("became Secretary", "misled Essex"))
ESSEX = explain("Describe one reason why Essex failed at court.", SECRETARY,
                answer="Cecil misled Essex and became Secretary.")


class TestUnnamedSubject:
    """A credit's first word that only ever starts a sentence may still be its person."""

    def test_the_credits_own_person_makes_the_point(self) -> None:
        """'Cecil became Secretary' makes the point about Cecil, not about 'him' (Essex)."""
        assert credited(ESSEX, "Cecil became Secretary.") == [SECRETARY.credit]

    def test_another_person_does_not(self) -> None:
        """'Essex became Secretary' is the deed done by someone else."""
        assert credited(ESSEX, "Essex became Secretary.") == []


FALL = SchemeEntry("Cromwell was removed in 1540", ("Cromwell was removed",))
COURT = explain("Describe what happened to Cromwell and Norfolk.", FALL,
                answer="Cromwell was removed in 1540.")


class TestNotesOut:
    """Notes' "Cromwell out" is "Cromwell removed"; other outs are not."""

    def test_a_name_then_out_ending_a_note_is_removed(self) -> None:
        """'- 1540: Cromwell out' makes 'Cromwell was removed'."""
        assert credited(COURT, "- 1536: Norfolk in\n- 1540: Cromwell out") == [FALL.credit]

    def test_out_going_on_or_after_another_word_is_not(self) -> None:
        """'Cromwell out of favour' and 'Cromwell was left out' remove nobody."""
        assert credited(COURT, "Cromwell out of favour by 1540.") == []
        assert credited(COURT, "Cromwell was left out.") == []
