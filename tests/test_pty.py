"""The real interactive prompts, run end to end in a pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from powerquiz.progress import ProgressStore

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
]


def spawn(mini: Path, progress: Path, *args: str) -> Any:
    env = dict(os.environ, NO_COLOR="1", TERM="xterm", COLUMNS="100", LINES="40")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "powerquiz", "drill", "--bank", str(mini), "--progress", str(progress),
         "--seed", "1", *args],
        env=env, encoding="utf-8", timeout=20, dimensions=(40, 100),
    )
    return child


def finish(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus)


class TestInteractiveDrill:
    """Drill in a pty: a right answer, an overridden wrong one, Ctrl-C keeping earlier answers."""
    def test_a_right_answer_is_marked_correct(self, mini_bank_path, tmp_path):
        """Typing the right answer at the real prompt shows a tick and saves it."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", "short")
        child.expect("Who made up the Right Opposition")
        child.expect("Your answer")
        child.sendline("Bukharin, Tomsky and Rykov")
        child.expect("✓ Correct")
        child.expect("Score: 1 out of 1")
        assert finish(child) == 0
        assert len(ProgressStore(progress).reviews("mini")) == 1

    def test_a_wrong_answer_can_be_overridden(self, mini_bank_path, tmp_path):
        """After a wrong mark the student says "I was right" and it counts as correct."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", "short")
        child.expect("Your answer")
        child.sendline("Lenin")
        child.expect("✗ Wrong")
        child.expect("Were you right after all")
        child.send("y")
        child.sendline("")
        child.expect("Score: 1 out of 1")
        assert finish(child) == 0
        (review,) = ProgressStore(progress).reviews("mini")
        assert review.override is True and review.verdict == "wrong"

    def test_ctrl_c_in_the_middle_keeps_earlier_answers(self, mini_bank_path, tmp_path):
        """Ctrl-C at the second question saves the first answer and exits 130."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", "short", "--type", "truefalse")
        child.expect("Question 1/2 · factions · short")
        child.expect("Your answer")
        child.sendline("Bukharin, Tomsky and Rykov")
        child.expect("✓ Correct")
        child.expect("Question 2/2")
        child.sendcontrol("c")
        child.expect("every answer you gave is saved")
        assert finish(child) == 130
        assert len(ProgressStore(progress).reviews("mini")) == 1


class TestNoStrayInput:
    """Nothing typed at one prompt, or while feedback shows, answers another question."""

    @pytest.mark.parametrize("reply", ["yes", "no", "YES", "N"])
    def test_a_whole_word_at_the_confirm_never_reaches_the_next_question(
        self, mini_bank_path, tmp_path, reply
    ):
        """"yes"/"no" + Enter at "Were you right after all?" is one reply, read whole."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", "short", "--type", "truefalse",
                      "--no-relearn")
        child.expect("Question 1/2 · factions · short")
        child.expect("Your answer")
        child.sendline("Lenin")
        child.expect("Were you right after all")
        child.send(reply + "\r")
        child.expect("Question 2/2")
        child.expect("True or false")
        child.send("\r")  # a stray Enter picks nothing
        child.send("t")
        child.expect("Score:")
        assert finish(child) == 0
        first, second = ProgressStore(progress).reviews("mini")
        assert first.answer == "Lenin" and first.override is reply.lower().startswith("y")
        assert second.question == "nep-tf" and second.answer == "true"

    def test_anything_else_at_the_confirm_asks_again(self, mini_bank_path, tmp_path):
        """A reply that is neither yes nor no is refused, and the question waits."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", "short", "--no-relearn")
        child.expect("Your answer")
        child.sendline("Lenin")
        child.expect("Were you right after all")
        child.send("maybe\r")
        child.expect("Please type y or n")
        child.send("\x15n\r")  # Ctrl-U clears the line
        child.expect("Score: 0 out of 1")
        assert finish(child) == 0
        (review,) = ProgressStore(progress).reviews("mini")
        assert review.override is False

    def test_a_pasted_block_answers_only_the_prompt_it_was_pasted_into(
        self, mini_bank_path, tmp_path
    ):
        """The lines after the first of a paste are thrown away, not used as answers."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", "short", "--type", "truefalse",
                      "--no-relearn")
        child.expect("Your answer")
        child.send("Lenin\rStalin\ryes\r\r\r")
        child.expect("Were you right after all")
        child.send("n\r")
        child.expect("Question 2/2")
        child.expect("True or false")
        child.send("f")
        child.expect("Score:")
        assert finish(child) == 0
        first, second = ProgressStore(progress).reviews("mini")
        assert (first.answer, first.override) == ("Lenin", False)
        assert second.answer == "false"

    @pytest.mark.parametrize(("qtype", "keys"), [("choice", "\r\r\r"), ("multi", " \r\r\r")])
    def test_a_stray_enter_after_a_pick_does_not_answer_the_next_question(
        self, mini_bank_path, tmp_path, qtype, keys
    ):
        """Extra Enters after picking are dropped before the next question is asked."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", qtype, "--type", "truefalse",
                      "--no-relearn")
        child.expect(f"Question 1/2 · factions · {qtype}")
        child.send(keys)
        child.expect("Question 2/2")
        child.expect("True or false")
        child.send("F")
        child.expect("Score:")
        assert finish(child) == 0
        first, second = ProgressStore(progress).reviews("mini")
        assert first.question != "nep-tf"
        assert second.question == "nep-tf" and second.answer == "false"


