"""The front ends' words for issue 8: the whole-line confirm, feedback said once, the
summary's lines, number-like options and answers in other words."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.marking import mark
from powerquiz.session import Outcome
from powerquiz.ui import terminal
from ui_helpers import asked, plain, q


@pytest.fixture
def bank(mini_bank_path: Path) -> Bank:
    return load_bank(mini_bank_path)


class TestWholeLineConfirm:
    """The "Were you right?" reply is one whole line: yes, no, or asked again."""

    @pytest.mark.parametrize(("reply", "said"), [
        ("y", True), ("YES", True), (" yes ", True), ("n", False), ("No", False), ("", False)])
    def test_yes_and_no_words(self, reply, said):
        """y/yes and n/no in any case, Enter alone no."""
        from powerquiz.ui.text import yes_no

        assert yes_no(reply) is said

    def test_anything_else_is_asked_again_in_plain_mode(self, bank):
        """"maybe" is refused and the next line is read as the reply."""
        question = q(bank, "right-opposition-members")
        outcome = Outcome(asked(question), "Trotsky", mark(question, "Trotsky"), True)
        tty, out = plain("maybe\nyes\n", interactive=True)
        assert tty.feedback(outcome) is True
        assert "Please type y or n" in out.getvalue()

    def test_a_hinted_answer_says_so(self, bank):
        """The verdict line of an answer given after the hint says "with a hint"."""
        question = q(bank, "right-opposition-members")
        right = "Bukharin, Tomsky and Rykov"
        outcome = Outcome(asked(question), right, mark(question, right), hinted=True)
        p, out = plain("")
        p.feedback(outcome)
        assert out.getvalue().startswith("✓ Correct, with a hint\n")

    def test_typeahead_is_left_alone_off_a_terminal(self, monkeypatch):
        """Flushing is skipped when standard input is not a terminal (a pipe keeps its lines)."""
        import sys

        piped = io.StringIO("keep\n")
        monkeypatch.setattr(sys, "stdin", piped)
        terminal.discard_typeahead()
        assert piped.read() == "keep\n"


class TestFeedbackWording:
    """Feedback says each thing once, in plain words."""

    @pytest.mark.parametrize(("typed", "meant", "words"), [
        ("Bukarin", "Bukharin", "one letter missing"),
        ("Bukhharin", "Bukharin", "one extra letter too many"),
        ("Bukahrin", "Bukharin", "letters swapped"),
        ("Bukherin", "Bukharin", "one letter different"),
    ])
    def test_a_typo_in_plain_words(self, typed, meant, words):
        """The kind of slip is named, not drawn in [+…] marks."""
        from powerquiz.ui.text import typo_words

        assert typo_words(typed, meant) == words

    def test_a_typo_is_reported_once(self, bank):
        """One Spelling line, and no "accepted with a typo" remark besides it."""
        question = q(bank, "right-opposition-members")
        given = "Bukarin, Tomsky and Rykov"
        p, out = plain("")
        p.feedback(Outcome(asked(question), given, mark(question, given)))
        shown = out.getvalue()
        assert "Spelling: Bukarin → Bukharin: one letter missing" in shown
        assert "accepted with a typo" not in shown and shown.count("Bukarin") == 1

    def test_truefalse_feedback_does_not_repeat_the_answer(self, bank):
        """"Answer: True" is not followed by "it is true"."""
        question = q(bank, "nep-tf")
        p, out = plain("")
        p.feedback(Outcome(asked(question), "false", mark(question, "false")))
        assert "Answer: True" in out.getvalue() and "it is true" not in out.getvalue()

    def test_a_wrong_pick_cancels_nothing_when_nothing_was_right(self, bank):
        """Only a wrong tick beside a right one is said to cancel it."""
        question = q(bank, "left-members")
        alone = mark(question, ["Bukharin"]).feedback
        beside = mark(question, ["Bukharin", "Trotsky"]).feedback
        assert not any("cancels" in f for f in alone) and "Bukharin is wrong" in alone
        assert any("cancels a right one" in f for f in beside)

    def test_recall_shows_the_model_answer_once(self, bank):
        """After self-rating, the feedback neither repeats the model answer nor the rating."""
        question = q(bank, "recall-one")
        p, out = plain("")
        p.feedback(Outcome(asked(question), "(self-rated: good)", mark(question, "good")))
        shown = out.getvalue()
        assert question.model_answer not in shown and "you chose" not in shown


class TestSummaryLines:
    """The summary: one decimal, one line per question to look at again."""

    def test_look_again_is_one_line_cut_to_the_width(self, bank):
        """A long prompt is cut with an ellipsis and the answer follows on the same line."""
        from powerquiz.ui.text import look_again

        question = dataclasses.replace(q(bank, "right-opposition-members"),
                                       prompt="Who made up the Right Opposition " * 4)
        line = look_again(Outcome(asked(question), "x", mark(question, "x")), 70)
        assert "\n" not in line and "…" in line
        assert line.endswith("→ Bukharin, Tomsky and Rykov") and len(line) <= 70

    def test_the_score_has_at_most_one_decimal(self, bank):
        """4.8333 points reads 4.8."""
        from powerquiz.ui.text import _points

        assert (_points(4.8333), _points(2.0), _points(0.25)) == ("4.8", "2", "0.2")


NUMBERS_BANK = """\
bank: nums
title: Numbers
topics:
  t: T
