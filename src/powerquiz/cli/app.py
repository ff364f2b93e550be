"""The root typer application; command modules add themselves to it as they are imported.

The root group lists the commands from :data:`COMMANDS` and imports a command's module
only when that command runs or shows its help (:mod:`powerquiz.cli.lazy`); ``--version``
needs nothing but :data:`powerquiz.__version__`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from powerquiz import __version__
from powerquiz.cli.lazy import LazyCommand, LazyGroup


def _commands(*rows: tuple[str, str, str]) -> dict[str, LazyCommand]:
    return {name: LazyCommand(f"powerquiz.cli.{module}", text) for name, module, text in rows}


#: Every command, student commands first, then the teacher's, as ``--help`` lists them:
#: (name, the module that adds it, the first sentence of its help).  tests/test_cli_lazy.py
#: checks each row against the command its module really declares.
COMMANDS = _commands(
    ("drill", "drill", "Revise what is due: spaced repetition decides what comes back and when."),
    ("practice", "drill",
     "Revise any questions, weakest first, without changing your schedule."),
    ("exam", "drill",
     "A mock test: no feedback until the end, then the marked paper and a percentage."),
    ("stats", "stats_cmd",
     "Your statistics: mastery by topic and point, true retention, forecast, calendar."),
    ("optimize", "optimize_cmd",
     "Fit the FSRS parameters to your own answers, and keep them if they predict you better."),
    ("topics", "bank_cmds", "List the bank's topics with their question counts."),
    ("list", "bank_cmds", "List questions: id, topic, type and prompt."),
    ("show", "bank_cmds",
     "Preview a question as a student sees it, then its answer and explanation."),
    ("validate", "bank_cmds", "Check a bank: every problem with FILE:LINE:COL, or a summary."),
    ("check", "check",
     "Mark ANSWER to question QID as a drill would: verdict, score, feedback, answer."),
    ("coverage", "coverage_cmd",
     "Show which learning points the questions test, and each topic's question types."),
    ("export", "export_cmd", "Export questions for another tool, or as a printable worksheet."),
    ("import", "import_cmd", "Import questions from another tool as a powerquiz bank (YAML)."),
    ("help", "help_cmd",
     "Show a guide that ships with powerquiz (the bank format), or list them."),
    ("class", "class_cmd",
     "Reports for a teacher on a whole class, from the students' progress exports."),
    ("progress", "lazy_progress", "Show, move between computers, or reset your saved progress."),
)


class RootGroup(LazyGroup):
    """The root: commands loaded lazily, errors mapped once, and help when called bare."""

    lazy_commands = COMMANDS

    def typer_app(self) -> typer.Typer:
        return app

    def invoke(self, ctx: Any) -> Any:
        """Run the command; its errors leave through :mod:`powerquiz.cli.errors`' one map.

        (Imported here, not above: ``--version`` and ``--help`` never get this far.)
        """
        from powerquiz.cli.errors import invoke_mapped

        group_invoke = super().invoke
        return invoke_mapped(lambda: group_invoke(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """``powerquiz`` alone shows the help and exits 0, as ``powerquiz --help`` does."""
        if not args and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)

EXAMPLES = """\
Examples:

\b
  powerquiz drill --topic factions       revise what is due, spaced repetition
  powerquiz practice --type choice       revise anything, weakest first
  powerquiz exam --count 10              a mock test, marked at the end
  powerquiz topics                       the topics and their question counts
  powerquiz list --topic economy         the questions of a topic
  powerquiz show right-opposition-members   a question with its answer
  powerquiz check right-opposition-members "Bukharin, Tomsky and Rykov"
  powerquiz validate my-bank.yaml        check a bank you wrote
  powerquiz export gift -o quiz.txt      questions for Moodle (and anki, kahoot...)
  powerquiz import deck.apkg -o deck.yaml   a bank from Anki, Quizlet, Moodle, a CSV...
  powerquiz coverage --strict            learning points no question tests
  powerquiz progress show                what you have revised
  powerquiz stats --exam 2027-05-20      what you know now and on the exam day
  powerquiz optimize                     fit the scheduling to your own answers
  powerquiz class report exports/*.json  a teacher's report on the whole class
  powerquiz help bank-format             how to write a question bank
"""

app = typer.Typer(
    name="powerquiz",
    help="Revise history in your terminal: typed answers marked like a teacher would, "
    "and spaced repetition deciding what comes back.",
    epilog=EXAMPLES,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    cls=RootGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"powerquiz {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    # A plain bool (not Optional[bool]): typer then has nothing to coerce when the flag is
    # absent, and every command is spared typer's pydantic-based coercion of this option.
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
) -> None:
    """Revise history in your terminal."""
    from powerquiz.cli.env import Environment, using  # not needed by --version or --help

    # A test may pass its own environment (``invoke(app, args, obj=env)``); otherwise it
    # is read from the process, once, here.
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_os()
    ctx.obj = env
    ctx.with_resource(using(env))
