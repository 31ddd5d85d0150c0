"""Files read or served from a folder that may never lead outside it: course packages, assets, uploads.

A course package is content written by someone else. A symbolic link in it
(``assets/db.png -> ../../../instance/maharat.sqlite3``) would make the platform serve, hash or
export whatever the link names. The rule (docs/security.md, finding 1): **no link is ever
followed below a trusted base folder**. The base folders themselves (``COURSES_DIR``, the instance
folder) are configuration and may be links; every component below them is opened with
``O_NOFOLLOW`` relative to its parent's descriptor, so a link swapped in after a check (a race) is
refused by the kernel, not by a test done a moment earlier. Only regular files are read: a FIFO or a
device would hang or leak.

Links inside a package are refused even when they point inside it: nothing needs them, and one rule
is easier to trust than a containment check.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from flask import Response, request, send_file

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


class Refused(OSError):
    """The path names no regular file reachable without a link (or leaves its folder)."""


def parts_of(relative: str | Path) -> list[str]:
    """Split a relative path into components, refusing absolute paths, ``..``, ``.`` and empty parts."""
    text = relative.as_posix() if isinstance(relative, Path) else str(relative)
    parts = text.split("/")
    if text.startswith("/") or "\0" in text or any(p in ("", ".", "..") for p in parts):
        raise Refused(f"not a plain relative path: {text!r}")
    return parts


def open_file(base: Path | str, relative: str | Path) -> BinaryIO:
    """Open ``base/relative`` for reading without following any link below ``base``.

    Raises ``Refused`` (an ``OSError``) when a component is a link, is missing, or the end is not a
    regular file. The caller closes the returned file.
    """
    parts = parts_of(relative)
    try:
        fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as error:
        raise Refused(str(error)) from None
    try:
        for part in parts[:-1]:
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
        file_fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=fd)
    except OSError as error:  # ELOOP (a link), ENOTDIR, ENOENT…
        raise Refused(f"{relative}: {error.strerror}") from None
    finally:
        os.close(fd)
    if not stat.S_ISREG(os.fstat(file_fd).st_mode):
        os.close(file_fd)
        raise Refused(f"{relative}: not a regular file")
    os.set_blocking(file_fd, True)
    return os.fdopen(file_fd, "rb")


def read_bytes(base: Path | str, relative: str | Path) -> bytes:
    """Return the bytes of ``base/relative`` read without following links (``Refused`` otherwise)."""
    with open_file(base, relative) as file:
        return file.read()


def is_file(base: Path | str, relative: str | Path) -> bool:
    """Tell whether ``base/relative`` is a regular file reachable without following a link."""
    try:
        with open_file(base, relative):
            return True
    except Refused:
        return False


def unsafe_entries(root: Path | str) -> list[str]:
    """List, as relative POSIX paths, every link and every entry that is neither a file nor a folder.

    The walk never follows a link (``os.scandir`` reports the link itself), so a link to a folder is
    listed, not entered. The root itself being a link is reported as ``"."``.
    """
    root = Path(root)
    if root.is_symlink():
        return ["."]
    found: list[str] = []

    def walk(folder: Path, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                name = f"{prefix}{entry.name}"
                if entry.is_symlink():
                    found.append(name)
                elif entry.is_dir(follow_symlinks=False):
                    walk(Path(entry.path), f"{name}/")
                elif not entry.is_file(follow_symlinks=False):
                    found.append(name)

    walk(root, "")
    return found


@contextmanager
def create_file(base: Path | str, relative: str | Path) -> Iterator[BinaryIO]:
    """Create a new file ``base/relative`` for writing, never through a link and never over a file.

    The folders on the way are created when missing (``mkdir`` does not follow a final link either).
    """
    parts = parts_of(relative)
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts[:-1]:
            with suppress(FileExistsError):
                os.mkdir(part, 0o755, dir_fd=fd)
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        file_fd = os.open(parts[-1], flags, 0o644, dir_fd=fd)
    finally:
        os.close(fd)
    with os.fdopen(file_fd, "wb") as file:
        yield file


def send_opened(
    file: BinaryIO,
    name: str,
    *,
    mimetype: str | None = None,
    as_attachment: bool = False,
    max_age: int = 300,
) -> Response:
    """Send a file opened by ``open_file`` (the response closes it), with ETag, length and ranges.

    Werkzeug knows neither the size nor the date of an open file, so they come from ``fstat`` of the
    very descriptor that is sent: no path is looked at again.
    """
    info = os.fstat(file.fileno())
    mimetype = mimetype or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = send_file(
        file,
        mimetype=mimetype,
        as_attachment=as_attachment,
        download_name=name.rsplit("/", 1)[-1],
        etag=f"{info.st_mtime_ns}-{info.st_size}",
        last_modified=info.st_mtime,
        max_age=max_age,
        conditional=False,
    )
    response.content_length = info.st_size
    response.call_on_close(file.close)  # a 304 or 206 replaces the body without closing the file
    return response.make_conditional(request, accept_ranges=True, complete_length=info.st_size)
