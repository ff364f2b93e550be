"""The question-type registry: every registered type has every piece, everywhere."""

from __future__ import annotations

from collections.abc import Mapping
from random import Random

import pytest

from powerquiz.bank.model import QUESTION_TYPES, Question, SchemeEntry
from powerquiz.bank.registry import TYPES, QuestionKind, kind_of, register
from powerquiz.session import scripted
from powerquiz.ui import plain, terminal

#: The pieces of a kind that every type must give (callables, not left to a default).
PIECES = ("read", "to_dict", "expected", "parse", "mark", "model_answers")
#: Each front end's per-type table: its name, and the table.
FRONT_ENDS: dict[str, Mapping[str, object]] = {
    "terminal asker (ui.terminal.ASKERS)": terminal.ASKERS,
    "plain asker (ui.plain.ASKERS)": plain.ASKERS,
    "scripted answer (session.scripted.RIGHT_ANSWERS)": scripted.RIGHT_ANSWERS,
}

#: One small question of each type, to run each kind's pieces on.
SAMPLES = {
    "short": Question("s", "t", "short", prompt="Who?", parts=(("Trotsky",),)),
    "choice": Question("c", "t", "choice", prompt="Which?", options=("Trotsky", "Bukharin"),
                       correct=("Bukharin",)),
    "multi": Question("m", "t", "multi", prompt="Which?",
                      options=("Trotsky", "Bukharin", "Zinoviev"), correct=("Trotsky", "Zinoviev")),
    "truefalse": Question("tf", "t", "truefalse", prompt="True?", truth=True),
    "order": Question("o", "t", "order", prompt="Order", items=("first", "second", "third")),
    "match": Question("ma", "t", "match", prompt="Match",
                      pairs=(("Lenin", "1924"), ("Stalin", "1953"))),
    "cloze": Question("cl", "t", "cloze", text="{{Lenin}} died in {{1924}}",
                      gaps=(("Lenin",), ("1924",))),
    "recall": Question("r", "t", "recall", prompt="Explain", model_answer="Because."),
    "explain": Question("e", "t", "explain", prompt="Explain why (1 mark)", marks=1,
                        scheme=(SchemeEntry("he was ill", ("Lenin was ill",)),),
                        model_answer="Lenin was ill."),
}


class TestTheRegistry:
    """The registry holds one kind per question type, each complete."""

    def test_every_type_of_the_model_is_registered(self) -> None:
        """The registry's names are exactly the model's question types, in order."""
        assert tuple(TYPES) == QUESTION_TYPES

    @pytest.mark.parametrize("name", QUESTION_TYPES)
    def test_every_kind_has_every_piece(self, name: str) -> None:
        """A kind names its fields and gives each piece as a callable."""
        kind = kind_of(name)
        assert kind.name == name
        assert set(kind.required) <= set(kind.keys)
        missing = [piece for piece in PIECES if not callable(getattr(kind, piece, None))]
        assert not missing, f"{name} has no {', '.join(missing)}"

    @pytest.mark.parametrize("name", QUESTION_TYPES)
    def test_every_kind_works_on_a_question_of_its_type(self, name: str) -> None:
        """Each kind's views and its self-check run on a sample of its type."""
        kind = kind_of(name)
        q = SAMPLES[name]
        assert kind.expected(q)
        assert kind.to_dict(q)
        assert isinstance(kind.display_prompt(q), str)
        assert isinstance(kind.display_choices(q, Random(1)), tuple)
        assert kind.model_answers(q) or kind.self_rated

    def test_the_samples_cover_every_type(self) -> None:
        """This test has a sample question for every registered type."""
        assert set(SAMPLES) == set(TYPES)

    def test_a_second_kind_of_the_same_name_is_refused(self) -> None:
        """Registering another kind under a taken name is a mistake, not an override."""
        other = QuestionKind(**{**kind_of("short").__dict__, "keys": ("answer",)})
        with pytest.raises(ValueError, match="registered twice"):
            register(other)
        assert kind_of("short").keys == ("answer", "accept", "ordered")


