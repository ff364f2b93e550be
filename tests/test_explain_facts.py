"""Facts stated wrongly (marking/facts.py): a match whose sentence states a year, a part
of the credit, the prompt's premise or a group's members wrongly earns nothing.

The schemes are written in the test, on Tudor history rather than the bundled bank's,
so each rule is seen to hold for schemes the marker was never tuned on.
"""

from __future__ import annotations

from explain_helpers import credited, explain
from powerquiz.bank.model import Detail, SchemeEntry
from powerquiz.marking.facts import year_wrong
from powerquiz.marking.schememark import assess

DOUBTS = SchemeEntry("By 1536–1537 most northerners had serious doubts about the reforms",
                     ("doubts about the reforms", "unhappy with the reforms"))
PILGRIMAGE = explain("Explain why the Pilgrimage of Grace found support. (2 marks)", DOUBTS,
                     answer="By 1536–1537 most northerners had doubts about the reforms.")


class TestYearsReadAsATeacherReadsThem:
    """A year is right in, from or by the point's time, and wrong before or after it."""

    def test_by_another_year_for_a_point_dated_by_is_refused(self) -> None:
        """'By 1540 most had doubts' is not a point dated 'by 1536–1537'."""
        assert credited(PILGRIMAGE, "By 1540 most northerners had doubts about the "
                                    "reforms.") == []

    def test_by_the_points_own_range_is_credited(self) -> None:
        """'By 1536-37 ...' and 'in 1536' make the point."""
        assert credited(PILGRIMAGE, "By 1536-37 most had doubts about the reforms.") == [
            DOUBTS.credit]
        assert credited(PILGRIMAGE, "In 1536 most had doubts about the reforms.") == [
            DOUBTS.credit]

    def test_the_bounds(self) -> None:
        """by / until / after bound a point's time; 'from' and a bare year must be in it."""
        years = ((1536, 1537),)
        assert not year_wrong((1540, 1540), "by", years, dated_by=False)
        assert year_wrong((1530, 1530), "by", years, dated_by=False)
        assert year_wrong((1536, 1536), "until", years, dated_by=False)
        assert not year_wrong((1538, 1538), "until", years, dated_by=False)
        assert year_wrong((1540, 1540), "after", years, dated_by=False)
        assert not year_wrong((1536, 1536), "after", years, dated_by=False)
        assert not year_wrong((1536, 1536), "from", years, dated_by=False)
        assert year_wrong((1535, 1535), "from", years, dated_by=False)


SECRET = SchemeEntry("The Council decided not to proclaim the will", ("not proclaim",
                                                                     "kept the will secret"))
DEATH = explain("Describe one reason why Northumberland benefited from what happened after "
                "Edward VI's death in July 1553. (1 mark)", SECRET,
                answer="In 1553 the Council decided not to proclaim the will.")


class TestThePromptsDate:
    """A point with no year of its own takes the year the prompt dates its event with."""

    def test_another_year_is_refused(self) -> None:
        """'In 1558 the Council decided not to proclaim the will' is the wrong year."""
        assert credited(DEATH, "In 1558 the Council decided not to proclaim the will.") == []

    def test_the_year_or_none_is_credited(self) -> None:
        """'In July 1553 ...' and an answer with no year make the point."""
        assert credited(DEATH, "In July 1553 the Council kept the will secret.") == [
            SECRET.credit]
        assert credited(DEATH, "The Council decided not to proclaim the will.") == [
            SECRET.credit]


ATTACK = SchemeEntry("He saw that most MPs had doubts about the monasteries, and attacked them",
                     ("doubts about the monasteries",))
CROMWELL = explain("How far did Cromwell read the mood of Parliament? (1 mark)", ATTACK,
                   answer="Cromwell saw most MPs had doubts about the monasteries and "
                          "attacked them.")


class TestANegatedPartOfTheCredit:
    """A sentence negating another part of the credit, of its person, makes no point."""

    def test_did_not_attack_is_refused(self) -> None:
        """'...had doubts about the monasteries and Cromwell did not attack them' fails."""
        assert credited(CROMWELL, "Most MPs had doubts about the monasteries and Cromwell "
                                  "did not attack them.") == []

    def test_the_point_alone_is_credited(self) -> None:
        """'Most MPs had doubts about the monasteries' makes the point."""
        assert credited(CROMWELL, "Most MPs had doubts about the monasteries.") == [
            ATTACK.credit]

    def test_a_negation_of_no_person_is_no_contrary(self) -> None:
        """'...doubts about the monasteries, which could not be reformed' still makes it."""
        assert credited(CROMWELL, "Most MPs had doubts about the monasteries, which "
                                  "could not attack abuses.") == [ATTACK.credit]


