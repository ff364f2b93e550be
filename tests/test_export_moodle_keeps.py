"""What Moodle keeps of an XML export: every character of a text, and the category path
(the same as the GIFT export's, its markup escaped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerquiz.bank.model import Bank, Topic, WrongAnswer
from powerquiz.exports.moodle import export

if TYPE_CHECKING:  # mypy reads the tests as the package "tests"; pytest puts tests/
    from tests.moodle_reader import exported, make_bank, moodle_xmlize_texts, q_, read_xml
else:  # on the path, so at run time the helper is a top-level module
    from moodle_reader import exported, make_bank, moodle_xmlize_texts, q_, read_xml


class TestWhatMoodleKeeps:
    """Moodle's reader keeps every character, and the category path is shared with GIFT."""

    def test_spaces_between_escaped_characters_survive(self) -> None:
        """x < > y and a & & b reach Moodle with their spaces (texts written as CDATA)."""
        q = q_("s", "short", parts=(("x < > y",),),
               wrong=(WrongAnswer("a & & b", "no & < >"),))
        result, read = exported(q)
        texts = moodle_xmlize_texts(str(result.data))
        assert "x < > y" in texts and "a & & b" in texts
        assert {t for t, _, _ in read["s"].answers} == {"x < > y", "a & & b"}
        assert "<text><![CDATA[x < > y]]></text>" in str(result.data)

    def test_plain_texts_are_not_cdata(self) -> None:
        """A text with no & < or > is written as it is."""
        result, _ = exported(q_("p", "short", parts=(("plain",),)))
        assert "<text>plain</text>" in str(result.data)

    def test_category_is_the_gift_category(self) -> None:
        """Both formats put a topic's questions in the same category path."""
        from powerquiz.exports import gift

        q = q_("c", "truefalse", truth=True, topic="t")
        bank = make_bank(q, topics=(Topic("t", "War/peace <b>"),))
        xml_category = read_xml(str(export(bank, [q]).data))["c"].category
        gift_data = str(gift.export(bank, [q]).data)
        assert f"$CATEGORY: {xml_category}\n" in gift_data
        assert xml_category == "$course$/top/Test bank/War//peace &lt;b&gt;"

    def test_category_markup_escaped(self) -> None:
        """D18: a <script> in a title reaches the category escaped, never as markup."""
        q = q_("m", "truefalse", truth=True, topic="t")
        bank = Bank(id="b", title="<script>x</script>", topics=(Topic("t", "T"),),
                    questions=(q,))
        data = str(export(bank, [q]).data)
        assert read_xml(data)["m"].category == "$course$/top/&lt;script&gt;x&lt;//script&gt;/T"
        assert "<script" not in "".join(moodle_xmlize_texts(data))
