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
from powerquiz.ui.terminal import TerminalPrompter, rich_diff
from ui_helpers import asked, plain, q


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


class TestDiff:
    """Typo diff: missing and extra letters marked, case ignored, rich and plain agree."""
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
    """Plain prompter: numbered answers per type, re-asking, hints, EOF, override, feedback."""
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
    """Terminal prompter: select and text prompts, Ctrl-C, order input, NO_COLOR feedback."""
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
    """Plain input hygiene: control characters dropped, unknown choices re-asked, exams spaced."""
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
        # '#2' is option 2 whatever the options say ('2' alone is ambiguous when option 1
        # is the text "2", and is asked again: Hypothesis found that option).
        p, out = plain("#2\n")
        p.ask(asked(question, (option, "other")))
        assert CONTROL.search(out.getvalue()) is None