TIMING = SchemeEntry("It came in 1553, as the succession crisis began",
                     ("succession crisis", "1553"))
ILLNESS = explain("Explain the importance of Edward VI's poor health in 1553. (1 mark)",
                  TIMING, answer="Edward's poor health came in 1553, as the succession "
                                 "crisis began.")


class TestTheReversedPremise:
    """The prompt's state of a noun said the opposite way makes no point."""

    def test_health_was_fine_is_refused(self) -> None:
        """'Edward's health was fine in 1553' is not the point about his poor health."""
        assert credited(ILLNESS, "Edward's health was fine in 1553, it got bad later.") == []

    def test_the_premise_kept_is_credited(self) -> None:
        """'His health was bad in 1553' and 'not good' make the point."""
        assert credited(ILLNESS, "His health was bad in 1553.") == [TIMING.credit]
        assert credited(ILLNESS, "The succession crisis began when his health was not "
                                 "good.") == [TIMING.credit]


LABEL = SchemeEntry("He branded them the Pilgrims, rebels against the King",
                    ("branded the Pilgrims", "the Pilgrims"))
LEADERS = SchemeEntry("Aske, Darcy and Constable led the Pilgrims",
                      ("Aske led the Pilgrims", "Pilgrims were led by Aske"))
REBELS = explain("Describe how Henry VIII dealt with the Pilgrims. (2 marks)", LABEL, LEADERS,
                 answer="Henry VIII branded the Pilgrims, led by Aske, rebels.",
                 explanation="The Pilgrims were led by Aske, Darcy and Constable.")


class TestTheWrongMembers:
    """Persons listed under a group label none of whom the question places in it."""

    def test_the_wrong_persons_are_refused(self) -> None:
        """'Henry branded Cromwell, Cranmer and Audley the Pilgrims' credits nothing."""
        got = credited(REBELS, "Henry branded Cromwell, Cranmer and Audley the Pilgrims.")
        assert LABEL.credit not in got

    def test_the_right_persons_are_credited(self) -> None:
        """'Henry branded Aske, Darcy and Constable the Pilgrims' makes the label point."""
        got = credited(REBELS, "Henry branded Aske, Darcy and Constable the Pilgrims.")
        assert LABEL.credit in got


SIDES = SchemeEntry("The Reformers' leaders were Cranmer and Latimer",
                    ("Cranmer was with the Reformers", "Reformers such as Cranmer"))
PARTIES = explain("Describe the Reformers and the Conservatives under Henry VIII. (1 mark)",
                  SIDES, answer="The Reformers' leaders were Cranmer and Latimer.")


class TestAMembershipIsNoBareLabel:
    """A phrase of a person and a group only states who belongs where."""

    def test_a_person_on_a_side_is_credited(self) -> None:
        """'Cranmer was with the Reformers.' alone makes the point (no bare label)."""
        assert credited(PARTIES, "Cranmer was with the Reformers.") == [SIDES.credit]

    def test_a_group_alone_is_still_a_bare_label(self) -> None:
        """'The Reformers.' alone makes nothing."""
        assert credited(PARTIES, "The Reformers.") == []


ENCLOSE = SchemeEntry("Landlords were enclosing common land", ("enclosing common land",),
                      detail=Detail(("push rents up", "raise rents")))
KETT = explain("Explain why Kett's rebellion broke out in 1549. (2 marks)", ENCLOSE,
               answer="Landlords were enclosing common land to push rents up.")


class TestADirectionTurnedRound:
    """A detail of a direction is not made by a clause giving the other direction."""

    def test_down_for_up_earns_no_detail(self) -> None:
        """'...enclosing common land to push rents down' earns the point, not the detail."""
        assert assess(KETT, "Landlords were enclosing common land to push rents "
                            "down.").awarded == 1

    def test_up_earns_the_detail(self) -> None:
        """'...enclosing common land to push rents up' earns both."""
        assert assess(KETT, "Landlords were enclosing common land to push rents "
                            "up.").awarded == 2
