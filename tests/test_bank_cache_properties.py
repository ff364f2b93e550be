"""Whatever bank Hypothesis writes, the cache gives back exactly the bank (and warnings)
the loader parses: on the load that fills the cache and on the load that reads it."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank import load
from powerquiz.bank.model import QUESTION_TYPES
from powerquiz.bankcache import forget, load_cached

pytestmark = pytest.mark.slow

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"],
                             exclude_characters="{}|"), min_size=1, max_size=15
               ).map(str.strip).filter(bool)


@st.composite
def question(draw: st.DrawFn, n: int) -> dict[str, Any]:
    """A question of a random type, with random optional fields."""
    qtype = draw(st.sampled_from(QUESTION_TYPES))
    q: dict[str, Any] = {"id": f"q-{n}", "topic": draw(st.sampled_from(["left", "right"])),
                         "type": qtype}
    if qtype != "cloze":
        q["prompt"] = draw(TEXT)
    if qtype == "short":
        q["answer"] = draw(st.one_of(TEXT, st.lists(st.one_of(
            TEXT, st.lists(TEXT, min_size=1, max_size=3, unique=True)), min_size=2, max_size=3)))
    elif qtype in ("choice", "multi"):
        options = draw(st.lists(TEXT, min_size=2, max_size=5, unique_by=str.casefold))
        q["options"] = options
        q["answer"] = options[0] if qtype == "choice" else options[: draw(st.integers(1, 2))]
    elif qtype == "truefalse":
        q["answer"] = draw(st.booleans())
    elif qtype == "order":
        q["items"] = draw(st.lists(TEXT, min_size=2, max_size=5, unique_by=str.casefold))
    elif qtype == "match":
        q["pairs"] = draw(st.dictionaries(TEXT, TEXT, min_size=2, max_size=4))
    elif qtype == "cloze":
        q["text"] = f"{draw(TEXT)} {{{{{draw(TEXT)}}}}} {draw(TEXT)}"
    elif qtype == "explain":
        word = draw(st.from_regex(r"[a-z]{6,12}", fullmatch=True))
        q.update(marks=1, scheme=[{"credit": draw(TEXT), "any": [word],
                                   "not": [draw(TEXT)] if draw(st.booleans()) else []}],
                 answer=word)
    else:
        q["answer"] = draw(TEXT)
    for key in ("explain", "hint"):
        if draw(st.booleans()):
            q[key] = draw(TEXT)
    if draw(st.booleans()):
        q["tags"] = draw(st.lists(st.sampled_from(["core", "exam", "1920s"]), unique=True))
    if qtype != "explain" and draw(st.booleans()):
        q["wrong"] = draw(st.one_of(st.lists(TEXT, min_size=1, max_size=2),
                                    st.dictionaries(TEXT, TEXT, min_size=1, max_size=2)))
    return q


@st.composite
def bank_text(draw: st.DrawFn) -> str:
    """A bank of up to six random questions, written as YAML in a random style."""
    count = draw(st.integers(1, 6))
    doc: dict[str, Any] = {"bank": "b", "title": draw(TEXT),
                           "topics": {"left": "The Left", "right": "The Right"},
                           "questions": [draw(question(n)) for n in range(count)]}
    if draw(st.booleans()):
        doc["synonyms"] = {"party": ["bolsheviks"]}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False,
                          default_flow_style=draw(st.booleans()))


class TestCachedEqualsParsed:
    """The cache is invisible: what comes out is what the loader makes."""

    @given(text=bank_text())
    def test_filling_and_reading_the_cache_give_the_parsed_bank(self, text: str) -> None:
        """For any bank, the load that writes the cache and the one that reads it both
        give the loader's bank, warnings and field places."""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bank.yaml"
            path.write_text(text, encoding="utf-8")
            parsed = load(path)
            forget()
            filled = load_cached(path, Path(tmp) / "cache")
            forget()
            read = load_cached(path, Path(tmp) / "cache")
            forget()
            assert filled == parsed
            assert read == parsed
            if parsed[0] is not None:
                assert read[0] is not None
                assert [q.field_locs for q in read[0]] == [q.field_locs for q in parsed[0]]
                assert any((Path(tmp) / "cache").iterdir())
