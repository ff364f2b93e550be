"""The first sheet of an ``.xlsx`` workbook as rows of text, read safely.

Only what a quiz template needs: shared strings, inline strings, numbers and booleans
of the first worksheet.  The XML parts are parsed with defusedxml and no part is read
past the size cap of :mod:`powerquiz.imports.anki_package`.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib

from powerquiz.imports.base import ImportFailure

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^([A-Z]+)([0-9]+)$")


def _part(z: zipfile.ZipFile, name: str, source: str) -> ET.Element | None:
    import defusedxml  # type: ignore[import-untyped]
    import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]

    from powerquiz.imports.anki_package import MAX_UNCOMPRESSED

    if name not in z.namelist():
        return None
    if z.getinfo(name).file_size > MAX_UNCOMPRESSED:
        raise ImportFailure(source, f"{name} is larger than {MAX_UNCOMPRESSED // 2**20} MB "
                                    "once uncompressed: refused as a possible zip bomb")
    with z.open(name) as f:
        data = f.read(MAX_UNCOMPRESSED + 1)
    if len(data) > MAX_UNCOMPRESSED:
        raise ImportFailure(source, f"{name} is larger than {MAX_UNCOMPRESSED // 2**20} MB "
                                    "once uncompressed: refused as a possible zip bomb")
    try:
        root: ET.Element = SafeET.fromstring(data)
        return root
    except (ET.ParseError, defusedxml.DefusedXmlException) as exc:
        raise ImportFailure(source, f"{name} in the workbook is not safe, well-formed XML "
                                    f"({exc})") from None


def _column(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n - 1


def rows(data: bytes, source: str) -> list[list[str]]:
    """The cells of the first worksheet, row by row (1-based rows as index + 1)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            shared_root = _part(z, "xl/sharedStrings.xml", source)
            sheet = _part(z, "xl/worksheets/sheet1.xml", source)
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError) as exc:
        raise ImportFailure(source, f"a truncated or corrupt .xlsx workbook ({exc})") from None
    if sheet is None:
        raise ImportFailure(source, "an .xlsx workbook with no first worksheet")
    shared = ["".join(t.text or "" for t in si.iter(f"{NS}t"))
              for si in (shared_root.findall(f"{NS}si") if shared_root is not None else [])]
    out: dict[int, dict[int, str]] = {}
    for row in sheet.iter(f"{NS}row"):
        r = int(row.get("r", len(out) + 1))
        for c in row.findall(f"{NS}c"):
            m = _REF.match(c.get("r", ""))
            if not m:
                continue
            kind, v = c.get("t", "n"), c.findtext(f"{NS}v") or ""
            if kind == "s":
                value = shared[int(v)] if v.isdigit() and int(v) < len(shared) else ""
            elif kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(f"{NS}t"))
            elif kind == "b":
                value = "TRUE" if v == "1" else "FALSE"
            else:
                value = v[:-2] if v.endswith(".0") else v
            out.setdefault(r, {})[_column(m.group(1))] = value
    last = max(out, default=0)
    return [[cells.get(i, "") for i in range(max(cells, default=-1) + 1)]
            for cells in (out.get(r, {}) for r in range(1, last + 1))]
