"""eddsa-rdfc-2022 proofs, multibase keys, the offline document loader and the status list bitstring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lms.certificates import contexts, multibase, proofs, status_list

VECTORS = Path(__file__).parent / "vectors"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def _with_examples(url: str, options: dict | None = None) -> dict:
    if url == EXAMPLES_V2:
        document = json.loads((VECTORS / "examples-v2.jsonld").read_text())
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": document,
        }
    return contexts.document_loader(url, options)


@pytest.fixture
def vector():
    signed = json.loads((VECTORS / "eddsa-rdfc-2022-signed.json").read_text())
    pair = json.loads((VECTORS / "key-pair.json").read_text())
    private = Ed25519PrivateKey.from_private_bytes(
        multibase.private_key_from_multibase(pair["privateKeyMultibase"])
    )
    public = multibase.public_key_from_multibase(pair["publicKeyMultibase"])
    return signed, private, public


def test_our_signer_reproduces_the_specifications_test_vector(vector):
    signed, private, _ = vector
    proof = signed["proof"]
    again = proofs.sign(signed, private, proof["verificationMethod"], proof["created"], _with_examples)
    assert again["proof"] == proof


def test_the_specifications_credential_verifies_and_a_changed_one_does_not(vector):
    signed, _, public = vector
    assert proofs.verify(signed, lambda method: public, _with_examples)
    changed = json.loads(json.dumps(signed))
    changed["credentialSubject"]["alumniOf"] = "The School of Examplez"
    assert not proofs.verify(changed, lambda method: public, _with_examples)


def test_key_order_and_whitespace_do_not_matter_but_statements_do(vector):
    signed, _, public = vector
    reordered = json.loads(json.dumps(signed, sort_keys=True, indent=4))
    assert proofs.verify(reordered, lambda method: public, _with_examples)
    other_date = {**signed, "validFrom": "2023-01-02T00:00:00Z"}
    assert not proofs.verify(other_date, lambda method: public, _with_examples)


def test_an_unknown_key_or_another_suite_is_refused(vector):
    signed, _, public = vector
    assert not proofs.verify(signed, lambda method: None, _with_examples)
    other_suite = {**signed, "proof": {**signed["proof"], "cryptosuite": "eddsa-jcs-2022"}}
    assert not proofs.verify(other_suite, lambda method: public, _with_examples)


def test_public_keys_are_z6mk_multikeys():
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes_raw()
    encoded = multibase.public_key_multibase(raw)
    assert encoded.startswith("z6Mk")
    assert multibase.public_key_from_multibase(encoded) == raw


def test_base58_keeps_leading_zero_bytes():
    for data in (b"", b"\0", b"\0\0\x01", bytes(range(40))):
        assert multibase.b58decode(multibase.b58encode(data)) == data


def test_the_document_loader_never_goes_to_the_network():
    from pyld.jsonld import JsonLdError

    assert contexts.document_loader(contexts.VC_V2, {})["document"]["@context"]["@protected"] is True
    with pytest.raises(JsonLdError) as refusal:
        contexts.document_loader("https://example.org/evil-context.jsonld", {})
    assert refusal.value.code == "loading document failed"

    with pytest.raises(JsonLdError) as failure:
        proofs.canonize({"@context": ["https://example.org/evil-context.jsonld"], "name": "x"})
    causes = []
    error: BaseException | None = failure.value
    while error is not None:
        causes.append(error)
        error = error.__cause__ or error.__context__ or getattr(error, "cause", None)
    assert any(
        getattr(cause, "details", None) == {"url": "https://example.org/evil-context.jsonld"}
        for cause in causes
    )


def test_the_status_list_is_16_kib_gzip_base64url_with_bit_zero_leftmost():
    encoded = status_list.encode([0, 9, status_list.LIST_BITS - 1])
    assert encoded.startswith("u")
    bits = status_list.decode(encoded)
    assert len(bits) == 16 * 1024
    assert bits[0] == 0b1000_0000 and bits[1] == 0b0100_0000 and bits[-1] == 0b0000_0001
    assert [i for i in (0, 1, 8, 9, 10) if status_list.is_set(bits, i)] == [0, 9]
    assert status_list.encode([5]) == status_list.encode([5])  # stable bytes (no gzip timestamp)
    with pytest.raises(ValueError):
        status_list.encode([status_list.LIST_BITS])
