"""Property: any bank text is refused with a place, or printed literally and safely.

Hypothesis writes banks whose title, topic, prompt, answer, hint, explanation, option and
learning point hold arbitrary Unicode, control characters and rich-markup-like text.
Every read-only command (``list``, ``topics``, ``show``, ``check``, ``validate``,
``coverage``) must then either refuse the bank with a ``FILE:LINE:COL`` message, or print
no raw control character (ESC above all) and no interpreted markup: the prompt comes
out exactly as the bank holds it (issue 17, D2 and D3).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from powerquiz.bank import load
from powerquiz.bank.wording import CONTROL, visible
from powerquiz.cli import app
from powerquiz.cli.env import Environment

pytestmark = pytest.mark.slow

#: Pieces that break naive rendering: markup tags, links, emoji codes, escape sequences.
NASTY = st.sampled_from([
    "[/x]", "[/]", "[bold]", "[/bold]", "[sic]", "[link=http://evil.example]", "[/link]",
    "[red on blue]", ":smile:", "\\[", "\x1b]0;pwned\x07", "\x1b[2J", "\x1b]8;;http://e/\x1b\\",
    "\x9b31m", "\x07", "\x00", "\r", "\t", "\u200b", "\u202e", "é", "🎉",
])
TEXT = st.lists(st.one_of(NASTY, st.text(min_size=1, max_size=8)), min_size=1, max_size=5) \
    .map("".join)

NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\ufffe\uffff]")

COMMANDS = [["list"], ["topics"], ["show", "q1"], ["check", "q1", "anything [/b]"],
            ["validate"], ["coverage"]]


def bank_text(fields: dict[str, str]) -> str:
    """A one-question bank in JSON (which is YAML) holding ``fields``."""
    bank = {
        "bank": "prop",
        "title": fields["title"],
        "topics": {"t": fields["topic"]},
        "points": [{"id": "p", "topic": "t", "text": fields["point"]}],
        "questions": [
            {"id": "q1", "topic": "t", "type": "short", "prompt": fields["prompt"],
             "answer": fields["answer"], "hint": fields["hint"],
             "explain": fields["explain"], "points": ["p"]},
            {"id": "q2", "topic": "t", "type": "choice", "prompt": fields["prompt"],
             "options": [fields["option"], "other"], "answer": "other", "points": ["p"]},
        ],
    }
    # JSON escapes C0 controls itself; C1 ones are escaped too, as YAML must not hold them raw.
    return NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                                  json.dumps(bank, ensure_ascii=False, indent=1))


def run(args: list[str], home: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Environment.from_os({"POWERQUIZ_HOME": str(home), "NO_COLOR": "1",
                               "COLUMNS": "10000"}, stdout=out, stderr=err)
    result = CliRunner().invoke(app, args, obj=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, out.getvalue(), err.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


FIELDS = st.fixed_dictionaries({k: TEXT for k in (
    "title", "topic", "point", "prompt", "answer", "hint", "explain", "option")})


class TestAnyBankText:
    """Arbitrary bank text never drives the terminal and is never read as markup."""

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(fields=FIELDS, command=st.sampled_from(COMMANDS))
    def test_refused_or_literal(self, tmp_path: Path, fields: dict[str, str],
                                command: list[str]) -> None:
        """Each read-only command refuses the bank at a place, or prints it literally
        (one command per example, so every command meets many banks)."""
        path = tmp_path / "bank.yaml"
        path.write_text(bank_text(fields), encoding="utf-8")
        bank, _ = load(path)
        located = re.compile(rf"{re.escape(str(path))}:\d+:\d+: ")
        code, out, err = run([*command, "--bank", str(path)], tmp_path)
        shown = out + err
        assert "Traceback" not in shown, command
        assert CONTROL.search(shown) is None, (command, shown)
        if bank is None or code == 1:
            assert code == 1 and located.search(err), (command, code, err)
            return
        assert code == 0, (command, err)
        prompt = flat(visible(bank.questions[0].display_prompt))
        if command[0] in ("list", "show"):
            assert prompt in flat(out), (command, prompt, out)
