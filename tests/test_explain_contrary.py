"""Statements said the other way round, and points said in other shapes (marking/contrary.py).

The schemes are written in the test, on other history than the bundled bank's, so
each rule is seen to hold for schemes the marker was never tuned on.
"""

from __future__ import annotations

from powerquiz.bank.model import Detail, Question, SchemeEntry, WrongAnswer
from powerquiz.marking.schememark import assess


def explain(prompt: str, *scheme: SchemeEntry, answer: str, marks: int = 0,
            synonyms: tuple[tuple[str, tuple[str, ...]], ...] = (),
            wrong: tuple[WrongAnswer, ...] = ()) -> Question:
    return Question("q", "t", "explain", prompt=prompt, marks=marks or len(scheme),
                    scheme=scheme, model_answer=answer, synonyms=synonyms, wrong=wrong)


def credited(q: Question, answer: str) -> list[str]:
    return assess(q, answer).credited


# The Wars of the Roses: a scheme with a not: phrase whose words a right answer negates.
YORK = SchemeEntry("York claimed the throne", ("York claimed the throne",),
                   not_=("Lancaster gave up the crown",))
LANCASTER = SchemeEntry("Lancaster said a usurper could not keep the crown",
                        ("usurper could not keep the crown",))
ROSES = explain("Describe the quarrel between York and Lancaster.", YORK, LANCASTER,
                answer="York claimed the throne. Lancaster argued that it was not possible "
                       "for a usurper, who could not keep the crown, to rule.")


class TestBlockingStatementsMustBeAsserted:
    """A not: or wrong: statement blocks a point only when its clause asserts it."""

    def test_a_negation_after_the_words_unsays_a_not_phrase(self) -> None:
        """'Lancaster never gave up the crown' states no 'Lancaster gave up the crown'."""
        assert credited(ROSES, "York claimed the throne; Lancaster gave up the crown "
                               "never, he said.") == [YORK.credit]
        assert credited(ROSES, "York claimed the throne. Lancaster, he said, gave up the "
                               "crown was not true.") == [YORK.credit]

    def test_an_asserted_not_phrase_still_blocks(self) -> None:
        """'Lancaster gave up the crown' said plainly still costs York's point."""
        assert YORK.credit not in credited(ROSES, "York claimed the throne and Lancaster "
                                                  "gave up the crown.")

    def test_another_name_between_its_words_is_not_the_statement(self) -> None:
        """'the Lancastrians watched Warwick give up the crown' is not their giving it up."""
        york = SchemeEntry("York claimed the throne", ("York claimed the throne",),
                           not_=("the Lancastrians gave up the crown",))
        q = explain("Describe the quarrel between York, Warwick and the Lancastrians.", york,
                    answer="York claimed the throne.", marks=1)
        assert credited(q, "York claimed the throne. The Lancastrians watched Warwick give "
                           "up the crown.") == [york.credit]
        assert credited(q, "York claimed the throne. The Lancastrians gave up the "
                           "crown.") == []


class TestAStatementAboutAnotherPerson:
    """A not: phrase opening with a person is stated only with that person as its subject."""

    def test_the_person_as_the_object_of_anothers_verb_states_nothing(self) -> None:
        """'York shamed Lancaster by giving up the crown' says York gave it up, not
        Lancaster: York's point stands."""
        assert credited(ROSES, "York shamed Lancaster by giving up the crown for a time, "
                               "then York claimed the throne.") == [YORK.credit]

    def test_the_person_as_subject_or_reported_still_states_it(self) -> None:
        """'Lancaster gave up the crown' and 'Warwick said Lancaster gave up the crown'
        both state the not: phrase."""
        assert YORK.credit not in credited(ROSES, "York claimed the throne and Lancaster "
                                                  "gave up the crown.")
        assert YORK.credit not in credited(ROSES, "York claimed the throne. Warwick said "
                                                  "Lancaster gave up the crown.")


class TestNotXButY:
    """A name set aside by 'not' in an aside or before 'who' leaves the rest standing."""

    def test_a_negation_in_an_aside_does_not_negate_the_clause(self) -> None:
        """'York, not Lancaster, claimed the throne' makes York's point."""
        assert credited(ROSES, "York, not Lancaster, claimed the throne.") == [YORK.credit]

    def test_an_aside_negation_does_not_unsay_a_not_phrase(self) -> None:
        """'Lancaster, not York, gave up the crown' still states the not: phrase."""
        assert YORK.credit not in credited(ROSES, "York claimed the throne. Lancaster, "
                                                  "not York, gave up the crown.")

    def test_who_after_a_name_set_aside_does_not_stand_for_it(self) -> None:
        """'York and not Lancaster who gave up the crown' is not Lancaster giving it up."""
        assert credited(ROSES, "York claimed the throne; it was York and not Lancaster "
                               "who gave up the crown.") == [YORK.credit]


