"""Independent verification: Digital Bazaar's Data Integrity verifier (Node.js, tools/vc-verify).

The app signs; a verifier that shares none of its code checks the proof, the key's controller (the
issuer profile) and the status list. A changed letter of the name, of the programme or of the date
must make it fail. Needs `npm ci` in tools/vc-verify (`make test` does it); missing, the test fails.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lms.certificates import documents, operations
from lms.certificates.models import Certificate

TOOL = Path(__file__).resolve().parents[2] / "tools" / "vc-verify"


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail(
            "Node.js is required for the independent verification test (Debian: apt-get install nodejs)"
        )
    if not (TOOL / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        pytest.fail(f"run `npm ci` in {TOOL} first (`make test` does it)")
    return path


@pytest.fixture
def verify(node, tmp_path, certificate):
    """Run verify.mjs on a credential with what a verifier would fetch: issuer profile and status list."""

    def run(credential: dict, certificate: Certificate = certificate) -> tuple[int, dict]:
        programme = certificate.programme
        files = {
            "credential.json": credential,
            "issuer.json": documents.issuer_profile(programme),
            "status.json": documents.status_list_credential(programme, certificate.status_list),
        }
        for name, document in files.items():
            (tmp_path / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run(
            [node, str(TOOL / "verify.mjs"), *(str(tmp_path / name) for name in files)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout, result.stderr
        return result.returncode, json.loads(result.stdout.splitlines()[-1])

    return run


def test_a_credential_signed_by_the_app_verifies(verify, certificate):
    code, outcome = verify(certificate.credential)
    assert (code, outcome) == (0, {"verified": True, "revoked": False, "error": None})


def _changed(credential: dict, path: list, edit) -> dict:
    changed = copy.deepcopy(credential)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = edit(node[path[-1]])
    return changed


def _one_letter(text: str) -> str:
    return text[:-1] + ("x" if text[-1] != "x" else "y")


@pytest.mark.parametrize(
    ("what", "path"),
    [
        ("name", ["credentialSubject", "identifier", 0, "identityHash"]),
        ("programme", ["issuer", "name"]),
        ("date", ["validFrom"]),
        ("course", ["credentialSubject", "achievement", "name"]),
    ],
)
def test_one_changed_character_fails_verification(verify, certificate, what, path):
    if what == "date":
        edit = lambda value: value[:3] + str((int(value[3]) + 1) % 10) + value[4:]  # noqa: E731  (2026 → 2027)
    elif what == "name":
        edit = lambda value: value[:-1] + "ى"  # noqa: E731  (final yeh → alef maqsura)
    else:
        edit = _one_letter
    changed = _changed(certificate.credential, path, edit)
    assert changed != certificate.credential
    code, outcome = verify(changed)
    assert code == 1 and outcome["verified"] is False, outcome


def test_a_revoked_certificate_is_reported_revoked(verify, certificate, admin, db):
    operations.revoke(certificate, admin, "Fraude")
    db.session.commit()
    code, outcome = verify(certificate.credential)
    assert (code, outcome["verified"], outcome["revoked"]) == (2, True, True)


def test_old_credentials_still_verify_after_a_key_rotation(
    verify, certificate, cli, learner, course, admin, db
):
    result = cli.invoke(args=["certificates", "keygen", "--programme", "sic"])
    assert result.exit_code == 0, result.output
    replacement = operations.reissue(certificate, admin, "Nom corrigé")
    db.session.commit()
    assert (
        replacement.credential["proof"]["verificationMethod"]
        != certificate.credential["proof"]["verificationMethod"]
    )
    assert verify(replacement.credential, replacement)[0] == 0
    assert verify(certificate.credential, certificate)[0] == 2  # valid signature, revoked by the re-issue
