"""Each programme's Ed25519 signing keys, kept in the instance folder (never in the database).

Layout: ``<instance>/keys/<programme>/<publicKeyMultibase>.pem`` (PKCS#8, mode 0600) and a ``current``
file naming the key that signs new credentials. A database dump therefore never carries a secret key,
and a backup of the instance folder is what restores signing.

Rotation (``flask certificates keygen --programme sic`` again) writes a new key and points ``current``
at it; older keys stay in the folder so the issuer profile keeps publishing their public halves and
credentials signed years ago still verify. Deleting a key file is how a compromised key is withdrawn.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app

from lms.certificates.multibase import public_key_multibase

log = logging.getLogger(__name__)

_PROGRAMME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


@dataclass(frozen=True)
class PublicKey:
    #: ``z6Mk…``: also the fragment of the verification method id (``…/issuers/sic#z6Mk…``).
    multibase: str
    raw: bytes
    created: datetime
    current: bool


@dataclass(frozen=True)
class SigningKey:
    multibase: str
    private: Ed25519PrivateKey


def keys_dir() -> Path:
    configured = current_app.config.get("CERTIFICATE_KEYS_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "keys"


def _programme_dir(programme: str) -> Path:
    if not _PROGRAMME_RE.match(programme):
        raise ValueError(f"not a programme code: {programme!r}")
    return keys_dir() / programme


def generate(programme: str) -> PublicKey:
    """Create a new key for ``programme`` and make it the current one; older keys are kept."""
    folder = _programme_dir(programme)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    multibase = public_key_multibase(raw)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    descriptor = os.open(folder / f"{multibase}.pem", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    # A temporary name of its own, so that two processes generating at once never rename each other's file.
    pointer = folder / f"current.{secrets.token_hex(8)}.tmp"
    pointer.write_text(multibase + "\n", encoding="ascii")
    pointer.replace(folder / "current")
    log.info("new signing key for programme %s: %s", programme, multibase)
    return PublicKey(multibase, raw, datetime.now(UTC), True)


def _load(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 key")
    return key


def current_key(programme: str) -> SigningKey:
    """The key that signs new credentials; created on first use so that no certificate is ever lost.

    A fresh install that forgot ``certificates keygen`` still issues (and says so in the log); a
    deployment with several web nodes must share ``instance/keys`` (docs/certificates.md).
    """
    folder = _programme_dir(programme)
    pointer = folder / "current"
    if not pointer.exists():
        log.warning("programme %s has no signing key: generating one (see `certificates keygen`)", programme)
        # Two processes racing here both generate; the last pointer wins and both keys stay published.
        generate(programme)
    multibase = pointer.read_text(encoding="ascii").strip()
    return SigningKey(multibase, _load(folder / f"{multibase}.pem"))


def public_keys(programme: str) -> list[PublicKey]:
    """Every key of the programme, current and retired, oldest first (what the issuer profile lists)."""
    folder = _programme_dir(programme)
    if not folder.is_dir():
        return []
    pointer = folder / "current"
    current = pointer.read_text(encoding="ascii").strip() if pointer.exists() else ""
    keys = []
    for path in folder.glob("z6Mk*.pem"):
        private = _load(path)
        raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        multibase = public_key_multibase(raw)
        created = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        keys.append(PublicKey(multibase, raw, created, multibase == current))
    return sorted(keys, key=lambda k: (k.created, k.multibase))
