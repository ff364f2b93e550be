"""Start-up stays light: what ``--version``, ``--help`` and a command's help import.

Each test runs a fresh interpreter (the console script's own ``main``) and reads
``sys.modules`` at the end, so nothing another test imported can hide an import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
MINI = Path(__file__).resolve().parent / "data" / "mini.yaml"

#: Run ``powerquiz ARGS`` as the script does, then print the exit code and every module.
PROBE = """\
import json, sys
from powerquiz.cli import main

sys.argv = ["powerquiz", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
print("\\nPROBE:" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

#: Never needed to print the version or the list of commands.
NOT_FOR_HELP = ("rich", "yaml", "questionary", "prompt_toolkit", "powerquiz.bank",
                "powerquiz.progress", "powerquiz.marking", "powerquiz.session",
                "powerquiz.stats", "powerquiz.exports", "powerquiz.reports")

#: The command modules (and what only some commands need), for a command's own help.
COMMAND_MODULES = ("powerquiz.cli.drill", "powerquiz.cli.stats_cmd", "powerquiz.cli.optimize_cmd",
                   "powerquiz.cli.bank_cmds", "powerquiz.cli.check", "powerquiz.cli.coverage_cmd",
                   "powerquiz.cli.export_cmd", "powerquiz.cli.import_cmd",
                   "powerquiz.cli.class_cmd", "powerquiz.cli.help_cmd",
                   "powerquiz.cli.progress_cmds", "powerquiz.cli.undo_cmd")


def probe(tmp_path: Path, *args: str) -> tuple[int, str, set[str]]:
    """Run ``powerquiz ARGS`` in a fresh interpreter: exit code, output, modules imported."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH")) if p)
    env.update(NO_COLOR="1", COLUMNS="80", POWERQUIZ_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            env=env)
    assert "Traceback" not in result.stderr, result.stderr
    output, _, report = result.stdout.rpartition("\nPROBE:")
    found = json.loads(report)
    return int(found["code"]), output, set(found["modules"])


def under(modules: set[str], *packages: str) -> list[str]:
    """The modules that are ``packages`` or inside them."""
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


class TestVersionAndHelp:
    """--version and the top-level help load typer and the root app, nothing else."""

    @pytest.mark.parametrize("args", [["--version"], ["-V"], ["--help"], ["-h"], []],
                             ids=["version", "V", "help", "h", "bare"])
    def test_nothing_heavy_is_imported(self, tmp_path: Path, args: list[str]) -> None:
        """No rich, YAML, bank, progress, marking or questionary, and no command module."""
        code, _, modules = probe(tmp_path, *args)
        assert code == 0
        assert under(modules, *NOT_FOR_HELP) == []
        assert under(modules, *COMMAND_MODULES, "powerquiz.cli.common") == []

    def test_version_needs_only_the_version(self, tmp_path: Path) -> None:
        """--version prints powerquiz.__version__, loading only the root app to do it."""
        from powerquiz import __version__

        code, output, modules = probe(tmp_path, "--version")
        assert (code, output.strip()) == (0, f"powerquiz {__version__}")
        assert under(modules, "powerquiz") == ["powerquiz", "powerquiz.cli",
                                               "powerquiz.cli.app", "powerquiz.cli.lazy"]


class TestCommandHelp:
    """A command's own help loads its module, not the other commands' libraries."""

    @pytest.mark.parametrize("command", ["drill", "validate"])
    def test_help_skips_other_commands(self, tmp_path: Path, command: str) -> None:
        """``drill --help`` and ``validate --help`` import no exports, stats or reports."""
        code, output, modules = probe(tmp_path, command, "--help")
        assert code == 0
        assert f"Usage: powerquiz {command}" in output
        assert under(modules, "powerquiz.exports", "powerquiz.stats", "powerquiz.reports",
                     "powerquiz.session", "powerquiz.progress", "questionary") == []
        own = "powerquiz.cli.drill" if command == "drill" else "powerquiz.cli.bank_cmds"
        assert under(modules, *COMMAND_MODULES) == [own]

    def test_drill_help_needs_no_bank(self, tmp_path: Path) -> None:
        """``drill --help`` reads no bank: neither the YAML loader nor rich is imported."""
        _, _, modules = probe(tmp_path, "drill", "--help")
        assert under(modules, "powerquiz.bank", "yaml", "rich") == []

    def test_a_command_loads_only_its_module(self, tmp_path: Path) -> None:
        """``topics`` runs with the bank commands' module alone of all the commands."""
        code, output, modules = probe(tmp_path, "topics", "--bank", str(MINI))
        assert code == 0, output
        assert under(modules, *COMMAND_MODULES) == ["powerquiz.cli.bank_cmds"]

    @pytest.mark.parametrize("args", [["validate", str(MINI)], ["validate", "--bank", str(MINI)],
                                      ["topics"], ["validate", "--help"]],
                             ids=["file", "bank", "default-bank", "help"])
    def test_no_pydantic_for_plain_parameters(self, tmp_path: Path, args: list[str]) -> None:
        """Paths, strings and flags are converted without typer's pydantic adapters."""
        code, output, modules = probe(tmp_path, *args)
        assert code == 0, output
        assert under(modules, "pydantic", "pydantic_core", "typer._adapters") == []

    def test_explain_marker_only_for_explain_questions(self, tmp_path: Path) -> None:
        """Validating a bank with no explain question never imports the explain marker;
        the bundled bank, which has some, does."""
        code, output, modules = probe(tmp_path, "validate", str(MINI))
        assert code == 0, output
        assert under(modules, "powerquiz.marking.schememark", "snowballstemmer") == []
        code, output, modules = probe(tmp_path, "validate")
        assert code == 0, output
        assert "powerquiz.marking.schememark" in modules

    def test_progress_help_loads_no_command(self, tmp_path: Path) -> None:
        """``progress --help`` lists the progress commands without importing them or the store."""
        code, output, modules = probe(tmp_path, "progress", "--help")
        assert code == 0
        assert "undo" in output
        assert under(modules, *COMMAND_MODULES, "powerquiz.progress", "powerquiz.bank") == []

    @pytest.mark.parametrize(("command", "loaded"), [
        ("show", ["powerquiz.cli.progress_cmds"]),
        ("undo", ["powerquiz.cli.progress_cmds", "powerquiz.cli.undo_cmd"]),
    ])
    def test_progress_command_loads_its_module(self, tmp_path: Path, command: str,
                                               loaded: list[str]) -> None:
        """``progress COMMAND --help`` loads that command's module (and what it imports)."""
        code, output, modules = probe(tmp_path, "progress", command, "--help")
        assert code == 0
        assert f"Usage: powerquiz progress {command}" in output
        assert under(modules, *COMMAND_MODULES) == loaded

class TestLoading:
    """What start-up keeps while it loads less."""

    def test_ctrl_c_while_importing_the_command_line(self, tmp_path: Path) -> None:
        """A Ctrl-C while powerquiz.cli itself is imported exits 130 with no traceback."""
        hook = (
            "import importlib.abc, os, signal, sys\n"
            "class Hook(importlib.abc.MetaPathFinder):\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'powerquiz.cli.lazy':\n"
            "            os.kill(os.getpid(), signal.SIGINT)\n"
            "        return None\n"
            "sys.meta_path.insert(0, Hook())\n"
            "from powerquiz.cli import main\n"
            "main()\n"
        )
        env = {**os.environ, "PYTHONPATH": str(SRC), "POWERQUIZ_HOME": str(tmp_path)}
        result = subprocess.run([sys.executable, "-c", hook, "--version"], capture_output=True,
                                text=True, timeout=60, env=env)
        assert result.returncode == 130
        assert "Traceback" not in result.stderr
        assert "powerquiz" not in result.stdout  # stopped before the version was printed

    def test_variable_names_are_the_librarys(self) -> None:
        """The command line reads the same variables the library documents."""
        from powerquiz.bank.bundled import ENV_BANK
        from powerquiz.cli import env
        from powerquiz.progress.paths import HOME_ENV

        assert (env.ENV_BANK, env.HOME_ENV) == (ENV_BANK, HOME_ENV)
