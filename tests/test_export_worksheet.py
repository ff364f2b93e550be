"""The printable worksheets: markdown and html, built from one shared layout."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.exports import html as html_format
from powerquiz.exports import markdown, worksheet
from powerquiz.exports.worksheet import Blank, SheetOptions

HOSTILE = """\
bank: hostile
title: "<script>alert(1)</script> *bold* # not a heading"
description: |
  - not a list
  1. not a numbered list
  > not a quote
topics:
  evil: "<b>Evil</b> | pipes"
questions:
  - id: script-choice
    topic: evil
    type: choice
    prompt: "<script>alert(1)</script> [link](javascript:alert(1))"
    options: ["{=~#:}", "<img src=x onerror=alert(1)>", "a | b", "_under_"]
    answer: "{=~#:}"
    explain: "<script>alert(2)</script>"
    hint: "`code` & <i>"
  - id: script-match
    topic: evil
    type: match
    prompt: Match
    pairs: {"<script>": "|x|", "b": "|x|", "c": "*y*"}
    explain: e
  - id: script-cloze
    topic: evil
    type: cloze
    text: "<script>{{x}}</script> and {{*y*}}"
    explain: e
"""


class _Collect(HTMLParser):
    """The tags and text of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> _Collect:
    p = _Collect()
    p.feed(page)
    p.close()
    return p


@pytest.fixture
def hostile(make_bank: Callable[[str], Bank]) -> Bank:
    return make_bank(HOSTILE)


class TestLayout:
    """Worksheet layout: numbering, lettered choices, answer key, match and cloze blanks."""
    def test_numbered_and_grouped_by_topic(self, mini: Bank) -> None:
        """Questions are numbered 1…n across the sheet, grouped by topic in the bank's order."""
        sheet = worksheet.build(mini, mini.questions)
        assert [s.topic for s in sheet.sections] == ["factions", "economy"]
        numbers = [q.number for s in sheet.sections for q in s.questions]
        assert numbers == list(range(1, len(mini.questions) + 1))
        assert [q.qid for q in sheet.sections[1].questions] == ["nep-tf", "cloze-one",
                                                                  "recall-one"]

    def test_key_numbered_like_the_sheet(self, mini: Bank) -> None:
        """The answer key has one entry per question with the same number."""
        sheet = worksheet.build(mini, mini.questions)
        for section in sheet.sections:
            assert [(k.number, k.qid) for k in section.key] == \
                [(q.number, q.qid) for q in section.questions]

    def test_choices_lettered_and_key_names_letter(self, mini: Bank) -> None:
        """Choices are lettered A, B, C…, and the key gives the right letter and option."""
        sheet = worksheet.build(mini, mini.select(types=["choice"]))
        q, k = sheet.sections[0].questions[0], sheet.sections[0].key[0]
        assert [c.label for c in q.choices] == ["A", "B", "C", "D"]
        right = next(c for c in q.choices if c.text == "1926")
        assert k.answer == (f"{right.label} (1926)",)

    def test_unshuffled_choices_keep_their_order(self, mini: Bank) -> None:
        """A question with shuffle: false lists its options as written."""
        original = mini.question("left-removed-year")
        assert original is not None
        q = dataclasses.replace(original, shuffle=False)
        sheet = worksheet.build(mini, [q])
        assert [c.text for c in sheet.sections[0].questions[0].choices] == list(q.options)

    def test_instruction_not_repeated(self, mini: Bank) -> None:
        """A multi prompt that says "choose all that apply" gets no second instruction."""
        original = mini.question("left-members")
        assert original is not None
        q = dataclasses.replace(original, prompt="Who? Choose all that apply.")
        shown = worksheet.build(mini, [q]).sections[0].questions[0]
        assert shown.instruction == ""
        assert "*Choose" not in str(markdown.export(mini, [q]).data)
        assert 'class="instruction"' not in str(html_format.export(mini, [q]).data)

    def test_layout_is_deterministic(self, mini: Bank) -> None:
        """The same bank gives the same sheet every time."""
        assert worksheet.build(mini, mini.questions) == worksheet.build(mini, mini.questions)

    def test_order_items_never_in_order(self, mini: Bank) -> None:
        """Items to put in order are never shown already in the right order."""
        q = next(q for s in worksheet.build(mini, mini.questions).sections
                 for q in s.questions if q.type == "order")
        original = mini.question("sequence")
        assert original is not None
        assert sorted(q.items) == sorted(original.items)
        assert list(q.items) != list(original.items)

    def test_match_columns(self, mini: Bank) -> None:
        """Match lists number the left column and letter each distinct right answer once."""
        sheet = worksheet.build(mini, mini.select(types=["match"]))
        q, k = sheet.sections[0].questions[0], sheet.sections[0].key[0]
        assert q.left == ("Trotsky", "Zinoviev", "Bukharin")
        assert sorted(c.text for c in q.right) == ["Left", "Right"]
        assert [c.label for c in q.right] == ["A", "B"]
        left = next(c.label for c in q.right if c.text == "Left")
        assert k.answer[0] == f"1 – {left} (Trotsky = Left)"

    def test_cloze_numbered_blanks(self, mini: Bank) -> None:
        """A cloze shows numbered blanks, and the key gives each gap with its alternatives."""
        sheet = worksheet.build(mini, mini.select(types=["cloze"]))
        q, k = sheet.sections[0].questions[0], sheet.sections[0].key[0]
        assert q.prompt == ("The Left wanted ", Blank(1), " and ", Blank(2), ".")
        assert k.answer == ("(1) rapid industrialisation (also: industrialisation)",
                            "(2) collectivisation")

    def test_writing_lines(self, mini: Bank) -> None:
        """Short and recall questions get lines to write on, recall the most."""
        sheet = worksheet.build(mini, mini.select(types=["short", "recall"]))
        lines = {q.type: q.lines for s in sheet.sections for q in s.questions}
        assert lines["short"] == 4  # three parts and one to spare
        assert lines["recall"] == worksheet.RECALL_LINES > lines["short"]


