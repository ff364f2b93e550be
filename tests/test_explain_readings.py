"""How the explain marker reads a student's words: an inflection is not a typo, "then"
after "were" joins no clauses, a possessive pronoun is not a doer, and a rival group
doing the question's person's deed earns nothing.

The schemes are written in the test, on Tudor history rather than the bundled bank's,
so each rule is seen to hold for schemes the marker was never tuned on.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explain_helpers import credited, explain
from powerquiz.bank.model import Detail, SchemeEntry

RECOVERED = SchemeEntry("The Crown's finances recovered",
                        ("finances recovered", "a financial recovery"))
FINANCES = explain("Explain why Henry VII's reign strengthened the monarchy. (1 mark)",
                   RECOVERED, answer="The Crown's finances recovered.")


class TestAnInflectionIsNotATypo:
    """A correctly spelt form of a known word is that word, not a typo of another."""

    def test_a_bare_verb_makes_its_past_tense(self) -> None:
        """'the finances could recover' makes 'finances recovered' (not a typo of 'recovery')."""
        assert credited(FINANCES, "Under Henry VII the finances could recover.") == [
            RECOVERED.credit]

    def test_a_real_typo_is_still_read_as_the_word(self) -> None:
        """'the finances recoverred' is still 'recovered'."""
        assert credited(FINANCES, "Under Henry VII the finances recoverred.") == [RECOVERED.credit]


DISSOLVED = SchemeEntry("The monasteries were dissolved", ("monasteries were dissolved",))
SIDED = SchemeEntry("He sided with Norfolk", ("sided with Norfolk",))
CHURCH = explain("Describe how Henry VIII changed the Church in the 1530s. (2 marks)",
                 DISSOLVED, SIDED,
                 answer="The monasteries were dissolved. Henry sided with Norfolk.")


class TestThenAfterAnAuxiliary:
    """'were then dissolved' is one clause; 'sided with X then turned on Y' is two."""

    def test_then_between_were_and_its_verb_is_passed_over(self) -> None:
        """'The monasteries were then dissolved' makes 'monasteries were dissolved'."""
        assert credited(CHURCH, "The monasteries were then dissolved.") == [DISSOLVED.credit]

    def test_then_between_two_verbs_still_starts_a_clause(self) -> None:
        """'He sided with Cromwell then turned on Norfolk' is no 'sided with Norfolk'."""
        assert credited(CHURCH, "Henry sided with Cromwell then turned on Norfolk.") == []


EXECUTED = SchemeEntry("Cromwell was executed in 1540", ("Cromwell executed",))
HEALTH = SchemeEntry("Henry's health declined", ("Henry's health declined",))
FALL = explain("Describe what happened to Cromwell and Henry VIII in the 1540s. (2 marks)",
               EXECUTED, HEALTH,
               answer="Cromwell was executed in 1540. Henry's health declined.")


class TestAPossessivePronoun:
    """'his' stands for a name only before the phrase's next word: 'his health', not
    'his rivals'."""

    def test_his_before_the_next_word_makes_the_phrase(self) -> None:
        """'Henry grew fat. His health declined.' makes "Henry's health declined"."""
        assert credited(FALL, "Henry grew fat. His health declined.") == [HEALTH.credit]

    def test_his_before_another_noun_is_not_the_doer(self) -> None:
        """'Cromwell fell in 1540. His rivals were executed.' is no 'Cromwell executed'."""
        assert credited(FALL, "Cromwell fell in 1540. His rivals were executed.") == []

    def test_his_own_is_still_his(self) -> None:
        """'his own health declined' makes "Henry's health declined"."""
        assert credited(FALL, "Henry grew fat and his own health declined.") == [HEALTH.credit]


BROKE = SchemeEntry("He broke with Rome", ("broke with Rome",), detail=Detail(("1534",)))
SUPREMACY = explain(
    "Explain why the year 1534 was a turning point for Henry VIII. (2 marks)", BROKE,
    answer="Henry broke with Rome in 1534, as the Reformers at court wished and the "
           "Conservatives did not.",
    explanation="At court the Reformers, led by Cromwell, pressed the break; the "
                "Conservatives, led by Gardiner, resisted it.")
FACTIONS = explain(
    "Explain why the Reformers and Henry VIII worked together in the 1530s. (2 marks)", BROKE,
    answer="Henry broke with Rome in 1534, as the Reformers wished.")


class TestARivalGroupAsTheDoer:
    """A point about the question's person is not made by a clause a group the point
    never names opens, in the active voice."""

    def test_a_group_doing_the_persons_deed_earns_nothing(self) -> None:
        """'The Reformers broke with Rome in 1534' is not Henry breaking with Rome."""
        assert credited(SUPREMACY, "The Reformers broke with Rome in 1534.") == []

    def test_the_person_doing_it_is_credited(self) -> None:
        """'Henry broke with Rome in 1534' makes the point."""
        assert credited(SUPREMACY, "Henry broke with Rome in 1534.") == [BROKE.credit]

    def test_a_person_after_the_group_is_the_doer(self) -> None:
        """'With the Reformers behind him, Henry broke with Rome' makes it."""
        assert credited(SUPREMACY, "After the Reformers won, Henry broke with Rome.") == [
            BROKE.credit]

    def test_a_pronoun_for_the_group_is_not_checked(self) -> None:
        """'They broke with Rome' (no group named) is left to the pronoun's reading."""
        assert credited(SUPREMACY, "Henry was king. He broke with Rome.") == [BROKE.credit]

    def test_a_group_the_prompt_names_may_do_it(self) -> None:
        """When the prompt names the group, 'The Reformers broke with Rome' is its own answer."""
        assert credited(FACTIONS, "The Reformers broke with Rome in 1534.") == [BROKE.credit]


