"""Importing Anki packages of every generation, made by Anki's own backend."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from powerquiz.imports import ImportFailure, Options, anki_package, read_bytes, read_path

DATA = Path(__file__).resolve().parent / "data" / "import"
GENERATIONS = {
    "deck-latest.apkg": "collection.anki21b",
    "collection-latest.colpkg": "collection.anki21b",
    "deck-legacy2.apkg": "collection.anki21",
    "collection-legacy2.colpkg": "collection.anki21",
    "deck-legacy1.apkg": "collection.anki2",
}


@pytest.fixture(params=sorted(GENERATIONS))
def package(request: pytest.FixtureRequest) -> Path:
    """Each committed package, one generation at a time."""
    path: Path = DATA / request.param
    return path


class TestGenerations:
    """Every generation gives the same questions, read from the right collection."""

    def test_the_newest_collection_is_the_one_read(self, package: Path) -> None:
        """The member read is the newest one the package holds, never the decoy."""
        member, _raw = anki_package.collection_bytes(package.read_bytes(), str(package))
        assert member == GENERATIONS[package.name]

    def test_counts_and_types(self, package: Path) -> None:
        """Basic and reversed notes are recall, type-in short, cloze cloze."""
        result = read_path(package)
        assert result.counts() == {"recall": 5, "short": 1, "cloze": 1}

    def test_the_decoy_text_never_appears(self, package: Path) -> None:
        """Anki's 'please update' placeholder note is not imported."""
        result = read_path(package)
        assert all("update" not in q.prompt.lower() for q in result.bank.questions)

    def test_answers(self, package: Path) -> None:
        """The back of a note is the answer; a cloze's deletions are its gaps."""
        bank = read_path(package).bank
        by_prompt = {q.prompt: q for q in bank.questions}
        assert by_prompt["Who led the Bolsheviks in 1917?"].model_answer == "Lenin"
        assert by_prompt["In which year did Lenin die?"].parts == (("1924",),)
        cloze = next(q for q in bank.questions if q.type == "cloze")
        assert cloze.text == "{{Trotsky}} was exiled in {{1929}}."
        assert cloze.explain == "Extra: he went to Turkey."

    def test_decks_become_topics(self, package: Path) -> None:
        """Subdecks ``parent::child`` become a slug id with the child as the title."""
        bank = read_path(package).bank
        topics = {t.id: t.title for t in bank.topics}
        assert topics["history-russia-1917-1924"] == "Russia 1917-1924"
        assert topics["history-stalin-s-rise"] == "Stalin's rise"
        assert topics["history"] == "History"

    def test_tags_stay_tags(self, package: Path) -> None:
        """A note's tags are the question's tags."""
        bank = read_path(package).bank
        q = next(q for q in bank.questions if q.prompt.startswith("Who led"))
        assert set(q.tags) == {"russia", "leaders"}

    def test_html_becomes_plain_text(self, package: Path) -> None:
        """No markup and no script content survives."""
        bank = read_path(package).bank
        texts = [q.prompt + q.model_answer + q.text for q in bank.questions]
        assert not any("<" in t or "alert" in t for t in texts)
        nep = next(q for q in bank.questions if q.prompt.startswith("What did NEP"))
        assert nep.model_answer == "Small private trade and\npeasants selling surplus grain"

    def test_media_and_other_note_types_are_counted(self, package: Path) -> None:
        """The image and the sound are dropped with a count; odd note types are counted."""
        result = read_path(package)
        assert result.warnings["media references dropped (images, sounds, videos)"] == 2
        other = [k for k in result.warnings if "other note types" in k]
        assert other and result.warnings[other[0]] == 1

    def test_ids_are_stable(self, package: Path) -> None:
        """Ids come from the note GUIDs: the same in every generation and every import."""
        ids = [q.id for q in read_path(package).bank.questions]
        again = [q.id for q in read_path(DATA / "deck-latest.apkg").bank.questions]
        assert ids == again
        assert all(i.startswith("anki-") for i in ids)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _sqlite(tmp_path: Path, script: str) -> bytes:
    path = tmp_path / "x.db"
    con = sqlite3.connect(path)
    con.executescript(script)
    con.commit()
    con.close()
    return path.read_bytes()


