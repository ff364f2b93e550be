"""The YAML mistakes teachers make most, said in plain English.

PyYAML's own words ("mapping values are not allowed in this context") say what the
parser met, not what the teacher did.  :func:`translate` looks at the source line a
syntax error points to and, for the common mistakes (a tab in the indentation, a
second ``: `` in a value, a value starting with ``{`` or another character YAML
reserves, a line indented too far or not far enough), says what went wrong and how
to fix it, at that line.  :func:`value_warnings` catches two that YAML reads without
an error but not as the teacher meant: curly quotes around a whole value (shown as
part of the text) and `` #`` in an unquoted value (the rest of the line is a comment).

Every function here takes the source text and returns located messages; none raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml.nodes import ScalarNode

#: Where the format guide is, for a message: a command, so an installed copy has it.
GUIDE = "see 'powerquiz help bank-format'"

#: A line's leading ``- `` markers and key: group 1 is the indentation and dashes,
#: group 2 the key, group 3 the spaces after the colon, group 4 the value.
#: Each part is unambiguous (no two quantifiers compete for the same spaces), so a line
#: of many dashes and spaces cannot make the match backtrack for ever.
_KEY_LINE = re.compile(r"^([ \t]*(?:-[ \t]+)*)([^\s#'\"{\[\-?:][^:#]*?|-[^\s:][^:]*?)"
                       r":(?:([ \t]+)(.*))?$")
_DASH_LINE = re.compile(r"^([ \t]*)-(?:[ \t]+(.*))?$")

#: What YAML reads a value starting with each of these characters as.
_STARTS = {
    "{": "the start of a mapping",
    "[": "the start of a list",
    "*": "an alias (a reference to an anchor)",
    "&": "an anchor",
    "!": "a tag",
    "%": "a directive",
    "@": "a reserved character",
    "`": "a reserved character",
    "|": "the start of a block of text",
    ">": "the start of a folded block of text",
}

#: Curly quotes that open a value, each with the quotes that may close it.
_CURLY = {"“": "”“", "‘": "’‘", "„": "“”", "‚": "‘’", "«": "»", "»": "«", "”": "”", "’": "’"}
#: The characters a value wrapped in curly quotes starts with.
CURLY_OPENERS = frozenset(_CURLY)


@dataclass(frozen=True)
class Found:
    """A located plain-English message (line and column from 1)."""

    line: int
    col: int
    message: str


def translate(text: str, line: int, col: int, problem: str, context: str = "",
              began: tuple[int, int] | None = None) -> Found | None:
    """The plain-English message for a YAML syntax error at ``line``, ``col``, or None.

    ``problem`` and ``context`` are PyYAML's own description, ``began`` where the thing
    it was reading began (an unclosed ``{`` may end lines later); None means no common
    mistake explains the error, and the caller says it in PyYAML's words.  A list or
    mapping in brackets left unclosed was meant as one: PyYAML's words say what is
    missing; only ``{{`` (a cloze text) is taken for text there.
    """
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    # Text after a closing bracket: the brackets were meant as text, not as a list.
    after = "flow" not in context and ("expected key" in problem or "block end" in problem)

    def starts(raw: str, at: int, where: int) -> Found | None:
        found, value = _reserved_start(raw, at, where)
        if found is not None and value[:1] in "[{" and not value.startswith("{{") \
                and not after:
            return None
        return found

    here = lines[line - 1]
    colon = _second_colon(here, line, col) if "mapping values" in problem else None
    quoted = _after_quote(here, line, col) if "expected key" in problem else None
    for found in (_tab(here, line), starts(here, line, col), colon, quoted):
        if found is not None:
            return found
    if began is not None and began[0] != line and 1 <= began[0] <= len(lines):
        found = starts(lines[began[0] - 1], began[0], 1 << 30)
        if found is not None:
            return found
    if "mapping values" in problem or "expected" in problem:
        return _indentation(lines, line)
    return None


def _tab(here: str, line: int) -> Found | None:
    """A tab in the indentation of the line YAML stopped at."""
    indent = here[: len(here) - len(here.lstrip(" \t-"))]
    if "\t" not in indent:
        return None
    return Found(line, indent.index("\t") + 1,
                 "a tab is used for indentation; YAML needs spaces: indent with spaces only")


def _reserved_start(here: str, line: int, col: int) -> tuple[Found | None, str]:
    """A value (or list entry, or text on a line of its own) starting with a character
    YAML reserves, and that value."""
    match = _KEY_LINE.match(here)
    dash = _DASH_LINE.match(here)
    if match and match.group(4):
        start, value, what = match.start(4), match.group(4), f"the value of '{match.group(2)}'"
    elif dash and dash.group(2):
        start, value, what = dash.start(2), dash.group(2), "the list entry"
    elif not match and not dash and here.strip():
        start = len(here) - len(here.lstrip())
        value, what = here.strip(), "the text"
    else:
        return None, ""
    meaning = _STARTS.get(value[:1])
    if meaning is None or start + 1 > col:
        return None, value
    return Found(line, start + 1,
                 f"{what} starts with {value[0]!r}, which YAML reads as {meaning}: "
                 f"put the text in quotes, e.g. \"{_example(value)}\""), value


def _after_quote(here: str, line: int, col: int) -> Found | None:
    """A quoted value that goes on after its closing quote (``"When?" said he``)."""
    match = _KEY_LINE.match(here)
    value = match.group(4) if match else None
    if match is None or not value or value[0] not in "'\"":
        return None
    close = value.find(value[0], 1)
    if close < 0 or match.start(4) + close + 1 >= col:
        return None
    value = value.rstrip()
    if value[0] == "'" and value.endswith("'") and value[close + 1:close + 2].isalpha():
        return Found(line, col,
                     f"the value of '{match.group(2)}' has an apostrophe inside single "
                     "quotes, which ends the text there: use double quotes outside, e.g. "
                     f"{match.group(2)}: \"{_example(value[1:-1])}\" (or write the "
                     "apostrophe twice: '')")
    return Found(line, col,
                 f"the value of '{match.group(2)}' goes on after its closing quote: put the "
                 f"quotes around the whole value, or use the other kind of quote "
                 f"outside, e.g. {match.group(2)}: {_other_quotes(value.rstrip())}")


def _other_quotes(value: str) -> str:
    """``value`` in the quotes it does not hold (double, if it holds both, escaped)."""
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return f'"{_example(value)}"'


def _second_colon(here: str, line: int, col: int) -> Found | None:
    """A ``: `` inside an unquoted value, which YAML reads as a second key."""
    match = _KEY_LINE.match(here[: col - 1]) if col > 1 else None
    if match is None or not match.group(4):
        whole = _KEY_LINE.match(here)
        if whole is None or not whole.group(4) or ": " not in whole.group(4):
            return None
        if whole.start(4) >= col:
            return None
        match = whole
    value = here[match.start(4):].rstrip()
    if value[:1] in ("'", '"'):
        return None
    key = match.group(2)
    return Found(line, col,
                 f"the value of '{key}' holds ': ', which YAML reads as the start of a new "
                 f"key: put the whole value in quotes, e.g. {key}: \"{_example(value)}\"")


def _example(value: str) -> str:
    """``value`` as it would be written in double quotes (cut short if long)."""
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    return value if len(value) <= 50 else value[:49] + "…"


#: How many lines above a misindented one are read to find the key it belongs with.
_LOOK_BACK = 5000


@dataclass(frozen=True)
class _Line:
    number: int
    indent: int  # where the key (or the entry after the dashes) begins
    dashes: tuple[int, ...]  # the column of each ``-`` marker on the line
    key: str  # "" when the line holds no key
    opens: bool  # the key has no value on its line: a block follows


def _shape(number: int, raw: str) -> _Line | None:
    """A content line's indentation, dashes and key; None for a blank or comment line."""
    stripped = raw.strip()
    if not stripped or stripped.startswith("#"):
        return None
    dashes: list[int] = []
    pos = len(raw) - len(raw.lstrip(" "))
    while raw[pos:pos + 1] == "-" and raw[pos + 1:pos + 2] in (" ", ""):
        dashes.append(pos)
        pos += 1
        pos += len(raw[pos:]) - len(raw[pos:].lstrip(" "))
    match = _KEY_LINE.match(raw)
    key = match.group(2).strip() if match else ""
    opens = bool(match) and not (match.group(4) or "").strip(" ") if match else False
    return _Line(number, pos, tuple(dashes), key, opens)


def _indentation(lines: list[str], line: int) -> Found | None:
    """A key indented more or less than the key it seems to belong with."""
    here = _shape(line, lines[line - 1])
    if here is None or not here.key:
        return None
    # Bounded: a key's owner is near it, and a huge file must not be read line by line.
    first = max(0, line - 1 - _LOOK_BACK)
    above = [s for n in range(line - 1, first, -1) if (s := _shape(n, lines[n - 1])) is not None]
    if not above:
        return None
    before = above[0]
    if here.indent > before.indent and not before.opens and not here.dashes:
        return _belongs(here, before, "more")
    if here.dashes:
        return _misplaced_entry(here, above)
    # The keys still open above this line: each a level a key here could line up with.
    levels: list[_Line] = []
    limit = 1 << 30
    for shape in above:
        if shape.key and shape.indent < limit:
            levels.append(shape)
        limit = min(limit, shape.dashes[0] if shape.dashes else shape.indent)
    if any(level.indent == here.indent for level in levels):
        return None
    deeper = [lv for lv in levels if lv.indent > here.indent]
    shallower = [lv for lv in levels if lv.indent < here.indent]
    near = deeper[-1:] + shallower[:1]
    if not near:
        return None
    best = min(near, key=lambda lv: (abs(lv.indent - here.indent), -lv.indent))
    return _belongs(here, best, "more" if here.indent > best.indent else "less")


def _misplaced_entry(here: _Line, above: list[_Line]) -> Found | None:
    """A ``- `` entry not lined up with the entries of the list above it."""
    dash = here.dashes[0]
    limit = 1 << 30
    for shape in above:
        start = shape.dashes[0] if shape.dashes else shape.indent
        if shape.dashes and start == dash:
            return None
        if shape.dashes and start < limit and abs(start - dash) <= 2:
            than = "more" if dash > start else "less"
            return Found(here.number, dash + 1,
                         f"this list entry is indented {than} than the entry it seems to "
                         f"belong with, on line {shape.number}: indent its '-' by {start} "
                         f"{'space' if start == 1 else 'spaces'}, as that one's is")
        limit = min(limit, start)
    return None


def _belongs(here: _Line, owner: _Line, than: str) -> Found:
    spaces = "space" if owner.indent == 1 else "spaces"
    return Found(here.number, here.indent + 1,
                 f"'{here.key}' is indented {than} than the key it seems to belong with, "
                 f"'{owner.key}' on line {owner.number}: indent it by {owner.indent} "
                 f"{spaces}, as '{owner.key}' is")


def value_warnings(node: ScalarNode, lines: list[str]) -> list[Found]:
    """What YAML read from an unquoted value differently from what the teacher meant.

    Nothing unless the value starts with a curly quote or a ``#`` follows it on its
    line (what a reader may check first: :data:`CURLY_OPENERS`, lines with a ``#``).
    """
    if node.style not in (None, "") or not lines:
        return []
    value: str = node.value
    end = node.end_mark
    closes = _CURLY.get(value[:1])
    rest = lines[end.line][end.column:end.column + 2] if end.line < len(lines) else ""
    if not closes and rest[1:] != "#":
        return []  # the usual case, and the cheapest: nothing to say
    out: list[Found] = []
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if closes and len(value) > 1 and value[-1] in closes:
        out.append(Found(line, col,
                         f"the value {value!r} is wrapped in curly quotes, which YAML keeps: "
                         "they will be shown as part of the text; use straight quotes "
                         f"(\"{_example(value[1:-1])}\") or none"))
    if end.line < len(lines):
        rest = lines[end.line][end.column:]
        if re.match(r"^[ \t]#", rest):
            out.append(Found(end.line + 1, end.column + 2,
                             f"' #' starts a comment in YAML, so the text {rest[1:]!r} is cut "
                             f"from {value!r}: put the whole value in quotes to keep it "
                             "(leave two spaces before '#' for a real comment)"))
    return out


def comment_only(node: ScalarNode, lines: list[str]) -> str:
    """For a value YAML read as empty because it starts with `` #``: what was cut."""
    mark = node.start_mark
    if node.value or mark.line >= len(lines):
        return ""
    rest = lines[mark.line][mark.column:]
    if not re.match(r"^[ \t]*#", rest):
        return ""
    return (f": YAML reads {rest.strip()!r} as a comment, as it starts with ' #'; put the "
            "whole value in quotes to keep it")
