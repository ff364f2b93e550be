"""The YAML mistakes teachers make, said in plain English at the right line (issue 13).

Each test writes a small bank with one mistake and asserts the exact
``FILE:LINE:COL: message`` powerquiz gives for it; the paths tests check that messages
name files as the teacher wrote them, and the guide tests that every message pointing
at the format guide names ``powerquiz help bank-format``, which an installed copy has.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from powerquiz.bank import bundled
from powerquiz.bank.loader import load, parse
from powerquiz.cli import app
from powerquiz.cli.help_cmd import guide_text

ROOT = Path(__file__).resolve().parent.parent

HEAD = "bank: b\ntitle: T\ntopics:\n  t: Tudors\nquestions:\n"
#: A whole short question, lines 6-11 of a bank starting with HEAD.
QUESTION = ("  - id: a\n    topic: t\n    type: short\n    prompt: When?\n"
            "    answer: '1534'\n    explain: The Act of Supremacy.\n")

runner = CliRunner()


def messages(text: str) -> list[str]:
    """Every problem ``text`` has, as ``FILE:LINE:COL: message`` (the file bank.yaml)."""
    _, problems = parse(text, "bank.yaml")
    return [str(p) for p in problems]


def run(*args: str) -> Result:
    """Run ``powerquiz ARGS`` in-process; no traceback may show."""
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


SYNTAX_COLON = "(YAML syntax error: mapping values are not allowed in this context)"


class TestTabs:
    """A tab in the indentation is named as such, at its line and column."""

    def test_tab_before_a_key(self) -> None:
        """A key indented with a tab: the message names the tab, at column 1."""
        text = HEAD + "  - id: a\n\ttopic: t\n"
        assert messages(text) == [
            "bank.yaml:7:1: a tab is used for indentation; YAML needs spaces: indent with "
            "spaces only (YAML syntax error: while scanning a plain scalar found a tab "
            "character that violates indentation)"]

    def test_tab_after_spaces(self) -> None:
        """Spaces then a tab: the column is the tab's."""
        text = HEAD + "  - id: a\n  \ttopic: t\n"
        assert messages(text)[0].startswith(
            "bank.yaml:7:3: a tab is used for indentation; YAML needs spaces")

    def test_tab_before_a_list_entry(self) -> None:
        """A question's dash indented with a tab is named too."""
        text = HEAD + "\t- id: a\n"
        assert messages(text)[0].startswith(
            "bank.yaml:6:1: a tab is used for indentation; YAML needs spaces")


class TestColonInValue:
    """A second ': ' in an unquoted value says to quote the whole value."""

    def test_colon_in_a_prompt(self) -> None:
        """``prompt: Henry VIII: why...`` is refused at the second colon, with the fix."""
        text = HEAD + "  - id: a\n    prompt: Henry VIII: why did he break with Rome?\n"
        assert messages(text) == [
            "bank.yaml:7:23: the value of 'prompt' holds ': ', which YAML reads as the start "
            "of a new key: put the whole value in quotes, e.g. prompt: \"Henry VIII: why did "
            f"he break with Rome?\" {SYNTAX_COLON}"]

    def test_colon_in_a_list_entry_value(self) -> None:
        """The same mistake on a ``- key:`` line names that key."""
        text = HEAD + "  - prompt: Henry VIII: why?\n"
        assert messages(text)[0].startswith(
            "bank.yaml:6:23: the value of 'prompt' holds ': ', which YAML reads as the start "
            "of a new key: put the whole value in quotes")

    def test_colon_in_a_list_entry_reads_as_a_mapping(self) -> None:
        """``- Henry VIII: the king`` is no syntax error but a mapping: told to quote it."""
        text = HEAD + ("  - id: a\n    topic: t\n    type: choice\n    prompt: Who?\n"
                       "    options:\n      - Henry VIII: the king\n      - Wolsey\n"
                       "    answer: Wolsey\n    explain: x\n")
        assert messages(text) == [
            "bank.yaml:11:9: an entry of question 'a' options must be text, not a mapping "
            "(YAML reads 'Henry VIII: the king' as a key and its value, split at ': '): put "
            "the whole text in quotes"]

    def test_quoted_value_is_not_blamed(self) -> None:
        """A colon inside quotes is fine: the bank loads."""
        text = HEAD + QUESTION.replace("When?", "'Henry VIII: when?'")
        assert messages(text) == []