ARGUED = SchemeEntry("The Reformers argued that the Pope had no power in England",
                     ("Pope had no power in England",))
ROME = explain(
    "Explain how the dispute over the Pope's power divided the court of Henry VIII. "
    "(1 mark)", ARGUED,
    answer="At court the Reformers argued that the Pope had no power in England, while "
           "the Conservatives held to Rome.")


class TestARivalGroupForTheCreditsGroup:
    """A point whose credit opens with a group is not made by a clause another group opens."""

    def test_the_rival_group_arguing_it_earns_nothing(self) -> None:
        """'The Conservatives argued that the Pope had no power in England' is the wrong side."""
        assert credited(ROME, "The Conservatives argued that the Pope had no power in "
                              "England.") == []

    def test_the_credits_own_group_is_credited(self) -> None:
        """'The Reformers argued that the Pope had no power in England' makes it."""
        assert credited(ROME, "The Reformers argued that the Pope had no power in "
                              "England.") == [ARGUED.credit]


class TestAStrangerOpeningTheSentence:
    """A capitalised name the question never uses, opening the sentence, is another doer."""

    def test_an_unknown_name_doing_the_persons_deed_earns_nothing(self) -> None:
        """'Cranmer broke with Rome in 1534' is not Henry's deed (Cranmer is named nowhere)."""
        assert credited(SUPREMACY, "Cranmer broke with Rome in 1534.") == []

    def test_an_opening_adverb_is_nobody(self) -> None:
        """'Later broke with Rome in 1534' (notes) still makes Henry's point."""
        assert credited(SUPREMACY, "Henry was king. Later broke with Rome in 1534.") == [
            BROKE.credit]

    def test_a_misspelt_known_name_is_no_stranger(self) -> None:
        """'Henrry broke with Rome in 1534' is Henry, misspelt."""
        assert credited(SUPREMACY, "Henrry broke with Rome in 1534.") == [BROKE.credit]


CRUSHED = SchemeEntry("The Pilgrimage of Grace was crushed", ("Pilgrimage of Grace crushed",))
SUPREME = SchemeEntry("The Act of Supremacy made Henry head of the Church",
                      ("Act of Supremacy",))
PILGRIMS = explain(
    "Explain how Henry VIII dealt with opposition to the Act of Supremacy. (2 marks)",
    CRUSHED, SUPREME,
    answer="The Act of Supremacy made Henry head of the Church, and the Pilgrimage of "
           "Grace was crushed in 1537.")


