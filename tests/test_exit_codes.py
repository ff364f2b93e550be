"""What went wrong becomes one exit code and one plain message, in one place (cli/errors).

Unit tests of the mapping, in-process runs for errors raised inside commands, and real
subprocesses for what only a process can show: signals (SIGHUP 129, SIGTERM 143), a
Ctrl-C while the command line is still loading (130), and a closed pipe (141).
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.bank.problems import BankError, Problem
from powerquiz.cli import app
from powerquiz.cli.env import Environment, using
from powerquiz.cli.errors import Interrupted, SignalStop, exit_code_for
from powerquiz.cli.progress_cmds import progress_error_text
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import ProgressError, ProgressStore

SRC = Path(__file__).resolve().parents[1] / "src"
MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"
MAIN = "from powerquiz.cli import main; main()"


class TestMapping:
    """Each kind of failure has its one exit code."""

    @pytest.mark.parametrize(("exc", "code"), [
        (BankError([Problem("b.yaml", 1, 1, "broken")]), ExitCode.INVALID),
        (ProgressError("damaged"), ExitCode.INVALID),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED),
        (EOFError(), ExitCode.INTERRUPTED),
        (Interrupted(), ExitCode.INTERRUPTED),
        (Interrupted(int(signal.SIGTERM)), ExitCode.TERMINATED),
        (SignalStop(int(signal.SIGHUP)), ExitCode.HANGUP),
        (BrokenPipeError(), ExitCode.BROKEN_PIPE),
    ], ids=lambda x: type(x).__name__ if isinstance(x, BaseException) else str(int(x)))
    def test_exit_code(self, exc: BaseException, code: ExitCode) -> None:
        """The exception maps to its documented exit code."""
        assert exit_code_for(exc) == code

    def test_a_real_bug_is_not_hidden(self) -> None:
        """An exception that is not a user-facing failure is not mapped (it propagates)."""
        assert exit_code_for(ZeroDivisionError()) is None


class TestProgressMessage:
    """The reset hint is worded by the command line from the error's facts."""

    def test_default_file_needs_no_option(self, tmp_path: Path) -> None:
        """For the default progress file the hint is the bare reset command."""
        path = tmp_path / "progress.json"
        error = ProgressError(f"Cannot use {path}: not JSON.", path=path, resettable=True,
                              store=path)
        with using(Environment.from_os({"POWERQUIZ_HOME": str(tmp_path)})):
            message = progress_error_text(error)
        assert message == (f"Cannot use {path}: not JSON.\nFix it by hand, or run "
                           "`powerquiz progress reset` to set it aside (it is kept as a "
                           "backup) and start afresh.")

    def test_other_file_names_itself(self, tmp_path: Path) -> None:
        """For another file the hint carries --progress with the path, shell-quoted."""
        path = tmp_path / "my progress.json"
        error = ProgressError("damaged", path=path, resettable=True, store=path)
        with using(Environment.from_os({"POWERQUIZ_HOME": str(tmp_path)})):
            message = progress_error_text(error)
        assert f"`powerquiz progress reset --progress '{path}'`" in message

    def test_not_resettable_offers_no_reset(self, tmp_path: Path) -> None:
        """A file that is not a progress file is never offered for reset (D7)."""
        error = ProgressError(f"Cannot use {tmp_path}: a folder.", path=tmp_path)
        assert progress_error_text(error) == f"Cannot use {tmp_path}: a folder."


