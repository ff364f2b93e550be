"""Who and when a point is about: pronouns, nominalised verbs, subjects, wrong years.

The schemes here are written in the test, not taken from the bundled bank, so each
rule is seen to hold for a scheme the marker was never tuned on.
"""

from __future__ import annotations

from powerquiz.bank.model import Detail, Question, SchemeEntry
from powerquiz.marking.schememark import assess

BACKED = SchemeEntry("He backed the Right at first", ("backed the Right",))
ATTACKED = SchemeEntry("He then attacked the Right", ("attacked the Right",))
EXPELLED = SchemeEntry("He had Trotsky expelled", ("expelled Trotsky",))
MOURNER = SchemeEntry("He was chief mourner", ("chief mourner",),
                      detail=Detail(("Lenin's funeral",)))
LEFT_OUT = SchemeEntry("In 1926 he removed the Left", ("removed the Left",))
STALIN = Question(
    "stalin", "t", "explain", prompt="Explain how Stalin defeated Trotsky and the Right.",
    marks=5, scheme=(BACKED, ATTACKED, EXPELLED, MOURNER, LEFT_OUT),
    model_answer="Stalin backed the Right, removed the Left in 1926, had Trotsky expelled, "
                 "then attacked the Right. He was chief mourner at Lenin's funeral.",
)

ANNUL = SchemeEntry("The Pope refused the annulment", ("Pope refused the annulment",))
HEIR = SchemeEntry("He wanted a male heir", ("wanted a male heir",))
HENRY = Question(
    "henry", "t", "explain", prompt="Explain why Henry VIII broke with Rome. (2 marks)",
    marks=2, scheme=(ANNUL, HEIR),
    model_answer="Henry wanted a male heir, and his wife Catherine had given him none; "
                 "the Pope refused the annulment.",
)


def credited(q: Question, answer: str) -> list[str]:
    return assess(q, answer).credited


class TestPronouns:
    """A pronoun makes a phrase's name: the person or group it stands for."""

    def test_them_stands_for_the_group_just_named(self) -> None:
        """'backed the Right and then attacked them' makes 'attacked the Right' too."""
        got = credited(STALIN, "Stalin backed the Right until 1928 and then attacked them.")
        assert got == [BACKED.credit, ATTACKED.credit]

    def test_it_after_a_two_word_group_stands_for_the_group_before(self) -> None:
        """'The Act worried the bishops, but the Privy Council passed it': 'it' is
        the Act, not the Privy Council (one name in two words)."""
        act = SchemeEntry("The Privy Council passed the Act", ("passed the Act",))
        q = Question("act", "t", "explain", prompt="Describe how the Act was made law.",
                     marks=1, scheme=(act,), model_answer="The Privy Council passed the Act.")
        assert credited(q, "The Act worried the bishops, but the Privy Council passed it.") \
            == [act.credit]

    def test_it_after_rather_than_stands_for_the_group(self) -> None:
        """'Rather than backing the Right, he attacked it': the first is set aside."""
        assert credited(STALIN, "Rather than backing the Right, he attacked it.") \
            == [ATTACKED.credit]

    def test_he_without_a_name_is_the_prompts_person(self) -> None:
        """'He was Lenin's heir' with no name before is about the prompt's person."""
        q = Question("h", "t", "explain", prompt="Explain how Stalin won.", marks=1,
                     scheme=(SchemeEntry("He was Lenin's heir", ("Stalin was Lenin's heir",)),),
                     model_answer="Stalin was Lenin's heir.")
        assert assess(q, "He made people think he was Lenin's successor.").awarded == 0
        assert assess(q, "He made people think he was Lenin's heir.").awarded == 1

    def test_he_after_another_subject_is_that_person(self) -> None:
        """'Trotsky said he was chief mourner' is about Trotsky, not the prompt's person."""
        assert MOURNER.credit not in credited(STALIN, "Trotsky said he was chief mourner.")

    def test_he_is_never_the_person_his_own_clause_names_after_it(self) -> None:
        """'Trotsky was ill. It was Stalin's skill. He tricked Trotsky so that he was chief
        mourner': he is Stalin (named last before), not Trotsky, whom he tricked."""
        answer = ("Trotsky was ill. It was mostly Stalin's skill. He tricked Trotsky so that "
                  "he was chief mourner.")
        assert MOURNER.credit in credited(STALIN, answer)

    def test_him_is_never_his_own_clauses_subject(self) -> None:
        """'Stalin lied to him' is about someone else: here Trotsky, named before."""
        q = Question("m", "t", "explain", prompt="Explain how Stalin tricked Trotsky.",
                     marks=1, scheme=(SchemeEntry("He misled Trotsky", ("misled Trotsky",)),),
                     model_answer="Stalin misled Trotsky.")
        assert assess(q, "Trotsky missed the funeral because Stalin misled him.").awarded == 1
        assert assess(q, "Trotsky missed the funeral and Stalin misled himself.").awarded == 0

    def test_him_after_another_name_may_be_the_subject(self) -> None:
        """'Stalin, with the Right supporting him, expelled Trotsky': him is Stalin."""
        got = credited(STALIN, "In 1927 Stalin, with the Right backing him, had Trotsky "
                               "expelled.")
        assert EXPELLED.credit in got

    def test_he_before_another_name_is_still_the_subject_named_before(self) -> None:
        """'Trotsky was ill; he tricked Stalin so that he was chief mourner': Trotsky was."""
        answer = "Trotsky was ill. He tricked Stalin so that he was chief mourner."
        assert MOURNER.credit not in credited(STALIN, answer)


