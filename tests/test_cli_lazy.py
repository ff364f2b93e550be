"""The root's lazy command table, and the help it gives without loading the commands.

The table in :mod:`powerquiz.cli.app` must say what the command modules really declare
(name, order, one-line help, module), or ``powerquiz --help`` would drift from them.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.core import TyperCommand
from typer.testing import CliRunner, Result

import powerquiz.cli
from powerquiz.cli import app
from powerquiz.cli.app import COMMANDS, RootGroup
from powerquiz.cli.lazy import NamedArgument, PlainConversion
from powerquiz.cli.lazy_progress import COMMANDS as PROGRESS_COMMANDS

SRC = Path(__file__).resolve().parents[1] / "src"

#: typer's raw type hints, which a help page must never show.
RAW_TYPES = ("<list[", "<int", "<float", "<str>", "<path>", "<file>", "<dir>", "<bool>",
             "<Path", "<datetime", "<text>")


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="powerquiz", terminal_width=80,
                              max_content_width=80)


def eager_commands() -> dict[str, Any]:
    """Every command the modules declare: import all of powerquiz.cli, build the root."""
    for module in pkgutil.iter_modules(powerquiz.cli.__path__):
        importlib.import_module(f"powerquiz.cli.{module.name}")
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def progress_commands() -> dict[str, Any]:
    """Every progress command its modules declare, on progress_cmds' own app."""
    eager_commands()
    from powerquiz.cli.progress_cmds import app as progress_app

    return dict(typer.main.get_command(progress_app).commands)  # type: ignore[attr-defined]


#: Each lazy table, what its commands really are, and the app its modules add them to.
TABLES = {"root": (COMMANDS, eager_commands, "powerquiz.cli.app"),
          "progress": (PROGRESS_COMMANDS, progress_commands, "powerquiz.cli.progress_cmds")}


def every_command() -> list[list[str]]:
    """Every command's words, walking the groups through the lazy root."""
    found: list[list[str]] = []

    def walk(prefix: list[str], group: Any) -> None:
        ctx = typer.Context(group)
        for name in group.list_commands(ctx):
            found.append([*prefix, name])
            command = group.get_command(ctx, name)
            if hasattr(command, "commands"):
                walk([*prefix, name], command)

    walk([], typer.main.get_command(app))
    return found


@pytest.mark.parametrize("table", list(TABLES))
class TestTable:
    """Each static table matches the commands the modules declare."""

    def test_names(self, table: str) -> None:
        """The table lists exactly the commands the modules declare."""
        rows, real, _ = TABLES[table]
        assert sorted(rows) == sorted(real())

    def test_order_within_a_module(self, table: str) -> None:
        """A module's commands come in the table in the order the module declares them.

        (Across modules the order is the table's own; the golden help files pin it.)
        """
        rows, real, _ = TABLES[table]
        declared = list(real())  # registration order: module by module
        for module in {row.module for row in rows.values()}:
            ours = [name for name, row in rows.items() if row.module == module]
            assert ours == [name for name in declared if name in ours], module

    def test_one_line_help(self, table: str) -> None:
        """Each row's help shortens, at every width, exactly as the real command's does."""
        rows, real, _ = TABLES[table]
        commands = real()
        for name, row in rows.items():
            stand_in = TyperCommand(name=name, help=row.help)
            for limit in range(10, 160):
                assert stand_in.get_short_help_str(limit) == \
                    commands[name].get_short_help_str(limit), (name, limit)
            assert not commands[name].hidden, name

    def test_each_module_adds_its_commands(self, table: str) -> None:
        """Importing a row's module in a fresh interpreter adds that row's commands."""
        rows, _, app_module = TABLES[table]
        probe = ("import importlib, sys, typer.main\n"
                 "importlib.import_module(sys.argv[1])\n"
                 "app = importlib.import_module(sys.argv[2]).app\n"
                 "print(' '.join(typer.main.get_command(app).commands))\n")
        env = {**os.environ, "PYTHONPATH": str(SRC)}
        for module in sorted({row.module for row in rows.values()}):
            result = subprocess.run([sys.executable, "-c", probe, module, app_module],
                                    capture_output=True, text=True, timeout=60, env=env)
            assert result.returncode == 0, result.stderr
            added = set(result.stdout.split())
            assert {name for name, row in rows.items() if row.module == module} <= added


class TestProgressStandIn:
    """The progress group the root lists is the one progress_cmds declares."""

    def test_same_group(self) -> None:
        """Help, options and settings of the stand-in equal the real group's, built as the
        root builds its sub-apps."""
        from powerquiz.cli.progress_cmds import app as progress_app

        real_root = typer.Typer(rich_markup_mode=app.rich_markup_mode)
        real_root.callback()(lambda: None)
        real_root.add_typer(progress_app, name="progress")
        real: Any = typer.main.get_command(real_root).commands["progress"]  # type: ignore[attr-defined]
        ours: Any = typer.main.get_command(app).commands["progress"]  # type: ignore[attr-defined]
        fields = ("name", "help", "epilog", "short_help", "no_args_is_help", "hidden",
                  "invoke_without_command", "subcommand_metavar", "options_metavar",
                  "context_settings", "rich_markup_mode", "callback", "deprecated")
        assert {f: getattr(ours, f) for f in fields} == {f: getattr(real, f) for f in fields}
        assert [p.name for p in ours.params] == [p.name for p in real.params]


