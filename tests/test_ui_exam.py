"""The front ends' exam paper: typed commands, time shown, and the terminal's keys and
time limit on a prompt_toolkit prompt fed through a pipe."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.session import Asked
from powerquiz.session.paper import Back, Flag, Go, Paper, Skip, Submit, ToSummary
from powerquiz.ui import paper_text, terminal_paper
from powerquiz.ui.plain import PlainPrompter
from ui_helpers import plain, q


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


def a_paper(bank: Bank, limit: float | None = None) -> Paper:
    questions = [q(bank, "right-opposition-members"), q(bank, "nep-tf")]
    return Paper([Asked(x, n, 2) for n, x in enumerate(questions, 1)], lambda: 0.0, limit)


class TestCommandWords:
    """Reading a typed command (plain mode)."""

    @pytest.mark.parametrize(("line", "move"), [
        (":skip", Skip()), (" :NEXT ", Skip()), (":flag", Flag()), (":back", Back()),
        (":go 2", Go(2)), (":list", ToSummary()), (":summary", ToSummary()),
        (":submit", Submit())])
    def test_each_command_is_its_move(self, line, move):
        """Every command (any case, spaces around) is read as its move."""
        assert paper_text.command(line, 3) == move

    @pytest.mark.parametrize("line", ["Bukharin", "::", "::skip", "", "a:skip"])
    def test_a_line_that_is_not_a_command_is_an_answer(self, line):
        """Text, '::' escapes and lines with ':' later on are answers."""
        assert paper_text.command(line, 3) is None

    @pytest.mark.parametrize(("line", "answer"), [("::", ":"), ("::skip", ":skip"),
                                                  ("  ::)", "  :)"), ("a::", "a::")])
    def test_the_escape_takes_one_colon_off(self, line, answer):
        """'::' in front stands for one ':'; anywhere else it is left alone."""
        assert paper_text.unescape(line) == answer

    @pytest.mark.parametrize("line", [":skip 2", ":goto 1", ":", ":flag me"])
    def test_a_command_with_extra_words_is_explained(self, line):
        """A command that cannot be read gives words, not a move."""
        assert isinstance(paper_text.command(line, 3), str)

    @pytest.mark.parametrize(("seconds", "shown"), [(600, "10:00"), (59.2, "1:00"),
                                                    (0.2, "0:01"), (0, "0:00"),
                                                    (3725, "1:02:05")])
    def test_time_left_reads_as_a_clock(self, seconds, shown):
        """Minutes and seconds (hours when there are), rounded up: 0:00 only at the end."""
        assert paper_text.clock(seconds) == shown


class TestPlainPaper:
    """The plain prompter on an exam paper."""

    def test_a_command_at_any_gap_leaves_the_question(self, bank):
        """:skip typed at gap 2 of a cloze returns the move (the half answer is dropped)."""
        p, _ = plain("first\n:skip\n")
        cloze = q(bank, "cloze-one")
        paper = Paper([Asked(cloze, 1, 1)], lambda: 0.0)
        assert len(cloze.gaps) == 2
        assert p.ask_paper(paper.current(), paper.view()) == Skip()

    def test_outside_a_paper_a_colon_line_is_an_answer(self, bank):
        """A drill's answer ':skip' is just text (commands are only read on a paper)."""
        p, _ = plain(":skip\n")
        assert p.ask(Asked(q(bank, "right-opposition-members"), 1, 1)) == ":skip"

    def test_the_time_left_is_in_the_header(self, bank):
        """A paper with a limit says the time left next to the question number."""
        p, out = plain("t\n")
        paper = a_paper(bank, limit=90)
        paper.move(Go(2))
        p.ask_paper(paper.current(), paper.view())
        assert "Question 2/2 · economy · truefalse · 1:30 left" in out.getvalue()

    def test_the_confirm_asks_again_until_y_or_n(self, bank):
        """The confirm reads y/n; anything else is asked again."""
        p, out = plain("maybe\ny\n")
        assert p.confirm_submit(a_paper(bank).view())
        assert "Please type y or n (Enter alone is no)." in out.getvalue()

    def test_at_a_terminal_the_time_running_out_at_the_prompt_submits(self, bank):
        """With no time left, a terminal's prompt is left at once: the paper is submitted."""
        read, write = os.pipe()
        try:
            with os.fdopen(read, "r") as stdin:
                p = PlainPrompter(stdin, io.StringIO(), interactive=True)
                paper = a_paper(bank, limit=0)
                assert p.ask_paper(paper.asked[0], paper.view()) == Submit()
        finally:
            os.close(write)


class TestTerminalKeys:
    """The terminal's paper keys and time limit, on a real prompt_toolkit prompt."""

    def run_prompt(self, typed: str, seconds: float | None) -> object:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output import DummyOutput

        with create_pipe_input() as pipe:
            pipe.send_text(typed)
            session: PromptSession[str] = PromptSession(input=pipe, output=DummyOutput())
            with terminal_paper.armed(seconds):
                terminal_paper.arm(session.app)
                try:
                    return session.prompt("? ")
                except terminal_paper.Moved as moved:
                    return moved.move

    @pytest.mark.parametrize(("keys", "move"), [("\x1bs", Skip()), ("\x1bF", Flag()),
                                                ("\x1bb", Back()), ("\x1bl", ToSummary()),
                                                ("\x1be", Submit())])
    def test_each_key_is_its_move(self, keys, move):
        """Alt (Esc) and the letter, either case, leave the prompt with the move."""
        assert self.run_prompt(keys, None) == move

    def test_typed_text_is_still_an_answer(self):
        """Ordinary typing and Enter give the answer, keys armed or not."""
        assert self.run_prompt("Bukharin\r", None) == "Bukharin"

    def test_no_time_left_leaves_the_prompt_with_submit(self):
        """A prompt with 0 seconds left ends at once as a submit."""
        assert self.run_prompt("", 0) == Submit()

    def test_outside_a_paper_nothing_is_armed(self):
        """arm() outside armed() leaves a prompt as it was."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output import DummyOutput

        with create_pipe_input() as pipe:
            pipe.send_text("\x1bsword\r")
            session: PromptSession[str] = PromptSession(input=pipe, output=DummyOutput())
            terminal_paper.arm(session.app)
            assert session.prompt("? ").endswith("word")


class TestNoColour:
    """The terminal's paper under NO_COLOR: styles kept, colours gone, meaning in words."""

    def test_no_colour_codes_under_no_color(self, bank):
        """The question header, answer so far and keys line carry no colour escape codes."""
        from rich.console import Console

        out = io.StringIO()
        console = Console(file=out, force_terminal=True, no_color=True, width=100)
        paper = a_paper(bank, limit=60)
        paper.answer("Bukharin")
        paper.move(Back())
        paper.move(Flag())
        asked = paper.current()
        terminal_paper.show_question(console, asked, paper.view(),
                                     asked.question.display_prompt, None)
        shown = out.getvalue()
        assert "Your answer so far: Bukharin" in shown and "flagged · 1:00 left" in shown
        codes = [c for c in shown.split("\x1b[")[1:] if c[:2] in {"31", "32", "33", "36"}]
        assert codes == []
