"""The loader's tag resolution is PyYAML's own, only cheaper.

:class:`powerquiz.bank.loader._Loader` finds a scalar's implicit tag without the two
lists PyYAML builds per scalar; every tag must come out as PyYAML's safe loader gives it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from powerquiz.bank.bundled import bundled_bank_path
from powerquiz.bank.loader import _BaseLoader, _Loader

DATA = Path(__file__).resolve().parent / "data"
#: Values near every implicit type: booleans, nulls, numbers, dates, merge keys...
EDGES = ["", "~", "null", "Null", "NULL", "nul", "yes", "No", "on", "OFF", "y", "true",
         "False", "0", "-1", "+3", "0x1F", "0o17", "1_000", "1:20", "3.14", ".5", "-.inf",
         ".NaN", "1e3", "2024-01-31", "2024-1-1 10:00:00", "<<", "=", "!", "&a", "*a",
         "Stalin", "1929–1930", " 1", "1 ", "#", "0.", "+.", "-", "1929 to 1930"]


def resolved(value: str, implicit: tuple[bool, bool], loader: type) -> str:
    """The tag ``loader`` gives a scalar ``value`` (parsed from nothing: a bare loader)."""
    tag: str = loader("").resolve(ScalarNode, value, implicit)
    return tag


def tags(node: Node) -> Iterator[str]:
    """Every node's tag in a composed tree, depth first."""
    yield node.tag
    if isinstance(node, SequenceNode):
        for item in node.value:
            yield from tags(item)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from tags(key)
            yield from tags(value)


class TestSameTags:
    """Each scalar, and each whole bank, gets the tags PyYAML's safe loader gives."""

    @given(st.one_of(st.sampled_from(EDGES), st.text(max_size=12),
                     st.text(alphabet="0123456789.-+:_eExXoObB ", max_size=10)),
           st.tuples(st.booleans(), st.booleans()))
    def test_any_scalar(self, value: str, implicit: tuple[bool, bool]) -> None:
        """Any value, plain or quoted: the same tag."""
        assert resolved(value, implicit, _Loader) == resolved(value, implicit, _BaseLoader)

    def test_every_bank(self) -> None:
        """The bundled bank and every test bank compose to the same tags."""
        banks = [bundled_bank_path(), *(p for p in sorted(DATA.glob("*.yaml"))
                                        if "heldout5" not in p.name)]
        assert len(banks) >= 5
        for path in banks:
            text = path.read_text(encoding="utf-8")
            ours_root = yaml.compose(text, Loader=_Loader)
            theirs_root = yaml.compose(text, Loader=_BaseLoader)
            assert ours_root is not None and theirs_root is not None
            ours, theirs = list(tags(ours_root)), list(tags(theirs_root))
            assert ours == theirs, path.name
            assert len(ours) > 10
