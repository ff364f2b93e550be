"""Reading ``synonyms:`` (a question's, or the bank's top-level one) as groups of words.

``misled: [tricked, deceived]`` is one group: the key and each of its words match as
one word when an explain answer is marked.  Used by the schema (the bank's) and by
the explain kind (a question's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerquiz.bank.model import Synonyms

if TYPE_CHECKING:  # pragma: no cover - only for the annotations
    from yaml.nodes import Node

    from powerquiz.bank.yamlnodes import NodeReader


def read_synonyms(r: NodeReader, node: Node, what: str) -> Synonyms:
    """The groups at ``node``: a mapping of a word to a list (or one) of its synonyms."""
    pairs = r.mapping(node, what)
    out: list[tuple[str, tuple[str, ...]]] = []
    for key, value in pairs or []:
        word = r.text(key, f"a word in {what}", one_line=True)
        words = tuple(v for v, _ in r.texts(value, f"{what} of {word!r}", single_ok=True,
                                            one_line=True))
        if word is None:
            continue
        if not words:
            r.report(value, f"{what}: '{word}' has no synonyms: give a list, "
                            "e.g. misled: [tricked, deceived]")
            continue
        out.append((word, words))
    return tuple(out)
