"""Public verification, the machine-readable documents and the learner's pages."""

from __future__ import annotations

import json
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from lms import create_app
from lms.certificates import codes, operations
from lms.users.models import Role
from tests.certificates.conftest import ARABIC_NAME


def test_a_valid_certificate_shows_its_snapshot(client, certificate):
    response = client.get(f"/verify/{certificate.display_code}", headers={"Accept-Language": "fr"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "verification-valid" in html
    assert ARABIC_NAME in html and "Cours de test" in html and "Samsung Innovation Campus" in html
    assert "Lycée Ibn Battouta" in html  # the place in the visitor's language (fr)
    assert f'dir="ltr" lang="en" translate="no">{certificate.display_code}<' in html


def test_the_page_is_in_the_visitors_language(client, certificate):
    html = client.get(f"/verify/{certificate.display_code}", headers={"Accept-Language": "ar"}).get_data(
        as_text=True
    )
    assert '<html lang="ar" dir="rtl">' in html
    assert "الثانوية التأهيلية ابن بطوطة" in html


@pytest.mark.parametrize("typed", ["lower", "spaced", "dashless"])
def test_the_form_forgives_case_spaces_and_dashes(client, certificate, typed):
    text = {
        "lower": certificate.display_code.lower(),
        "spaced": " ".join(certificate.code[i : i + 4] for i in range(0, 16, 4)),
        "dashless": certificate.code,
    }[typed]
    response = client.get("/verify", query_string={"code": text})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/verify/{certificate.display_code}")


def test_a_revoked_certificate_says_when_and_why(client, certificate, admin, db):
    operations.revoke(certificate, admin, "Fraude constatée lors de l'examen")
    db.session.commit()
    html = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "verification-revoked" in html and "Fraude constatée lors de l&#39;examen" in html


def test_unknown_and_malformed_codes_reveal_nothing(client, certificate):
    almost = certificate.code[:-2] + ("0" if certificate.code[-2] != "0" else "1") + certificate.code[-1]
    pages = [client.get(f"/verify/{code}") for code in (codes.generate(), almost, "nonsense", "unknown")]
    assert {p.status_code for p in pages} == {404}
    bodies = {
        p.get_data(as_text=True).split('<section class="card verification')[1].split("</section>")[0]
        for p in pages
    }
    assert len(bodies) == 1
    assert ARABIC_NAME not in pages[0].get_data(as_text=True)


def test_verification_is_rate_limited_per_address(migrated_database, tmp_path, monkeypatch):
    database = tmp_path / "limits.sqlite3"
    shutil.copyfile(migrated_database, database)
    monkeypatch.setenv("MAHARAT_INSTANCE", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "CERTIFICATE_VERIFY_RATE_LIMIT": "5 per minute",
        }
    )
    client = app.test_client()
    statuses = [client.get(f"/verify/{codes.generate()}").status_code for _ in range(7)]
    assert statuses == [404] * 5 + [429] * 2
    other = client.get("/verify", environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert other.status_code == 200


def test_the_credential_is_served_exactly_as_signed(client, certificate):
    response = client.get(f"/certificates/{certificate.code}.json")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert response.get_json() == certificate.credential
    download = client.get(f"/certificates/{certificate.code}.json?download=1")
    assert "attachment" in download.headers["Content-Disposition"]
    assert client.get(f"/certificates/{codes.generate()}.json").status_code == 404


def test_the_credential_is_an_open_badge_with_the_name_as_an_identifier(certificate):
    credential = certificate.credential
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    subject = credential["credentialSubject"]
    assert "name" not in subject
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityHash": ARABIC_NAME, "identityType": "name", "hashed": False}
    ]
    assert (
        subject["achievement"]["type"] == ["Achievement"] and subject["achievement"]["criteria"]["narrative"]
    )
    assert credential["issuer"]["id"] == "https://maharat.example/issuers/sic"
    assert credential["validFrom"].endswith("Z")
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusListIndex"] == str(
        certificate.status_index
    )
    proof = credential["proof"]
    assert (proof["type"], proof["cryptosuite"], proof["proofPurpose"]) == (
        "DataIntegrityProof",
        "eddsa-rdfc-2022",
        "assertionMethod",
    )
    assert proof["proofValue"].startswith("z") and proof["verificationMethod"].startswith(
        "https://maharat.example/issuers/sic#z6Mk"
    )


def test_the_issuer_profile_publishes_the_programmes_keys(client, certificate):
    profile = client.get("/issuers/sic").get_json()
    assert profile["id"] == "https://maharat.example/issuers/sic" and profile["type"] == "Profile"
    method = profile["verificationMethod"][0]
    assert method["type"] == "Multikey" and method["publicKeyMultibase"].startswith("z6Mk")
    assert (
        profile["assertionMethod"]
        == [method["id"]]
        == [certificate.credential["proof"]["verificationMethod"]]
    )
    assert client.get("/issuers/nope").status_code == 404


def test_the_status_list_is_a_signed_bitstring_credential(client, certificate):
    document = client.get(f"/status/sic/{certificate.status_list}").get_json()
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["credentialSubject"]["encodedList"].startswith("u")
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert client.get("/status/sic/99").status_code == 404
    assert client.get("/status/digischool/1").status_code == 404


def test_my_certificates_page_offers_pdf_json_share_and_linkedin(client, auth, certificate, learner):
    auth.login(learner)
    html = client.get("/certificates").get_data(as_text=True)
    assert f"/certificates/{certificate.code}.pdf" in html
    assert f"/certificates/{certificate.code}.json?download=1" in html
    assert f'value="https://maharat.example/verify/{certificate.display_code}"' in html
    link = next(part for part in html.split('"') if part.startswith("https://www.linkedin.com/profile/add?"))
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"] and query["name"] == ["Cours de test"]
    assert query["organizationName"] == ["Samsung Innovation Campus (Samsung)"]
    assert query["issueYear"] == [str(certificate.issued_at.year)]
    assert query["certId"] == [certificate.display_code]
    assert query["certUrl"] == [f"https://maharat.example/verify/{certificate.display_code}"]


def test_the_dashboard_partial_lists_my_certificates(app, client, auth, certificate, learner):
    from flask import render_template_string
    from flask_login import login_user

    with app.test_request_context("/"):
        login_user(learner)
        html = render_template_string('{% include "certificates/_my_certificates.html" %}')
    assert "Cours de test" in html and certificate.display_code in html


def test_only_the_owner_and_admins_download_the_pdf(client, auth, certificate, make_user, admin):
    url = f"/certificates/{certificate.code}.pdf"
    assert client.get(url).status_code == 302  # sign in first
    auth.login(make_user(Role.STUDENT))
    assert client.get(url).status_code == 404
    auth.logout()
    auth.login(admin)
    assert client.get(url).data.startswith(b"%PDF")


def test_the_learner_downloads_a_stored_pdf(client, auth, certificate, learner, app):
    auth.login(learner)
    response = client.get(f"/certificates/{certificate.code}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    stored = app.instance_path + f"/certificates/{certificate.code}.pdf"
    with open(stored, "rb") as handle:
        assert handle.read() == response.data


def test_json_documents_are_plain_json_ld(client, certificate):
    body = client.get("/issuers/sic").get_data(as_text=True)
    assert json.loads(body)["@context"][0] == "https://www.w3.org/ns/credentials/v2"
