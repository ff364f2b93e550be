"""Text folding: what is left of an answer once case, accents and punctuation are gone.

Both sides of a comparison go through :func:`tokenize`, so a bank answer and a
typed answer agree on every rule here:

- case, accents (é -> e) and quotes/apostrophes (Lenin's -> lenins) are dropped
  from the folded words; the shown words keep every letter the student typed
  (composed: "Томский" is shown as typed, never as "Томскии");
- a range of years is one token however it is written: ``1929–1930``,
  ``1929-30``, ``1929 to 1930`` and ``1929—30`` all become ``1929–1930``;
- dotted initials are one word (N.E.P. is NEP); ``1,000`` is ``1000``;
- number words up to twenty (and the tens) are digits, so "Five-Year Plan" and
  "5 year plan" agree;
- a word with digits in it ("1920s", "5th", "T34") is one token, compared exactly;
- a date is read in any common order: "January 21, 1924", "21st January 1924",
  "1924 January" and "1924, in January" all keep "January 1924" together (the day
  is put before the month, a year written before its month after it); "01/1924" is
  January 1924 and "21/01/1924" 21 January 1924 (day first, unless it cannot be);
- "Gen.", "Sec.", "Govt" and a few other abbreviations are their words;
- a regnal number is its digits: "Henry VIII", "Henry 8", "Henry 8th" and "Henry the
  Eighth" are all "henry 8", and "Henry VII" stays "henry 7" (see :func:`_regnal`);
- hyphens and other punctuation split words; list separators (``, ; / & + | . ! ? :``
  and new lines) are remembered as breaks between words, for reading lists, and
  which separator it was (a comma joins a list, a full stop ends a sentence).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Ignored at the start of an answer (and between the words of a phrase).
ARTICLES = frozenset({"the", "a", "an"})

#: Small words that do not make an answer on their own: a phrase's "content words"
#: exclude them, and a list entry made only of them is not an extra (wrong) part.
STOPWORDS = ARTICLES | frozenset(
    {"of", "in", "on", "and", "or", "for", "to", "by", "with", "at", "from", "as", "into"}
)

#: Words a student wraps an answer in: a list entry made only of these is not a part.
FILLER = STOPWORDS | frozenset(
    {
        "i", "im", "think", "maybe", "probably", "perhaps", "guess", "believe", "sure",
        "not", "etc", "also", "too", "they", "were", "was", "is", "it", "its", "he", "she",
        "them", "these", "those", "this", "that", "ok", "okay", "so", "um", "er", "answer",
        "members", "member", "leaders", "leader", "are", "be", "all", "both",
        "either", "definitely", "obviously", "certainly", "surely", "clearly", "possibly",
        "actually", "really",
    }
)

#: Answers that say "I don't know" (after folding).
NO_ANSWER = frozenset(
    {
        "", "idk", "dk", "dont know", "i dont know", "do not know", "i do not know",
        "dunno", "no idea", "i have no idea", "not sure", "im not sure", "no clue",
        "pass", "skip", "n a", "na", "dont know sorry", "no answer",
    }
)

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
    "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16",
    "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
    "ninety": "90", "hundred": "100",
}

#: Abbreviations a teacher reads as the word ("Gen. Secretary" is General Secretary).
ABBREVIATIONS = {
    "gen": "general", "sec": "secretary", "secy": "secretary", "govt": "government",
    "cttee": "committee", "dept": "department", "intl": "international",
}

RANGE_DASH = "–"
_QUOTES = dict.fromkeys(map(ord, "'\"`´‘’‚‛“”„‟«»‹›′″ʼ"), None)
_DASHES = "-‐‑‒–—―−"
_RANGE = re.compile(
    rf"(?<![\d.,])(\d{{3,4}})(?:\s*[{_DASHES}]+\s*|\s+(?:to|until|till)\s+)(\d{{1,4}})(?![\d])"
    # 1924/25: a slash is a range only before a shortened year (1924/1926 may be a list)
    r"|(?<![\d.,])(\d{3,4})/(\d{1,2})(?![\d])"
    # between 1929 and 1930 ("and" alone may join two separate years in a list)
    r"|\bbetween\s+(\d{3,4})\s+and\s+(\d{1,4})(?![\d])",
    re.IGNORECASE,
)
#: "January of 1924" is "January 1924".
_MONTH_OF = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\s+of\s+(?=\d)",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
#: "January 21, 1924" (and "Jan. 21st 1924") is "21 January 1924": the month and year meet.
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTHS})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+"
    rf"(?=\d{{3,4}}(?![\d{RANGE_DASH}-]))",
    re.IGNORECASE,
)
#: "1924 January" (or "1924, January", "1924, in January") is "January 1924".
_YEAR_MONTH = re.compile(
    rf"(?<![\d{RANGE_DASH}.,/-])\b(\d{{4}})\s*,?\s+(?:in\s+)?({_MONTHS})\b"
    r"(?!\s*\d{3,4})",
    re.IGNORECASE,
)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
#: "21/01/1924" (day first, as in Britain; "01/21/1924" when the day cannot be a month).
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/])")
#: "01/1924" is January 1924.
_MONTH_YEAR = re.compile(r"(?<![\d/.])(0?[1-9]|1[0-2])/(\d{4})(?![\d/])")
#: Separators that join the entries of a list (the rest end a sentence).
LIST_SEPARATORS = frozenset(",;/&+|\n\r\\")
_DOTTED = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]\.){2,}[^\W\d_]?)(?![^\W\d_])")
_DIGIT = re.compile(r"\d")
_THREE_DIGITS = re.compile(r"\d{3}")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})((?:,\d{3})+)(?![\d,])")
_TOKEN = re.compile(
    rf"(?P<range>\d+{RANGE_DASH}\d+)|(?P<num>\d+\.\d+[^\W_]*)"
    r"|(?P<word>[^\W_](?:[^\W_]|[\u0300-\u036f\u0483-\u0489])*)"
    r"|(?P<sep>[,;/&+|.!?:\n\r\\])"
)


@dataclass(frozen=True)
class Tokens:
    """The words of a text: folded for comparing, and as typed (for messages)."""

    #: Folded words: casefolded, accents and quotes gone, number words as digits.
    words: tuple[str, ...]
    #: The same words as written (quotes gone; case, accents and every letter kept).
    shown: tuple[str, ...]
    #: For each word, whether a separator (comma, semicolon, new line...) comes before it.
    breaks: tuple[bool, ...]
    #: For each word, the separator characters just before it ("" for none).
    seps: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.words)

    @property
    def folded(self) -> str:
        """The words joined by single spaces: the answer's comparable form."""
        return " ".join(self.words)