class TestInitials:
    """Initials in capitals stand for a long name the question writes (marking/acronyms.py)."""

    def test_initials_with_the_small_words_make_the_name(self) -> None:
        """'the POG was crushed' makes 'Pilgrimage of Grace crushed'."""
        assert credited(PILGRIMS, "In 1537 the POG was crushed.") == [CRUSHED.credit]

    def test_initials_of_the_capitals_alone_make_it_too(self) -> None:
        """'AS' is the Act of Supremacy, as 'AOS' is."""
        assert credited(PILGRIMS, "The AS made him head.") == [SUPREME.credit]
        assert credited(PILGRIMS, "The AOS made him head.") == [SUPREME.credit]

    def test_initials_in_lower_case_are_a_word(self) -> None:
        """'the pog was crushed' is not read as the name (only capitals are initials)."""
        assert credited(PILGRIMS, "In 1537 the pog was crushed.") == []

    def test_initials_two_names_share_are_left_alone(self) -> None:
        """With the 'Privy Council' and the 'Papal Curia' both named, 'PC' is neither."""
        from powerquiz.marking.acronyms import acronym_table

        table = acronym_table(["The Privy Council met.", "The Papal Curia met.",
                               "The Pilgrimage of Grace rose."])
        assert "PC" not in table and table["POG"] == "Pilgrimage of Grace"

    def test_a_name_the_question_writes_in_capitals_is_kept(self) -> None:
        """A question writing 'NEP' itself never reads NEP as other initials."""
        from powerquiz.marking.acronyms import acronym_table

        table = acronym_table(["NEP was the New Economic Policy.", "The Central Committee met."])
        assert "NEP" not in table and table["CC"] == "Central Committee"


class TestInitialsProperties:
    """Expanding initials touches nothing but words in capitals the table knows."""

    @given(st.text(), st.dictionaries(st.from_regex(r"[A-Z]{2,6}", fullmatch=True),
                                      st.text(min_size=1, max_size=20), max_size=3))
    def test_text_without_known_initials_is_unchanged(self, text: str,
                                                      table: dict[str, str]) -> None:
        """Any text whose capitals the table does not know comes back as it was."""
        from powerquiz.marking.acronyms import expand

        unknown = {k: v for k, v in table.items() if k not in text}
        assert expand(text, unknown) == text
        assert expand(text.lower(), table) == text.lower()


REFORMERS_FELL = SchemeEntry("The Reformers (Cromwell, Cranmer and Latimer) lost power in 1540",
                             ("Reformers lost power", "removed the Reformers"))
COURT_1540 = explain(
    "Describe what happened to the factions at the court of Henry VIII in 1540. (1 mark)",
    REFORMERS_FELL,
    answer="In 1540 the Reformers lost power, and the Conservatives (Gardiner and Norfolk) "
           "rose.")


class TestAListOfMembersForTheirGroup:
    """A list of two or more persons the question places in one group stands for the group."""

    def test_a_bracketed_list_places_its_persons(self) -> None:
        """'the Reformers (Cromwell, Cranmer and Latimer)' makes them persons of the Reformers."""
        from powerquiz.marking.facts import point_facts

        placed = point_facts(COURT_1540)[0].placed
        assert placed["reform"] >= {"cromwel", "cranmer", "latim"}

    def test_the_list_makes_a_phrase_about_the_group(self) -> None:
        """'Henry removed Cromwell, Cranmer and Latimer in 1540' makes 'removed the Reformers'."""
        assert credited(COURT_1540, "Henry removed Cromwell, Cranmer and Latimer in 1540.") == [
            REFORMERS_FELL.credit]

    def test_a_list_with_a_rival_in_it_does_not(self) -> None:
        """'removed Cromwell and Gardiner' mixes the factions: no group is meant."""
        assert credited(COURT_1540, "Henry removed Cromwell and Gardiner in 1540.") == []

    def test_one_member_alone_does_not_stand_for_the_group(self) -> None:
        """'Henry removed Cromwell in 1540' is one man, not the Reformers."""
        assert credited(COURT_1540, "Henry removed Cromwell in 1540.") == []


DEPOSED = SchemeEntry("Richard III was overthrown in 1485", ("Richard was overthrown",),
                      not_=("Henry was overthrown",))
BOSWORTH = explain("Describe how Henry Tudor became king. (1 mark)", DEPOSED,
                   answer="At Bosworth in 1485 Richard was overthrown by Henry.")


class TestAPassivePhraseAndAnActiveVerb:
    """'X was overthrown' is not made by X overthrowing someone named after the verb."""

    def test_the_active_verb_with_an_object_does_not_state_the_passive(self) -> None:
        """"...as Henry overthrew Richard's army" does not state the not: 'Henry was
        overthrown', so the point stands."""
        assert credited(BOSWORTH, "Richard was overthrown in 1485, as Henry overthrew "
                                  "Richard's army at Bosworth.") == [DEPOSED.credit]

    def test_the_passive_still_blocks_the_point(self) -> None:
        """'Henry was overthrown and Richard was overthrown' states the not: phrase."""
        assert credited(BOSWORTH, "Henry was overthrown, and Richard was overthrown.") == []

    def test_notes_without_was_still_read_as_the_passive(self) -> None:
        """'Richard overthrown 1485' (notes) makes 'Richard was overthrown'."""
        assert credited(BOSWORTH, "Richard overthrown 1485.") == [DEPOSED.credit]