class TestRootHelp:
    """The root's help and errors, from the table."""

    @pytest.mark.parametrize("words", [[], ["progress"], ["class"]], ids=" ".join)
    def test_bare_group_shows_the_help(self, words: list[str]) -> None:
        """``powerquiz`` (or a group) alone prints its ``--help`` on stdout and exits 0."""
        bare, helped = run(*words), run(*words, "--help")
        assert bare.exit_code == 0
        assert bare.stdout == helped.stdout
        assert "Commands:" in bare.stdout
        assert bare.stderr == ""

    def test_help_lists_every_command_once(self) -> None:
        """Each command has its line in the "Commands" section, in the table's order."""
        section = run("--help").stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
        names = [line.split()[0] for line in section.splitlines() if line.startswith("  ")
                 and not line.startswith("   ")]
        assert names == list(COMMANDS)

    @pytest.mark.parametrize(("typo", "meant"), [("dril", "drill"), ("progres", "progress"),
                                                 ("valdate", "validate")])
    def test_a_typo_gets_a_suggestion(self, typo: str, meant: str) -> None:
        """A mistyped command exits 2 and names the close ones, loaded or not."""
        result = run(typo)
        assert result.exit_code == 2
        assert f"No such command '{typo}'. Did you mean '{meant}'" in result.stderr

    def test_unknown_command_without_a_neighbour(self) -> None:
        """A command like no other exits 2 with click's message and no suggestion."""
        result = run("zzzz")
        assert result.exit_code == 2
        assert "No such command 'zzzz'." in result.stderr
        assert "Did you mean" not in result.stderr

    def test_a_module_that_adds_nothing_is_a_clear_bug(self) -> None:
        """A row whose module does not add its command fails loudly, naming both."""
        from powerquiz.cli.lazy import LazyCommand

        rows = {"nothing": LazyCommand("powerquiz.exitcodes", "Nothing.")}

        class Broken(RootGroup):
            lazy_commands = rows

        with pytest.raises(RuntimeError, match=r"powerquiz.exitcodes.*'nothing'"):
            Broken(name="powerquiz").get_command(typer.Context(RootGroup()), "nothing")


class TestReadableHelp:
    """Help shows names a person can read: TOPIC, N, QID, FILE."""

    @pytest.mark.parametrize("words", every_command(), ids=" ".join)
    def test_no_raw_types(self, words: list[str]) -> None:
        """``powerquiz WORDS --help`` shows no typer type hint and no {ARGUMENT}."""
        text = run(*words, "--help").stdout
        assert [raw for raw in RAW_TYPES if raw in text] == []
        assert re.findall(r"\{\w+\}", text.splitlines()[0]) == []

    def test_arguments_by_name(self) -> None:
        """An argument is shown as its metavar, as click shows one, in help and usage."""
        text = run("show", "--help").stdout
        assert text.startswith("Usage: powerquiz show [OPTIONS] QID\n")
        assert "\n  QID  The question id" in text
        assert run("check", "--help").stdout.startswith(
            "Usage: powerquiz check [OPTIONS] [QID] [ANSWER]...\n")
        assert run("class", "report", "--help").stdout.startswith(
            "Usage: powerquiz class report [OPTIONS] FILE...\n")

    def test_every_argument_is_named(self) -> None:
        """Every command handed out by the root shows its arguments by name."""
        for words in every_command():
            group: Any = typer.main.get_command(app)
            for word in words:
                group = group.get_command(typer.Context(group), word)
            arguments = [p for p in group.params if p.param_type_name == "argument"]
            assert all(isinstance(p, NamedArgument) for p in arguments), words

    def test_a_missing_argument_is_named(self) -> None:
        """The usage error for a missing argument names it as the help does."""
        result = run("show")
        assert result.exit_code == 2
        assert "Missing argument 'QID'" in result.stderr


class TestPlainConversion:
    """Parameters converted without pydantic get exactly what typer's adapters give."""

    def test_same_values_as_typer(self, tmp_path: Path) -> None:
        """None, strings, an existing file and folder: the same value, of the same type."""
        (tmp_path / "bank.yaml").write_text("x", encoding="utf-8")
        values = [None, "", "-", "a b", "~/x", "é\udcff", str(tmp_path),
                  str(tmp_path / "bank.yaml"), str(tmp_path / "missing.yaml")]
        params = [p for p in eager_params() if isinstance(p.get_runtime_param(), PlainConversion)]
        kinds = {p.type_descriptor.annotation for p in params}
        assert kinds == {bool, str, Path}  # the --bank and FILE options are among them
        for param in params:
            ctx = typer.Context(typer.main.get_command(app))
            typers = super(type(param), param).get_runtime_param()  # type: ignore[misc]
            for value in values:
                if param.type_descriptor.annotation is bool and value is not None:
                    continue  # a bool's string goes to typer's own adapter
                ours = param.get_runtime_param().coerce(value, param=param, ctx=ctx)
                theirs = typers.coerce(value, param=param, ctx=ctx)
                assert (type(ours), ours) == (type(theirs), theirs), (param.name, value)

    def test_checked_paths_keep_typer_conversion(self) -> None:
        """A path typer checks on disk (readable, or no folders) is left to typer."""
        checked = [p for p in eager_params() if p.type_descriptor.annotation is Path
                   and p.type_descriptor.parameter_info.readable]
        assert checked
        assert not any(isinstance(p.get_runtime_param(), PlainConversion) for p in checked)


def eager_params() -> list[Any]:
    """Every parameter of every command, the groups walked through the lazy root."""
    found: list[Any] = []
    for words in every_command():
        command: Any = typer.main.get_command(app)
        for word in words:
            command = command.get_command(typer.Context(command), word)
        found += command.get_params(typer.Context(command))
    return found
