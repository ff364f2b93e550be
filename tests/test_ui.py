"""The front ends: the plain line mode, the terminal prompter and the typo diff."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from powerquiz.bank import Bank, Question, load_bank
from powerquiz.bank.wording import CONTROL
from powerquiz.marking import mark
from powerquiz.session import Asked, Outcome
from powerquiz.ui import terminal
from powerquiz.ui.diff import char_diff, plain_diff
from powerquiz.ui.plain import PlainPrompter
from powerquiz.ui.terminal import TerminalPrompter, rich_diff


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


def q(bank: Bank, qid: str) -> Question:
    question = bank.question(qid)
    assert question is not None
    return question


def asked(question: Question, choices: tuple[str, ...] = ()) -> Asked:
    return Asked(question, 1, 1, choices)


def plain(lines: str, *, interactive: bool = False) -> tuple[PlainPrompter, io.StringIO]:
    out = io.StringIO()
    return PlainPrompter(io.StringIO(lines), out, interactive=interactive), out


class TestDiff:
    def test_the_diff_shows_the_missing_letter(self):
        """A dropped letter is shown as one to add."""
        assert plain_diff("Bukarin", "Bukharin") == "Buk[+h]arin"

    def test_the_diff_ignores_case_as_marking_does(self):
        """A lower-case initial is not shown as a mistake."""
        assert plain_diff("bukarin", "Bukharin") == "buk[+h]arin"

    def test_extra_letters_are_shown_as_ones_to_drop(self):
        """A doubled letter is shown as one to remove."""
        assert ("extra", "m") in char_diff("Tommsky", "Tomsky")

    def test_the_rich_diff_reads_the_same_without_colour(self):
        """The coloured diff carries the same [+…] marks as the plain one."""
        assert rich_diff("Bukarin", "Bukharin").plain == "Buk[+h]arin"


class TestPlainPrompter:
    def test_a_choice_is_read_by_its_listed_number(self, bank):
        """'2' picks the second option as displayed."""
        p, _ = plain("2\n")
        choices = ("1928", "1926", "1924", "1929–1930")
        assert p.ask(asked(q(bank, "left-removed-year"), choices)) == "1926"

    def test_an_out_of_range_number_is_asked_again(self, bank):
        """Option 9 of 4 gets a plain message and another try."""
        p, out = plain("9\n1\n")
        choices = ("a", "b", "c", "d")
        assert p.ask(asked(q(bank, "left-removed-year"), choices)) == "a"
        assert "Please type a number from 1 to 4." in out.getvalue()

    def test_multi_reads_several_numbers(self, bank):
        """'1 3' ticks the first and third options."""
        p, _ = plain("1 3\n")
        choices = ("Trotsky", "Bukharin", "Kamenev", "Zinoviev")
        assert p.ask(asked(q(bank, "left-members"), choices)) == ["Trotsky", "Kamenev"]

    def test_order_needs_every_number_once(self, bank):
        """An order with a number missing is refused until all are there."""
        p, out = plain("1 2\n3 1 2\n")
        question = q(bank, "sequence")
        choices = (question.items[1], question.items[2], question.items[0])
        assert p.ask(asked(question, choices)) == list(question.items)
        assert "each number once" in out.getvalue()

    def test_match_reads_one_line_per_left_item(self, bank):
        """Each left-hand item gets its own line, answered by number."""
        p, _ = plain("1\n1\n2\n")
        assert p.ask(asked(q(bank, "sides"), ("Left", "Right"))) == {
            "Trotsky": "Left", "Zinoviev": "Left", "Bukharin": "Right"}

    def test_cloze_reads_one_line_per_gap(self, bank):
        """A two-gap cloze reads two lines."""
        p, _ = plain("rapid industrialisation\ncollectivisation\n")
        assert p.ask(asked(q(bank, "cloze-one"))) == ["rapid industrialisation",
                                                        "collectivisation"]

    def test_an_empty_line_shows_the_hint_and_asks_again(self, bank):
        """With a hint, Enter alone shows it; the next line is the answer."""
        p, out = plain("\n1926\n")
        question = q(bank, "right-opposition-members")
        hinted = Question(**{**question.__dict__, "hint": "Three names"})
        assert p.ask(asked(hinted)) == "1926"
        assert "Hint: Three names" in out.getvalue()

    def test_recall_self_rating_reads_words_or_numbers(self, bank):
        """'3' means good; a bad reply is asked again."""
        p, out = plain("excellent\n3\n")
        assert p.rate_recall(asked(q(bank, "recall-one")), "") == "good"
        assert "Model answer:" in out.getvalue()

    def test_end_of_input_raises_eoferror(self, bank):
        """No more lines ends the session."""
        p, _ = plain("")
        with pytest.raises(EOFError):
            p.ask(asked(q(bank, "right-opposition-members")))

    def test_override_is_only_asked_at_a_terminal(self, bank):
        """A piped session never takes the next answer as an override reply."""
        question = q(bank, "right-opposition-members")
        outcome = Outcome(asked(question), "Trotsky", mark(question, "Trotsky"), True)
        piped, out = plain("y\n")
        assert piped.feedback(outcome) is False
        assert "Were you right" not in out.getvalue()
        tty, _ = plain("y\n", interactive=True)
        assert tty.feedback(outcome) is True

    def test_feedback_says_the_verdict_in_words(self, bank):
        """Verdict, expected answer and the teacher's note come as plain lines."""
        question = q(bank, "right-opposition-members")
        outcome = Outcome(asked(question), "Trotsky", mark(question, "Trotsky"), True)
        p, out = plain("")
        p.feedback(outcome)
        text = out.getvalue()
        assert "✗ Wrong" in text
        assert "Answer: Bukharin, Tomsky and Rykov" in text
        assert "Trotsky led the Left" in text


