"""The sandbox's view of the filesystem: the grading interpreter and nothing else.

Inside, ``/`` is an empty read-only tmpfs holding only: the grading virtualenv at
``/opt/maharat/venv``, the base interpreter's executable and standard library at their own
paths, the system libraries they load (found by reading ELF headers), the harness, fresh
``/proc`` and ``/dev``, and two small writable tmpfs: the working directory and ``/dev/shm``.
No shell, no ``/etc``, no home, no application source: what is not bound does not exist.
"""

from __future__ import annotations

import os
import sysconfig
import threading
from dataclasses import dataclass

from .config import SandboxUnavailable
from .elf import resolve_libraries

VENV_INSIDE = "/opt/maharat/venv"
HARNESS_INSIDE = "/opt/maharat/harness"  # + ".pyc" when precompiled, ".py" otherwise
WORK_INSIDE = "/sandbox"
SHM_MB = 16
#: Standard-library extension modules left unusable inside: no network, no terminal, no
#: system databases there, and their libraries (OpenSSL, ncurses, Kerberos...) would cost a
#: bind mount each on every run. hashlib falls back to its built-in algorithms.
UNSUPPORTED_EXTENSIONS = frozenset(
    {"_ssl", "_hashlib", "_curses", "_curses_panel", "readline", "nis", "_dbm", "_gdbm", "_crypt"}
)


@dataclass(frozen=True)
class Layout:
    """What to bind into the sandbox for one grading interpreter."""

    venv: str  #: host path of the grading virtualenv
    version: str  #: the grading interpreter's "major.minor"
    python_inside: str  #: the interpreter's path inside the sandbox
    mount_args: tuple[str, ...]  #: bubblewrap arguments making the interpreter runnable
    host_paths: tuple[str, ...]  #: every host path bound, so access can be checked for a slot user


_lock = threading.Lock()
_cache: dict[tuple, Layout] = {}


def layout_for(python: str) -> Layout:
    """Work out (once per interpreter and install) what the sandbox must show of the host."""
    venv = _venv_root(python)
    # The version in place now: tools/setup-sandbox.sh replaces a venv by switching a symlink, and a
    # run binds the resolved directory, so its libraries and its layout always belong together.
    real = os.path.realpath(venv)
    key = (python, real, _mtime(os.path.join(real, "pyvenv.cfg")), _mtime(_site_packages(real)))
    with _lock:
        layout = _cache.get(key)
        if layout is None:
            layout = _cache[key] = _build(python, venv, real)
        return layout


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def _venv_root(python: str) -> str:
    if not os.path.isabs(python):
        raise SandboxUnavailable(f"grading interpreter path must be absolute: {python!r}")
    venv = os.path.dirname(os.path.dirname(os.path.abspath(python)))
    if not os.path.isfile(os.path.join(venv, "pyvenv.cfg")):
        raise SandboxUnavailable(
            f"{python} is not the interpreter of a virtualenv (no {venv}/pyvenv.cfg): "
            "create the grading venv with tools/setup-sandbox.sh"
        )
    if not os.access(python, os.X_OK):
        raise SandboxUnavailable(f"grading interpreter {python} does not exist or is not executable")
    return venv


def _site_packages(venv: str) -> str:
    lib = os.path.join(venv, "lib")
    try:
        versions = [d for d in os.listdir(lib) if d.startswith("python")]
    except OSError:
        return lib
    return os.path.join(lib, versions[0], "site-packages") if versions else lib


def _read_cfg(venv: str) -> dict[str, str]:
    cfg = {}
    with open(os.path.join(venv, "pyvenv.cfg"), encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.partition("=")
            if sep:
                cfg[key.strip()] = value.strip()
    return cfg


def _build(python: str, venv: str, real: str) -> Layout:
    cfg = _read_cfg(real)
    home = cfg.get("home", "")
    version = ".".join(cfg.get("version", cfg.get("version_info", "")).split(".")[:2])
    if not home or not version:
        raise SandboxUnavailable(f"{venv}/pyvenv.cfg names no home or version")
    base_prefix = os.path.dirname(home.rstrip("/"))
    stdlib = os.path.join(base_prefix, "lib", f"python{version}")
    if not os.path.isfile(os.path.join(stdlib, "os.py")):
        raise SandboxUnavailable(f"standard library of the grading interpreter not found at {stdlib}")
    base_exe = _first_outside(python, venv)
    if base_exe is None or not os.path.isfile(base_exe):
        raise SandboxUnavailable(f"{python} does not lead to a base interpreter outside {venv}")

    roots = [os.path.realpath(base_exe)]
    for top in (os.path.join(stdlib, "lib-dynload"), _site_packages(real)):
        for directory, _dirs, files in os.walk(top):
            roots += [
                os.path.join(directory, f)
                for f in files
                if ".so" in f and f.split(".", 1)[0] not in UNSUPPORTED_EXTENSIONS
            ]
    libraries, _missing = resolve_libraries(roots, _system_lib_dirs())

    mirror = _Mirror()
    mirror.add(base_exe)
    mirror.add(stdlib)
    for path in sorted(libraries):
        if not _inside(os.path.realpath(path), (real, stdlib)):
            mirror.add(path)
    args = ["--ro-bind", real, VENV_INSIDE, *mirror.args()]
    python_inside = os.path.join(VENV_INSIDE, os.path.relpath(os.path.abspath(python), venv))
    return Layout(real, version, python_inside, tuple(args), (real, *mirror.binds))


def _first_outside(python: str, venv: str) -> str | None:
    """Follow the venv's interpreter symlinks to the first path outside the venv."""
    path = os.path.abspath(python)
    for _ in range(40):
        if not _inside(path, (venv,)):
            return path
        if not os.path.islink(path):
            return None  # a copied interpreter: then it is found through its libraries only
        path = os.path.normpath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return None


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def _system_lib_dirs() -> list[str]:
    arch = sysconfig.get_config_var("MULTIARCH") or ""
    dirs = []
    for prefix in ("/lib", "/usr/lib", "/usr/local/lib"):
        if arch:
            dirs.append(f"{prefix}/{arch}")
    dirs += ["/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib"]
    return [d for d in dirs if os.path.isdir(d)]


class _Mirror:
    """Reproduce host paths inside: every symlink on the way, then the real file or dir.

    Binding only real paths and recreating the symlinks (``/lib -> usr/lib`` on merged-/usr
    Debian, ``ld-linux`` links...) makes each needed path resolve inside exactly as outside.
    """

    def __init__(self) -> None:
        self.links: dict[str, str] = {}
        self.binds: list[str] = []

    def add(self, path: str) -> None:
        parts = [p for p in path.split("/") if p]
        current = "/"
        hops = 0
        while parts:
            candidate = os.path.join(current, parts.pop(0))
            if os.path.islink(candidate):
                hops += 1
                if hops > 40:
                    raise SandboxUnavailable(f"symlink loop under {path}")
                target = os.readlink(candidate)
                self.links[candidate] = target
                resolved = os.path.normpath(os.path.join(current, target))
                parts = [p for p in resolved.split("/") if p] + parts
                current = "/"
            else:
                current = candidate
        if not _inside(current, tuple(self.binds)):
            self.binds = [b for b in self.binds if not _inside(b, (current,))] + [current]

    def args(self) -> list[str]:
        out: list[str] = []
        for path in sorted(self.binds):
            out += ["--ro-bind", path, path]
        for link, target in sorted(self.links.items()):
            out += ["--symlink", target, link]
        return out