def strip_marks(text: str) -> str:
    """``text`` with accents and other combining marks removed (compatibility-decomposed)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _range(match: re.Match[str]) -> str:
    start, end = (g for g in match.groups() if g is not None)
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    if int(end) <= int(start):
        return match.group(0)
    return f" {start}{RANGE_DASH}{end} "


def fold_word(word: str) -> str:
    """One word as compared: casefolded, marks stripped, number words as digits."""
    folded = word.lower() if word.isascii() else strip_marks(word.casefold())
    return _NUMBER_WORDS.get(folded) or ABBREVIATIONS.get(folded, folded)


def _month_day(match: re.Match[str]) -> str:
    month, day = match.group(1), match.group(2)
    if not 1 <= int(day) <= 31:
        return match.group(0)
    return f"{day} {month} "


def _numeric_date(match: re.Match[str]) -> str:
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if month > 12 >= day:
        day, month = month, day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    return f"{day} {_MONTH_NAMES[month - 1]} {year}"


#: Texts whose words are kept: a question's texts are read when it is compiled and
#: again when its own answers are marked (validate), so a bounded memory suffices.
TOKENIZE_CACHE = 16384


@lru_cache(maxsize=TOKENIZE_CACHE)
def tokenize(text: str) -> Tokens:
    """The words of ``text`` (see the module docstring for the rules); remembered."""
    # Composed, not stripped: the shown words are the student's own ("Томский", not
    # "Томскии"); each word is stripped of its marks as it is folded.
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    elif "'" in text or '"' in text or "`" in text:  # the ASCII ones of _QUOTES
        text = text.translate(_QUOTES)
    if text.count(".") >= 2:  # dotted initials have two dots at least
        text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    if _DIGIT.search(text):
        # Dates, years and ranges all need three digits in a row, "1,000" a comma, and
        # "January of" an "of": without them, the patterns cannot match (the common case).
        year = _THREE_DIGITS.search(text) is not None
        if year and ("/" in text or "." in text):
            text = _NUMERIC_DATE.sub(_numeric_date, text)
            text = _MONTH_YEAR.sub(lambda m: f"{_MONTH_NAMES[int(m.group(1)) - 1]} "
                                             f"{m.group(2)}", text)
        if "," in text:
            text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)
        if year:
            text = _RANGE.sub(_range, text)
        if "of" in text.lower():
            text = _MONTH_OF.sub(r"\1 ", text)
        if year:
            text = _MONTH_DAY_YEAR.sub(_month_day, text)
            text = _YEAR_MONTH.sub(r"\2 \1", text)
    words, shown, seps = scan_ascii(text) if text.isascii() else scan(text)
    _regnal(words, shown, seps)
    return Tokens(tuple(words), tuple(shown), tuple(map(bool, seps)), tuple(seps))


def scan(text: str) -> tuple[list[str], list[str], list[str]]:
    """(folded words, words as written, separators before each) of rewritten ``text``."""
    words: list[str] = []
    shown: list[str] = []
    seps: list[str] = []
    pending = ""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "sep":
            pending += m.group(0)
            continue
        value = m.group(0)
        numeric = kind != "word" or (not value.isalpha() and _DIGIT.search(value) is not None)
        words.append(strip_marks(value.casefold()) if numeric else fold_word(value))
        shown.append(value)
        seps.append(pending)
        pending = ""
    return words, shown, seps


#: :data:`_TOKEN`'s words on ASCII text: no range token (its dash is not ASCII), no marks.
_ASCII_WORD = re.compile(r"\d+\.\d+[A-Za-z0-9]*|[A-Za-z0-9]+")
_ASCII_SPLIT = re.compile(f"({_ASCII_WORD.pattern})")
#: Deletes every ASCII character but the separators :data:`_TOKEN` remembers.
_ONLY_SEPS = dict.fromkeys((c for c in range(128) if chr(c) not in ",;/&+|.!?:\n\r\\"), None)


def scan_ascii(text: str) -> tuple[list[str], list[str], list[str]]:
    """:func:`scan` of an ASCII ``text``, the same lists built without a Python step
    per match: the words are :func:`scan`'s; between two, what is not a separator is
    skipped; a word with a digit folds to itself lowercased, as every other ASCII word
    does before the number words and abbreviations (which have no digits)."""
    parts = _ASCII_SPLIT.split(text)  # [gap, word, gap, word, ..., gap]
    shown, gaps = parts[1::2], parts[0:-1:2]
    seps = ["" if g == " " or not g else g.translate(_ONLY_SEPS) for g in gaps]
    words = [_FOLD_ASCII.get(w, w) for w in _ASCII_WORD.findall(text.lower())]
    return words, shown, seps


#: Number words and abbreviations, one lookup (no word is both): what :func:`fold_word`
#: gives a lowercased ASCII word.
_FOLD_ASCII = {**ABBREVIATIONS, **_NUMBER_WORDS}


_ROMAN = re.compile(r"(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})")
_ORDINAL_DIGITS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_ORDINALS = {w: str(n) for n, w in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth"), start=1)}
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_NUMERAL_STARTS = frozenset("ivx0123456789")


def _roman(numeral: str) -> int:
    total = 0
    for a, b in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[a]
        total += -value if b and _ROMAN_VALUES[b] > value else value
    return total


def _regnal(words: list[str], shown: list[str], seps: list[str]) -> None:
    """A regnal number is its digits: "Henry VIII", "Henry 8th", "Henry the Eighth" are "henry 8".

    Only just after a name (a word, capitalised unless the numeral has two letters or
    more: "henry viii"); a lone "I" only where it ends its list entry ("Stalin I think"
    is no number); an ordinal word only after "the" ("Henry the Eighth").
    """
    n = len(words)
    for i in range(1, n):
        if seps[i]:
            continue
        word, prev = words[i], shown[i - 1]
        if word[0] not in _NUMERAL_STARTS and word not in _ORDINALS:
            continue
        ends = i + 1 == n or bool(seps[i + 1])
        after_name = prev.isalpha() and (prev[0].isupper() or (
            len(word) >= 2 and words[i - 1] not in FILLER))
        if _ROMAN.fullmatch(word) and after_name and (
                len(word) >= 2 or (shown[i].isupper() and prev[0].isupper() and ends)):
            words[i] = str(_roman(word))
        elif (m := _ORDINAL_DIGITS.fullmatch(word)) and prev.isalpha() and prev[0].isupper():
            words[i] = m.group(1)
        elif word in _ORDINALS and i >= 2 and words[i - 1] == "the" and not seps[i - 1] \
                and shown[i - 2].isalpha() and shown[i - 2][0].isupper() \
                and (shown[i][0].isupper() or ends):
            words[i] = _ORDINALS[word]


def fold(text: str) -> str:
    """``text`` reduced to its comparable form: folded words joined by spaces."""
    return tokenize(text).folded


def is_numeric(word: str) -> bool:
    """A number or a range of years: compared exactly, never as a typo."""
    return _DIGIT.search(word) is not None


def year_range(word: str) -> tuple[int, int] | None:
    """(start, end) of a range token such as ``1929–1930``."""
    start, dash, end = word.partition(RANGE_DASH)
    if dash and start.isdecimal() and end.isdecimal():
        return int(start), int(end)
    return None


def is_no_answer(tokens: Tokens) -> bool:
    """Nothing, or a way of saying "I don't know"."""
    return len(tokens.words) <= 5 and tokens.folded in NO_ANSWER
