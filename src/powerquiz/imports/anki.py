"""Anki decks (``.apkg``, ``.colpkg``, or a bare collection file) as powerquiz questions.

- Cloze note types → cloze: ``{{c1::answer}}`` (and ``{{c1::answer::hint}}``) becomes the
  gap ``{{answer}}``; the next field ("Back Extra") is the explanation.
- Note types whose cards ask to type a field (``{{type:Back}}``, as "Basic (type in
  the answer)") → short, with the typed field as the answer.
- Basic and Basic (and reversed card) → recall: the front asked, the back as the model
  answer.  Notes of any other note type are read the same way from their first two
  fields, and counted in a warning.
- Fields called Hint, Explanation, Extra or Back Extra become the hint and explanation;
  "Also accepted" (powerquiz's own export) becomes accepted answers.
- The deck of the note's first card is its topic: ``History::Russia`` has the id
  ``history-russia`` and the title "Russia"; tags stay tags; the note's GUID is its id.
  Notes of powerquiz's own note types carry their topic id as their first tag.
- Fields are HTML: they become plain text (:mod:`powerquiz.imports.htmltext`); media
  references are dropped and counted.
"""

from __future__ import annotations

import re

from powerquiz.bank.model import Question
from powerquiz.imports.anki_package import Note, NoteType, read_collection
from powerquiz.imports.base import Draft, Options, clean, slug
from powerquiz.imports.htmltext import html_to_text

_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
KNOWN_BASIC = ("Basic", "Basic (and reversed card)")
OUR_TYPES = ("powerquiz basic", "powerquiz type-in", "powerquiz cloze")
_EXPLAIN = ("explanation", "extra", "back extra")
MEDIA = "media references dropped (images, sounds, videos)"


class _Mapper:
    def __init__(self, draft: Draft, options: Options) -> None:
        self.draft, self.options = draft, options

    def text(self, html: str) -> str:
        out, media = html_to_text(html)
        if media:
            self.draft.warn(MEDIA, media)
        return clean(out)

    def named(self, nt: NoteType, note: Note, *names: str) -> str:
        for n, field_name in enumerate(nt.fields):
            if field_name.casefold() in names and n < len(note.fields):
                return self.text(note.fields[n])
        return ""

    def topic(self, deck: tuple[str, ...]) -> str:
        if self.options.topic:
            return self.draft.topic(self.options.topic)
        return self.draft.topic(deck[-1], slug("-".join(deck), fallback="default"))

    def note(self, nt: NoteType, note: Note, where: str) -> Question | None:
        fields = [self.text(f) for f in note.fields]
        topic = self.topic(note.deck)
        tags = tuple(t for t in note.tags if t)
        if nt.name in OUR_TYPES and tags and not self.options.topic:
            # powerquiz's own export tags each note with its topic id first.
            topic, tags = self.draft.topic(note.deck[-1], tags[0]), tags[1:]
        hint = self.named(nt, note, "hint")
        explain = self.named(nt, note, *_EXPLAIN)
        if nt.cloze:
            return self._cloze(nt, note, topic, hint, explain, tags, where)
        if len(fields) < 2 or not fields[0] or not fields[1]:
            self.draft.skip("a note with an empty front or back", where)
            return None
        qid = self.draft.new_id(note.guid, fields[0], "anki")
        if nt.typed and nt.typed[0] in nt.fields:
            answer = fields[nt.fields.index(nt.typed[0])]
            also = self.named(nt, note, "also accepted")
            accept = tuple(a.strip() for a in also.split("; ") if a.strip()) if also else ()
            return Question(qid, topic, "short", prompt=fields[0], parts=((answer,),),
                            accept=accept, hint=hint, explain=explain, tags=tags)
        if nt.name not in KNOWN_BASIC and nt.name not in OUR_TYPES:
            self.draft.warn(f"notes of other note types read as recall from their first "
                            f"two fields ({nt.name})")
        return Question(qid, topic, "recall", prompt=fields[0], model_answer=fields[1],
                        hint=hint, explain=explain, tags=tags)

    def _cloze(self, nt: NoteType, note: Note, topic: str, hint: str, explain: str,
               tags: tuple[str, ...], where: str) -> Question | None:
        raw = note.fields[0] if note.fields else ""
        answers: list[str] = []

        def gap(m: re.Match[str]) -> str:
            answer = self.text(m.group(1))
            answers.append(answer)
            return "\ue020" + str(len(answers) - 1) + "\ue021"

        marked = _CLOZE.sub(gap, raw)
        if not answers or any(not a or "|" in a or "{{" in a or "}}" in a for a in answers):
            self.draft.skip("a cloze note with no gap, an empty gap, or '|' or braces in "
                            "an answer", where)
            return None
        gaps = [[a] for a in answers]
        for n, alts in _also_by_gap(self.named(nt, note, "also accepted")):
            if 0 < n <= len(gaps):
                gaps[n - 1] += [a for a in alts if a and "|" not in a and "}}" not in a]
        text = re.sub("\ue020([0-9]+)\ue021",
                      lambda m: "{{" + "|".join(gaps[int(m.group(1))]) + "}}", self.text(marked))
        prompt = self.named(nt, note, "prompt")
        if nt.name not in OUR_TYPES and not explain and len(note.fields) > 1:
            explain = self.text(note.fields[1])
        qid = self.draft.new_id(note.guid, text, "anki")
        return Question(qid, topic, "cloze", prompt=prompt, text=text,
                        gaps=tuple(tuple(g) for g in gaps), hint=hint, explain=explain,
                        tags=tags)


def _also_by_gap(also: str) -> list[tuple[int, list[str]]]:
    """powerquiz's "Also accepted" of a cloze: ``(2) a / b; (3) c`` → [(2, [a, b]), (3, [c])]."""
    pieces = re.split(r"(?:^|; )\(([0-9]+)\) ", also)
    return [(int(n), alts.split(" / ")) for n, alts in zip(pieces[1::2], pieces[2::2],
                                                          strict=True)]


def read(data: bytes, source: str, options: Options, fmt: str = "anki") -> Draft:
    col = read_collection(data, source)
    draft = Draft(source, fmt)
    mapper = _Mapper(draft, options)
    roots = {n.deck[0] for n in col.notes if len(n.deck) > 1}
    if len(roots) == 1 and all(len(n.deck) > 1 for n in col.notes):
        draft.title = roots.pop()
    for note in col.notes:
        where = f"{source}: note {note.nid}"
        nt = col.notetypes.get(note.notetype)
        if nt is None:
            draft.skip("a note whose note type is missing from the collection", where)
            continue
        q = mapper.note(nt, note, where)
        if q is not None:
            draft.add(q)
    return draft
