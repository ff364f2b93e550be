"""The command line's one environment object: what it reads, once, and what it decides.

It is the only reader of POWERQUIZ_HOME, POWERQUIZ_BANK and NO_COLOR; the core takes the
data folder and the bank path as parameters (issue 15).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.bank.bundled import bundled_bank_path, default_bank_path
from powerquiz.cli import app
from powerquiz.cli.env import Environment, current_environment, using
from powerquiz.progress import ProgressStore, Review, default_progress_path

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class TtyIO(io.StringIO):
    """A captured stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class TestDefaultPath:
    """Where progress lives by default (moved here from the store's tests with the reads)."""

    def test_powerquiz_home_moves_the_file(self, tmp_path: Path) -> None:
        """With POWERQUIZ_HOME set, progress.json lives directly in that folder."""
        env = Environment.from_os({"POWERQUIZ_HOME": str(tmp_path / "elsewhere")})
        assert env.progress_path(None) == tmp_path / "elsewhere" / "progress.json"
        home = str(tmp_path / "elsewhere")
        assert default_progress_path(home) == tmp_path / "elsewhere" / "progress.json"
        assert ProgressStore(env.progress_path(None)).path == (
            tmp_path / "elsewhere" / "progress.json")

    def test_without_home_the_platform_data_dir_is_used(self) -> None:
        """Without POWERQUIZ_HOME, the file is in platformdirs' user data dir for powerquiz."""
        import platformdirs

        expected = Path(platformdirs.user_data_dir("powerquiz", appauthor=False))
        assert default_progress_path() == expected / "progress.json"
        assert Environment.from_os({}).progress_path(None) == expected / "progress.json"

    def test_default_store_writes_under_home(self, tmp_path: Path) -> None:
        """A store at the default path creates its folder and file on the first write."""
        home = tmp_path / "store-home"
        store = ProgressStore(Environment.from_os({"POWERQUIZ_HOME": str(home)})
                              .progress_path(None))
        assert not home.exists()
        store.record(Review(id="r1", bank="b", question="q", kind="exam", at=NOW, answer="",
                            verdict="wrong", score=0.0, rating=None))
        assert (home / "progress.json").exists()

    def test_the_option_wins(self, tmp_path: Path) -> None:
        """--progress FILE beats POWERQUIZ_HOME."""
        env = Environment.from_os({"POWERQUIZ_HOME": str(tmp_path / "home")})
        assert env.progress_path(tmp_path / "mine.json") == tmp_path / "mine.json"


class TestReading:
    """What the environment object reads from the process."""

    def test_bank_variable(self, tmp_path: Path) -> None:
        """POWERQUIZ_BANK names the default bank; --bank beats it; unset means bundled."""
        env = Environment.from_os({"POWERQUIZ_BANK": f" {tmp_path / 'b.yaml'} "})
        assert env.bank_path(None) == tmp_path / "b.yaml"
        assert env.bank_path(tmp_path / "o.yaml") == tmp_path / "o.yaml"
        assert Environment.from_os({}).bank_path(None) == bundled_bank_path()

    def test_the_core_does_not_read_the_environment(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """default_bank_path ignores $POWERQUIZ_BANK: only the value it is given counts."""
        monkeypatch.setenv("POWERQUIZ_BANK", str(tmp_path / "env.yaml"))
        assert default_bank_path() == bundled_bank_path()
        assert default_bank_path(str(tmp_path / "x.yaml")) == tmp_path / "x.yaml"

    def test_terminals_and_colour(self) -> None:
        """Each stream's terminal flag is read once; NO_COLOR turns colour off."""
        env = Environment.from_os({"NO_COLOR": "1"}, stdin=TtyIO(), stdout=io.StringIO(),
                                  stderr=TtyIO())
        assert (env.stdin_isatty, env.stdout_isatty, env.stderr_isatty) == (True, False, True)
        assert not env.interactive and not env.colour
        assert Environment.from_os({}).colour

    def test_one_console_per_stream(self) -> None:
        """The result console is made once per run, not once per print."""
        env = Environment.from_os({}, stdout=io.StringIO(), stderr=io.StringIO())
        assert env.out is env.out and env.err is env.err and env.out is not env.err

    def test_piped_output_is_not_wrapped(self) -> None:
        """Output to a pipe soft-wraps (long lines are not cut); a terminal's wraps."""
        assert Environment.from_os({}, stdout=io.StringIO()).out.soft_wrap
        assert not Environment.from_os({}, stdout=TtyIO()).out.soft_wrap


class TestPassingDown:
    """The root callback builds the environment once and commands use it."""

    def test_a_fake_environment_reaches_the_commands(self, tmp_path: Path) -> None:
        """An environment passed as ctx.obj is the one commands print through."""
        out = io.StringIO()
        env = Environment.from_os({"POWERQUIZ_BANK": str(Path(__file__).parent / "data"
                                                         / "mini.yaml")}, stdout=out)
        result = CliRunner().invoke(app, ["topics"], obj=env)
        assert result.exit_code == 0
        assert "factions" in out.getvalue() and "factions" not in result.stdout

    def test_current_environment_is_scoped(self) -> None:
        """``using`` sets the current environment for a run and restores the one before."""
        env = Environment.from_os({"POWERQUIZ_HOME": "/nowhere"})
        with using(env):
            assert current_environment() is env
        assert current_environment() is not env
