"""The commands that read a bank: topics, list, show and validate, and the help.

Each test runs the real typer app in-process with typer's CliRunner and reads its
stdout and stderr separately.  The mini bank (tests/data/mini.yaml) is selected with
--bank or POWERQUIZ_BANK, so the tests do not depend on the bundled bank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from powerquiz import __version__
from powerquiz.cli import app

MINI = Path(__file__).parent / "data" / "mini.yaml"

runner = CliRunner()


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run ``powerquiz ARGS`` in-process; never let an exception escape unnoticed."""
    result = runner.invoke(app, [str(a) for a in args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def mini(*args: str | Path) -> Result:
    """Run ``powerquiz ARGS --bank tests/data/mini.yaml``."""
    return run(*args, "--bank", MINI)


def flat(output: str) -> str:
    """``output`` with all runs of whitespace made one space (undoing rich's wrapping)."""
    return " ".join(output.split())


def row(output: str, first: str) -> list[str]:
    """The cells of the table row whose first cell is ``first``."""
    for line in output.splitlines():
        cells = [c.strip() for c in re.split(r"[│┃|]", line)]
        cells = [c for c in cells if c]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first!r} in:\n{output}")


def all_commands() -> list[tuple[str, Any]]:
    """Every command and group, by its full name ("progress show"), walking groups."""
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, group: Any) -> None:
        ctx = typer.Context(group)  # the root loads its commands lazily: ask, don't peek
        for name in sorted(group.list_commands(ctx)):
            command = group.get_command(ctx, name)
            path = f"{prefix} {name}".strip()
            found.append((path, command))
            if hasattr(command, "commands"):
                walk(path, command)

    walk("", typer.main.get_command(app))
    return found


COMMANDS = [name for name, _ in all_commands()]


