"""Whatever the file holds, loading it never crashes: a bank, or located problems.

Hypothesis feeds the loader random bytes, random text, the mini bank with random
damage, and random YAML built from bank-like keys and values.  Each result must be
either a bank with no error, or no bank and at least one error; every problem must
have a line and column from 1 and a one-line message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerquiz.bank import Bank, Loc, Problem, load
from powerquiz.bank.loader import ALL_QUESTION_KEYS, POINT_KEYS, TOP_KEYS, decode, parse
from powerquiz.bank.model import QUESTION_TYPES

pytestmark = pytest.mark.slow

MINI = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
MINI_LINES = MINI.splitlines(keepends=True)

SETTINGS = settings(deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def check(result: tuple[Bank | None, list[Problem]], source: str = "f.yaml") -> None:
    """The loader's promise: a clean bank, or no bank and located, one-line errors."""
    bank, problems = result
    for p in problems:
        assert p.file == source
        assert p.line >= 1, p
        assert p.col >= 1, p
        assert p.message.strip(), p
        assert "\n" not in p.message, p
        assert p.severity in ("error", "warning")
    if bank is None:
        assert any(p.is_error for p in problems), problems
    else:
        assert not any(p.is_error for p in problems), problems
        assert problems == sorted(problems, key=lambda p: (p.line, p.col))


