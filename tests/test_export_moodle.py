"""The Moodle XML export, read back with ElementTree and a port of Moodle's cloze parser.

Questions are found by ``<idnumber>`` and checked the way Moodle's importer
(``question/format/xml/format.php``) reads them: trimmed texts, fractions in percent,
the grade list of ``qformat_default::importprocess``.  Cloze (multianswer) question
texts go through ``moodle_cloze`` (``tests/moodle_reader.py``), a port of Moodle's
``qtype_multianswer_extract_question`` (its regular expressions, its
``html_entity_decode`` and its ``\\}``/``\\#`` unescaping); it shares no code with
the exporter.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from powerquiz.bank import load_bank
from powerquiz.bank.model import Topic, WrongAnswer, parse_gaps
from powerquiz.exports import load_format
from powerquiz.exports.common import ExportResult
from powerquiz.exports.moodle import FORMAT, NO_ANSWER, TOO_FEW_PAIRS, TOO_MANY_RIGHT, export

if TYPE_CHECKING:  # mypy reads the tests as the package "tests"; pytest puts tests/
    from tests.moodle_reader import (
        DECLARATION,
        GAP_HOSTILE,
        HOSTILE,
        MoodleQuestion,
        _text,
        exported,
        moodle_cloze,
        q_,
        read_xml,
        visible,
        wildcard_match,
    )
else:  # on the path, so at run time the helper is a top-level module
    from moodle_reader import (
        DECLARATION,
        GAP_HOSTILE,
        HOSTILE,
        MoodleQuestion,
        _text,
        exported,
        moodle_cloze,
        q_,
        read_xml,
        visible,
        wildcard_match,
    )

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "questions.yaml"
MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
# -- tests ----------------------------------------------------------------------------------------


class TestDocument:
    """Moodle XML document: format registration, UTF-8, non-ASCII text, empty quiz."""
    def test_the_format_is_found_by_name(self) -> None:
        """load_format('moodle') returns this module's description and export function."""
        fmt, fn = load_format("moodle")
        assert fmt is FORMAT and fn is export
        assert FORMAT.suffix == ".xml" and not FORMAT.binary

    def test_declares_utf8_and_parses(self) -> None:
        """The file starts with the UTF-8 declaration and is well-formed XML."""
        bank = load_bank(MINI)
        result = export(bank, bank.questions)
        assert isinstance(result.data, str)
        assert result.data.startswith(DECLARATION)
        root = ET.fromstring(result.data.encode("utf-8"))
        assert root.tag == "quiz"

    def test_non_ascii_text_survives(self) -> None:
        """Cyrillic, dashes and emoji come back unchanged from the UTF-8 bytes."""
        q = q_("u", "truefalse", prompt="Сталин — 1929–1930 🚜", truth=True)
        _, read = exported(q)
        assert read["u"].text == "Сталин — 1929–1930 🚜"

    def test_no_questions_make_an_empty_quiz(self) -> None:
        """Exporting nothing gives a valid file with no questions."""
        result = export(load_bank(MINI), [])
        assert isinstance(result.data, str) and result.count == 0
        assert read_xml(result.data) == {}