@pytest.fixture
def no_selfcheck(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make validate's marking self-check find nothing (it is tested with marking)."""
    import powerquiz.marking

    monkeypatch.setattr(powerquiz.marking, "selfcheck", lambda bank: [])
    yield


def broken_bank(tmp_path: Path) -> Path:
    """The mini bank with two errors (a misspelt key, an answer not among the options)."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("    prompt: Put these in order.", "    promt: Put these in order.")
    text = text.replace('    answer: "1926"', '    answer: "1826"')
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class TestHelp:
    """--help and --version: every command documented with an example."""

    def test_version(self) -> None:
        """--version prints the version and exits 0."""
        for flag in ("--version", "-V"):
            result = run(flag)
            assert result.exit_code == 0
            assert result.stdout.strip() == f"powerquiz {__version__}"

    def test_help_lists_every_command_with_an_example(self) -> None:
        """--help names every command and shows an example line for each."""
        result = run("--help")
        assert result.exit_code == 0
        commands_part, _, examples = result.stdout.partition("Examples:")
        assert examples, "the root help has no Examples section"
        for name, _ in all_commands():
            top = name.split()[0]
            assert re.search(rf"^\s+{re.escape(top)}\s", commands_part, re.M), name
            assert f"powerquiz {top}" in examples, f"no example of 'powerquiz {top}'"

    def test_every_command_has_help_with_an_example(self) -> None:
        """Every command and group has help text, and that help gives an Example."""
        missing = []
        for name, command in all_commands():
            text = command.help or ""
            if not text.strip():
                missing.append(f"{name}: no help text")
            elif "Example" not in text:
                missing.append(f"{name}: no 'Example' in its help")
        assert not missing, "\n".join(missing)

    @pytest.mark.parametrize("name", COMMANDS)
    def test_command_help_runs(self, name: str) -> None:
        """``powerquiz COMMAND --help`` exits 0 and shows the example."""
        result = run(*name.split(), "--help")
        assert result.exit_code == 0
        assert f"Usage: powerquiz {name}" in result.stdout
        assert "Example" in result.stdout


class TestTopics:
    """`topics`: the topic table with counts."""

    def test_table_with_counts_and_total(self) -> None:
        """topics shows each topic with its question count and title, then the total."""
        result = mini("topics")
        assert result.exit_code == 0
        assert "A small bank for tests" in result.stdout
        assert row(result.stdout, "factions") == ["factions", "5", "The Left and the Right"]
        assert row(result.stdout, "economy") == ["economy", "3", "NEP and collectivisation"]
        assert row(result.stdout, "all") == ["all", "8"]
        assert result.stderr == ""

    def test_topics_in_the_order_written(self) -> None:
        """Topics are listed in the order the bank gives them."""
        out = mini("topics").stdout
        assert out.index("│ factions") < out.index("│ economy") < out.index("│ all")


class TestList:
    """`list`: the questions, filtered by topic and type."""

    def test_all_questions(self) -> None:
        """list shows every question with its topic, type and prompt, and a count."""
        result = mini("list")
        assert result.exit_code == 0
        assert row(result.stdout, "sides") == [
            "sides", "factions", "match", "Match each to their faction."
        ]
        assert row(result.stdout, "cloze-one")[:3] == ["cloze-one", "economy", "cloze"]
        assert "The Left wanted (1) _____ and (2) _____." in result.stdout
        assert "8 of 8 questions" in result.stdout

    def test_topic_filter(self) -> None:
        """--topic keeps only that topic's questions."""
        result = mini("list", "--topic", "economy")
        assert result.exit_code == 0
        for qid in ("nep-tf", "cloze-one", "recall-one"):
            assert row(result.stdout, qid)[1] == "economy"
        assert "sides" not in result.stdout
        assert "3 of 8 questions" in result.stdout

    def test_type_filter(self) -> None:
        """--type keeps only that type's questions."""
        result = mini("list", "--type", "choice")
        assert result.exit_code == 0
        assert row(result.stdout, "left-removed-year")[2] == "choice"
        assert "left-members" not in result.stdout
        assert "1 of 8 questions" in result.stdout

    def test_filters_combine_and_repeat(self) -> None:
        """--topic and --type combine, and each may be repeated."""
        result = mini("list", "-t", "factions", "--type", "multi", "--type", "match")
        assert result.exit_code == 0
        assert "2 of 8 questions" in result.stdout
        assert row(result.stdout, "left-members")[2] == "multi"
        assert row(result.stdout, "sides")[2] == "match"

    def test_unknown_topic(self) -> None:
        """An unknown --topic exits 2 with a suggestion and the list of topics."""
        result = mini("list", "--topic", "faction")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "unknown topic 'faction' (did you mean 'factions'?)" in result.stderr
        assert "the topics are: factions, economy" in result.stderr

    def test_unknown_type(self) -> None:
        """An unknown --type exits 2 with a suggestion."""
        result = mini("list", "--type", "chioce")
        assert result.exit_code == 2
        assert "unknown question type 'chioce' (did you mean 'choice'?)" in result.stderr


class TestShow:
    """`show`: a question as a student sees it, then its answer."""

    @pytest.mark.parametrize(
        ("qid", "shown"),
        [
            ("right-opposition-members", [
                "right-opposition-members  ·  factions  ·  short",
                "Who made up the Right Opposition?",
                "Answer: Bukharin, Tomsky and Rykov",
                "Alternatives: Bukharin / Nikolai Bukharin",
                "✗ Trotsky: Trotsky led the Left, not the Right.",
                "Why: They defended NEP, so Stalin turned on them when he turned on NEP.",
                "• right-members: Bukharin, Tomsky and Rykov were the Right.",
            ]),
            ("left-removed-year", [
                "In which year was the Left removed from the Politburo?",
                "1. 1924", "4. 1929–1930",
                "Answer: 1926",
                "Why: Stalin used the Right's votes to remove the Left first.",
                "• left-removed: The Left lost their Politburo seats in 1926.",
            ]),
            ("left-members", [
                "Who were on the Left?", "4. Bukharin", "(choose all that apply)",
                "Answer: Trotsky, Zinoviev and Kamenev",
                "Why: The Left wanted NEP replaced.",
                "• right-members:", "• left-removed:",
            ]),
            ("nep-tf", ["The Right wanted NEP kept.", "True or false?", "Answer: True",
                        "Why: Bukharin argued it was working."]),
            ("sequence", ["Put these in order.",
                          "Answer: Left removed from the Politburo > Stalin turns on the Right"
                          " > Right removed",
                          "Why: First one faction, then the other."]),
            ("sides", ["Trotsky  ->  ?", "choose from: Left, Right",
                       "Answer: Trotsky = Left; Zinoviev = Left; Bukharin = Right",
                       "Why: The diagram shows the two groups."]),
            ("cloze-one", ["The Left wanted (1) _____ and (2) _____.",
                           "Answer: rapid industrialisation | collectivisation",
                           "Alternatives: rapid industrialisation / industrialisation",
                           "Why: They wanted to replace NEP."]),
            ("recall-one", ["Why did the Party turn against NEP by 1928–1929?",
                            "compare with the model answer",
                            "Answer: Growth was slowing and peasants held back grain to push up "
                            "prices.",
                            "Why: Reservations grew as the economy slowed."]),
        ],
    )
    def test_each_type(self, qid: str, shown: list[str]) -> None:
        """show prints the question as a student sees it, then answer, why and points."""
        result = mini("show", qid)
        assert result.exit_code == 0, result.stderr
        for text in shown:
            assert text in result.stdout, f"{text!r} not in:\n{result.stdout}"
        assert result.stdout.index("Answer:") > result.stdout.index(shown[0])

    def test_order_items_are_not_shown_in_the_answer_order(self) -> None:
        """An order question's items are listed sorted and numbered as the drill and
        'check' number them, giving nothing away."""
        out = mini("show", "sequence").stdout
        assert "1. Left removed from the Politburo\n" in out
        assert "2. Right removed\n" in out
        assert "3. Stalin turns on the Right\n" in out

    def test_unknown_id(self) -> None:
        """An unknown id exits 2 with the closest id and a pointer to 'powerquiz list'."""
        result = mini("show", "side")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "no question 'side'" in result.stderr
        assert "(did you mean 'sides'?)" in result.stderr
        assert "'powerquiz list' shows the ids" in result.stderr


class TestValidate:
    """`validate`: located problems, or a summary of a valid bank."""

    def test_valid_bank(self, no_selfcheck: None) -> None:
        """A valid bank exits 0 with a verdict and questions per topic and per type."""
        result = run("validate", MINI)
        assert result.exit_code == 0
        assert f"{MINI}: valid bank 'mini': 8 questions, 2 learning points, 2 topics" \
            in flat(result.stdout)
        assert "Questions per topic and type" in result.stdout
        assert "5" in row(result.stdout, "factions")
        assert "3" in row(result.stdout, "economy")
        assert "8" in row(result.stdout, "all")
        for qtype in ("short", "choice", "multi", "truefalse", "order", "match", "cloze",
                      "recall"):
            assert qtype in result.stdout
        assert result.stderr == ""

    def test_warnings_do_not_fail(self, tmp_path: Path, no_selfcheck: None) -> None:
        """Warnings are printed located on stderr, counted in the verdict, and exit 0."""
        text = MINI.read_text(encoding="utf-8").replace(
            "    explain: The diagram shows the two groups.\n", "")
        path = tmp_path / "warn.yaml"
        path.write_text(text, encoding="utf-8")
        result = run("validate", path)
        assert result.exit_code == 0
        line = text[: text.index("  - id: sides")].count("\n") + 1
        assert result.stderr.splitlines() == [
            f"{path}:{line}:5: warning: question 'sides' has no explanation: "
            "add 'explain' to teach why"
        ]
        assert "8 questions, 2 learning points, 2 topics, 1 warning" in flat(result.stdout)

    def test_invalid_bank(self, tmp_path: Path, no_selfcheck: None) -> None:
        """An invalid bank exits 1 with every error located on stderr, in line order."""
        path = broken_bank(tmp_path)
        result = run("validate", path)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"{path}:28:13: question 'left-removed-year': answer '1826' is not one of the "
            "options (did you mean '1926'?)",
            f"{path}:48:5: question 'sequence': unknown key 'promt' (did you mean 'prompt'?)",
            f"{path}: 2 errors, 0 warnings",
        ]

    def test_bank_option_and_environment(self, tmp_path: Path, no_selfcheck: None) -> None:
        """validate checks --bank, or $POWERQUIZ_BANK, when no FILE is given."""
        path = broken_bank(tmp_path)
        assert run("validate", "--bank", path).exit_code == 1
        assert run("validate", env={"POWERQUIZ_BANK": str(path)}).exit_code == 1
        assert run("validate", env={"POWERQUIZ_BANK": str(MINI)}).exit_code == 0
        # FILE wins over --bank
        assert run("validate", MINI, "--bank", path).exit_code == 0

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file exits 1 with a located message, no traceback."""
        path = tmp_path / "nope.yaml"
        result = run("validate", path)
        assert result.exit_code == 1
        assert f"{path}:1:1: no such file" in result.stderr.splitlines()

    def test_directory(self, tmp_path: Path) -> None:
        """A directory exits 1 with a message saying it is not a bank file."""
        result = run("validate", tmp_path)
        assert result.exit_code == 1
        assert f"{tmp_path}:1:1: is a directory, not a bank file" in result.stderr

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A file that is not UTF-8 exits 1 with the byte located."""
        path = tmp_path / "latin1.yaml"
        path.write_bytes(MINI.read_bytes().replace("1929–1930".encode(), b"1929\x961930"))
        result = run("validate", path)
        assert result.exit_code == 1
        assert "byte 0x96 is not UTF-8 text: save the file as UTF-8" in result.stderr

    def test_code_running_tag(self, tmp_path: Path) -> None:
        """A !!python tag is refused by validate and nothing is run."""
        marker = tmp_path / "hacked"
        path = tmp_path / "evil.yaml"
        path.write_text(MINI.read_text(encoding="utf-8").replace(
            "prompt: Put these in order.",
            f'prompt: !!python/object/apply:os.system ["touch {marker}"]'), encoding="utf-8")
        result = run("validate", path)
        assert result.exit_code == 1
        assert "YAML tag '!!python/object/apply:os.system' is not allowed" in result.stderr
        assert not marker.exists()

    def test_bundled_bank_by_default(self, bundled_bank_path: Path) -> None:
        """With no FILE, validate checks the bundled bank, which is valid."""
        assert bundled_bank_path.is_file(), "the bundled bank ships with powerquiz"
        result = run("validate")
        assert str(bundled_bank_path.name) in result.stdout + result.stderr
        assert result.exit_code == 0, result.stderr


