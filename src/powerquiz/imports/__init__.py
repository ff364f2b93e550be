"""Imports of question sets from other tools: one module per format.

Each format module exposes ``read(data: bytes, source: str, options: Options) -> Draft``.
:func:`read_path` reads a file (bounded), guesses its format from its content
(:mod:`powerquiz.imports.detect`) unless one is given, and returns the bank it holds;
:func:`powerquiz.imports.yamlout.to_yaml` turns that into checked YAML text.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from powerquiz.imports.base import ImportFailure, ImportResult, Options, finish

#: format name -> module under powerquiz.imports
FORMAT_MODULES: dict[str, str] = {
    "anki": "anki",
    "quizlet": "quizlet",
    "gift": "gift",
    "moodle": "moodle",
    "csv": "ownfiles",
    "json": "ownfiles",
    "kahoot": "templates",
    "blooket": "templates",
    "gimkit": "templates",
}
#: The largest file read at all (an Anki package with its media can be big).
MAX_FILE = 256 * 2**20

__all__ = ["FORMAT_MODULES", "ImportFailure", "ImportResult", "Options", "format_names",
           "read_bytes", "read_path"]


def format_names() -> list[str]:
    return list(FORMAT_MODULES)


def read_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``, or an ImportFailure saying plainly why not."""
    name = str(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE + 1)
    except FileNotFoundError:
        raise ImportFailure(name, "no such file") from None
    except IsADirectoryError:
        raise ImportFailure(name, "is a directory: give the file to import") from None
    except PermissionError:
        raise ImportFailure(name, "permission denied: cannot read this file") from None
    except OSError as exc:
        raise ImportFailure(name, f"cannot read this file: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE:
        raise ImportFailure(name, f"the file is larger than {MAX_FILE // 2**20} MB, "
                                  "more than any question set; refused")
    if not data.strip():
        raise ImportFailure(name, "the file is empty: there is nothing to import")
    return data


def read_bytes(data: bytes, source: str, fmt: str = "", options: Options | None = None
               ) -> ImportResult:
    """The bank held by ``data`` (the content of the file ``source``)."""
    from powerquiz.imports.detect import guess

    options = options or Options()
    if not data.strip():
        raise ImportFailure(source, "the file is empty: there is nothing to import")
    name = fmt or guess(data, source)
    module = importlib.import_module(f"powerquiz.imports.{FORMAT_MODULES[name]}")
    draft = module.read(data, source, options, name)
    return finish(draft, options)


def read_path(path: Path, fmt: str = "", options: Options | None = None) -> ImportResult:
    """The bank held by the file at ``path``."""
    return read_bytes(read_file_bytes(path), str(path), fmt, options)
