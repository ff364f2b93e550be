"""The exam's real terminal prompts in a pseudo-terminal: keys, the summary, submitting."""

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

DOWN = "\x1b[B"


def spawn(mini: Path, progress: Path, *args: str,
          paper: tuple[str, ...] = ("--type", "short,truefalse", "--count", "2")) -> Any:
    """powerquiz exam on the mini bank: a short and a true/false question, or ``paper``."""
    env = dict(os.environ, NO_COLOR="1", TERM="xterm", COLUMNS="100", LINES="40")
    return pexpect.spawn(
        sys.executable,
        ["-m", "powerquiz", "exam", "--bank", str(mini), "--progress", str(progress),
         "--seed", "1", *paper, *args],
        env=env, encoding="utf-8", timeout=20, dimensions=(40, 100),
    )


def finish(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus)


def at_question(child: Any, number: int) -> None:
    """Wait for question ``number`` and for its keys line (the prompt comes next)."""
    child.expect(f"Question {number}/2")
    child.expect("Alt-S skip · Alt-F flag · Alt-B back · Alt-L all questions · Alt-E submit")


class TestTerminalPaper:
    """A paper sat at the real prompts."""

    def test_skip_flag_back_and_submit_from_the_summary(self, mini_bank_path, tmp_path):
        """Alt-S skips, Alt-F flags, Alt-B goes back; the summary submits after a y."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--time", "30")
        at_question(child, 1)
        child.send("\x1bs")                       # skip question 1
        at_question(child, 2)
        child.send("\x1bf")                       # flag question 2 ...
        child.expect("flagged · ")                # ... asked again, flagged, time left
        child.expect("left")
        child.send("\x1bb")                       # back to question 1
        at_question(child, 1)
        child.expect("Your answer")
        child.sendline("Bukharin, Tomsky and Rykov")
        at_question(child, 2)
        child.send("\x1bl")                       # the list of questions
        child.expect("not answered, flagged")
        child.expect("Submit all and finish")
        child.send(DOWN + DOWN + "\r")            # past both questions to submit
        child.expect("1 question not answered")
        child.expect("Press y or n")
        child.send("y")
        child.expect("Score: 1 out of 2")
        child.expect(r"\(flagged\)")
        assert finish(child) == 0
        (review,) = ProgressStore(progress).reviews("mini")
        assert review.kind == "exam" and review.verdict == "correct"

    def test_ctrl_c_hands_the_paper_in(self, mini_bank_path, tmp_path):
        """Ctrl-C at question 2 marks and saves question 1, and exits 130."""
        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress)
        child.expect("Ctrl-C hands the paper in")
        at_question(child, 1)
        child.expect("Your answer")
        child.sendline("Lenin")
        at_question(child, 2)
        child.sendcontrol("c")
        child.expect("every answer you gave is saved")
        child.expect("Marked paper")
        assert finish(child) == 130
        (review,) = ProgressStore(progress).reviews("mini")
        assert review.answer == "Lenin" and review.verdict == "wrong"


class TestKilledMidPaper:
    """An exam killed outright keeps every answer given before."""

    def test_sigkill_after_two_answers_keeps_both(self, mini_bank_path, tmp_path):
        """SIGKILL at question 3 (no chance to hand in): answers 1 and 2 are on disk."""
        import signal

        progress = tmp_path / "progress.json"
        child = spawn(mini_bank_path, progress, "--plain",
                      paper=("--type", "choice,multi,truefalse", "--count", "3"))
        replies = {"choice": "1", "multi": "1", "truefalse": "t"}
        for number in (1, 2):
            child.expect(rf"Question {number}/3 · \w+ · (\w+)")
            reply = replies[child.match.group(1)]
            child.expect("Or type :skip")
            child.sendline(":flag" if number == 2 else reply)
            if number == 2:
                child.expect("Or type :skip")
                child.sendline(reply)
        child.expect("Question 3/3")
        child.kill(signal.SIGKILL)
        child.expect(pexpect.EOF)
        child.close()
        assert len(ProgressStore(progress).reviews("mini")) == 2
