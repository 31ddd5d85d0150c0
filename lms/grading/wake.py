"""Wake the grading workers of this machine at once when work is queued, instead of at their next poll.

A worker waits on a Unix datagram socket of its own (in a private folder named after the instance
folder) rather than sleeping; whoever queues an attempt or a run sends one byte to every socket there.
Nothing depends on it: a worker on another machine, or one whose socket could not be made, still
finds the work at its next poll. It matters for "Run", where a pupil waits in front of the screen.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import select
import socket
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)


def wake_folder(instance_path: str) -> Path:
    """The folder of this instance's wake-up sockets (short, so socket paths fit in 108 bytes)."""
    digest = hashlib.sha256(os.path.realpath(instance_path).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"maharat-wake-{os.getuid()}-{digest}"


class WakeSocket:
    """A worker's socket: ``wait(seconds)`` returns early when someone calls :func:`wake_workers`."""

    def __init__(self, instance_path: str, name: str) -> None:
        self.sock: socket.socket | None = None
        folder = wake_folder(instance_path)
        self.path = folder / f"{name}.sock"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            sock.bind(str(self.path))
            sock.setblocking(False)
            self.sock = sock
        except OSError as error:  # polling still works
            log.info("grading: no wake-up socket (%s); polling only", error)

    def wait(self, seconds: float) -> None:
        if self.sock is None:
            time.sleep(seconds)
            return
        readable, _, _ = select.select([self.sock], [], [], seconds)
        if readable:
            with contextlib.suppress(OSError):
                while self.sock.recv(64):
                    pass

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
            with contextlib.suppress(OSError):
                self.path.unlink()


def wake_workers(instance_path: str) -> None:
    """Tell every worker of this instance on this machine that work is waiting (never raises)."""
    folder = wake_folder(instance_path)
    try:
        paths = list(folder.glob("*.sock"))
    except OSError:
        return
    if not paths:
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sender:
        sender.setblocking(False)
        for path in paths:
            try:
                sender.sendto(b"!", str(path))
            except ConnectionRefusedError:  # nobody listens: the socket of a worker that was killed
                with contextlib.suppress(OSError):
                    path.unlink()
            except OSError:  # its queue is full: it is awake anyway
                pass
