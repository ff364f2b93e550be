"""Whose side, which way and when (marking/sides.py): points stated wrongly earn nothing.

The schemes are written in the test, on Tudor history rather than the bundled
bank's, so each rule is seen to hold for schemes the marker was never tuned on.
"""

from __future__ import annotations

from explain_helpers import credited, explain
from powerquiz.bank.model import Detail, SchemeEntry
from powerquiz.marking.schememark import assess

REFORM = SchemeEntry("The reformers wanted the Prayer Book", ("Prayer Book",))
SPEED = SchemeEntry("Rapid dissolution of the monasteries",
                    ("rapid dissolution", "dissolution"))
PLAN = explain("Describe the policies the reformers wanted under Edward VI.", REFORM, SPEED,
               answer="The reformers wanted the Prayer Book and a rapid dissolution.")


class TestStandingAgainst:
    """A word of opposing just before a policy says the point the other way round."""

    def test_were_against_makes_nothing(self) -> None:
        """'They were against the Prayer Book' is not wanting the Prayer Book."""
        assert credited(PLAN, "The reformers were against the Prayer Book.") == []

    def test_rejected_makes_nothing(self) -> None:
        """'They rejected the Prayer Book' is not wanting it."""
        assert credited(PLAN, "The reformers rejected the Prayer Book.") == []

    def test_against_without_be_sets_nothing_aside(self) -> None:
        """'They backed Cranmer against the old Mass and wanted the Prayer Book' makes it."""
        got = credited(PLAN, "They backed Cranmer against the old Mass, and wanted the "
                             "Prayer Book.")
        assert got == [REFORM.credit]


class TestSpeed:
    """Slow and rapid are opposites, as success and failure are."""

    def test_slow_down_is_not_rapid(self) -> None:
        """'They wanted to slow down the dissolution' makes no rapid dissolution."""
        assert credited(PLAN, "They wanted to slow down the dissolution.") == []

    def test_the_dissolution_alone_still_earns(self) -> None:
        """'They wanted the dissolution' makes the point."""
        assert credited(PLAN, "They wanted the dissolution.") == [SPEED.credit]


ALLY = SchemeEntry("Cecil used the support of Walsingham and the Council",
                   ("Cecil's ally", "allied with Cecil", "support of the Council",
                    "Walsingham supported Cecil"))
RIVAL = SchemeEntry("Essex was the chief rival", ("Essex was the rival",))
COURT = explain("Describe Walsingham's part at Elizabeth's court.", ALLY, RIVAL,
                answer="Walsingham was Cecil's ally, with the support of the Council. Essex "
                       "was the rival.")


class TestTheWrongAlly:
    """A support word owned by someone else, or turned against an ally, is not the point."""

    def test_someone_elses_ally_is_not_the_points(self) -> None:
        """'Walsingham was Essex's main ally' is not 'Cecil's ally'."""
        assert ALLY.credit not in credited(COURT, "Walsingham was Essex's main ally.")

    def test_allies_against_an_ally_is_the_other_way_round(self) -> None:
        """'Essex and Walsingham were allies against Cecil' earns no alliance with Cecil."""
        assert ALLY.credit not in credited(COURT, "Essex and Walsingham were allies against "
                                                  "Cecil.")

    def test_the_points_own_ally_still_earns(self) -> None:
        """'Walsingham was Cecil's closest ally' makes the point."""
        assert ALLY.credit in credited(COURT, "Walsingham was Cecil's closest ally.")

    def test_a_preposition_before_the_support_is_no_owner(self) -> None:
        """'Cecil removed Essex with the support of the Council' makes the point."""
        assert ALLY.credit in credited(COURT, "Cecil removed Essex with the support of the "
                                              "Council.")


ENCLOSE = SchemeEntry("Peasants were losing common land to enclosure",
                      ("losing common land", "peasants lost land"))
PRICES = SchemeEntry("Prices were rising", ("prices were rising",))
KETT = explain("Explain why Kett's rebellion broke out in 1549.", ENCLOSE, PRICES,
               answer="Peasants were losing common land to enclosure and prices were rising.")


class TestTheWrongCrowd:
    """Another social group as the subject of a point's verb makes nothing."""

    def test_the_wrong_group_makes_nothing(self) -> None:
        """'The nobles were losing common land' is not the peasants' point."""
        assert ENCLOSE.credit not in credited(KETT, "The nobles were losing common land.")

    def test_a_kind_of_the_same_group_still_earns(self) -> None:
        """'Farmers were losing common land' (farmers are peasants) makes the point."""
        assert ENCLOSE.credit in credited(KETT, "Farmers were losing common land.")


MOOD = SchemeEntry("In the mid-1530s most thought the break with Rome a success",
                   ("break with Rome was a success",))
LATER = SchemeEntry("By the late 1530s the monasteries were closing", ("monasteries closing",))
ROME = explain("Explain how views of the break with Rome changed in the 1530s.", MOOD, LATER,
               answer="In the mid-1530s most thought the break with Rome was a success. By "
                      "the late 1530s the monasteries were closing.")


