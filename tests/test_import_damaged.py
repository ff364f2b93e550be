"""Damaged files of every format: a located refusal or a valid bank, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerquiz.bank.loader import parse
from powerquiz.imports import ImportFailure, format_names, read_bytes
from powerquiz.imports.yamlout import to_yaml

DATA = Path(__file__).resolve().parent / "data" / "import"
SEEDS = sorted(p for p in DATA.iterdir() if p.suffix in (".gift", ".xml", ".apkg", ".colpkg"))
NASTY = [b"{", b"}", b"~", b"=", b"#", b"\n\n", b"<", b"&", b"::", b"\t", b'"', b"->",
         b"%50%", b"\\", b"$CATEGORY:", b"<![CDATA[", b"\xff", b"\x00"]


Damage = tuple[str, int, int, int]
DAMAGE = st.tuples(st.sampled_from(["insert", "delete", "byte", "cut"]),
                   st.integers(0, 1 << 20), st.integers(0, 255), st.integers(1, 20))


def damaged(seed: Path, damage: list[Damage]) -> bytes:
    """``seed`` with each damage applied (kept as a small recipe so a failure prints short)."""
    data = bytearray(seed.read_bytes())
    for kind, where, value, length in damage:
        at = where % max(len(data), 1)
        if kind == "insert":
            data[at:at] = NASTY[value % len(NASTY)]
        elif kind == "delete":
            del data[at:at + length]
        elif kind == "byte":
            data[at:at + 1] = bytes([value])
        else:
            del data[at:]
    return bytes(data)


class TestDamagedFiles:
    """Whatever the damage, the import refuses it plainly or writes a bank that loads."""

    @settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.sampled_from(SEEDS), damage=st.lists(DAMAGE, min_size=1, max_size=5),
           fmt=st.sampled_from(["", *format_names()]))
    def test_refused_or_valid(self, seed: Path, damage: list[Damage], fmt: str) -> None:
        """Only ImportFailure escapes, with a message; a bank that is made loads."""
        data = damaged(seed, damage)
        try:
            result = read_bytes(data, "damaged.txt", fmt)
            if not result.bank.questions:
                return
            text, _ = to_yaml(result, "damaged.txt")
        except ImportFailure as exc:
            assert str(exc).startswith("damaged.txt") and exc.message
            return
        bank, problems = parse(text, "out.yaml")
        assert bank is not None, [str(p) for p in problems]