class TestMiniBank:
    """Moodle XML export of the mini bank: names, categories and every question type."""
    @pytest.fixture
    def result(self) -> ExportResult:
        bank = load_bank(MINI)
        return export(bank, bank.questions)

    @pytest.fixture
    def read(self, result: ExportResult) -> dict[str, MoodleQuestion]:
        assert isinstance(result.data, str)
        return read_xml(result.data)

    def test_every_type_is_exported(self, result: ExportResult,
                                    read: dict[str, MoodleQuestion]) -> None:
        """All eight questions of the sample bank are in the file and none is skipped."""
        bank = load_bank(MINI)
        assert result.count == len(bank.questions) == len(read)
        assert result.skipped == ()
        assert {qid: q.qtype for qid, q in read.items()} == {
            "right-opposition-members": "cloze", "left-removed-year": "multichoice",
            "left-members": "multichoice", "nep-tf": "truefalse", "sequence": "ordering",
            "sides": "matching", "cloze-one": "cloze", "recall-one": "essay"}

    def test_names_and_idnumbers_are_the_question_ids(
            self, read: dict[str, MoodleQuestion]) -> None:
        """Each question's name and idnumber are its powerquiz id."""
        assert all(q.name == qid == q.idnumber for qid, q in read.items())

    def test_categories_follow_bank_and_topic_titles(
            self, read: dict[str, MoodleQuestion]) -> None:
        """Questions sit in $course$/top/<bank title>/<topic title>."""
        assert read["sides"].category == (
            "$course$/top/A small bank for tests/The Left and the Right")
        assert read["nep-tf"].category == (
            "$course$/top/A small bank for tests/NEP and collectivisation")

    def test_explanations_are_general_feedback(self, read: dict[str, MoodleQuestion]) -> None:
        """The explanation of each question is its general feedback."""
        assert visible(read["left-removed-year"].general) == (
            "Stalin used the Right's votes to remove the Left first.")
        assert visible(read["recall-one"].general) == "Reservations grew as the economy slowed."

    def test_choice_has_one_full_mark_option(self, read: dict[str, MoodleQuestion]) -> None:
        """The choice question is single-answer with 100% on the right option only."""
        q = read["left-removed-year"]
        assert q.child("single") == "true"
        assert [visible(t) for t, f, _ in q.answers if f == 100] == ["1926"]
        assert all(f == 0 for t, f, _ in q.answers if visible(t) != "1926")

    def test_multi_shares_100_among_right_options(self, read: dict[str, MoodleQuestion]) -> None:
        """The multi question gives each right option 33.33333% and the wrong one -100%."""
        q = read["left-members"]
        assert q.child("single") == "false"
        weights = {visible(t): f for t, f, _ in q.answers}
        assert weights == {"Trotsky": 33.33333, "Zinoviev": 33.33333, "Kamenev": 33.33333,
                           "Bukharin": -100.0}

    def test_truefalse_answers_true_and_false(self, read: dict[str, MoodleQuestion]) -> None:
        """The true/false question gives 100% to 'true', as Moodle's importer expects."""
        assert [(t, f) for t, f, _ in read["nep-tf"].answers] == [("true", 100.0),
                                                                 ("false", 0.0)]

    def test_ordering_lists_items_in_the_right_order(
            self, read: dict[str, MoodleQuestion]) -> None:
        """The ordering question lists its items in the correct order, all of them shown."""
        q = read["sequence"]
        assert [visible(t) for t, _, _ in q.answers] == [
            "Left removed from the Politburo", "Stalin turns on the Right", "Right removed"]
        assert q.child("selecttype") == "ALL" and q.child("selectcount") == "3"
        assert q.child("layouttype") == "VERTICAL"

    def test_matching_keeps_every_pair(self, read: dict[str, MoodleQuestion]) -> None:
        """The matching question has one subquestion per pair, with its answer."""
        subs = read["sides"].node.findall("subquestion")
        pairs = [(visible(_text(s)), html.unescape(_text(s, "answer/text"))) for s in subs]
        assert pairs == [("Trotsky", "Left"), ("Zinoviev", "Left"), ("Bukharin", "Right")]

    def test_recall_is_an_essay_with_the_model_answer_for_graders(
            self, read: dict[str, MoodleQuestion]) -> None:
        """The recall question is an essay whose grader information is the model answer."""
        q = read["recall-one"]
        assert visible(_text(q.node.find("graderinfo"))) == (
            "Growth was slowing and peasants held back grain to push up prices.")
        assert q.child("responseformat") == "editor"

    def test_cloze_gaps_take_their_alternatives(self, read: dict[str, MoodleQuestion]) -> None:
        """The cloze question's gaps accept each written alternative at 100%."""
        text, gaps = moodle_cloze(read["cloze-one"].text)
        assert visible(text) == "The Left wanted {#1} and {#2}."
        assert [[(a.text, a.fraction) for a in gap] for gap in gaps] == [
            [("rapid industrialisation", 1.0), ("industrialisation", 1.0)],
            [("collectivisation", 1.0)]]

    def test_a_list_answer_becomes_a_gap_per_part(self, result: ExportResult,
                                                  read: dict[str, MoodleQuestion]) -> None:
        """An unordered list answer has one gap per part, each accepting any part."""
        text, gaps = moodle_cloze(read["right-opposition-members"].text)
        assert visible(text).startswith("Who made up the Right Opposition?")
        assert len(gaps) == 3
        for gap in gaps:
            right = {a.text for a in gap if a.fraction == 1}
            assert right == {"Bukharin", "Nikolai Bukharin", "Tomsky", "Rykov"}
            (wrong,) = [a for a in gap if a.fraction == 0]
            assert wrong.text == "Trotsky"
            assert visible(wrong.feedback) == "Trotsky led the Left, not the Right."
        assert any("right-opposition-members" in w and "twice" in w for w in result.warnings)

    def test_ordering_questions_come_with_a_version_warning(self, result: ExportResult) -> None:
        """The teacher is told the Ordering type is standard only from Moodle 4.4."""
        assert any("4.4" in w and "sequence" in w for w in result.warnings)


