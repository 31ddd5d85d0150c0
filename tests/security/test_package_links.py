"""Finding 1 of issue 16: a course package must never make the platform read a file outside it.

A package holds links of every kind (to a file outside, to a folder outside, a chain of links, a link
between two files of the package); links are also swapped in after a clean sync (a race). Validation,
sync, the asset routes (as an enrolled pupil and as an author) and the export must refuse them, and a
Python audit hook proves that the secret file outside is never opened through a path.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from flask import current_app

from lms.core import confined
from lms.courses.models import Course
from lms.courses.sync import sync_package
from lms.extensions import db
from lms.learning import operations
from lms.packages.loader import load_package
from lms.users.models import Role
from tests.learning.packages import write_course

SECRET = b"TOP-SECRET-d41d8cd98f00b204"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)

#: real paths whose opening the audit hook reports while ``_watching`` is non-empty
_watching: set[str] = set()
_opened: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if not _watching or event != "open" or not args or not isinstance(args[0], str | bytes | os.PathLike):
        return
    path = os.fsdecode(args[0])
    if os.path.isabs(path) and os.path.realpath(path) in _watching:
        _opened.append(path)


sys.addaudithook(_audit)  # hooks cannot be removed; this one does nothing unless a test watches


@pytest.fixture
def outside(tmp_path: Path):
    """A secret file and a folder holding another, outside every package; opening them is recorded."""
    folder = tmp_path / "outside"
    (folder / "dir").mkdir(parents=True)
    secret = folder / "secret.txt"
    secret.write_bytes(SECRET)
    (folder / "dir" / "photo.png").write_bytes(SECRET)
    watched = {os.path.realpath(secret), os.path.realpath(folder / "dir" / "photo.png")}
    _watching.update(watched)
    _opened.clear()
    yield folder
    _watching.difference_update(watched)
    assert _opened == [], f"a file outside the package was opened: {_opened}"


@pytest.fixture
def courses_dir(app, tmp_path: Path) -> Path:
    folder = tmp_path / "courses"
    folder.mkdir()
    app.config["COURSES_DIR"] = str(folder)
    return folder


def _with_links(package: Path, outside: Path) -> None:
    assets = package / "assets"
    assets.mkdir()
    (assets / "ok.png").write_bytes(PNG)
    (assets / "db.png").symlink_to(outside / "secret.txt")  # a file outside (absolute)
    (assets / "up.png").symlink_to(Path("../../../outside/secret.txt"))  # relative, climbing out
    (assets / "folder").symlink_to(outside / "dir")  # a folder outside
    (assets / "hop").symlink_to(Path("db.png"))  # a chain: hop -> db.png -> outside
    (assets / "chain.png").symlink_to(Path("hop"))
    (assets / "alias.png").symlink_to(Path("ok.png"))  # inside to inside: refused too


LINKS = [
    "assets/alias.png",
    "assets/chain.png",
    "assets/db.png",
    "assets/folder",
    "assets/hop",
    "assets/up.png",
]


def test_validation_names_every_link_and_reads_nothing_outside(app, runner, courses_dir, outside):
    package = write_course(courses_dir)
    _with_links(package, outside)
    result = runner.invoke(args=["courses", "validate", "--no-sandbox"])
    assert result.exit_code != 0
    for link in LINKS:
        assert f"cours-test/{link}: symbolic links are not allowed in a package" in result.output
    assert "assets/ok.png" not in result.output
    assert SECRET.decode() not in result.output


def test_sync_refuses_a_package_with_links_and_installs_nothing(app, runner, courses_dir, outside):
    _with_links(write_course(courses_dir), outside)
    result = runner.invoke(args=["courses", "sync"])
    assert result.exit_code != 0 and "nothing was synced" in result.output
    assert db.session.scalar(db.select(Course).where(Course.slug == "cours-test")) is None


def test_a_package_folder_that_is_itself_a_link_is_refused(app, courses_dir, tmp_path, outside):
    real = write_course(tmp_path / "elsewhere")
    (courses_dir / "cours-test").symlink_to(real)
    package, problems = load_package(courses_dir / "cours-test", current_app.extensions["exercise_types"])
    assert package is None
    assert [str(p) for p in problems] == [
        f"cours-test: symbolic links are not allowed in a package (this one points to {str(real)!r})"
    ]


def test_a_fifo_in_a_package_is_refused_without_opening_it(app, courses_dir):
    package = write_course(courses_dir)
    (package / "assets").mkdir()
    os.mkfifo(package / "assets" / "pipe.png")
    _package, problems = load_package(package, current_app.extensions["exercise_types"])
    assert [str(p) for p in problems] == [
        "cours-test/assets/pipe.png: only regular files and folders are allowed in a package"
    ]


@pytest.fixture
def synced(app, courses_dir):
    """A clean package with two assets, synced; then the test swaps links in."""
    package = write_course(courses_dir)
    (package / "assets" / "sub").mkdir(parents=True)
    (package / "assets" / "photo.png").write_bytes(PNG)
    (package / "assets" / "sub" / "photo.png").write_bytes(PNG)
    loaded, problems = load_package(package, current_app.extensions["exercise_types"])
    assert problems == []
    sync_package(loaded)
    db.session.commit()
    course = db.session.scalar(db.select(Course).where(Course.slug == "cours-test"))
    assert course.assets == ["assets/photo.png", "assets/sub/photo.png"]
    return package


@pytest.fixture
def pupil(client, auth, make_user, synced):
    user = make_user()
    operations.enrol(user, db.session.scalar(db.select(Course).where(Course.slug == "cours-test")))
    db.session.commit()
    auth.login(user)
    return user


def _swap(package: Path, outside: Path, how: str, courses_dir: Path, tmp_path: Path) -> None:
    if how == "file":
        (package / "assets" / "photo.png").unlink()
        (package / "assets" / "photo.png").symlink_to(outside / "secret.txt")
        (package / "assets" / "sub" / "photo.png").unlink()
        (package / "assets" / "sub" / "photo.png").symlink_to(outside / "secret.txt")
    elif how == "folder":
        (package / "assets").rename(tmp_path / "old-assets")
        (package / "assets").symlink_to(outside / "dir")
    else:  # the whole package folder becomes a link to a look-alike whose assets are the secret
        look_alike = tmp_path / "look-alike"
        (look_alike / "assets" / "sub").mkdir(parents=True)
        (look_alike / "assets" / "photo.png").symlink_to(outside / "secret.txt")
        (look_alike / "assets" / "sub" / "photo.png").write_bytes(SECRET)
        package.rename(tmp_path / "old-package")
        package.symlink_to(look_alike)


@pytest.mark.parametrize("how", ["file", "folder", "package"])
def test_links_swapped_in_after_the_sync_are_never_served(
    client, pupil, synced, outside, courses_dir, tmp_path, how
):
    assert client.get("/courses/cours-test/assets/photo.png", buffered=True).data == PNG
    _swap(synced, outside, how, courses_dir, tmp_path)
    for path in ("photo.png", "sub/photo.png"):
        response = client.get(f"/courses/cours-test/assets/{path}", buffered=True)
        assert response.status_code == 404
        assert SECRET not in response.data


def test_an_asset_is_still_served_with_its_type_length_and_ranges(client, pupil, synced):
    response = client.get("/courses/cours-test/assets/sub/photo.png", buffered=True)
    assert response.status_code == 200 and response.data == PNG
    assert response.mimetype == "image/png" and response.content_length == len(PNG)
    again = client.get(
        "/courses/cours-test/assets/sub/photo.png",
        headers={"If-None-Match": response.get_etag()[0]},
        buffered=True,
    )
    assert again.status_code == 304
    part = client.get(
        "/courses/cours-test/assets/sub/photo.png", headers={"Range": "bytes=0-7"}, buffered=True
    )
    assert part.status_code == 206 and part.data == PNG[:8]


def test_an_uploaded_asset_swapped_for_a_link_is_not_served(app, client, pupil, synced, outside):
    uploads = Path(app.instance_path) / "authoring" / "cours-test" / "assets"
    uploads.mkdir(parents=True)
    (uploads / "photo.png").symlink_to(outside / "secret.txt")  # uploads are looked at first
    response = client.get("/courses/cours-test/assets/photo.png", buffered=True)
    assert response.status_code == 200 and response.data == PNG  # the package's file, not the link


def test_the_author_preview_refuses_a_link_too(
    app, client, auth, make_user, synced, outside, courses_dir, tmp_path
):
    auth.login(make_user(role=Role.ADMIN))
    assert client.get("/admin/authoring/cours-test/assets/photo.png", buffered=True).data == PNG
    _swap(synced, outside, "file", courses_dir, tmp_path)
    response = client.get("/admin/authoring/cours-test/assets/photo.png", buffered=True)
    assert response.status_code == 404 and SECRET not in response.data


@pytest.mark.parametrize("how", ["file", "folder", "package"])
def test_the_export_copies_no_link_target(app, runner, synced, outside, courses_dir, tmp_path, how):
    _swap(synced, outside, how, courses_dir, tmp_path)
    target = tmp_path / "export"
    result = runner.invoke(args=["courses", "export", "cours-test", str(target)])
    assert result.exit_code != 0
    assert "is missing (or is a link, which is refused)" in result.output
    for path in target.rglob("*"):
        assert not path.is_symlink()
        assert not path.is_file() or SECRET not in path.read_bytes()


def test_the_confined_reader_refuses_every_trick(tmp_path, outside):
    base = tmp_path / "base"
    (base / "a").mkdir(parents=True)
    (base / "a" / "file.txt").write_bytes(b"inside")
    (base / "a" / "link.txt").symlink_to(outside / "secret.txt")
    (base / "dirlink").symlink_to(outside / "dir")
    assert confined.read_bytes(base, "a/file.txt") == b"inside"
    for bad in (
        "a/link.txt",
        "dirlink/photo.png",
        "../outside/secret.txt",
        "/etc/passwd",
        "a/./file.txt",
        "a",
    ):
        with pytest.raises(confined.Refused):
            confined.read_bytes(base, bad)
    with pytest.raises(OSError), confined.create_file(base, "a/link.txt") as file:  # never through a link
        file.write(b"x")
    assert (outside / "secret.txt").stat().st_size == len(SECRET)  # unchanged (and not opened)