class TestMarkdown:
    """Markdown worksheet: structure, blanks, escaped markup and CommonMark rendering."""
    def test_structure(self, mini: Bank) -> None:
        """Title, topic headings, numbered questions, lettered choices and the key."""
        text = str(markdown.export(mini, mini.questions).data)
        assert text.startswith("# A small bank for tests\n")
        assert "## The Left and the Right" in text and "## NEP and collectivisation" in text
        for n in range(1, len(mini.questions) + 1):
            assert text.count(f"**{n}.** ") == 2  # the question and its key entry
        assert re.search(r"^- \*\*A\.\*\* ", text, re.MULTILINE)
        assert "**True** / **False**" in text
        assert text.index("## Answer key") > text.index("**8.**")
        assert "*Why:* Stalin used the Right's votes to remove the Left first." in text

    def test_blanks_and_lines(self, mini: Bank) -> None:
        """Cloze blanks are numbered and short answers get writing lines."""
        text = str(markdown.export(mini, mini.questions).data)
        assert "The Left wanted **(1)** " + r"\_" * 10 + " and **(2)** " in text
        assert text.count(markdown.WRITING_LINE + "\n") == 4 + worksheet.RECALL_LINES

    def test_markup_escaped(self, hostile: Bank) -> None:
        """The bank's HTML and Markdown are escaped: no tag, link, list or heading gets through."""
        text = str(markdown.export(hostile, hostile.questions).data)
        assert not re.search(r"(?<!\\)<", text), "an unescaped < reaches the Markdown"
        assert r"\<script\>alert(1)\</script\>" in text
        assert r"\[link\](javascript:alert(1))" in text
        assert r"\- not a list" in text and r"1\. not a numbered list" in text
        assert r"\> not a quote" in text
        assert r"\_under\_" in text and r"a \| b" in text
        assert text.startswith(r"# \<script\>alert(1)\</script\> \*bold\* \# not a heading")

    def test_rendered_by_commonmark(self, hostile: Bank) -> None:
        """Rendered by a CommonMark renderer, the sheet shows the bank's text and no tag of it."""
        from markdown_it import MarkdownIt

        page = MarkdownIt("commonmark").enable("table").render(
            str(markdown.export(hostile, hostile.questions).data))
        tags = {t for t, _ in parsed(page).tags}
        assert not tags & {"script", "img", "a", "b", "i", "ol", "blockquote"}
        assert [t for t, _ in parsed(page).tags].count("h1") == 1
        text = " ".join(parsed(page).text)
        assert "<script>alert(1)</script> *bold* # not a heading" in text
        assert "- not a list" in text and "> not a quote" in text
        assert "[link](javascript:alert(1))" in text and "_under_" in text

    def test_match_table_rows(self, hostile: Bank) -> None:
        """Match tables keep one row per item even with pipes in the text."""
        text = str(markdown.export(hostile, hostile.questions).data)
        table = [line for line in text.splitlines() if line.startswith("| ")]
        assert len(table) == 1 + 3  # the header row and three items
        assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in table)

    def test_nothing_skipped(self, mini: Bank) -> None:
        """Every question type appears on the sheet."""
        result = markdown.export(mini, mini.questions)
        assert result.count == len(mini.questions) and result.skipped == ()


