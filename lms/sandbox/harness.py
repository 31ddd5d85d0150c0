"""Grading harness: the program the sandbox runs. It reports what each test case computed.

It runs inside bubblewrap, where ``lms`` is not importable: keep it self-contained and free
of heavy imports (no ``json``/``re``: they cost milliseconds on every run).

Why it looks like this:

* It never receives expected values, so no code running here can learn or forge a verdict.
* Each case runs in a forked child. The child alone reads that case's inputs from stdin, so a
  case cannot see the inputs of later (hidden) cases; a crash, ``os._exit`` or monkeypatching
  in one case cannot touch another; and the harness process holds no learner state at all.
* The harness forwards each child's report with ``sendfile`` and reads none of it, so nothing
  a case printed lingers in memory later children inherit.
* Each case has its own mount and PID namespaces, made by a holder process the harness forks:
  a fresh tmpfs at ``/sandbox`` and ``/dev/shm``, a PID 1 of its own with a fresh ``/proc``. So
  PID values and inode numbers restart in every case and carry nothing from an earlier one. The
  harness keeps CAP_SYS_ADMIN (in the sandbox's user namespace only) to do it; the case's
  process drops every capability and installs the full seccomp filter before learner code runs.
* The harness is PID 1 of the sandbox (bubblewrap's ``--as-pid-1``): cases cannot signal it,
  ``kill(-1)`` between cases ends every leftover process, and no other process (such as
  bubblewrap's own reaper) lives there for a case to take over.
* The harness is made non-dumpable, so a case running under the same uid can neither open its
  ``/proc/<pid>/fd`` and ``/proc/<pid>/mem`` nor (with seccomp denying ptrace and
  process_vm_*) write into it.

Protocol (the caller's side is lms/sandbox/protocol.py):

* stdin carries frames ``b"%010d\\n" % len(payload) + payload``, payload a ``marshal``-ed dict:
  first the job ``{"code", "files", "limits", "cases"}``, then one ``{"setup", "stdin",
  "call"}`` per case, each sent only after the previous case's record.
* The record fd (argv[1]) carries JSON lines: ``{"ready":1}``; per case
  ``{"case":i,"end":E,"bytes":n}`` followed by n bytes, the child's own JSON record
  ``{"case","value","stdout","error","limit"}``; finally ``{"done":count}``. ``E`` is how the
  child ended: ok, cpu, output, exit:N or signal:NAME.
"""

from __future__ import annotations

import _signal
import builtins
import io
import marshal
import os
import resource
import sys

try:
    from _json import encode_basestring_ascii as _quote
except ImportError:  # pragma: no cover - every CPython has _json

    def _quote(text: str) -> str:
        out = []
        for ch in text:
            code = ord(ch)
            if ch in '"\\':
                out.append("\\" + ch)
            elif 0x20 <= code < 0x7F:
                out.append(ch)
            elif code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        return '"' + "".join(out) + '"'


WORK_DIR = "/sandbox"
SHM_DIR = "/dev/shm"  # noqa: S108 - the sandbox's own tmpfs
FRAME_PREFIX = 11
MAX_FRAME = 256 * 1024 * 1024
MAX_DEPTH = 100
REPR_CHARS = 200
MESSAGE_CHARS = 1000
FIXED_TIME = 946684800  # 2000-01-01: the times of /sandbox, /dev/shm and the data files in every case
PRELOADABLE = ("numpy", "scipy", "sklearn", "pandas", "matplotlib")
STOPPING_ENDS = ("cpu", "output")  # how a case can end that makes the whole run fail

# Bound now, before any learner code exists, so patching builtins later changes nothing here.
_type, _len, _str, _repr, _int = type, len, str, repr, int
_float_repr = float.__repr__
_dict_items = dict.items
_type_name = type.__dict__["__name__"].__get__
_type_qualname = type.__dict__["__qualname__"].__get__
_b64 = __import__("binascii").b2a_base64
# _signal, not signal: the latter imports enum, several milliseconds on every run.
_SIGNAL_NAMES = {
    getattr(_signal, name): name
    for name in dir(_signal)
    if name.startswith("SIG") and not name.startswith("SIG_")
}