@contextmanager
def keys(text: str) -> Iterator[None]:
    """Feed ``text`` as key presses to any questionary prompt made inside the block."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe:
        pipe.send_text(text)
        with create_app_session(input=pipe, output=DummyOutput()):
            yield


class TestTerminalPrompter:
    def prompter(self) -> tuple[TerminalPrompter, io.StringIO]:
        out = io.StringIO()
        return TerminalPrompter(Console(file=out, width=100, no_color=True)), out

    def test_a_select_answers_with_the_highlighted_option(self, bank):
        """Down then Enter picks the second option shown."""
        p, out = self.prompter()
        with keys("\x1b[B\r"):
            reply = p.ask(asked(q(bank, "left-removed-year"), ("1928", "1926", "1924")))
        assert reply == "1926"
        assert "In which year" in out.getvalue()

    def test_a_typed_answer_is_returned_as_typed(self, bank):
        """A text prompt returns what was typed."""
        p, _ = self.prompter()
        with keys("Bukharin, Tomsky, Rykov\r"):
            reply = p.ask(asked(q(bank, "right-opposition-members")))
        assert reply == "Bukharin, Tomsky, Rykov"

    def test_ctrl_c_at_a_prompt_raises_keyboardinterrupt(self, bank):
        """Ctrl-C is not swallowed: the engine must see it to save and stop."""
        p, _ = self.prompter()
        with keys("\x03"), pytest.raises(KeyboardInterrupt):
            p.ask(asked(q(bank, "right-opposition-members")))

    def test_the_order_prompt_returns_items_in_the_typed_order(self, bank):
        """Typing '2 3 1' puts the displayed items in that order."""
        question = q(bank, "sequence")
        shown = (question.items[2], question.items[0], question.items[1])
        p, _ = self.prompter()
        with keys("2 3 1\r"):
            reply = p.ask(asked(question, shown))
        assert reply == list(question.items)

    def test_feedback_shows_a_symbol_as_well_as_a_colour(self, bank):
        """Under NO_COLOR the verdict still reads: a cross and the word."""
        question = q(bank, "left-removed-year")
        outcome = Outcome(asked(question), "1928", mark(question, "1928"), False)
        p, out = self.prompter()
        assert p.feedback(outcome) is False
        assert "✗ Wrong" in out.getvalue()
        assert "Answer: 1926" in out.getvalue()


class TestPlainInputHygiene:
    def test_control_characters_never_reach_the_screen_or_the_marker(self, bank):
        """Escape sequences, bells and NULs in a piped answer are dropped."""
        p, out = plain("Buk\x1b[31mharin\x07 Tomsky\x00 Rykov\n")
        reply = p.ask(asked(q(bank, "right-opposition-members")))
        assert reply == "Buk[31mharin Tomsky Rykov"
        assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()

    def test_a_choice_typed_as_unknown_text_is_asked_again(self, bank):
        """Text that is not one of the options is not taken as the answer."""
        p, out = plain("foo\n1926\n")
        choices = ("1928", "1926", "1924", "1929–1930")
        assert p.ask(asked(q(bank, "left-removed-year"), choices)) == "1926"
        assert "Please type a number from 1 to 4." in out.getvalue()

    def test_exam_questions_are_separated_by_a_blank_line(self, bank):
        """With no feedback between them, questions still stand apart."""
        p, out = plain("true\n1\n")
        p.ask(Asked(q(bank, "nep-tf"), 1, 2))
        p.ask(Asked(q(bank, "left-removed-year"), 2, 2, ("1926", "1928")))
        assert "\n\nQuestion 2/2" in out.getvalue()


class TestHostileText:
    """Issue 17 D2/D3/D4: what a bank or a student gives is shown literally and read safely."""

    def test_plain_reads_a_superscript_digit_as_unreadable(self, bank):
        """'²' (which str.isdigit accepts) is asked again, not a traceback."""
        p, out = plain("²\n①\n" + "9" * 5000 + "\n2\n")
        choices = ("a", "b", "c", "d")
        assert p.ask(asked(q(bank, "left-removed-year"), choices)) == "b"
        assert out.getvalue().count("Please type a number from 1 to 4.") == 3

    def test_plain_numbers_refuse_superscripts(self, bank):
        """An order answer of '² 1' is asked again."""
        question = q(bank, "left-removed-year")
        order = dataclasses.replace(question, type="order", items=("x", "y"), options=())
        p, out = plain("² 1\n2 1\n")
        assert p.ask(asked(order, ("x", "y"))) == ["y", "x"]
        assert "Please type each number once from 1 to 2" in out.getvalue()

    def test_plain_shows_control_characters_escaped(self, bank):
        """A prompt or option holding ESC (built in code) is printed escaped, never raw."""
        question = dataclasses.replace(q(bank, "left-removed-year"), prompt="Who\x1b[2J?")
        p, out = plain("1\n")
        p.ask(asked(question, ("a\x1b]0;x\x07", "b")))
        assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
        assert "Who\\x1b[2J?" in out.getvalue()
        assert "1. a\\x1b]0;x\\x07" in out.getvalue()

    def test_terminal_prints_bank_text_as_literal_text(self, bank, monkeypatch):
        """Markup-like prompt text ('[bold]', '[/b]') comes out as written, escapes escaped."""
        question = dataclasses.replace(q(bank, "left-removed-year"),
                                       prompt="[bold]Who[/bold] [/b] \x1b[31m?", hint="")
        console = Console(file=io.StringIO(), width=100, color_system=None)
        prompter = TerminalPrompter(console)
        monkeypatch.setitem(terminal.ASKERS, question.type, lambda p, a: "a")
        assert prompter.ask(asked(question, ("a", "b"))) == "a"
        shown = console.file.getvalue()  # type: ignore[attr-defined]
        assert "[bold]Who[/bold] [/b] \\x1b[31m?" in shown
        assert "\x1b" not in shown


class TestPlainShowsNoRawControl:
    """D2 as a property: whatever text a question holds, plain mode prints no raw control."""

    @given(prompt=st.text(min_size=1, max_size=20), option=st.text(min_size=1, max_size=10))
    def test_no_raw_control_reaches_the_output(self, prompt: str, option: str) -> None:
        """Prompt and options are shown with every control character escaped."""
        question = Question("q", "t", "choice", prompt=prompt, options=(option, "other"),
                            correct=("other",))
        p, out = plain("2\n")
        p.ask(asked(question, (option, "other")))
        assert CONTROL.search(out.getvalue()) is None


class TestWholeLineConfirm:
    """The "Were you right?" reply is one whole line: yes, no, or asked again."""

    @pytest.mark.parametrize(("reply", "said"), [
        ("y", True), ("YES", True), (" yes ", True), ("n", False), ("No", False), ("", False)])
    def test_yes_and_no_words(self, reply, said):
        """y/yes and n/no in any case, Enter alone no."""
        from powerquiz.ui.text import yes_no

        assert yes_no(reply) is said

    def test_anything_else_is_asked_again_in_plain_mode(self, bank):
        """"maybe" is refused and the next line is read as the reply."""
        question = q(bank, "right-opposition-members")
        outcome = Outcome(asked(question), "Trotsky", mark(question, "Trotsky"), True)
        tty, out = plain("maybe\nyes\n", interactive=True)
        assert tty.feedback(outcome) is True
        assert "Please type y or n" in out.getvalue()

    def test_a_hinted_answer_says_so(self, bank):
        """The verdict line of an answer given after the hint says "with a hint"."""
        question = q(bank, "right-opposition-members")
        right = "Bukharin, Tomsky and Rykov"
        outcome = Outcome(asked(question), right, mark(question, right), hinted=True)
        p, out = plain("")
        p.feedback(outcome)
        assert out.getvalue().startswith("✓ Correct, with a hint\n")

    def test_typeahead_is_left_alone_off_a_terminal(self, monkeypatch):
        """Flushing is skipped when standard input is not a terminal (a pipe keeps its lines)."""
        import sys

        piped = io.StringIO("keep\n")
        monkeypatch.setattr(sys, "stdin", piped)
        terminal.discard_typeahead()
        assert piped.read() == "keep\n"


class TestFeedbackWording:
    """Feedback says each thing once, in plain words."""

    @pytest.mark.parametrize(("typed", "meant", "words"), [
        ("Bukarin", "Bukharin", "one letter missing"),
        ("Bukhharin", "Bukharin", "one extra letter too many"),
        ("Bukahrin", "Bukharin", "letters swapped"),
        ("Bukherin", "Bukharin", "one letter different"),
    ])
    def test_a_typo_in_plain_words(self, typed, meant, words):
        """The kind of slip is named, not drawn in [+…] marks."""
        from powerquiz.ui.text import typo_words

        assert typo_words(typed, meant) == words

    def test_a_typo_is_reported_once(self, bank):
        """One Spelling line, and no "accepted with a typo" remark besides it."""
        question = q(bank, "right-opposition-members")
        given = "Bukarin, Tomsky and Rykov"
        p, out = plain("")
        p.feedback(Outcome(asked(question), given, mark(question, given)))
        shown = out.getvalue()
        assert "Spelling: Bukarin → Bukharin: one letter missing" in shown
        assert "accepted with a typo" not in shown and shown.count("Bukarin") == 1

    def test_truefalse_feedback_does_not_repeat_the_answer(self, bank):
        """"Answer: True" is not followed by "it is true"."""
        question = q(bank, "nep-tf")
        p, out = plain("")
        p.feedback(Outcome(asked(question), "false", mark(question, "false")))
        assert "Answer: True" in out.getvalue() and "it is true" not in out.getvalue()

    def test_a_wrong_pick_cancels_nothing_when_nothing_was_right(self, bank):
        """Only a wrong tick beside a right one is said to cancel it."""
        question = q(bank, "left-members")
        alone = mark(question, ["Bukharin"]).feedback
        beside = mark(question, ["Bukharin", "Trotsky"]).feedback
        assert not any("cancels" in f for f in alone) and "Bukharin is wrong" in alone
        assert any("cancels a right one" in f for f in beside)

    def test_recall_shows_the_model_answer_once(self, bank):
        """After self-rating, the feedback neither repeats the model answer nor the rating."""
        question = q(bank, "recall-one")
        p, out = plain("")
        p.feedback(Outcome(asked(question), "(self-rated: good)", mark(question, "good")))
        shown = out.getvalue()
        assert question.model_answer not in shown and "you chose" not in shown


class TestSummaryLines:
    """The summary: one decimal, one line per question to look at again."""

    def test_look_again_is_one_line_cut_to_the_width(self, bank):
        """A long prompt is cut with an ellipsis and the answer follows on the same line."""
        from powerquiz.ui.text import look_again

        question = dataclasses.replace(q(bank, "right-opposition-members"),
                                       prompt="Who made up the Right Opposition " * 4)
        line = look_again(Outcome(asked(question), "x", mark(question, "x")), 70)
        assert "\n" not in line and "…" in line
        assert line.endswith("→ Bukharin, Tomsky and Rykov") and len(line) <= 70

    def test_the_score_has_at_most_one_decimal(self, bank):
        """4.8333 points reads 4.8."""
        from powerquiz.ui.text import _points

        assert (_points(4.8333), _points(2.0), _points(0.25)) == ("4.8", "2", "0.2")


NUMBERS_BANK = """\
bank: nums
title: Numbers
topics:
  t: T
