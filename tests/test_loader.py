"""Loading a bank file: every mistake a teacher can make gets a clear, located message.

Each test writes a bank to a temporary file (usually the valid bank below with one
thing changed), loads it as ``powerquiz validate`` does, and checks the exact line
and column of each problem and the key words of its message.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import pytest
import yaml

from powerquiz.bank import Bank, BankError, Loc, Problem, load, load_bank, loader
from powerquiz.bank.loader import parse
from powerquiz.bank.model import cloze_display, cloze_filled, join_list, parse_gaps

#: A valid bank using every question type; every point is tested and every question
#: explained, so it loads with no problem at all.  Tests change one thing in it.
VALID = """\
bank: test
title: A bank for loader tests
topics:
  factions: The Left and the Right
  economy: NEP and collectivisation
points:
  - id: right-members
    topic: factions
    text: Bukharin, Tomsky and Rykov were the Right.
  - id: grain-crisis
    topic: economy
    text: Peasants held back grain in 1927–1928.
questions:
  - id: q-short
    topic: factions
    type: short
    prompt: Who made up the Right Opposition?
    answer: [[Bukharin, Nikolai Bukharin], Tomsky, Rykov]
    wrong:
      Trotsky: Trotsky led the Left.
    explain: They defended NEP.
    points: [right-members]
  - id: q-choice
    topic: factions
    type: choice
    prompt: In which year was the Left removed from the Politburo?
    options: ["1924", "1926", "1928"]
    answer: "1926"
    explain: Stalin used the Right's votes.
  - id: q-multi
    topic: factions
    type: multi
    prompt: Who were on the Left?
    options: [Trotsky, Zinoviev, Kamenev, Bukharin]
    answer: [Trotsky, Zinoviev, Kamenev]
    explain: The Left wanted NEP replaced.
  - id: q-truefalse
    topic: economy
    type: truefalse
    prompt: The Right wanted NEP kept.
    answer: true
    explain: Bukharin argued it was working.
  - id: q-order
    topic: factions
    type: order
    prompt: Put these in order.
    items: [Left removed, Stalin turns on the Right, Right removed]
    explain: First one faction, then the other.
  - id: q-match
    topic: factions
    type: match
    prompt: Match each to their faction.
    pairs: {Trotsky: Left, Bukharin: Right}
    explain: The two groups.
  - id: q-cloze
    topic: economy
    type: cloze
    text: The Left wanted {{rapid industrialisation|industrialisation}} and {{collectivisation}}.
    explain: They wanted to replace NEP.
  - id: q-recall
    topic: economy
    type: recall
    prompt: Why did the Party turn against NEP?
    answer: Growth was slowing and peasants held back grain.
    explain: The grain crisis.
    points: [grain-crisis]
