"""The Moodle rules the GIFT and XML exports share.

- the grades Moodle allows (:data:`GRADES`, :func:`percent`) and the weights of a
  multiple-answer question (:func:`multi_weights`);
- what Moodle refuses (:func:`why_not`: a match with fewer than 3 pairs, a multi with
  over 20 right options, a question with no complete right answer);
- the category of a topic (:func:`topic_category`), the same path in both formats:
  ``$course$/top/<bank title>/<topic title>``.  A ``/`` inside a title is doubled, as
  Moodle's ``assemble_category_path`` does.  Markup in a title is *escaped*, not
  stripped: ``&``, ``<``, ``>`` (and ``\\``) become ``&amp;``, ``&lt;``, ``&gt;`` (and
  ``&#92;``), so Moodle (which strips tags from category names) shows ``<B>`` as
  written and no title can carry markup such as ``<script>`` into a course;
- the gap syntax of Moodle's cloze (multianswer) questions (:func:`shortanswer_gap`),
  which the XML export uses for clozes and list answers;
- short answers with ``*`` made literal (:func:`wildcard_safe`), plain text as HTML
  (:func:`to_html`), and the bank's feedback for an option (:func:`option_feedback`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

from powerquiz.bank.model import Bank, Question, parse_gaps
from powerquiz.bank.wording import one_line
from powerquiz.exports.common import topic_title

# -- what Moodle allows ------------------------------------------------------------------

#: Moodle's grades (``question_bank::fraction_options_full``), as the exact fractions they
#: stand for, with the percentage Moodle writes for each.  A grade outside this list
#: makes Moodle's importer reject the question.
GRADES: tuple[tuple[Fraction, str], ...] = (
    (Fraction(1), "100"),
    (Fraction(9, 10), "90"),
    (Fraction(5, 6), "83.33333"),
    (Fraction(4, 5), "80"),
    (Fraction(3, 4), "75"),
    (Fraction(7, 10), "70"),
    (Fraction(2, 3), "66.66667"),
    (Fraction(3, 5), "60"),
    (Fraction(1, 2), "50"),
    (Fraction(2, 5), "40"),
    (Fraction(1, 3), "33.33333"),
    (Fraction(3, 10), "30"),
    (Fraction(1, 4), "25"),
    (Fraction(1, 5), "20"),
    (Fraction(1, 6), "16.66667"),
    (Fraction(1, 7), "14.28571"),
    (Fraction(1, 8), "12.5"),
    (Fraction(1, 9), "11.11111"),
    (Fraction(1, 10), "10"),
    (Fraction(1, 20), "5"),
)
_PERCENT = dict(GRADES)

#: Moodle's matching question needs at least this many pairs.
MIN_MATCH_PAIRS = 3
#: The smallest grade Moodle allows is 5%, so at most 20 right options can share 100%.
MAX_RIGHT_OPTIONS = 20
#: ``question_bank_entries.idnumber`` is a 100-character column.
MAX_IDNUMBER = 100

TOO_FEW_PAIRS = f"Moodle needs at least {MIN_MATCH_PAIRS} pairs in a matching question"
TOO_MANY_RIGHT = (
    f"Moodle's grades cannot share 100% among more than {MAX_RIGHT_OPTIONS} right options"
)
#: For banks built in code that skipped the loader's checks: nothing Moodle could mark.
NO_ANSWER = "the question has no complete right answer (check it with 'powerquiz validate')"


def percent(weight: Fraction) -> str:
    """The percentage Moodle writes for an allowed grade (or its negative): ``-33.33333``."""
    if weight == 0:
        return "0"
    text = _PERCENT[abs(weight)]
    return f"-{text}" if weight < 0 else text


def multi_weights(right: int, wrong: int) -> tuple[tuple[Fraction, ...], Fraction] | None:
    """The grades of a multiple-answer question with ``right`` and ``wrong`` options.

    Returns the weights of the right options (largest first; they add up to exactly
    100%) and the penalty of each wrong option (0 or negative): the smallest one
    Moodle allows that makes ticking every option score at most 0.  Equal weights are
    used where Moodle has one (up to 10 right options, and 20); otherwise two
    neighbouring grades, e.g. 11 right options: nine at 10% and two at 5%.
    None when the right options cannot share 100% (more than 20 of them).
    """
    if right < 1 or right > MAX_RIGHT_OPTIONS:
        return None
    grades = [g for g, _ in GRADES]
    shares: tuple[Fraction, ...] | None = None
    for g in grades:
        if g * right == 1:
            shares = (g,) * right
            break
    if shares is None:
        best: tuple[Fraction, tuple[Fraction, ...]] | None = None
        for hi in grades:
            for lo in grades:
                if lo >= hi:
                    continue
                for n_hi in range(1, right):
                    if n_hi * hi + (right - n_hi) * lo == 1:
                        candidate = (hi - lo, (hi,) * n_hi + (lo,) * (right - n_hi))
                        if best is None or candidate[0] < best[0]:
                            best = candidate
        if best is None:  # pragma: no cover - 1..20 always has a split (10% and 5%)
            return None
        shares = best[1]
    penalty = Fraction(0)
    if wrong:
        penalty = -min(g for g in grades if g * wrong >= 1)
    return shares, penalty


def category_path(names: Iterable[str]) -> str:
    """A Moodle category path from its names: ``/`` inside a name doubled, as Moodle does."""
    out: list[str] = []
    for name in names:
        escaped = one_line(name).replace("/", "//")
        if escaped.startswith("/"):
            escaped = " " + escaped
        if escaped.endswith("/"):
            escaped = escaped + " "
        out.append(escaped)
    return "/".join(out)


def wildcard_safe(answer: str) -> str:
    """A short answer with ``*`` (Moodle's wildcard) made literal: ``\\*``."""
    return answer.replace("*", "\\*")


def category_name(title: str) -> str:
    """A title as one category name: on one line, its markup escaped (never stripped).

    A backslash becomes ``&#92;`` too: Moodle's GIFT reader would take ``\\:`` or
    ``\\\\`` in a ``$CATEGORY`` line for its own escapes and never undo them there.
    """
    return html.escape(one_line(title), quote=False).replace("\\", "&#92;")


def topic_category(bank: Bank, topic_id: str) -> str:
    """The category path of a topic's questions, the same for GIFT and Moodle XML."""
    names = [bank.title or bank.id, topic_title(bank, topic_id)]
    return category_path(["$course$", "top", *map(category_name, names)])


def option_feedback(q: Question, answer: str) -> str:
    """The feedback the bank gives for ``answer`` among the known wrong answers, if any."""
    folded = answer.casefold()
    for w in q.wrong:
        if w.text.casefold() == folded:
            return w.feedback
    return ""


def _choices_answer(q: Question) -> bool:
    return bool(q.correct) and set(q.correct) <= set(q.options) and \
        (q.type == "multi" or len(q.correct) == 1)


def _cloze_answer(q: Question) -> bool:
    gaps = parse_gaps(q.text)
    return bool(gaps) and all(alts for _, _, alts in gaps)


#: Whether a question of each type has a complete right answer (types missing here have
#: nothing to check: a true/false, match or recall question is complete once loaded).
_ANSWER_CHECKS: dict[str, Callable[[Question], bool]] = {
    "short": lambda q: bool(q.parts) and all(q.parts),
    "choice": _choices_answer,
    "multi": _choices_answer,
    "order": lambda q: len(q.items) >= 2,
    "cloze": _cloze_answer,
}


def why_not(q: Question) -> str | None:
    """Why Moodle cannot take ``q``, or None."""
    check = _ANSWER_CHECKS.get(q.type)
    if check is not None and not check(q):
        return NO_ANSWER
    if q.type == "match" and len(q.pairs) < MIN_MATCH_PAIRS:
        return TOO_FEW_PAIRS
    if q.type == "multi" and len(q.correct) > MAX_RIGHT_OPTIONS:
        return TOO_MANY_RIGHT
    return None


def to_html(text: str) -> str:
    """Plain text as HTML: escaped, with its line breaks kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(html.escape(line, quote=False) for line in lines)


#: Characters written as numeric references inside a cloze gap: the gap syntax's own
#: (``~ # } = %``, ``{`` and the escape ``\\``), what Moodle's docs ask to escape
#: (``/ "``), and HTML's (``& < > '``), since Moodle HTML-decodes a gap's answers.
_GAP_SPECIAL = frozenset('~#{}\\=%/"&<>\'')
_BACKSLASH_BEFORE = re.compile(r"\\(?=[}#])")


def _gap_text(text: str) -> str:
    # After decoding, Moodle turns "\}" into "}" and "\#" into "#": a backslash the
    # text really has before } or # is doubled so that one survives.
    text = _BACKSLASH_BEFORE.sub(r"\\\\", one_line(text))
    return "".join(f"&#{ord(c)};" if c in _GAP_SPECIAL else c for c in text)


def gap_answer(answer: str) -> str:
    """A short answer as written inside a cloze gap (decoded back by Moodle's importer)."""
    return _gap_text(wildcard_safe(answer))


def gap_feedback(feedback: str) -> str:
    """Feedback inside a cloze gap: HTML, then protected like an answer."""
    return _gap_text(html.escape(feedback, quote=False))


def cloze_prose(text: str) -> str:
    """Running text of a cloze question: HTML with ``{`` and ``}`` unable to start a gap."""
    return to_html(text).replace("{", "&#123;").replace("}", "&#125;")


def shortanswer_gap(rights: Sequence[str], wrongs: Sequence[tuple[str, str]]) -> str:
    """``{1:SHORTANSWER:=a~=b~%0%wrong#feedback}`` (case is ignored, as in powerquiz)."""
    alts = [f"={gap_answer(a)}" for a in dict.fromkeys(rights)]
    taken = {a.casefold() for a in rights}
    for text, feedback in wrongs:
        if text.casefold() in taken:
            continue
        taken.add(text.casefold())
        alt = f"%0%{gap_answer(text)}"
        if feedback:
            alt += f"#{gap_feedback(feedback)}"
        alts.append(alt)
    return "{1:SHORTANSWER:" + "~".join(alts) + "}"
