"""Reproductions of the adversarial review's loader defects (issue 17: D2, D11-D13, D18)."""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from powerquiz.bank import load
from powerquiz.bank.loader import parse
from powerquiz.bank.problems import did_you_mean
from powerquiz.bank.wording import CONTROL
from powerquiz.cli import app
from powerquiz.marking import markers

BANK = """\
bank: test
title: {title}
topics:
  {topic}: Tactics
questions:
  - id: {qid}
    topic: {topic}
    type: short
    prompt: {prompt}
    answer: Trotsky
    explain: Because.
"""


def bank_text(*, title: str = "T", topic: str = "tactics", qid: str = "q1",
              prompt: str = "Who?") -> str:
    """The small bank with one field replaced (values written as JSON strings)."""
    return BANK.format(title=json.dumps(title), topic=topic, qid=qid, prompt=json.dumps(prompt))


def errors(text: str) -> list[str]:
    bank, problems = parse(text, "bank.json" if text.startswith("{") else "bank.yaml")
    assert bank is None
    return [str(p) for p in problems if p.is_error]


class TestControlCharacters:
    """D2: a bank holding control characters is refused with a located message."""

    def test_an_escape_in_a_prompt_is_refused_naming_it(self) -> None:
        """ESC in a prompt is an error at its line, naming ESC and its escape."""
        found = errors(bank_text(prompt="Who \x1b[2J was it?"))
        assert found == ["bank.yaml:9:13: question 'q1' prompt holds a control character "
                         "(ESC, \\x1b); banks may not hold control characters"]

    @pytest.mark.parametrize("char", ["\x00", "\x07", "\x7f", "\x9b", "\x85"])
    def test_c0_and_c1_controls_are_refused(self, char: str) -> None:
        """NUL, BEL, DEL and C1 controls (CSI, NEL) are refused too."""
        found = errors(bank_text(prompt=f"Who{char}?"))
        assert len(found) == 1 and "holds a control character" in found[0]

    def test_tab_and_newline_are_allowed_in_text(self) -> None:
        """A prompt may hold a tab and a new line."""
        bank, problems = parse(bank_text(prompt="Who\tled\nthe Left?"), "bank.yaml")
        assert bank is not None, problems

    def test_no_control_at_all_in_a_title(self) -> None:
        """A title, being one line, may not hold even a tab."""
        found = errors(bank_text(title="A\ttitle"))
        assert len(found) == 1 and "title holds a control character (TAB, \\x09)" in found[0]

    def test_a_control_in_a_json_bank_id_is_refused(self) -> None:
        """A JSON bank's question id with an escape is refused as a control character."""
        data = {"bank": "t", "title": "T", "topics": {"tactics": "Tactics"},
                "questions": [{"id": "q\u001b1", "topic": "tactics", "type": "short",
                               "prompt": "Who?", "answer": "Trotsky", "explain": "x"}]}
        found = errors(json.dumps(data))
        assert len(found) == 1 and "id holds a control character (ESC, \\x1b)" in found[0]


class TestJsonSurrogates:
    """D13: a JSON bank written by Python's json.dumps loads, emoji and all."""

    def test_surrogate_pair_escapes_load_as_their_character(self) -> None:
        """``\\ud83c\\udf89`` (json.dumps's 🎉) reads as 🎉."""
        data = {"bank": "t", "title": "Party 🎉", "topics": {"tactics": "Tactics"},
                "questions": [{"id": "q1", "topic": "tactics", "type": "short",
                               "prompt": "Who? 🎉", "answer": "Trotsky", "explain": "x"}]}
        text = json.dumps(data)
        assert "\\ud83c\\udf89" in text
        bank, problems = parse(text, "bank.json")
        assert bank is not None, problems
        assert bank.title == "Party 🎉"
        assert bank.questions[0].prompt == "Who? 🎉"

    def test_half_a_surrogate_pair_is_refused(self) -> None:
        """A lone surrogate escape is a located error, not a crash."""
        text = json.dumps({"bank": "t", "title": "T"})[:-1] + ', "description": "\\ud83c"}'
        assert errors(text) == ["bank.json:1:47: YAML syntax error: while parsing a quoted "
                                "scalar found invalid Unicode character escape code"]

    def test_an_escaped_backslash_before_u_is_left_alone(self) -> None:
        """``\\\\ud83c\\\\udf89`` is a backslash and text, not a surrogate pair."""
        data = {"bank": "t", "title": "a\\ud83c\\udf89", "topics": {"tactics": "Tactics"},
                "questions": [{"id": "q1", "topic": "tactics", "type": "short",
                               "prompt": "Who?", "answer": "Trotsky", "explain": "x"}]}
        bank, problems = parse(json.dumps(data), "bank.json")
        assert bank is not None, problems
        assert bank.title == "a\\ud83c\\udf89"