CROMWELL = SchemeEntry("Henry removed Cromwell", ("removed Cromwell",))
NORFOLK = SchemeEntry("Norfolk backed Henry", ("Norfolk backed Henry",))
TUDOR = explain("Describe how Henry VIII dealt with Cromwell.", CROMWELL, NORFOLK,
                answer="Henry removed Cromwell, and Norfolk backed Henry.")


class TestObjectsAndOwners:
    """A name is a verb's object only without a preposition between; 'of X' is X's."""

    def test_a_preposition_before_the_name_unmakes_the_object(self) -> None:
        """'removed with Cromwell's help' is not 'removed Cromwell'."""
        assert credited(TUDOR, "Henry removed More with Cromwell's help.") == []

    def test_a_phrase_with_its_own_preposition_is_not_affected(self) -> None:
        """'dismissed from his post as Lord Privy Seal' makes 'dismissed as Lord Privy Seal'."""
        seal = SchemeEntry("He was dismissed as Lord Privy Seal",
                           ("dismissed as Lord Privy Seal",))
        q = explain("Describe Cromwell's fall.", seal, answer="He was dismissed as Lord "
                                                               "Privy Seal.")
        assert credited(q, "He was dismissed from his post as Lord Privy Seal.") \
            == [seal.credit]

    def test_supporters_of_someone_else_are_not_the_points(self) -> None:
        """'replaced by supporters of Norfolk' is not 'replaced by Henry's supporters'."""
        replaced = SchemeEntry("Cromwell's men were replaced by Henry's supporters",
                               ("replaced by his supporters",))
        q = explain("Describe how Henry and Norfolk changed the Council.", replaced,
                    answer="Cromwell's men were replaced by his supporters.")
        assert credited(q, "Cromwell's men were replaced by supporters of Norfolk.") == []
        assert credited(q, "Cromwell's men were replaced by supporters.") \
            == [replaced.credit]


REVOLT = SchemeEntry("The risings of 1549 were crushed", ("risings were crushed",
                                                           "Kett and the West"))
CRUSHED = explain("Explain why Somerset fell. (1 mark)", REVOLT,
                  answer="The risings were crushed.")


class TestOpposites:
    """A clause saying the point's outcome the other way round makes nothing."""

    def test_succeeded_for_a_point_about_failure_earns_nothing(self) -> None:
        """'Kett and the West succeeded' does not make a point about their being crushed."""
        assert credited(CRUSHED, "Kett and the West succeeded in their aims.") == []

    def test_the_same_names_with_the_points_outcome_still_earn(self) -> None:
        """'Kett and the West were defeated' (no opposite word) makes the point."""
        assert credited(CRUSHED, "Kett and the West rose up.") == [REVOLT.credit]


PROTESTANT = SchemeEntry("Edward's council wanted more Protestant services",
                         ("more Protestant services", "Protestant services", "English Bible"))
FEWER_LANDS = SchemeEntry("The monasteries held fewer lands after 1536",
                          ("fewer lands", "lands"))
REFORM = explain("Describe how religion changed under Edward VI.", PROTESTANT, FEWER_LANDS,
                 answer="Edward's council wanted more Protestant services. The monasteries "
                        "held fewer lands after 1536.")


class TestLessOfIt:
    """'less', 'fewer' or 'away from' says the amount the other way round."""

    def test_less_before_the_match_earns_nothing(self) -> None:
        """'wanted less Protestant services' and 'fewer Protestant services' are the opposite."""
        assert credited(REFORM, "The council wanted less Protestant services.") == []
        assert credited(REFORM, "The council wanted fewer Protestant services.") == []

    def test_away_from_earns_nothing(self) -> None:
        """'moved away from the English Bible' is not wanting it."""
        assert credited(REFORM, "The council moved away from the English Bible.") == []

    def test_the_point_itself_about_less_is_still_made(self) -> None:
        """A point that is about fewer of something is made by 'fewer'."""
        assert credited(REFORM, "The monasteries held fewer lands.") == [FEWER_LANDS.credit]

    def test_more_or_no_amount_is_credited(self) -> None:
        """'wanted more Protestant services' and 'Protestant services' make the point."""
        assert credited(REFORM, "The council wanted Protestant services.") \
            == [PROTESTANT.credit]


