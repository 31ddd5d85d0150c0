"""Image uploads: content-checked, size-limited, re-encoded, safely named, stored and served safely."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from lms.authoring.models import CourseDraft
from lms.courses.models import Course


def _png(size=(8, 8), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def _upload(client, slug, name, data):
    return client.post(
        f"/admin/authoring/{slug}/assets",
        data={"image": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def _assets(db, slug="demo-authored"):
    db.session.expire_all()
    return db.session.scalar(select(CourseDraft).join(Course).where(Course.slug == slug)).document["assets"]


def test_an_image_is_reencoded_stored_under_the_instance_and_served_safely(client, authored, db, app):
    original = _png() + b"<script>alert(1)</script>"  # trailing bytes are dropped by re-encoding
    response = _upload(client, authored, "Schéma Boucle.PNG", original)
    assert "Image uploaded" in response.text
    assert _assets(db) == ["assets/schema-boucle.png"]
    stored = Path(app.instance_path) / "authoring" / authored / "assets" / "schema-boucle.png"
    assert stored.is_file() and b"<script>" not in stored.read_bytes()
    served = client.get(f"/admin/authoring/{authored}/assets/schema-boucle.png")
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert served.data.startswith(b"\x89PNG")
    served.close()


def test_a_jpeg_and_a_gif_are_accepted_with_their_real_type(client, authored, db):
    _upload(client, authored, "photo.jpeg", _png(fmt="JPEG"))
    _upload(client, authored, "anim.gif", _png(fmt="GIF"))
    assert _assets(db) == ["assets/anim.png", "assets/photo.jpg"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.png", b"<html><script>alert(1)</script></html>", "not an image"),
        ("vector.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "not an image"),
        ("fake.png", b"GIF89a" + b"\x00" * 20, "not an image"),
        ("page.html", b"%PDF-1.4 nothing", "not an image"),
    ],
)
def test_wrong_content_is_refused_whatever_the_name(client, authored, db, name, data, message):
    assert message in _upload(client, authored, name, data).text
    assert _assets(db) == []


def test_an_oversized_image_is_refused(client, authored, db, app):
    app.config["AUTHORING_MAX_IMAGE_BYTES"] = 1000
    noisy = io.BytesIO()
    Image.frombytes("RGB", (100, 100), os.urandom(30000)).save(noisy, format="PNG")
    assert "too large" in _upload(client, authored, "big.png", noisy.getvalue()).text
    assert _assets(db) == []


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.png",
        "/etc/x.png",
        "a\\..\\b.png",
        "evil\x00.png",
        "gnp.\u202eexe.png",
        ".hidden.png",
        "..png",
    ],
)
def test_path_tricks_in_file_names_are_refused(client, authored, db, app, name):
    response = _upload(client, authored, name, _png())
    assert "not allowed" in response.text or "Choose an image" in response.text
    assert _assets(db) == []
    assert not (Path(app.instance_path).parent / "etc").exists()


def test_unicode_names_are_neutralised_and_never_overwrite(client, authored, db):
    _upload(client, authored, "صورة.png", _png())
    _upload(client, authored, "ｉｍａｇｅ.png", _png())
    assert _assets(db) == ["assets/image-2.png", "assets/image.png"]


def test_only_declared_assets_are_served(client, authored, app):
    folder = Path(app.instance_path) / "authoring" / authored / "assets"
    folder.mkdir(parents=True)
    (folder / "secret.png").write_bytes(_png())
    assert client.get(f"/admin/authoring/{authored}/assets/secret.png").status_code == 404
    assert client.get(f"/admin/authoring/{authored}/assets/../../x").status_code == 404