class TestBankSelection:
    """Which bank a command reads: --bank, $POWERQUIZ_BANK, the bundled one."""

    def test_bank_option(self) -> None:
        """--bank (and -b) select the bank every command reads."""
        assert row(run("topics", "--bank", MINI).stdout, "all") == ["all", "8"]
        assert row(run("topics", "-b", MINI).stdout, "all") == ["all", "8"]

    def test_environment_variable(self) -> None:
        """$POWERQUIZ_BANK selects the bank when --bank is not given."""
        result = run("topics", env={"POWERQUIZ_BANK": str(MINI)})
        assert result.exit_code == 0
        assert row(result.stdout, "all") == ["all", "8"]
        assert run("show", "sides", env={"POWERQUIZ_BANK": str(MINI)}).exit_code == 0

    def test_option_beats_environment(self, tmp_path: Path) -> None:
        """--bank wins over $POWERQUIZ_BANK."""
        result = run("topics", "--bank", MINI, env={"POWERQUIZ_BANK": str(tmp_path / "x")})
        assert result.exit_code == 0

    @pytest.mark.parametrize("command", [["topics"], ["list"], ["show", "sides"]])
    def test_broken_bank(self, tmp_path: Path, command: list[str]) -> None:
        """A broken --bank exits 1 with its located errors and a pointer to validate."""
        path = broken_bank(tmp_path)
        result = run(*command, "--bank", path)
        assert result.exit_code == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[:2] == [
            f"{path}:28:13: question 'left-removed-year': answer '1826' is not one of the "
            "options (did you mean '1926'?)",
            f"{path}:48:5: question 'sequence': unknown key 'promt' (did you mean 'prompt'?)",
        ]
        assert flat("\n".join(lines[2:])) == (
            f"{path}: 2 errors; run 'powerquiz validate {path}' for the full report"
        )

    def test_missing_bank(self, tmp_path: Path) -> None:
        """A --bank that does not exist exits 1 saying so."""
        path = tmp_path / "nope.yaml"
        result = run("topics", "--bank", path)
        assert result.exit_code == 1
        assert f"{path}:1:1: no such file" in result.stderr

    def test_bundled_bank_by_default(self, bundled_bank_path: Path) -> None:
        """With no --bank and no $POWERQUIZ_BANK, the bundled bank is used."""
        assert bundled_bank_path.is_file(), "the bundled bank ships with powerquiz"
        result = run("topics")
        assert result.exit_code == 0, result.stderr
        assert row(result.stdout, "factions")[0] == "factions"
