"""Commands a group lists without importing them: click's LazyGroup pattern, for typer.

Click documents the pattern in "Lazily Loading Subcommands"
(https://click.palletsprojects.com/en/stable/complex/#lazily-loading-subcommands): the
group overrides ``list_commands`` and ``get_command``, and a command's module is imported
only when ``get_command`` is asked for it.  Adapted to typer here:

- a command module still registers its commands on the typer app with ``@app.command()``
  (or ``app.add_typer``) as it is imported; once it is, ``typer.main.get_command`` on that
  app builds them exactly as an eager app would (names, help, typer's markup settings);
- the group's ``--help`` lists the names and one-line help from a static table
  (:class:`LazyCommand`), so it imports no command module at all (click's own
  ``format_commands`` would load every command to ask for its short help);
- the close-name suggestions for a mistyped command come from the table too;
- every command the group hands out shows its arguments by name (:class:`NamedArgument`);
- a ``bool``, ``str`` or ``Path`` parameter (a path checked for nothing on disk) given a
  string, or nothing, is converted without building typer's pydantic adapter
  (:func:`plain_runtime_param`): typer builds one for every parameter of the command that
  runs, given or not, and the first costs a tenth of a second (the import of pydantic).
  typer's own adapters return ``None`` for ``None``, the string for a ``str`` and
  ``Path(s)`` for such a ``Path`` (``tests/test_cli_lazy.py`` compares the two); any other
  value goes to typer's adapter as before.

``tests/test_cli_lazy.py`` checks the table against what the modules really declare.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from difflib import get_close_matches
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import typer
import typer.main
from typer._click.exceptions import UsageError  # typer bundles its own click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

__all__ = ["LazyCommand", "LazyGroup", "NamedArgument", "PlainConversion", "PlainOption",
           "plain_runtime_param"]

#: The annotations :func:`plain_runtime_param` converts itself (typer has taken off an
#: ``Optional``), each to the type typer's adapter turns a command-line string into; a
#: bool is passed through by typer itself when given, and None when missing.
_PLAIN: dict[Any, type | None] = {bool: None, str: str, Path: Path}
#: A path option's settings under which typer's conversion checks nothing on disk:
#: it returns ``Path(value)`` whether or not the path exists.
_NO_PATH_CHECKS = {"exists": False, "file_okay": True, "dir_okay": True, "readable": False,
                   "writable": False, "resolve_path": False, "allow_dash": False,
                   "path_type": None}


class LazyCommand(NamedTuple):
    """Where a command lives, and what its group's ``--help`` says of it."""

    #: The module whose import adds the command to the app ("powerquiz.cli.drill").
    module: str
    #: The first sentence of the command's help, as the group's ``--help`` shortens it.
    help: str


def plain_runtime_param(param: Any, typers: Any) -> Any:
    """What converts ``param``'s value: pydantic-free for the annotations of
    :data:`_PLAIN` (see the module docstring), else typer's own (``typers()``)."""
    desc = getattr(param, "type_descriptor", None)
    info = getattr(desc, "parameter_info", None)
    if desc is None or info is None:  # another typer: its own conversion, as ever
        return typers()
    if (desc.annotation not in _PLAIN or info.parser is not None or param.nargs != 1
            or param.multiple):
        return typers()
    if desc.annotation is Path and any(getattr(info, key, None) != value
                                       for key, value in _NO_PATH_CHECKS.items()):
        return typers()
    return PlainConversion(_PLAIN[desc.annotation], typers)


class PlainConversion:
    """Converts a missing value or a string as typer's adapter would; else asks it."""

    def __init__(self, kind: type | None, typers: Any) -> None:
        self.kind, self.typers = kind, typers

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return None
        if type(value) is str and self.kind is not None:
            return value if self.kind is str else self.kind(value)
        return self.typers().coerce(value, param=param, ctx=ctx)