LONG = ("He branded Trotsky part of the Left Opposition and had him expelled from the "
        "Party in 1927")

NARROW_BANK = f"""\
bank: narrow
title: Narrow
topics:
  t: A topic
questions:
  - id: long-choice
    topic: t
    type: choice
    prompt: What did Stalin do?
    options: ["{LONG}", "Nothing at all"]
    answer: "{LONG}"
  - id: long-multi
    topic: t
    type: multi
    prompt: Which are true?
    options: ["{LONG}", "Nothing at all", "Something else entirely"]
    answer: ["{LONG}"]
"""


def spawn_narrow(tmp_path: Path, *args: str, columns: int = 50, lines: int = 24) -> Any:
    bank = tmp_path / "narrow.yaml"
    bank.write_text(NARROW_BANK, encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1", TERM="xterm", COLUMNS=str(columns),
               LINES=str(lines))
    return pexpect.spawn(
        sys.executable,
        ["-m", "powerquiz", "drill", "--bank", str(bank), "--progress",
         str(tmp_path / "p.json"), "--seed", "1", "--no-relearn", *args],
        env=env, encoding="utf-8", timeout=20, dimensions=(lines, columns),
    )


def screen_words(text: str) -> list[str]:
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", text).split()


class TestNarrowTerminal:
    """At 50 columns options wrap, never cut; keys pick ratings and truth at once."""

    def test_a_long_choice_wraps_whole_at_50_columns(self, tmp_path):
        """Every word of a 90-character option is on screen, and no line is cut."""
        child = spawn_narrow(tmp_path, "--type", "choice")
        child.expect("Your choice")
        seen = ""
        for _ in range(2):  # both options, in whichever order they are shown
            child.expect(["1927", "Nothing at all"])
            seen += child.before + child.after
        shown = screen_words(seen)
        for word in LONG.split():
            assert word in shown, word
        child.send("\r")
        child.expect("Score:")
        assert finish(child) == 0

    def test_multi_echoes_the_ticked_options(self, tmp_path):
        """After confirming, the ticks are named, not counted."""
        child = spawn_narrow(tmp_path, "--type", "multi")
        child.expect("Tick all that apply")
        child.expect("Something")
        child.send(" \x1b[B \r")
        child.expect("Ticked: ")
        child.expect("Score:")
        assert finish(child) == 0
        (review,) = ProgressStore(tmp_path / "p.json").reviews("narrow")
        assert review.answer.count(",") + review.answer.count(" and ") >= 1

    def test_recall_keys_pick_the_rating_at_once(self, mini_bank_path, tmp_path):
        """Pressing 2 after the model answer rates Hard with no Enter; it is shown once."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--type", "recall", "--no-relearn")
        child.expect("Your answer")
        child.sendline("grain")
        child.expect("Press 1-4")
        child.send("2")
        child.expect("Score:")
        out = child.before
        assert finish(child) == 0
        (review,) = ProgressStore(progress).reviews("mini")
        assert review.rating == 2
        assert "Growth was slowing" not in out  # the model answer is not repeated


class TestShortTerminal:
    """At 10 rows a multi question's prompt stays on screen while its options are picked."""

    def screen_after(self, child: Any, screen: Any, stream: Any, wanted: str) -> str:
        """Feed what the child writes into the emulated screen until ``wanted`` shows."""
        import contextlib
        import time

        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with contextlib.suppress(pexpect.TIMEOUT):
                stream.feed(child.read_nonblocking(4096, timeout=0.2))
            shown = "\n".join(screen.display)
            if wanted in shown:
                return shown
        raise AssertionError(f"{wanted!r} never showed; the screen was:\n" +
                             "\n".join(screen.display))

    def test_the_multi_prompt_stays_visible_at_height_10(self, tmp_path):
        """On a 50x10 terminal the question and its options are all on screen together,
        before and after moving through the options."""
        pyte = pytest.importorskip("pyte")
        screen = pyte.Screen(50, 10)
        stream = pyte.Stream(screen)
        child = spawn_narrow(tmp_path, "--type", "multi", lines=10)
        shown = self.screen_after(child, screen, stream, "Something else")
        assert "Which are true?" in shown
        child.send("\x1b[B\x1b[B")  # down twice, to the last option
        import time

        time.sleep(0.5)
        shown = self.screen_after(child, screen, stream, "Something else")
        assert "Which are true?" in shown
        child.send(" \r")
        child.expect("Score:")
        assert finish(child) == 0