COUNCIL = SchemeEntry("The Council decided not to print the will",
                      ("decided not to print",), not_=("Mary decided not to print",))
GREY = SchemeEntry("The Greys backed Jane, led by Northumberland",
                   ("Greys backed Jane",), not_=("Mary backed Jane",))
MARY = SchemeEntry("The Catholics backed Mary", ("Catholics backed Mary",),
                   not_=("Elizabeth backed Jane",))
WILL = explain("Explain how the Council and the Greys acted in 1553.", COUNCIL, GREY, MARY,
               answer="The Council decided not to print the will. The Greys backed Jane. "
                      "The Catholics backed Mary.")


class TestWrongActorsAndLeaders:
    """A role the not: phrases give to the wrong person is wrong for anyone unnamed."""

    def test_someone_the_point_never_names_in_the_role_blocks_it(self) -> None:
        """'Philip decided not to print it' is as wrong as 'Mary decided not to print'."""
        assert COUNCIL.credit not in credited(WILL, "It was kept quiet because Philip "
                                                    "decided not to print it.")

    def test_the_points_own_actor_keeps_it(self) -> None:
        """'The Council decided not to print it' is credited."""
        assert COUNCIL.credit in credited(WILL, "The Council decided not to print it.")

    def test_a_person_set_aside_from_the_other_group_is_of_this_side(self) -> None:
        """Elizabeth, wrong for the Greys' rival point, may back Mary's side's statement."""
        got = credited(WILL, "Elizabeth and the Catholics backed Mary.")
        assert MARY.credit in got

    def test_a_wrong_person_at_the_head_of_the_points_group_costs_it(self) -> None:
        """'Mary led the Greys, who backed Jane' puts the Greys' point on the wrong side."""
        assert GREY.credit not in credited(WILL, "Mary led the Greys, who backed Jane.")
        assert GREY.credit not in credited(WILL, "The Greys under Mary backed Jane.")


class TestOtherShapes:
    """The same point in other words' shapes: modals, lists, 'which', notes, far apart."""

    def test_a_modal_verb_is_a_small_word(self) -> None:
        """'the reform would not last' makes 'the reform could not last'."""
        last = SchemeEntry("The reform could not last", ("reform could not last",))
        q = explain("Explain why the reform failed.", last, answer="The reform could "
                                                                  "not last.")
        assert credited(q, "The reform would not last.") == [last.credit]

    def test_a_list_of_names_may_have_commas(self) -> None:
        """'Cranmer, Latimer and Ridley were burned' makes 'Cranmer Latimer and Ridley'."""
        burned = SchemeEntry("The bishops were burned", ("Cranmer Latimer and Ridley",))
        q = explain("Describe Mary's persecution of Cranmer and Latimer and Ridley.", burned,
                    answer="Cranmer Latimer and Ridley were burned.")
        assert credited(q, "Cranmer, Latimer and Ridley were burned.") == [burned.credit]

    def test_which_after_a_name_stands_for_it(self) -> None:
        """'the Act, which most thought was a success' makes 'Act was a success'."""
        act = SchemeEntry("The Act was a success", ("Act was a success",))
        q = explain("Explain what the Church thought of the Act.", act,
                    answer="The Act was a success.")
        assert credited(q, "They kept the Act, which most thought was a success.") \
            == [act.credit]

    def test_a_long_phrase_may_be_made_further_apart_in_one_clause(self) -> None:
        """'members wanted to get on with real reform like the Act' makes 'members wanted
        reform'; a negation anywhere in that clause unsays it."""
        reform = SchemeEntry("Members wanted reform", ("members wanted reform",))
        q = explain("Explain the mood of the Commons.", reform, answer="Members wanted "
                                                                       "reform.")
        assert credited(q, "Many members wanted to get on with proper real reform.") \
            == [reform.credit]
        assert credited(q, "Many members never wanted to get on with proper real "
                           "reform.") == []

    def test_everyday_phrasal_verbs_are_the_plain_verb(self) -> None:
        """'got rid of the abbots' makes 'removed the abbots' without a synonym listed."""
        abbots = SchemeEntry("The abbots were removed", ("removed the abbots",))
        q = explain("Describe the Dissolution.", abbots, answer="Henry removed the abbots.")
        assert credited(q, "Henry got rid of the abbots.") == [abbots.credit]

    def test_a_negation_says_little(self) -> None:
        """'no interest in war' makes 'little interest in war'."""
        peace = SchemeEntry("The gentry had little interest in war",
                            ("little interest in war",))
        q = explain("Explain why peace was kept.", peace, answer="The gentry had little "
                                                                 "interest in war.")
        assert credited(q, "The gentry had no interest in war.") == [peace.credit]

    def test_a_note_about_the_protagonist_may_leave_out_his_name(self) -> None:
        """'- ill 1553' makes 'Edward was ill'; 'Mary was ill' does not."""
        ill = SchemeEntry("He was ill", ("Edward was ill",), not_=("Mary was ill",))
        q = explain("Describe Edward VI's weaknesses.", ill, answer="Edward was ill.")
        assert credited(q, "Notes:\n- ill 1553\n- young") == [ill.credit]
        assert credited(q, "Mary was ill.") == []


