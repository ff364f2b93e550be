"""``powerquiz exam --plain`` with scripted input: typed commands, the summary, --time.

The time limit runs on the environment's monotonic clock: these tests give the command
an environment whose clock moves only when a line is read (a student taking 40 seconds
an answer), so time runs out without any sleeping.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powerquiz.cli import app
from powerquiz.cli.env import Environment
from powerquiz.progress import ProgressStore
from test_golden import NOW, check_golden

GOLDEN_BANK = Path(__file__).parent / "data" / "golden.yaml"


@dataclass(frozen=True)
class TimedEnvironment(Environment):
    """An environment that also carries the exam's monotonic clock (the test's own)."""

    timer: Callable[[], float] = field(default=time.monotonic, repr=False)


class SlowStdin(io.StringIO):
    """Input whose every line takes ``seconds`` on the clock to be typed."""

    def __init__(self, text: str, seconds: float) -> None:
        super().__init__(text)
        self.seconds = seconds
        self.now = 0.0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.now += self.seconds
        return super().readline(-1 if size is None else size)

    def clock(self) -> float:
        return self.now


def sit(args: list[str], lines: list[str], home: Path, *, seconds: float = 0.0,
        environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``powerquiz exam --plain ARGS`` on the golden bank, a line of input each reply."""
    out, err = io.StringIO(), io.StringIO()
    stdin = SlowStdin("".join(f"{line}\n" for line in lines), seconds)
    base = Environment.from_os(
        {"POWERQUIZ_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "80", **(environ or {})},
        stdin=stdin, stdout=out, stderr=err)
    env = TimedEnvironment(**{f: getattr(base, f) for f in base.__dataclass_fields__},
                           timer=stdin.clock)
    env = replace(env, clock=lambda: NOW)
    result = CliRunner().invoke(app, ["exam", "--plain", "--bank", str(GOLDEN_BANK),
                                      "--seed", "7", *args], obj=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    # typer's own usage errors go to the runner's output, not the environment's streams
    return result.exit_code, out.getvalue(), err.getvalue() + result.output


def reviews(home: Path) -> list[str]:
    return [r.answer for r in ProgressStore(home / "progress.json").reviews("golden")]


#: A paper of 3 on the golden bank (seed 7): multi, truefalse, choice.
THREE = ["--count", "3", "--type", "multi,truefalse,choice"]


class TestTypedCommands:
    """The plain mode's commands, typed where an answer would be."""

    def test_skip_flag_back_go_and_submit(self, tmp_path):
        """A whole paper moved about with every command is marked as its last answers."""
        lines = [":skip", ":flag", "t", ":back", "f", "1926", ":go 1", "1 2", ":submit"]
        code, out, err = sit(THREE, lines, tmp_path)
        assert (code, err) == (0, "")
        assert "Question 2/3 · economy · truefalse · flagged" in out
        assert "Your answer so far: t (answer again to change it)" in out
        assert "2. The Right wanted NEP kept [link=http://evil.example]click[/link]. " \
               "(flagged)" in out
        assert sorted(reviews(tmp_path)) == ["1926", "Zinoviev, Kamenev", "f"]

    def test_the_commands_are_said_above_each_answer_prompt(self, tmp_path):
        """Each question says the commands in words, just above where the answer goes."""
        code, out, _ = sit(THREE, ["1", "t", "1"], tmp_path)
        assert code == 0
        said = "Or type :skip, :flag, :back, :go N, :list or :submit (:: starts an answer " \
               "with ':')."
        assert out.count(said) == 3
        assert f"{said}\nTrue or false?> t" in out

    def test_an_unknown_command_is_explained_and_asked_again(self, tmp_path):
        """':nope' is not taken as an answer: the commands are said, the prompt comes back."""
        code, out, _ = sit(THREE, [":nope", "1 2", "t", "1926"], tmp_path)
        assert code == 0
        assert "':nope' is not a command." in out
        assert reviews(tmp_path)[0] == "Zinoviev, Kamenev"

    @pytest.mark.parametrize("line", [":go", ":go x", ":go 0", ":go 4", ":go ²", ":go 99999"])
    def test_a_go_that_cannot_be_done_says_how(self, tmp_path, line):
        """:go without a question number on the paper is explained; nothing moves."""
        code, out, _ = sit(THREE, [line, "1 2", "t", "1926"], tmp_path)
        assert code == 0
        assert "Type :go and a question number from 1 to 3, e.g. :go 1." in out
        assert len(reviews(tmp_path)) == 3

    def test_a_double_colon_starts_an_answer_with_a_colon(self, tmp_path):
        """'::)' is the answer ':)' (marked, and saved as typed without the escape)."""
        code, out, _ = sit(["--count", "1", "--type", "short"], ["::)"], tmp_path)
        assert code == 0
        assert "Your answer: :)" in out
        assert reviews(tmp_path) == [":)"]

    def test_the_back_command_on_the_first_question_says_so(self, tmp_path):
        """:back at question 1 is refused in words and question 1 is asked again."""
        code, out, _ = sit(THREE, [":back", "1 2", "t", "1926"], tmp_path)
        assert code == 0
        assert "This is the first question: there is none before it." in out
        assert out.count("Question 1/3") == 2


class TestSummaryPage:
    """The summary after the last question, and submitting from it."""

    def test_the_summary_lists_each_question_and_takes_a_number(self, tmp_path):
        """The summary says each state; typing 2 goes to question 2."""
        code, out, _ = sit(THREE, ["1 2", ":skip", "1926", "2", "t"], tmp_path)
        assert code == 0
        assert "  2. The Right wanted NEP kept [link=http://evil.example]click[/link]. " \
               "(not answered)" in out
        assert "2 of 3 answered." in out
        assert out.count("Question 2/3") == 2 and len(reviews(tmp_path)) == 3

    @pytest.mark.parametrize("reply", ["", "x", "0", "7", ":flag"])
    def test_a_reply_the_summary_cannot_use_is_asked_again(self, tmp_path, reply):
        """Nothing, words, numbers off the paper, and :flag are explained at the summary."""
        code, out, _ = sit(THREE, ["1 2", "t", "1926", reply, ":submit"], tmp_path)
        assert code == 0
        assert out.count("to go to it, or :submit to submit all and finish> ") == 2

    def test_submit_with_questions_unanswered_asks_first(self, tmp_path):
        """:submit with one question unanswered asks; n goes back to the summary, y hands in."""
        code, out, _ = sit(THREE, ["1 2", ":submit", "n", ":submit", "y"], tmp_path)
        assert code == 0
        assert out.count("2 questions not answered (2, 3): they will count as 0.") == 2
        assert "Score: 0.7 out of 3 (22%); 2 unanswered." in out

    def test_end_of_input_at_a_question_keeps_the_answers_and_stops(self, tmp_path):
        """Input ending at question 2 marks question 1, says it stopped, exits 130."""
        code, out, _ = sit(THREE, ["1 2"], tmp_path)
        assert code == 130
        assert "Stopped after 1 of 3 questions; every answer you gave is saved." in out
        assert reviews(tmp_path) == ["Zinoviev, Kamenev"]


class TestTimeLimit:
    """--time MINUTES on the environment's monotonic clock."""

    def test_time_left_is_shown_with_each_question_and_on_the_summary(self, tmp_path):
        """With 40 s a line on a 10-minute paper each header says the time left."""
        code, out, _ = sit([*THREE, "--time", "10"], ["1 2", "t", "1926", ":submit"], tmp_path,
                           seconds=40)
        assert code == 0
        assert "Question 1/3 · factions · multi · 10:00 left" in out
        assert "Question 2/3 · economy · truefalse · 9:20 left" in out
        assert "Summary of your paper (8:00 left):" in out

    def test_running_out_submits_the_answers_given_in_time(self, tmp_path):
        """A 1-minute paper at 40 s a line: the first answer counts, the second is too late."""
        code, out, _ = sit([*THREE, "--time", "1"], ["1 2", "t", "1926"], tmp_path, seconds=40)
        assert code == 0
        assert "Time is up: your paper is submitted with the answers you gave." in out
        assert "The time ran out: the paper was submitted with the answers given before it." \
               in out
        assert "Score: 0.7 out of 3 (22%); 2 unanswered." in out
        assert reviews(tmp_path) == ["Zinoviev, Kamenev"]

    @pytest.mark.parametrize("value", ["0", "-5", "abc", "1e9", "nan"])
    def test_a_time_that_is_not_a_usable_limit_is_refused(self, tmp_path, value):
        """--time must be a number of minutes from 0.1 to 1440, said in words, exit 2."""
        code, out, err = sit(["--time", value], [], tmp_path)
        assert code == 2
        assert "--time" in err and "Traceback" not in err + out
        assert not (tmp_path / "progress.json").exists()


class TestHelpAndColour:
    """exam --help gives examples; the plain paper has no colour codes."""

    def test_help_names_the_commands_and_gives_examples(self):
        """--help says the keys, the typed commands, --time and two examples."""
        result = CliRunner().invoke(app, ["exam", "--help"], terminal_width=100)
        assert result.exit_code == 0
        for words in ("--time", ":skip", ":flag", ":back", ":go N", ":submit", "Alt-S",
                      "Example: powerquiz exam --count 10 --time 15"):
            assert words in result.stdout

    def test_no_escape_codes_in_plain_mode(self, tmp_path):
        """The plain paper, summary and marked paper carry no escape codes."""
        _, out, _ = sit([*THREE, "--time", "5"], ["1 2", ":flag", "t", "1926", ":submit"],
                        tmp_path, environ={"TERM": "xterm-256color"})
        assert "\x1b" not in out


class TestGoldenTranscript:
    """A whole plain exam with a skip, a flag, a go-back and a submit, line for line."""

    def test_moved_exam_transcript_is_unchanged(self, tmp_path):
        """Skip, flag, back, go and submit with a time limit print their golden transcript."""
        lines = [
            "1 2",        # 1 multi
            ":skip",      # 2 truefalse: later
            ":flag",      # 3 choice: flagged ...
            "1926",       # ... and answered
            "rapid industrialisation", "collectivisation",  # 4 cloze
            ":back",      # back to 4 ...
            ":skip",      # ... and on, keeping its answer
            "Trotsky",    # 5 short
            ":go 2",      # to the skipped question
            "t",
            ":list",      # 3 again: to the summary
            ":submit",    # 6, 7 unanswered: asked to confirm
            "y",
        ]
        code, out, err = sit(["--count", "7", "--time", "20"], lines, tmp_path, seconds=15)
        assert (code, err) == (0, "")
        check_golden("exam-plain-moves.txt", out.replace(str(tmp_path), "HOME"))