class TestNotRegularFiles:
    """D11: a FIFO as bank is refused at once, not waited on."""

    @pytest.mark.timeout(20)
    def test_a_fifo_is_refused(self, tmp_path: Path) -> None:
        """A named pipe with no writer is refused with a clear message."""
        fifo = tmp_path / "bank.yaml"
        os.mkfifo(fifo)
        bank, problems = load(fifo)
        assert bank is None
        assert [p.message for p in problems] == [
            "is a pipe or socket, not a bank file: save the bank to a file first"]


class TestBoundedWork:
    """D12: the self-check and did-you-mean do bounded work on hostile banks."""

    def test_a_cloze_of_100_gaps_of_8_alternatives_checks_in_seconds(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Each alternative is checked in its own gap: 800 gap marks, not a product."""
        gaps = " ".join("{{" + "|".join(f"w{g}x{a}" for a in range(8)) + "}}"
                        for g in range(100))
        text = bank_text(prompt="Fill").replace("type: short", "type: cloze").replace(
            "answer: Trotsky", "text: " + json.dumps(gaps))
        calls: list[object] = []
        real = markers.outcome

        def counted(q: object, c: object, answer: object) -> object:
            calls.append(answer)
            return real(q, c, answer)  # type: ignore[arg-type]

        monkeypatch.setattr(sys.modules["powerquiz.marking.selfcheck"], "outcome", counted)
        path = tmp_path / "bank.yaml"
        path.write_text(text, encoding="utf-8")
        bank, problems = load(path)
        assert bank is not None, problems[:3]
        # One whole mark for the first answers; the 700 alternatives are marked per gap.
        assert len(calls) == 1

    def test_did_you_mean_among_20000_topics_is_bounded(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Among 20,000 choices at most 500 are compared, and a near one is still found."""
        compared: list[int] = []
        real = difflib.get_close_matches

        def counted(word: str, pool: list[str], n: int, cutoff: float) -> list[str]:
            compared.append(len(pool))
            return real(word, pool, n=n, cutoff=cutoff)

        monkeypatch.setattr(difflib, "get_close_matches", counted)
        choices = [f"topic-{n:05d}" for n in range(20_000)]
        assert did_you_mean("topic-01234x", choices).startswith(" (did you mean 'topic-0")
        assert did_you_mean("a-very-different-and-long-name", choices) == ""
        assert compared and max(compared) <= 500


class TestOneRuleForUsableBanks:
    """D18: drill and export refuse a bank that validate rejects."""

    REFUSED = BANK.replace("    explain: Because.\n",
                           "    explain: Because.\n    wrong: [Trotsky]\n")

    def test_load_runs_the_self_check(self, tmp_path: Path) -> None:
        """A wrong: entry the marker accepts makes the bank file unloadable, as validate says."""
        path = tmp_path / "bank.yaml"
        path.write_text(self.REFUSED.format(title='"T"', topic="tactics", qid="q1",
                                            prompt='"Who?"'), encoding="utf-8")
        bank, problems = load(path)
        assert bank is None
        assert [p.message for p in problems if p.is_error] == [
            "question 'q1': the wrong answer 'Trotsky' would not be refused: "
            "it is marked correct"]

    @pytest.mark.parametrize("command", [["drill", "--plain"], ["export", "json"]])
    def test_drill_and_export_refuse_it(self, tmp_path: Path, command: list[str]) -> None:
        """The commands exit 1 with the self-check's error, as validate does."""
        path = tmp_path / "bank.yaml"
        path.write_text(self.REFUSED.format(title='"T"', topic="tactics", qid="q1",
                                            prompt='"Who?"'), encoding="utf-8")
        result = CliRunner().invoke(app, [*command, "--bank", str(path)], input="x\n")
        assert result.exit_code == 1, result.output
        assert "would not be refused" in result.output


class TestAnyTextProperty:
    """D2 as a property: any Unicode text is refused with a located message or loads clean."""

    @given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30))
    def test_a_prompt_is_refused_or_holds_no_control(self, text: str) -> None:
        """A prompt with a control character is refused at its line; one without loads it."""
        bank, problems = parse(bank_text(prompt=text), "bank.yaml")
        if bank is not None:
            assert CONTROL.search(bank.questions[0].prompt) is None
            return
        for problem in problems:
            assert problem.line >= 1 and problem.col >= 1
        if CONTROL.search(text) and text.strip():
            assert any("holds a control character" in p.message
                       for p in problems), [str(p) for p in problems]