class TestHtml:
    """HTML worksheet: self-contained page, print CSS, escaping and the answer key."""
    def test_self_contained(self, mini: Bank) -> None:
        """The page loads nothing: inline style only, no scripts, links, images or fonts."""
        page = str(html_format.export(mini, mini.questions).data)
        tags = parsed(page).tags
        names = {t for t, _ in tags}
        assert not names & {"script", "link", "img", "iframe", "object", "embed", "a"}
        assert not any(k in ("src", "href") for _, attrs in tags for k in attrs)
        assert "url(" not in page and "@import" not in page
        assert names >= {"style", "main", "section"}
        csp = [a for t, a in tags if t == "meta" and a.get("http-equiv")]
        assert csp and "default-src 'none'" in str(csp[0]["content"])

    def test_print_css(self, mini: Bank) -> None:
        """The key starts on a new page when printed, and questions are not split."""
        page = str(html_format.export(mini, mini.questions).data)
        media = page[page.index("@media print {"):page.index("</style>")]
        assert re.search(r"\.key \{[^}]*break-before: page;[^}]*page-break-before: always", media)
        assert "break-inside: avoid" in page

    def test_every_question_and_key_entry(self, mini: Bank) -> None:
        """Every question is on the page, and the key holds each answer and explanation."""
        page = str(html_format.export(mini, mini.questions, SheetOptions(ids=True)).data)
        text = " ".join(parsed(page).text)
        key = page[page.index('<section class="key">'):]
        for n, q in enumerate((q for t in mini.topics for q in mini.questions
                               if q.topic == t.id), 1):
            assert f'id="q{n}"' in page
            assert q.explain in text
            assert q.id in key
        assert "rapid industrialisation" in key and "1926" in key

    def test_markup_escaped(self, hostile: Bank) -> None:
        """The bank's text is escaped: no <script> or other tag of the bank's survives."""
        page = str(html_format.export(hostile, hostile.questions).data)
        tags = parsed(page).tags
        assert not {t for t, _ in tags} & {"script", "img", "b", "i"}
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script" not in page.lower()
        assert "{=~#:}" in " ".join(parsed(page).text)

    def test_bundled_bank(self, bundled_bank_path: Path) -> None:
        """The bundled bank's worksheet holds every question and its key (ids asked for)."""
        bank = load_bank(bundled_bank_path)
        result = html_format.export(bank, bank.questions, SheetOptions(ids=True))
        page = str(result.data)
        assert result.count == len(bank.questions)
        key = page[page.index('<section class="key">'):]
        for n in range(1, len(bank.questions) + 1):
            assert f'id="q{n}"' in page
        for q in bank.questions:
            assert f'<span class="qid">{q.id}</span>' in key
        assert "<script" not in page.lower()

    def test_same_sheet_as_markdown(self, mini: Bank) -> None:
        """Both formats show the same choices in the same order, from the shared layout."""
        md = str(markdown.export(mini, mini.questions).data)
        page = str(html_format.export(mini, mini.questions).data)
        md_choices = re.findall(r"^- \*\*([A-Z])\.\*\* (.+)$", md, re.MULTILINE)
        html_choices = re.findall(r'<span class="label">([A-Z])\.</span>([^<]+)</li>', page)
        assert md_choices == html_choices


def order_question(mini: Bank) -> str:
    return next(q.id for q in mini.questions if q.type == "order")


