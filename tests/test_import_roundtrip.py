"""Export, import, export again: the same file, for every format powerquiz reads and writes.

For each format the questions it can hold (its exporter's own ``why_not``, and the
types the importer maps it back to) go out, come back through ``powerquiz.imports``, and
go out again: the second file must equal the first.  Kahoot's workbook and Anki's
package carry timestamps, so for them the cells and the notes (fields, tags, decks) are
compared instead of the bytes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from powerquiz.bank import Bank, load_bank
from powerquiz.bank.loader import parse
from powerquiz.bank.model import Question
from powerquiz.imports import read_bytes
from powerquiz.imports.anki_package import read_collection
from powerquiz.imports.xlsx import rows

REPO = Path(__file__).resolve().parents[1]


# -- the exporters' call sites, all in one place -------------------------------------------

def export(fmt: str, bank: Bank) -> str | bytes:
    """The file ``fmt``'s exporter makes of ``bank`` (through its public function)."""
    from powerquiz.exports import export as run

    return run(bank, fmt, bank.questions).data


def holds(fmt: str) -> Callable[[Question], bool]:
    """Which questions ``fmt`` can hold and bring back as the same question."""
    import importlib

    module = importlib.import_module(f"powerquiz.exports.{_MODULES[fmt]}")
    why_not = getattr(module, "why_not", lambda q: None)

    def ok(q: Question) -> bool:
        if why_not(q) is not None:
            return False
        if q.type == "explain" and fmt in ("gift", "moodle"):
            return False  # an essay comes back as recall: its mark scheme is for the grader
        if fmt == "moodle":  # a list answer goes out as a cloze and comes back as one
            return not q.is_list_answer
        if fmt == "anki":  # basic notes come back as recall, so only these keep their shape
            # The back lists other answers joined by "; " (and " / "): one holding those
            # separators cannot be told apart from two.
            alts = [a for p in q.parts for a in p[1:]] + list(q.accept) + \
                [a for g in q.gaps for a in g[1:]]
            return q.type in ("short", "cloze", "recall") and not q.is_list_answer and \
                not any("; " in a or " / " in a or a.endswith(";") for a in alts)
        return True

    return ok


_MODULES = {"gift": "gift", "moodle": "moodle", "csv": "csv_bank", "json": "json_bank",
            "quizlet": "quizlet", "kahoot": "kahoot", "blooket": "blooket",
            "gimkit": "gimkit", "anki": "anki"}
FORMATS = list(_MODULES)


def comparable(fmt: str, data: str | bytes) -> object:
    """What must be equal: the bytes, or for timestamped formats their content."""
    if fmt == "kahoot":
        assert isinstance(data, bytes)
        return rows(data, "k.xlsx")
    if fmt == "anki":
        assert isinstance(data, bytes)
        col = read_collection(data, "a.apkg")
        return [(col.notetypes[n.notetype].name, n.fields, n.tags, n.deck) for n in col.notes]
    return data


def narrow(fmt: str, bank: Bank) -> Bank:
    """``bank`` with only the questions ``fmt`` holds."""
    keep = holds(fmt)
    return dataclasses.replace(bank, questions=tuple(q for q in bank.questions if keep(q)))


def round_trip(fmt: str, narrowed: Bank) -> None:
    first = export(fmt, narrowed)
    name = {"kahoot": "k.xlsx", "anki": "a.apkg"}.get(fmt, "f.txt")
    raw = first if isinstance(first, bytes) else first.encode("utf-8")
    back = read_bytes(raw, name, fmt).bank
    assert len(back.questions) == len(narrowed.questions)
    second = export(fmt, back)
    assert comparable(fmt, second) == comparable(fmt, first)


# -- generated banks -----------------------------------------------------------------------

_WORD = st.text(alphabet="abcXYZ019{}=~#:\\<>&'\"%*?.,;()/é–", min_size=1, max_size=6)
TEXT = st.lists(_WORD, min_size=1, max_size=4).map(" ".join).filter(
    lambda t: not t.startswith(("[", "'", "//")) and "->" not in t and "&&" not in t
    and "|" not in t and "{{" not in t and "}}" not in t)
SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)


@st.composite
def question(draw: st.DrawFn, qid: str, topic: str) -> dict[str, object]:
    qtype = draw(st.sampled_from(["short", "choice", "multi", "truefalse", "order", "match",
                                  "cloze", "recall"]))
    q: dict[str, object] = {"id": qid, "topic": topic, "type": qtype}
    distinct = st.lists(TEXT, min_size=2, max_size=4, unique_by=str.casefold)
    if qtype != "cloze":
        q["prompt"] = draw(TEXT)
    if qtype == "short":
        q["answer"] = draw(st.one_of(TEXT, st.lists(TEXT, min_size=2, max_size=3,
                                                     unique_by=str.casefold)))
        if draw(st.booleans()):
            q["accept"] = [draw(TEXT)]
        if draw(st.booleans()):
            q["wrong"] = {draw(TEXT): draw(TEXT)}
    elif qtype in ("choice", "multi"):
        options = draw(distinct)
        q["options"] = options
        q["answer"] = options[0] if qtype == "choice" else options[: max(1, len(options) - 1)]
    elif qtype == "truefalse":
        q["answer"] = draw(st.booleans())
    elif qtype == "order":
        q["items"] = draw(distinct)
    elif qtype == "match":
        lefts = draw(st.lists(TEXT, min_size=3, max_size=4, unique_by=str.casefold))
        q["pairs"] = {left: draw(TEXT) for left in lefts}
    elif qtype == "cloze":
        q["text"] = f"{draw(TEXT)} {{{{{draw(TEXT)}}}}} {draw(TEXT)}"
    else:
        q["answer"] = draw(TEXT)
    if draw(st.booleans()):
        q["explain"] = draw(TEXT)
    if draw(st.booleans()):
        q["hint"] = draw(TEXT)
    if draw(st.booleans()):
        q["tags"] = [draw(SLUG)]
    return q


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    topics = draw(st.lists(SLUG, min_size=1, max_size=2, unique=True))
    titles = draw(st.lists(TEXT, min_size=len(topics), max_size=len(topics),
                           unique_by=str.casefold))
    n = draw(st.integers(1, 5))
    questions = [draw(question(f"q{i}", draw(st.sampled_from(topics)))) for i in range(n)]
    doc = {"bank": draw(SLUG), "title": draw(TEXT), "topics": dict(zip(topics, titles,
                                                                       strict=True)),
           "questions": questions}
    bank, _problems = parse(yaml.safe_dump(doc, allow_unicode=True), "gen.yaml")
    assume(bank is not None)
    assert bank is not None
    return bank


class TestRoundTrips:
    """export → import → export gives the same file, on generated banks and the bundled one."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @settings(deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                    HealthCheck.too_slow])
    @given(bank=banks())
    def test_generated_banks(self, fmt: str, bank: Bank) -> None:
        """Any bank of the questions the format holds comes back to the same file."""
        narrowed = narrow(fmt, bank)
        assume(narrowed.questions)
        if fmt == "anki":  # "::" separates Anki's deck names: a title with ":" is ambiguous
            assume(":" not in bank.title and all(":" not in t.title for t in bank.topics))
        round_trip(fmt, narrowed)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_bundled_bank(self, fmt: str) -> None:
        """The bank that ships with powerquiz comes back to the same file."""
        narrowed = narrow(fmt, load_bank(REPO / "data" / "questions.yaml"))
        assert len(narrowed.questions) >= 5
        round_trip(fmt, narrowed)
