"""The Moodle GIFT export, read back by a port of Moodle's own GIFT importer.

``tests/gift_reader.py`` follows ``qformat_gift::readquestion`` in Moodle's
``question/format/gift/format.php`` step by step (escaped-character placeholders,
``::name::``, the first ``{`` and ``}``, ``####`` general feedback, how the question
type is guessed, answer weights, ``#`` feedback, ``[format]`` prefixes), plus the
grade check of ``qformat_default::importprocess`` and the short-answer wildcard match
of ``qtype_shortanswer``.  It shares no code with the exporter.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerquiz.bank import load_bank
from powerquiz.bank.model import Bank, Topic, WrongAnswer
from powerquiz.exports import load_format
from powerquiz.exports.common import ExportResult
from powerquiz.exports.gift import FORMAT, USE_MOODLE, export
from powerquiz.exports.moodle_rules import TOO_FEW_PAIRS, TOO_MANY_RIGHT, multi_weights

if TYPE_CHECKING:  # mypy reads the tests as the package "tests"; pytest puts tests/
    from tests.gift_reader import (
        HOSTILE,
        HOSTILE_ANSWER,
        MOODLE_FRACTIONS,
        GiftQuestion,
        exported,
        moodle_ids,
        moodle_tags,
        q_,
        read_gift,
        shown,
        wildcard_match,
    )
else:  # on the path, so at run time the helper is a top-level module
    from gift_reader import (
        HOSTILE,
        HOSTILE_ANSWER,
        MOODLE_FRACTIONS,
        GiftQuestion,
        exported,
        moodle_ids,
        moodle_tags,
        q_,
        read_gift,
        shown,
        wildcard_match,
    )

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "questions.yaml"
MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"

# -- tests ----------------------------------------------------------------------------------------


class TestFormat:
    """GIFT format registration, text output and an empty export."""
    def test_the_format_is_found_by_name(self) -> None:
        """load_format('gift') returns this module's description and export function."""
        fmt, fn = load_format("gift")
        assert fmt is FORMAT and fn is export
        assert FORMAT.suffix == ".txt" and not FORMAT.binary

    def test_the_output_is_text(self) -> None:
        """The export's data is a str ending with a newline."""
        bank = load_bank(MINI)
        result = export(bank, bank.questions)
        assert isinstance(result.data, str) and result.data.endswith("\n")

    def test_no_questions_make_an_empty_file(self) -> None:
        """Exporting nothing gives a file Moodle reads as no questions."""
        result = export(load_bank(MINI), [])
        assert result.count == 0 and isinstance(result.data, str)
        assert read_gift(result.data) == {}


