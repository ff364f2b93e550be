"""An Anki package (``.apkg``) built with genanki: one deck per bank, a subdeck per topic.

- Decks: ``<bank title>`` with a subdeck ``<bank title>::<topic title>`` for each topic
  that has exported questions.  Deck ids come from a hash of the bank and topic ids,
  so the same bank always lands in the same decks.
- Notes: the GUID is ``genanki.guid_for(bank id, question id)``, so importing a newer
  export of the same bank updates the cards already in Anki instead of adding copies.
- Note types (fixed ids, named "powerquiz …"):

  - short → *type-in*: Anki asks the student to type the answer (``{{type:Answer}}``)
    and shows the difference; other accepted answers are listed on the back;
  - cloze → *cloze*: gap n becomes ``{{cn::answer}}``, one card per gap;
  - choice, multi, truefalse, order, match, recall → *basic*: a readable front
    (the options lettered, the items to order, the pairs to match) and the answer
    on the back.

  Every note carries the hint (behind Anki's "show hint" link) and the explanation
  on the back.
- Tags: the topic id and the question's tags, spaces replaced with ``_``.

Anki fields are HTML, so every text is HTML-escaped; the cloze markers are the only
markup that comes from the bank's text.  Every question type fits: nothing is skipped.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from powerquiz.bank.model import Bank, Question, parse_gaps
from powerquiz.bank.wording import letter, one_line
from powerquiz.exports.common import (
    ExportFormat,
    ExportResult,
    MissingDependency,
    TypeTable,
    stable_seed,
    stable_shuffle,
    topic_order,
    writer_for,
)
from powerquiz.exports.scheme_text import scheme_html

FORMAT = ExportFormat(
    name="anki",
    suffix=".apkg",
    summary="an Anki deck (.apkg), a subdeck per topic; re-importing updates the cards",
    binary=True,
    needs="anki",
)

#: Note type ids never change: Anki matches note types by id on import.
BASIC_MODEL_ID = 1_722_450_101
TYPE_IN_MODEL_ID = 1_722_450_102
CLOZE_MODEL_ID = 1_722_450_103

CSS = """\
.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black;
        background-color: white; max-width: 40em; margin: 0 auto; }
