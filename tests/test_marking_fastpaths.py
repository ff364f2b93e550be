"""The marker's cheaper paths give exactly what the general ones give.

Validate marks every model answer of a bank, so a few steps have a cheaper path for
the common case: ASCII text is split into words without a Python step per match
(:func:`~powerquiz.marking.normalize.scan_ascii`), a lexicon builds only its set of
known words until a word is unknown, a typed answer whose every word is known skips
the typo search, a phrase written exactly is named before its words are read, an
answer with no word of ending skips that check, and the self-check takes its verdict
from the marker's outcome without making the whole mark.  Each is compared here with
the general path it stands for (the last on every bank and on generated answers).
"""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from powerquiz.bank import load, load_bank
from powerquiz.bank.bundled import bundled_bank_path
from powerquiz.bank.model import Question
from powerquiz.marking import mark, model_answers
from powerquiz.marking.compiled import compiled, resolve
from powerquiz.marking.normalize import scan, scan_ascii, tokenize
from powerquiz.marking.oneline import ended_everywhere, said_ended
from powerquiz.marking.phrases import phrase_words, read_typed
from powerquiz.marking.selfcheck import full_marks
from powerquiz.marking.typos import Lexicon

#: Letters, digits and every kind of character the scanner treats apart: separators,
#: characters it skips (hyphens, brackets, spaces), dots inside numbers.
ASCII_TEXT = st.text(alphabet=string.ascii_letters[:6] + "XIV" + "0129" + " .,;/&+|!?:\n\r\\-()_'*",
                     max_size=40)
WORDS = ["Stalin", "Trotsky", "Tomsky", "NEP", "OGPU", "1928", "Five-Year", "Plan", "Right",
         "Opposition", "kulaks", "collectivisation", "Henry VIII", "the", "of"]


def lexicon_words(texts: list[str]) -> list[tuple[str, str, bool]]:
    """(folded, shown, acronym) for each word of ``texts``, as a lexicon is given them."""
    return [(folded, shown, len(shown) >= 2 and shown.isalpha() and shown.isupper())
            for text in texts
            for folded, shown in zip(tokenize(text).words, tokenize(text).shown, strict=True)]


class TestAsciiScan:
    """scan_ascii splits ASCII text exactly as the general scanner does."""

    @given(ASCII_TEXT)
    def test_same_words_shown_and_separators(self, text: str) -> None:
        """Any ASCII text: the same folded words, words as written and separators."""
        assert scan_ascii(text) == scan(text)

    def test_number_words_abbreviations_and_decimals(self) -> None:
        """Number words, abbreviations, words with digits and decimals fold alike."""
        text = "Five-Year Plan, Gen. Sec. 1.5x T34; 5th / twenty"
        assert scan_ascii(text) == scan(text)
        assert scan_ascii(text)[0][:2] == ["5", "year"]


class TestLazyLexicon:
    """A lexicon built from tokenized texts reads every word as one built from its words."""

    @given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
           st.lists(st.sampled_from([*WORDS, "Trotskiy", "Stalni", "Tomskii", "NEF", "Rihgt",
                                     "Oppositoin", "kulak", "1929", "xyz"]), max_size=6))
    def test_same_resolution_and_shown_words(self, known: list[str], typed: list[str]) -> None:
        """Each word resolves, and each known word is shown, as by the eager lexicon."""
        eager = Lexicon(lexicon_words(known))
        lazy = Lexicon(texts=[tokenize(t) for t in known])
        for word in {w for t in [*known, *typed] for w in tokenize(t).words}:
            assert (word in lazy) == (word in eager)
            assert lazy.resolve(word) == eager.resolve(word)
            assert lazy.shown(word) == eager.shown(word)


class TestKnownWordsRead:
    """A typed answer of known words is read as word-by-word resolution reads it."""

    @given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
           st.lists(st.sampled_from(WORDS), max_size=6))
    def test_same_typed_answer(self, known: list[str], typed_words: list[str]) -> None:
        """The fast reading equals the general one (a lexicon told it knows nothing)."""

        class Unsure(Lexicon):
            def knows_all(self, words: object) -> bool:
                return False

        text = " ".join(typed_words)
        fast = read_typed(text, Lexicon(lexicon_words(known)))
        slow = read_typed(text, Unsure(lexicon_words(known)))
        assert fast == slow