questions:
  - id: sides
    topic: t
    type: choice
    prompt: How many sides has a hexagon?
    options: ["2", "1", "3", "6"]
    answer: "6"
    shuffle: false
    explain: Hex is six.
"""


class TestNumberLikeOptions:
    """Options that are numbers are never misread as option numbers, or the reverse."""

    def question(self, tmp_path):
        path = tmp_path / "nums.yaml"
        path.write_text(NUMBERS_BANK, encoding="utf-8")
        return load_bank(path).questions[0], path

    def test_plain_asks_again_when_a_reply_could_mean_either(self, tmp_path):
        """'1' with options shown as 6, 2, 3, 1: asked which is meant."""
        question, _ = self.question(tmp_path)
        p, out = plain("1\n#1\n")
        choices = ("6", "2", "3", "1")
        assert p.ask(asked(question, choices)) == "6"
        assert "could mean option 1 ('6') or the option '1'" in out.getvalue()

    def test_equals_picks_the_option_by_its_text(self, tmp_path):
        """'=1' is the option whose text is 1."""
        question, _ = self.question(tmp_path)
        p, _ = plain("=1\n")
        assert p.ask(asked(question, ("6", "2", "3", "1"))) == "1"

    def test_a_number_at_its_own_place_is_not_ambiguous(self, tmp_path):
        """'2' when option 2 is '2' means that option at once."""
        question, _ = self.question(tmp_path)
        p, out = plain("2\n")
        assert p.ask(asked(question, ("6", "2", "3", "1"))) == "2"
        assert "could mean" not in out.getvalue()

    def test_check_refuses_an_ambiguous_number_and_takes_hash_or_equals(self, tmp_path):
        """check exits 2 on '1' for options [2, 1, 3, 6], and reads #4 and =6."""
        from typer.testing import CliRunner

        from powerquiz.cli import app

        _, path = self.question(tmp_path)
        bank = str(path)
        one = CliRunner().invoke(app, ["check", "--bank", bank, "sides", "1"])
        assert one.exit_code == 2 and "could mean option 1 ('2')" in one.stderr
        assert "Traceback" not in one.output
        by_hash = CliRunner().invoke(app, ["check", "--bank", bank, "sides", "#4"])
        by_text = CliRunner().invoke(app, ["check", "--bank", bank, "sides", "=6"])
        assert "✓ correct" in by_hash.stdout and "✓ correct" in by_text.stdout

    def test_validate_warns(self, tmp_path):
        """validate names the number-like options in a warning, and the bank still loads."""
        from typer.testing import CliRunner

        from powerquiz.cli import app

        _, path = self.question(tmp_path)
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert "warning: question 'sides': options 2, 1, 3 are numbers" in result.output


class TestOtherWords:
    """A short answer accepted in other words is shown the bank's wording."""

    def test_the_banks_wording_follows_an_answer_in_other_words(self, bank):
        """'Nikolai Bukharin, Tomsky, Rykov' is right, and the Answer line shows the bank's."""
        question = q(bank, "right-opposition-members")
        given = "Nikolai Bukharin, Tomsky, Rykov"
        m = mark(question, given)
        assert m.correct
        p, out = plain("")
        p.feedback(Outcome(asked(question), given, m))
        assert "Answer: Bukharin, Tomsky and Rykov" in out.getvalue()

    def test_an_answer_in_the_banks_words_is_not_repeated(self, bank):
        """The same words, in any case, get no Answer line."""
        question = q(bank, "right-opposition-members")
        given = "bukharin, tomsky and rykov"
        p, out = plain("")
        p.feedback(Outcome(asked(question), given, mark(question, given)))
        assert "Answer:" not in out.getvalue()
