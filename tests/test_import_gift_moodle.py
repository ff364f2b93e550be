"""Importing Moodle's GIFT and XML formats, from files written to Moodle's documentation."""

from __future__ import annotations

from pathlib import Path

import pytest

from powerquiz.imports import ImportFailure, read_bytes, read_path

DATA = Path(__file__).resolve().parent / "data" / "import"


@pytest.fixture(scope="module")
def gift() -> dict[str, object]:
    """The GIFT fixture, imported, by question id."""
    result = read_path(DATA / "moodle-docs.gift")
    return {"result": result, **{q.id: q for q in result.bank.questions}}


@pytest.fixture(scope="module")
def xml() -> dict[str, object]:
    """The Moodle XML fixture, imported, by question id."""
    result = read_path(DATA / "moodle-docs.xml")
    return {"result": result, **{q.id: q for q in result.bank.questions}}


class TestGift:
    """Every GIFT question type maps to its powerquiz type with its answers."""

    def test_counts(self, gift: dict) -> None:
        """Ten questions of seven types; a range and a description are skipped."""
        result = gift["result"]
        assert result.counts() == {"short": 4, "truefalse": 1, "choice": 1, "multi": 1,
                                   "match": 1, "cloze": 1, "recall": 1}
        assert sorted(result.skipped) == [
            "a description or text with no answer block, not a question",
            "a numerical answer with a range or tolerance (powerquiz marks exact answers)"]

    def test_short_answer_with_wrong_feedback(self, gift: dict) -> None:
        """``=`` answers are right, ``=%0%`` ones known wrong answers with feedback."""
        q = gift["q1-lenin"]
        assert q.parts == (("Lenin",),) and q.accept == ("Vladimir Lenin",)
        assert q.wrong[0].text == "Trotsky" and "Red Guard" in q.wrong[0].feedback

    def test_id_and_tag_markers(self, gift: dict) -> None:
        """``[id:...]`` is the id and ``[tag:...]`` a tag; the general feedback explains."""
        q = gift["tf-nep"]
        assert q.type == "truefalse" and q.truth is True and q.tags == ("economy",)
        assert q.explain == "Lenin called it a step back."

    def test_choice_and_multi(self, gift: dict) -> None:
        """``=``/``~`` is a choice; positive ``~%n%`` weights are a multi's right options."""
        assert gift["q3-capital"].correct == ("Moscow",)
        assert gift["q3-capital"].wrong[0].text == "Petrograd"
        assert gift["q4-left"].correct == ("Trotsky", "Zinoviev")

    def test_match_missing_word_number_essay(self, gift: dict) -> None:
        """Pairs, a missing word as a cloze, an exact number, an essay's feedback."""
        assert gift["q5-match"].pairs[0] == ("Trotsky", "Left")
        assert gift["q6-gap"].text == ("Stalin became General Secretary in "
                                       "{{1922|nineteen twenty-two}} and held the post for life.")
        assert gift["q7-year"].parts == (("1924",),)
        assert gift["q9-essay"].model_answer == "Use the Party machine and the ban on factions."

    def test_escapes_and_html(self, gift: dict) -> None:
        """Backslash escapes are undone; HTML becomes text with no script."""
        assert gift["q10-escapes"].prompt == "What does {} mean in \\LaTeX: a group?"
        assert gift["q10-escapes"].parts == (("yes = a group",),)
        assert gift["q11-html"].prompt == "Who wrote The Revolution Betrayed?"

    def test_categories_become_topics(self, gift: dict) -> None:
        """The last part of ``$CATEGORY`` is the topic; the first names the bank."""
        bank = gift["result"].bank
        assert [t.title for t in bank.topics] == ["Revolution", "Stalin's rise"]
        assert bank.title == "Russia 1917-1941"

    def test_categories_that_slug_alike_stay_two_topics(self) -> None:
        """Categories ``0:`` and ``0`` (one slug) are two topics, each with its own title."""
        text = (b"$CATEGORY: $course$/top/B/0:\n\n::q1:: Who? {=Stalin}\n\n"
                b"$CATEGORY: $course$/top/B/0\n\n::q2:: Who else? {=Trotsky}\n")
        bank = read_bytes(text, "two.gift", "gift").bank
        assert [t.title for t in bank.topics] == ["0:", "0"]
        assert [q.topic for q in bank.questions] == [t.id for t in bank.topics]

    def test_unclosed_brace_is_located(self) -> None:
        """An answer block never closed fails at FILE:LINE:COL of its ``{``."""
        text = b"::a:: Fine? {=yes}\n\n::b:: Who?\n{=Lenin\n"
        with pytest.raises(ImportFailure) as err:
            read_bytes(text, "bad.gift")
        assert str(err.value).startswith("bad.gift:4:1:")
        assert "never closed" in str(err.value)

    def test_not_utf8_is_located(self) -> None:
        """A byte that is not UTF-8 is named with its line and column."""
        with pytest.raises(ImportFailure) as err:
            read_bytes(b"::a:: Caf\xe9? {=yes}\n", "latin.gift", "gift")
        assert str(err.value).startswith("latin.gift:1:10:")