class TestTextAfterAClosingQuote:
    """A quoted value that goes on after its closing quote says where to put the quotes."""

    def test_double_quoted_start(self) -> None:
        """``prompt: "When?" said he`` suggests single quotes outside."""
        text = HEAD + QUESTION.replace("When?", '"When?" said he')
        assert messages(text) == [
            "bank.yaml:9:21: the value of 'prompt' goes on after its closing quote: put the "
            "quotes around the whole value, or use the other kind of quote outside, e.g. "
            "prompt: '\"When?\" said he' (YAML syntax error: while parsing a block mapping "
            "did not find expected key)"]

    def test_apostrophe_inside_single_quotes(self) -> None:
        """``'Henry's wife'`` says to use double quotes, with the fixed value."""
        text = HEAD + QUESTION.replace("When?", "'Who was Henry's wife?'")
        assert messages(text) == [
            "bank.yaml:9:28: the value of 'prompt' has an apostrophe inside single quotes, "
            "which ends the text there: use double quotes outside, e.g. prompt: \"Who was "
            "Henry's wife?\" (or write the apostrophe twice: '') (YAML syntax error: while "
            "parsing a block mapping did not find expected key)"]

    def test_single_quoted_start(self) -> None:
        """A single-quoted start suggests double quotes outside."""
        text = HEAD + QUESTION.replace("When?", "'Henry' said when?")
        assert messages(text)[0].startswith(
            "bank.yaml:9:21: the value of 'prompt' goes on after its closing quote")
        assert "e.g. prompt: \"'Henry' said when?\"" in messages(text)[0]


class TestReservedFirstCharacter:
    """A value starting with a character YAML reserves says to put the text in quotes."""

    def test_cloze_text_with_more_after_the_braces(self) -> None:
        """``text: {{Henry}} broke...`` (a syntax error) names the value's first character."""
        text = HEAD + "  - id: a\n    text: {{Henry}} broke with Rome\n"
        assert messages(text) == [
            "bank.yaml:7:11: the value of 'text' starts with '{', which YAML reads as the "
            "start of a mapping: put the text in quotes, e.g. \"{{Henry}} broke with Rome\" "
            "(YAML syntax error: while parsing a block mapping did not find expected key)"]

    def test_cloze_text_that_is_all_braces(self) -> None:
        """``text: {{Henry}}`` reads as a mapping without a syntax error: still told to quote."""
        text = HEAD + "  - id: a\n    topic: t\n    type: cloze\n    text: {{Henry}}\n" \
            "    explain: x\n"
        assert messages(text) == [
            "bank.yaml:9:11: question 'a' text must be text, not a mapping: a value starting "
            "with '{' is read by YAML as a mapping; put the text in quotes"]

    def test_unclosed_cloze_braces(self) -> None:
        """``{{Henry`` left open is a cloze text too, not an unclosed mapping."""
        text = HEAD + "  - id: a\n    prompt: {{Henry\n    topic: t\n"
        assert messages(text)[0].startswith(
            "bank.yaml:7:13: the value of 'prompt' starts with '{', which YAML reads as the "
            "start of a mapping: put the text in quotes")

    @pytest.mark.parametrize(("value", "meaning"), [
        ("[1534] was the year", "the start of a list"),
        ("*really* why", "an alias (a reference to an anchor)"),
        ("@home why", "a reserved character"),
        ("%50 why", "a directive"),
    ])
    def test_other_reserved_characters(self, value: str, meaning: str) -> None:
        """Each reserved first character is named with what YAML reads it as."""
        text = HEAD + f"  - id: a\n    prompt: {value}\n"
        assert messages(text)[0].startswith(
            f"bank.yaml:7:13: the value of 'prompt' starts with {value[0]!r}, which YAML "
            f"reads as {meaning}: put the text in quotes, e.g. \"{value}\"")

    def test_list_entry_starting_with_a_star(self) -> None:
        """A list entry (``- *x``) is named as the list entry."""
        text = HEAD + QUESTION + "    tags:\n      - *tudor\n"
        assert messages(text)[0].startswith(
            "bank.yaml:13:9: the list entry starts with '*', which YAML reads as an alias")

    def test_cloze_text_on_its_own_line(self) -> None:
        """A cloze text written on the line under ``text:`` is named as the text."""
        text = HEAD + "  - id: a\n    topic: t\n    type: cloze\n    text:\n" \
            "      {{Henry}} broke with Rome\n"
        assert messages(text)[0].startswith(
            "bank.yaml:10:7: the text starts with '{', which YAML reads as the start of a "
            "mapping: put the text in quotes, e.g. \"{{Henry}} broke with Rome\"")

    def test_a_real_list_keeps_yamls_words(self) -> None:
        """A list in brackets that is meant as a list is not called text."""
        text = HEAD + QUESTION + "    tags: [a, *b]\n"
        assert messages(text) == ["bank.yaml:12:15: YAML syntax error: found undefined alias"]

    def test_exclamation_mark_is_a_tag(self) -> None:
        """``!important why`` is refused as a tag, with the fix."""
        text = HEAD + QUESTION.replace("When?", "!important when?")
        assert messages(text) == [
            "bank.yaml:9:13: YAML tag '!important' is not allowed: YAML reads a value "
            "starting with '!' as a tag; put the text in quotes if you mean it as text"]


