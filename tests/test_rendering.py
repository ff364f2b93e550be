"""Text from a bank, a progress file or a student reaches the screen literally and safely.

Each command is run in-process with a fake environment whose stdout says it is a colour
terminal, so rich would draw ``[bold]`` as bold and ``[link=...]`` as a hyperlink if it
read bank text as markup; the tests check the text comes out as written instead, and that
control characters are shown escaped (``\\x1b``), never raw (issue 17, D2 and D3).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.cli import app
from powerquiz.cli.env import Environment
from powerquiz.progress import ProgressError, ProgressStore, Review, new_review_id

MINI = Path(__file__).parent / "data" / "mini.yaml"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

#: Markup-like text, one piece per place a bank can hold text.
MARKUP = {
    "title": "Tudors [bold]rule[/bold]",
    "topic": "Faction [link=http://evil.example]fights[/link]",
    "prompt": "Who [/x] was it [sic]?",
    "answer": "Cromwell [red]T[/red]",
    "option": "Wolsey [/]",
    "explain": "Because [italic]he[/italic] was",
    "point": "The [b]Church[/b] broke",
    "wrong": "More [u]x[/u]",
    "hint": "Think [dim]1530s[/dim]",
}

MARKUP_BANK = f"""\
bank: markup
title: "{MARKUP['title']}"
topics:
  tudors: "{MARKUP['topic']}"
points:
  - id: break
    topic: tudors
    text: "{MARKUP['point']}"
questions:
  - id: who
    topic: tudors
    type: short
    prompt: "{MARKUP['prompt']}"
    answer: "{MARKUP['answer']}"
    hint: "{MARKUP['hint']}"
    wrong:
      "{MARKUP['wrong']}": "{MARKUP['explain']}"
    explain: "{MARKUP['explain']}"
    points: [break]
  - id: pick
    topic: tudors
    type: choice
    prompt: "{MARKUP['prompt']}"
    options: ["{MARKUP['option']}", "Cromwell"]
    answer: "{MARKUP['option']}"
    explain: "{MARKUP['explain']}"
    points: [break]