class TestEndingShortcut:
    """said_ended skips an answer with no word of ending, with the full check's verdict."""

    @given(st.lists(st.sampled_from([*WORDS, "ending", "scrapped", "not", "abolish", ","]),
                    max_size=7),
           st.sampled_from(["Which policy did the Right want to keep?",
                            "Which policy did Stalin abandon in 1928?", "Who led the Left?"]))
    def test_same_as_the_full_check(self, typed_words: list[str], prompt: str) -> None:
        """Any answer to any prompt: the shortcut agrees with the check worked out in full."""
        q = Question(id="q", topic="t", type="short", prompt=prompt, parts=(("NEP",),))
        c = compiled(q)
        typed = read_typed(" ".join(typed_words), c.lexicon)
        assert said_ended(q, typed, c.alts) == ended_everywhere(q, typed, c.alts)

    def test_an_ending_answer_is_still_refused(self) -> None:
        """'ending NEP' for a prompt that keeps NEP is still wrong."""
        q = Question(id="q", topic="t", type="short", parts=(("NEP",),),
                     prompt="Which policy did the Right want to keep?")
        c = compiled(q)
        found = said_ended(q, read_typed("ending NEP", c.lexicon), c.alts)
        assert found is not None and found.score == 0.0


class TestPhraseWords:
    """phrase_words returns words without articles at once the same as after dropping none."""

    @given(st.lists(st.sampled_from(["the", "a", "an", "Plan", "NEP", "of", "left", "A"]),
                    max_size=6))
    def test_same_as_dropping_articles(self, words: list[str]) -> None:
        """Articles dropped but a final "a"; all-article words kept; others unchanged."""
        last = len(words) - 1
        kept = tuple(w for i, w in enumerate(words)
                     if w not in ("the", "a", "an") or (w == "a" and i == last > 0))
        assert phrase_words(words) == (kept or tuple(words))


class TestExactPhrase:
    """resolve names a phrase written exactly as the bank writes it before reading words."""

    @given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True),
           st.sampled_from(["", " ", "  the ", "1", "2 ", "NEP", "the Plan", "Stalin, Tomsky"]),
           st.booleans())
    def test_same_as_reading_the_words(self, items: list[str], extra: str,
                                       exact: bool) -> None:
        """An item as written, or any other text: the same reference as the full reading."""
        q = Question(id="q", topic="t", type="order", prompt="Order them", items=tuple(items))
        c = compiled(q)
        text = f" {items[0].upper()} " if exact else extra
        full = resolve(text, c.items, c, typed=read_typed(text, c.lexicon))
        assert resolve(text, c.items, c) == full


def every_bank_question() -> list[Question]:
    """Every question of the bundled bank and of each test bank (none named heldout5)."""
    data = Path(__file__).resolve().parent / "data"
    paths = [bundled_bank_path(), *(p for p in sorted(data.glob("*.yaml"))
                                    if "heldout5" not in p.name)]
    questions: list[Question] = []
    for path in paths:
        bank, _ = load(path)
        if bank is not None:
            questions += bank.questions
    return questions


class TestFullMarksWithoutTheMark:
    """The self-check's verdict from the marker's outcome is mark()'s verdict."""

    def test_every_model_and_wrong_answer_of_every_bank(self) -> None:
        """Each model answer and wrong: entry of every bank: full_marks == mark().correct."""
        questions = every_bank_question()
        assert len(questions) > 50
        checked = 0
        for q in questions:
            c = compiled(q)
            answers = [a for _k, _w, a in model_answers(q)] + [w.text for w in q.wrong]
            for answer in answers:
                assert full_marks(q, c, answer) == mark(q, answer).correct, (q.id, answer)
                checked += 1
        assert checked > 100

    @given(st.data())
    def test_any_answer(self, data: st.DataObject) -> None:
        """A generated answer to a bank question: the same verdict as mark()."""
        q = data.draw(st.sampled_from(BANK_QUESTIONS))
        words = [w for t in (*model_texts(q), q.prompt) for w in t.split()] or ["x"]
        answer = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=6)))
        assert full_marks(q, compiled(q), answer) == mark(q, answer).correct


def model_texts(q: Question) -> list[str]:
    """The texts of ``q``'s model answers and wrong: entries."""
    return [a if isinstance(a, str) else str(a) for _k, _w, a in model_answers(q)] + \
        [w.text for w in q.wrong]


BANK_QUESTIONS = [q for q in load_bank(bundled_bank_path()).questions if q.type != "recall"]