class TestClauseNegation:
    """A negation in the clause cancels its point; 'not only' does not."""

    def test_not_only_is_no_negation(self) -> None:
        """'Not only did he back the Right, he also attacked them' makes both points."""
        got = credited(STALIN, "Not only did he back the Right, he also attacked them.")
        assert got == [BACKED.credit, ATTACKED.credit]

    def test_never_and_did_not_cancel_the_point(self) -> None:
        """'He never backed the Right' and 'he did not back the Right' earn nothing."""
        assert credited(STALIN, "He never backed the Right.") == []
        assert credited(STALIN, "He did not back the Right.") == []


class TestNominalisedVerbs:
    """A verb said as a noun, or in the passive, makes the verb's phrase."""

    def test_the_expulsion_of_trotsky_is_expelled_trotsky(self) -> None:
        """'the expulsion of Trotsky' and 'Trotsky's expulsion' make 'expelled Trotsky'."""
        assert EXPELLED.credit in credited(STALIN, "He arranged the expulsion of Trotsky.")
        assert EXPELLED.credit in credited(STALIN, "Trotsky's expulsion followed.")

    def test_a_noun_makes_a_verb_phrase_in_another_scheme(self) -> None:
        """'refused to annul' makes 'refused the annulment' (Porter2 stems both 'annul')."""
        assert credited(HENRY, "The Pope refused to annul the marriage.") == [ANNUL.credit]

    def test_the_passive_and_a_list_before_it(self) -> None:
        """'Trotsky, Zinoviev and Kamenev were expelled' makes 'expelled Trotsky'."""
        got = credited(STALIN, "Trotsky, Zinoviev and Kamenev were expelled from the Party.")
        assert got == [EXPELLED.credit]

    def test_the_name_acting_with_an_object_is_not_the_passive(self) -> None:
        """'Trotsky expelled the Left' does not make 'expelled Trotsky'."""
        assert credited(STALIN, "Trotsky expelled the Left.") == []