"""


def change(old: str, new: str, text: str = VALID) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def at(text: str, needle: str, nth: int = 1, *, after: str = "") -> tuple[int, int]:
    """The 1-based (line, column) where the ``nth`` occurrence of ``needle`` starts
    (counting from the first ``after``, when given)."""
    index = text.index(after) - 1 if after else -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def write(tmp_path: Path, text: str | bytes, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str | bytes) -> tuple[Bank | None, list[Problem]]:
    return load(write(tmp_path, text))


def errors_of(tmp_path: Path, text: str | bytes) -> list[Problem]:
    """The errors in ``text``, after checking that the bank was refused."""
    bank, problems = load_text(tmp_path, text)
    assert bank is None, "the bank should have been refused"
    return [p for p in problems if p.is_error]


def one_error(tmp_path: Path, text: str | bytes) -> Problem:
    """The single error in ``text`` (failing if there are more or none)."""
    errors = errors_of(tmp_path, text)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def where(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.col


def without_places(bank: Bank) -> Bank:
    """``bank`` with every file position and the source cleared, to compare contents."""
    return dataclasses.replace(
        bank,
        source="",
        topics=tuple(dataclasses.replace(t, loc=Loc()) for t in bank.topics),
        points=tuple(dataclasses.replace(p, loc=Loc()) for p in bank.points),
        questions=tuple(dataclasses.replace(q, loc=Loc()) for q in bank.questions),
    )


class TestValid:
    """Valid banks: load cleanly, parse agrees with load, problem and error formats."""
    def test_valid_bank_loads_without_problems(self, tmp_path: Path) -> None:
        """The valid bank the other tests start from loads with no error and no warning."""
        bank, problems = load_text(tmp_path, VALID)
        assert problems == []
        assert bank is not None
        assert [q.type for q in bank] == [
            "short", "choice", "multi", "truefalse", "order", "match", "cloze", "recall"
        ]

    def test_mini_bank_loads_without_problems(self, mini_bank_path: Path) -> None:
        """The mini bank used by the command-line tests is valid."""
        bank, problems = load(mini_bank_path)
        assert bank is not None
        assert problems == []
        assert bank.source == str(mini_bank_path)

    def test_parse_agrees_with_load(self, tmp_path: Path) -> None:
        """parse() on the text gives what load() gives on the file."""
        path = write(tmp_path, VALID)
        assert parse(VALID, str(path)) == load(path)

    def test_problem_prints_as_file_line_col(self) -> None:
        """A problem prints as FILE:LINE:COL: message, a warning with 'warning: '."""
        assert str(Problem("b.yaml", 3, 5, "oops")) == "b.yaml:3:5: oops"
        assert str(Problem("b.yaml", 3, 5, "hm", "warning")) == "b.yaml:3:5: warning: hm"

    def test_message_names_the_file_as_given(self, tmp_path: Path) -> None:
        """Messages name the file as the user gave it, or as ``name=`` says."""
        path = write(tmp_path, change("prompt: Put these", "promt: Put these"))
        _, problems = load(path)
        assert str(problems[0]).startswith(f"{path}:")
        _, problems = load(path, name="my-bank.yaml")
        assert str(problems[0]).startswith("my-bank.yaml:")

    def test_load_bank_raises_with_every_error(self, tmp_path: Path) -> None:
        """load_bank raises BankError carrying every error, and its text lists them."""
        text = change("id: q-match", "id: q-order")
        text = change('answer: "1926"', 'answer: "1925"', text)
        path = write(tmp_path, text)
        with pytest.raises(BankError) as caught:
            load_bank(path)
        assert len(caught.value.problems) == 2
        assert "duplicate question id 'q-order'" in str(caught.value)
        assert "answer '1925' is not one of the options" in str(caught.value)

    def test_load_bank_returns_the_bank(self, tmp_path: Path) -> None:
        """load_bank returns the bank of a valid file."""
        assert load_bank(write(tmp_path, VALID)).id == "test"


class TestSyntax:
    """YAML syntax errors: located messages for quotes, tabs, indentation and more."""
    def test_unclosed_flow_list(self, tmp_path: Path) -> None:
        """An unclosed [ is a located YAML syntax error."""
        text = change("items: [Left removed, Stalin turns on the Right, Right removed]",
                      "items: [Left removed, Stalin turns on the Right")
        problem = one_error(tmp_path, text)
        assert problem.message.startswith(
            "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"
        )
        # libyaml gives up at the next line's ':'; the message says where the [ was.
        assert where(problem) == at(text, ": First one faction")
        line, col = at(text, "[Left removed")
        assert problem.message.endswith(f"(it began at line {line}, column {col})")

    def test_colon_in_plain_text(self, tmp_path: Path) -> None:
        """A second ': ' in an unquoted value is pointed at, where YAML stops."""
        text = change("prompt: Put these in order.", "prompt: Order: earliest first")
        problem = one_error(tmp_path, text)
        assert "YAML syntax error: mapping values are not allowed" in problem.message
        assert where(problem) == at(text, ": earliest")

    def test_tab_indentation(self, tmp_path: Path) -> None:
        """A tab used for indentation is a located syntax error naming the tab."""
        text = change("    prompt: Put these in order.", "\tprompt: Put these in order.")
        problem = one_error(tmp_path, text)
        assert "tab" in problem.message
        assert where(problem) == (at(text, "\tprompt")[0], 1)

    def test_bad_escape_in_double_quotes(self, tmp_path: Path) -> None:
        """An unknown backslash escape in double quotes is located at the backslash."""
        text = change('answer: "1926"', 'answer: "19\\q26"')
        problem = one_error(tmp_path, text)
        assert "unknown escape character" in problem.message
        assert where(problem) == at(text, "\\q")

    def test_unclosed_quote(self, tmp_path: Path) -> None:
        """A quote left open is reported, not a crash."""
        text = change('answer: "1926"', 'answer: "1926')
        problem = one_error(tmp_path, text)
        assert "YAML syntax error" in problem.message
        assert "quoted scalar" in problem.message
        assert problem.line >= at(text, '"1926\n')[0]

    def test_bad_indentation(self, tmp_path: Path) -> None:
        """A key indented less than its siblings is a located syntax error."""
        text = change("    type: order", "   type: order")
        problem = one_error(tmp_path, text)
        assert "YAML syntax error" in problem.message
        assert problem.line == at(text, "   type: order")[0]

    def test_two_documents(self, tmp_path: Path) -> None:
        """A second YAML document after --- is refused where it starts."""
        text = VALID + "---\nbank: other\n"
        problem = one_error(tmp_path, text)
        assert "expected a single document" in problem.message
        assert where(problem) == at(text, "---")

    def test_control_character(self, tmp_path: Path) -> None:
        """A control character pasted into the text is located and named."""
        text = change("Put these in order.", "Put these\x07 in order.")
        problem = one_error(tmp_path, text)
        assert "U+0007" in problem.message
        assert "not allowed" in problem.message
        assert where(problem) == at(text, "\x07")

    def test_deep_nesting(self, tmp_path: Path) -> None:
        """Absurdly deep nesting gets a message, not a RecursionError."""
        text = "bank: " + "[" * 5000 + "]" * 5000 + "\n"
        problem = one_error(tmp_path, text)
        assert "nesting" in problem.message
        assert problem.line == 1

    @pytest.mark.parametrize(
        ("text", "described"),
        [
            ("- bank: x\n- title: y\n", "not a list"),
            ("just some words\n", "not the text 'just some words'"),
            ("1926\n", "not the number 1926"),
        ],
    )
    def test_file_that_is_not_a_mapping(self, tmp_path: Path, text: str, described: str) -> None:
        """A file whose top level is not key: value lines says what it is instead."""
        problem = one_error(tmp_path, text)
        assert where(problem) == (1, 1)
        assert "the bank file must be a mapping" in problem.message
        assert described in problem.message


class TestKeys:
    """Bank keys: misspelt, unknown, missing, duplicate and misplaced keys."""
    def test_misspelt_key_suggests_the_right_one(self, tmp_path: Path) -> None:
        """A misspelt key is named with a suggestion, and not also called missing."""
        text = change("prompt: Put these in order.", "promt: Put these in order.")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "question 'q-order': unknown key 'promt' (did you mean 'prompt'?)"
        )
        assert where(problem) == at(text, "promt")

    def test_unknown_key_without_a_close_match(self, tmp_path: Path) -> None:
        """An unknown key like nothing known is still named, without a suggestion."""
        text = change("    explain: The two groups.", "    explain: The two groups.\n"
                                                        "    colour: red")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-match': unknown key 'colour'"
        assert where(problem) == at(text, "colour")

    def test_misspelt_top_level_key(self, tmp_path: Path) -> None:
        """A misspelt top-level key is located and corrected."""
        text = change("title: A bank", "titel: A bank")
        problem = one_error(tmp_path, text)
        assert problem.message == "the bank: unknown key 'titel' (did you mean 'title'?)"
        assert where(problem) == (2, 1)

    def test_misspelt_point_key(self, tmp_path: Path) -> None:
        """A misspelt key in a learning point is located and corrected."""
        text = change("    text: Peasants", "    txt: Peasants")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "learning point 'grain-crisis': unknown key 'txt' (did you mean 'text'?)"
        )
        assert where(problem) == at(text, "txt")

    def test_key_of_another_type(self, tmp_path: Path) -> None:
        """A key that belongs to another question type says which type uses it."""
        text = change("    answer: Growth", "    items: [a, b]\n    answer: Growth")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "question 'q-recall': 'items' is not used by a recall question (it belongs to order)"
        )
        assert where(problem) == at(text, "items: [a, b]")

    @pytest.mark.parametrize(
        ("qid", "line_to_drop", "key"),
        [
            ("q-short", "    answer: [[Bukharin, Nikolai Bukharin], Tomsky, Rykov]\n", "answer"),
            ("q-choice", '    options: ["1924", "1926", "1928"]\n', "options"),
            ("q-choice", '    answer: "1926"\n', "answer"),
            ("q-multi", "    answer: [Trotsky, Zinoviev, Kamenev]\n", "answer"),
            ("q-truefalse", "    answer: true\n", "answer"),
            ("q-order", "    items: [Left removed, Stalin turns on the Right, Right removed]\n",
             "items"),
            ("q-match", "    pairs: {Trotsky: Left, Bukharin: Right}\n", "pairs"),
            ("q-cloze", "    text: The Left wanted {{rapid industrialisation|industrialisation}}"
                        " and {{collectivisation}}.\n", "text"),
            ("q-recall", "    answer: Growth was slowing and peasants held back grain.\n",
             "answer"),
            ("q-recall", "    prompt: Why did the Party turn against NEP?\n", "prompt"),
            ("q-order", "    topic: factions\n", "topic"),
        ],
    )
    def test_missing_required_key(
        self, tmp_path: Path, qid: str, line_to_drop: str, key: str
    ) -> None:
        """A missing required key is reported at the start of its question, by name."""
        start = VALID.index(f"  - id: {qid}\n")
        assert line_to_drop in VALID[start:]
        text = VALID[:start] + VALID[start:].replace(line_to_drop, "", 1)
        problem = one_error(tmp_path, text)
        assert problem.message == f"question '{qid}': missing required key '{key}'"
        assert where(problem) == at(text, f"id: {qid}")

    def test_missing_id(self, tmp_path: Path) -> None:
        """A question without an id is reported at its first key, without a name."""
        text = change("  - id: q-order\n    topic: factions\n", "  - topic: factions\n")
        problem = one_error(tmp_path, text)
        assert problem.message == "question: missing required key 'id'"
        assert where(problem) == at(text, "topic: factions\n    type: order")

    def test_missing_type(self, tmp_path: Path) -> None:
        """A question without a type is reported, and its other keys are not called unknown."""
        text = change("    type: order\n", "")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-order': missing required key 'type'"

    def test_unknown_type_suggests_the_closest(self, tmp_path: Path) -> None:
        """An unknown question type is located, with a suggestion and the list of types."""
        text = change("type: multi", "type: mutli")
        problem = one_error(tmp_path, text)
        assert problem.message.startswith(
            "question 'q-multi': unknown type 'mutli' (did you mean 'multi'?); the types are"
        )
        assert where(problem) == at(text, "mutli")

    @pytest.mark.parametrize("key", ["bank", "title", "topics", "questions"])
    def test_missing_top_level_key(self, tmp_path: Path, key: str) -> None:
        """Each required top-level key, when missing, is named at the top of the file."""
        lines = VALID.splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")),
                   len(lines))
        text = "".join(lines[:start] + lines[end:])
        errors = errors_of(tmp_path, text)
        assert f"the bank: missing required key '{key}'" in [e.message for e in errors]
        missing = next(e for e in errors if "missing required key" in e.message)
        assert where(missing) == (1, 1)

    def test_duplicate_key_in_a_question(self, tmp_path: Path) -> None:
        """A key written twice in a question points at the second, naming the first's line."""
        text = change("    explain: Bukharin argued", "    prompt: Again?\n"
                                                      "    explain: Bukharin argued")
        problem = one_error(tmp_path, text)
        first = at(text, "prompt: The Right wanted")[0]
        assert problem.message == (
            f"duplicate key 'prompt' in question 'q-truefalse' (first at line {first})"
        )
        assert where(problem) == at(text, "prompt: Again?")

    def test_duplicate_top_level_key(self, tmp_path: Path) -> None:
        """A top-level key written twice is refused at the second one."""
        text = VALID + "title: Another title\n"
        problem = one_error(tmp_path, text)
        assert problem.message == "duplicate key 'title' in the bank file (first at line 2)"
        assert where(problem) == at(text, "title: Another")

    def test_duplicate_topic(self, tmp_path: Path) -> None:
        """A topic written twice is refused at the second one."""
        text = change("  economy: NEP and collectivisation\n",
                      "  economy: NEP and collectivisation\n  factions: Again\n")
        problem = one_error(tmp_path, text)
        assert problem.message == "duplicate key 'factions' in topics (first at line 4)"
        assert where(problem) == at(text, "factions: Again")

    def test_duplicate_match_left_side(self, tmp_path: Path) -> None:
        """A left side written twice in a match's pairs is refused at the second."""
        text = change("{Trotsky: Left, Bukharin: Right}", "{Trotsky: Left, Trotsky: Right}")
        problem = one_error(tmp_path, text)
        assert "duplicate key 'Trotsky' in question 'q-match' pairs" in problem.message
        assert where(problem) == at(text, "Trotsky: Right")

    def test_key_that_is_not_text(self, tmp_path: Path) -> None:
        """A key written as a list is refused where it is."""
        text = change("    explain: The two groups.", "    explain: The two groups.\n"
                                                        "    [a, b]: c")
        problem = one_error(tmp_path, text)
        assert problem.message == "a key in question 'q-match' must be plain text, not a list"
        assert where(problem) == at(text, "[a, b]")


class TestTypes:
    """Value and question-type checks: wrong kinds, answers, options, gaps, items, pairs."""
    @pytest.mark.parametrize(
        ("old", "new", "needle", "message"),
        [
            ("prompt: Put these in order.", "prompt: [Put, these]", "[Put",
             "question 'q-order' prompt must be text, not a list"),
            ('options: ["1924", "1926", "1928"]', 'options: "1926"', '"1926"\n',
             "question 'q-choice' options must be a list, not the text '1926'"),
            ("pairs: {Trotsky: Left, Bukharin: Right}", "pairs: [Trotsky, Bukharin]",
             "[Trotsky, Bukharin]",
             "question 'q-match' pairs must be a mapping (key: value lines), not a list"),
            ("    answer: true\n", "    answer: maybe\n", "maybe",
             "question 'q-truefalse' answer must be true or false, not the text 'maybe'"),
            ("    answer: [Trotsky, Zinoviev, Kamenev]\n    explain: The Left",
             "    answer: [Trotsky, Zinoviev, Kamenev]\n    shuffle: sometimes\n"
             "    explain: The Left", "sometimes",
             "question 'q-multi' shuffle must be true or false, not the text 'sometimes'"),
            ("answer: [[Bukharin, Nikolai Bukharin], Tomsky, Rykov]", "answer: {a: b}", "{a: b}",
             "question 'q-short' answer must be a list, not a mapping"),
            ("answer: [[Bukharin, Nikolai Bukharin], Tomsky, Rykov]",
             "answer: [[[Bukharin]], Tomsky]", "[Bukharin]]",
             "an entry of alternatives in question 'q-short' answer must be text, not a list"),
            ("points: [right-members]", "points: {a: b}", "{a: b}",
             "question 'q-short' points must be a list, not a mapping"),
            ("    text: Peasants held back grain in 1927–1928.", "    text:", "text:\n",
             "learning point 'grain-crisis' text is empty"),
            ("prompt: Put these in order.", 'prompt: "  "', '"  "',
             "question 'q-order' prompt is empty"),
            ("id: q-order", "id: Q Order", "Q Order",
             "question 'Q Order' id 'Q Order' is not a valid id: use lowercase letters, digits "
             "and single hyphens, e.g. right-opposition"),
            ("  economy: NEP and collectivisation", "  economy: [NEP]", "[NEP]",
             "topic 'economy' must be text, not a list"),
        ],
    )
    def test_wrong_value_type(
        self, tmp_path: Path, old: str, new: str, needle: str, message: str
    ) -> None:
        """A value of the wrong kind says what was expected and what was found, at the value."""
        text = change(old, new)
        problem = one_error(tmp_path, text)
        assert problem.message == message
        line, col = at(text, needle)
        if needle.endswith(":\n"):  # an empty value is placed just after its key
            col += len(needle) - 1
        assert where(problem) == (line, col)

    def test_question_that_is_not_a_mapping(self, tmp_path: Path) -> None:
        """A question written as plain text is refused where it is."""
        text = change("questions:\n", "questions:\n  - Who led the Left?\n")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "a question must be a mapping (key: value lines), not the text 'Who led the Left?'"
        )
        assert where(problem) == at(text, "Who led")

    def test_questions_that_are_not_a_list(self, tmp_path: Path) -> None:
        """questions written as a mapping is refused at the value."""
        text = VALID[: VALID.index("questions:")] + "questions: {a: b}\n"
        errors = errors_of(tmp_path, text)
        assert [e.message for e in errors] == ["questions must be a list, not a mapping"]
        assert where(errors[0]) == at(text, "{a: b}")

    def test_empty_question_list(self, tmp_path: Path) -> None:
        """A bank with no questions is refused."""
        text = VALID[: VALID.index("questions:")] + "questions: []\n"
        errors = errors_of(tmp_path, text)
        assert [e.message for e in errors] == ["questions: a bank needs at least one question"]

    def test_choice_answer_not_among_options(self, tmp_path: Path) -> None:
        """A choice answer that is not an option is located, with the nearest option."""
        text = change('answer: "1926"', 'answer: "1925"')
        problem = one_error(tmp_path, text)
        assert problem.message.startswith(
            "question 'q-choice': answer '1925' is not one of the options (did you mean '19"
        )
        assert where(problem) == at(text, '"1925"')

    def test_multi_answer_not_among_options(self, tmp_path: Path) -> None:
        """Each multi answer that is not an option is located at that entry."""
        text = change("answer: [Trotsky, Zinoviev, Kamenev]", "answer: [Trotsky, Zinovyev]")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "question 'q-multi': answer 'Zinovyev' is not one of the options "
            "(did you mean 'Zinoviev'?)"
        )
        assert where(problem) == at(text, "Zinovyev")

    def test_choice_with_several_answers(self, tmp_path: Path) -> None:
        """A choice question given a list of answers is told to use multi."""
        text = change('answer: "1926"', 'answer: ["1924", "1926"]')
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "question 'q-choice': a choice question has one answer; use type: multi for several"
        )
        assert where(problem) == at(text, '["1924", "1926"]')

    def test_multi_with_no_answer(self, tmp_path: Path) -> None:
        """A multi question with an empty answer list is refused."""
        text = change("answer: [Trotsky, Zinoviev, Kamenev]", "answer: []")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-multi': a multi question needs at least one answer"

    def test_option_listed_twice(self, tmp_path: Path) -> None:
        """An option listed twice (ignoring case) is located at the second."""
        text = change('options: ["1924", "1926", "1928"]', 'options: ["1924", "1926", "1924"]')
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-choice' options: option '1924' is listed twice"
        assert where(problem) == at(text, '"1924"', 2)

    def test_cloze_without_gaps(self, tmp_path: Path) -> None:
        """A cloze text with no {{gap}} is refused at the text, showing how to write one."""
        text = change("{{rapid industrialisation|industrialisation}} and {{collectivisation}}",
                      "rapid industrialisation")
        problem = one_error(tmp_path, text)
        assert problem.message.startswith(
            "question 'q-cloze': a cloze text needs at least one gap written {{answer}}"
        )
        assert where(problem) == at(text, "The Left wanted rapid")

    def test_cloze_with_an_empty_gap(self, tmp_path: Path) -> None:
        """An empty {{ }} gap is reported with its number."""
        text = change("{{collectivisation}}", "{{ }}")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-cloze': gap 2 of the cloze text is empty"
        assert where(problem) == at(text, "The Left wanted {{")

    def test_cloze_with_an_unclosed_gap(self, tmp_path: Path) -> None:
        """A {{ left open is reported."""
        text = change("{{collectivisation}}.", "{{collectivisation.")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-cloze': the cloze text has an unmatched '{{' or '}}'"

    def test_order_with_one_item(self, tmp_path: Path) -> None:
        """An order question with fewer than 2 items is refused at its items."""
        text = change("items: [Left removed, Stalin turns on the Right, Right removed]",
                      "items: [Left removed]")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-order': an order question needs at least 2 items"
        assert where(problem) == at(text, "[Left removed]")

    def test_order_with_no_items(self, tmp_path: Path) -> None:
        """An order question with an empty list of items is refused."""
        text = change("items: [Left removed, Stalin turns on the Right, Right removed]",
                      "items: []")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-order': an order question needs at least 2 items"

    def test_match_with_one_pair(self, tmp_path: Path) -> None:
        """A match question with fewer than 2 pairs is refused at its pairs."""
        text = change("pairs: {Trotsky: Left, Bukharin: Right}", "pairs: {Trotsky: Left}")
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-match': a match question needs at least 2 pairs"
        assert where(problem) == at(text, "{Trotsky: Left}")

    def test_choice_with_one_option(self, tmp_path: Path) -> None:
        """A choice question with a single option is refused."""
        text = change('options: ["1924", "1926", "1928"]', 'options: ["1926"]')
        problem = one_error(tmp_path, text)
        assert problem.message == "question 'q-choice': a choice question needs at least 2 options"

    def test_accept_with_a_list_answer(self, tmp_path: Path) -> None:
        """'accept' beside a list answer is refused, showing how to give alternatives."""
        text = change("    wrong:\n", "    accept: [the Right]\n    wrong:\n")
        problem = one_error(tmp_path, text)
        assert "'accept' lists other whole answers for a single answer" in problem.message
        assert where(problem) == at(text, "[the Right]")

    def test_empty_list_of_alternatives(self, tmp_path: Path) -> None:
        """An empty list of alternatives for a part of a short answer is refused."""
        text = change("[[Bukharin, Nikolai Bukharin], Tomsky, Rykov]", "[[], Tomsky, Rykov]")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "question 'q-short' answer: a part's list of alternatives is empty"
        )
        assert where(problem) == at(text, "[], Tomsky")

    def test_points_and_tags_may_be_single_texts(self, tmp_path: Path) -> None:
        """points and tags may be written as one text instead of a list."""
        text = change("points: [right-members]", "points: right-members\n    tags: core")
        bank, problems = load_text(tmp_path, text)
        assert problems == []
        assert bank is not None
        assert bank.questions[0].points == ("right-members",)
        assert bank.questions[0].tags == ("core",)


