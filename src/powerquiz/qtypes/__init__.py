"""One home module per question type, each registering its kind on import.

A kind (:class:`powerquiz.bank.registry.QuestionKind`) says everything the core
knows about its type: YAML fields and their checks, ``to_dict``, ``expected``,
the prompt and choices shown, how command-line words are read, the marker and the
self-check.  This package sits above marking (it names the markers) and below
session, exports and the front ends; the registry imports it by name the first
time a kind is looked up (:data:`powerquiz.bank.registry.PROVIDERS`).  Adding a type
is one module here (listed below) plus one entry in each front end's and exporter's
per-type table.
"""

# isort: skip_file
# In the order the types are listed to teachers ("the types are short, choice, ...").
from powerquiz.qtypes import short, choice, multi, truefalse, order, match, cloze, recall, explain

__all__ = ["choice", "cloze", "explain", "match", "multi", "order", "recall", "short", "truefalse"]
