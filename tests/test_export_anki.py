"""The Anki export: an .apkg opened as a zip, its collection read with sqlite3."""

from __future__ import annotations

import html
import io
import json
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import genanki
import pytest

from powerquiz.bank import Bank
from powerquiz.exports import anki
from powerquiz.exports.common import MissingDependency

HOSTILE = """\
bank: hostile
title: "<script>alert(1)</script> & {=~#:}"
topics:
  evil: "Cold war :: <b>bold</b>"
questions:
  - id: script-choice
    topic: evil
    type: choice
    prompt: "<script>alert(1)</script>"
    options: ["{=~#:}", "<img src=x onerror=alert(1)>", "plain"]
    answer: "{=~#:}"
    explain: "<script>alert(2)</script>"
    hint: "a & b"
    tags: [cold war, " spaced  out ", Russia]
  - id: script-short
    topic: evil
    type: short
    prompt: "{=~#:}"
    answer: "<script>alert(1)</script>"
    accept: ["{{c1::x}}"]
    explain: e
  - id: script-cloze
    topic: evil
    type: cloze
    prompt: "<b>Fill</b>"
    text: "A {{a::b|c}} then {{<script>x</script>}} and {single}."
    explain: e
"""


@pytest.fixture
def hostile(make_bank: Callable[[str], Bank]) -> Bank:
    return make_bank(HOSTILE)


@contextmanager
def collection(data: str | bytes) -> Iterator[sqlite3.Connection]:
    """The package's collection.anki2, open in sqlite3."""
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as apkg, tempfile.TemporaryDirectory() as folder:
        assert set(apkg.namelist()) == {"collection.anki2", "media"}
        assert json.loads(apkg.read("media")) == {}
        path = Path(folder) / "collection.anki2"
        path.write_bytes(apkg.read("collection.anki2"))
        conn = sqlite3.connect(path)
        try:
            yield conn
        finally:
            conn.close()


def notes(data: str | bytes) -> dict[str, dict[str, Any]]:
    """Each note by GUID: its fields, tags, note type and the decks of its cards."""
    with collection(data) as conn:
        out: dict[str, dict[str, Any]] = {}
        for nid, guid, mid, tags, flds in conn.execute(
                "SELECT id, guid, mid, tags, flds FROM notes"):
            decks = {did for (did,) in conn.execute("SELECT did FROM cards WHERE nid = ?",
                                                    (nid,))}
            cards = conn.execute("SELECT COUNT(*) FROM cards WHERE nid = ?", (nid,)).fetchone()
            out[guid] = {"mid": mid, "tags": tags.split(), "fields": flds.split("\x1f"),
                         "decks": decks, "cards": cards[0]}
        return out


def col_json(data: str | bytes, column: str) -> dict[str, Any]:
    with collection(data) as conn:
        value: dict[str, Any] = json.loads(conn.execute(f"SELECT {column} FROM col")
                                           .fetchone()[0])
        return value