class TestReferences:
    """References: unknown topics and points, duplicate question and point ids."""
    def test_unknown_topic_in_a_question(self, tmp_path: Path) -> None:
        """A question's unknown topic is located at the value, with the closest topic."""
        text = change("    topic: economy\n    type: truefalse", "    topic: economi\n"
                                                                  "    type: truefalse")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "question 'q-truefalse': unknown topic 'economi' (did you mean 'economy'?)"
        )
        assert where(problem) == at(text, "economi\n")

    def test_unknown_topic_in_a_point(self, tmp_path: Path) -> None:
        """A learning point's unknown topic is reported at the point."""
        text = change("    topic: economy\n    text: Peasants", "    topic: econ\n"
                                                               "    text: Peasants")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "learning point 'grain-crisis': unknown topic 'econ' (did you mean 'economy'?)"
        )
        assert where(problem) == at(text, "id: grain-crisis")

    def test_unknown_learning_point(self, tmp_path: Path) -> None:
        """A question naming an unknown learning point is located at its points."""
        text = change("points: [grain-crisis]", "points: [grain-crises]")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "question 'q-recall': unknown learning point 'grain-crises' "
            "(did you mean 'grain-crisis'?)"
        )
        assert where(problem) == at(text, "[grain-crises]")

    def test_duplicate_question_id(self, tmp_path: Path) -> None:
        """A question id used twice is located at the second, naming the first's line."""
        text = change("id: q-match", "id: q-order")
        problem = one_error(tmp_path, text)
        first = at(text, "- id: q-order")[0]
        assert problem.message == f"duplicate question id 'q-order' (first at line {first})"
        assert where(problem) == at(text, "q-order", 2)

    def test_duplicate_point_id(self, tmp_path: Path) -> None:
        """A learning point id used twice is located at the second point."""
        text = change("id: grain-crisis\n    topic: economy",
                      "id: right-members\n    topic: economy")
        text = change("points: [grain-crisis]", "points: [right-members]", text)
        problem = one_error(tmp_path, text)
        assert problem.message == "duplicate learning point id 'right-members' (first at line 7)"
        assert where(problem) == at(text, "id: right-members", 2)

    def test_duplicate_id_found_beside_another_error(self, tmp_path: Path) -> None:
        """A duplicate id is still found when the question holding it has another error."""
        text = change("id: q-match", "id: q-order")
        text = change("pairs: {Trotsky: Left, Bukharin: Right}", "pairs: {Trotsky: Left}", text)
        messages = [e.message for e in errors_of(tmp_path, text)]
        first = at(text, "- id: q-order")[0]
        assert messages == [
            f"duplicate question id 'q-order' (first at line {first})",
            "question 'q-order': a match question needs at least 2 pairs",
        ]

    def test_bad_topic_title_does_not_hide_the_topic(self, tmp_path: Path) -> None:
        """A topic with an unreadable title is reported once; its questions are not blamed."""
        text = change("  economy: NEP and collectivisation", "  economy:")
        problem = one_error(tmp_path, text)
        assert problem.message == "topic 'economy' is empty"


