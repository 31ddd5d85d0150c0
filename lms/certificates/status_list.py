"""Bitstring Status List (W3C): one revocation bit per certificate, published as a signed credential.

Each programme has numbered lists of :data:`LIST_BITS` bits (16 KiB, the specification's minimum, so a
verifier fetching the list learns nothing about which certificate it checks). Indexes are drawn at
random (``secrets``), not in issue order, for the same reason. Bit 0 is the most significant bit of
the first byte ("left to right", as the specification and Digital Bazaar's library read it).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable

from lms.certificates.multibase import decode_u, encode_u

#: 131,072 bits = 16 KiB uncompressed.
LIST_BITS = 16 * 1024 * 8
#: A list is considered full at half its size, so that a random free index is found in a try or two.
LIST_CAPACITY = LIST_BITS // 2


def encode(revoked: Iterable[int], bits: int = LIST_BITS) -> str:
    """The ``encodedList``: GZIP of the bitstring, as multibase base64url (``u…``)."""
    buffer = bytearray(bits // 8)
    for index in revoked:
        if not 0 <= index < bits:
            raise ValueError(f"status index out of range: {index}")
        buffer[index // 8] |= 0x80 >> (index % 8)
    # mtime=0 makes the output a pure function of the bits (stable bytes, cacheable responses).
    return encode_u(gzip.compress(bytes(buffer), mtime=0))


def decode(encoded: str) -> bytes:
    return gzip.decompress(decode_u(encoded))


def is_set(bitstring: bytes, index: int) -> bool:
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def list_credential(*, list_url: str, issuer: str, valid_from: str, revoked: Iterable[int]) -> dict:
    """The unsigned BitstringStatusListCredential for one list."""
    from lms.certificates.contexts import VC_V2

    return {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked),
        },
    }


def entry(list_url: str, index: int) -> dict:
    """The ``credentialStatus`` of a certificate at ``index`` in the list at ``list_url``."""
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }
