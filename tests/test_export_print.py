"""The HTML worksheet as a teacher prints it: headless Chromium's PDF of the bundled bank.

No page is left more than about a quarter empty because a long question was kept
together on the next one.  The PDF is read here with a small reader of Chromium's own
output (Skia): for each page, the lowest point anything dark is drawn at, against the
page's printable area.  Needs the ``chromium`` binary (CI installs it: apt-get install
-y chromium); without it the test is skipped, except under CI, where it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from powerquiz.bank import load_bank
from powerquiz.exports import html as html_format
from powerquiz.exports.worksheet import SheetOptions

TOKEN = re.compile(rb"<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|/[^\s/\[\]<>()]+"
                   rb"|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'\"*]+")
NUMBER = re.compile(rb"[-+]?(?:\d+\.?\d*|\.\d+)")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)
WHITE = (1.0, 1.0, 1.0)


def mul(a: Matrix, b: Matrix) -> Matrix:
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def emptiness(content: bytes) -> float:
    """How much of a page's printable area is empty below its lowest drawn text or rule."""
    ctm, tm = IDENTITY, IDENTITY
    fill: tuple[float, ...] = (0.0, 0.0, 0.0)
    stack: list[tuple[Matrix, tuple[float, ...]]] = []
    nums: list[float] = []
    ys: list[float] = []
    clip: tuple[float, float] | None = None
    rect: tuple[float, float] | None = None
    for tok in TOKEN.findall(content):
        if NUMBER.fullmatch(tok):
            nums.append(float(tok))
            continue
        if tok == b"q":
            stack.append((ctm, fill))
        elif tok == b"Q":
            ctm, fill = stack.pop()
        elif tok == b"cm":
            ctm = mul(tuple(nums[-6:]), ctm)  # type: ignore[arg-type]
        elif tok == b"BT":
            tm = IDENTITY
        elif tok == b"Tm":
            tm = tuple(nums[-6:])  # type: ignore[assignment]
        elif tok == b"Td":
            tm = mul((1, 0, 0, 1, nums[-2], nums[-1]), tm)
        elif tok in (b"Tj", b"TJ"):
            ys.append(mul(tm, ctm)[5])
        elif tok == b"rg":
            fill = tuple(nums[-3:])
        elif tok == b"re":
            y, h = nums[-3], nums[-1]
            ends = (ctm[5] + ctm[3] * y, ctm[5] + ctm[3] * (y + h))
            rect = (min(ends), max(ends))
        elif tok == b"f" and rect is not None and fill != WHITE:
            ys.append(rect[0])
        elif tok in (b"W", b"W*") and clip is None and rect is not None:
            clip = rect  # the first clip is the page's printable area
        if not tok.startswith((b"/", b"<", b"(")) and tok not in (b"[", b"]"):
            nums = []
    assert clip is not None, "no printable area found on the page"
    bottom, top = clip
    inside = [y for y in ys if bottom - 1 <= y <= top + 1]
    return (min(inside, default=top) - bottom) / (top - bottom)


def page_emptiness(pdf: bytes) -> list[float]:
    """Each page's :func:`emptiness`, in page order."""
    objs = {int(m.group(1)): m.group(2)
            for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}
    root = next(n for n, b in objs.items()
                if re.search(rb"/Type /Pages\b", b) and b"/Parent" not in b)
    order: list[int] = []

    def walk(n: int) -> None:
        if re.search(rb"/Type /Page\b", objs[n]):
            order.append(n)
            return
        kids = re.search(rb"/Kids \[(.*?)\]", objs[n], re.S)
        assert kids is not None
        for k in re.findall(rb"(\d+) 0 R", kids.group(1)):
            walk(int(k))

    walk(root)
    out = []
    for n in order:
        found = re.search(rb"/Contents (\d+) 0 R", objs[n])
        assert found is not None
        body = objs[int(found.group(1))]
        stream = body[body.index(b"stream") + 6:].lstrip(b"\r\n")
        out.append(emptiness(zlib.decompress(stream[:stream.rindex(b"endstream")])))
    return out


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("CI must install chromium (apt-get install -y chromium)")
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium)")


def printed(page: str, tmp_path: Path) -> bytes:
    source, pdf = tmp_path / "sheet.html", tmp_path / "sheet.pdf"
    source.write_text(page, encoding="utf-8")
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", source.as_uri()],
        capture_output=True, timeout=90, check=True,
    )
    return pdf.read_bytes()


class TestPrintedPages:
    """Chromium's PDF of the bundled bank's worksheet leaves no page a quarter empty."""

    def test_no_page_a_quarter_empty(self, bundled_bank_path: Path, tmp_path: Path) -> None:
        """Every page but the last is at most a quarter empty (the sheet without its key)."""
        bank = load_bank(bundled_bank_path)
        page = str(html_format.export(bank, bank.questions, SheetOptions(key=False)).data)
        empty = page_emptiness(printed(page, tmp_path))
        assert len(empty) > 3
        worst = {n: f"{e:.0%}" for n, e in enumerate(empty[:-1], 1) if e > 0.25}
        assert not worst, f"pages more than a quarter empty: {worst}"

    def test_reader_sees_an_empty_page(self, tmp_path: Path) -> None:
        """The PDF reader itself: a one-line page reads as nearly all empty."""
        page = ('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
                "<body><p>One line.</p></body></html>")
        (empty,) = page_emptiness(printed(page, tmp_path))
        assert empty > 0.9
