"""The JSON-LD contexts we sign with, vendored under ``static/certificates/contexts/``.

Canonicalisation (RDFC-1.0) needs every ``@context`` a document names. Fetching them at signing time
would make issuing depend on third-party servers and let whoever controls them change what our
signatures mean, so :func:`document_loader` serves only the vendored copies and refuses any other URL:
it never touches the network.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

CONTEXTS_DIR = Path(__file__).resolve().parents[1] / "static" / "certificates" / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


class UnknownContext(LookupError):
    """A document named a context we do not ship: signing it could change meaning silently."""


@cache
def vendored() -> dict[str, Any]:
    """URL → parsed context document, read once per process."""
    index = json.loads((CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    return {url: json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8")) for url, name in index.items()}


def document_loader(url: str, options: dict | None = None) -> dict[str, Any]:
    """A pyld document loader over the vendored contexts only."""
    document = vendored().get(url)
    if document is None:
        raise UnknownContext(f"context not vendored (no network access by design): {url}")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": document,
    }