class TestMiniBank:
    """GIFT export of the mini bank: categories, ids and each question type read back."""
    @pytest.fixture
    def result(self) -> ExportResult:
        bank = load_bank(MINI)
        return export(bank, bank.questions)

    @pytest.fixture
    def read(self, result: ExportResult) -> dict[str, GiftQuestion]:
        assert isinstance(result.data, str)
        return read_gift(result.data)

    def test_every_question_is_exported_or_skipped(self, result: ExportResult,
                                                   read: dict[str, GiftQuestion]) -> None:
        """Exported plus skipped questions are the whole bank, each exactly once."""
        bank = load_bank(MINI)
        skipped = [qid for s in result.skipped for qid in s.ids]
        assert sorted([*read, *skipped]) == sorted(q.id for q in bank.questions)
        assert moodle_ids(str(result.data)) == {name: name for name in read}
        assert result.count == len(read)

    def test_gift_cannot_hold_lists_orders_and_clozes_with_several_gaps(
            self, result: ExportResult) -> None:
        """List answers, order questions and several-gap clozes are skipped to moodle."""
        (skipped,) = result.skipped
        assert skipped.reason == USE_MOODLE
        assert set(skipped.ids) == {"right-opposition-members", "sequence", "cloze-one"}

    def test_categories_name_bank_and_topic(self, read: dict[str, GiftQuestion]) -> None:
        """Each question lands in $course$/top/<bank title>/<topic title>, as in Moodle XML."""
        factions = "$course$/top/A small bank for tests/The Left and the Right"
        economy = "$course$/top/A small bank for tests/NEP and collectivisation"
        assert read["left-removed-year"].category == factions
        assert read["sides"].category == factions
        assert read["nep-tf"].category == economy
        assert read["recall-one"].category == economy

    def test_comment_line_names_the_question(self, result: ExportResult) -> None:
        """Moodle's // [id:X] comment comes right before each question."""
        assert isinstance(result.data, str)
        assert "// [id:nep-tf]\n::nep-tf::" in result.data

    def test_moodle_reads_every_id_number(self, result: ExportResult,
                                          read: dict[str, GiftQuestion]) -> None:
        """Moodle's comment regex finds each question's id as its ID number."""
        assert isinstance(result.data, str)
        assert moodle_ids(result.data) == {name: name for name in read}

    def test_choice_marks_the_right_option(self, read: dict[str, GiftQuestion]) -> None:
        """A choice question is a single-answer multichoice with 100% on the right option."""
        q = read["left-removed-year"]
        assert q.qtype == "multichoice" and q.single and q.fmt == "html"
        assert [a.text for a in q.answers if a.fraction == 1] == ["1926"]
        assert sorted(a.text for a in q.answers) == ["1924", "1926", "1928", "1929–1930"]
        assert shown(q.general) == "Stalin used the Right's votes to remove the Left first."

    def test_multi_weights_share_100_and_penalise_wrong_options(
            self, read: dict[str, GiftQuestion]) -> None:
        """A multi question gives its right options a third each and the wrong one -100%."""
        q = read["left-members"]
        assert q.qtype == "multichoice" and not q.single
        weights = {a.text: a.fraction for a in q.answers}
        assert weights == pytest.approx({"Trotsky": 0.3333333, "Zinoviev": 0.3333333,
                                         "Kamenev": 0.3333333, "Bukharin": -1.0}, abs=1e-9)

    def test_truefalse_keeps_its_truth(self, read: dict[str, GiftQuestion]) -> None:
        """A true/false question is read back as true/false with the right value."""
        q = read["nep-tf"]
        assert q.qtype == "truefalse" and q.truth
        assert q.text == "The Right wanted NEP kept."

    def test_match_keeps_its_pairs(self, read: dict[str, GiftQuestion]) -> None:
        """A match question keeps every pair, repeated right-hand sides included."""
        q = read["sides"]
        assert q.qtype == "match"
        assert q.pairs == [("Trotsky", "Left"), ("Zinoviev", "Left"), ("Bukharin", "Right")]

    def test_recall_is_an_essay_with_the_model_answer_as_feedback(
            self, read: dict[str, GiftQuestion]) -> None:
        """A recall question is an essay whose general feedback holds the model answer."""
        q = read["recall-one"]
        assert q.qtype == "essay"
        assert "Model answer:" in shown(q.general)
        assert "peasants held back grain to push up prices." in shown(q.general)
        assert "Reservations grew as the economy slowed." in shown(q.general)


class TestShortAnswers:
    """GIFT short answers and one-gap clozes: alternatives, wrong feedback, skips."""
    def test_every_alternative_and_accept_is_a_full_mark_answer(self) -> None:
        """Each alternative of the answer and each 'accept' is worth 100%."""
        q = q_("s", "short", parts=(("Bukharin", "Nikolai Bukharin"),), accept=("N. Bukharin",))
        _, read = exported(q)
        got = read["s"]
        assert got.qtype == "shortanswer"
        assert [(a.text, a.fraction) for a in got.answers] == [
            ("Bukharin", 1.0), ("Nikolai Bukharin", 1.0), ("N. Bukharin", 1.0)]

    def test_known_wrong_answers_score_zero_with_their_feedback(self) -> None:
        """A wrong answer is an answer at 0% carrying the teacher's feedback."""
        q = q_("s", "short", parts=(("Rykov",),),
               wrong=(WrongAnswer("Trotsky", "He led the Left."), WrongAnswer("Lenin")))
        _, read = exported(q)
        answers = {a.text: a for a in read["s"].answers}
        assert answers["Rykov"].fraction == 1.0
        assert answers["Trotsky"].fraction == 0.0
        assert shown(answers["Trotsky"].feedback) == "He led the Left."
        assert answers["Lenin"].fraction == 0.0 and answers["Lenin"].feedback == ""

    def test_asterisks_are_not_wildcards(self) -> None:
        """A * in an answer matches only a *, not any text."""
        q = q_("s", "short", parts=(("5*3",),))
        _, read = exported(q)
        (answer,) = read["s"].answers
        assert wildcard_match("5*3", answer.text)
        assert not wildcard_match("5 times 3", answer.text)

    def test_answers_with_an_arrow_go_to_moodle(self) -> None:
        """An answer containing -> would turn into a matching question, so it is skipped."""
        arrow = q_("arrow", "short", parts=(("A -> B",),))
        wrong = q_("wrong-arrow", "short", parts=(("A",),), wrong=(WrongAnswer("B -> A"),))
        fine = q_("fine", "short", parts=(("A",),), explain="A -> B is the sequence.")
        result, read = exported(arrow, wrong, fine)
        assert set(read) == {"fine"}
        assert result.skipped[0].reason == USE_MOODLE
        assert set(result.skipped[0].ids) == {"arrow", "wrong-arrow"}
        assert shown(read["fine"].general) == "A -> B is the sequence."

    def test_list_answers_are_skipped_with_the_reason(self) -> None:
        """A short answer with several parts is skipped: GIFT cannot mark parts."""
        q = q_("list", "short", parts=(("Bukharin",), ("Tomsky",)))
        result, read = exported(q)
        assert read == {} and result.count == 0
        assert result.skipped[0].reason == USE_MOODLE and result.skipped[0].ids == ("list",)

    def test_a_one_gap_cloze_is_a_missing_word_question(self) -> None:
        """A cloze with one gap reads back as a short answer with the blank in its text."""
        q = q_("gap", "cloze", prompt="",
               text="Stalin became {{General Secretary|Gensec}} in 1922.",
               gaps=(("General Secretary", "Gensec"),),
               wrong=(WrongAnswer("Premier", "That was Rykov."),), explain="He ran the apparatus.")
        _, read = exported(q)
        got = read["gap"]
        assert got.qtype == "shortanswer"
        assert shown(got.text) == "Stalin became _____ in 1922."
        answers = {a.text: a for a in got.answers}
        assert answers["General Secretary"].fraction == answers["Gensec"].fraction == 1.0
        assert answers["Premier"].fraction == 0.0
        assert shown(answers["Premier"].feedback) == "That was Rykov."
        assert shown(got.general) == "He ran the apparatus."

    def test_a_cloze_prompt_comes_before_the_text(self) -> None:
        """A one-gap cloze with a prompt shows the prompt, then the text with its blank."""
        q = q_("gap", "cloze", prompt="Fill the gap.", text="{{Lenin}} died in 1924.",
               gaps=(("Lenin",),))
        _, read = exported(q)
        assert shown(read["gap"].text) == "Fill the gap.\n_____ died in 1924."