SUCCESSION = SchemeEntry("A Catholic succession was not possible",
                         ("Catholic succession was not possible",))
WILL = explain("Explain why Henry VIII's will mattered in 1547. (1 mark)", SUCCESSION,
               answer="A Catholic succession was not possible.")
OVERTURN = SchemeEntry("Parliament could not overturn the will",
                       ("will was impossible to overturn",))
STATUTE = explain("Explain why Henry VIII's will was binding. (1 mark)", OVERTURN,
                  answer="The will was impossible to overturn.")


class TestANegativePrefix:
    """'impossible' is 'not possible', both ways, when the rest is a word the question uses."""

    def test_a_prefixed_word_makes_a_phrase_with_not(self) -> None:
        """'a Catholic succession was impossible' makes '...was not possible'."""
        assert credited(WILL, "A Catholic succession was impossible.") == [SUCCESSION.credit]

    def test_not_and_the_word_makes_a_prefixed_phrase(self) -> None:
        """'the will was not possible to overturn' makes 'will was impossible to overturn'."""
        assert credited(STATUTE, "The will was not possible to overturn.") == [
            OVERTURN.credit]

    def test_not_before_the_prefixed_word_is_no_double_negation(self) -> None:
        """'a Catholic succession was not impossible' says it was possible: no credit."""
        assert credited(WILL, "A Catholic succession was not impossible.") == []

    def test_a_word_that_only_starts_like_a_prefix_is_kept(self) -> None:
        """'information' is not 'not formation': the rest must be a word the question uses."""
        from powerquiz.marking.schemewords import unprefixed

        assert unprefixed("information about the will", frozenset({"will"})) == (
            "information about the will")
        assert unprefixed("it was impossible", frozenset({"possibl"})) == "it was not possible"


PUBLISHED = SchemeEntry("The Articles survived Henry",
                        ("did not repeal the Articles", "Articles were not repealed"))
ARTICLES = explain("Explain why Henry VIII's religious settlement lasted. (1 mark)", PUBLISHED,
                   answer="At his death the Articles were not repealed, though Cranmer "
                          "disliked them.")


class TestRelativeClausesAndOwners:
    """A relative clause between commas is an aside; a name in the possessive is no other name."""

    def test_a_relative_clause_between_commas_is_passed_over(self) -> None:
        """'the Articles, which Cranmer disliked so much, were not repealed' makes the point."""
        assert credited(ARTICLES, "The Articles, which Cranmer disliked so much, were not "
                                  "repealed.") == [PUBLISHED.credit]

    def test_a_possessive_name_before_the_phrases_name_is_its_owner(self) -> None:
        """"Parliament did not repeal Henry's Articles" makes 'did not repeal the Articles'."""
        assert credited(ARTICLES, "Parliament did not repeal Henry's Articles.") == [
            PUBLISHED.credit]

    def test_another_name_between_still_cuts_the_phrase(self) -> None:
        """'did not repeal Cranmer's ban on the Articles' is about Cranmer's ban, not them."""
        assert credited(ARTICLES, "Parliament did not repeal Gardiner and the Articles.") == []


SURVIVAL = SchemeEntry("The Crown needed Parliament's money",
                       ("Crown survived with Parliament's money",))
MONEY = explain("Explain why Henry VII called Parliament. (1 mark)", SURVIVAL,
                answer="The Crown survived with Parliament's money.")


class TestNotWithout:
    """'could not ... without' says a need, not a negation of the phrase."""

    def test_not_without_makes_the_phrase(self) -> None:
        """'the Crown could not have survived without Parliament's money' makes the point."""
        assert credited(MONEY, "The Crown could not have survived without Parliament's "
                               "money.") == [SURVIVAL.credit]

    def test_a_plain_not_still_negates(self) -> None:
        """'the Crown did not survive with Parliament's money' earns nothing."""
        assert credited(MONEY, "The Crown did not survive with Parliament's money.") == []