class TestShortAnswers:
    """Moodle XML short answers: alternatives, literal asterisks, ordered list gaps."""
    def test_alternatives_and_accept_score_100(self) -> None:
        """Every alternative and accepted answer is an answer at 100%."""
        q = q_("s", "short", parts=(("Bukharin", "Nikolai Bukharin"),), accept=("N. Bukharin",),
               wrong=(WrongAnswer("Trotsky", "He led the Left."),))
        _, read = exported(q)
        got = read["s"]
        assert got.qtype == "shortanswer" and got.child("usecase") == "0"
        assert [(t, f) for t, f, _ in got.answers] == [
            ("Bukharin", 100.0), ("Nikolai Bukharin", 100.0), ("N. Bukharin", 100.0),
            ("Trotsky", 0.0)]
        assert visible(got.answers[3][2]) == "He led the Left."

    def test_asterisks_are_not_wildcards(self) -> None:
        """A * in an answer matches only a *."""
        q = q_("s", "short", parts=(("5*3",),))
        _, read = exported(q)
        pattern = read["s"].answers[0][0]
        assert wildcard_match("5*3", pattern) and not wildcard_match("5 x 3", pattern)

    def test_an_ordered_list_marks_each_gap_against_its_part(self) -> None:
        """An ordered list answer's gap n accepts only part n's alternatives."""
        q = q_("l", "short", ordered=True, parts=(("Lenin",), ("Stalin", "Koba")))
        result, read = exported(q)
        _, gaps = moodle_cloze(read["l"].text)
        assert [[a.text for a in gap] for gap in gaps] == [["Lenin"], ["Stalin", "Koba"]]
        assert not any("twice" in w for w in result.warnings)

    def test_hostile_short_answers_match_themselves(self) -> None:
        """Answers with XML, HTML and cloze specials still match what students type."""
        q = q_("s", "short", parts=((HOSTILE, "*"),), explain=HOSTILE)
        _, read = exported(q)
        right = [t for t, f, _ in read["s"].answers if f == 100]
        assert any(wildcard_match(HOSTILE, r) for r in right)
        assert any(wildcard_match("*", r) and not wildcard_match("x", r) for r in right)