class TestSkipping:
    """GIFT skips: two-pair matches, over 20 right options, orders, multi-gap clozes."""
    def test_matching_needs_three_pairs(self) -> None:
        """A match question with two pairs is skipped with Moodle's reason."""
        q = q_("two", "match", pairs=(("a", "b"), ("c", "d")))
        three = q_("three", "match", pairs=(("a", "b"), ("c", "d"), ("e", "d")))
        result, read = exported(q, three)
        assert set(read) == {"three"}
        assert result.skipped[0].reason == TOO_FEW_PAIRS and result.skipped[0].ids == ("two",)

    def test_more_than_twenty_right_options_cannot_share_100(self) -> None:
        """A multi question with 21 right options is skipped: 5% is Moodle's smallest grade."""
        options = tuple(f"o{n}" for n in range(22))
        q = q_("many", "multi", options=options, correct=options[:21])
        result, read = exported(q)
        assert read == {} and result.skipped[0].reason == TOO_MANY_RIGHT

    def test_order_and_clozes_with_several_gaps_are_skipped(self) -> None:
        """Order questions and clozes with two gaps are skipped to moodle."""
        order = q_("order", "order", items=("a", "b", "c"))
        cloze = q_("cloze", "cloze", text="{{a}} and {{b}}", gaps=(("a",), ("b",)))
        result, _ = exported(order, cloze)
        assert result.skipped[0].ids == ("order", "cloze")
        assert "powerquiz export moodle" in result.skipped[0].reason


