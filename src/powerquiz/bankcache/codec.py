"""A loaded bank (and its warnings) as plain JSON-ready data, and back, checked.

The cache file is input like any other: :func:`from_data` checks every value against
the model's own annotations and raises :class:`Unreadable` on anything the model could
not hold, so a damaged or foreign cache is refused, never half-used.

The shapes are chosen for speed at 45,000 questions:

- a record (a dataclass of the model) is a mapping of its fields that differ from
  their defaults; a tuple of records is a *table*, ``{"count": n, "columns": {field:
  [n values]}}`` with a column only for a field that is not at its default in every
  row, so each column is checked and converted in one pass;
- a place (:class:`~powerquiz.bank.model.Loc`) is ``[line, col]``, and a question's
  ``field_locs`` one flat list ``[key, line, col, ...]``;
- a record with no ``__post_init__`` is rebuilt by filling its ``__dict__`` (what its
  generated ``__init__`` does, without a call per field).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from functools import cache
from itertools import chain
from typing import Any, Literal, Union, cast, get_args, get_origin, get_type_hints

from powerquiz.bank.model import Bank, Loc
from powerquiz.bank.problems import Problem

__all__ = ["Unreadable", "from_data", "to_data"]

Convert = Callable[[Any], Any]
Column = Callable[[list[Any]], list[Any]]
_new = object.__new__
_REQUIRED = object()


class Unreadable(ValueError):
    """The data does not describe a bank this version of powerquiz could have cached."""


def _fail(what: str, value: Any) -> Any:
    raise Unreadable(f"{what}: unexpected {type(value).__name__}")


# -- one value ----------------------------------------------------------------------------
def _scalar(kind: type) -> Convert:
    def convert(value: Any) -> Any:
        # type(...) is: a bool is not an int, and json gives no subclasses.
        return value if type(value) is kind else _fail(kind.__name__, value)
    return convert


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not all(type(v) is str for v in value):
        _fail("tuple of strings", value)
    return tuple(value)


def _loc(value: Any) -> Loc:
    if type(value) is not list or len(value) != 2 or type(value[0]) is not int \
            or type(value[1]) is not int:
        _fail("place", value)
    loc = _new(Loc)
    loc.__dict__.update(line=value[0], col=value[1])
    return loc


def _literal(choices: tuple[Any, ...]) -> Convert:
    def convert(value: Any) -> Any:
        return value if type(value) is str and value in choices else _fail("choice", value)
    return convert


def _optional(inner: Convert) -> Convert:
    def convert(value: Any) -> Any:
        return None if value is None else inner(value)
    return convert


def _tuple(args: tuple[Any, ...]) -> Convert:
    if len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return _strings
        if dataclasses.is_dataclass(args[0]) and isinstance(args[0], type):
            return _table(args[0])
        inner = _converter(args[0])

        def many(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                _fail("list", value)
            return tuple(inner(v) for v in value)
        return many
    parts = [_converter(a) for a in args]

    def fixed(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(parts):
            _fail(f"list of {len(parts)}", value)
        return tuple(part(v) for part, v in zip(parts, value, strict=True))
    return fixed


def _converter(hint: Any) -> Convert:
    """A checking converter from JSON data to a value of ``hint``."""
    origin, args = get_origin(hint), get_args(hint)
    if hint in (str, int, bool):
        return _scalar(hint)
    if hint is Loc:
        return _loc
    if origin is dict and args == (str, Loc):
        return lambda value: _places_column([value])[0]
    if origin is Literal:
        return _literal(args)
    if origin is tuple:
        return _tuple(args)
    if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _optional(_converter(next(a for a in args if a is not type(None))))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record(hint)
    raise TypeError(f"the bank cache cannot hold a {hint!r}")  # pragma: no cover


def _only(kind: type, values: Any) -> bool:
    """Whether every one of ``values`` is exactly a ``kind`` (checked at C speed)."""
    return set(map(type, values)) <= {kind}


def _column(hint: Any) -> Column:
    """A checking converter of a whole column of values of ``hint``."""
    if hint in (str, int, bool):
        def scalars(values: list[Any]) -> list[Any]:
            if not _only(hint, values):
                _fail(f"column of {hint.__name__}", values)
            return values
        return scalars
    if hint == tuple[str, ...]:
        def strings(values: list[Any]) -> list[Any]:
            if not _only(list, values) or not _only(str, chain.from_iterable(values)):
                _fail("column of strings", values)
            return list(map(tuple, values))
        return strings
    if hint == dict[str, Loc]:
        return _places_column
    each = _converter(hint)
    if get_origin(hint) is tuple and get_args(hint)[1:] == (Ellipsis,):
        def tuples(values: list[Any]) -> list[Any]:  # most rows hold none: () at once
            return [each(v) if v != [] else () for v in values]
        return tuples

    def column(values: list[Any]) -> list[Any]:
        return [each(v) for v in values]
    return column


def _places_column(values: list[Any]) -> list[dict[str, Loc]]:
    """A column of ``field_locs``, each ``[key, line, col, ...]``: the hot loop of a load,
    so every place of the column is checked and made in one pass."""
    if not _only(list, values) or any(len(v) % 3 for v in values):
        _fail("column of places", values)
    flat = list(chain.from_iterable(values))
    keys, lines, cols = flat[0::3], flat[1::3], flat[2::3]
    if not _only(str, keys) or not _only(int, lines) or not _only(int, cols):
        _fail("column of places", values)
    locs: list[Loc] = []
    add = locs.append
    for line, col in zip(lines, cols, strict=True):
        loc = _new(Loc)
        fields = loc.__dict__
        fields["line"] = line
        fields["col"] = col
        add(loc)
    out: list[dict[str, Loc]] = []
    start = 0
    for value in values:
        end = start + len(value) // 3
        out.append(dict(zip(keys[start:end], locs[start:end], strict=True)))
        start = end
    return out


# -- records ------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class _Shape:
    """What the codec knows of one record class."""

    #: Each field and its default (:data:`_REQUIRED` when it has none), in order.
    defaults: tuple[tuple[str, Any], ...]
    #: The defaults of the fields that have one (a factory's: a fresh one each record).
    base: dict[str, Any]
    factories: tuple[tuple[str, Callable[[], Any]], ...]
    required: frozenset[str]
    hints: dict[str, Any]

    def make(self, cls: type, given: dict[str, Any]) -> Any:
        """A record of ``cls`` with ``given`` fields, the rest at their defaults."""
        if not self.required <= given.keys():
            raise Unreadable(f"{cls.__name__}: a field is missing")
        record: Any = _new(cls)
        fields = record.__dict__
        fields.update(self.base)
        for name, factory in self.factories:
            fields[name] = factory()
        fields.update(given)
        return record


@cache
def _shape(cls: type) -> _Shape:
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):  # pragma: no cover
        raise TypeError(f"the bank cache cannot rebuild a {cls.__name__}")
    defaults: list[tuple[str, Any]] = []
    factories: list[tuple[str, Callable[[], Any]]] = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            defaults.append((f.name, f.default))
        elif f.default_factory is not dataclasses.MISSING:
            factories.append((f.name, f.default_factory))
            defaults.append((f.name, f.default_factory()))
        else:
            defaults.append((f.name, _REQUIRED))
    return _Shape(
        defaults=tuple(defaults),
        base={n: d for n, d in defaults if d is not _REQUIRED and n not in dict(factories)},
        factories=tuple(factories),
        required=frozenset(n for n, d in defaults if d is _REQUIRED),
        hints=get_type_hints(cls),
    )


@cache
def _record(cls: type) -> Convert:
    """A converter for one record written as a mapping of its non-default fields."""
    shape = _shape(cls)
    convert_field = {name: _converter(shape.hints[name]) for name, _ in shape.defaults}

    def convert(value: Any) -> Any:
        if type(value) is not dict:
            _fail(cls.__name__, value)
        try:
            given = {name: convert_field[name](v) for name, v in value.items()}
        except KeyError as exc:
            raise Unreadable(f"{cls.__name__}: unknown field {exc}") from None
        return shape.make(cls, given)
    return convert


@cache
def _table(cls: type) -> Convert:
    """A converter for a tuple of records written as a table of columns."""
    shape = _shape(cls)
    columns = {name: _column(shape.hints[name]) for name, _ in shape.defaults}

    def convert(value: Any) -> tuple[Any, ...]:
        if type(value) is list and not value:  # an empty tuple in another record's column
            return ()
        if type(value) is not dict or value.keys() != {"count", "columns"} \
                or type(value["count"]) is not int or type(value["columns"]) is not dict:
            _fail(f"table of {cls.__name__}", value)
        count, given = value["count"], value["columns"]
        if not shape.required <= given.keys() or not given.keys() <= columns.keys():
            raise Unreadable(f"{cls.__name__}: a column is missing or unknown")
        names = list(given)
        cells = []
        for name in names:
            if type(given[name]) is not list or len(given[name]) != count:
                _fail(f"column {name}", given[name])
            cells.append(columns[name](given[name]))
        rows = []
        for row in zip(*cells, strict=True) if cells else [()] * count:
            record: Any = _new(cls)
            fields = record.__dict__
            fields.update(shape.base)
            for name, factory in shape.factories:
                fields[name] = factory()
            fields.update(zip(names, row, strict=True))
            rows.append(record)
        return tuple(rows)
    return convert


# -- writing ------------------------------------------------------------------------------
_ATOMS = (str, int, bool, float, type(None))


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data, in the shapes the converters read."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is Loc:
        return [value.line, value.col]
    if kind is tuple or kind is list:
        if value and dataclasses.is_dataclass(value[0]):
            return _plain_table(value)
        if all(type(v) is str for v in value):
            return list(value)
        return [_plain(v) for v in value]
    if kind is dict:  # a question's field_locs, the model's only mapping
        return [x for key, loc in value.items() for x in (key, loc.line, loc.col)]
    out: dict[str, Any] = {}
    for name, default in _shape(cast(type, kind)).defaults:
        v = getattr(value, name)
        if default is _REQUIRED or (v is not default and v != default):
            out[name] = _plain(v)
    return out


def _plain_table(records: tuple[Any, ...]) -> dict[str, Any]:
    columns: dict[str, list[Any]] = {}
    for name, default in _shape(cast(type, type(records[0]))).defaults:
        values = [getattr(r, name) for r in records]
        if default is _REQUIRED or any(v is not default and v != default for v in values):
            columns[name] = [_plain(v) for v in values]
    return {"count": len(records), "columns": columns}


def to_data(bank: Bank, problems: list[Problem]) -> dict[str, Any]:
    """The bank and its problems as JSON-ready data."""
    return {"bank": _plain(bank), "problems": [_plain(p) for p in problems]}


def from_data(data: Any) -> tuple[Bank, list[Problem]]:
    """What :func:`to_data` gave, checked and rebuilt; :class:`Unreadable` if it cannot be."""
    if type(data) is not dict or data.keys() != {"bank", "problems"} \
            or type(data["problems"]) is not list:
        raise Unreadable("not a cached bank")
    bank = _record(Bank)(data["bank"])
    problem = _record(Problem)
    return bank, [problem(p) for p in data["problems"]]