class TestInProcess:
    """Failures raised inside a command leave through the one mapping."""

    def test_ctrl_c_inside_a_command(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A KeyboardInterrupt in any command exits 130 with no traceback."""
        import powerquiz.cli.bank_cmds as bank_cmds

        def interrupted(path: object) -> object:
            raise KeyboardInterrupt

        monkeypatch.setattr(bank_cmds, "open_bank", interrupted)
        result = CliRunner().invoke(app, ["topics"])
        assert result.exit_code == ExitCode.INTERRUPTED
        assert "Traceback" not in result.output and "Aborted" not in result.output

    def test_bank_error_inside_a_command(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A BankError escaping a command exits 1 with its located problem on stderr."""
        import powerquiz.cli.bank_cmds as bank_cmds

        def broken(path: object) -> object:
            raise BankError([Problem("b.yaml", 3, 4, "broken [/x]")])

        monkeypatch.setattr(bank_cmds, "open_bank", broken)
        result = CliRunner().invoke(app, ["topics"])
        assert result.exit_code == ExitCode.INVALID
        assert result.stderr == "error: b.yaml:3:4: broken [/x]\n"

    def test_damaged_progress_in_a_drill(self, tmp_path: Path) -> None:
        """A drill on a damaged progress file exits 1 saying how to reset it."""
        path = tmp_path / "p.json"
        path.write_text("{not json", encoding="utf-8")
        result = CliRunner().invoke(app, ["drill", "--plain", "--bank", str(MINI),
                                          "--progress", str(path)])
        assert result.exit_code == ExitCode.INVALID
        assert "powerquiz progress reset" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, POWERQUIZ_HOME=str(home), NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    return env


def read_until(proc: subprocess.Popen[bytes], marker: bytes) -> bytes:
    """The child's output up to ``marker`` (the test's own timeout guards a hang)."""
    assert proc.stdout is not None
    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, f"no {marker!r} in {seen!r}"
        chunk = os.read(proc.stdout.fileno(), 4096)
        assert chunk, f"the child ended before {marker!r}: {seen!r}"
        seen += chunk
    return seen


class TestSignals:
    """SIGHUP and SIGTERM end a session as Ctrl-C does, keeping the answers (D9)."""

    @pytest.mark.parametrize(("signum", "code"), [
        (int(signal.SIGTERM), ExitCode.TERMINATED),
        (int(signal.SIGHUP), ExitCode.HANGUP),
    ], ids=["SIGTERM", "SIGHUP"])
    def test_signal_mid_session(self, tmp_path: Path, signum: int, code: ExitCode) -> None:
        """The answer given is saved, the summary is shown, and the exit code names the signal."""
        progress = tmp_path / "p.json"
        proc = subprocess.Popen(
            [sys.executable, "-c", MAIN, "drill", "--plain", "--bank", str(MINI),
             "--progress", str(progress), "--seed", "3"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=child_env(tmp_path),
        )
        assert proc.stdin is not None
        read_until(proc, b"Question 1/")
        proc.stdin.write(b"1\n")
        proc.stdin.flush()
        read_until(proc, b"Question 2/")
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == code, err
        assert b"Traceback" not in err
        assert b"Stopped after 1 of" in out
        assert len(ProgressStore(progress).reviews()) == 1


class TestProcess:
    """What only a whole process shows."""

    def test_ctrl_c_while_loading(self, tmp_path: Path) -> None:
        """A Ctrl-C before the command line has finished loading exits 130 quietly (D14)."""
        probe = (
            "import importlib.abc, os, signal, sys\n"
            "class Hook(importlib.abc.MetaPathFinder):\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'powerquiz.cli.bank_cmds':\n"  # the module `topics` loads
            "            os.kill(os.getpid(), signal.SIGINT)\n"
            "        return None\n"
            "sys.meta_path.insert(0, Hook())\n"
            + MAIN
        )
        result = subprocess.run([sys.executable, "-c", probe, "topics"], capture_output=True,
                                text=True, timeout=60, env=child_env(tmp_path))
        assert result.returncode == ExitCode.INTERRUPTED
        assert "Traceback" not in result.stderr

    def test_closed_pipe(self, tmp_path: Path) -> None:
        """Output to a reader that has gone exits 141 with nothing on stderr."""
        read, write = os.pipe()
        os.close(read)
        try:
            result = subprocess.run([sys.executable, "-c", MAIN, "list", "--bank", str(MINI)],
                                    stdout=write, stderr=subprocess.PIPE, text=True,
                                    timeout=60, env=child_env(tmp_path))
        finally:
            os.close(write)
        assert result.returncode == ExitCode.BROKEN_PIPE
        assert result.stderr == ""


class TestProgressErrorReport:
    """A progress error carrying facts is worded by the command line, hint included."""

    def test_facts_are_worded_with_the_hint(self, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
        """A resettable error escaping a command gets the reset command for its file."""
        import powerquiz.cli.bank_cmds as bank_cmds

        path = tmp_path / "p.json"

        def damaged(bank: object) -> object:
            raise ProgressError(f"Cannot use {path}: it is cut short.", path=path,
                                resettable=True, store=path)

        monkeypatch.setattr(bank_cmds, "open_bank", damaged)
        result = CliRunner().invoke(app, ["topics"])
        assert result.exit_code == ExitCode.INVALID
        assert " ".join(result.stderr.split()) == (
            f"error: Cannot use {path}: it is cut short. Fix it by hand, or run `powerquiz "
            f"progress reset --progress {path}` to set it aside (it is kept as a backup) "
            "and start afresh.")
