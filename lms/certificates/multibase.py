"""Multibase and Multikey encodings used by Data Integrity proofs and Bitstring Status Lists.

Only the three encodings the specifications ask of us: base58btc (``z…``) for signatures and Ed25519
public keys, and base64url without padding (``u…``) for status lists. Written out here (a few lines)
rather than pulled in as dependencies.
"""

from __future__ import annotations

import base64

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}

#: Multicodec prefixes (varint-encoded) of Ed25519 public and private keys.
ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"


def b58encode(data: bytes) -> str:
    """Bitcoin's base58: leading zero bytes become leading '1's."""
    number = int.from_bytes(data, "big")
    out = []
    while number:
        number, rest = divmod(number, 58)
        out.append(_B58[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _B58_INDEX:
            raise ValueError(f"not base58: {char!r}")
        number = number * 58 + _B58_INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_z(data: bytes) -> str:
    """Multibase base58btc."""
    return "z" + b58encode(data)


def decode_z(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("expected a base58btc multibase value (z…)")
    return b58decode(text[1:])


def encode_u(data: bytes) -> str:
    """Multibase base64url without padding."""
    return "u" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_u(text: str) -> bytes:
    if not text.startswith("u"):
        raise ValueError("expected a base64url multibase value (u…)")
    body = text[1:]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def public_key_multibase(raw: bytes) -> str:
    """An Ed25519 public key as Multikey ``publicKeyMultibase`` (always ``z6Mk…``)."""
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return encode_z(ED25519_PUB + raw)


def public_key_from_multibase(text: str) -> bytes:
    data = decode_z(text)
    if not data.startswith(ED25519_PUB) or len(data) != 34:
        raise ValueError("not an Ed25519 Multikey public key")
    return data[2:]


def private_key_from_multibase(text: str) -> bytes:
    data = decode_z(text)
    if not data.startswith(ED25519_PRIV) or len(data) != 34:
        raise ValueError("not an Ed25519 Multikey secret key")
    return data[2:]
