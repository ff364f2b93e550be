"""Anki packages (``.apkg``, ``.colpkg``) and collections, read to plain rows.

Three generations exist: ``collection.anki2`` (legacy, schema 11), ``collection.anki21``
(schema 11, newer scheduler) and ``collection.anki21b`` (zstd-compressed SQLite of
schema 18, beside a protobuf ``meta`` file).  The newest collection present is read;
the ``collection.anki2`` Anki writes beside a newer one is a decoy ("please update to
the latest Anki version") and is never read then.

Safety: no member is read past :data:`MAX_UNCOMPRESSED` bytes, whatever the zip
header claims (a zip bomb is refused with a message saying so), the database is
opened read-only from a private temporary copy, and nothing in it is executed.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from powerquiz.imports.base import ImportFailure

#: The most a collection may take once uncompressed (a 50,000-note deck is ~60 MB).
MAX_UNCOMPRESSED = 256 * 2**20
MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
LEGACY_SCHEMA = 11
NEW_SCHEMAS = range(15, 19)
SQLITE_MAGIC = b"SQLite format 3\x00"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

#: deck id -> the deck name's parts
Decks = dict[int, tuple[str, ...]]


@dataclass(frozen=True)
class NoteType:
    name: str
    fields: tuple[str, ...]
    cloze: bool
    #: The fields a card asks the student to type (``{{type:Field}}``).
    typed: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    nid: int
    guid: str
    notetype: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    #: The deck of the note's first card, as its parts (``History``, ``Russia``).
    deck: tuple[str, ...]


@dataclass(frozen=True)
class Collection:
    member: str
    schema: int
    notetypes: dict[int, NoteType]
    notes: tuple[Note, ...]


def _bounded(stream: IO[bytes], source: str, what: str) -> bytes:
    data = stream.read(MAX_UNCOMPRESSED + 1)
    if len(data) > MAX_UNCOMPRESSED:
        raise ImportFailure(source, f"{what} is larger than {MAX_UNCOMPRESSED // 2**20} MB "
                                    "once uncompressed: refused as a possible zip bomb")
    return bytes(data)


def collection_bytes(data: bytes, source: str) -> tuple[str, bytes]:
    """The newest collection in a package (or ``data`` itself when it is one)."""
    if data.startswith(SQLITE_MAGIC):
        return "collection", data
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = set(z.namelist())
        member = next((m for m in MEMBERS if m in names), "")
        if not member:
            raise ImportFailure(source, "not an Anki package: the zip archive holds no "
                                        "collection.anki21b, collection.anki21 or "
                                        "collection.anki2")
        info = z.getinfo(member)
        if info.file_size > MAX_UNCOMPRESSED:
            raise ImportFailure(source, f"{member} claims {info.file_size // 2**20} MB once "
                                        f"uncompressed, over the {MAX_UNCOMPRESSED // 2**20} "
                                        "MB cap: refused as a possible zip bomb")
        with z.open(member) as f:
            raw = _bounded(f, source, member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, OSError, ValueError,
            NotImplementedError) as exc:
        raise ImportFailure(source, f"a truncated or corrupt zip archive ({exc}): export "
                                    "the deck from Anki again") from None
    if member.endswith("anki21b"):
        raw = _unzstd(raw, source, member)
    return member, raw


def _unzstd(raw: bytes, source: str, member: str) -> bytes:
    import zstandard

    if not raw.startswith(ZSTD_MAGIC):
        raise ImportFailure(source, f"{member} is not zstd-compressed as Anki writes it: "
                                    "the package is corrupt")
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw))
        return _bounded(reader, source, member)
    except zstandard.ZstdError as exc:
        raise ImportFailure(source, f"{member} cannot be decompressed ({exc}): the "
                                    "package is truncated or corrupt") from None


@contextmanager
def _database(raw: bytes, source: str, member: str) -> Iterator[sqlite3.Connection]:
    if not raw.startswith(SQLITE_MAGIC):
        raise ImportFailure(source, f"{member} is not an SQLite database: not an Anki "
                                    "collection")
    with tempfile.TemporaryDirectory(prefix="powerquiz-import-") as folder:
        path = Path(folder) / "collection.db"
        path.write_bytes(raw)
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            yield con
        finally:
            con.close()


def read_collection(data: bytes, source: str) -> Collection:
    member, raw = collection_bytes(data, source)
    with _database(raw, source, member) as con:
        try:
            tables = {r[0] for r in con.execute("select name from sqlite_master "
                                                "where type = 'table'")}
            if not {"col", "notes", "cards"} <= tables:
                raise ImportFailure(source, f"{member} is an SQLite database but not an "
                                            "Anki collection (it has no col, notes and "
                                            "cards tables)")
            schema = int(con.execute("select ver from col").fetchone()[0])
            if schema == LEGACY_SCHEMA:
                notetypes, decks = _legacy_types(con)
            elif schema in NEW_SCHEMAS and {"notetypes", "fields", "decks"} <= tables:
                notetypes, decks = _new_types(con)
            else:
                raise ImportFailure(source, f"an Anki collection of schema {schema}, which "
                                            "powerquiz does not know (it reads schema 11 and "
                                            "15-18): export it again from a current Anki")
            notes = tuple(_notes(con, decks))
        except (sqlite3.DatabaseError, TypeError, ValueError, KeyError) as exc:
            raise ImportFailure(source, f"{member} is not a readable Anki collection "
                                        f"({exc})") from None
    return Collection(member, schema, notetypes, notes)


def _legacy_types(con: sqlite3.Connection) -> tuple[dict[int, NoteType], Decks]:
    models_json, decks_json = con.execute("select models, decks from col").fetchone()
    types: dict[int, NoteType] = {}
    for mid, m in json.loads(models_json).items():
        fields = tuple(f["name"] for f in sorted(m["flds"], key=lambda f: f["ord"]))
        formats = " ".join(t.get("qfmt", "") + t.get("afmt", "") for t in m["tmpls"])
        types[int(mid)] = NoteType(m["name"], fields, m.get("type") == 1, _typed(formats))
    decks = {int(did): tuple(d["name"].split("::")) for did, d in json.loads(decks_json).items()}
    return types, decks


def _new_types(con: sqlite3.Connection) -> tuple[dict[int, NoteType], Decks]:
    types: dict[int, NoteType] = {}
    for ntid, name, config in con.execute("select id, name, config from notetypes"):
        fields = tuple(r[0] for r in con.execute(
            "select name from fields where ntid = ? order by ord", (ntid,)))
        formats = b" ".join(r[0] or b"" for r in con.execute(
            "select config from templates where ntid = ?", (ntid,)))
        # NotetypeConfig field 1 (kind) is 1 for a cloze note type: bytes 08 01.
        cloze = bytes(config or b"").startswith(b"\x08\x01")
        types[int(ntid)] = NoteType(name, fields, cloze,
                                    _typed(formats.decode("utf-8", "replace")))
    decks = {int(did): tuple(name.split("\x1f"))
             for did, name in con.execute("select id, name from decks")}
    return types, decks


def _typed(formats: str) -> tuple[str, ...]:
    out: list[str] = []
    start = formats.find("{{type:")
    while start >= 0:
        end = formats.find("}}", start)
        if end < 0:
            break
        name = formats[start + 7:end].split(":")[-1]
        if name not in out:
            out.append(name)
        start = formats.find("{{type:", end)
    return tuple(out)


def _notes(con: sqlite3.Connection, decks: dict[int, tuple[str, ...]]) -> Iterator[Note]:
    first_deck = dict(con.execute("select nid, did from cards order by nid, ord desc"))
    for nid, guid, mid, tags, flds in con.execute(
            "select id, guid, mid, tags, flds from notes order by id"):
        deck = decks.get(int(first_deck.get(nid, 1)), ("Default",))
        yield Note(int(nid), str(guid), int(mid), tuple(str(flds).split("\x1f")),
                   tuple(str(tags).split()), deck)