class TestMoodleXml:
    """Every Moodle XML type powerquiz has maps over; the others are counted."""

    def test_counts_and_skips(self, xml: dict) -> None:
        """Eight questions; a description and a calculated question are skipped."""
        result = xml["result"]
        assert result.counts() == {"short": 1, "choice": 1, "multi": 1, "truefalse": 1,
                                   "match": 1, "order": 1, "cloze": 1, "recall": 1}
        assert len(result.skipped) == 2
        assert result.warnings == {
            "matching distractors (answers with no question) dropped": 1}

    def test_shortanswer(self, xml: dict) -> None:
        """Right answers, wrong ones with feedback, explanation, tags and the idnumber."""
        q = xml["lenin-party"]
        assert q.prompt == "Which party did Lenin lead?"
        assert q.parts == (("Bolsheviks",),) and q.accept == ("the Bolsheviks",)
        assert q.wrong[0].text == "Mensheviks"
        assert q.tags == ("revolution", "parties")
        assert q.explain.startswith("The Bolsheviks took power")

    def test_choice_multi_truefalse(self, xml: dict) -> None:
        """single → choice, multiple → multi, truefalse with its wrong feedback."""
        assert xml["capital"].correct == ("Moscow",)
        assert xml["left"].type == "multi" and xml["left"].correct == ("Trotsky", "Zinoviev")
        assert xml["nep"].truth is True and xml["nep"].wrong[0].feedback.startswith("It was")

    def test_match_order_cloze_essay(self, xml: dict) -> None:
        """Pairs, items in order, gaps with wrong answers, the grader info as answer."""
        assert len(xml["factions"].pairs) == 3
        assert xml["order"].items == ("Lenin dies", "Trotsky exiled", "First Five-Year Plan")
        cloze = xml["secretary"]
        assert cloze.text.endswith("in {{1922}} and Trotsky was exiled in {{1929}}.")
        assert cloze.wrong[0].text == "1924"
        assert xml["why"].model_answer == "The Party machine; the ban on factions."

    def test_entity_declarations_are_refused(self) -> None:
        """A DOCTYPE declaring entities (a billion-laughs bomb) is refused, located."""
        bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE quiz [\n <!ENTITY a "aaaaaaaaaa">\n'
                b' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<quiz>&b;</quiz>\n')
        with pytest.raises(ImportFailure) as err:
            read_bytes(bomb, "bomb.xml")
        assert str(err.value).startswith("bomb.xml:3:2:")
        assert "entities" in str(err.value)

    def test_external_entities_are_refused(self) -> None:
        """An external entity (reading a local file) is refused."""
        xxe = (b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'\n<quiz>&x;</quiz>\n')
        with pytest.raises(ImportFailure, match="entities"):
            read_bytes(xxe, "xxe.xml")

    def test_malformed_xml_is_located(self) -> None:
        """Broken XML fails at its line and column."""
        with pytest.raises(ImportFailure) as err:
            read_bytes(b"<quiz>\n<question type='essay'>\n</quiz>\n", "broken.xml")
        assert str(err.value).startswith("broken.xml:3:")

    def test_other_xml_is_not_moodle(self) -> None:
        """XML whose root is not <quiz> is not Moodle XML."""
        with pytest.raises(ImportFailure, match="not Moodle XML"):
            read_bytes(b"<html><body>hi</body></html>", "page.xml")

    def test_not_xml_named_xml(self) -> None:
        """A text file named .xml is not the format it claims."""
        with pytest.raises(ImportFailure, match="not the format it claims"):
            read_bytes(b"Who?\tLenin\n", "cards.xml")


class TestMoodleXmlPlaces:
    """Moodle XML problems are located FILE:LINE:COL, as for the other text formats."""

    def test_a_skipped_question_is_named_by_its_line(self) -> None:
        """A description (skipped) is reported at the line and column of its <question>."""
        from powerquiz.imports.moodle import question_places

        data = (b'<?xml version="1.0"?>\n<quiz>\n  <question type="description">\n'
                b'    <questiontext><text><![CDATA[<question>]]></text></questiontext>\n'
                b'  </question>\n  <question type="essay"/>\n</quiz>\n')
        assert question_places(data, "q.xml", 2) == ["q.xml:3:3", "q.xml:6:3"]

    def test_a_count_that_disagrees_falls_back_to_numbers(self) -> None:
        """If the text and the parser disagree, places are question numbers, never wrong lines."""
        from powerquiz.imports.moodle import question_places

        assert question_places(b"<quiz/>", "q.xml", 1) == ["q.xml: question 1"]
