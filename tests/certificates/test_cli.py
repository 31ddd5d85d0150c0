"""``flask certificates …``: keys live in the instance folder, rotation keeps old keys published."""

from __future__ import annotations

import os
import stat

from lms.certificates import documents, keys
from lms.learning.signals import course_completed
from tests.certificates.conftest import complete


def test_keygen_writes_a_private_key_outside_the_database(cli, app):
    result = cli.invoke(args=["certificates", "keygen", "--programme", "digischool"])
    assert result.exit_code == 0, result.output
    folder = keys.keys_dir() / "digischool"
    assert folder.is_relative_to(app.instance_path)
    (pem,) = folder.glob("z6Mk*.pem")
    assert stat.S_IMODE(os.stat(pem).st_mode) == 0o600
    assert (folder / "current").read_text().strip() == pem.stem


def test_keygen_refuses_an_unknown_programme(cli):
    result = cli.invoke(args=["certificates", "keygen", "--programme", "nope"])
    assert result.exit_code != 0 and "unknown programme" in result.output


def test_rotation_keeps_every_key_published(cli, certificate):
    first = certificate.credential["proof"]["verificationMethod"]
    cli.invoke(args=["certificates", "keygen", "--programme", "sic"])
    published = keys.public_keys("sic")
    assert len(published) == 2 and sum(k.current for k in published) == 1
    profile = documents.issuer_profile(certificate.programme)
    assert first in profile["assertionMethod"] and len(profile["assertionMethod"]) == 2
    assert documents.signature_valid(certificate)
    listing = cli.invoke(args=["certificates", "keys"]).output
    assert "current" in listing and "retired" in listing


def test_reconcile_command_issues_what_is_missing(cli, learner, course, db):
    with course_completed.muted():
        complete(learner, course)
        db.session.commit()
    assert "issued 1 certificate(s)" in cli.invoke(args=["certificates", "reconcile"]).output
    assert "issued 0 certificate(s)" in cli.invoke(args=["certificates", "reconcile"]).output