class TestMultiChoice:
    """Moodle XML multichoice: grades, wrong-option feedback, too many right options."""
    @pytest.mark.parametrize(("right", "wrong"), [(1, 3), (2, 2), (3, 3), (6, 1), (7, 0),
                                                  (11, 4), (20, 20)])
    def test_grades_pass_moodles_checks(self, right: int, wrong: int) -> None:
        """Fractions are Moodle grades, right ones total 100%, ticking all scores 0."""
        options = tuple(f"option {n}" for n in range(right + wrong))
        q = q_("m", "multi", options=options, correct=options[:right], shuffle=False)
        _, read = exported(q)
        got = read["m"]
        assert got.child("single") == "false" and got.child("shuffleanswers") == "false"
        fractions = [f for _, f, _ in got.answers]
        assert round(sum(f for f in fractions if f > 0) / 100, 2) == 1
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)
        if wrong:  # ticking every box: Moodle counts a fraction under 0.000001 as wrong
            assert sum(fractions) / 100 < 0.000001

    def test_wrong_answer_feedback_goes_on_its_option(self) -> None:
        """Feedback for a known wrong option is that option's feedback."""
        q = q_("c", "choice", options=("1924", "1926"), correct=("1926",),
               wrong=(WrongAnswer("1924", "Lenin died then."),))
        _, read = exported(q)
        feedback = {visible(t): visible(fb) for t, _, fb in read["c"].answers}
        assert feedback == {"1924": "Lenin died then.", "1926": ""}

    def test_more_than_twenty_right_options_are_skipped(self) -> None:
        """21 right options cannot share 100% in Moodle's grades, so the question is skipped."""
        options = tuple(f"o{n}" for n in range(21))
        result, read = exported(q_("m", "multi", options=options, correct=options))
        assert read == {} and result.skipped[0].reason == TOO_MANY_RIGHT


class TestOtherTypes:
    """Moodle XML matching, true/false, hints, tags, cloze prompts and categories."""
    def test_matching_needs_three_pairs(self) -> None:
        """A match question with two pairs is skipped with Moodle's reason."""
        result, read = exported(q_("two", "match", pairs=(("a", "b"), ("c", "d"))))
        assert read == {} and result.skipped[0].reason == TOO_FEW_PAIRS

    def test_questions_built_without_an_answer_are_skipped(self) -> None:
        """Questions made in code with nothing Moodle could mark are skipped, not written."""
        broken = (
            q_("no-parts", "short"),
            q_("stray", "choice", options=("a", "b"), correct=("c",)),
            q_("two-right", "choice", options=("a", "b"), correct=("a", "b")),
            q_("no-gap", "cloze", text="nothing to fill"),
            q_("empty-gap", "cloze", text="a {{ }} b"),
            q_("one-item", "order", items=("only",)),
        )
        result, read = exported(*broken)
        assert read == {}
        assert result.skipped[0].reason == NO_ANSWER
        assert result.skipped[0].ids == tuple(q.id for q in broken)

    def test_truefalse_feedback_goes_on_the_wrong_answer(self) -> None:
        """Feedback from 'wrong' is shown for the wrong choice, not the right one."""
        q = q_("tf", "truefalse", truth=False, wrong=(WrongAnswer("true", "It was 1927."),))
        _, read = exported(q)
        answers = {t: (f, visible(fb)) for t, f, fb in read["tf"].answers}
        assert answers == {"true": (0.0, "It was 1927."), "false": (100.0, "")}

    def test_hints_and_tags_are_kept(self) -> None:
        """A question's hint is a Moodle hint and its tags are Moodle tags."""
        q = q_("t", "truefalse", truth=True, hint="Think of 1928.", tags=("nep", "a&b <c>"))
        _, read = exported(q)
        assert read["t"].tags == ["nep", "a&b <c>"]
        assert visible(_text(read["t"].node.find("hint"))) == "Think of 1928."

    def test_a_cloze_prompt_precedes_its_text(self) -> None:
        """A cloze with a prompt shows the prompt, then the text with its gaps."""
        q = q_("c", "cloze", prompt="Fill in:", text="{{Lenin}} died in {{1924}}.",
               gaps=(("Lenin",), ("1924",)))
        _, read = exported(q)
        text, gaps = moodle_cloze(read["c"].text)
        assert visible(text) == "Fill in:\n{#1} died in {#2}."
        assert [[a.text for a in gap] for gap in gaps] == [["Lenin"], ["1924"]]

    def test_topic_titles_with_slashes_are_escaped_in_the_category(self) -> None:
        """A / inside a topic title is doubled so Moodle keeps it as one category."""
        q = q_("t", "truefalse", topic="x", truth=True)
        _, read = exported(q, topics=(Topic("x", "War/peace"),))
        assert read["t"].category == "$course$/top/Test bank/War//peace"

    def test_ids_too_long_for_an_idnumber_keep_their_name(self) -> None:
        """An id over 100 characters is left out of idnumber, with a warning."""
        qid = "a" * 101
        result, read = exported(q_(qid, "truefalse", truth=True))
        assert read[qid].idnumber == "" and read[qid].name == qid
        assert any(qid in w for w in result.warnings)


