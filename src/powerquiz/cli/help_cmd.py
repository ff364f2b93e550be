"""``powerquiz help TOPIC``: the guides that ship inside powerquiz, readable from any install.

Messages point here (``powerquiz help bank-format``) instead of at a repository file an
installed copy does not have.  The wheel carries each guide as ``powerquiz/docs/NAME``
(pyproject's ``force-include``); run from a source checkout, the repository's own
``docs/`` folder is read instead.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer

from powerquiz.cli.app import app
from powerquiz.cli.common import fail
from powerquiz.cli.env import current_environment
from powerquiz.exitcodes import ExitCode

#: Each topic ``powerquiz help`` knows, with its file and what it is about.
GUIDES = {
    "bank-format": ("bank-format.md", "how to write a question bank (YAML), every key"),
    "exam": ("exam.md", "sitting a mock exam: moving about the paper, flags, the time limit"),
    "stats": ("stats.md", "what each figure of 'powerquiz stats' means and how it is worked out"),
    "class-report": ("class-report.md", "a teacher's class report: every figure and its sources"),
}


def guide_text(topic: str) -> str | None:
    """The text of ``topic``'s guide: the installed copy, else the checkout's; None if
    neither can be read."""
    name = GUIDES[topic][0]
    try:
        return resources.files("powerquiz").joinpath("docs").joinpath(name).read_text("utf-8")
    except (OSError, ValueError):
        pass
    checkout = Path(__file__).resolve().parents[3] / "docs" / name
    try:
        return checkout.read_text("utf-8")
    except OSError:
        return None


def _topics() -> str:
    width = max(len(t) for t in GUIDES)
    return "\n".join(f"  {topic:<{width}}  {about}" for topic, (_, about) in GUIDES.items())


@app.command("help")
def help_command(
    topic: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
        typer.Argument(metavar="GUIDE",
                       help="The guide to show: bank-format, exam, stats or class-report.",
                       show_default=False),
    ] = None,
) -> None:
    """Show a guide that ships with powerquiz (the bank format), or list them.

    Example: powerquiz help bank-format | less
    """
    out = current_environment().stdout
    if topic is None:
        out.write(f"The guides (powerquiz help TOPIC):\n{_topics()}\n")
        return
    if topic not in GUIDES:
        fail(f"no guide called '{topic}'; the guides are:\n{_topics()}")
    text = guide_text(topic)
    if text is None:
        fail(f"the {topic} guide is missing from this install: reinstall powerquiz",
             ExitCode.INVALID)
    out.write(text if text.endswith("\n") else text + "\n")
