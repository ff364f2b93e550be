"""The student's commands: drill, practice and exam."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from powerquiz.cli.app import app
from powerquiz.cli.common import (
    ProgressOption,
    TopicOption,
    TypeOption,
    environment,
    fail,
)
from powerquiz.cli.multibank import BanksOption, bank_paths, open_banks, parts
from powerquiz.exitcodes import ExitCode

if TYPE_CHECKING:  # the session engine is imported only when a session runs
    from powerquiz.bank import Bank
    from powerquiz.cli.env import Environment
    from powerquiz.session import Prompter, SessionConfig

PlainOption = Annotated[
    bool,
    typer.Option("--plain", help="Plain text, one answer a line: for screen readers and "
                 "scripts (automatic when input is not a terminal)."),
]
RelearnOption = Annotated[
    bool,
    typer.Option("--relearn/--no-relearn",
                 help="Ask a missed question again later in the session (after at least 3 "
                 "others, up to 3 times)."),
]
SeedOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--seed", metavar="N",
                 help="Shuffle the same way every time (for teachers and tests)."),
]


def _since(value: str | None) -> str | None:
    """Refuse a --since that is not a time span, in words."""
    from powerquiz.session.missed import parse_since

    if value is not None:
        try:
            parse_since(value)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from None
    return value


def _run(
    ctx: typer.Context,
    banks: list[Bank],
    filters: tuple[list[str] | None, list[str] | None],
    progress: Path | None,
    plain: bool,
    config: SessionConfig,
    own: list[SessionConfig] | None = None,
) -> None:
    """Run one session over ``banks`` (``own``: each bank's own settings); a progress
    error or an interruption leaves through cli.errors."""
    from powerquiz.cli.errors import Interrupted, received_signal
    from powerquiz.cli.progress_cmds import idle_lines
    from powerquiz.progress import ProgressStore
    from powerquiz.session import Session

    env = environment(ctx)
    chosen = parts(banks, filters, own)
    if not any(p.questions for p in chosen):
        fail("no questions match those filters; 'powerquiz topics' and 'powerquiz list' "
             "show what there is", ExitCode.INVALID)
    store = ProgressStore(env.progress_path(progress))
    store.check()
    _check_writable(store.path)
    prompter = _prompter(env, plain)
    # The exam's time limit runs on a monotonic clock; a test's environment may carry
    # its own ("timer") so time can run out without sleeping.
    import time

    session = Session.over(chosen, store, prompter, config, clock=env.clock,
                           timer=getattr(env, "timer", time.monotonic))
    summary = session.run()
    for line in idle_lines(summary.idle) if summary.idle is not None else ():
        prompter.notice(line)
    if summary.interrupted:
        raise Interrupted(received_signal())


def _check_writable(path: Path) -> None:
    """Refuse to start a session whose answers could not be saved."""
    import os

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {folder} to save your progress: {exc.strerror or exc}",
             ExitCode.INVALID)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        fail(f"cannot save progress to {path}: permission denied. Use --progress FILE or "
             "set POWERQUIZ_HOME to a folder you can write to.", ExitCode.INVALID)


def _prompter(env: Environment, plain: bool) -> Prompter:
    """The plain front end when asked for or when either end is not a terminal."""
    if plain or not env.interactive:
        from powerquiz.ui.plain import PlainPrompter

        return PlainPrompter(env.stdin, env.stdout, interactive=env.stdin_isatty,
                             clock=env.clock)
    from powerquiz.ui.terminal import TerminalPrompter

    return TerminalPrompter(env.out, clock=env.clock)


@app.command()
def drill(
    ctx: typer.Context,
    topic: TopicOption = None,
    qtype: TypeOption = None,
    new: Annotated[int, typer.Option("--new", metavar="N", min=0,
                                     help="New questions a day, for each bank.")] = 10,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1,
                                       help="Most questions in this session.")] = 20,
    retention: Annotated[Optional[float], typer.Option(  # noqa: UP045
        "--retention", metavar="SHARE", min=0.7, max=0.99, show_default=False,
        help="How likely you should be to remember a question when it comes back "
             "(kept for each bank; default 0.9).")] = None,
    exam_date: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--exam", metavar="DATE", show_default=False,
        help="Also bring forward what you would forget by this exam day (YYYY-MM-DD).")] = None,
    bank: BanksOption = None,
    progress: ProgressOption = None,
    plain: PlainOption = False,
    seed: SeedOption = None,
    relearn: RelearnOption = True,
) -> None:
    """Revise what is due: spaced repetition decides what comes back and when.

    Due reviews come first, then new questions (up to --new a day). Every answer is
    marked, explained and saved at once; Ctrl-C stops and keeps them all (exit 130).

    Example: powerquiz drill --topic factions
    """
    from powerquiz.cli.optimize_cmd import drill_settings
    from powerquiz.session import SessionConfig

    paths = bank_paths(environment(ctx), bank)
    banks = open_banks(paths)  # load errors and repeated bank ids before any setting is kept
    config = SessionConfig(mode="drill", limit=limit, new_per_day=new, seed=seed,
                           relearn=relearn)
    own = [drill_settings(config, path, environment(ctx).progress_path(progress), retention,
                          exam_date) for path in paths]
    _run(ctx, banks, (topic, qtype), progress, plain, own[0] if len(own) == 1 else config,
         own if len(own) > 1 else None)


@app.command()
def practice(
    ctx: typer.Context,
    topic: TopicOption = None,
    qtype: TypeOption = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1,
                                       help="Most questions in this session.")] = 20,
    bank: BanksOption = None,
    progress: ProgressOption = None,
    plain: PlainOption = False,
    seed: SeedOption = None,
    relearn: RelearnOption = True,
    missed: Annotated[bool, typer.Option(
        "--missed", help="Only the questions you last got wrong or partly right, most "
        "recent first.")] = False,
    since: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--since", metavar="TIME", callback=_since,
        help="With --missed: only mistakes from this recent, e.g. 7d, 12h, 2w.",
        show_default=False)] = None,
) -> None:
    """Revise any questions, weakest first, without changing your schedule.

    Questions you missed in the last week come first; --missed practises only those.

    Example: powerquiz practice --missed --since 7d
    """
    from powerquiz.session import SessionConfig
    from powerquiz.session.missed import parse_since

    config = SessionConfig(mode="practice", limit=limit, seed=seed, relearn=relearn,
                           missed_only=missed,
                           since=parse_since(since) if since is not None else None)
    _run(ctx, open_banks(bank_paths(environment(ctx), bank)), (topic, qtype), progress, plain,
         config)


@app.command()
def exam(
    ctx: typer.Context,
    topic: TopicOption = None,
    qtype: TypeOption = None,
    count: Annotated[int, typer.Option("--count", "-n", metavar="N", min=1,
                                       help="Questions on the paper.")] = 20,
    minutes: Annotated[Optional[float], typer.Option(  # noqa: UP045
        "--time", metavar="MINUTES", min=0.1, max=24 * 60, show_default=False,
        help="A time limit: the time left is shown with each question; when it runs out "
             "the paper is submitted with the answers given so far.")] = None,
    bank: BanksOption = None,
    progress: ProgressOption = None,
    plain: PlainOption = False,
    seed: SeedOption = None,
) -> None:
    """A mock test: no feedback until the end, then the marked paper and a percentage.

    Sat as a Moodle quiz is, and marked with each question's explanation. Skip a
    question and answer it later, flag one for review, go back and change an answer;
    after the last question a summary lists every question (answered or not, flagged
    or not) to go back to, or to submit. The terminal UI says its keys under each
    question (Alt-S skip, Alt-F flag, Alt-B back, Alt-L the list, Alt-E submit). In
    --plain mode type :skip, :flag, :back, :go N, :list or :submit instead of an
    answer (:: starts an answer with ':'). Ctrl-C hands the paper in with the answers
    given so far. Recorded in your history; it does not change your revision schedule.

    Example: powerquiz exam --count 15

    Example: powerquiz exam --count 10 --time 15 --topic factions
    """
    from powerquiz.session import SessionConfig

    config = SessionConfig(mode="exam", count=count, seed=seed,
                           time_limit=minutes * 60 if minutes is not None else None)
    _run(ctx, open_banks(bank_paths(environment(ctx), bank)), (topic, qtype), progress, plain,
         config)
