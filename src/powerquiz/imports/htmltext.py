"""HTML (Anki fields, Moodle texts) to plain text, safely.

The text is read with the standard library's ``html.parser``: tags are dropped, never
copied, so no markup and no script survives; the contents of ``script``, ``style`` and
similar elements are dropped whole.  ``<br>``, ``<p>``, ``<div>`` and list items become
line breaks, entities are decoded, and images, audio and video are counted as media
the bank cannot hold.  Anki's LaTeX and MathJax markers are kept as text, for the
teacher to rewrite; the exporters make any text safe for their formats, as for any bank.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements whose content is not text to show.
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe",
                     "object", "svg", "math"})
_BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                     "ul", "ol", "table", "blockquote", "pre", "hr"})
_MEDIA = frozenset({"img", "audio", "video", "source", "embed"})
#: Anki's sound references: ``[sound:file.mp3]``.
SOUND = re.compile(r"\[sound:[^\]]*\]")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0
        self.media = 0
        self.markup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup += 1
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _MEDIA:
            self.media += 1
        elif tag in _BREAKS:
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup += 1
        if tag in _MEDIA:
            self.media += 1
        elif tag in _BREAKS:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(data)


def html_to_text(text: str) -> tuple[str, int]:
    """The plain text of ``text`` and how many media references were dropped."""
    sounds = len(SOUND.findall(text))
    text = SOUND.sub("", text)
    parser = _Text()
    parser.feed(text)
    parser.close()
    raw = "".join(parser.out).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    out = "\n".join(line for line in lines if line)
    return out, parser.media + sounds


def plain(text: str) -> str:
    """The plain text of ``text``, media dropped without counting."""
    return html_to_text(text)[0]