def without_places(bank: Bank) -> Bank:
    return dataclasses.replace(
        bank,
        source="",
        topics=tuple(dataclasses.replace(t, loc=Loc()) for t in bank.topics),
        points=tuple(dataclasses.replace(p, loc=Loc()) for p in bank.points),
        questions=tuple(dataclasses.replace(q, loc=Loc()) for q in bank.questions),
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One file, rewritten by each example (hypothesis runs examples one at a time)."""
    yield tmp_path_factory.mktemp("properties") / "bank.yaml"


# -- damaged copies of the mini bank ------------------------------------------------------

#: Characters that matter to YAML, and some that matter to people.
NASTY = ":-[]{}#&*!|>'\"%@`,?\t \n\\~{{}}é–\ufeff\x85\u2028"


@st.composite
def damaged_mini(draw: st.DrawFn) -> str:
    """The mini bank with a few random edits of the kinds a hurried teacher makes."""
    lines = list(MINI_LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "drop-line",
                                     "repeat-line", "indent", "dedent", "swap-lines"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        j = draw(st.integers(0, max(len(line) - 1, 0)))
        char = draw(st.one_of(st.sampled_from(NASTY), st.characters()))
        if kind == "insert":
            lines[i] = line[:j] + char + line[j:]
        elif kind == "delete":
            lines[i] = line[:j] + line[j + 1:]
        elif kind == "replace":
            lines[i] = line[:j] + char + line[j + 1:]
        elif kind == "drop-line" and len(lines) > 1:
            del lines[i]
        elif kind == "repeat-line":
            lines.insert(i, line)
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + line
        elif kind == "dedent":
            lines[i] = line[draw(st.integers(1, 4)):] if line.startswith(" ") else line
        elif kind == "swap-lines":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
    return "".join(lines)


# -- random YAML with bank-like keys ------------------------------------------------------

WORDS = ["no", "yes", "off", "on", "true", "1:30", "017", "1_000", "1926", "0o17", "~",
         "", " ", "{{gap}}", "{{a|b}}", "{{", "}}", "Bukharin", "factions", "economy",
         "right-members", "left-removed", "Trotsky", "NEP", "nep-tf", "sides", "Left",
         "1.5", ".inf", "null", "<<", "!!python/object", "Q One"]
KEYS = sorted(set(TOP_KEYS + POINT_KEYS + ALL_QUESTION_KEYS + ("promt", "anwser", "typ")))

scalars = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=20),
    st.integers(-3000, 3000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.sampled_from(QUESTION_TYPES),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.sampled_from(WORDS)), inner,
                        max_size=6),
    ),
    max_leaves=25,
)


@st.composite
def question_like(draw: st.DrawFn) -> dict[str, Any]:
    """A mapping that looks like a question: mostly the right keys, random values."""
    q: dict[str, Any] = {
        "id": draw(st.one_of(st.sampled_from(["q-a", "q-b", "q-c", "Q One"]), values)),
        "topic": draw(st.one_of(st.sampled_from(["factions", "economy", "economi"]), values)),
        "type": draw(st.one_of(st.sampled_from(QUESTION_TYPES), values)),
    }
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=6, unique=True)):
        q[key] = draw(values)
    if draw(st.booleans()):
        q["prompt"] = draw(st.sampled_from(WORDS))
    return q


@st.composite
def bank_like(draw: st.DrawFn) -> Any:
    """A bank-shaped document with random holes and random values inside."""
    doc: dict[str, Any] = {
        "bank": draw(st.one_of(st.just("b"), values)),
        "title": draw(st.one_of(st.just("A bank"), values)),
        "topics": draw(st.one_of(st.just({"factions": "F", "economy": "E"}), values)),
        "points": draw(st.one_of(
            st.just([{"id": "right-members", "topic": "factions", "text": "T"}]),
            st.lists(st.dictionaries(st.sampled_from(KEYS), values, max_size=4), max_size=3),
        )),
        "questions": draw(st.lists(st.one_of(question_like(), values), max_size=5)),
    }
    for key in draw(st.lists(st.sampled_from(list(doc)), max_size=2, unique=True)):
        del doc[key]
    return draw(st.one_of(st.just(doc), values)) if draw(st.integers(0, 9)) == 0 else doc


@st.composite
def valid_question(draw: st.DrawFn, n: int) -> dict[str, Any]:
    """A question of a random type that the loader must accept."""
    text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"],
                                 exclude_characters="{}|"), min_size=1, max_size=15
                   ).map(str.strip).filter(bool)
    qtype = draw(st.sampled_from(QUESTION_TYPES))
    q: dict[str, Any] = {"id": f"q-{n}", "topic": "factions", "type": qtype}
    if qtype != "cloze":
        q["prompt"] = draw(text)
    if qtype == "short":
        q["answer"] = draw(st.one_of(text, st.lists(st.one_of(
            text, st.lists(text, min_size=1, max_size=3, unique=True)), min_size=2, max_size=3)))
    elif qtype in ("choice", "multi"):
        options = draw(st.lists(text, min_size=2, max_size=5,
                                unique_by=lambda s: s.casefold()))
        q["options"] = options
        q["answer"] = options[0] if qtype == "choice" else options[: draw(st.integers(1, 2))]
    elif qtype == "truefalse":
        q["answer"] = draw(st.booleans())
    elif qtype == "order":
        q["items"] = draw(st.lists(text, min_size=2, max_size=5, unique_by=str.casefold))
    elif qtype == "match":
        q["pairs"] = draw(st.dictionaries(text, text, min_size=2, max_size=4))
    elif qtype == "cloze":
        q["text"] = f"{draw(text)} {{{{{draw(text)}}}}} {draw(text)}"
    elif qtype == "explain":  # one point, made by its own word (the model answer)
        word = draw(st.from_regex(r"[a-z]{6,12}", fullmatch=True))
        q.update(marks=1, scheme=[{"credit": draw(text), "any": [word]}], answer=word)
        return q
    else:
        q["answer"] = draw(text)
    if draw(st.booleans()):
        q["explain"] = draw(text)
    if draw(st.booleans()):
        q["wrong"] = draw(st.one_of(st.lists(text, min_size=1, max_size=2),
                                    st.dictionaries(text, text, min_size=1, max_size=2)))
    return q


class TestNeverCrashes:
    """Whatever the file holds, the loader returns a bank or located problems."""

    @SETTINGS
    @given(data=st.binary(max_size=400))
    def test_random_bytes(self, scratch: Path, data: bytes) -> None:
        """Random bytes in a file give a bank or located errors, never an exception."""
        scratch.write_bytes(data)
        check(load(scratch, name="f.yaml"))

    @SETTINGS
    @given(data=st.binary(max_size=60).map(lambda b: MINI.encode("utf-8")[:300] + b))
    def test_bank_start_then_random_bytes(self, data: bytes) -> None:
        """Random bytes after a valid start (where decoding fails mid-line) are located."""
        text, problem = decode(data, "f.yaml")
        if problem is not None:
            check((None, [problem]))
        else:
            assert text is not None
            check(parse(text, "f.yaml"))

    @SETTINGS
    @given(text=st.text(max_size=300))
    def test_random_text(self, text: str) -> None:
        """Random text gives a bank or located errors."""
        check(parse(text, "f.yaml"))

    @SETTINGS
    @given(text=st.text(alphabet=st.sampled_from(list(NASTY) + list("abc123\n")),
                        max_size=200))
    def test_random_yaml_punctuation(self, text: str) -> None:
        """Text made mostly of YAML's own punctuation gives a bank or located errors."""
        check(parse(text, "f.yaml"))

    @SETTINGS
    @given(text=damaged_mini())
    def test_damaged_mini_bank(self, text: str) -> None:
        """The mini bank with characters and lines inserted, dropped or moved never crashes."""
        check(parse(text, "f.yaml"))

    @SETTINGS
    @given(doc=bank_like())
    def test_random_bank_like_yaml(self, doc: Any) -> None:
        """Random YAML with bank-like keys and values gives a bank or located errors."""
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
        check(parse(text, "f.yaml"))

    @SETTINGS
    @given(doc=bank_like(), style=st.sampled_from(['"', "'", "|", ">", None]),
           flow=st.booleans())
    def test_random_yaml_in_every_style(self, doc: Any, style: str | None, flow: bool) -> None:
        """The same documents written in flow style or with every scalar quoted still hold."""
        text = yaml.safe_dump(doc, allow_unicode=True, default_style=style,
                              default_flow_style=flow)
        check(parse(text, "f.yaml"))


class TestValidBanksLoad:
    """Generated valid banks load cleanly and round-trip."""

    @SETTINGS
    @given(questions=st.integers(1, 4).flatmap(
        lambda n: st.tuples(*[valid_question(i) for i in range(n)])))
    def test_generated_valid_banks_load_and_round_trip(
        self, questions: tuple[dict[str, Any], ...]
    ) -> None:
        """Any well-formed bank loads with no error, and to_dict gives it back unchanged."""
        doc = {"bank": "b", "title": "T", "topics": {"factions": "F"},
               "questions": list(questions)}
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
        bank, problems = parse(text, "f.yaml")
        assert bank is not None, [str(p) for p in problems]
        assert len(bank) == len(questions)
        again, _ = parse(yaml.safe_dump(bank.to_dict(), allow_unicode=True, sort_keys=False),
                         "f.yaml")
        assert again is not None
        assert without_places(again) == without_places(bank)