class TestTheWrongPartOfADecade:
    """A point about the mid part of a decade is not made by a clause about its late part."""

    def test_late_for_mid_makes_nothing(self) -> None:
        """'By the late 1530s they thought the break with Rome was a success' is misdated."""
        got = credited(ROME, "By the late 1530s they thought the break with Rome was a "
                             "success.")
        assert MOOD.credit not in got

    def test_the_points_own_part_still_earns(self) -> None:
        """'In the mid-1530s the break with Rome was a success' makes the point."""
        assert MOOD.credit in credited(ROME, "In the mid-1530s the break with Rome was a "
                                             "success.")


ILL = SchemeEntry("Edward's health was poor in 1553", ("he was ill", "Edward was ill"))
EDWARD = explain("Describe one reason why Edward VI could not stop Mary.", ILL,
                 answer="Edward was ill in 1553.")


class TestAPersonTheQuestionNeverNames:
    """A phrase about 'he' is not made of a capitalised someone else just before it."""

    def test_another_person_is_not_he(self) -> None:
        """'Northumberland was ill' is not 'he was ill' of Edward."""
        assert credited(EDWARD, "Northumberland was ill in 1553.") == []

    def test_he_still_earns(self) -> None:
        """'Sadly he was ill' makes the point."""
        assert credited(EDWARD, "Sadly he was ill.") == [ILL.credit]


SIDE = SchemeEntry("Norfolk was on the Catholic side", ("Norfolk joined the Catholics",))
PLOT = SchemeEntry("He was named in the Ridolfi League", ("Ridolfi League", "Catholics League"),
                   detail=Detail(("Norfolk",)))
HOWARD = explain("Describe Norfolk's part in the plots against Elizabeth.", SIDE, PLOT,
                 answer="Norfolk joined the Catholics. He was named in the Ridolfi League.")


class TestLongerNamesAndOtherPointsWords:
    """A name that starts a longer name, and words another point used, make nothing more."""

    def test_the_first_word_of_a_longer_name_is_not_the_name(self) -> None:
        """'Norfolk joined the Catholics League' does not say he joined the Catholics."""
        assert SIDE.credit not in credited(HOWARD, "Norfolk joined the Catholics League.")

    def test_the_name_alone_still_fills_its_slot(self) -> None:
        """'Norfolk joined the Catholics' makes the point."""
        assert SIDE.credit in credited(HOWARD, "Norfolk joined the Catholics.")

    def test_a_detail_is_not_made_by_another_points_words(self) -> None:
        """'Norfolk joined the Catholics. The Ridolfi League.': the plot's detail 'Norfolk'
        is the first point's word, so it earns no detail mark."""
        got = assess(HOWARD, "Norfolk joined the Catholics. The Ridolfi League.")
        assert got.credited == [SIDE.credit, PLOT.credit] and got.awarded == 2


SICK = SchemeEntry("Edward's health was poor", ("Edward's health was poor",))
DEVON = SchemeEntry("The West had little interest in the Prayer Book",
                    ("little interest in the Prayer Book",))
WEST = explain("Explain why Edward VI's reforms met resistance.", SICK, DEVON,
               answer="Edward's health was poor. The West had little interest in the "
                      "Prayer Book.")


class TestEverydayWords:
    """'Bad' says 'poor' and 'lack of' says 'little', for every question."""

    def test_bad_health_is_poor_health(self) -> None:
        """'Edward's health was bad' makes 'Edward's health was poor'."""
        assert credited(WEST, "Edward's health was bad.") == [SICK.credit]

    def test_a_lack_of_interest_is_little_interest(self) -> None:
        """'The West's lack of interest in the Prayer Book' makes the little-interest point."""
        assert credited(WEST, "The West's lack of interest in the Prayer Book.") \
            == [DEVON.credit]


ENDED = SchemeEntry("The Reformers wanted the Mass ended", ("the Reformers wanted to end the Mass",
                                                            "end the Mass"))
MASS = explain("Describe what the Reformers wanted under Edward VI.", ENDED,
               answer="The Reformers wanted to end the Mass.")


class TestObjectPronouns:
    """'It' or 'them' as an object is never its own clause's group subject."""

    def test_it_after_the_subject_stands_for_the_group_before(self) -> None:
        """'The Mass was old, and the Reformers wanted to end it': it is the Mass."""
        assert credited(MASS, "The Mass was old, and the Reformers wanted to end it.") \
            == [ENDED.credit]


class TestSpeedAfter:
    """A speed before its word in a phrase is made by the speed after it, as adverbs stand."""

    def test_the_adverb_after_makes_the_point(self) -> None:
        """'They wanted to dissolve it rapidly' and '...the dissolution done fast' make it."""
        q = explain("Describe the reformers' policies.",
                    SchemeEntry("Rapid dissolution", ("wanted rapid dissolution",)),
                    answer="They wanted rapid dissolution.")
        assert credited(q, "They wanted the dissolution rapidly.") == [q.scheme[0].credit]
        assert credited(q, "They wanted the dissolution of the abbeys done fast.") == [
            q.scheme[0].credit]

    def test_the_opposite_speed_after_makes_nothing(self) -> None:
        """'They wanted the dissolution slowly' is no rapid dissolution."""
        q = explain("Describe the reformers' policies.",
                    SchemeEntry("Rapid dissolution", ("wanted rapid dissolution",)),
                    answer="They wanted rapid dissolution.")
        assert credited(q, "They wanted the dissolution slowly.") == []
