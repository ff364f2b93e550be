"""Shell completion of option values: topics, types, question ids and export formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.bank import load_bank
from powerquiz.cli import app

REPO = Path(__file__).resolve().parent.parent
BUNDLED = load_bank(REPO / "data" / "questions.yaml")

SMALL = """\
bank: small
title: Small
topics:
  kings: Kings of England
  queens: Queens
questions:
  - {id: henry, topic: kings, type: short, prompt: Who broke with Rome?, answer: Henry VIII,
     explain: He wanted a divorce.}
  - {id: mary, topic: queens, type: truefalse, prompt: Mary was Protestant., answer: false,
     explain: She was Catholic.}
"""


def complete(line: str, shell: str = "bash") -> list[str]:
    """What the shell would offer for ``line`` (completing its last word), through
    typer's own completion protocol, in-process."""
    words = line.split(" ")
    env = {"_POWERQUIZ_COMPLETE": f"complete_{shell}", "COMP_WORDS": line,
           "COMP_CWORD": str(len(words) - 1), "_TYPER_COMPLETE_ARGS": line}
    result = CliRunner().invoke(app, [], env=env, prog_name="powerquiz")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return [w for w in result.stdout.splitlines() if w]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


class TestTopics:
    """--topic completes the topic ids of the bank on the line, else the default one."""

    def test_default_bank_topics(self) -> None:
        """Every topic id of the bundled bank is offered for an empty word."""
        assert complete("powerquiz drill --topic ") == [t.id for t in BUNDLED.topics]

    def test_prefix(self) -> None:
        """A prefix narrows the offer."""
        wanted = [t.id for t in BUNDLED.topics if t.id.startswith("fa")]
        assert wanted and complete("powerquiz practice --topic fa") == wanted

    def test_bank_named_on_the_line(self, small: Path) -> None:
        """--bank earlier on the line decides which bank's topics are offered."""
        assert complete(f"powerquiz list --bank {small} --topic ") == ["kings", "queens"]

    def test_after_a_comma(self, small: Path) -> None:
        """In a comma list, the word after the last comma is completed, the rest kept."""
        assert complete(f"powerquiz list --bank {small} --topic kings,q") == ["kings,queens"]

    def test_zsh_shows_titles(self, small: Path) -> None:
        """zsh gets each topic's title as its description."""
        offered = complete(f"powerquiz list --bank {small} --topic k", shell="zsh")
        assert any("Kings of England" in line for line in offered)

    def test_broken_bank_offers_nothing(self, tmp_path: Path) -> None:
        """A bank that cannot be read completes nothing, silently."""
        bad = tmp_path / "bad.yaml"
        bad.write_text("questions: [", encoding="utf-8")
        assert complete(f"powerquiz list --bank {bad} --topic ") == []


class TestOtherValues:
    """--type, question ids and export formats complete too."""

    def test_types_the_bank_uses(self, small: Path) -> None:
        """--type offers only the types the bank has questions of."""
        assert complete(f"powerquiz list --bank {small} --type ") == ["short", "truefalse"]

    def test_question_ids(self) -> None:
        """show and check offer the ids starting with what is typed."""
        wanted = [q.id for q in BUNDLED.questions if q.id.startswith("right-")]
        assert wanted and complete("powerquiz show right-") == wanted
        assert complete("powerquiz check right-") == wanted

    def test_export_formats(self) -> None:
        """export offers its formats by name."""
        assert complete("powerquiz export g") == ["gift", "gimkit"]