class TestNotes:
    """Anki notes: stable GUIDs, right answers, note types and cloze cards."""
    def test_one_note_per_question(self, mini: Bank) -> None:
        """The package holds one note per exported question, nothing skipped."""
        result = anki.export(mini, mini.questions)
        assert result.count == len(mini.questions)
        assert result.skipped == ()
        assert len(notes(result.data)) == len(mini.questions)

    def test_guid_from_bank_and_question(self, mini: Bank) -> None:
        """Each note's GUID is genanki.guid_for(bank id, question id)."""
        got = set(notes(anki.export(mini, mini.questions).data))
        assert got == {genanki.guid_for(mini.id, q.id) for q in mini.questions}

    def test_guids_and_ids_stable_across_exports(self, mini: Bank) -> None:
        """Two exports give the same GUIDs, decks and note types, so a re-import updates."""
        first, second = (anki.export(mini, mini.questions).data for _ in range(2))
        a, b = notes(first), notes(second)
        assert set(a) == set(b)
        assert {g: (n["mid"], n["decks"]) for g, n in a.items()} == \
            {g: (n["mid"], n["decks"]) for g, n in b.items()}
        assert set(col_json(first, "decks")) == set(col_json(second, "decks"))

    def test_right_answer_in_fields(self, mini: Bank) -> None:
        """Every note holds its question's right answer in its fields."""
        got = notes(anki.export(mini, mini.questions).data)
        for q in mini.questions:
            fields = " ".join(html.unescape(f) for f in got[genanki.guid_for(mini.id, q.id)]
                              ["fields"])
            if q.type == "match":
                assert all(left in fields and right in fields for left, right in q.pairs)
            elif q.type == "order":
                assert all(item in fields for item in q.items)
            elif q.type == "cloze":
                assert "{{c1::rapid industrialisation}}" in fields
                assert "{{c2::collectivisation}}" in fields
            elif q.type == "multi":
                assert all(c in fields for c in q.correct)
            else:
                assert q.expected in fields, q.id
            assert q.explain in fields

    def test_note_types(self, mini: Bank) -> None:
        """Short answers are type-in cards, clozes are cloze cards, the rest basic cards."""
        got = notes(anki.export(mini, mini.questions).data)
        mids = {q.type: got[genanki.guid_for(mini.id, q.id)]["mid"] for q in mini.questions}
        assert mids["short"] == anki.TYPE_IN_MODEL_ID
        assert mids["cloze"] == anki.CLOZE_MODEL_ID
        assert {mids[t] for t in ("choice", "multi", "truefalse", "order", "match", "recall")} \
            == {anki.BASIC_MODEL_ID}
        models = col_json(anki.export(mini, mini.questions).data, "models")
        type_in = models[str(anki.TYPE_IN_MODEL_ID)]
        assert "{{type:Answer}}" in type_in["tmpls"][0]["qfmt"]
        assert models[str(anki.CLOZE_MODEL_ID)]["type"] == genanki.Model.CLOZE

    def test_one_card_per_cloze_gap(self, mini: Bank) -> None:
        """A cloze with two gaps makes two cards."""
        got = notes(anki.export(mini, mini.questions).data)
        assert got[genanki.guid_for(mini.id, "cloze-one")]["cards"] == 2
        assert got[genanki.guid_for(mini.id, "left-removed-year")]["cards"] == 1

    def test_choice_front_lists_options(self, mini: Bank) -> None:
        """A choice card's front lists the options lettered; the back names the right one."""
        fields = notes(anki.export(mini, mini.questions).data)[
            genanki.guid_for(mini.id, "left-removed-year")]["fields"]
        assert '<ol type="A"><li>1924</li><li>1926</li>' in fields[0]
        assert fields[1] == "B. 1926"


class TestDecksAndTags:
    """Anki decks and tags: a subdeck per topic, stable deck ids, tags without spaces."""
    def test_subdeck_per_topic(self, mini: Bank) -> None:
        """The bank's deck has a subdeck per topic, and each card sits in its topic's deck."""
        data = anki.export(mini, mini.questions).data
        decks = {d["name"]: int(i) for i, d in col_json(data, "decks").items()}
        title = mini.title
        assert {f"{title}::{t.title}" for t in mini.topics} | {title} <= set(decks)
        titles = {t.id: t.title for t in mini.topics}
        by_topic = {q.topic: decks[f"{title}::{titles[q.topic]}"] for q in mini.questions}
        got = notes(data)
        for q in mini.questions:
            assert got[genanki.guid_for(mini.id, q.id)]["decks"] == {by_topic[q.topic]}

    def test_deck_ids_from_bank_and_topic(self, mini: Bank) -> None:
        """Deck ids come from the bank and topic ids alone."""
        data = anki.export(mini, mini.questions).data
        ids = {int(i) for i in col_json(data, "decks")}
        assert anki.deck_id(mini.id) in ids
        assert {anki.deck_id(mini.id, t.id) for t in mini.topics} <= ids

    def test_only_topics_with_questions(self, mini: Bank) -> None:
        """A topic with no exported question gets no subdeck."""
        data = anki.export(mini, mini.select(topics=["economy"])).data
        names = {d["name"] for d in col_json(data, "decks").values()}
        assert f"{mini.title}::NEP and collectivisation" in names
        assert f"{mini.title}::The Left and the Right" not in names

    def test_tags_without_spaces(self, hostile: Bank) -> None:
        """The topic and the question's tags become tags, spaces replaced with _."""
        got = notes(anki.export(hostile, hostile.questions).data)
        tags = got[genanki.guid_for(hostile.id, "script-choice")]["tags"]
        assert tags == ["evil", "cold_war", "spaced_out", "Russia"]

    def test_topic_title_cannot_nest_decks(self, hostile: Bank) -> None:
        """A '::' in a topic title does not make an extra level of decks."""
        names = {d["name"] for d in col_json(anki.export(hostile, hostile.questions).data,
                                             "decks").values()}
        assert any(n.endswith("::Cold war : <b>bold</b>") for n in names)
        assert all(n.count("::") <= 1 for n in names)