class TestYaml11Traps:
    """YAML 1.1 traps: yes/no and numbers YAML would change must be quoted."""
    RECALL = "answer: Growth was slowing and peasants held back grain."

    @pytest.mark.parametrize(
        ("value", "reads_as"),
        [("no", "False"), ("yes", "True"), ("off", "False"), ("on", "True"),
         ("No", "False"), ("YES", "True"), ("true", "True"), ("False", "False")],
    )
    def test_boolean_words_in_text_are_flagged(
        self, tmp_path: Path, value: str, reads_as: str
    ) -> None:
        """yes/no/on/off as a text answer are refused with a message saying to quote them."""
        text = change(self.RECALL, f"answer: {value}")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            f"question 'q-recall' answer: YAML reads {value} as the boolean {reads_as}; "
            f'put it in quotes ("{value}") if you mean the text'
        )
        line, col = at(text, f"answer: {value}\n", after="id: q-recall")
        assert where(problem) == (line, col + len("answer: "))

    @pytest.mark.parametrize("value", ["1:30", "017", "1_000", "0x1F", "0b101", ".inf",
                                       "-.inf", ".nan", "1:30:00"])
    def test_numbers_yaml_would_change_are_flagged(self, tmp_path: Path, value: str) -> None:
        """Sexagesimal, octal, underscored, hex, binary and special numbers must be quoted."""
        text = change(self.RECALL, f"answer: {value}")
        problem = one_error(tmp_path, text)
        assert problem.message == (
            f"question 'q-recall' answer: YAML reads {value} as a number, changing what it "
            f'says; put it in quotes ("{value}")'
        )
        line, col = at(text, f"answer: {value}\n")
        assert where(problem) == (line, col + len("answer: "))

    @pytest.mark.parametrize(
        "value",
        ["no", "yes", "off", "1:30", "017", "1_000", "0x1F", ".inf", "~", "null", "true"],
    )
    @pytest.mark.parametrize("quote", ['"', "'"])
    def test_quoted_values_load_as_written(self, tmp_path: Path, value: str, quote: str) -> None:
        """The same values in quotes load as exactly the text written."""
        text = change(self.RECALL, f"answer: {quote}{value}{quote}")
        bank, problems = load_text(tmp_path, text)
        assert problems == []
        assert bank is not None
        assert bank.questions[-1].model_answer == value

    @pytest.mark.parametrize(
        "value",
        ["1926", "1929–1930", "1.50", "0o17", "1e3", "1929-01-01", "y", "n", "-5", "0",
         "3.14", "12 May 1926", "Y", "+12"],
    )
    def test_values_that_keep_their_meaning_are_fine(self, tmp_path: Path, value: str) -> None:
        """Years, decimals and other values YAML does not change load as the text written."""
        text = change(self.RECALL, f"answer: {value}")
        bank, problems = load_text(tmp_path, text)
        assert problems == []
        assert bank is not None
        assert bank.questions[-1].model_answer == value

    def test_unquoted_years_as_options_and_answer(self, tmp_path: Path) -> None:
        """Unquoted years work as choice options and answer, as the text of the year."""
        text = change('options: ["1924", "1926", "1928"]\n    answer: "1926"',
                      "options: [1924, 1926, 1928]\n    answer: 1926")
        bank, problems = load_text(tmp_path, text)
        assert problems == []
        assert bank is not None
        q = bank.questions[1]
        assert q.options == ("1924", "1926", "1928")
        assert q.correct == ("1926",)

    def test_boolean_words_as_options_are_flagged_each(self, tmp_path: Path) -> None:
        """Unquoted yes/no as options are each refused, and the answer is not blamed too."""
        text = change('options: ["1924", "1926", "1928"]\n    answer: "1926"',
                      'options: [yes, no]\n    answer: "no"')
        errors = errors_of(tmp_path, text)
        assert [where(e) for e in errors] == [at(text, "yes, no"), at(text, "no]")]
        assert all("put it in quotes" in e.message for e in errors)

    def test_boolean_word_as_a_topic_title(self, tmp_path: Path) -> None:
        """The trap is caught in every text field, here a topic's title."""
        text = change("  economy: NEP and collectivisation", "  economy: off")
        problem = one_error(tmp_path, text)
        assert problem.message.startswith("topic 'economy': YAML reads off as the boolean False")

    @pytest.mark.parametrize(("value", "truth"), [("true", True), ("false", False),
                                                  ("yes", True), ("no", False),
                                                  ("True", True), ('"false"', False)])
    def test_truefalse_answers(self, tmp_path: Path, value: str, truth: bool) -> None:
        """A true/false answer reads true, false and YAML's yes and no as booleans."""
        text = change("    answer: true\n", f"    answer: {value}\n")
        bank, problems = load_text(tmp_path, text)
        assert problems == []
        assert bank is not None
        assert bank.questions[3].truth is truth

    def test_explicit_str_tag_keeps_the_text(self, tmp_path: Path) -> None:
        """An explicit !!str tag is another way of quoting, and is allowed."""
        text = change(self.RECALL, "answer: !!str 1:30")
        bank, problems = load_text(tmp_path, text)
        assert problems == []
        assert bank is not None
        assert bank.questions[-1].model_answer == "1:30"


