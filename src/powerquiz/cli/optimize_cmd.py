"""``powerquiz optimize``: fit the FSRS parameters to the student's own drill history."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from powerquiz.cli.app import app
from powerquiz.cli.common import BankOption, ProgressOption, fail, open_bank, stdout
from powerquiz.cli.env import current_environment
from powerquiz.cli.stats_cmd import local_zone
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import ProgressError, ProgressStore
from powerquiz.stats.optimizer import Fit

if TYPE_CHECKING:
    from powerquiz.session import SessionConfig

__all__ = ["describe", "drill_settings", "optimize"]


def drill_settings(
    config: SessionConfig,
    bank_path: Path | None,
    progress_path: Path,
    retention: float | None,
    exam: str | None,
) -> SessionConfig:
    """``config`` with the bank's saved parameters and retention, and ``drill --exam``.

    ``--retention R`` is stored for the bank (when it differs from what is stored) and
    used; without it, the stored retention (default 0.9).  An unreadable ``--exam`` is a
    usage error naming the format; a date already past gives a plain drill.
    ProgressError propagates (the command line's exit-code map reports it).
    """
    from powerquiz.cli.stats_cmd import local_zone, parse_exam_date
    from powerquiz.progress.settings import BankSettings
    from powerquiz.session.plan import ExamGoal

    day = parse_exam_date(exam, date.min) if exam is not None else None
    bank = open_bank(bank_path)
    store = ProgressStore(progress_path)
    saved = store.settings(bank.id)
    if retention is not None and (saved.desired_retention if saved else 0.9) != retention:
        saved = dataclasses.replace(saved or BankSettings(None), desired_retention=retention)
        store.set_settings(bank.id, saved)
    desired = saved.desired_retention if saved else 0.9
    parameters = saved.parameters if saved else None
    goal = None if day is None else ExamGoal(day, local_zone(), desired, parameters)
    return dataclasses.replace(config, desired_retention=desired, parameters=parameters,
                               exam=goal)


@app.command()
def optimize(
    bank_path: BankOption = None,
    progress: ProgressOption = None,
    retention: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--retention", metavar="SHARE", min=0.7, max=0.99,
                     show_default=False,
                     help="The desired retention to keep with the parameters (0.7 to 0.99)."),
    ] = None,
    reset: Annotated[bool, typer.Option(
        "--reset", help="Forget the fitted parameters: schedule with the defaults again.")] = False,
) -> None:
    """Fit the FSRS parameters to your own answers, and keep them if they predict you better.

    Example: powerquiz optimize
    """
    from powerquiz.stats import Fitted, load_parameters, save_parameters
    from powerquiz.stats.optimizer import fit_parameters, optimal_retention

    bank = open_bank(bank_path)
    store = ProgressStore(current_environment().progress_path(progress))
    out = stdout()
    try:
        if reset:
            save_parameters(store.path, bank.id, None)
            out.print(f"Back to the default FSRS parameters for {bank.id}.", markup=False)
            return
        saved = load_parameters(store.path, bank.id)
        reviews = store.reviews(bank.id)
    except ProgressError as e:
        fail(str(e), ExitCode.INVALID)
    desired = retention if retention is not None else (saved.desired_retention if saved else 0.9)
    current = saved.parameters if saved else None
    fit = fit_parameters(reviews, local_zone(), current)
    lines = describe(fit)
    keep = fit.parameters if fit.better else current
    if keep is not None or retention is not None or saved is not None:
        try:
            save_parameters(store.path, bank.id, Fitted(
                parameters=keep, desired_retention=desired,
                fitted=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                reviews=len(reviews),
            ))
        except ProgressError as e:
            fail(str(e), ExitCode.INVALID)
    best = optimal_retention(keep or fit.parameters, len(bank.questions))
    if best is not None:
        lines.append(f"Optimal retention for your workload (the library's estimate): {best:.2f}; "
                     f"yours is {desired:.2f}.")
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


def describe(fit: Fit) -> list[str]:
    """What the fit found, in words: the threshold that applied and the fit before and after."""
    lines = [f"{fit.items} training item{'s' if fit.items != 1 else ''} "
             "(drill answers to questions first answered on an earlier day)."]
    more = (f"{fit.needed} more are needed" if fit.needed is not None else
            "the library set some unusual answers aside, so keep revising on later days")
    if fit.stage == "too few":
        return [*lines, f"Too few to fit: the parameters are kept; {more}."]
    stage = (f"only the four initial stabilities were fitted (for full training {more})"
             if fit.stage == "initial stabilities" else "all 21 parameters were trained")
    name = "full training" if fit.stage == "full" else fit.stage
    lines.append(f"Enough for {name}: {stage}.")
    lines.append(f"Fit before: log loss {fit.log_loss_before:.4f}, RMSE {fit.rmse_before:.4f}")
    lines.append(f"Fit after:  log loss {fit.log_loss_after:.4f}, RMSE {fit.rmse_after:.4f}")
    if fit.better:
        lines.append("The fitted parameters predict your answers better: kept.")
    else:
        lines.append("The fitted parameters do not predict your answers better than the "
                     "ones in use, which are kept.")
    return lines
