"""Fingerprinted static files: cached for a year by browsers and proxies, refreshed the moment they change.

Every ``url_for("static", filename=…)`` gets ``?v=<hash of the file's content>``, so templates need no
special helper. A request carrying the current hash is answered with ``Cache-Control: public,
max-age=31536000, immutable``: a school on a slow or intermittent line downloads the stylesheet and the
editor once. Without the hash (or with a stale one) the answer may be cached for a few minutes only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, request

#: Seconds a fingerprinted file may be kept: a year, the most HTTP caches honour.
FOREVER = 31_536_000
#: Seconds a file asked for without its fingerprint may be kept.
BRIEFLY = 300


class StaticVersions:
    """The content hash of each static file, computed again only when the file changes on disk.

    A ``stat`` per URL is cheap; it spares developers (and servers updated in place) a stale hash.
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).resolve()
        self._hashes: dict[str, tuple[tuple[int, int], str]] = {}

    def version(self, filename: str) -> str | None:
        path = (self.folder / filename).resolve()
        if not path.is_relative_to(self.folder):
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        if not path.is_file():
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = self._hashes.get(filename)
        if known is None or known[0] != stamp:
            known = (stamp, hashlib.sha256(path.read_bytes()).hexdigest()[:12])
            self._hashes[filename] = known
        return known[1]


def init_assets(app: Flask) -> None:
    versions = StaticVersions(app.static_folder or "static")
    app.extensions["static_versions"] = versions

    @app.url_defaults
    def fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = versions.version(values["filename"])
            if version is not None:
                values["v"] = version

    @app.after_request
    def cache_static(response: Response) -> Response:
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        wanted = request.args.get("v")
        current = versions.version((request.view_args or {}).get("filename", ""))
        response.cache_control.public = True
        if wanted is not None and wanted == current:
            response.cache_control.max_age = FOREVER
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        else:
            response.cache_control.max_age = BRIEFLY
        return response
