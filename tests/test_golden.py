"""Golden output: ``--help`` of every command, and a whole scripted ``drill --plain`` session.

The output is compared whole, at a fixed width with no colour (rich's own way of testing
what it draws), against the files in ``tests/golden/``.  When a change to the wording is
meant, regenerate them and review the diff::

    POWERQUIZ_REGENERATE_GOLDEN=1 .venv/bin/pytest -q tests/test_golden.py
    git diff tests/golden/

The session runs on ``tests/data/golden.yaml`` (every question type, plus text that looks
like rich markup) with a fixed seed and a fixed clock passed in through the command
line's environment object, so its transcript is the same on every run.
"""

from __future__ import annotations

import io
import os
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from powerquiz.cli import app
from powerquiz.cli.env import Environment

GOLDEN = Path(__file__).parent / "golden"
BANK = Path(__file__).parent / "data" / "golden.yaml"
REGENERATE = bool(os.environ.get("POWERQUIZ_REGENERATE_GOLDEN"))
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

#: One reply a line, covering every type, a hint, unreadable replies and a slip of spelling.
REPLIES = [
    "",                        # short: Enter alone shows the hint
    "Bukarin, Tomsky, Rykov",  # short: right, with a typo
    "maybe",                   # truefalse: unreadable, asked again
    "t",                       # truefalse
    "9",                       # choice: out of range, asked again
    "1926",                    # choice by its text
    "industrialisation",       # cloze gap 1
    "collectivisation",        # cloze gap 2
    "2 3",                     # multi: partly right
    "Growth slowed",           # recall attempt
    "hard",                    # recall self-rating
    "1 3 2",                   # order
    "Left",                    # match: Trotsky
    "Right",                   # match: Zinoviev (wrong)
    "Right",                   # match: Bukharin
]


def check_golden(name: str, actual: str) -> None:
    """``actual`` equals the golden file ``name`` (or becomes it when regenerating)."""
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with POWERQUIZ_REGENERATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def command_names() -> list[list[str]]:
    """Every command's words ("progress", "show"), walking groups, the root first."""
    import typer
    import typer.main

    found: list[list[str]] = [[]]

    def walk(prefix: list[str], group: Any) -> None:
        ctx = typer.Context(group)  # the root loads its commands lazily: ask, don't peek
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found.append([*prefix, name])
            if hasattr(command, "commands"):
                walk([*prefix, name], command)

    walk([], typer.main.get_command(app))
    return found


def golden_name(words: list[str]) -> str:
    return "help-" + ("-".join(words) or "powerquiz") + ".txt"


class TestHelpGolden:
    """Each command's --help, whole."""

    @pytest.mark.parametrize("words", command_names(), ids=lambda w: " ".join(w) or "root")
    def test_help_is_unchanged(self, words: list[str]) -> None:
        """``powerquiz WORDS --help`` prints exactly its golden text."""
        result = CliRunner().invoke(app, [*words, "--help"], prog_name="powerquiz",
                                    terminal_width=80, max_content_width=80)
        assert result.exit_code == 0, result.output
        check_golden(golden_name(words), result.stdout)

    def test_every_golden_file_is_a_command(self) -> None:
        """No golden help file is left over from a command that is gone."""
        expected = {golden_name(w) for w in command_names()}
        on_disk = {p.name for p in GOLDEN.glob("help-*.txt")}
        assert on_disk == expected


def scripted_run(args: list[str], replies: list[str], home: Path) -> tuple[int, str, str]:
    """Run ``powerquiz ARGS`` with a fake environment: the replies as stdin, a fixed clock."""
    out, err = io.StringIO(), io.StringIO()
    env = replace(
        Environment.from_os(
            {"POWERQUIZ_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "80"},
            stdin=io.StringIO("".join(f"{r}\n" for r in replies)), stdout=out, stderr=err,
        ),
        clock=lambda: NOW,
    )
    result = CliRunner().invoke(app, args, obj=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, out.getvalue(), err.getvalue()


class TestPlainTranscript:
    """A whole plain-mode drill, compared line for line."""

    def test_drill_transcript_is_unchanged(self, tmp_path: Path) -> None:
        """A scripted ``drill --plain`` over every question type prints its golden transcript."""
        code, out, err = scripted_run(
            ["drill", "--plain", "--bank", str(BANK), "--seed", "7"], REPLIES, tmp_path)
        assert (code, err) == (0, "")
        check_golden("drill-plain.txt", out.replace(str(tmp_path), "HOME"))

    def test_exam_transcript_is_unchanged(self, tmp_path: Path) -> None:
        """A scripted ``exam --plain`` prints its golden marked paper."""
        # multi, truefalse, choice, cloze (markup typed by the student), short, order, match
        replies = ["1 3", "f", "1926", "rapid industrialisation", "[/b]", "Trotsky", "2 3 1",
                   "Left", "Left", "Right"]
        code, out, err = scripted_run(
            ["exam", "--plain", "--bank", str(BANK), "--seed", "7", "--count", "8"],
            replies, tmp_path)
        assert (code, err) == (0, "")
        check_golden("exam-plain.txt", out.replace(str(tmp_path), "HOME"))

    def test_the_fake_environment_is_the_one_used(self, tmp_path: Path) -> None:
        """The session reads the fake stdin, writes the fake stdout and saves under its home."""
        code, out, _ = scripted_run(
            ["practice", "--plain", "--bank", str(BANK), "--type", "short"],
            ["Bukharin, Tomsky, Rykov"], tmp_path)
        assert code == 0
        assert "Practice (your schedule is not changed)" in out
        assert (tmp_path / "progress.json").is_file()


README = Path(__file__).resolve().parents[1] / "README.md"
#: The command the README's sample session shows, and the replies typed in it.
SAMPLE_ARGS = ["drill", "--plain", "--topic", "factions", "--limit", "3", "--seed", "1"]
SAMPLE_REPLIES = ["bukarin, tomsky and rykov", "1 4 5",
                  "1", "1", "2", "1", "2", "2",   # the match, partly wrong
                  "1", "2", "1", "2", "1", "2"]   # ... and right when it comes back
SAMPLE_BEGIN = "<!-- sample session: written by tests/test_golden.py from a real run -->\n"
SAMPLE_END = "<!-- end of sample session -->\n"


def readme_sample(text: str) -> str:
    start = text.index(SAMPLE_BEGIN) + len(SAMPLE_BEGIN)
    return text[start:text.index(SAMPLE_END, start)]


class TestReadmeSample:
    """The README's sample session is the output of a real run, so it cannot drift."""

    def test_the_readme_sample_is_a_real_run(self, tmp_path: Path) -> None:
        """The bundled bank, the README's command and replies: exactly the README's text."""
        code, out, err = scripted_run(SAMPLE_ARGS, SAMPLE_REPLIES, tmp_path)
        assert (code, err) == (0, "")
        shown = out.replace(str(tmp_path), "~/.local/share/powerquiz")
        block = f"```text\n$ powerquiz {' '.join(SAMPLE_ARGS)}\n{shown}```\n"
        text = README.read_text(encoding="utf-8")
        if REGENERATE:
            start = text.index(SAMPLE_BEGIN) + len(SAMPLE_BEGIN)
            text = text[:start] + block + text[text.index(SAMPLE_END, start):]
            README.write_text(text, encoding="utf-8")
        assert readme_sample(text) == block
