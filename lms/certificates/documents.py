"""The public machine-readable documents: issuer profiles and signed status lists.

A status list changes only when a certificate of its list is revoked, so its signed form is cached
per (list, revoked bits, key): verifiers polling it cost one indexed query, not a signature.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import func, select

from lms.certificates import credentials, keys, proofs, status_list
from lms.certificates.models import Certificate
from lms.certificates.multibase import public_key_from_multibase
from lms.certificates.settings import public_base_url
from lms.certificates.snapshot import iso
from lms.extensions import db
from lms.programmes.models import Programme


def issuer_profile(programme: Programme) -> dict:
    return credentials.issuer_profile(public_base_url(), programme, keys.public_keys(programme.code))


def status_list_credential(programme: Programme, number: int) -> dict | None:
    """The signed list, or None if the programme has no such list yet."""
    in_list = (Certificate.programme_id == programme.id) & (Certificate.status_list == number)
    first_issue = db.session.scalar(select(func.min(Certificate.issued_at)).where(in_list))
    if first_issue is None:
        return None
    revoked = db.session.execute(
        select(Certificate.status_index, Certificate.revoked_at).where(
            in_list, Certificate.revoked_at.is_not(None)
        )
    ).all()
    # validFrom is the last change to the list: the same bits always give the same signed bytes.
    valid_from = max([at for _, at in revoked], default=first_issue)
    key = keys.current_key(programme.code)
    return _signed_list(
        programme.code,
        number,
        tuple(sorted(i for i, _ in revoked)),
        iso(valid_from),
        public_base_url(),
        key.multibase,
    )


@lru_cache(maxsize=64)
def _signed_list(
    code: str, number: int, revoked: tuple[int, ...], valid_from: str, base: str, _key: str
) -> dict:
    document = status_list.list_credential(
        list_url=credentials.status_list_url(base, code, number),
        issuer=credentials.issuer_id(base, code),
        valid_from=valid_from,
        revoked=revoked,
    )
    return credentials.sign(document, code, base, valid_from)


def signature_valid(certificate: Certificate) -> bool:
    """Our own check of a stored credential against the programme's published keys (admin page, tests)."""
    published = {
        key.multibase: key.raw for key in keys.public_keys(certificate.snapshot["programme"]["code"])
    }

    def public_key_for(method: str) -> bytes | None:
        fragment = method.rpartition("#")[2]
        raw = published.get(fragment)
        return raw if raw is not None and public_key_from_multibase(fragment) == raw else None

    return proofs.verify(certificate.credential, public_key_for)