class TestIndentation:
    """A key indented too far or not far enough names the key it seems to belong with."""

    def test_over_indented_key(self) -> None:
        """One space too many: the key above, and its indentation."""
        text = HEAD + "  - id: a\n    topic: t\n     prompt: When?\n"
        assert messages(text) == [
            "bank.yaml:8:6: 'prompt' is indented more than the key it seems to belong with, "
            f"'topic' on line 7: indent it by 4 spaces, as 'topic' is {SYNTAX_COLON}"]

    def test_under_indented_key(self) -> None:
        """One space too few: the key above, and its indentation."""
        text = HEAD + "  - id: a\n    topic: t\n   prompt: When?\n"
        assert messages(text) == [
            "bank.yaml:8:4: 'prompt' is indented less than the key it seems to belong with, "
            "'topic' on line 7: indent it by 4 spaces, as 'topic' is (YAML syntax error: "
            "while parsing a block collection did not find expected '-' indicator)"]

    def test_key_lined_up_with_the_dash(self) -> None:
        """A key under the question's dash belongs with the question's keys."""
        text = HEAD + "  - id: a\n    topic: t\n  prompt: When?\n"
        assert messages(text)[0].startswith(
            "bank.yaml:8:3: 'prompt' is indented less than the key it seems to belong with, "
            "'topic' on line 7: indent it by 4 spaces")

    def test_over_indented_top_level_key(self) -> None:
        """A top-level key indented under a key with a value belongs at column 1."""
        text = "bank: b\n  title: T\n"
        assert messages(text)[0].startswith(
            "bank.yaml:2:3: 'title' is indented more than the key it seems to belong with, "
            "'bank' on line 1: indent it by 0 spaces, as 'bank' is")

    def test_over_indented_question(self) -> None:
        """A question's dash one space too far names the question above and its column."""
        text = HEAD + QUESTION + "   - id: b\n"
        assert messages(text) == [
            "bank.yaml:12:4: this list entry is indented more than the entry it seems to "
            "belong with, on line 6: indent its '-' by 2 spaces, as that one's is (YAML "
            "syntax error: while parsing a block collection did not find expected '-' "
            "indicator)"]

    def test_under_indented_question(self) -> None:
        """A question's dash one space too few names the question above."""
        text = HEAD + QUESTION + " - id: b\n"
        assert messages(text)[0].startswith(
            "bank.yaml:12:2: this list entry is indented less than the entry it seems to "
            "belong with, on line 6: indent its '-' by 2 spaces")

    def test_comments_and_blank_lines_are_skipped(self) -> None:
        """The key it belongs with is found past blank lines and comments."""
        text = HEAD + "  - id: a\n    topic: t\n\n    # the prompt\n     prompt: When?\n"
        assert messages(text)[0].startswith(
            "bank.yaml:10:6: 'prompt' is indented more than the key it seems to belong "
            "with, 'topic' on line 7")