class TestWrongSubject:
    """A point about one person is not made by a clause about another."""

    def test_another_person_as_subject_is_refused(self) -> None:
        """'Trotsky was the chief mourner' earns nothing, with no not: phrase written."""
        assert credited(STALIN, "Trotsky was the chief mourner at Lenin's funeral.") == []

    def test_the_right_person_as_subject_is_credited(self) -> None:
        """'Stalin was chief mourner' is credited, and so is a clause with no subject."""
        assert credited(STALIN, "Stalin was chief mourner.") == [MOURNER.credit]
        assert credited(STALIN, "Trotsky was away, so the chief mourner was Stalin.") \
            == [MOURNER.credit]

    def test_a_possessive_is_not_the_subject(self) -> None:
        """In 'and claimed Lenin's place as chief mourner', Lenin is not the subject."""
        assert MOURNER.credit in credited(STALIN, "He claimed Lenin's place as chief mourner.")

    def test_a_subject_in_another_scheme(self) -> None:
        """'Catherine wanted a male heir' is not Henry's point."""
        assert credited(HENRY, "Catherine wanted a male heir.") == []
        assert credited(HENRY, "Henry wanted a male heir.") == [HEIR.credit]

    def test_a_person_the_question_never_names_is_a_subject_too(self) -> None:
        """'At the funeral, Zinoviev was chief mourner': Zinoviev is capitalised mid-sentence."""
        assert credited(STALIN, "At the funeral, Zinoviev was chief mourner.") == []
        assert credited(STALIN, "In January Stalin was chief mourner.") == [MOURNER.credit]
        assert credited(STALIN, "In Moscow he was chief mourner.") == [MOURNER.credit]

    def test_who_after_a_person_makes_that_person_the_subject(self) -> None:
        """'It was Catherine who wanted a male heir' is not Henry's point; 'It was Henry
        who...' is, and 'courtiers who wanted a male heir' names nobody."""
        assert credited(HENRY, "It was Catherine who wanted a male heir.") == []
        assert credited(HENRY, "Cromwell and Cranmer were the ones who wanted a male heir.") \
            == []
        assert credited(HENRY, "It was Henry who wanted a male heir.") == [HEIR.credit]
        assert credited(HENRY, "Henry had courtiers who wanted a male heir.") == [HEIR.credit]

    def test_the_main_clause_after_a_subordinate_one_has_its_own_subject(self) -> None:
        """'When Catherine failed Henry wanted a male heir': Henry is the subject; in
        'When Henry divorced Catherine he wanted...', Catherine is the object."""
        assert credited(HENRY, "When Catherine failed Henry wanted a male heir.") \
            == [HEIR.credit]
        assert credited(HENRY, "When Henry failed Catherine wanted a male heir.") == []
        assert credited(HENRY, "When Henry divorced Catherine he wanted a male heir.") \
            == [HEIR.credit]

    def test_a_name_right_after_the_verb_is_its_object(self) -> None:
        """'backed the Left against the Right' does not make 'backed the Right'."""
        assert credited(STALIN, "He backed the Left against the Right.") == []


class TestWrongYears:
    """A point stated with a year that is none of its own earns nothing for it."""

    def test_a_wrong_year_earns_nothing_and_says_why(self) -> None:
        """'removed the Left in 1928' (the point says 1926) is not credited, and named."""
        a = assess(STALIN, "He removed the Left in 1928.")
        assert a.credited == []
        assert any("not credited" in line and "1928" in line for line in a.feedback)

    def test_the_points_own_year_is_credited(self) -> None:
        """'In 1926, he removed the Left' is credited (a comma does not end the clause)."""
        assert credited(STALIN, "In 1926, he removed the Left.") == [LEFT_OUT.credit]

    def test_a_year_that_bounds_it_is_not_its_time(self) -> None:
        """'removed the Left before 1928' states no wrong year."""
        assert credited(STALIN, "He removed the Left before 1928.") == [LEFT_OUT.credit]

    def test_a_year_in_another_clause_is_not_about_the_point(self) -> None:
        """'He removed the Left, and in 1928 he attacked the Right' credits both."""
        got = credited(STALIN, "He removed the Left, and in 1928 he attacked the Right.")
        assert got == [ATTACKED.credit, LEFT_OUT.credit]


    def test_a_clause_going_on_with_and_keeps_the_year_before(self) -> None:
        """'He backed the Right in 1928 and removed the Left' states 1928 for the removal
        (the point says 1926); a clause with its own subject or time does not."""
        assert LEFT_OUT.credit not in credited(
            STALIN, "He backed the Right in 1928 and removed the Left.")
        assert LEFT_OUT.credit in credited(
            STALIN, "He backed the Right in 1926 and removed the Left.")
        assert LEFT_OUT.credit in credited(
            STALIN, "He was chief mourner in 1924 and later removed the Left.")
        assert LEFT_OUT.credit in credited(
            STALIN, "He was chief mourner in 1924 and he removed the Left.")