questions:
  - id: sides
    topic: t
    type: choice
    prompt: How many sides has a hexagon?
    options: ["2", "1", "3", "6"]
    answer: "6"
    shuffle: false
    explain: Hex is six.
"""


class TestNumberLikeOptions:
    """Options that are numbers are never misread as option numbers, or the reverse."""

    def question(self, tmp_path):
        path = tmp_path / "nums.yaml"
        path.write_text(NUMBERS_BANK, encoding="utf-8")
        return load_bank(path).questions[0], path

    def test_plain_asks_again_when_a_reply_could_mean_either(self, tmp_path):
        """'1' with options shown as 6, 2, 3, 1: asked which is meant."""
        question, _ = self.question(tmp_path)
        p, out = plain("1\n#1\n")
        choices = ("6", "2", "3", "1")
        assert p.ask(asked(question, choices)) == "6"
        assert "could mean option 1 ('6') or the option '1'" in out.getvalue()

    def test_equals_picks_the_option_by_its_text(self, tmp_path):
        """'=1' is the option whose text is 1."""
        question, _ = self.question(tmp_path)
        p, _ = plain("=1\n")
        assert p.ask(asked(question, ("6", "2", "3", "1"))) == "1"

    def test_a_number_at_its_own_place_is_not_ambiguous(self, tmp_path):
        """'2' when option 2 is '2' means that option at once."""
        question, _ = self.question(tmp_path)
        p, out = plain("2\n")
        assert p.ask(asked(question, ("6", "2", "3", "1"))) == "2"
        assert "could mean" not in out.getvalue()

    def test_check_refuses_an_ambiguous_number_and_takes_hash_or_equals(self, tmp_path):
        """check exits 2 on '1' for options [2, 1, 3, 6], and reads #4 and =6."""
        from typer.testing import CliRunner

        from powerquiz.cli import app

        _, path = self.question(tmp_path)
        bank = str(path)
        one = CliRunner().invoke(app, ["check", "--bank", bank, "sides", "1"])
        assert one.exit_code == 2 and "could mean option 1 ('2')" in one.stderr
        assert "Traceback" not in one.output
        by_hash = CliRunner().invoke(app, ["check", "--bank", bank, "sides", "#4"])
        by_text = CliRunner().invoke(app, ["check", "--bank", bank, "sides", "=6"])
        assert "✓ correct" in by_hash.stdout and "✓ correct" in by_text.stdout

    def test_validate_warns(self, tmp_path):
        """validate names the number-like options in a warning, and the bank still loads."""
        from typer.testing import CliRunner

        from powerquiz.cli import app

        _, path = self.question(tmp_path)
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert "warning: question 'sides': options 2, 1, 3 are numbers" in result.output


class TestOtherWords:
    """A short answer accepted in other words is shown the bank's wording."""

    def test_the_banks_wording_follows_an_answer_in_other_words(self, bank):
        """'Nikolai Bukharin, Tomsky, Rykov' is right, and the Answer line shows the bank's."""
        question = q(bank, "right-opposition-members")
        given = "Nikolai Bukharin, Tomsky, Rykov"
        m = mark(question, given)
        assert m.correct
        p, out = plain("")
        p.feedback(Outcome(asked(question), given, m))
        assert "Answer: Bukharin, Tomsky and Rykov" in out.getvalue()

    def test_an_answer_in_the_banks_words_is_not_repeated(self, bank):
        """The same words, in any case, get no Answer line."""
        question = q(bank, "right-opposition-members")
        given = "bukharin, tomsky and rykov"
        p, out = plain("")
        p.feedback(Outcome(asked(question), given, mark(question, given)))
        assert "Answer:" not in out.getvalue()
