"""The seccomp filters: a learner's process's, and the harness's (installed by bubblewrap).

A deny-list: learner code may do everything numpy and scikit-learn need, but none of the
calls that attack the kernel or break out of the namespaces, and no channel that would let one
test case pass data to a later one (SysV IPC, POSIX message queues, extended attributes).
Denied calls fail with EPERM, so Python raises a clean PermissionError instead of dying.

Two filters: bubblewrap installs the *harness's* before starting it, the same list but for
``unshare``, ``mount`` and ``umount2``, which the harness needs to give each case its own mount
and PID namespaces and fresh tmpfs; the harness installs the *learner's*, the whole list, in
each case's process after giving up its capabilities (filters stack: both apply there).
"""

from __future__ import annotations

import errno
import os
import socket
import tempfile
import threading

from .config import SandboxUnavailable

#: Denied outright.
DENIED_SYSCALLS = (
    # debugging and memory of other processes (the harness runs under the same uid)
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    # mounts and namespaces
    "mount",
    "umount",
    "umount2",
    "pivot_root",
    "chroot",
    "unshare",
    "setns",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    # kernel keyring, BPF, perf, modules, kexec, reboot, swap
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "init_module",
    "finit_module",
    "delete_module",
    "create_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    # rarely useful, often in exploits
    "personality",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "open_by_handle_at",
    "name_to_handle_at",
    "fanotify_init",
    "lookup_dcookie",
    "uselib",
    "modify_ldt",
    "iopl",
    "ioperm",
    "vm86",
    "vm86old",
    "nfsservctl",
    "vhangup",
    "acct",
    "quotactl",
    "quotactl_fd",
    "syslog",
    "sysfs",
    "ustat",
    "_sysctl",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "sethostname",
    "setdomainname",
    "migrate_pages",
    "move_pages",
    "mbind",
    "set_mempolicy",
    # channels between test cases
    "shmget",
    "shmat",
    "shmdt",
    "shmctl",
    "semget",
    "semop",
    "semtimedop",
    "semctl",
    "msgget",
    "msgsnd",
    "msgrcv",
    "msgctl",
    "mq_open",
    "mq_unlink",
    "mq_timedsend",
    "mq_timedreceive",
    "mq_notify",
    "mq_getsetattr",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
)

_NAMESPACE_FLAGS = (
    0x10000000,  # CLONE_NEWUSER
    0x00020000,  # CLONE_NEWNS
    0x20000000,  # CLONE_NEWPID
    0x40000000,  # CLONE_NEWNET
    0x04000000,  # CLONE_NEWUTS
    0x08000000,  # CLONE_NEWIPC
    0x02000000,  # CLONE_NEWCGROUP
)
_TIOCSTI, _TIOCLINUX = 0x5412, 0x541C

#: Allowed to the harness alone (see the module's docstring); every case's process is denied them.
HARNESS_ONLY = frozenset({"unshare", "mount", "umount2"})

_lock = threading.Lock()
_cached: dict[bool, bytes] = {}


def filter_bpf(harness: bool = False) -> bytes:
    """Return the compiled filter of a learner's process, or of the harness (built once per process)."""
    with _lock:
        if harness not in _cached:
            _cached[harness] = _build(harness)
        return _cached[harness]


def _build(harness: bool = False) -> bytes:
    try:
        import pyseccomp as sc
    except (ImportError, OSError, RuntimeError) as e:
        raise SandboxUnavailable(
            f"seccomp is unavailable ({e}): install libseccomp2 and pyseccomp (tools/setup-sandbox.sh)"
        ) from e
    deny = sc.ERRNO(errno.EPERM)
    f = sc.SyscallFilter(sc.ALLOW)
    for name in DENIED_SYSCALLS:
        if harness and name in HARNESS_ONLY:
            continue
        number = sc.resolve_syscall(sc.Arch.NATIVE, name)
        if number == -1:  # unknown to this libseccomp: the kernel's older than the call anyway
            continue
        f.add_rule(deny, number)
    # Networking: only AF_UNIX sockets (the sandbox has no network; this also shuts netlink,
    # packet and inet sockets that exploits like to reach).
    for name in ("socket", "socketpair"):
        f.add_rule(sc.ERRNO(errno.EAFNOSUPPORT), name, sc.Arg(0, sc.NE, socket.AF_UNIX))
    # New namespaces via clone; clone3 hides its flags in memory, so refuse it and let glibc
    # fall back to clone.
    for flag in _NAMESPACE_FLAGS:
        f.add_rule(deny, "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    # Typing into the terminal of whoever started us.
    for request in (_TIOCSTI, _TIOCLINUX):
        f.add_rule(deny, "ioctl", sc.Arg(1, sc.MASKED_EQ, 0xFFFFFFFF, request))
    with tempfile.TemporaryFile() as out:
        f.export_bpf(out)
        out.seek(0)
        bpf = out.read()
    if not bpf or len(bpf) % 8:
        raise SandboxUnavailable("libseccomp produced no usable filter")
    return bpf


def filter_fd() -> int:
    """Return a fresh fd holding the harness's filter, for bubblewrap's ``--seccomp`` (it reads it once)."""
    fd = os.memfd_create("maharat-seccomp")
    view = memoryview(filter_bpf(harness=True))
    while view:
        view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