class TestTeacherChoices:
    """What a teacher chooses about the printed sheet: order, hints, ids, key, versions."""

    def test_options_in_bank_order_by_default(self, mini: Bank) -> None:
        """Without --shuffle, every question's options are in the bank's order."""
        sheet = worksheet.build(mini, mini.select(types=["choice", "multi"]))
        for section in sheet.sections:
            for shown in section.questions:
                q = next(q for q in mini.questions if q.id == shown.qid)
                assert [c.text for c in shown.choices] == list(q.options)

    def test_shuffle_on_request(self, mini: Bank) -> None:
        """With shuffle, some options move; a question with shuffle: false never does."""
        qs = mini.select(types=["choice", "multi"])
        shuffled = worksheet.build(mini, qs, SheetOptions(shuffle=True))
        orders = {s.qid: [c.text for c in s.choices]
                  for sec in shuffled.sections for s in sec.questions}
        assert any(orders[q.id] != list(q.options) for q in qs)
        fixed = dataclasses.replace(qs[0], shuffle=False)
        again = worksheet.build(mini, [fixed], SheetOptions(shuffle=True))
        assert [c.text for c in again.sections[0].questions[0].choices] == list(fixed.options)

    def test_hints_only_on_request(self, hostile: Bank) -> None:
        """Hints are off the student's sheet unless asked for."""
        hinted = [q for q in hostile.questions if q.hint]
        assert hinted
        plain = str(markdown.export(hostile, hinted).data)
        assert "*Hint:*" not in plain
        assert 'class="hint"' not in str(html_format.export(hostile, hinted).data)
        shown = str(markdown.export(hostile, hinted, SheetOptions(hints=True)).data)
        assert "*Hint:*" in shown

    def test_ids_only_on_request(self, mini: Bank) -> None:
        """Question ids are off the sheet and the key unless asked for."""
        for fmt in (markdown, html_format):
            page = str(fmt.export(mini, mini.questions).data)
            assert not [q.id for q in mini.questions if q.id in page]
            with_ids = str(fmt.export(mini, mini.questions, SheetOptions(ids=True)).data)
            assert all(q.id in with_ids for q in mini.questions)

    def test_key_numbers_each_item_once(self, mini: Bank) -> None:
        """The key's entry for an order question has one number: its own."""
        text = str(markdown.export(mini, mini.questions).data)
        key = text[text.index("## Answer key"):]
        entry = next(line for line in key.splitlines()
                     if "→" in line)
        assert re.match(r"^\*\*\d+\.\*\* [^0-9]", entry), entry
        assert not re.search(r"\*\*\d+\.\*\* \d+\\?\.", key)

    def test_no_key(self, mini: Bank) -> None:
        """key=False leaves the answer key off both formats."""
        options = SheetOptions(key=False)
        assert "Answer key" not in str(markdown.export(mini, mini.questions, options).data)
        page = str(html_format.export(mini, mini.questions, options).data)
        assert 'class="key"' not in page and "Answer key" not in page

    def test_two_versions(self, mini: Bank) -> None:
        """versions=2 makes papers A and B in other orders, each with its own key."""
        a, b = worksheet.build_versions(mini, mini.questions, SheetOptions(versions=2))
        assert (a.version, b.version) == ("A", "B")
        ids_a = [q.qid for s in a.sections for q in s.questions]
        ids_b = [q.qid for s in b.sections for q in s.questions]
        assert sorted(ids_a) == sorted(ids_b) and ids_a != ids_b
        choices = {q.qid: [c.text for c in q.choices] for s in a.sections for q in s.questions}
        moved = [q.qid for s in b.sections for q in s.questions
                 if q.choices and q.type != "truefalse"
                 and [c.text for c in q.choices] != choices[q.qid]]
        assert moved
        for sheet in (a, b):
            for s in sheet.sections:
                assert [k.qid for k in s.key] == [q.qid for q in s.questions]
        text = str(markdown.export(mini, mini.questions, SheetOptions(versions=2)).data)
        assert "(paper A)" in text and "(paper B)" in text
        assert text.count("## Answer key") == 2
        page = str(html_format.export(mini, mini.questions, SheetOptions(versions=2)).data)
        assert page.count('<section class="key">') == 2 and page.count("<html") == 1

    def test_version_b_options_differ_from_a_with_shuffle(self, mini: Bank) -> None:
        """With --shuffle too, paper B never shows a question's options in A's order."""
        qs = [q for q in mini.select(types=["choice", "multi"]) if q.shuffle]
        a, b = worksheet.build_versions(mini, qs, SheetOptions(versions=2, shuffle=True))
        in_a = {q.qid: [c.text for c in q.choices] for s in a.sections for q in s.questions}
        for s in b.sections:
            for q in s.questions:
                assert [c.text for c in q.choices] != in_a[q.qid], q.qid
