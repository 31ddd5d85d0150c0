"""The JSON-LD contexts we sign with, vendored under ``static/certificates/contexts/``.

Canonicalisation (RDFC-1.0) needs every ``@context`` a document names. Fetching them at signing time
would make issuing depend on third-party servers and let whoever controls them change what our
signatures mean, so :data:`document_loader` is pyld's own sealed loader (``FrozenDocumentLoader``)
over the vendored copies: any other URL is refused with pyld's ``JsonLdError`` ("loading document
failed"), never fetched. Our copies, not pyld's bundled ones, so a pyld upgrade cannot change them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pyld.documentloader.frozen import FrozenDocumentLoader

CONTEXTS_DIR = Path(__file__).resolve().parents[1] / "static" / "certificates" / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


def vendored() -> dict[str, Path]:
    """URL → the vendored file (``index.json`` lists them)."""
    index = json.loads((CONTEXTS_DIR / "index.json").read_text(encoding="utf-8"))
    return {url: CONTEXTS_DIR / name for url, name in index.items()}


#: Serves only the vendored contexts (each file parsed once, on first use); pass it to pyld as
#: ``options["documentLoader"]`` (lms.certificates.proofs).
document_loader = FrozenDocumentLoader(vendored())
