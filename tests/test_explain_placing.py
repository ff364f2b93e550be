"""Who an answer places where, and who does what (marking/placing.py), and a year after
"the X and the Y": a person put in a rival group, another doer, half of an each/both
point denied, a year beyond a list of names.

The schemes are written in the test, on Tudor history rather than the bundled bank's,
so each rule is seen to hold for schemes the marker was never tuned on.
"""

from __future__ import annotations

from explain_helpers import credited, explain
from powerquiz.bank.model import Detail, SchemeEntry
from powerquiz.marking.schememark import assess

ATTAINTED = SchemeEntry(
    "He had each of them attainted by Parliament",
    ("attainted both", "attainted the Yorkists", "attainted the Lancastrians", "attainted them"),
    detail=Detail(("1487", "1495")))
ALIKE = explain(
    "Describe one way in which Henry VII dealt with the Yorkists and the Lancastrians in "
    "the same way. (2 marks)", ATTAINTED,
    answer="Henry had Parliament attaint both: the Yorkists in 1487, the Lancastrians in 1495.",
    explanation="Both were attainted by Parliament: first Lincoln and Lovell as Yorkists, "
                "later Stanley as a Lancastrian.")

CONSERVATIVES = SchemeEntry("The Conservatives were Gardiner, Norfolk and More",
                            ("Conservatives Gardiner", "Conservatives Norfolk",
                             "Conservatives More", "Conservatives were Gardiner"))
FELL = SchemeEntry("In 1540 the Reformers lost power",
                   ("Reformers lost power", "Reformers fell", "removed the Reformers",
                    "removed Cromwell"))
COURT = explain(
    "Describe the factions at the court of Henry VIII in the 1530s. (2 marks)",
    CONSERVATIVES, FELL,
    answer="The Conservatives were Gardiner, Norfolk and More. In 1540 the Reformers lost power.",
    explanation="Gardiner, Norfolk and More were the Conservatives; Cromwell, Cranmer and "
                "Latimer the Reformers, who lost power in 1540.")


class TestAPersonInARivalGroup:
    """A person the question places in one group, put by the answer in its rival, earns nothing."""

    def test_a_heading_list_with_a_rival_in_it_is_refused(self) -> None:
        """'The Conservatives: Gardiner, Norfolk, Cranmer.' puts a Reformer among them."""
        assert credited(COURT, "The Conservatives: Gardiner, Norfolk, Cranmer.") == []

    def test_the_right_heading_list_is_credited(self) -> None:
        """'The Conservatives: Gardiner, Norfolk, More.' makes the point."""
        assert credited(COURT, "The Conservatives: Gardiner, Norfolk, More.") == [
            CONSERVATIVES.credit]

    def test_a_rival_leading_the_group_is_refused(self) -> None:
        """'Gardiner led the Reformers, who lost power.': Gardiner was a Conservative."""
        assert credited(COURT, "Gardiner led the Reformers, who lost power.") == []

    def test_a_rival_after_under_or_led_by_is_refused(self) -> None:
        """'The Reformers, under Gardiner, lost power' and 'led by Gardiner' are refused;
        'under Cromwell' makes the point."""
        assert credited(COURT, "The Reformers, under Gardiner, lost power.") == []
        assert credited(COURT, "The Reformers led by Gardiner lost power.") == []
        assert credited(COURT, "The Reformers, under Cromwell, lost power.") == [FELL.credit]

    def test_a_rival_acting_on_the_group_places_nobody(self) -> None:
        """'In 1540 Gardiner removed the Reformers': the active verb between makes
        Gardiner their enemy, not one of them, so the point is made."""
        assert credited(COURT, "In 1540 Gardiner removed the Reformers.") == [FELL.credit]

    def test_the_groups_own_leader_is_credited(self) -> None:
        """'Cromwell led the Reformers, who lost power.' makes the point."""
        assert credited(COURT, "Cromwell led the Reformers, who lost power.") == [FELL.credit]

    def test_a_passive_label_with_a_rival_is_refused(self) -> None:
        """'Stanley was attainted as a Yorkist': the question places Stanley among the
        Lancastrians; 'Lovell was attainted as a Yorkist' is right."""
        assert credited(ALIKE, "Stanley was attainted as a Yorkist, and so were the "
                               "Lancastrians.") == []
        assert credited(ALIKE, "Lovell was attainted as a Yorkist, and so were the "
                               "Lancastrians.") == [ATTAINTED.credit]


class TestAnotherDoer:
    """A point whose credit's subject is the protagonist is not made with another doer."""

    def test_another_person_doing_it_is_refused(self) -> None:
        """'Lovell attainted the Yorkists and the Lancastrians.' gives the act to another."""
        assert credited(ALIKE, "Lovell attainted the Yorkists and the Lancastrians.") == []

    def test_the_protagonist_doing_it_is_credited(self) -> None:
        """'Henry attainted ...' and the passive 'were attainted by Henry' make it."""
        assert credited(ALIKE, "Henry attainted the Yorkists and the Lancastrians.") == [
            ATTAINTED.credit]
        assert credited(ALIKE, "The Yorkists and the Lancastrians were attainted by "
                               "Henry.") == [ATTAINTED.credit]


class TestHalfOfEachDenied:
    """A point about each or both is not made when the answer denies it of one of them."""

    def test_but_not_the_other_is_refused(self) -> None:
        """'He attainted the Yorkists but not the Lancastrians.' earns nothing."""
        assert credited(ALIKE, "He attainted the Yorkists but not the Lancastrians.") == []

    def test_both_is_credited(self) -> None:
        """'He attainted the Yorkists and the Lancastrians.' makes the point."""
        assert credited(ALIKE, "He attainted the Yorkists and the Lancastrians.") == [
            ATTAINTED.credit]


class TestAYearAfterAListOfNames:
    """An 'and' between two names ends no clause: the year after them is the point's."""

    def test_a_year_none_of_the_entrys_is_refused(self) -> None:
        """'... the Yorkists and the Lancastrians in 1490': the entry dates it 1487 / 1495."""
        assert credited(ALIKE, "He attainted the Yorkists and the Lancastrians in 1490.") == []

    def test_one_of_the_entrys_years_is_credited_with_its_detail(self) -> None:
        """'... in 1487' makes the point and its detail."""
        answer = "He attainted the Yorkists and the Lancastrians in 1487."
        assert assess(ALIKE, answer).awarded == 2

    def test_the_model_answer_earns_full_marks(self) -> None:
        """The scheme's own model answer is not refused by any of the rules."""
        assert assess(ALIKE, ALIKE.model_answer).awarded == ALIKE.marks
        assert assess(COURT, COURT.model_answer).awarded == COURT.marks


class TestOneOfSeveralOnly:
    """A point about each of the groups a prompt names is not made by naming only one."""

    def test_naming_one_group_only_is_refused(self) -> None:
        """'Henry attainted the Yorkists in 1487.' says nothing of the Lancastrians."""
        assert credited(ALIKE, "Henry attainted the Yorkists in 1487.") == []

    def test_speaking_of_both_is_credited(self) -> None:
        """'Henry attainted them both.' and naming both groups make the point."""
        assert credited(ALIKE, "Henry attainted them both.") == [ATTAINTED.credit]
        assert credited(ALIKE, "Henry attainted the Yorkists, later the Lancastrians.") == [
            ATTAINTED.credit]