class TestYearsAndLabels:
    """A misdated match gives way to a rightly dated one; a bare label earns nothing."""

    def test_a_later_match_with_the_right_year_earns_the_point(self) -> None:
        """A first match stating a wrong year does not hide a later one stating none."""
        fall = SchemeEntry("In 1540 Cromwell fell", ("Cromwell fell",))
        q = explain("Describe Cromwell's career.", fall, answer="In 1540 Cromwell fell.")
        assert credited(q, "In 1536 Cromwell rose as Cromwell fell away from Anne; "
                           "then Cromwell fell.") == [fall.credit]
        assert credited(q, "In 1536 Cromwell fell.") == []

    def test_an_answer_that_is_only_a_label_of_names_earns_nothing(self) -> None:
        """'The Pilgrimage of Grace.' alone names the point without making it."""
        rising = SchemeEntry("The Pilgrimage of Grace rose against him",
                             ("Pilgrimage of Grace",))
        q = explain("Explain the opposition to the Dissolution.", rising,
                    answer="The Pilgrimage of Grace rose against the Dissolution.")
        assert credited(q, "The Pilgrimage of Grace.") == []
        assert credited(q, "The Pilgrimage of Grace rose in 1536.") == [rising.credit]

    def test_two_labels_set_against_each_other_earn_nothing(self) -> None:
        """'royal supremacy vs papal authority' names the dispute without describing it;
        a sentence saying who wanted which earns both points."""
        king = SchemeEntry("Henry wanted royal supremacy", ("royal supremacy",))
        pope = SchemeEntry("The Pope held to papal authority", ("papal authority",))
        q = explain("Describe the quarrel between Henry and the Pope.", king, pope,
                    answer="Henry wanted royal supremacy; the Pope held to papal authority.")
        assert credited(q, "royal supremacy vs papal authority") == []
        assert credited(q, "Henry wanted royal supremacy, against papal authority.") \
            == [king.credit, pope.credit]

    def test_a_pronoun_between_is_no_other_name(self) -> None:
        """'remove him as Lord Chancellor' makes 'removed as Lord Chancellor'."""
        chan = SchemeEntry("Wolsey was removed as Lord Chancellor",
                           ("removed as Lord Chancellor",))
        q = explain("Explain why Wolsey fell.", chan, answer="Henry removed Wolsey as Lord "
                                                             "Chancellor.")
        assert credited(q, "Henry decided to remove him as Lord Chancellor.") \
            == [chan.credit]

    def test_a_credits_name_after_a_preposition_is_not_its_subject(self) -> None:
        """'With Wolsey they were blamed' is about them: 'Henry blamed them' makes it."""
        blamed = SchemeEntry("With Wolsey they were blamed for the divorce",
                             ("blamed them for the divorce",))
        q = explain("Describe what happened to Wolsey's allies.", blamed,
                    answer="Henry blamed them for the divorce.")
        assert credited(q, "Henry blamed them for the divorce.") == [blamed.credit]


def test_the_detail_still_needs_its_point() -> None:
    """A detail near a phrase the new rules refuse earns nothing either."""
    crown = SchemeEntry("York took the crown", ("York took the crown",),
                        detail=Detail(("1461",)))
    q = explain("Describe York's victory.", crown, answer="York took the crown in 1461.",
                marks=2)
    assert assess(q, "In 1461 York never took the crown.").awarded == 0