class TestWeights:
    """GIFT multi weights: right options share 100% in grades Moodle accepts."""
    @given(right=st.integers(1, 20), wrong=st.integers(0, 30))
    @settings(deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_right_options_share_exactly_100_and_ticking_all_scores_0(
            self, right: int, wrong: int) -> None:
        """Right options sum to 100% in allowed grades; all ticked scores at most 0."""
        split = multi_weights(right, wrong)
        assert split is not None
        shares, penalty = split
        assert len(shares) == right and sum(shares) == 1
        allowed = {Fraction(f).limit_denominator(20) for f in MOODLE_FRACTIONS}
        assert set(shares) <= allowed and penalty in allowed
        if wrong:
            assert sum(shares) + wrong * penalty <= 0
            smaller = [g for g in allowed if penalty < g < 0]
            assert all(sum(shares) + wrong * g > 0 for g in smaller), "penalty not minimal"
        else:
            assert penalty == 0

    @pytest.mark.parametrize(("right", "wrong"), [(1, 1), (2, 3), (3, 3), (7, 7), (11, 2)])
    def test_weights_survive_moodles_import_checks(self, right: int, wrong: int) -> None:
        """The written weights pass Moodle's grade list and its 100% total check."""
        options = tuple(f"option {n}" for n in range(right + wrong))
        q = q_("m", "multi", options=options, correct=options[:right])
        _, read = exported(q)
        got = read["m"]
        assert not got.single
        positive = [a.fraction for a in got.answers if a.fraction > 0]
        assert len(positive) == right
        # Ticking every box: Moodle counts a fraction under 0.000001 as wrong.
        assert sum(a.fraction for a in got.answers) < 0.000001

    def test_eleven_right_options_use_two_neighbouring_grades(self) -> None:
        """Eleven right options get 10% and 5% (no equal share exists)."""
        split = multi_weights(11, 0)
        assert split is not None
        assert split[0] == (Fraction(1, 10),) * 9 + (Fraction(1, 20),) * 2


class TestEscaping:
    """GIFT escaping: reserved characters and line breaks survive Moodle's reader."""
    def test_hostile_prompt_options_and_feedback_survive(self) -> None:
        """GIFT's reserved characters, HTML and CDATA breakers come back unchanged."""
        q = q_("h", "choice", prompt=HOSTILE, options=(HOSTILE + " right", "%50% wrong", "[x]"),
               correct=(HOSTILE + " right",), explain=HOSTILE + " why",
               wrong=(WrongAnswer("%50% wrong", HOSTILE + " fb"),))
        result, read = exported(q)
        got = read["h"]
        assert got.qtype == "multichoice" and got.fmt == "html"
        assert shown(got.text) == HOSTILE
        assert shown(got.general) == HOSTILE + " why"
        answers = {shown(a.text): a for a in got.answers}
        assert answers[HOSTILE + " right"].fraction == 1.0
        assert answers["%50% wrong"].fraction == 0.0
        assert shown(answers["%50% wrong"].feedback) == HOSTILE + " fb"
        assert "[x]" in answers
        assert isinstance(result.data, str)
        assert "<script>" not in result.data

    def test_hostile_short_answers_match_what_students_type(self) -> None:
        """A short answer full of GIFT's reserved characters still matches itself."""
        q = q_("h", "short", prompt=HOSTILE, parts=((HOSTILE_ANSWER, "[plain] x"),),
               wrong=(WrongAnswer("#~=", HOSTILE),))
        _, read = exported(q)
        got = read["h"]
        assert got.qtype == "shortanswer"
        right = [a.text for a in got.answers if a.fraction == 1]
        assert len(right) == 2
        assert any(wildcard_match(HOSTILE_ANSWER, a) for a in right)
        assert any(wildcard_match("[plain] x", a) for a in right)
        (wrong,) = [a for a in got.answers if a.fraction == 0]
        assert wildcard_match("#~=", wrong.text) and shown(wrong.feedback) == HOSTILE

    def test_hostile_match_sides_and_truefalse_feedback_survive(self) -> None:
        """Match sides and true/false feedback keep every reserved character."""
        match = q_("m", "match", prompt=HOSTILE,
                   pairs=((HOSTILE + "1", "a -> b"), ("[html]2", "{=~#:}"), ("%3%", "<i>")))
        tf = q_("tf", "truefalse", prompt=HOSTILE, truth=False,
                wrong=(WrongAnswer("true", HOSTILE),), explain="[because]")
        _, read = exported(match, tf)
        pairs = [(shown(left), shown(right)) for left, right in read["m"].pairs]
        assert pairs == [(HOSTILE + "1", "a -> b"), ("[html]2", "{=~#:}"), ("%3%", "<i>")]
        got = read["tf"]
        assert got.qtype == "truefalse" and not got.truth
        assert shown(got.wrong_feedback) == HOSTILE
        assert shown(got.general) == "[because]"

    def test_line_breaks_stay_inside_one_question(self) -> None:
        """A prompt over several lines keeps its breaks and does not split the question."""
        q = q_("lines", "truefalse", prompt="Line one\n\nLine three\r\n0", truth=True)
        _, read = exported(q)
        assert shown(read["lines"].text) == "Line one\n\nLine three\n0"

    @given(text=st.text(alphabet="{}=~#:\\[]%<>&;-n \"'/*|abc\n", min_size=1).map(str.strip)
           .filter(bool))
    @settings(deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_any_text_of_reserved_characters_round_trips(self, text: str) -> None:
        """Prompts, options and explanations made of reserved characters come back intact."""
        q = q_("p", "choice", prompt=text, options=(text + "!", "other"), correct=("other",),
               explain=text)
        _, read = exported(q)
        got = read["p"]
        assert shown(got.text) == text.replace("\r", "")
        assert shown(got.general) == text.replace("\r", "")
        assert {shown(a.text) for a in got.answers} == {text + "!", "other"}


class TestBundledBank:
    """GIFT export of the bundled bank: every question read back or skipped."""
    def test_every_bundled_question_is_exported_or_skipped(self) -> None:
        """The shipped bank exports with each question either read back or skipped."""
        bank = load_bank(BUNDLED)
        result = export(bank, bank.questions)
        assert isinstance(result.data, str)
        read = read_gift(result.data)
        skipped = [qid for s in result.skipped for qid in s.ids]
        assert result.count == len(read)
        assert sorted([*read, *skipped]) == sorted(q.id for q in bank.questions)
        assert moodle_ids(result.data) == {name: name for name in read}
        for q in bank.questions:
            if q.id not in read:
                continue
            got = read[q.id]
            topic = bank.topic(q.topic)
            assert topic is not None
            assert got.category == f"$course$/top/{bank.title}/{topic.title}"
            if q.type == "short":
                right = [a.text for a in got.answers if a.fraction == 1]
                assert all(any(wildcard_match(alt, r) for r in right) for alt in q.parts[0])
            elif q.type in ("choice", "multi"):
                chosen = {shown(a.text) for a in got.answers if a.fraction > 0}
                assert chosen == set(q.correct)
            elif q.type == "truefalse":
                assert got.truth == q.truth
            elif q.type == "match":
                assert [(shown(a), shown(b)) for a, b in got.pairs] == list(q.pairs)
            elif q.type == "recall":
                assert got.qtype == "essay"


class TestMoodleKeeps:
    """What Moodle keeps of a GIFT file: ids, tags, categories, and the shuffle warning."""

    def test_tags_arrive_as_moodle_tags(self) -> None:
        """Tags are written [tag:a] [tag:b], with ] escaped, and Moodle reads them back."""
        q = q_("t1", "truefalse", truth=True, tags=("alpha", "two words", "odd]tag"))
        result, _ = exported(q)
        assert isinstance(result.data, str)
        assert "// [id:t1] [tag:alpha] [tag:two words] [tag:odd\\]tag]\n::t1::" in result.data
        assert moodle_tags(result.data) == {"t1": ["alpha", "two words", "odd]tag"]}
        assert moodle_ids(result.data) == {"t1": "t1"}

    def test_tag_moodle_cannot_hold_is_left_out_with_a_warning(self) -> None:
        """A tag with < > or ` is left out of the comment and the question named."""
        q = q_("t2", "truefalse", truth=True, tags=("<b>", "fine"))
        result, _ = exported(q)
        assert moodle_tags(str(result.data)) == {"t2": ["fine"]}
        assert any("t2" in w and "tags" in w for w in result.warnings)

    def test_shuffle_false_is_named_in_the_warning(self) -> None:
        """GIFT cannot say shuffle: false, so the warning names those questions only."""
        fixed = q_("fixed", "choice", options=("a", "b"), correct=("a",), shuffle=False)
        free = q_("free", "choice", options=("a", "b"), correct=("a",))
        result, read = exported(fixed, free)
        assert set(read) == {"fixed", "free"}
        (warning,) = [w for w in result.warnings if "shuffle" in w]
        assert "fixed" in warning and "free" not in warning.replace("fixed", "")
        assert "powerquiz export moodle" in warning

    def test_no_warning_when_every_question_may_shuffle(self) -> None:
        """Without shuffle: false there is no shuffle warning."""
        result, _ = exported(q_("free", "choice", options=("a", "b"), correct=("a",)))
        assert not [w for w in result.warnings if "shuffle" in w]

    def test_category_markup_is_escaped(self) -> None:
        """D18: <script> in a title reaches the category path escaped, never as markup."""
        q = q_("m", "truefalse", truth=True, topic="x")
        bank = Bank(id="b", title="<script>alert(1)</script> & <B>",
                    topics=(Topic("x", "<i>T</i>"),), questions=(q,))
        result = export(bank, [q])
        got = read_gift(str(result.data))["m"]
        # escaped, and each "/" doubled so it stays inside its category name
        assert got.category == ("$course$/top/&lt;script&gt;alert(1)&lt;//script&gt; &amp; "
                                "&lt;B&gt;/&lt;i&gt;T&lt;//i&gt;")
        lines = [line for line in str(result.data).split("\n") if not line.startswith("//")]
        assert not any("<script" in line or "<B>" in line for line in lines)

    def test_category_backslash_survives_moodles_escapes(self) -> None:
        """A backslash in a title reaches the GIFT and XML categories as &#92;, the same."""
        from powerquiz.exports import moodle

        q = q_("b", "truefalse", truth=True, topic="x")
        bank = Bank(id="b", title="a\\:b", topics=(Topic("x", "c\\\\d"),), questions=(q,))
        got = read_gift(str(export(bank, [q]).data))["b"]
        assert got.category == "$course$/top/a&#92;:b/c&#92;&#92;d"
        xml = ET.fromstring(str(moodle.export(bank, [q]).data).encode("utf-8"))
        assert xml.findtext("question/category/text") == got.category