class TestFrontEnds:
    """Every front end can ask (or answer) every registered type."""

    @pytest.mark.parametrize("table", list(FRONT_ENDS), ids=list(FRONT_ENDS))
    def test_every_type_has_an_entry(self, table: str) -> None:
        """The front end's per-type table has an entry for each registered type."""
        missing = set(TYPES) - set(FRONT_ENDS[table])
        assert not missing, f"{table} lacks {sorted(missing)}"

    @pytest.mark.parametrize("name", QUESTION_TYPES)
    def test_the_scripted_right_answer_is_marked_correct(self, name: str) -> None:
        """The scripted perfect answer to each type is marked correct (recall: self-rated)."""
        from powerquiz.marking import mark

        q = SAMPLES[name]
        answer = scripted.RIGHT_ANSWERS[name](q)
        assert mark(q, "good" if kind_of(name).self_rated else answer).correct


class TestPiecesAgree:
    """A kind's read, to_dict, parse and mark agree with one another."""

    @pytest.mark.parametrize("name", QUESTION_TYPES)
    def test_to_dict_reads_back_as_the_same_question(self, name: str) -> None:
        """What to_dict writes, the kind's reader reads back unchanged."""
        import dataclasses

        import yaml

        from powerquiz.bank.loader import parse
        from powerquiz.bank.model import Bank, Loc, Topic

        q = dataclasses.replace(SAMPLES[name], explain="Because.")
        bank = Bank("b", "B", topics=(Topic("t", "T"),), questions=(q,))
        again, problems = parse(yaml.safe_dump(bank.to_dict(), allow_unicode=True), "b.yaml")
        assert again is not None, [str(p) for p in problems]
        assert dataclasses.replace(again.questions[0], loc=Loc()) == q

    @pytest.mark.parametrize("name", [n for n in QUESTION_TYPES if not kind_of(n).self_rated])
    def test_every_model_answer_is_marked_correct(self, name: str) -> None:
        """The kind's self-check answers are all marked correct by the kind's marker."""
        from powerquiz.marking import mark

        q = SAMPLES[name]
        for _key, what, answer in kind_of(name).model_answers(q):
            assert mark(q, answer).correct, what


class TestLoadedOnDemand:
    """The kinds are found when first needed, so start-up loads no marking."""

    def test_importing_powerquiz_loads_no_question_type(self) -> None:
        """`import powerquiz` (what --version needs) imports neither qtypes nor marking."""
        import subprocess
        import sys

        code = ("import sys, powerquiz; "
                "print(any(m.startswith(('powerquiz.qtypes', 'powerquiz.marking')) "
                "for m in sys.modules))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout
        assert out.strip() == "False"

    def test_the_first_lookup_brings_every_type(self) -> None:
        """A fresh process that reads TYPES sees all nine types registered."""
        import subprocess
        import sys

        code = "from powerquiz.bank.registry import TYPES; print(' '.join(TYPES))"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout
        assert out.split() == ["short", "choice", "multi", "truefalse", "order", "match",
                               "cloze", "recall", "explain"]


class TestShortToDict:
    """A short answer is written back the way the loader reads it."""

    def test_one_part_with_alternatives_stays_one_part(self) -> None:
        """[[a, b]] (one part, two ways to say it) is not written as [a, b] (two parts)."""
        from powerquiz.bank.loader import parse

        text = ("bank: t\ntitle: T\ntopics: {a: A}\nquestions:\n"
                "  - {id: q1, topic: a, type: short, prompt: Who?, answer: [[Stalin, Koba]],"
                " explain: He was the General Secretary and used the post to build support.}\n")
        bank, problems = parse(text, "t.yaml")
        assert bank is not None and not [p for p in problems if p.is_error]
        (q,) = bank.questions
        assert q.to_dict()["answer"] == [["Stalin", "Koba"]]
        import yaml

        again, _ = parse(yaml.safe_dump(bank.to_dict(), allow_unicode=True), "again.yaml")
        assert again is not None and again.questions[0].parts == (("Stalin", "Koba"),)
