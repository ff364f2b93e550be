"""SIGHUP and SIGTERM at the real interactive prompts end the session like Ctrl-C (D9)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from powerquiz.exitcodes import ExitCode
from powerquiz.progress import ProgressStore

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only"),
]


class TestSignalsAtThePrompt:
    """Closing the terminal or a polite kill keeps the answers and says why it stopped."""

    @pytest.mark.parametrize(("signum", "code"), [
        (signal.SIGTERM, ExitCode.TERMINATED),
        (signal.SIGHUP, ExitCode.HANGUP),
    ], ids=["SIGTERM", "SIGHUP"])
    def test_signal_at_the_second_question(self, mini_bank_path: Path, tmp_path: Path,
                                           signum: int, code: ExitCode) -> None:
        """The first answer is saved and the exit code names the signal; no traceback."""
        progress = tmp_path / "progress.json"
        env = dict(os.environ, NO_COLOR="1", TERM="xterm", COLUMNS="100", LINES="40")
        child = pexpect.spawn(
            sys.executable,
            ["-m", "powerquiz", "drill", "--bank", str(mini_bank_path), "--progress",
             str(progress), "--seed", "1", "--type", "short", "--type", "cloze"],
            env=env, encoding="utf-8", timeout=20, dimensions=(40, 100),
        )
        # The two questions may come in either order: answer the first, stop at the second.
        prompts = ["Your answer", "Gap 1"]
        first = child.expect(prompts)
        child.sendline("Bukharin, Tomsky and Rykov" if first == 0 else "industrialisation")
        if first == 1:
            child.expect("Gap 2")
            child.sendline("collectivisation")
        child.expect(prompts[1 - first])
        child.kill(signum)
        child.expect(pexpect.EOF)
        output = child.before
        child.close()
        assert child.exitstatus == code, output
        assert "Traceback" not in output
        assert len(ProgressStore(progress).reviews("mini")) == 1
