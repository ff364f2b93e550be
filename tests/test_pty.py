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