class TestHostileLines:
    """Lines built to make a pattern match slowly are read in one pass."""

    def test_many_dashes_and_spaces(self) -> None:
        """A line of 40 dashes and spaces ending in a bad indent gets its message."""
        text = HEAD + "  - id: a\n    topic: t\n" + "-  " * 40 + "x\n"
        assert messages(text)[0].startswith("bank.yaml:8:")

    def test_error_far_down_a_long_file(self) -> None:
        """A misindented key after 20,000 lines still names the key above it."""
        text = HEAD + "  - id: a\n" + "    # note\n" * 20000 + "    topic: t\n     type: x\n"
        assert messages(text)[0].startswith(
            "bank.yaml:20008:6: 'type' is indented more than the key it seems to belong with, "
            "'topic' on line 20007")


class TestSmartQuotes:
    """Curly quotes around a whole value warn that they will be shown."""

    def test_curly_double_quotes(self) -> None:
        """``answer: “1534”`` loads, with a warning at the value."""
        text = HEAD + QUESTION.replace("'1534'", "“1534”")
        bank, problems = parse(text, "bank.yaml")
        assert bank is not None
        assert [str(p) for p in problems] == [
            "bank.yaml:10:13: warning: question 'a' answer: the value '“1534”' is wrapped in "
            "curly quotes, which YAML keeps: they will be shown as part of the text; use "
            "straight quotes (\"1534\") or none"]

    def test_curly_quotes_in_a_bracketed_list(self) -> None:
        """``options: [“1529”, “1534”]`` warns for each entry, at the entry."""
        text = HEAD + ("  - id: a\n    topic: t\n    type: choice\n    prompt: When?\n"
                       "    options: [“1529”, “1534”]\n    answer: “1534”\n    explain: x\n")
        found = messages(text)
        assert [m.split(": warning")[0] for m in found] == [
            "bank.yaml:10:15", "bank.yaml:10:23", "bank.yaml:11:13"]
        assert all("they will be shown as part of the text" in m for m in found)

    def test_curly_single_quotes(self) -> None:
        """‘…’ around a prompt warns too."""
        text = HEAD + QUESTION.replace("When?", "‘When?’")
        assert messages(text)[0].startswith(
            "bank.yaml:9:13: warning: question 'a' prompt: the value '‘When?’' is wrapped in "
            "curly quotes")

    def test_curly_quotes_inside_straight_quotes_are_meant(self) -> None:
        """Curly quotes inside straight quotes are the teacher's choice: no warning."""
        text = HEAD + QUESTION.replace("When?", "'“When?”'")
        assert messages(text) == []

    def test_curly_quotes_inside_the_text_are_fine(self) -> None:
        """Quotes around a word inside the value are not around the whole value."""
        text = HEAD + QUESTION.replace("When?", "When was the “break”?")
        assert messages(text) == []


