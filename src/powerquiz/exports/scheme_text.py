"""An explain question's mark scheme as text, for the exports that show it to a teacher."""

from __future__ import annotations

from powerquiz.bank.model import Question, SchemeEntry


def _marks(n: int) -> str:
    return f"{n} mark{'s' * (n != 1)}"


def entry_line(e: SchemeEntry) -> str:
    """One point: what earns it, its marks, its ways, its detail and what does not."""
    line = f"{e.credit} ({_marks(e.marks)}): {' / '.join(e.any)}"
    if e.detail:
        line += f"; detail +{_marks(e.detail.marks)}: {' / '.join(e.detail.any)}"
    if e.not_:
        line += f"; not for: {' / '.join(e.not_)}"
    return line


def scheme_lines(q: Question) -> list[str]:
    """The heading and one line per point."""
    head = f"Mark scheme ({_marks(q.marks)}"
    head += f", at most {q.max_credited} points):" if q.max_credited else "):"
    return [head, *(f"- {entry_line(e)}" for e in q.scheme)]


def scheme_html(q: Question) -> str:
    """The scheme as an HTML paragraph and list (the text escaped)."""
    import html

    head, *items = scheme_lines(q)
    lis = "".join(f"<li>{html.escape(i[2:], quote=False)}</li>" for i in items)
    return f"<p>{html.escape(head, quote=False)}</p><ul>{lis}</ul>"
