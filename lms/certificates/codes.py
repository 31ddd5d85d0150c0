"""Verification codes: unguessable, yet easy to read aloud and type from paper.

16 symbols of Crockford's base32 (no I, L, O or U), shown as ``XXXX-XXXX-XXXX-XXXX``: 15 random symbols
(75 bits from :mod:`secrets`, far beyond guessing at 30 tries a minute) and a Luhn mod 32 check symbol
that catches any single mistyped symbol and any swap of two neighbours before the database is asked,
except one swap Luhn mod N cannot see: ``0`` and ``Z`` (values 0 and 31) next to each other. Such a
code is then looked up and not found, which says the same thing one step later; issued codes keep
their check symbol, so the scheme cannot change under them.
Typing is forgiven: case, spaces and dashes are ignored, and O/I/L are read as 0/1/1.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
LENGTH = 16


def _check_symbol(payload: str) -> str:
    """Luhn mod N (N = 32) over the payload."""
    total, factor = 0, 2
    for char in reversed(payload):
        addend = factor * _INDEX[char]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def generate() -> str:
    payload = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    return payload + _check_symbol(payload)


def normalise(text: str) -> str | None:
    """The canonical code for what someone typed, or None if it cannot be one (wrong length or check)."""
    cleaned = "".join(text.split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(cleaned) != LENGTH or any(c not in _INDEX for c in cleaned):
        return None
    return cleaned if _check_symbol(cleaned[:-1]) == cleaned[-1] else None


def display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
