"""What every import format shares: the options, the draft bank, ids, and failures.

A format module reads the bytes of one file and fills a :class:`Draft`: questions
(built as :class:`powerquiz.bank.model.Question`), topics, and a record of everything
it skipped, with where it was.  It never prints and never writes files; on input it
cannot read it raises :class:`ImportFailure` with a located message, and nothing is
written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from powerquiz.bank.model import Bank, Point, Question, Topic
from powerquiz.bank.wording import CONTROL

#: The ids and topic ids the bank format accepts (``powerquiz.bank.loader.SLUG``).
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
#: A readable id is cut at this many characters (at a word boundary where one is near).
MAX_SLUG = 48
#: How many ids or places a summary names for each kind of thing skipped.
FIRST_FEW = 5


class ImportFailure(Exception):
    """The file cannot be imported; ``str()`` is the located, plain-English reason."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Options:
    """What the teacher chose on the command line."""

    bank_id: str = ""
    title: str = ""
    #: Put every question in this topic instead of the source's decks or categories.
    topic: str = ""
    #: Quizlet: between term and definition, and between cards ("" = guess).
    sep: str = ""
    card_sep: str = ""


@dataclass
class Draft:
    """The bank being built from a source file."""

    source: str
    fmt: str
    bank_id: str = ""
    title: str = ""
    description: str = ""
    questions: list[Question] = field(default_factory=list)
    #: Learning points (only powerquiz's own CSV and JSON files have them).
    points: list[Point] = field(default_factory=list)
    #: topic id -> title, in the order met.
    topics: dict[str, str] = field(default_factory=dict)
    #: reason -> the ids or places of what was skipped for it, in order.
    skipped: dict[str, list[str]] = field(default_factory=dict)
    #: reason -> how many times it happened (media dropped, unsafe markup removed…).
    warnings: Counter[str] = field(default_factory=Counter)
    #: Keep topics no question uses (powerquiz's own files list every topic on purpose).
    keep_all_topics: bool = False
    _ids: set[str] = field(default_factory=set)

    def topic(self, title: str, tid: str = "") -> str:
        """The id of topic ``title``: ``tid`` when it is a valid id no other topic has, else
        one made from it or the title (categories "0:" and "0" are two topics, not one)."""
        title = clean(title) or "Imported"
        if SLUG.match(tid) and self.topics.get(tid, title) == title:
            self.topics[tid] = title
            return tid
        for known, known_title in self.topics.items():
            if known_title == title:
                return known
        base = slug(tid or title, fallback="imported")
        tid, n = base, 2
        while tid in self.topics:
            tid, n = f"{base}-{n}", n + 1
        self.topics[tid] = title
        return tid

    def new_id(self, wanted: str, prompt: str, prefix: str = "") -> str:
        """A unique question id: ``wanted`` made an id when given, else a slug of ``prompt``."""
        base = source_id(wanted, prefix) if wanted else slug(prompt, fallback="question")
        qid, n = base, 2
        while qid in self._ids:
            qid, n = f"{base}-{n}", n + 1
        self._ids.add(qid)
        return qid

    def add(self, q: Question) -> None:
        self.questions.append(q)

    def skip(self, reason: str, where: str) -> None:
        self.skipped.setdefault(reason, []).append(where)

    def warn(self, reason: str, n: int = 1) -> None:
        self.warnings[reason] += n


@dataclass(frozen=True)
class ImportResult:
    """The bank read from a file, with what was skipped and what to warn about."""

    bank: Bank
    fmt: str
    skipped: dict[str, list[str]]
    warnings: dict[str, int]

    def counts(self) -> dict[str, int]:
        """How many questions of each type, in the order the types are first met."""
        return dict(Counter(q.type for q in self.bank.questions))

    def summary(self) -> list[str]:
        """One line for the import, then one per kind of thing skipped or warned about."""
        n = len(self.bank.questions)
        kinds = ", ".join(f"{k} {t}" for t, k in self.counts().items()) or "none"
        lines = [f"imported {n} question{'s' if n != 1 else ''} from {self.fmt} ({kinds})"]
        for reason, places in self.skipped.items():
            few = ", ".join(places[:FIRST_FEW]) + (", …" if len(places) > FIRST_FEW else "")
            lines.append(f"skipped {len(places)} ({reason}): {few}")
        for reason, count in self.warnings.items():
            lines.append(f"warning: {reason}: {count}")
        return lines


def clean(text: str) -> str:
    """Text fit for a bank: control characters dropped, line ends made ``\\n``, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text).strip()


def slug(text: str, fallback: str = "imported") -> str:
    """A readable id from ``text``: lower case ASCII words joined by ``-``, not too long."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        nxt = f"{out}-{word}" if out else word
        if len(nxt) > MAX_SLUG:
            break
        out = nxt
    if not out and words:
        out = words[0][:MAX_SLUG]
    return out or fallback


def source_id(raw: str, prefix: str = "") -> str:
    """The source's own id as a bank id: kept when it already is one, else made one.

    With ``prefix`` (an Anki GUID such as ``b!4Xq``, case-sensitive and unreadable) the id
    is the prefix and a short hash of the GUID: ``anki-1f0c2a9e``; a name (a GIFT title,
    a Moodle idnumber) becomes its slug.
    """
    if SLUG.match(raw):
        return raw
    if prefix:
        return f"{prefix}-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:8]}"
    return slug(raw, fallback="question")


def finish(draft: Draft, options: Options) -> ImportResult:
    """The draft as a bank, with the teacher's id, title and topic applied."""
    topics = draft.topics
    questions = draft.questions
    points = draft.points
    if options.topic:
        tid = slug(options.topic, fallback="imported")
        topics = {tid: clean(options.topic) or tid}
        questions = [dataclasses.replace(q, topic=tid) for q in questions]
        points = [dataclasses.replace(p, topic=tid) for p in points]
    used = {q.topic for q in questions} | {p.topic for p in points}
    if draft.keep_all_topics and not options.topic:
        used |= set(topics)
    stem = PurePath(draft.source).stem
    bank_id = options.bank_id or draft.bank_id or slug(draft.title or stem)
    bank = Bank(
        id=slug(bank_id, fallback="imported") if not SLUG.match(bank_id) else bank_id,
        title=clean(options.title or draft.title) or f"Imported from {PurePath(draft.source).name}",
        description=draft.description,
        topics=tuple(Topic(t, title) for t, title in topics.items() if t in used),
        points=tuple(points),
        questions=tuple(questions),
    )
    return ImportResult(bank, draft.fmt, dict(draft.skipped), dict(draft.warnings))