class _Refused(Exception):
    """A result that cannot be reported faithfully (too large, too deep, changing)."""


CLONE_NEWNS, CLONE_NEWPID = 0x00020000, 0x20000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 0x4000, 0x40000
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 24, 38, 22, 2
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_libc: object = None  # ctypes' view of the C library, loaded once by main() before any fork


# --- the harness process -------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """Run the job on stdin, reporting on the fd named in argv[1]."""
    if os.getpid() != 1:
        # kill(-1) between cases would hit every process of this user outside a PID namespace
        sys.stderr.write("harness.py only runs as PID 1 of a sandbox (lms/sandbox)\n")
        return 2
    record_fd = int(argv[1])
    _make_undumpable()
    _load_libc()
    _write_all(record_fd, b'{"ready":1}\n')
    job = _read_frame(0)
    limits = job["limits"]
    for name in _preload_names(job["code"]):
        try:  # noqa: SIM105 - contextlib costs milliseconds to import here
            __import__(name)
        except BaseException:  # noqa: S110 - a failed preload only means the case imports it itself
            pass
    count = 0
    for index in range(job["cases"]):
        count += 1
        if _run_case(index, job, limits, record_fd) in STOPPING_ENDS:
            break  # the run has failed as a whole: the caller sends no more cases
    _write_all(record_fd, b'{"done":%d}\n' % count)
    return 0


