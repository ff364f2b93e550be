"""Build the Anki fixtures of tests/test_import_anki.py with Anki's own backend.

Run it with the test dependencies installed (``pip install anki``, see pyproject's
test extra) from the repository root::

    .venv/bin/python tests/data/import/make_anki_fixtures.py

It makes one collection with Basic, Basic (and reversed card), Basic (type in the
answer) and Cloze notes, a note of another type, subdecks, tags, HTML (with a script
and an image reference) and a sound reference, then writes it in every package
generation Anki knows:

- ``deck-latest.apkg`` / ``collection-latest.colpkg``: ``collection.anki21b``
  (zstd, schema 18) with the protobuf ``meta`` file, and the legacy
  ``collection.anki2`` decoy Anki writes beside it;
- ``deck-legacy2.apkg`` / ``collection-legacy2.colpkg``: ``collection.anki21``
  (schema 11, Anki's "support older Anki versions" export), with its decoy;
- ``deck-legacy1.apkg``: ``collection.anki2`` alone.  Anki's backend no longer writes
  this generation itself, so the script takes the schema-11 collection Anki wrote for
  ``deck-legacy2.apkg`` and packs it under the old name, alone, as Anki 2.1.49 and
  earlier did (the database format of the two legacy generations is the same).

Nothing here runs at test time: the tests read the committed files.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from anki.collection import Collection, ExportAnkiPackageOptions
from anki.decks import DeckId

HERE = Path(__file__).resolve().parent


def _add(col: Collection, notetype: str, deck: str, fields: list[str], tags: list[str]) -> None:
    model = col.models.by_name(notetype)
    assert model is not None, notetype
    note = col.new_note(model)
    for n, value in enumerate(fields):
        note.fields[n] = value
    note.tags = tags
    did = col.decks.id(deck)
    assert did is not None
    col.add_note(note, DeckId(did))


def build(col: Collection) -> None:
    _add(col, "Basic", "History::Russia 1917-1924",
         ["Who led the <b>Bolsheviks</b> in 1917?", "Lenin"], ["russia", "leaders"])
    _add(col, "Basic", "History::Russia 1917-1924",
         ["What did NEP allow?<script>alert('x')</script>",
          "Small private trade and<br>peasants selling surplus grain"], ["economy"])
    _add(col, "Basic (and reversed card)", "History::Russia 1917-1924",
         ["Cheka", "The Bolshevik secret police"], ["terms"])
    _add(col, "Basic (type in the answer)", "History",
         ["In which year did Lenin die?", "1924"], ["dates"])
    _add(col, "Cloze", "History::Stalin's rise",
         ["{{c1::Trotsky}} was exiled in {{c2::1929}}.", "Extra: he went to Turkey."],
         ["stalin"])
    _add(col, "Basic", "History::Stalin's rise",
         ['Who is this? <img src="stalin.jpg">', "Stalin [sound:stalin.mp3]"], [])
    _add(col, "Basic (optional reversed card)", "Default",
         ["Politburo", "The Party's ruling committee"], [])


def _export(col: Collection, path: Path, legacy: bool) -> None:
    options = ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                       with_media=False, legacy=legacy)
    col.export_anki_package(out_path=str(path), options=options, limit=None)


def _legacy1(legacy2: Path, out: Path) -> None:
    with zipfile.ZipFile(legacy2) as z:
        data = z.read("collection.anki21")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("collection.anki2", data)
        z.writestr("media", "{}")


def main() -> None:
    work = Path(tempfile.mkdtemp())
    try:
        col = Collection(str(work / "collection.anki2"))
        build(col)
        _export(col, HERE / "deck-latest.apkg", legacy=False)
        _export(col, HERE / "deck-legacy2.apkg", legacy=True)
        # Exporting a whole collection closes it: open it again for the second one.
        col.export_collection_package(str(HERE / "collection-latest.colpkg"),
                                      include_media=False, legacy=False)
        col = Collection(str(work / "collection.anki2"))
        col.export_collection_package(str(HERE / "collection-legacy2.colpkg"),
                                      include_media=False, legacy=True)
        _legacy1(HERE / "deck-legacy2.apkg", HERE / "deck-legacy1.apkg")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
