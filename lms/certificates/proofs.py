"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa).

Signing, as the specification describes it:

1. canonicalise the document without its proof with RDFC-1.0 (pyld's URDNA2015, the same algorithm);
2. canonicalise the proof options (the proof without ``proofValue``, under the document's ``@context``);
3. hash both with SHA-256 and sign ``hash(proof options) + hash(document)`` with Ed25519;
4. store the signature as multibase base58btc (``z…``) in ``proofValue``.

Any change to a signed statement (a letter of a name, a programme, a date) changes the canonical
N-Quads and so the hash: verification fails. Changes that do not alter the statements (key order,
whitespace) do not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from lms.certificates import contexts
from lms.certificates.multibase import decode_z, encode_z

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"

Loader = Callable[[str, dict], dict]


def canonize(document: dict[str, Any], loader: Loader = contexts.document_loader) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document, with only vendored contexts."""
    return jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": loader,
            "rdfDirection": "i18n-datatype",
        },
    )


def hash_data(document: dict[str, Any], proof_options: dict[str, Any], loader: Loader) -> bytes:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {"@context": unsecured["@context"], **proof_options}
    options.pop("proofValue", None)
    return (
        hashlib.sha256(canonize(options, loader).encode()).digest()
        + hashlib.sha256(canonize(unsecured, loader).encode()).digest()
    )


def sign(
    document: dict[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    loader: Loader = contexts.document_loader,
) -> dict[str, Any]:
    """Return a copy of ``document`` with an ``assertionMethod`` proof by ``verification_method``."""
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = private_key.sign(hash_data(document, proof, loader))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    return {**unsecured, "proof": {**proof, "proofValue": encode_z(signature)}}


def verify(
    document: dict[str, Any],
    public_key_for: Callable[[str], bytes | None],
    loader: Loader = contexts.document_loader,
) -> bool:
    """Whether the document's single proof is a valid eddsa-rdfc-2022 signature by a key we know.

    ``public_key_for`` maps a verification method id to its raw Ed25519 public key (None if unknown).
    This is our own check (the admin pages, the tests); the independent one is tools/vc-verify.
    """
    proof = document.get("proof")
    if (
        not isinstance(proof, dict)
        or proof.get("type") != PROOF_TYPE
        or proof.get("cryptosuite") != CRYPTOSUITE
    ):
        return False
    if proof.get("proofPurpose") != "assertionMethod":
        return False
    raw = public_key_for(str(proof.get("verificationMethod", "")))
    if raw is None:
        return False
    try:
        signature = decode_z(str(proof.get("proofValue", "")))
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, hash_data(document, proof, loader))
    except (InvalidSignature, ValueError):
        return False
    return True