class TestCutComment:
    """`` #`` in an unquoted value warns with the text YAML cut off as a comment."""

    def test_hash_after_one_space(self) -> None:
        """``Henry #8 broke...``: the warning quotes the cut text, at the '#'."""
        text = HEAD + QUESTION.replace("When?", "When did Henry #8 break?")
        assert messages(text) == [
            "bank.yaml:9:28: warning: question 'a' prompt: ' #' starts a comment in YAML, so "
            "the text '#8 break?' is cut from 'When did Henry': put the whole value in "
            "quotes to keep it (leave two spaces before '#' for a real comment)"]

    def test_hash_after_a_tab(self) -> None:
        """A tab before '#' cuts the value too."""
        text = HEAD + QUESTION.replace("When?", "When\t#8?")
        assert messages(text)[0].startswith(
            "bank.yaml:9:18: warning: question 'a' prompt: ' #' starts a comment in YAML, so "
            "the text '#8?' is cut from 'When'")

    def test_hash_on_a_continuation_line(self) -> None:
        """In a value over two lines, the warning is at the line the '#' is on."""
        text = HEAD + QUESTION.replace("When?", "When did\n      Henry #8 break?")
        assert messages(text)[0].startswith(
            "bank.yaml:10:13: warning: question 'a' prompt: ' #' starts a comment in YAML, "
            "so the text '#8 break?' is cut from 'When did Henry'")

    def test_windows_line_endings(self) -> None:
        """With CRLF line ends the cut text and the column are the same."""
        text = (HEAD + QUESTION.replace("When?", "When? #x")).replace("\n", "\r\n")
        assert messages(text)[0].startswith(
            "bank.yaml:9:19: warning: question 'a' prompt: ' #' starts a comment in YAML, so "
            "the text '#x' is cut from 'When?'")

    def test_value_that_is_all_comment(self) -> None:
        """``answer: #1 Henry`` is empty to YAML: the error says the text was a comment."""
        text = HEAD + QUESTION.replace("'1534'", "#1 Henry")
        assert messages(text) == [
            "bank.yaml:10:12: question 'a' answer is empty: YAML reads '#1 Henry' as a "
            "comment, as it starts with ' #'; put the whole value in quotes to keep it"]

    def test_comment_after_two_spaces_is_meant(self) -> None:
        """Two spaces before '#' is a real comment: no warning."""
        text = HEAD + QUESTION.replace("When?", "When?  # the year")
        assert messages(text) == []

    def test_hash_inside_quotes_is_kept(self) -> None:
        """Inside quotes ' #' is text: no warning."""
        text = HEAD + QUESTION.replace("When?", "'When did Henry #8 break?'")
        assert messages(text) == []


class TestOneMessagePerMistake:
    """A misspelt key is reported once."""

    def test_misspelt_explain(self) -> None:
        """``explian`` gets the unknown-key message only, not also "no explanation"."""
        text = HEAD + QUESTION.replace("explain:", "explian:")
        assert messages(text) == [
            "bank.yaml:11:5: question 'a': unknown key 'explian' (did you mean 'explain'?)"]

    def test_missing_explain_still_warns(self) -> None:
        """With no explain key at all, the warning stays."""
        text = HEAD + QUESTION.replace("    explain: The Act of Supremacy.\n", "")
        assert messages(text) == [
            "bank.yaml:6:5: warning: question 'a' has no explanation: add 'explain' to "
            "teach why"]


class TestPaths:
    """Messages name the file as the teacher wrote it, and the bundled bank by name."""

    def test_relative_path_as_typed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """``validate ./x.yaml`` names ``x.yaml``, never the resolved absolute path."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "x.yaml").write_text(HEAD + "  - id: a\n    prompt: A: b\n", "utf-8")
        result = run("validate", "./x.yaml")
        assert result.exit_code == 1
        assert result.stderr.startswith("x.yaml:7:14: the value of 'prompt' holds ': '")
        assert str(tmp_path) not in result.stderr

    def test_path_in_a_folder_as_typed(self, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
        """A drill on ``banks/x.yaml`` names ``banks/x.yaml`` in the error and the summary."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "banks").mkdir()
        (tmp_path / "banks" / "x.yaml").write_text(HEAD + "\t- id: a\n", "utf-8")
        result = run("drill", "--bank", "banks/x.yaml")
        assert result.exit_code == 1
        assert result.stderr.startswith("banks/x.yaml:6:1: a tab is used for indentation")
        assert "banks/x.yaml: 1 error; run 'powerquiz validate banks/x.yaml'" in result.stderr
        assert str(tmp_path) not in result.stderr

    def test_bundled_bank_named_not_by_its_install_path(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A problem in the bundled bank names 'questions.yaml (the bundled bank)'."""
        broken = tmp_path / "site-packages" / "questions.yaml"
        broken.parent.mkdir()
        broken.write_text(HEAD + "  - id: a\n    prompt: A: b\n", "utf-8")
        monkeypatch.setattr(bundled, "bundled_bank_path", lambda: broken)
        _, problems = load(bundled.default_bank_path())
        assert [p.file for p in problems] == ["questions.yaml (the bundled bank)"]
        result = run("drill")
        assert result.stderr.startswith("questions.yaml (the bundled bank):7:14: ")
        assert "run 'powerquiz validate' for the full report" in result.stderr
        assert "site-packages" not in result.stderr

    def test_bundled_bank_keeps_its_real_path(self) -> None:
        """The loaded bundled bank still knows its file (export -o must never replace it)."""
        bank, _ = load(bundled.bundled_bank_path())
        assert bank is not None
        assert bank.source == str(bundled.bundled_bank_path())

    def test_validate_names_the_bundled_bank(self) -> None:
        """``powerquiz validate`` on the bundled bank names it, not its install path."""
        result = run("validate")
        assert result.exit_code == 0
        assert "questions.yaml (the bundled bank): valid bank" in result.stdout
        assert str(bundled.bundled_bank_path()) not in result.stdout


class TestGuide:
    """Every message pointing at the format guide names a command an install has."""

    def test_empty_file_points_to_the_help_command(self) -> None:
        """An empty bank names ``powerquiz help bank-format``."""
        assert messages("") == [
            "bank.yaml:1:1: the file is empty: a bank needs bank, title, topics and "
            "questions (see 'powerquiz help bank-format')"]

    def test_help_bank_format_prints_the_guide(self) -> None:
        """``powerquiz help bank-format`` prints docs/bank-format.md, whole."""
        result = run("help", "bank-format")
        assert result.exit_code == 0
        assert result.stdout == (ROOT / "docs" / "bank-format.md").read_text("utf-8")

    def test_help_lists_the_guides(self) -> None:
        """``powerquiz help`` alone lists the guides."""
        result = run("help")
        assert result.exit_code == 0
        assert "bank-format" in result.stdout

    def test_unknown_guide_is_a_usage_error(self) -> None:
        """An unknown guide exits 2 and lists the guides."""
        result = run("help", "bank-fromat")
        assert result.exit_code == 2
        assert "no guide called 'bank-fromat'" in result.stderr
        assert "bank-format" in result.stderr

    def test_guide_text_falls_back_to_the_checkout(self) -> None:
        """Run from a checkout (no packaged copy), the repository's file is read."""
        assert guide_text("bank-format") == (ROOT / "docs" / "bank-format.md").read_text(
            "utf-8")

    def test_wheel_carries_the_guide(self) -> None:
        """pyproject ships docs/bank-format.md inside the package, where help reads it."""
        pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
        assert '"docs/bank-format.md" = "powerquiz/docs/bank-format.md"' in pyproject

    @pytest.mark.parametrize("guide", ["exam", "stats", "class-report"])
    def test_every_other_guide_ships_and_prints(self, guide: str) -> None:
        """Each guide ``powerquiz help`` lists prints its docs/ file whole, and the wheel
        carries it."""
        result = run("help", guide)
        assert result.exit_code == 0
        assert result.stdout == (ROOT / "docs" / f"{guide}.md").read_text("utf-8")
        assert guide in run("help").stdout
        pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
        assert f'"docs/{guide}.md" = "powerquiz/docs/{guide}.md"' in pyproject

    def test_no_message_names_the_repository_file(self) -> None:
        """No string in the package's code (docstrings aside) names docs/bank-format.md."""
        for path in (ROOT / "src" / "powerquiz").rglob("*.py"):
            tree = ast.parse(path.read_text("utf-8"))
            docstrings = {id(node.value) for node in ast.walk(tree)
                          if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                        and id(node) not in docstrings:
                    assert "docs/bank-format.md" not in node.value, path.name