class TestBadPackages:
    """Broken or hostile packages are refused with a plain message naming the file."""

    def test_truncated_zip(self) -> None:
        """Half a package is a truncated zip, not a traceback."""
        data = (DATA / "deck-latest.apkg").read_bytes()
        with pytest.raises(ImportFailure, match="truncated or corrupt zip"):
            read_bytes(data[: len(data) // 2], "half.apkg")

    def test_corrupt_deflate_stream(self) -> None:
        """A compressed member whose data is garbage is a corrupt zip, not a zlib error."""
        data = bytearray(_zip({"collection.anki21": b"SQLite format 3\0" + b"x" * 5000}))
        start = data.find(b"collection.anki21") + len("collection.anki21")
        data[start:start + 20] = b"\xff" * 20
        with pytest.raises(ImportFailure, match="truncated or corrupt zip"):
            read_bytes(bytes(data), "garbled.apkg")

    def test_zip_bomb_is_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A member past the uncompressed size cap is refused, saying why."""
        monkeypatch.setattr(anki_package, "MAX_UNCOMPRESSED", 1 << 20)
        data = _zip({"collection.anki21": b"\0" * (2 << 20)})
        with pytest.raises(ImportFailure, match="zip bomb"):
            read_bytes(data, "bomb.apkg")

    def test_zip_bomb_with_a_lying_header_is_refused(self, monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
        """Reading stops at the cap even when the declared size is small."""
        monkeypatch.setattr(anki_package, "MAX_UNCOMPRESSED", 1 << 20)
        data = bytearray(_zip({"collection.anki21": b"\0" * (2 << 20)}))
        # Rewrite the central directory's uncompressed size to 1 KB.
        at = data.rfind(b"PK\x01\x02")
        data[at + 24:at + 28] = (1024).to_bytes(4, "little")
        with pytest.raises(ImportFailure):
            read_bytes(bytes(data), "liar.apkg")

    def test_sqlite_that_is_not_anki(self, tmp_path: Path) -> None:
        """An SQLite file with other tables is named as not an Anki collection."""
        db = _sqlite(tmp_path, "create table people (name text);")
        with pytest.raises(ImportFailure, match="not an Anki collection"):
            read_bytes(_zip({"collection.anki21": db}), "other.apkg")

    def test_bare_sqlite_file_that_is_not_anki(self, tmp_path: Path) -> None:
        """The same for an SQLite file given directly."""
        db = _sqlite(tmp_path, "create table people (name text);")
        with pytest.raises(ImportFailure, match="not an Anki collection"):
            read_bytes(db, "other.anki2")

    def test_unknown_schema(self, tmp_path: Path) -> None:
        """A collection of a schema powerquiz does not know says which schema it is."""
        db = _sqlite(tmp_path, "create table col (ver int); insert into col values (99);"
                               "create table notes (id int); create table cards (id int);")
        with pytest.raises(ImportFailure, match="schema 99"):
            read_bytes(_zip({"collection.anki21": db}), "future.apkg")

    def test_zip_without_a_collection(self) -> None:
        """A zip archive with no collection is not an Anki package."""
        with pytest.raises(ImportFailure, match="neither an Anki collection"):
            read_bytes(_zip({"notes.txt": b"hello"}), "notes.apkg")

    def test_corrupt_zstd(self) -> None:
        """A compressed collection that is not zstd is corrupt."""
        with pytest.raises(ImportFailure, match="zstd"):
            read_bytes(_zip({"collection.anki21b": b"not zstd at all"}), "bad.apkg")

    def test_not_the_format_it_claims(self) -> None:
        """A text file named .apkg is refused, not read as text."""
        with pytest.raises(ImportFailure, match="not the format it claims"):
            read_bytes(b"Who?\tLenin\n", "cards.apkg")

    def test_topic_option_puts_everything_in_one_topic(self) -> None:
        """--topic replaces the decks with one topic."""
        bank = read_path(DATA / "deck-latest.apkg", options=Options(topic="Russia")).bank
        assert [t.id for t in bank.topics] == ["russia"]
        assert {q.topic for q in bank.questions} == {"russia"}
