"""The root typer application; command modules add themselves to it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from powerquiz import __version__
from powerquiz.cli.env import Environment, using
from powerquiz.cli.errors import PowerquizGroup

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
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    cls=PowerquizGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"powerquiz {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option("--version", "-V", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = None,
) -> None:
    """Revise history in your terminal."""
    # A test may pass its own environment (``invoke(app, args, obj=env)``); otherwise it
    # is read from the process, once, here.
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_os()
    ctx.obj = env
    ctx.with_resource(using(env))