"""


class TtyIO(io.StringIO):
    """A captured stream that says it is a terminal, so rich draws styles and links."""

    def isatty(self) -> bool:
        return True


def run(args: list[str], home: Path, replies: str = "", *, colour: bool = True,
        environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``powerquiz ARGS`` with a fake environment: (exit code, out, err).

    With ``colour`` its streams are a colour terminal; without, plain pipes, so any ESC
    in the output can only have come from the text shown.
    """
    out, err = (TtyIO(), TtyIO()) if colour else (io.StringIO(), io.StringIO())
    base = {"POWERQUIZ_HOME": str(home), "COLUMNS": "300", "TERM": "xterm-256color"}
    if not colour:
        base["NO_COLOR"] = "1"
    env = Environment.from_os({**base, **(environ or {})}, stdin=io.StringIO(replies),
                              stdout=out, stderr=err)
    result = CliRunner().invoke(app, args, obj=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, out.getvalue(), err.getvalue()


@pytest.fixture
def markup_bank(tmp_path: Path) -> Path:
    path = tmp_path / "markup.yaml"
    path.write_text(MARKUP_BANK, encoding="utf-8")
    return path


READ_ONLY = {
    "topics": ["topics"],
    "list": ["list"],
    "show": ["show", "who"],
    "validate": ["validate"],
    "coverage": ["coverage"],
    "check": ["check", "who", "[/b] More [u]x[/u]"],
}


class TestMarkupIsLiteral:
    """Bank text that looks like rich markup is shown as written, in every command."""

    @pytest.mark.parametrize("name", sorted(READ_ONLY))
    def test_read_only_commands(self, name: str, markup_bank: Path, tmp_path: Path) -> None:
        """Each read-only command prints the bank's markup-like text literally, links none."""
        code, out, err = run([*READ_ONLY[name], "--bank", str(markup_bank)], tmp_path)
        assert code == 0, err
        shown = out + err
        expected = {
            "topics": ["title", "topic"],
            "list": ["prompt"],
            "show": ["prompt", "answer", "explain", "point", "wrong", "hint"],
            "validate": [],  # names the file and the bank id; its markup test is the warnings
            "coverage": ["title"],
            "check": ["answer", "explain"],
        }[name]
        for key in expected:
            assert MARKUP[key] in shown, (key, shown)
        assert "\x1b]8;" not in shown  # no hyperlink planted
        assert "Traceback" not in shown

    def test_closing_tag_does_not_raise(self, tmp_path: Path) -> None:
        """A bare closing tag in a prompt (``[/x]``) lists cleanly: no MarkupError (D3a)."""
        path = tmp_path / "close.yaml"
        path.write_text(MINI.read_text(encoding="utf-8").replace(
            "prompt: Who were on the Left?", 'prompt: "Who [/x] were on the Left?"'),
            encoding="utf-8")
        for command in (["list"], ["topics"], ["show", "left-members"]):
            code, _out, _ = run([*command, "--bank", str(path)], tmp_path)
            assert code == 0
        assert "Who [/x] were on the Left?" in run(["list", "--bank", str(path)], tmp_path)[1]

    def test_drill_feedback_and_summary(self, markup_bank: Path, tmp_path: Path) -> None:
        """A drill shows the prompt, the answer, the explanation and the summary literally."""
        code, out, _ = run(["drill", "--plain", "--bank", str(markup_bank), "--type", "short"],
                           tmp_path, "[/b] wrong\n")
        assert code == 0
        for key in ("title", "prompt", "answer", "explain"):
            assert MARKUP[key] in out, key

    def test_exam_paper_with_markup_typed(self, markup_bank: Path, tmp_path: Path) -> None:
        """``[/b]`` typed as an exam answer is shown on the marked paper, not parsed (D3b)."""
        code, out, err = run(["exam", "--plain", "--bank", str(markup_bank), "--type", "short"],
                             tmp_path, "[/b]\n")
        assert (code, err) == (0, "")
        assert "Your answer: [/b]" in out
        assert f"Expected: {MARKUP['answer']}" in out

    def test_terminal_exam_paper_with_markup_typed(self, markup_bank: Path) -> None:
        """The terminal UI's marked paper shows a typed ``[/b]`` literally (D3b)."""
        from rich.console import Console

        from powerquiz.bank import load_bank
        from powerquiz.marking import mark
        from powerquiz.session.prompter import Asked, Outcome, Summary
        from powerquiz.ui.terminal import TerminalPrompter

        bank = load_bank(markup_bank)
        q = bank.questions[0]
        outcome = Outcome(Asked(q, 1, 1), "[/b]", mark(q, "[/b]"))
        summary = Summary(mode="exam", answered=1, planned=1, score=0.0, topics=(),
                          missed=(outcome,), outcomes=(outcome,))
        console = Console(file=TtyIO(), width=200, force_terminal=True)
        TerminalPrompter(console, clock=lambda: NOW).finish(summary)
        shown = console.file.getvalue()  # type: ignore[attr-defined]
        assert "[/b]" in shown and "[red]T[/red]" in shown


def record(store: ProgressStore, bank: str) -> None:
    store.record(Review(id=new_review_id(), bank=bank, question="q", kind="exam", at=NOW,
                        answer="", verdict="wrong", score=0.0, rating=None))


class TestProgressShow:
    """``progress show`` with awkward bank ids (D3, D14)."""

    def test_markup_bank_id_option(self, tmp_path: Path) -> None:
        """``--bank-id '[/x]'`` is shown as written: no MarkupError traceback (D14)."""
        store = ProgressStore(tmp_path / "p.json")
        record(store, "[/x]")
        code, out, err = run(["progress", "show", "--progress", str(store.path),
                              "--bank-id", "[/x]"], tmp_path)
        assert code == 0, err
        assert "[/x]" in out

    def test_markup_bank_id_in_the_file(self, tmp_path: Path) -> None:
        """A bank id in the progress file that looks like markup is shown literally."""
        store = ProgressStore(tmp_path / "p.json")
        record(store, "[link=http://evil.example]b[/link]")
        code, out, _ = run(["progress", "show", "--progress", str(store.path)], tmp_path)
        assert code == 0
        assert "[link=http://evil.example]b[/link]" in out
        assert "\x1b]8;" not in out

    def test_escape_in_an_old_progress_file(self, tmp_path: Path) -> None:
        """An ESC in an old file's bank id is refused or shown escaped, never raw (D2)."""
        store = ProgressStore(tmp_path / "p.json")
        try:
            record(store, "evil\x1b]0;pwned\x07")
        except (ProgressError, ValueError) as refused:  # a store that refuses them is safe too
            assert "Traceback" not in str(refused)
            assert not store.path.exists() or "\x1b" not in store.path.read_text("utf-8")
            return
        code, out, err = run(["progress", "show", "--progress", str(store.path)], tmp_path,
                             colour=False)
        assert "\x1b" not in out + err and "\x07" not in out + err
        if code == 0:
            assert "evil\\x1b]0;pwned\\x07" in out
        else:
            assert code == 1 and "Traceback" not in out + err


class TestControlCharacters:
    """Control characters that reach output are shown escaped, in every front end (D2)."""

    def test_typed_escape_in_plain_mode(self, tmp_path: Path) -> None:
        """What a student types is never echoed with its escape sequences."""
        code, out, _ = run(["drill", "--plain", "--bank", str(MINI), "--type", "short"],
                           tmp_path, "Bukharin\x1b[2J, Tomsky, Rykov\n", colour=False)
        assert code == 0
        assert "\x1b" not in out

    def test_argument_in_an_error_message(self, tmp_path: Path) -> None:
        """An unknown id holding ESC is named escaped in the error."""
        code, _out, err = run(["show", "x\x1b]0;pwned\x07", "--bank", str(MINI)], tmp_path,
                             colour=False)
        assert code == 2
        assert "\x1b" not in err and "x\\x1b]0;pwned\\x07" in err

    def test_escape_in_bank_text(self, tmp_path: Path) -> None:
        """A bank with ESC in its text is refused with a place, or shown escaped (D2)."""
        path = tmp_path / "esc.yaml"
        path.write_text(MINI.read_text(encoding="utf-8").replace(
            "prompt: Who were on the Left?", 'prompt: "Who \\e]0;pwned\\a were \\e[2J?"'),
            encoding="utf-8")
        commands = (["list"], ["show", "left-members"], ["topics"], ["coverage"],
                    ["validate"], ["check", "left-members", "1"],
                    ["drill", "--plain", "--type", "multi"],
                    ["exam", "--plain", "--type", "multi"])
        for command in commands:
            code, out, err = run([*command, "--bank", str(path)], tmp_path, "1 2\n",
                                 colour=False)
            assert "\x1b" not in out + err and "\x07" not in out + err, command
            assert code in (0, 1), (command, err)
            if code == 1:
                assert f"{path}:" in err
            elif command[0] in ("list", "show", "drill", "exam"):
                assert "\\x1b]0;pwned\\x07" in out, command

    def test_plain_prompter_escapes_bank_text(self) -> None:
        """The plain front end writes every line with its control characters escaped."""
        from powerquiz.ui.plain import PlainPrompter

        out = io.StringIO()
        PlainPrompter(io.StringIO(), out).notice("a\x1b[2Jb\x9bc")
        assert out.getvalue() == "a\\x1b[2Jb\\x9bc\n"


class TestConsoleNet:
    """The command line's consoles escape any control character they are handed raw."""

    def test_raw_text_is_escaped(self) -> None:
        """Text printed raw (not through ui.literal) still comes out escaped."""
        out = io.StringIO()
        Environment.from_os({"NO_COLOR": "1"}, stdout=out).out.print("a\x1b[2Jb\x9b", markup=False)
        assert out.getvalue() == "a\\x1b[2Jb\\x9b\n"

    def test_styles_still_work(self) -> None:
        """On a colour terminal rich's own style codes are written; the content's are not."""
        out = TtyIO()
        env = Environment.from_os({"TERM": "xterm-256color", "COLUMNS": "80"}, stdout=out)
        from rich.text import Text

        env.out.print(Text("x\x1b[31my", style="bold"))
        assert "\x1b[1m" in out.getvalue() and "x\\x1b[31my" in out.getvalue()

    def test_a_path_typed_with_escapes(self, tmp_path: Path) -> None:
        """A --progress path holding ESC is named escaped, in any command (D2)."""
        code, out, err = run(["progress", "show", "--progress",
                              str(tmp_path / "a\x1b[2J" / "p.json")], tmp_path, colour=False)
        assert code == 0
        assert "\x1b" not in out + err and "a\\x1b[2J" in out
