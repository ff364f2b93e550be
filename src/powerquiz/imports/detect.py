"""Which format a file is in, from its content (the suffix only breaks ties).

A file whose suffix names a binary format (``.apkg``, ``.colpkg``, ``.xlsx``) or XML
must have that content: otherwise it is "not the format it claims" and is refused
rather than read as something else.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from powerquiz.imports.base import ImportFailure
from powerquiz.imports.textfile import decode_text

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP = b"PK\x05\x06"
SQLITE_MAGIC = b"SQLite format 3\x00"
ANKI_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_CLAIMS = {".apkg": "anki", ".colpkg": "anki", ".anki2": "anki", ".anki21": "anki",
           ".xlsx": "kahoot", ".xml": "moodle", ".gift": "gift"}
_GIFT_SIGNS = re.compile(r"^\s*(\$CATEGORY:|::)|\{\s*(#|[=~]|T\b|F\b|TRUE\b|FALSE\b|\})",
                         re.MULTILINE)


def _zip_kind(data: bytes, source: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFailure(source, f"a truncated or corrupt zip archive ({exc}); "
                                    "export it again from the tool that made it") from None
    if names & set(ANKI_MEMBERS):
        return "anki"
    if "xl/workbook.xml" in names:
        return "kahoot"
    raise ImportFailure(source, "a zip archive that holds neither an Anki collection "
                                "nor a spreadsheet: not a file powerquiz can import")


def _text_kind(text: str, suffix: str) -> str | None:
    head = text.lstrip("\ufeff \t\r\n")
    first = head.split("\n", 1)[0]
    if head.startswith(("<?xml", "<quiz", "<!--", "<!DOCTYPE")) or (
            suffix == ".xml" and head.startswith("<")):
        return "moodle"
    if head.startswith("{") and '"questions"' in head:
        return "json"
    if first.startswith(("kind,", '"kind",')):
        return "csv"
    if first.startswith(('"Blooket', "Blooket")):
        return "blooket"
    if first.startswith(("Gimkit Spreadsheet Import Template", '"Gimkit')):
        return "gimkit"
    if suffix == ".gift" or _GIFT_SIGNS.search(_no_comments(head)):
        return "gift"
    return "quizlet" if any(sep in head for sep in ("\t", ",", ";", " - ")) else None


def _no_comments(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("//"))


def guess(data: bytes, source: str) -> str:
    """The format of ``data``; ImportFailure when it cannot be told or is not what it claims."""
    suffix = PurePath(source).suffix.lower()
    claim = _CLAIMS.get(suffix, "")
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP)):
        kind = _zip_kind(data, source)
    elif data.startswith(SQLITE_MAGIC):
        kind = "anki"
    elif claim in ("anki", "kahoot"):
        what = "an Anki package (a zip archive)" if claim == "anki" else "an .xlsx spreadsheet"
        raise ImportFailure(source, f"named {suffix} but it is not {what}: not the format "
                                    "it claims")
    else:
        found = _text_kind(decode_text(data, source), suffix)
        if found is None:
            raise ImportFailure(source, "cannot tell what format this is; give it with "
                                        "--from (anki, quizlet, gift, moodle, csv, json, "
                                        "kahoot, blooket or gimkit)")
        kind = found
    if claim == "moodle" and kind != "moodle":
        raise ImportFailure(source, "named .xml but it is not XML: not the format it claims")
    return kind
