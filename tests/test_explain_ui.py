"""Explain questions in a session: asked as a multi-line answer, marked, overridable."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.progress import ProgressStore
from powerquiz.session import Asked, Session, SessionConfig
from powerquiz.session.scripted import ScriptedPrompter, right_answer
from powerquiz.ui import terminal
from powerquiz.ui.plain import PlainPrompter

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(ROOT / "data" / "questions.yaml")


def explain(bank: Bank) -> Asked:
    q = bank.question("nep-doubts-explain")
    assert q is not None
    return Asked(q, 1, 1)


class TestPlain:
    """Plain mode reads lines until an empty one."""

    def test_lines_until_an_empty_line(self, bank: Bank) -> None:
        """Two lines then a blank: the answer is both lines, and the rule is said."""
        out = io.StringIO()
        p = PlainPrompter(io.StringIO("Growth was slowing.\nPeasants hoarded grain.\n\nnext\n"),
                          out)
        assert p.ask(explain(bank)) == "Growth was slowing.\nPeasants hoarded grain."
        assert "an empty line ends it" in out.getvalue()

    def test_the_end_of_input_after_some_lines_ends_the_answer(self, bank: Bank) -> None:
        """Input that stops after a line gives that line; with nothing, EOFError."""
        p = PlainPrompter(io.StringIO("Growth was slowing."), io.StringIO())
        assert p.ask(explain(bank)) == "Growth was slowing."
        with pytest.raises(EOFError):
            PlainPrompter(io.StringIO(""), io.StringIO()).ask(explain(bank))


class TestTerminal:
    """The terminal asks in a multi-line text box and says how to submit."""

    def test_a_multiline_box_with_the_submit_keys_stated(self, bank: Bank,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
        """questionary.text is asked for multiline input, its instruction naming the keys."""
        import questionary

        seen: dict[str, Any] = {}

        class Reply:
            """A fake questionary prompt whose unsafe_ask returns a fixed typed answer."""
            def unsafe_ask(self) -> str:
                return "Growth was slowing.\n"

        def fake_text(message: str, **kwargs: Any) -> Reply:
            seen.update(kwargs, message=message)
            return Reply()

        monkeypatch.setattr(questionary, "text", fake_text)
        answer = terminal.ASKERS["explain"](None, explain(bank))  # type: ignore[arg-type]
        assert answer == "Growth was slowing."
        assert seen["multiline"] is True
        assert "blank line or Alt-Enter submits" in seen["instruction"]
        assert seen["key_bindings"] is not None


class TestTheTextBox:
    """The real prompt_toolkit box: Enter adds a line; a blank line or Alt-Enter submits."""

    @pytest.mark.parametrize(("keys", "answer"), [
        ("Growth was slowing.\rPeasants hoarded grain.\r\r",
         "Growth was slowing.\nPeasants hoarded grain."),
        ("One line\x1b\r", "One line"),
    ])
    def test_keys(self, bank: Bank, keys: str, answer: str) -> None:
        """Typed keys give the answer the student wrote, submitted by either key."""
        from prompt_toolkit.application import create_app_session
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output import DummyOutput

        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            with create_app_session(input=pipe, output=DummyOutput()):
                got = terminal.ASKERS["explain"](None, explain(bank))  # type: ignore[arg-type]
        assert got == answer


def run(bank: Bank, store: ProgressStore, answer: object,
        overrides: list[bool]) -> ScriptedPrompter:
    prompter = ScriptedPrompter([answer], overrides=list(overrides))  # type: ignore[list-item]
    questions = [q for q in bank if q.id == "nep-doubts-explain"]
    session = Session(bank, questions, store, prompter, SessionConfig(mode="drill", seed=1,
                                                                      fuzz=False),
                      clock=lambda: NOW, timer=lambda: 0.0)
    prompter.summary = session.run()
    return prompter


class TestSession:
    """A drill marks an explain answer and lets the student say they were right."""

    def test_the_model_answer_is_correct(self, bank: Bank, tmp_path: Path) -> None:
        """The scripted right answer (the model answer) earns full marks."""
        p = run(bank, ProgressStore(tmp_path / "p.json"), right_answer, [])
        assert p.outcomes[0].mark.verdict == "correct"

    def test_a_partial_answer_can_be_overridden(self, bank: Bank, tmp_path: Path) -> None:
        """Half marks offer "I was right after all", and saying so counts it correct."""
        store = ProgressStore(tmp_path / "p.json")
        p = run(bank, store, "Growth was slowing.", [True])
        assert p.outcomes[0].mark.verdict == "partial" and p.outcomes[0].can_override
        (review,) = store.reviews(bank.id)
        assert review.override is True and review.verdict == "partial"
        assert p.summary is not None and p.summary.percent == 100
