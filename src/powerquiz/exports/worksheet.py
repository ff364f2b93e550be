"""The layout of a printable worksheet, shared by the markdown and html formats.

:func:`build` turns a bank's selected questions into a neutral :class:`Worksheet`:
the questions numbered 1…n and grouped by topic (in the bank's topic order), each
with what a student needs on paper, then an answer key numbered the same way.
The renderers only decide how each part looks; nothing here is markup.

- choice / multi: options lettered A, B, C…, in the bank's order unless the teacher
  asks for ``--shuffle`` (then shuffled the same way every time, except where the
  question says ``shuffle: false``);
- truefalse: "True / False";
- order: the items shuffled (never in the right order), to number 1…n; the key gives
  the right order on one line, so each key entry carries one number only;
- match: the left column numbered, the right column lettered and shuffled, each
  right-hand answer listed once;
- cloze: the text with numbered blanks;
- short / recall: lines to write on (more for a list answer or a recall question).

What a teacher chooses (:class:`SheetOptions`, the ``export`` options of the same
names): hints are left off the student's sheet unless ``hints``; question ids are left
off the sheet and the key unless ``ids``; ``key=False`` leaves the key off; with
``versions=2`` :func:`build_versions` makes papers A and B, B with its questions (in
each topic) and its options in another order, each paper with its own key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Bank, Question, QuestionType, join_list, parse_gaps
from powerquiz.bank.wording import letter
from powerquiz.exports.common import (
    TypeTable,
    stable_shuffle,
    topic_order,
    topic_title,
    writer_for,
)
from powerquiz.exports.scheme_text import scheme_lines


@dataclass(frozen=True)
class Blank:
    """A numbered gap to fill in, inside a question's text."""

    number: int


#: A piece of a question's text: plain text (may hold newlines) or a blank.
Run = str | Blank


@dataclass(frozen=True)
class Labelled:
    """A choice or a right-hand match item with its letter."""

    label: str
    text: str


@dataclass(frozen=True)
class SheetQuestion:
    number: int
    qid: str
    type: QuestionType
    #: The question's text, with blanks for a cloze.
    prompt: tuple[Run, ...]
    #: What to do, e.g. "Choose one answer."; empty when the prompt says it.
    instruction: str
    choices: tuple[Labelled, ...] = ()
    #: order: the items to number, shuffled.
    items: tuple[str, ...] = ()
    #: match: the left column, to be numbered 1…n.
    left: tuple[str, ...] = ()
    #: match: the right column, lettered.
    right: tuple[Labelled, ...] = ()
    #: Lines to write the answer on (short and recall questions).
    lines: int = 0
    hint: str = ""


@dataclass(frozen=True)
class KeyEntry:
    number: int
    qid: str
    #: The answer, a line each.
    answer: tuple[str, ...]
    explain: str = ""


@dataclass(frozen=True)
class Section:
    topic: str
    title: str
    questions: tuple[SheetQuestion, ...]
    key: tuple[KeyEntry, ...]


@dataclass(frozen=True)
class Worksheet:
    title: str
    description: str
    sections: tuple[Section, ...] = field(default=())
    #: "A", "B"… when there are several versions of the paper; empty for one.
    version: str = ""
    #: Show question ids in the key.
    ids: bool = False
    #: Print the answer key.
    key: bool = True

    @property
    def count(self) -> int:
        return sum(len(s.questions) for s in self.sections)


@dataclass(frozen=True)
class SheetOptions:
    """What the teacher chooses about a printed worksheet."""

    #: Shuffle the options of questions that allow it (the bank's order otherwise).
    shuffle: bool = False
    #: Print the hints on the student's sheet.
    hints: bool = False
    #: Print question ids in the key.
    ids: bool = False
    #: Print the answer key.
    key: bool = True
    #: How many versions of the paper (A, B…), each with its own key.
    versions: int = 1


MAX_VERSIONS = 26

INSTRUCTIONS: dict[str, str] = {
    "short": "Write your answer.",
    "choice": "Choose one answer.",
    "multi": "Choose all the answers that apply.",
    "truefalse": "Circle True or False.",
    "order": "Number these from 1 (first) to {n} (last).",
    "match": "Write the letter of the match next to each number.",
    "cloze": "Fill in the numbered blanks.",
    "recall": "Write your answer, then check it against the key.",
    "explain": "Write your answer ({marks} marks).",
}
#: Writing lines per mark of an explain question.
LINES_PER_MARK = 3
RECALL_LINES = 6


def build(bank: Bank, questions: Sequence[Question],
          options: SheetOptions = SheetOptions(), version: str = "") -> Worksheet:
    """The worksheet of ``questions``, grouped by topic, numbered from 1.

    ``version`` ("A", "B"…) names one paper of several: every version but "A" has its
    questions (within each topic) and its options in an order of its own.
    """
    sections: list[Section] = []
    number = 0
    mixed = bool(version) and version != "A"
    for tid in topic_order(bank, (q.topic for q in questions)):
        group = [q for q in questions if q.topic == tid]
        if mixed:
            group = stable_shuffle(group, bank.id, tid, version, avoid_same=True)
        sheet: list[SheetQuestion] = []
        key: list[KeyEntry] = []
        for q in group:
            number += 1
            shown, entry = layout(bank, q, number, options, version if mixed else "")
            sheet.append(shown)
            key.append(entry)
        sections.append(Section(tid, topic_title(bank, tid), tuple(sheet), tuple(key)))
    return Worksheet(bank.title, bank.description, tuple(sections), version=version,
                     ids=options.ids, key=options.key)