class TestSafety:
    """Loader safety: code-running tags, other tags, merge keys and alias bombs refused."""
    def test_python_tag_runs_nothing(self, tmp_path: Path) -> None:
        """A !!python/object/apply tag is refused with a message, and its command never runs."""
        marker = tmp_path / "hacked"
        text = change("answer: Growth was slowing and peasants held back grain.",
                      f'answer: !!python/object/apply:os.system ["touch {marker}"]')
        problem = one_error(tmp_path, text)
        assert problem.message == (
            "YAML tag '!!python/object/apply:os.system' is not allowed: a bank holds only "
            "text, numbers, true/false, lists and mappings"
        )
        assert where(problem) == at(text, "!!python")
        assert not marker.exists()

    @pytest.mark.parametrize(
        "payload",
        [
            '!!python/object/apply:os.system ["touch {marker}"]',
            '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
            "!!python/object/new:os.system [touch {marker}]",
            '!!python/name:os.system ""',
            "!!python/object:__main__.X {{a: 1}}",
            '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
        ],
    )
    @pytest.mark.parametrize("place", ["value", "top", "list-entry", "key"])
    def test_payloads_anywhere_run_nothing(
        self, tmp_path: Path, payload: str, place: str
    ) -> None:
        """Code-running tags anywhere in the file are refused and never run."""
        marker = tmp_path / "hacked"
        tagged = payload.format(marker=marker)
        if place == "value":
            text = change("prompt: Put these in order.", f"prompt: {tagged}")
        elif place == "top":
            text = f"{tagged}\n"
        elif place == "list-entry":
            text = change("[Left removed, Stalin turns on the Right, Right removed]",
                          f"[Left removed, {tagged}, Right removed]")
        else:
            text = change("    explain: The two groups.", f"    explain: The two groups.\n"
                                                           f"    ? {tagged}\n    : x")
        errors = errors_of(tmp_path, text)
        assert any("YAML tag '!!python/" in e.message and "is not allowed" in e.message
                   for e in errors), errors
        assert all(e.line >= 1 and e.col >= 1 for e in errors)
        assert not marker.exists()

    @pytest.mark.parametrize(
        ("value", "tag"),
        [("!!binary aGVsbG8=", "!!binary"), ("!!set {a, b}", "!!set"),
         ("!!omap [a: b]", "!!omap"), ("!custom x", "!custom"), ("!!map x", "!!map"),
         ("!!seq {a: b}", "!!seq")],
    )
    def test_other_tags_are_refused(self, tmp_path: Path, value: str, tag: str) -> None:
        """Tags other than the plain YAML types are refused, once, at the tagged value."""
        text = change("pairs: {Trotsky: Left, Bukharin: Right}", f"pairs: {value}")
        problem = one_error(tmp_path, text)
        assert problem.message.startswith(f"YAML tag '{tag}' is not allowed")
        assert where(problem) == at(text, value)

    @pytest.mark.parametrize("value", ["!!int abc", "!!bool maybe", "!!null abc",
                                       "!!float x", "!!int '12'"])
    def test_tags_that_lie_are_refused(self, tmp_path: Path, value: str) -> None:
        """A standard tag on a value YAML would not read that way is refused."""
        text = change("prompt: Put these in order.", f"prompt: {value}")
        problem = one_error(tmp_path, text)
        assert "is not allowed on" in problem.message
        assert "remove the tag" in problem.message
        assert where(problem) == at(text, value)

    def test_merge_key_is_refused(self, tmp_path: Path) -> None:
        """A << merge key is refused with a message saying to write the keys out."""
        text = change("  - id: q-order\n    topic: factions\n",
                      "  - id: q-order\n    topic: &t factions\n") + \
            "  - id: q-extra\n    <<: *t\n"
        errors = errors_of(tmp_path, text)
        merge = [e for e in errors if "merge keys (<<) are not supported" in e.message]
        assert [where(e) for e in merge] == [at(text, "<<")]

    def test_shared_mapping_is_refused(self, tmp_path: Path) -> None:
        """A mapping used twice through an alias is refused at its second use."""
        text = change("pairs: {Trotsky: Left, Bukharin: Right}",
                      "pairs: &p {Trotsky: Left, Bukharin: Right}") + \
            "  - id: q-match-2\n    topic: factions\n    type: match\n    prompt: Again.\n" \
            "    pairs: *p\n    explain: Again.\n"
        problem = one_error(tmp_path, text)
        assert problem.message == "anchors and aliases (& and *) are not supported in a bank"

    @pytest.mark.timeout(10)
    def test_billion_laughs_is_cheap(self, tmp_path: Path) -> None:
        """Nested aliases (the 'billion laughs') are refused quickly, not expanded."""
        lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        for n in range(1, 12):
            prev = f"*a{n - 1}"
            lines.append(f"a{n}: &a{n} [{', '.join([prev] * 9)}]")
        text = "\n".join(lines) + "\n"
        errors = errors_of(tmp_path, text)
        assert errors
        assert all(e.line >= 1 for e in errors)