def _make_undumpable() -> None:
    """Keep same-uid case processes out of the harness's /proc entries (PR_SET_DUMPABLE 0).

    Called through _ctypes rather than ctypes, whose import costs milliseconds per run.
    """
    from _ctypes import FUNCFLAG_CDECL, FUNCFLAG_USE_ERRNO, CFuncPtr, _SimpleCData, dlopen, get_errno

    class CInt(_SimpleCData):
        _type_ = "i"

    class Libc:
        _handle = dlopen(None)

    class Function(CFuncPtr):
        _flags_ = FUNCFLAG_CDECL | FUNCFLAG_USE_ERRNO
        _restype_ = CInt

    prctl = Function(("prctl", Libc()))
    if prctl(4, 0, 0, 0, 0) != 0 or prctl(3, 0, 0, 0, 0) != 0:  # PR_SET_DUMPABLE, PR_GET_DUMPABLE
        raise OSError(get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


def _load_libc() -> None:
    """Load ctypes once per run (a few milliseconds): namespaces, mounts, capabilities, seccomp."""
    global _libc
    import ctypes

    _libc = ctypes.CDLL(None, use_errno=True)


def _call(name: str, *args: object) -> int:
    import ctypes

    result = getattr(_libc, name)(*args)
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{name}{args[:2]!r}: {os.strerror(errno)}")
    return result


def _unshare(flags: int) -> None:
    _call("unshare", flags)


def _mount(source: str | None, target: str, kind: str | None, flags: int, data: bytes | None = None) -> None:
    encode = lambda text: None if text is None else text.encode()  # noqa: E731
    _call("mount", encode(source), encode(target), encode(kind), flags, data)


def _confine(bpf: bytes) -> None:
    """Give up every capability for good, then install the learner's seccomp filter.

    The harness keeps CAP_SYS_ADMIN inside the sandbox's user namespace (bubblewrap's
    ``--cap-add``) to make each case's namespaces and mounts; the learner's process must hold
    none of it: the bounding set is emptied, the sets zeroed, no_new_privs set, and only then
    the full filter (which denies mount, unshare and the rest) applied.
    """
    import ctypes

    for cap in range(64):
        if (
            _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22
        ):  # EINVAL: past the last
            break
    header = (ctypes.c_uint32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _call("capset", header, data)
    _call("prctl", PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)

    class Program(ctypes.Structure):
        _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))

    code = ctypes.create_string_buffer(bpf, _len(bpf))
    program = Program(_len(bpf) // 8, ctypes.addressof(code))
    _call("prctl", PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0)


def _preload_names(code: str) -> list[str]:
    """Modules of the numerical stack the code imports, to import once before forking.

    A plain scan, not a parser: a miss only means the case imports the module itself.
    """
    names: list[str] = []
    for line in code.splitlines():
        words = line.replace(",", " ").replace("(", " ").replace(")", " ").split()
        if _len(words) < 2:
            continue
        if words[0] == "import":
            candidates = [w for w in words[1:] if w != "as"]
        elif words[0] == "from":
            candidates = [words[1]]
            if _len(words) > 3 and words[2] == "import":
                candidates += [words[1] + "." + w for w in words[3:] if w != "as"]
        else:
            continue
        for name in candidates:
            parts = name.split(".")
            if (
                parts[0] in PRELOADABLE
                and _len(parts) <= 4
                and all(p.isidentifier() and not p.startswith("_") for p in parts)
                and name not in names
            ):
                names.append(name)
    return names[:32]


def _run_case(index: int, job: dict, limits: dict, record_fd: int) -> str:
    """Run one case in namespaces of its own and forward its report; return how the case ended.

    The harness forks a holder that takes a new mount and PID namespace, mounts a fresh
    ``/sandbox`` and ``/dev/shm`` there and writes the data files; its child is PID 1 of the
    case (a fresh ``/proc``) and forks the process that runs the learner's code. So PID values,
    inode numbers and every file, mode and time start from the same state in every case, and
    when the case's PID 1 ends the kernel ends whatever the case left running.
    """
    out_fd = os.memfd_create("stdout")
    report_fd = os.memfd_create("report")
    status_fd = os.memfd_create("status")
    pid = os.fork()
    if pid == 0:
        _holder(index, job, limits, record_fd, out_fd, report_fd, status_fd)
    _, status, usage = os.wait4(pid, 0)
    _kill_everything_else()
    os.lseek(status_fd, 0, os.SEEK_SET)
    told = os.read(status_fd, 32)
    os.close(status_fd)
    if told.isdigit():
        status = _int(told)  # how the learner's process ended, as its PID 1 saw it
    elif status == 0:
        status = 121 << 8  # the case's PID 1 ended without saying how: the case failed, fail closed
    end = _describe_end(status, usage.ru_utime + usage.ru_stime, limits)
    if end == "ok" and os.fstat(out_fd).st_size > limits["output_bytes"]:
        end = "output"
    size = os.fstat(report_fd).st_size
    if size > limits["report_bytes"]:
        size, end = 0, "oversize"
    _write_all(record_fd, b'{"case":%d,"end":"%s","bytes":%d}\n' % (index, end.encode(), size))
    offset = 0
    while offset < size:
        sent = os.sendfile(record_fd, report_fd, offset, size - offset)
        if sent == 0:
            raise OSError("report shrank while being sent")
        offset += sent
    os.close(out_fd)
    os.close(report_fd)
    return end


def _holder(
    index: int, job: dict, limits: dict, record_fd: int, out_fd: int, report_fd: int, status_fd: int
) -> None:
    """The case's namespaces and fresh filesystems, then its PID 1. Never returns."""
    try:
        os.close(record_fd)
        _unshare(CLONE_NEWNS | CLONE_NEWPID)
        _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing of the case's mounts leaks out
        _mount("tmpfs", WORK_DIR, "tmpfs", MS_NOSUID | MS_NODEV, limits["work_tmpfs"])
        os.chdir(WORK_DIR)  # the new tmpfs, not the one it covers
        if os.path.isdir(SHM_DIR):
            _mount("tmpfs", SHM_DIR, "tmpfs", MS_NOSUID | MS_NODEV, limits["shm_tmpfs"])
        for name, data in job["files"]:
            _write_file(os.path.join(WORK_DIR, name), data)
        _reset_times([WORK_DIR, SHM_DIR] if os.path.isdir(SHM_DIR) else [WORK_DIR])
        init = os.fork()
        if init == 0:
            _case_init(index, job, limits, out_fd, report_fd, status_fd)
        os.waitpid(init, 0)
    except BaseException:  # the harness failed before any learner code: say so to the admin log
        import traceback

        traceback.print_exc()
        os._exit(121)
    os._exit(0)


def _case_init(index: int, job: dict, limits: dict, out_fd: int, report_fd: int, status_fd: int) -> None:
    """PID 1 of one case: a /proc of the case's own PID namespace, the learner's process, its end."""
    try:
        # A PID 1 gets no signal from its own namespace unless it handles it: Python handles SIGINT,
        # so without this a case could interrupt its PID 1 and end itself without a status.
        _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        pid = os.fork()
        if pid == 0:
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
            _child(index, job["code"], limits, out_fd, report_fd, status_fd)
        os.close(0)  # the case's inputs are the learner's process's to read
        _, status = os.waitpid(pid, 0)
        _write_all(status_fd, b"%d" % status)
    except BaseException:
        import traceback

        traceback.print_exc()
        os._exit(121)
    os._exit(0)  # the kernel now ends every process left in the case's PID namespace


def _kill_everything_else() -> None:
    """End whatever the case left running and reap it, before anything else starts.

    As PID 1 the harness is every orphan's parent, so once ``wait`` reports no child left,
    nothing of the case exists any more (and no zombie counts against the process limit).
    """
    try:  # noqa: SIM105 - no contextlib here (import cost)
        os.kill(-1, _signal.SIGKILL)  # every process but PID 1, i.e. but the harness
    except ProcessLookupError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _describe_end(status: int, cpu: float, limits: dict) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == _signal.SIGXCPU or (sig == _signal.SIGKILL and cpu >= limits["cpu_soft"] - 0.05):
            return "cpu"
        return "signal:" + _SIGNAL_NAMES.get(sig, _str(sig))
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    return "ok" if code == 0 else f"exit:{code}"


def _reset_times(roots: list[str]) -> None:
    """Give the writable directories and everything in them the same fixed times for every case.

    Otherwise a case could leave data for the next one in a timestamp (``os.utime('/sandbox',
    (secret, secret))``), which emptying the directory keeps.
    """
    for root in roots:
        for directory, dirs, files in os.walk(root, topdown=False):
            for name in dirs + files:
                os.utime(os.path.join(directory, name), (FIXED_TIME, FIXED_TIME), follow_symlinks=False)
        os.utime(root, (FIXED_TIME, FIXED_TIME))


def _write_file(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o444)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _read_exact(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("input ended inside a frame")
        chunks.append(chunk)
        size -= _len(chunk)
    return b"".join(chunks)


def _read_frame(fd: int) -> dict:
    head = _read_exact(fd, FRAME_PREFIX)
    if head[-1:] != b"\n" or not head[:-1].isdigit() or _int(head[:-1]) > MAX_FRAME:
        raise ValueError("bad frame header")
    return marshal.loads(_read_exact(fd, _int(head[:-1])))  # noqa: S302 - frames come from the caller


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# --- the child that runs one case ----------------------------------------------------------


def _child(index: int, code: str, limits: dict, out_fd: int, report_fd: int, status_fd: int) -> None:
    """Set up the case's process, run the learner's code, write the report, exit. Never returns."""
    try:
        os.close(status_fd)
        spec = _read_frame(0)  # this case's inputs: read here, never in the harness
        stdin_fd = os.memfd_create("stdin")
        _write_all(stdin_fd, (spec["stdin"] or "").encode("utf-8", "surrogatepass"))
        os.lseek(stdin_fd, 0, os.SEEK_SET)
        os.dup2(stdin_fd, 0)
        os.dup2(out_fd, 1)
        null_fd = os.open("/dev/null", os.O_WRONLY | os.O_CLOEXEC)
        for name in os.listdir("/proc/self/fd"):
            fd = _int(name)
            if fd > 2 and fd not in (report_fd, null_fd):
                try:  # noqa: SIM105 - no contextlib here (import cost)
                    os.close(fd)
                except OSError:
                    pass
        _apply_limits(limits)
        _confine(limits["seccomp"])
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8", newline="\n")
        stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", newline="\n")
        sys.stdout = stdout
        sys.argv = ["main.py"]
        errors = _CappedText(limits["output_bytes"])  # what the program writes to sys.stderr, capped
        sys.stderr = errors
        builtins.input = _input
        module = _type(sys)("__main__")
        sys.modules["__main__"] = module
        sys.path.insert(0, WORK_DIR)
        os.dup2(null_fd, 2)
        os.close(null_fd)
    except BaseException:  # the harness failed before any learner code: say so to the admin log
        import traceback

        traceback.print_exc()
        os._exit(121)
    value, has_value, error, limit, line = _run_learner(spec, code, module.__dict__)
    try:
        _report(index, value, has_value, error, limit, stdout, limits, report_fd, line, errors)
    except BaseException:  # e.g. no memory left: this case fails, the run goes on
        os._exit(122)
    os._exit(0)


def _apply_limits(limits: dict) -> None:
    """Cap this case's process; soft equals hard so the case cannot raise them back."""
    data, size = _memory_in_use()
    cpu = limits["cpu_soft"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    for kind, value in (
        (resource.RLIMIT_DATA, data + limits["memory_bytes"]),
        (resource.RLIMIT_AS, size + limits["memory_bytes"] + limits["address_slack_bytes"]),
        (resource.RLIMIT_FSIZE, limits["file_bytes"]),
        (resource.RLIMIT_NOFILE, limits["open_files"]),
        (resource.RLIMIT_NPROC, limits["processes"]),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(kind, (value, value))


def _memory_in_use() -> tuple[int, int]:
    """Data and address-space size already used by the interpreter and preloaded libraries.

    The memory limit is what the case may add on top, so it means the same whether or not
    scikit-learn was preloaded.
    """
    data = size = 0
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(b"VmData:"):
                data = _int(line.split()[1]) * 1024
            elif line.startswith(b"VmSize:"):
                size = _int(line.split()[1]) * 1024
    return data, size


def _input(prompt: object = "") -> str:
    """``input()`` for grading: the prompt is not echoed, so only real output is compared."""
    line = sys.stdin.readline()
    if not line:
        raise EOFError("EOF when reading a line")
    return line[:-1] if line.endswith("\n") else line


class _CappedText(io.TextIOBase):
    """``sys.stderr`` of a case: keeps the first ``cap`` characters written, drops the rest."""

    encoding = "utf-8"

    def __init__(self, cap: int) -> None:
        self._parts: list[str] = []
        self._left = cap

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if _type(text) is not _str:
            raise TypeError("write() argument must be str")
        if self._left > 0:
            kept = text[: self._left]
            self._parts.append(kept)
            self._left -= _len(kept)
        return _len(text)

    def text(self) -> str:
        return "".join(self._parts)


def _learner_line(exc: BaseException) -> int | None:
    """The line of the learner's own code (``main.py``) where ``exc`` was raised, or None.

    The innermost frame of main.py in the traceback; for a syntax error in main.py, its line.
    Never a line of the harness, the setup or the test's call.
    """
    line = None
    try:
        if isinstance(exc, SyntaxError) and exc.filename == "main.py":
            line = exc.lineno
        else:
            tb = exc.__traceback__
            steps = 0
            while tb is not None and steps < 10000:
                if tb.tb_frame.f_code.co_filename == "main.py":
                    line = tb.tb_lineno
                tb = tb.tb_next
                steps += 1
    except BaseException:  # a hostile exception's attributes must not break the report
        return None
    return line if _type(line) is _int and 0 < line < 10_000_000 else None


def _run_learner(
    spec: dict, code: str, namespace: dict
) -> tuple[object, bool, str | None, str | None, int | None]:
    """Run setup, the learner's program, then the call: the documented order of a test."""
    value, has_value, error, limit, line = None, False, None, None, None
    try:
        if spec["setup"]:
            exec(compile(spec["setup"], "<setup>", "exec"), namespace)  # noqa: S102 - running it is the point
        try:
            exec(compile(code, "main.py", "exec"), namespace)  # noqa: S102 - inside the sandbox
        except SystemExit as stop:
            # The program ended itself normally (exit(), sys.exit(0)): like python main.py.
            status = stop.code
            if _type(stop) is not SystemExit or not (
                status is None or (_type(status) is _int and status == 0)
            ):
                raise
        if spec["call"] is not None:
            value = eval(compile(spec["call"], "<test>", "eval"), namespace)  # noqa: S307 - inside the sandbox
            has_value = True
    except BaseException as exc:
        value, has_value = None, False
        if _out_of_memory(exc):
            limit = "memory"
            namespace.clear()  # free what the program held before describing the failure
        error = _describe_exception(exc)
        line = _learner_line(exc)
        del exc
    return value, has_value, error, limit, line


def _out_of_memory(exc: BaseException) -> bool:
    try:
        return isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == 12)  # ENOMEM
    except BaseException:  # an exception class with a hostile errno is not a memory limit
        return False


def _describe_exception(exc: BaseException) -> str:
    """``"TypeName: message"``, safe against exceptions whose ``__str__`` misbehaves."""
    try:
        name = _type_name(_type(exc))[:REPR_CHARS]  # a class name can be a megabyte long too
    except BaseException:
        name = "Exception"
    try:
        message = _str(exc)
        if _type(message) is not _str:
            message = ""
    except BaseException:  # a hostile __str__ must not break the report
        message = "<message unavailable>"
    message = message[:MESSAGE_CHARS]
    return name + ": " + message if message else name


def _report(
    index: int,
    value: object,
    has_value: bool,
    error: str | None,
    limit: str | None,
    stdout: io.TextIOWrapper,
    limits: dict,
    report_fd: int,
    line: int | None = None,
    errors: _CappedText | None = None,
) -> None:
    """Write the case's JSON record: what it computed, printed and raised (and where, and on stderr)."""
    try:  # noqa: SIM105 - no contextlib here (import cost)
        stdout.flush()
    except BaseException:  # noqa: S110 - a broken stdout is the program's own doing
        pass
    cap = limits["output_bytes"]
    try:
        data = os.pread(1, cap + 1, 0)
    except OSError:
        data = b""
    if _len(data) > cap:
        data, limit = data[:cap], limit or "output"
    encoded = "null"
    if has_value:
        try:
            encoded = encode_value(value, limits["value_bytes"])
        except _Refused as refused:
            error = "ResultError: " + _str(refused.args[0])
        except BaseException as exc:
            error = "ResultError: the result could not be read (" + _describe_exception(exc) + ")"
    record = (
        f'{{"case":{index},"value":{encoded if error is None else "null"},'
        f'"stdout":{_quote(data.decode("utf-8", "replace"))},'
        f'"error":{"null" if error is None else _quote(error)},'
        f'"limit":{"null" if limit is None else _quote(limit)},'
        f'"line":{"null" if line is None else _str(line)},'
        f'"stderr":{_quote(_stderr_text(errors))}}}'
    )
    _write_all(report_fd, record.encode("ascii"))


def _stderr_text(errors: _CappedText | None) -> str:
    try:
        text = _CappedText.text(errors) if errors is not None else ""
    except BaseException:  # the program broke its own stderr: nothing to show
        return ""
    return text if _type(text) is _str else ""


# --- value encoding ------------------------------------------------------------------------


def encode_value(value: object, budget: int) -> str:
    """Encode a value as tagged JSON text; raise _Refused if it exceeds ``budget`` bytes.

    Exact type checks only: a subclass (of int, list...) or any other object becomes an opaque
    ``repr`` entry, which can never equal an expected literal whatever its ``__eq__`` says.
    """
    parts: list[str] = []
    _encode(value, parts, 0, [budget])
    return "".join(parts)


def _encode(x: object, out: list[str], depth: int, budget: list[int]) -> None:
    if depth > MAX_DEPTH:
        raise _Refused("the result is nested too deeply to compare")
    t = _type(x)
    if x is None:
        piece = '{"t":"none"}'
    elif t is bool:
        piece = '{"t":"bool","v":true}' if x is True else '{"t":"bool","v":false}'
    elif t is _int:
        _spend(budget, _int.bit_length(x) // 4)
        piece = '{"t":"int","v":"' + _int.__format__(x, "x") + '"}'
    elif t is float:
        piece = '{"t":"float","v":"' + _float_repr(x) + '"}'
    elif t is complex:
        piece = '{"t":"complex","v":["' + _float_repr(x.real) + '","' + _float_repr(x.imag) + '"]}'
    elif t is _str:
        _spend(budget, _len(x))
        piece = '{"t":"str","v":' + _quote(x) + "}"
    elif t is bytes:
        _spend(budget, _len(x) * 4 // 3)
        piece = '{"t":"bytes","v":"' + _b64(x, newline=False).decode("ascii") + '"}'
    elif t is list or t is tuple or t is set or t is frozenset:
        out.append('{"t":"' + _type_name(t) + '","v":[')
        _spend(budget, 16)
        first = True
        for item in x:
            if not first:
                out.append(",")
            first = False
            _encode(item, out, depth + 1, budget)
        out.append("]}")
        return
    elif t is dict:
        out.append('{"t":"dict","v":[')
        _spend(budget, 16)
        first = True
        for key, item in _dict_items(x):
            out.append("[" if first else ",[")
            first = False
            _encode(key, out, depth + 1, budget)
            out.append(",")
            _encode(item, out, depth + 1, budget)
            out.append("]")
        out.append("]}")
        return
    else:
        plain = _plain_view(x, t)
        if plain is _NO_VIEW:
            piece = _opaque(x, t)
        else:
            # a Counter, a namedtuple, a NumPy array or scalar: its type, its repr, and the
            # plain value it holds, so the caller's comparison rules decide (never its __eq__)
            opaque = _opaque(x, t)
            out.append('{"t":"typed",' + opaque[len('{"t":"repr",') : -1] + ',"plain":')
            _spend(budget, _len(opaque))
            _encode(plain, out, depth + 1, budget)
            out.append("}")
            return
    _spend(budget, _len(piece))
    out.append(piece)


_NO_VIEW = object()
_type_mro = type.__dict__["__mro__"].__get__
_type_module = type.__dict__["__module__"].__get__
_list_iter, _tuple_iter = list.__iter__, tuple.__iter__
_int_value, _float_value = _int.__int__, float.__float__
_NUMPY_SCALARS = (
    "bool",
    "int",
    "uint",
    "float",
    "longlong",
    "ulonglong",
    "intc",
    "uintc",
    "short",
    "ushort",
    "byte",
    "ubyte",
    "double",
    "single",
    "half",
    "longdouble",
    "intp",
    "uintp",
)


def _plain_view(x: object, t: type) -> object:
    """The plain value behind a subclass of a plain type or a NumPy value; _NO_VIEW if none.

    Read through the base types' own methods (``dict.items``, ``int.__int__``...), never the
    object's, so what is reported is what the object holds.
    """
    try:
        mro = _type_mro(t)
        if dict in mro:
            return {key: value for key, value in _dict_items(x)}
        if list in mro:
            return [item for item in _list_iter(x)]
        if tuple in mro:
            return tuple(item for item in _tuple_iter(x))
        if bool in mro:
            return _NO_VIEW
        if _int in mro:
            return _int_value(x)
        if float in mro:
            return _float_value(x)
        if _type_module(t) == "numpy":
            name = _type_name(t)
            if name == "ndarray" and x.size <= 1 << 20:  # type: ignore[attr-defined]
                return x.tolist()  # type: ignore[attr-defined]
            if name.rstrip("0123456789").rstrip("_") in _NUMPY_SCALARS and x.ndim == 0:  # type: ignore[attr-defined]
                return x.item()  # type: ignore[attr-defined]
    except BaseException:  # noqa: S110 - an object that resists being read is simply opaque
        pass
    return _NO_VIEW


def _opaque(x: object, t: type) -> str:
    try:
        name = _type_qualname(t)
    except BaseException:
        name = "?"
    try:
        text = _repr(x)
        if _type(text) is not _str:
            text = "?"
    except BaseException:  # a hostile __repr__ must not break the report
        text = "<repr failed>"
    return '{"t":"repr","type":' + _quote(name[:REPR_CHARS]) + ',"v":' + _quote(text[:REPR_CHARS]) + "}"


def _spend(budget: list[int], amount: int) -> None:
    budget[0] -= amount
    if budget[0] < 0:
        raise _Refused("the result is too large to compare")


if __name__ == "__main__":
    _status = main(sys.argv)
    os._exit(_status)  # nothing to tidy: skip the interpreter's shutdown