class TestTwoWordNames:
    """A two-word name is made by its own two words, not by the end of another name."""

    WEST = SchemeEntry("The Western Rising was put down", ("Western Rising",))
    NORTH = SchemeEntry("The Northern Rising was put down", ("Northern Rising",))
    RISINGS = Question("risings", "t", "explain", prompt="Describe the risings of 1549.",
                       marks=1, scheme=(WEST,),
                       model_answer="The Western Rising was put down. The Northern Rising "
                                    "was put down.")

    def test_the_end_of_another_name_does_not_make_it(self) -> None:
        """'Western troops and the Northern Rising clashed' does not make 'Western Rising':
        its 'Rising' is the Northern one's."""
        assert credited(self.RISINGS, "Western troops and the Northern Rising clashed.") == []

    def test_a_pronoun_and_the_end_of_another_name_state_nothing(self) -> None:
        """'they were labelled the Right Opposition', 'they' standing for the Left, does not
        state the not: phrase 'Left Opposition' (even where 'right' is no name of the
        question, written in lower case in 'the right policy')."""
        labelled = SchemeEntry("They were labelled the Right Opposition", ("Right Opposition",),
                               not_=("Left Opposition",))
        q = Question("ro", "t", "explain", prompt="Describe the part played by Rykov.",
                     marks=1, scheme=(labelled,),
                     model_answer="Rykov helped remove the Left, thinking NEP the right "
                                  "policy; then he was labelled the Right Opposition.")
        assert credited(q, "Stalin used them to remove the Left. Then they were labelled "
                           "the Right Opposition.") == [labelled.credit]

    def test_the_name_itself_is_made(self) -> None:
        """'The Western Rising was crushed' makes it."""
        assert credited(self.RISINGS, "The Western Rising was crushed.") == [self.WEST.credit]


class TestWrongDecades:
    """A point dated by its decade is not made by a clause naming another decade."""

    PAPACY = SchemeEntry("In the late 1520s the Pope refused the annulment",
                         ("Pope refused the annulment",))
    BREAK = SchemeEntry("He broke with Rome in 1534", ("broke with Rome",))
    ROME = Question("rome", "t", "explain", prompt="Explain why Henry VIII broke with Rome.",
                    marks=2, scheme=(PAPACY, BREAK),
                    model_answer="In the late 1520s the Pope refused the annulment, so "
                                 "Henry broke with Rome in 1534.")

    def test_another_decade_earns_nothing(self) -> None:
        """'In the 1540s the Pope refused the annulment' is not the late-1520s point."""
        assert credited(self.ROME, "In the 1540s the Pope refused the annulment.") == []

    def test_the_points_decade_with_no_part_is_credited(self) -> None:
        """'In the 1520s the Pope refused the annulment' is credited."""
        assert credited(self.ROME, "In the 1520s the Pope refused the annulment.") \
            == [self.PAPACY.credit]

    def test_a_decade_holding_the_points_year_is_credited(self) -> None:
        """'He broke with Rome in the 1530s' holds 1534; 'in the 1550s' does not."""
        assert credited(self.ROME, "He broke with Rome in the 1530s.") == [self.BREAK.credit]
        assert credited(self.ROME, "He broke with Rome in the 1550s.") == []


class TestWronglyStatedOnTheBundledBank:
    """Answers that state a bundled point wrongly (wrong person, side or year) earn nothing."""

    def test_no_wrongly_stated_answer_earns_a_mark(self) -> None:
        """Every row of explain_wrongly_stated.csv is marked 0, as its teacher's mark says."""
        import csv
        from pathlib import Path

        from powerquiz.bank import load_bank
        from powerquiz.marking.replay import MarkedAnswer, replay

        root = Path(__file__).resolve().parents[1]
        with (root / "tests" / "data" / "explain_wrongly_stated.csv").open(
                encoding="utf-8", newline="") as fh:
            rows = [MarkedAnswer(r["question"], r["answer"], int(r["marks"]), n)
                    for n, r in enumerate(csv.DictReader(fh), 2)]
        report = replay(load_bank(root / "data" / "questions.yaml"), rows)
        assert len(rows) >= 15
        assert [(r.row.answer, r.credited) for r in report.results if r.awarded] == []