def build_versions(bank: Bank, questions: Sequence[Question],
                   options: SheetOptions = SheetOptions()) -> list[Worksheet]:
    """One worksheet per version the teacher asked for: A, B… (or just one, unnamed)."""
    if options.versions <= 1:
        return [build(bank, questions, options)]
    return [build(bank, questions, options, letter(n))
            for n in range(min(options.versions, MAX_VERSIONS))]


@dataclass
class Layout:
    """What a per-type writer decides about one question on the sheet and in the key."""

    instruction: str
    prompt: tuple[Run, ...]
    answer: list[str]
    choices: tuple[Labelled, ...] = ()
    items: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[Labelled, ...] = ()
    lines: int = 0
    #: Shuffle options that may be shuffled.
    shuffle: bool = False
    #: The seed of every shuffle: the bank and question ids, then the paper's version
    #: for every version but the first.
    seed: tuple[str, ...] = ()
    version: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        """The seed with the version added (the first version's seed is the bare one)."""
        return (*self.seed, self.version) if self.version else self.seed


def _choices(bank: Bank, q: Question, out: Layout) -> None:
    if q.type == "multi" and "all that apply" in q.prompt.casefold():
        out.instruction = ""  # the prompt says it already
    options = list(q.options)
    if q.shuffle and out.shuffle:
        options = stable_shuffle(options, *out.seed)
    if q.shuffle and out.version:  # another version: never in the same order as A's
        options = stable_shuffle(options, *out.key, avoid_same=True)
    out.choices = tuple(Labelled(letter(i), opt) for i, opt in enumerate(options))
    out.answer = [", ".join(f"{c.label} ({c.text})" for c in out.choices
                            if c.text in q.correct)]


def _truefalse(bank: Bank, q: Question, out: Layout) -> None:
    out.choices = (Labelled("", "True"), Labelled("", "False"))


def _order(bank: Bank, q: Question, out: Layout) -> None:
    out.items = tuple(stable_shuffle(q.items, *out.key, avoid_same=True))
    out.instruction = out.instruction.format(n=len(q.items))
    out.answer = [" → ".join(q.items)]


def _match(bank: Bank, q: Question, out: Layout) -> None:
    rights = list(dict.fromkeys(r for _, r in q.pairs))
    out.right = tuple(Labelled(letter(i), r)
                      for i, r in enumerate(stable_shuffle(rights, *out.key)))
    label = {c.text: c.label for c in out.right}
    out.left = tuple(lhs for lhs, _ in q.pairs)
    out.answer = [f"{n} – {label[r]} ({lhs} = {r})" for n, (lhs, r) in enumerate(q.pairs, 1)]


def _cloze(bank: Bank, q: Question, out: Layout) -> None:
    out.prompt = ((q.prompt + "\n",) if q.prompt else ()) + cloze_runs(q.text)
    out.answer = [f"({n}) {_with_alternatives(gap)}" for n, gap in enumerate(q.gaps, 1)]


def _short(bank: Bank, q: Question, out: Layout) -> None:
    out.lines = len(q.parts) + 1 if q.is_list_answer else 2
    if q.is_list_answer:
        out.answer = [join_list([_with_alternatives(p) for p in q.parts])]
    elif q.parts:
        out.answer = [_with_alternatives(q.parts[0] + q.accept)]
    if q.ordered:
        out.answer.append("(in this order)")


def _recall(bank: Bank, q: Question, out: Layout) -> None:
    out.lines = RECALL_LINES


def _explain(bank: Bank, q: Question, out: Layout) -> None:
    out.lines = LINES_PER_MARK * max(1, q.marks)
    out.instruction = out.instruction.replace("{marks}", str(q.marks))
    out.answer = [q.model_answer, *scheme_lines(q)]


#: How each question type is laid out on paper: every type fits.
TYPES: TypeTable[Callable[[Bank, Question, Layout], None]] = {
    "short": _short,
    "choice": _choices,
    "multi": _choices,
    "truefalse": _truefalse,
    "match": _match,
    "order": _order,
    "cloze": _cloze,
    "recall": _recall,
    "explain": _explain,
}


def layout(bank: Bank, q: Question, number: int, options: SheetOptions = SheetOptions(),
           version: str = "") -> tuple[SheetQuestion, KeyEntry]:
    """How ``q`` appears on the sheet, and its entry in the answer key."""
    out = Layout(INSTRUCTIONS[q.type], (q.prompt,), [q.expected], shuffle=options.shuffle,
                 seed=(bank.id, q.id), version=version)
    writer_for(TYPES, q)(bank, q, out)
    shown = SheetQuestion(number, q.id, q.type, out.prompt, out.instruction,
                          choices=out.choices, items=out.items, left=out.left,
                          right=out.right, lines=out.lines,
                          hint=q.hint if options.hints else "")
    return shown, KeyEntry(number, q.id, tuple(out.answer), q.explain)


def cloze_runs(text: str) -> tuple[Run, ...]:
    """A cloze text as its plain pieces with a numbered :class:`Blank` for each gap."""
    runs: list[Run] = []
    pos = 0
    for n, (start, end, _alts) in enumerate(parse_gaps(text), 1):
        if start > pos:
            runs.append(text[pos:start])
        runs.append(Blank(n))
        pos = end
    if pos < len(text):
        runs.append(text[pos:])
    return tuple(runs)


def _with_alternatives(alts: Sequence[str]) -> str:
    """``first (also: second, third)``."""
    if len(alts) <= 1:
        return "".join(alts)
    return f"{alts[0]} (also: {', '.join(alts[1:])})"
