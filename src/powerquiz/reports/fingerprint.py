"""A short fingerprint of a question's content, to tell when it was edited since answered."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from powerquiz.bank.model import Bank, Question

__all__ = ["FINGERPRINT_LENGTH", "answered_fingerprints", "fingerprint"]

#: Hex digits kept of the SHA-256 (48 bits: no accidental clash in any real bank).
FINGERPRINT_LENGTH = 12


def fingerprint(question: Question) -> str:
    """The first hex digits of the SHA-256 of the question's ``to_dict()`` as canonical JSON."""
    text = json.dumps(question.to_dict(), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:FINGERPRINT_LENGTH]


def answered_fingerprints(bank: Bank, answered: Iterable[str]) -> dict[str, str]:
    """question id -> fingerprint, for the questions of ``bank`` among ``answered``."""
    wanted = set(answered)
    return {q.id: fingerprint(q) for q in bank.questions if q.id in wanted}