class TestFiles:
    """Bank files: empty, non-UTF-8, binary, missing, unreadable, huge and CRLF files."""
    def test_empty_file(self, tmp_path: Path) -> None:
        """An empty file says so at 1:1 and names what a bank needs."""
        problem = one_error(tmp_path, "")
        assert where(problem) == (1, 1)
        assert problem.message.startswith("the file is empty: a bank needs bank, title, topics")

    @pytest.mark.parametrize("text", ["   \n\n", "# just a comment\n", "---\n", "\ufeff"])
    def test_file_with_nothing_in_it(self, tmp_path: Path, text: str) -> None:
        """Whitespace, comments, a bare --- or a BOM alone count as empty."""
        problem = one_error(tmp_path, text)
        assert "the file is empty" in problem.message

    def test_bytes_that_are_not_utf8(self, tmp_path: Path) -> None:
        """A byte that is not UTF-8 is located by line and column and named in hex."""
        data = change("Put these in order.", "Put these in ord\xe9r.").encode("utf-8")
        data = data.replace("ord\xe9r".encode(), b"ord\xe9r")  # Latin-1 é
        problem = one_error(tmp_path, data)
        assert problem.message == "byte 0xe9 is not UTF-8 text: save the file as UTF-8"
        line, col = at(VALID, "Put these in order.")
        assert where(problem) == (line, col + len("Put these in ord"))

    def test_utf16_file(self, tmp_path: Path) -> None:
        """A UTF-16 file is refused at its first byte with the UTF-8 advice."""
        problem = one_error(tmp_path, VALID.encode("utf-16"))
        assert where(problem) == (1, 1)
        assert "save the file as UTF-8" in problem.message

    def test_utf8_bom_is_accepted(self, tmp_path: Path) -> None:
        """A UTF-8 byte order mark, as some editors write, is accepted."""
        bank, problems = load_text(tmp_path, b"\xef\xbb\xbf" + VALID.encode("utf-8"))
        assert problems == []
        assert bank is not None

    def test_binary_file(self, tmp_path: Path) -> None:
        """A binary file (a NUL byte) is named as not a text file, where the NUL is."""
        problem = one_error(tmp_path, b"bank: x\ntitle: \x00\x01\x02")
        assert problem.message == "the file holds a NUL byte: it is not a text file"
        assert where(problem) == (2, 8)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is one located message, not an exception."""
        bank, problems = load(tmp_path / "nope.yaml")
        assert bank is None
        assert [str(p) for p in problems] == [f"{tmp_path / 'nope.yaml'}:1:1: no such file"]

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is refused as not a bank file."""
        bank, problems = load(tmp_path)
        assert bank is None
        assert [p.message for p in problems] == ["is a directory, not a bank file"]

    @pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                        reason="root reads any file")
    def test_unreadable_file(self, tmp_path: Path) -> None:
        """A file without read permission is refused with a message."""
        path = write(tmp_path, VALID)
        path.chmod(0)
        try:
            bank, problems = load(path)
        finally:
            path.chmod(0o644)
        assert bank is None
        assert [p.message for p in problems] == ["permission denied: cannot read this file"]

    def test_file_too_large(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file over the size limit is refused without being parsed."""
        monkeypatch.setattr(loader, "MAX_BYTES", 2**20)
        problem = one_error(tmp_path, "# padding\n" * 200_000)
        assert where(problem) == (1, 1)
        assert problem.message.startswith("the file is larger than 1 MB: it is not a bank")

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
    @pytest.mark.timeout(20)
    def test_endless_device(self) -> None:
        """A device that never ends, like /dev/zero, is refused instead of hanging."""
        bank, problems = load("/dev/zero")
        assert bank is None
        assert [p.message.split(":")[0] for p in problems] == ["the file is larger than 64 MB"]

    def test_windows_line_endings(self, tmp_path: Path) -> None:
        """A file saved with CRLF line endings loads, with the same line numbers."""
        text = change("prompt: Put these", "promt: Put these").replace("\n", "\r\n")
        problem = one_error(tmp_path, text.encode("utf-8"))
        assert where(problem) == at(VALID.replace("prompt: Put", "promt: Put"), "promt")


class TestWarnings:
    """Loader warnings: untested points, missing explanations, order beside errors."""
    def test_untested_learning_point(self, tmp_path: Path) -> None:
        """A learning point no question tests is a warning at the point; the bank loads."""
        text = change("    points: [grain-crisis]\n", "")
        bank, problems = load_text(tmp_path, text)
        assert bank is not None
        assert [str(p) for p in problems] == [
            f"{tmp_path / 'bank.yaml'}:{at(text, 'id: grain-crisis')[0]}:5: warning: "
            "learning point 'grain-crisis' is not tested by any question"
        ]
        assert not problems[0].is_error

    def test_question_without_explanation(self, tmp_path: Path) -> None:
        """A question without an explanation is a warning at the question; the bank loads."""
        text = change("    explain: The two groups.\n", "")
        bank, problems = load_text(tmp_path, text)
        assert bank is not None
        assert [(p.severity, where(p), p.message) for p in problems] == [
            ("warning", at(text, "id: q-match"),
             "question 'q-match' has no explanation: add 'explain' to teach why")
        ]

    def test_warnings_come_with_errors_in_line_order(self, tmp_path: Path) -> None:
        """Warnings are reported beside errors, all in line order."""
        text = change("    explain: The two groups.\n", "")
        text = change('answer: "1926"', 'answer: "1925"', text)
        text = change("    points: [grain-crisis]\n", "", text)
        bank, problems = load_text(tmp_path, text)
        assert bank is None
        assert [p.severity for p in problems] == ["warning", "error", "warning"]
        assert problems == sorted(problems, key=where)


class TestManyErrors:
    """Several mistakes in one file: each reported once, in line order."""
    def test_five_mistakes_give_five_messages_in_line_order(self, tmp_path: Path) -> None:
        """Five different mistakes in one file give exactly five messages, in line order."""
        text = change("prompt: Who made up", "promt: Who made up")
        text = change('answer: "1926"', 'answer: "1925"', text)
        text = change("[Left removed, Stalin turns on the Right, Right removed]",
                      "[Left removed]", text)
        text = change("id: q-match", "id: q-order", text)
        text = change("{{rapid industrialisation|industrialisation}} and {{collectivisation}}",
                      "rapid industrialisation", text)
        errors = errors_of(tmp_path, text)
        assert [(where(e), e.message.split(":")[0]) for e in errors] == [
            (at(text, "promt"), "question 'q-short'"),
            (at(text, '"1925"'), "question 'q-choice'"),
            (at(text, "[Left removed]"), "question 'q-order'"),
            (at(text, "q-order", 2),
             f"duplicate question id 'q-order' (first at line {at(text, '- id: q-order')[0]})"),
            (at(text, "The Left wanted rapid"), "question 'q-cloze'"),
        ]
        assert "unknown key 'promt'" in errors[0].message
        assert "not one of the options" in errors[1].message
        assert "at least 2 items" in errors[2].message
        assert "at least one gap" in errors[4].message

    def test_errors_in_points_topics_and_questions(self, tmp_path: Path) -> None:
        """Mistakes in every part of the file are all reported, each once."""
        text = change("  economy: NEP and collectivisation", "  economy: NEP\n  Bad Id: x")
        text = change("    topic: factions\n    text: Bukharin", "    topic: factions\n"
                      "    txt: Bukharin", text)
        text = change("type: truefalse", "type: truefalsy", text)
        text = change("points: [grain-crisis]", "points: [grain]", text)
        messages = [e.message for e in errors_of(tmp_path, text)]
        assert len(messages) == 4, messages
        assert "not a valid id" in messages[0]
        assert "unknown key 'txt'" in messages[1]
        assert "unknown type 'truefalsy'" in messages[2]
        assert "unknown learning point 'grain'" in messages[3]


class TestModel:
    """Bank model: expected answers, prompts, round trips, lookups and cloze helpers."""
    def test_expected_answer_for_each_type(self, mini_bank_path: Path) -> None:
        """Question.expected writes each type's right answer for a person to read."""
        bank = load_bank(mini_bank_path)
        expected = {q.id: q.expected for q in bank}
        assert expected == {
            "right-opposition-members": "Bukharin, Tomsky and Rykov",
            "left-removed-year": "1926",
            "left-members": "Trotsky, Zinoviev and Kamenev",
            "nep-tf": "True",
            "sequence": "Left removed from the Politburo > Stalin turns on the Right > "
                        "Right removed",
            "sides": "Trotsky = Left; Zinoviev = Left; Bukharin = Right",
            "cloze-one": "rapid industrialisation | collectivisation",
            "recall-one": "Growth was slowing and peasants held back grain to push up prices.",
        }

    def test_display_prompt(self, mini_bank_path: Path, tmp_path: Path) -> None:
        """A cloze is shown with numbered blanks after any prompt; others show the prompt."""
        bank = load_bank(mini_bank_path)
        cloze = bank.question("cloze-one")
        assert cloze is not None
        assert cloze.display_prompt == "The Left wanted (1) _____ and (2) _____."
        assert dataclasses.replace(cloze, prompt="Fill in:").display_prompt == (
            "Fill in:\nThe Left wanted (1) _____ and (2) _____."
        )
        short = bank.question("right-opposition-members")
        assert short is not None
        assert short.display_prompt == "Who made up the Right Opposition?"

    def test_parts_and_gaps_keep_alternatives(self, mini_bank_path: Path) -> None:
        """Short answer parts and cloze gaps keep their alternatives, first the main one."""
        bank = load_bank(mini_bank_path)
        short, cloze = bank.question("right-opposition-members"), bank.question("cloze-one")
        assert short is not None
        assert cloze is not None
        assert short.parts == (("Bukharin", "Nikolai Bukharin"), ("Tomsky",), ("Rykov",))
        assert short.is_list_answer
        assert cloze.gaps == (("rapid industrialisation", "industrialisation"),
                              ("collectivisation",))
        assert short.wrong[0].text == "Trotsky"
        assert short.where("answer") == Loc(18, 13)
        assert short.where("nothing") == short.loc

    def test_round_trip_of_mini_bank(self, mini_bank_path: Path) -> None:
        """Dumping the mini bank with to_dict and parsing it back gives an equal bank."""
        bank = load_bank(mini_bank_path)
        # sort_keys=False: the order of topics and of a match's pairs is part of the bank.
        text = yaml.safe_dump(bank.to_dict(), sort_keys=False, allow_unicode=True)
        again, problems = parse(text, "again")
        assert problems == []
        assert again is not None
        assert without_places(again) == without_places(bank)

    def test_round_trip_of_valid_bank(self, tmp_path: Path) -> None:
        """The round trip holds for the test bank too (all types, wrong answers, points)."""
        bank = load_bank(write(tmp_path, VALID))
        text = yaml.safe_dump(bank.to_dict(), sort_keys=False, allow_unicode=True)
        again, problems = parse(text, "again")
        assert problems == []
        assert again is not None
        assert without_places(again) == without_places(bank)

    def test_round_trip_of_bundled_bank(self, bundled_bank_path: Path) -> None:
        """The bundled bank survives the round trip too."""
        assert bundled_bank_path.is_file(), "the bundled bank is missing"
        bank, problems = load(bundled_bank_path)
        assert bank is not None, problems
        text = yaml.safe_dump(bank.to_dict(), sort_keys=False, allow_unicode=True)
        again, _ = parse(text, "again")
        assert again is not None
        assert without_places(again) == without_places(bank)

    def test_to_dict_writes_the_bank_format(self, mini_bank_path: Path) -> None:
        """to_dict gives the shape a teacher writes: short answers, wrong feedback, booleans."""
        data = load_bank(mini_bank_path).to_dict()
        assert data["bank"] == "mini"
        assert data["topics"] == {"factions": "The Left and the Right",
                                  "economy": "NEP and collectivisation"}
        by_id = {q["id"]: q for q in data["questions"]}
        assert by_id["right-opposition-members"]["answer"] == [
            ["Bukharin", "Nikolai Bukharin"], "Tomsky", "Rykov"
        ]
        assert by_id["right-opposition-members"]["wrong"] == {
            "Trotsky": "Trotsky led the Left, not the Right."
        }
        assert by_id["nep-tf"]["answer"] is True
        assert by_id["left-removed-year"]["answer"] == "1926"
        assert by_id["sides"]["pairs"] == {"Trotsky": "Left", "Zinoviev": "Left",
                                           "Bukharin": "Right"}

    def test_bank_lookups_and_select(self, mini_bank_path: Path) -> None:
        """A bank finds questions, topics and points by id and selects by topic and type."""
        bank = load_bank(mini_bank_path)
        assert len(bank) == 8
        assert bank.question("nope") is None
        topic = bank.topic("economy")
        assert topic is not None
        assert topic.title == "NEP and collectivisation"
        point = bank.point("left-removed")
        assert point is not None
        assert point.topic == "factions"
        assert [q.id for q in bank.select(topics=["economy"])] == [
            "nep-tf", "cloze-one", "recall-one"
        ]
        assert [q.id for q in bank.select(types=["choice", "multi"])] == [
            "left-removed-year", "left-members"
        ]
        assert [q.id for q in bank.select(["economy"], ["cloze"])] == ["cloze-one"]

    def test_cloze_helpers(self) -> None:
        """Gaps are parsed with their alternatives; display and filled texts follow them."""
        text = "A {{b|bee}} and {{ c }} and {{ }} and {{open"
        assert parse_gaps(text) == [(2, 11, ("b", "bee")), (16, 23, ("c",)), (28, 33, ())]
        assert cloze_display("A {{b}} c {{d}}") == "A (1) _____ c (2) _____"
        assert cloze_filled("A {{b|bee}} c {{d}}") == "A b c d"

    def test_join_list(self) -> None:
        """join_list writes lists as a person would."""
        assert join_list([]) == ""
        assert join_list(["a"]) == "a"
        assert join_list(["a", "b"]) == "a and b"
        assert join_list(["a", "b", "c"]) == "a, b and c"