.nightMode.card, .night_mode .card { color: #eee; background-color: #222; }
.prompt { margin-bottom: 0.6em; }
.answer { font-weight: bold; }
.also, .explain { margin-top: 0.8em; font-size: 0.9em; }
.explain { font-style: italic; }
.cloze { font-weight: bold; color: #1a5fb4; }
.nightMode .cloze { color: lightblue; }
table.match td { padding: 0.1em 0.6em; }
"""

HINT = "{{#Hint}}<div class=\"hint\">{{hint:Hint}}</div>{{/Hint}}"
EXPLAIN = "{{#Explanation}}<div class=\"explain\">{{Explanation}}</div>{{/Explanation}}"
ALSO = "{{#Also accepted}}<div class=\"also\">Also accepted: {{Also accepted}}</div>" \
       "{{/Also accepted}}"


def _field(text: str) -> str:
    """Plain text as an Anki field: HTML-escaped, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def _literal(text: str) -> str:
    """Text that must not be read as cloze syntax either: braces and colons as entities."""
    return _field(text).replace("{", "&#123;").replace("}", "&#125;").replace(":", "&#58;")


def _tag(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip())


def deck_id(*parts: str) -> int:
    """A deck id from a hash of ``parts``: stable, and in the range Anki expects."""
    return (1 << 30) + stable_seed("powerquiz-deck", *parts) % (1 << 30)


def _models(genanki: Any) -> dict[str, Any]:
    fields = ["Question", "Answer", "Hint", "Explanation"]
    basic = genanki.Model(
        BASIC_MODEL_ID,
        "powerquiz basic",
        fields=[{"name": f} for f in fields],
        templates=[{
            "name": "Card 1",
            "qfmt": "<div class=\"prompt\">{{Question}}</div>" + HINT,
            "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n<div class=\"answer\">{{Answer}}</div>"
                    + EXPLAIN,
        }],
        css=CSS,
    )
    type_in = genanki.Model(
        TYPE_IN_MODEL_ID,
        "powerquiz type-in",
        fields=[{"name": f} for f in ("Question", "Answer", "Also accepted", "Hint",
                                      "Explanation")],
        templates=[{
            "name": "Card 1",
            "qfmt": "<div class=\"prompt\">{{Question}}</div>" + HINT + "\n\n{{type:Answer}}",
            "afmt": "<div class=\"prompt\">{{Question}}</div>\n\n<hr id=answer>\n\n"
                    "{{type:Answer}}" + ALSO + EXPLAIN,
        }],
        css=CSS,
    )
    cloze = genanki.Model(
        CLOZE_MODEL_ID,
        "powerquiz cloze",
        model_type=genanki.Model.CLOZE,
        fields=[{"name": f} for f in ("Text", "Prompt", "Also accepted", "Hint", "Explanation")],
        templates=[{
            "name": "Cloze",
            "qfmt": "{{#Prompt}}<div class=\"prompt\">{{Prompt}}</div>{{/Prompt}}"
                    "{{cloze:Text}}" + HINT,
            "afmt": "{{#Prompt}}<div class=\"prompt\">{{Prompt}}</div>{{/Prompt}}"
                    "{{cloze:Text}}" + ALSO + EXPLAIN,
        }],
        css=CSS,
    )
    return {"basic": basic, "type-in": type_in, "cloze": cloze}


def _list(items: Sequence[str], kind: str = "ol", attrs: str = "") -> str:
    inner = "".join(f"<li>{_field(i)}</li>" for i in items)
    return f"<{kind}{attrs}>{inner}</{kind}>"


#: A note's type ("basic", "type-in" or "cloze") and its fields before the hint and the
#: explanation, which every note has.
Note = tuple[str, list[str]]


def _choices(q: Question) -> Note:
    how = "Choose all that apply." if q.type == "multi" else "Choose one."
    if "all that apply" in q.prompt.casefold():
        how = ""
    options = _list(q.options, attrs=' type="A"')
    front = f"{_field(q.prompt)}{options}" + (f"<div>{how}</div>" if how else "")
    right = [f"{letter(i)}. {opt}" for i, opt in enumerate(q.options) if opt in q.correct]
    return "basic", [front, "<br>".join(_field(r) for r in right)]


def _truefalse(q: Question) -> Note:
    return "basic", [f"True or false?<br>{_field(q.prompt)}", _field(q.expected)]


def _order(q: Question) -> Note:
    shown = stable_shuffle(q.items, q.id, avoid_same=True)
    front = f"{_field(q.prompt)}{_list(shown, 'ul')}<div>Put them in order.</div>"
    return "basic", [front, _list(q.items)]


def _match(q: Question) -> Note:
    lefts = "".join(f"<tr><td>{_field(left)}</td><td>→ ?</td></tr>" for left, _ in q.pairs)
    rights = sorted({right for _, right in q.pairs}, key=str.casefold)
    front = (f"{_field(q.prompt)}<table class=\"match\">{lefts}</table>"
             f"<div>Choose from: {_field(', '.join(rights))}</div>")
    back = "".join(f"<tr><td>{_field(left)}</td><td>→ {_field(right)}</td></tr>"
                   for left, right in q.pairs)
    return "basic", [front, f"<table class=\"match\">{back}</table>"]


def _recall(q: Question) -> Note:
    return "basic", [_field(q.prompt), _field(q.expected)]


def _explain(q: Question) -> Note:
    back = f"{_field(q.model_answer)}{scheme_html(q)}"
    return "basic", [_field(q.prompt), back]


def _type_in(q: Question) -> Note:
    return "type-in", [_field(q.prompt), _field(q.expected), _field(_also(q))]


def _cloze(q: Question) -> Note:
    return "cloze", [_cloze_text(q.text), _field(q.prompt), _field(_also(q))]


def _cloze_text(text: str) -> str:
    """The cloze text with gap n as ``{{cn::answer}}``, everything else literal."""
    out: list[str] = []
    pos = 0
    for n, (start, end, alts) in enumerate(parse_gaps(text), 1):
        out.append(_literal(text[pos:start]))
        out.append(f"{{{{c{n}::{_literal(alts[0] if alts else '')}}}}}")
        pos = end
    out.append(_literal(text[pos:]))
    return "".join(out)


def _also(q: Question) -> str:
    """Other accepted answers, for the back of a short-answer or cloze card."""
    if q.type == "cloze":
        groups = [(n, g[1:]) for n, g in enumerate(q.gaps, 1) if len(g) > 1]
        return "; ".join(f"({n}) {' / '.join(alts)}" for n, alts in groups)
    alts = [alt for part in q.parts for alt in part[1:]] + list(q.accept)
    return "; ".join(alts)


#: The note of each question type: every type fits.
TYPES: TypeTable[Callable[[Question], Note]] = {
    "short": _type_in,
    "choice": _choices,
    "multi": _choices,
    "truefalse": _truefalse,
    "match": _match,
    "order": _order,
    "cloze": _cloze,
    "recall": _recall,
    "explain": _explain,
}


def note_for(genanki: Any, models: dict[str, Any], bank: Bank, q: Question) -> Any:
    """The genanki note of ``q``, its GUID fixed by the bank and question ids."""
    tags = list(dict.fromkeys(t for t in (_tag(q.topic), *map(_tag, q.tags)) if t))
    kind, fields = writer_for(TYPES, q)(q)
    fields += [_field(q.hint), _field(q.explain)]
    return genanki.Note(model=models[kind], fields=fields, tags=tags,
                        guid=genanki.guid_for(bank.id, q.id))


def _deck_name(text: str) -> str:
    """A deck name part: '::' would nest decks, so it is softened to ':'."""
    return re.sub(r":{2,}", ":", one_line(text))


def export(bank: Bank, questions: Sequence[Question]) -> ExportResult:
    try:
        import genanki
    except ImportError as exc:
        raise MissingDependency("genanki", "anki", "anki") from exc

    models = _models(genanki)
    title = _deck_name(bank.title)
    decks = [genanki.Deck(deck_id(bank.id), title, description=_field(bank.description))]
    by_topic: dict[str, Any] = {}
    for q in questions:
        if q.topic not in by_topic:
            topic = bank.topic(q.topic)
            name = _deck_name(topic.title if topic is not None else q.topic)
            by_topic[q.topic] = genanki.Deck(deck_id(bank.id, q.topic), f"{title}::{name}")
        by_topic[q.topic].add_note(note_for(genanki, models, bank, q))
    decks += [by_topic[t] for t in topic_order(bank, by_topic)]
    return ExportResult(data=_package_bytes(genanki.Package(decks)), count=len(questions))


def _package_bytes(package: Any) -> bytes:
    """The ``.apkg`` bytes of a genanki package.

    ``Package.write_to_file`` leaves its temporary database behind in the system's
    temporary folder (genanki 0.13), so the database is built here, in a folder
    that is removed afterwards, and zipped the way genanki does it.
    """
    with tempfile.TemporaryDirectory(prefix="powerquiz-anki-") as folder:
        db_path = Path(folder) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            now = time.time()
            package.write_to_db(conn.cursor(), now, itertools.count(int(now * 1000)))
            conn.commit()
        finally:
            conn.close()
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as apkg:
            apkg.write(db_path, "collection.anki2")
            apkg.writestr("media", json.dumps({}))
        return out.getvalue()