class TestEscaping:
    """Moodle XML escaping: special characters, control characters and cloze gaps."""
    def test_hostile_texts_round_trip(self) -> None:
        """Prompts, options, feedback and explanations full of specials come back intact."""
        q = q_("h", "choice", prompt=HOSTILE, options=(HOSTILE + "1", "b"), correct=("b",),
               explain=HOSTILE + "\nline two", wrong=(WrongAnswer(HOSTILE + "1", HOSTILE),))
        result, read = exported(q)
        got = read["h"]
        assert visible(got.text) == HOSTILE
        assert visible(got.general) == HOSTILE + "\nline two"
        answers = {visible(t): (f, visible(fb)) for t, f, fb in got.answers}
        assert answers == {HOSTILE + "1": (0.0, HOSTILE), "b": (100.0, "")}
        assert isinstance(result.data, str)
        assert "<script>" not in result.data
        # "]]>" only ever closes a CDATA section: none ends one early or stands outside
        outside = re.sub(r"<!\[CDATA\[.*?\]\]>", "", result.data, flags=re.S)
        assert "]]>" not in outside and "<![CDATA[" not in outside

    def test_hostile_match_order_and_essay_texts_round_trip(self) -> None:
        """Match sides, ordering items and grader information keep every special."""
        match = q_("m", "match", pairs=((HOSTILE, HOSTILE), ("b", "c"), ("d", "c")))
        order = q_("o", "order", items=(HOSTILE, "second", "]]>"))
        essay = q_("e", "recall", model_answer=HOSTILE)
        _, read = exported(match, order, essay)
        sub = read["m"].node.find("subquestion")
        assert visible(_text(sub)) == HOSTILE
        assert html.unescape(_text(sub, "answer/text")) == " ".join(HOSTILE.split())
        assert [visible(t) for t, _, _ in read["o"].answers] == [HOSTILE, "second", "]]>"]
        assert visible(_text(read["e"].node.find("graderinfo"))) == HOSTILE

    def test_control_characters_are_removed_with_a_warning(self) -> None:
        """Characters XML 1.0 cannot hold are dropped and the question is named."""
        q = q_("ctl", "truefalse", prompt="bell\x07 and\x1b escape\ufffe", truth=True)
        result, read = exported(q)
        assert read["ctl"].text == "bell and escape"
        assert any("ctl" in w and "control" in w for w in result.warnings)

    def test_hostile_cloze_answers_and_feedback_survive_moodles_parser(self) -> None:
        """Gap answers and feedback with } ~ # = % / \" \\ & come back exactly."""
        q = q_("c", "cloze", prompt="",
               text=f"Before {{{{{GAP_HOSTILE}|plain}}}} after {{1:SA:=no}}",
               gaps=((GAP_HOSTILE, "plain"),),
               wrong=(WrongAnswer("wr~ong}", GAP_HOSTILE),))
        _, read = exported(q)
        text, gaps = moodle_cloze(read["c"].text)
        assert visible(text) == "Before {#1} after {1:SA:=no}"
        (gap,) = gaps
        assert [(a.text, a.fraction) for a in gap] == [(GAP_HOSTILE.replace("*", "\\*"), 1.0),
                                                       ("plain", 1.0), ("wr~ong}", 0.0)]
        assert visible(gap[2].feedback) == GAP_HOSTILE

    def test_prose_that_looks_like_a_gap_stays_prose(self) -> None:
        """Text such as {1:SHORTANSWER:=x} or {#1} outside a gap is not made a gap."""
        q = q_("c", "cloze", prompt="{1:SHORTANSWER:=x} {#1}", text="A {{b}} {2:MC:=c~d}",
               gaps=(("b",),))
        _, read = exported(q)
        text, gaps = moodle_cloze(read["c"].text)
        assert len(gaps) == 1
        assert visible(text) == "{1:SHORTANSWER:=x} {#1}\nA {#1} {2:MC:=c~d}"

    @given(answer=st.text(alphabet="}{~#=%/\"\\&;<>*ab #:", min_size=1).map(str.strip)
           .filter(bool).map(lambda s: " ".join(s.split())))
    @settings(deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_any_gap_answer_round_trips(self, answer: str) -> None:
        """Any answer made of cloze specials is the gap's right answer after import."""
        text = "x {{" + answer + "}} z"
        assume([alts for _, _, alts in parse_gaps(text)] == [(answer,)])
        q = q_("c", "cloze", text=text, gaps=((answer,),), wrong=(WrongAnswer("zz", answer),))
        _, read = exported(q)
        _, gaps = moodle_cloze(read["c"].text)
        (gap,) = gaps
        assert gap[0].fraction == 1 and wildcard_match(answer, gap[0].text)
        assert visible(gap[-1].feedback) == answer


class TestBundledBank:
    """Moodle XML export of the bundled bank: every question with its answer."""
    def test_every_bundled_question_is_exported_with_its_answer(self) -> None:
        """The shipped bank exports in full and each right answer reads back."""
        bank = load_bank(BUNDLED)
        result = export(bank, bank.questions)
        assert isinstance(result.data, str)
        read = read_xml(result.data)
        skipped = [qid for s in result.skipped for qid in s.ids]
        assert result.count == len(read)
        assert sorted([*read, *skipped]) == sorted(q.id for q in bank.questions)
        for q in bank.questions:
            if q.id not in read:
                continue
            got = read[q.id]
            topic = bank.topic(q.topic)
            assert topic is not None
            assert got.category.endswith("/" + topic.title.replace("/", "//"))
            if q.type == "short" and not q.is_list_answer:
                right = [t for t, f, _ in got.answers if f == 100]
                assert all(any(wildcard_match(a, r) for r in right) for a in q.parts[0])
            elif q.type == "short" or q.type == "cloze":
                _, gaps = moodle_cloze(got.text)
                expected = q.parts if q.type == "short" else q.gaps
                assert len(gaps) == len(expected)
                for gap, alts in zip(gaps, expected, strict=True):
                    right = [a.text for a in gap if a.fraction == 1]
                    assert all(any(wildcard_match(a, r) for r in right) for a in alts)
            elif q.type in ("choice", "multi"):
                chosen = {visible(t) for t, f, _ in got.answers if f > 0}
                assert chosen == set(q.correct)
            elif q.type == "truefalse":
                assert ("true" if q.truth else "false", 100.0) in [
                    (t, f) for t, f, _ in got.answers]
            elif q.type == "order":
                assert [visible(t) for t, _, _ in got.answers] == list(q.items)
            elif q.type == "recall":
                assert visible(_text(got.node.find("graderinfo"))) == q.model_answer
