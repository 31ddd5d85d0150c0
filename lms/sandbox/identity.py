"""Which unprivileged user a run executes as, and keeping one run per slot at a time.

bubblewrap started by root gives root inside the sandbox and makes RLIMIT_NPROC meaningless,
so root callers switch to a dedicated slot user (``maharat-sbx<N>``) before exec'ing it;
other callers run it as themselves. The process limit counts per user, hence one run per slot.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from .config import SandboxUnavailable

SLOT_USER_PREFIX = "maharat-sbx"


@dataclass(frozen=True)
class Identity:
    """The uid/gid the sandbox runs as; ``switch`` when it is not the caller's own."""

    uid: int
    gid: int
    name: str
    switch: bool


def identity_for(slot: int) -> Identity:
    """Return the slot user for root callers, the caller itself otherwise."""
    if os.geteuid() != 0:
        return Identity(os.geteuid(), os.getegid(), f"uid {os.geteuid()}", switch=False)
    name = f"{SLOT_USER_PREFIX}{slot}"
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise SandboxUnavailable(
            f"running as root but slot user {name!r} does not exist: create it with "
            "tools/setup-sandbox.sh (root would otherwise stay root inside the sandbox)"
        ) from None
    if entry.pw_uid == 0 or entry.pw_gid == 0:
        raise SandboxUnavailable(f"slot user {name!r} must not have uid or gid 0")
    return Identity(entry.pw_uid, entry.pw_gid, name, switch=True)


@contextlib.contextmanager
def slot_lock(identity: Identity, slot: int) -> Iterator[None]:
    """Hold the slot's lock for the duration of a run (processes of a slot share a limit)."""
    directory = os.path.join(tempfile.gettempdir(), f"maharat-sandbox-{os.geteuid()}")
    with contextlib.suppress(FileExistsError):
        os.mkdir(directory, 0o700)
    info = os.lstat(directory)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise SandboxUnavailable(f"lock directory {directory} is not a private directory of ours")
    fd = os.open(
        os.path.join(directory, f"slot{slot}.lock"),
        os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
        0o600,
    )
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def unreadable_reason(paths: tuple[str, ...], identity: Identity) -> str | None:
    """Say why the slot user could not read one of ``paths``, or None when it can.

    bubblewrap opens its bind sources as the slot user: a venv under /root fails obscurely
    there, so check first and name the directory to fix.
    """
    if not identity.switch:
        return None
    for path in paths:
        current = "/"
        for part in [p for p in path.split("/") if p]:
            current = os.path.join(current, part)
            try:
                info = os.stat(current)
            except OSError as e:
                return f"{current}: {e.strerror}"
            need = 0o5 if stat.S_ISDIR(info.st_mode) else 0o4
            if info.st_uid == identity.uid:
                granted = (info.st_mode >> 6) & 0o7
            elif info.st_gid == identity.gid:
                granted = (info.st_mode >> 3) & 0o7
            else:
                granted = info.st_mode & 0o7
            if stat.S_ISDIR(info.st_mode) and current != path:
                need = 0o1
            if granted & need != need:
                return (
                    f"slot user {identity.name} cannot access {current} (mode {stat.S_IMODE(info.st_mode):04o}), "
                    f"needed for {path}: use a grading venv and base Python outside private directories"
                )
    return None
