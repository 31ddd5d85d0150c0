"""Images uploaded into a course's assets: checked by content, re-encoded, stored under the instance folder.

The browser's file name and type are not trusted: the format comes from decoding the bytes with
Pillow, the image is re-encoded (which drops metadata and anything smuggled after the pixels), and
the stored name is rebuilt from the given one in plain ASCII with the extension of the real format.
"""

from __future__ import annotations

import io
import mimetypes
import re
import unicodedata
from pathlib import Path

from flask import abort, current_app, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from lms.authoring import drafts
from lms.authoring.blueprint import author, bp, load
from lms.core.downloads import download
from lms.courses.assets import uploads_root
from lms.extensions import db

#: decoded format -> extension written (GIF is stored as PNG: only its first frame is kept)
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "png", "WEBP": "webp"}
#: what is sent back for each stored extension
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4096 * 4096
#: characters that make a name lie about itself: path separators, NUL, direction overrides
_TRICKS = re.compile(r"[/\\\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class UploadRefused(ValueError):
    """The file is not accepted; the message is for the author."""


class UploadForm(FlaskForm):
    image = FileField(
        _l("Image (PNG, JPEG, GIF or WebP, at most 2 MB)"),
        validators=[FileRequired(message=_l("Choose an image to upload."))],
        render_kw={"accept": "image/png,image/jpeg,image/gif,image/webp"},
    )


def safe_name(filename: str) -> str:
    """Return a plain ASCII stem for a stored file; refuse names that try path or direction tricks."""
    if not filename or _TRICKS.search(filename) or filename.startswith(".") or ".." in filename:
        raise UploadRefused(_("This file name is not allowed; rename the file and try again."))
    stem = filename.rsplit(".", 1)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:60].strip("-")
    return cleaned or "image"


def reencode(data: bytes) -> tuple[bytes, str]:
    """Decode the bytes as an allowed image and encode it afresh; return the bytes and the extension."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > current_app.config.get("AUTHORING_MAX_IMAGE_BYTES", MAX_BYTES):
        raise UploadRefused(_("The image is too large (at most 2 MB)."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if fmt not in FORMATS:
                raise UploadRefused(_("Only PNG, JPEG, GIF and WebP images are accepted."))
            if probe.width * probe.height > MAX_PIXELS:
                raise UploadRefused(_("The image has too many pixels (at most 4096 × 4096)."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            extension = FORMATS[fmt]
            if extension == "jpg" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            elif extension == "png" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, format={"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}[extension])
    except UploadRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise UploadRefused(_("This file is not an image in an accepted format.")) from None
    return out.getvalue(), extension


def store(slug: str, assets: list[str], filename: str, data: bytes) -> str:
    """Check, re-encode and store one image; return its ``assets/…`` path (never overwriting another)."""
    stem = safe_name(filename)
    content, extension = reencode(data)
    folder = uploads_root(slug) / "assets"
    folder.mkdir(parents=True, exist_ok=True)
    name, counter = f"{stem}.{extension}", 1
    while f"assets/{name}" in assets or (folder / name).exists():
        counter += 1
        name = f"{stem}-{counter}.{extension}"
    (folder / name).write_bytes(content)
    return f"assets/{name}"


@bp.post("/<slug>/assets")
@author
def upload_asset(slug: str):
    _course, draft = load(slug)
    form = UploadForm()
    back = url_for("authoring.show_course", slug=slug)
    if form.validate_on_submit():
        upload = form.image.data
        try:
            path = store(
                slug, draft.document["assets"], upload.filename or "", upload.stream.read(MAX_BYTES + 1)
            )
        except UploadRefused as error:
            flash(str(error), "error")
        else:
            doc = dict(draft.document)
            doc["assets"] = sorted({*doc["assets"], path})
            drafts.save(draft, doc, current_user)
            db.session.commit()
            flash(
                _("Image uploaded: write ![description](%(path)s) in a lesson to show it.", path=path),
                "success",
            )
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "error")
    from flask import request

    target = request.form.get("next", "")
    return redirect(target if target.startswith(f"/admin/authoring/{slug}/") else back)


@bp.get("/<slug>/assets/<path:filename>")
@author
@download(None)
def asset(slug: str, filename: str):
    """Serve a draft's asset to authors (previews), with headers that stop any sniffing or scripting."""
    _course, draft = load(slug)
    path = f"assets/{filename}"
    if path not in draft.document["assets"] or ".." in filename.split("/"):
        abort(404)
    for root in (uploads_root(slug), Path(current_app.config["COURSES_DIR"]) / slug):
        if (root / path).is_file():
            return safe_file_response(root / path)
    abort(404)


def safe_file_response(path: Path):
    """Send an asset with a fixed content type, nosniff, no scripts, and a download for non-images."""
    extension = path.suffix.lower().lstrip(".")
    mimetype = (
        CONTENT_TYPES.get(extension) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )
    response = send_file(
        path,
        mimetype=mimetype,
        max_age=300,
        as_attachment=not mimetype.startswith("image/") or mimetype == "image/svg+xml",
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
