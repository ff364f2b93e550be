"""Quizlet's export text: a term and its definition, card after card.

Quizlet exports (and powerquiz's ``quizlet`` export writes) one card a line with a tab
between term and definition; it also offers a comma between, a semicolon between cards,
and custom separators, which ``--sep`` and ``--card-sep`` name (``tab``, ``comma``,
``newline``, ``semicolon`` or the text itself).  Without them the separators are guessed:
a tab if any card has one, else a comma; a newline between cards unless the text is one
line with semicolons.

A card becomes a short answer (the definition typed) when the definition is short, and
a recall question (said from memory, then self-rated) when it is a sentence or more.
"""

from __future__ import annotations

from powerquiz.bank.model import Question
from powerquiz.imports.base import Draft, ImportFailure, Options, clean
from powerquiz.imports.textfile import decode_text, place

NAMED = {"tab": "\t", "comma": ",", "newline": "\n", "semicolon": ";", "space": " "}
#: A definition of more words than this is a recall question, not a typed answer.
MAX_TYPED_WORDS = 6


def separator(value: str) -> str:
    return NAMED.get(value.strip().lower(), value.replace("\\t", "\t").replace("\\n", "\n"))


def _separators(text: str, options: Options) -> tuple[str, str]:
    sep = separator(options.sep) if options.sep else ""
    card = separator(options.card_sep) if options.card_sep else ""
    if not card:
        lines = text.strip("\n")
        card = ";" if "\n" not in lines and ";" in lines and "\t" not in lines else "\n"
    if not sep:
        sep = "\t" if "\t" in text else ","
    if sep == card:
        raise ImportFailure("--sep", "the separator between term and "
                            "definition must differ from the one between cards")
    return sep, card


def read(data: bytes, source: str, options: Options, fmt: str = "quizlet") -> Draft:
    text = decode_text(data, source).replace("\r\n", "\n")
    sep, card_sep = _separators(text, options)
    draft = Draft(source, fmt)
    topic = draft.topic(options.topic or "Flashcards")
    pos = 0
    for chunk in text.split(card_sep):
        where = place(source, text, pos)
        pos += len(chunk) + len(card_sep)
        if not chunk.strip():
            continue
        if sep not in chunk:
            draft.skip(f"{_name(sep)} between term and definition", where)
            continue
        term, definition = (clean(part) for part in chunk.split(sep, 1))
        if not term or not definition:
            draft.skip("a card with an empty term or definition", where)
            continue
        qid = draft.new_id("", term)
        if len(definition.split()) <= MAX_TYPED_WORDS and "\n" not in definition:
            draft.add(Question(qid, topic, "short", prompt=term, parts=((definition,),)))
        else:
            draft.add(Question(qid, topic, "recall", prompt=term, model_answer=definition))
    return draft


def _name(sep: str) -> str:
    for name, value in NAMED.items():
        if value == sep:
            return f"no {name}"
    return f"no '{sep}'"