class PlainOption(TyperOption):
    """An option converted without pydantic when it can be (:func:`plain_runtime_param`)."""

    def get_runtime_param(self) -> Any:
        return plain_runtime_param(self, super().get_runtime_param)


class NamedArgument(TyperArgument):
    """An argument shown by its name alone, as click shows one: ``QID`` in the help (not
    typer's ``QID <str>``) and ``QID``, ``[QID]`` or ``FILE...`` in the usage line (not
    ``{QID}``); converted without pydantic when it can be (:func:`plain_runtime_param`)."""

    def get_runtime_param(self) -> Any:
        return plain_runtime_param(self, super().get_runtime_param)

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.display_name_raw
        if not self.required:
            name = f"[{name}]"
        return [f"{name}..." if self.nargs != 1 else name]


def _plain(param: Any) -> Any:
    """``param`` as the class of this module that stands for its typer class, if any."""
    if type(param) is TyperArgument:
        param.__class__ = NamedArgument
    elif type(param) is TyperOption:
        param.__class__ = PlainOption
    return param


class PlainCommand(TyperCommand):
    """A command whose parameters (``--help`` too, made when first asked for) are
    converted without pydantic when they can be."""

    def get_params(self, ctx: Any) -> list[Any]:
        return [_plain(param) for param in super().get_params(ctx)]


def _named_arguments(command: Any) -> Any:
    """``command`` (and every command under it) with its arguments shown by name, and
    its parameters converted without pydantic when they can be."""
    if type(command) is TyperCommand:
        command.__class__ = PlainCommand
    for param in command.params:
        _plain(param)
    for sub in getattr(command, "commands", {}).values():
        _named_arguments(sub)
    return command


class LazyGroup(TyperGroup):
    """A typer group whose commands are imported only when one runs or shows its help.

    Subclasses set :attr:`lazy_commands` (in the order ``--help`` lists them) and say in
    :meth:`typer_app` which app their modules register on.
    """

    lazy_commands: ClassVar[Mapping[str, LazyCommand]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for command in self.commands.values():  # those whose modules were imported already
            _named_arguments(command)

    def get_params(self, ctx: Any) -> list[Any]:
        """Its options (``--help``, typer's completion ones), as :class:`PlainCommand`'s."""
        return [_plain(param) for param in super().get_params(ctx)]

    def typer_app(self) -> typer.Typer:
        """The typer app the command modules add themselves to."""
        raise NotImplementedError

    def list_commands(self, ctx: Any) -> list[str]:
        """The table's names in order, then any command added to the group directly."""
        return [*self.lazy_commands, *(n for n in self.commands if n not in self.lazy_commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command ``cmd_name``, importing its module the first time it is asked for."""
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self.commands[cmd_name] = _named_arguments(self._load(cmd_name))
        return self.commands.get(cmd_name)

    def _load(self, name: str) -> Any:
        module = self.lazy_commands[name].module
        importlib.import_module(module)
        built = typer.main.get_command(self.typer_app())
        command = getattr(built, "commands", {}).get(name)
        if command is None:
            raise RuntimeError(f"importing {module} did not add the command {name!r}")
        return command

    def _stand_in(self, name: str) -> Any:
        """What ``--help`` needs of a command not loaded yet: its name and help."""
        loaded = self.commands.get(name)
        return loaded if loaded is not None else TyperCommand(
            name=name, help=self.lazy_commands[name].help)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The "Commands" section, as typer writes it, from the table: nothing is imported."""
        commands = [(name, self._stand_in(name)) for name in self.list_commands(ctx)]
        commands = [(name, cmd) for name, cmd in commands if not cmd.hidden]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [(name, cmd.get_short_help_str(limit)) for name, cmd in commands]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """As typer's, but "Did you mean" draws on every command, loaded or not."""
        suggest, self.suggest_commands = self.suggest_commands, False
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if suggest and matches:
                suggestions = ", ".join(f"{m!r}" for m in matches)
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {suggestions}?"
            raise
        finally:
            self.suggest_commands = suggest