class TestHostileText:
    """Anki fields with hostile text: markup escaped, clozes intact, no warnings."""
    def test_markup_escaped_in_fields(self, hostile: Bank) -> None:
        """No field holds the bank's markup: <script> and <img> arrive escaped."""
        got = notes(anki.export(hostile, hostile.questions).data)
        for note in got.values():
            for field in note["fields"]:
                assert "<script" not in field and "<img" not in field and "<b>" not in field
        fields = got[genanki.guid_for(hostile.id, "script-choice")]["fields"]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fields[0]
        assert html.unescape(fields[1]) == "A. {=~#:}"

    def test_cloze_answers_cannot_break_the_cloze(self, hostile: Bank) -> None:
        """Colons and braces in a gap's answer stay text; only the gap markers are syntax."""
        got = notes(anki.export(hostile, hostile.questions).data)
        note = got[genanki.guid_for(hostile.id, "script-cloze")]
        text = note["fields"][0]
        assert text.count("{{c") == 2 and text.count("::") == 2
        assert "{{c1::a&#58;&#58;b}}" in text
        assert "&#123;single&#125;" in text
        assert note["cards"] == 2

    def test_type_in_answer_escaped(self, hostile: Bank) -> None:
        """A short answer's text is escaped in the type-in field, alternatives on the back."""
        fields = notes(anki.export(hostile, hostile.questions).data)[
            genanki.guid_for(hostile.id, "script-short")]["fields"]
        assert html.unescape(fields[1]) == "<script>alert(1)</script>"
        assert html.unescape(fields[2]) == "{{c1::x}}"

    def test_export_raises_no_warnings(self, hostile: Bank) -> None:
        """genanki finds no invalid HTML to warn about (warnings are errors here)."""
        anki.export(hostile, hostile.questions)


class TestPackaging:
    """Anki packaging: no temporary files, binary .apkg, and the missing-genanki error."""
    def test_no_temporary_files_left(self, mini: Bank, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
        """Building the package leaves nothing behind in the temporary folder."""
        scratch = tmp_path / "tmp"
        scratch.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(scratch))
        anki.export(mini, mini.questions)
        assert list(scratch.iterdir()) == []

    def test_binary_format_needing_the_extra(self) -> None:
        """The format is binary, .apkg, and needs the anki extra."""
        assert (anki.FORMAT.binary, anki.FORMAT.suffix, anki.FORMAT.needs) == (
            True, ".apkg", "anki")

    def test_clear_error_without_genanki(self, mini: Bank,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
        """Without genanki the export says which extra to install."""
        monkeypatch.setitem(sys.modules, "genanki", None)
        with pytest.raises(MissingDependency, match=r"pip install 'powerquiz\[anki\]'"):
            anki.export(mini, mini.questions)
