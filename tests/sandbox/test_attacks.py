"""Hostile programs: each is contained, and none gets a passing value it did not compute."""

from __future__ import annotations

import os
import platform
import socket
import time

import pytest

from lms.sandbox import CaseSpec, Limits, run_cases
from lms.sandbox.identity import identity_for, slot_lock
from tests.sandbox.conftest import REPO, TIGHT, only_value


def passes(case, expected) -> bool:
    """An honest, strict comparison, as the grader makes it."""
    return (
        case.error is None
        and case.has_value
        and type(case.value) is type(expected)
        and case.value == expected
    )


def leftover_processes(marker: str) -> list[str]:
    """Host processes whose command line carries ``marker``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if marker.encode() in cmdline and pid != str(os.getpid()):
            found.append(cmdline.decode(errors="replace"))
    return found


def slot_processes(sandbox) -> list[int]:
    """Live processes of the slot user, counted while no run holds the slot (root only)."""
    if os.geteuid() != 0:
        return []
    from lms.sandbox.runner import _processes_of

    identity = identity_for(sandbox.slot)
    with slot_lock(identity, sandbox.slot):
        return _processes_of(identity.uid)


# --- resources -------------------------------------------------------------------------------


def test_an_infinite_loop_times_out(run):
    outcome = run("while True:\n    pass\n", limits=TIGHT)
    assert outcome.status == "timeout"  # the sandbox's own clock stopped it (how fast: bench/)
    assert outcome.cases == []


def test_a_sleeping_program_hits_the_wall_clock(run):
    start = time.monotonic()
    outcome = run("import time\ntime.sleep(60)\n", limits=Limits(wall_seconds=1.5))
    assert outcome.status == "timeout"
    assert time.monotonic() - start > 1.4  # stopped by the wall clock, not before (no upper bound: load)


def test_a_fork_bomb_is_contained_and_reaped(run, sandbox):
    marker = "forkbomb-7c1e"
    code = f"import os\n# {marker}\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    outcome = run(code, limits=TIGHT)
    assert outcome.status in ("timeout", "crashed")
    assert slot_processes(sandbox) == []
    assert only_value(run("def result():\n    return 'still fine'\n")) == "still fine"


def test_threads_are_limited_too(run):
    code = (
        "import threading, time\n"
        "def result():\n"
        "    n = 0\n"
        "    try:\n"
        "        for _ in range(1000):\n"
        "            threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\n"
        "            n += 1\n"
        "    except RuntimeError:\n"
        "        pass\n"
        "    return n\n"
    )
    assert only_value(run(code, limits=TIGHT)) < 20


@pytest.mark.parametrize(
    "code",
    [
        "x = bytearray(4 * 1024**3)\n",
        "x = []\nwhile True:\n    x.append(' ' * 10**6)\n",
        "import numpy as np\nx = np.ones((60000, 60000))\n",
        "import mmap\nm = mmap.mmap(-1, 4 * 1024**3)\nm[-1:] = b'x'\n",
    ],
    ids=["bytearray", "growing-list", "numpy", "shared-mmap"],
)
def test_a_memory_bomb_is_stopped(run, code):
    outcome = run(code, limits=TIGHT)
    assert outcome.status in ("memory", "crashed") or "MemoryError" in (outcome.cases[0].error or "")
    assert not any(c.has_value for c in outcome.cases)


@pytest.mark.parametrize(
    "code",
    [
        "print('x' * 10**7)\n",
        "while True:\n    print('encore une ligne')\n",
        "import os\nos.write(1, b'y' * 10**6)\n",
        "import sys\nsys.stdout.buffer.write(b'z' * 10**6)\n",
    ],
    ids=["one-print", "print-loop", "fd-write", "buffer-write"],
)
def test_huge_output_is_capped(run, code):
    outcome = run(code, "1", limits=TIGHT)
    assert outcome.status == "output_limit"
    assert outcome.cases == []
    assert len(outcome.stderr) <= TIGHT.output_kb * 1024


def test_a_huge_file_cannot_be_written(run):
    code = (
        "def result():\n"
        "    try:\n"
        "        with open('big.bin', 'wb') as f:\n"
        "            for _ in range(100):\n"
        "                f.write(b'x' * 2**20)\n"
        "    except OSError as e:\n"
        "        return str(e)\n"
        "    return 'written'\n"
    )
    assert "File too large" in only_value(run(code))


def test_deep_recursion_is_an_error(run):
    outcome = run("def f(n):\n    return f(n + 1)\n", "f(0)")
    assert outcome.cases[0].error.startswith("RecursionError")


def test_a_huge_result_is_refused_not_crashing(run):
    outcome = run("def result():\n    return list(range(10**7))\n", limits=Limits(memory_mb=512))
    assert outcome.status == "ok"
    assert outcome.cases[0].error.startswith("ResultError")


def test_a_self_containing_result_is_refused(run):
    outcome = run("x = []\nx.append(x)\ndef result():\n    return x\n")
    assert outcome.cases[0].error.startswith("ResultError")


# --- what the sandbox shows ------------------------------------------------------------------


def test_the_host_filesystem_is_not_visible(run):
    code = (
        "import os\n"
        "def result():\n"
        "    paths = ['/etc/passwd', '/etc/shadow', '/root', '/home', '/var', '/tmp', '/work/main',\n"
        f"             {str(REPO)!r}, {str(REPO / 'instance')!r}, {str(REPO / 'lms')!r}, {str(REPO / '.venv')!r}]\n"
        "    return sorted(os.listdir('/')), [p for p in paths if os.path.exists(p)]\n"
    )
    top, visible = only_value(run(code))
    assert top == ["dev", "lib", "lib64", "opt", "proc", "sandbox", "usr"]
    assert visible == []


def test_no_shell_binary_is_visible(run):
    code = (
        "import os\n"
        "def result():\n"
        "    found = []\n"
        "    for top, dirs, files in os.walk('/usr'):\n"
        "        found += [f for f in files if f in ('sh', 'bash', 'dash', 'busybox', 'env')]\n"
        "    return found, sorted(os.listdir('/usr/bin'))\n"
    )
    found, usr_bin = only_value(run(code))
    assert found == []
    assert all(name.startswith("python") for name in usr_bin)


def test_the_filesystem_is_read_only_outside_the_work_dir(run):
    code = (
        "def result():\n"
        "    refused = []\n"
        "    for path in ('/x', '/opt/maharat/harness.py', '/opt/maharat/venv/x', '/usr/x', '/dev/x'):\n"
        "        try:\n"
        "            open(path, 'w').close()\n"
        "        except OSError:\n"
        "            refused.append(path)\n"
        "    open('/sandbox/ok', 'w').close()\n"
        "    open('/dev/shm/ok', 'w').close()\n"
        "    return len(refused)\n"
    )
    assert only_value(run(code)) == 5


def test_the_program_is_not_root(run):
    uid, euid = only_value(run("import os\ndef result():\n    return os.getuid(), os.geteuid()\n"))
    assert uid != 0 and euid != 0


def test_the_callers_environment_does_not_leak(run, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cr3t-key")
    monkeypatch.setenv("DATABASE_URL", "postgresql://maharat:pw@db/maharat")
    environ = only_value(run("import os\ndef result():\n    return dict(os.environ)\n"))
    assert "SECRET_KEY" not in environ and "DATABASE_URL" not in environ
    assert not any("s3cr3t" in v or "postgresql" in v for v in environ.values())


def test_there_is_no_network(run):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    code = (
        "import socket\n"
        "def result():\n"
        "    outcomes = []\n"
        "    for family, address in ((socket.AF_INET, ('127.0.0.1', PORT)), (socket.AF_INET6, ('::1', PORT))):\n"
        "        try:\n"
        "            socket.socket(family, socket.SOCK_STREAM).connect(address)\n"
        "            outcomes.append('connected')\n"
        "        except OSError as e:\n"
        "            outcomes.append(e.errno)\n"
        "    for family in (16, 17):  # AF_NETLINK, AF_PACKET\n"
        "        try:\n"
        "            socket.socket(family, socket.SOCK_RAW)\n"
        "            outcomes.append('opened')\n"
        "        except OSError as e:\n"
        "            outcomes.append(e.errno)\n"
        "    return outcomes\n"
    ).replace("PORT", str(port))
    try:
        outcomes = only_value(run(code))
        with pytest.raises(TimeoutError):
            server.accept()
    finally:
        server.close()
    assert "connected" not in outcomes and "opened" not in outcomes


def test_no_subprocess_shell_or_system(run):
    code = (
        "import os, subprocess\n"
        "def result():\n"
        "    out = [os.system('id')]\n"
        "    for attempt in (lambda: subprocess.run('id', shell=True),\n"
        "                    lambda: subprocess.run(['ls', '/']),\n"
        "                    lambda: os.execv('/bin/sh', ['sh'])):\n"
        "        try:\n"
        "            attempt()\n"
        "            out.append('ran')\n"
        "        except OSError as e:\n"
        "            out.append(type(e).__name__)\n"
        "    return out\n"
    )
    status, *attempts = only_value(run(code))
    assert status != 0
    assert attempts == ["FileNotFoundError"] * 3


X86_64 = pytest.mark.skipif(platform.machine() != "x86_64", reason="uses x86-64 syscall numbers")


@X86_64
def test_ctypes_cannot_reach_dangerous_syscalls(run):
    code = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "def result():\n"
        "    calls = {\n"
        "        'ptrace': lambda: libc.ptrace(16, os.getppid(), 0, 0),\n"
        "        'mount': lambda: libc.mount(b'none', b'/sandbox', b'tmpfs', 0, None),\n"
        "        'umount': lambda: libc.umount2(b'/proc', 2),\n"
        "        'unshare': lambda: libc.unshare(0x10000000),\n"
        "        'clone-newuser': lambda: libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0),\n"
        "        'keyctl': lambda: libc.syscall(250, 0, 0, 0, 0, 0),\n"
        "        'bpf': lambda: libc.syscall(321, 0, 0, 0),\n"
        "        'userfaultfd': lambda: libc.syscall(323, 0),\n"
        "        'io_uring': lambda: libc.syscall(425, 1, 0),\n"
        "        'personality': lambda: libc.personality(0x0040000),\n"
        "        'shmget': lambda: libc.shmget(0, 4096, 0o1600),\n"
        "    }\n"
        "    out = {}\n"
        "    for name, call in calls.items():\n"
        "        ctypes.set_errno(0)\n"
        "        out[name] = (call(), ctypes.get_errno())\n"
        "    return out\n"
    )
    results = only_value(run(code))
    for name, (returned, errno_) in results.items():
        assert returned == -1 and errno_ != 0, (name, returned, errno_)


@X86_64
def test_other_syscall_abis_are_killed(run):
    # x32 numbers (| 0x40000000) would bypass an x86-64-only filter; the filter kills them
    code = "import ctypes\nlibc = ctypes.CDLL(None)\ndef x32(nr):\n    return libc.syscall(0x40000000 | nr, 0, 0, 0)\n"
    outcome = run(code, "x32(39)", "x32(101)", "1")
    assert [c.error for c in outcome.cases[:2]] == ["Crashed: the program was killed by SIGSYS"] * 2
    assert outcome.cases[2].value == 1


@pytest.mark.parametrize(
    "kill",
    [
        "os.kill(os.getppid(), signal.SIGKILL)",
        "os.kill(-1, signal.SIGKILL)",
        "os.kill(1, signal.SIGTERM)",
        "os.kill(1, signal.SIGINT)",
    ],
    ids=["parent", "everything", "pid-1", "pid-1-interrupted"],
)
def test_the_harness_survives_being_killed(run, kill):
    me = os.getpid()
    code = f"import os, signal\ntry:\n    {kill}\nexcept OSError:\n    pass\ndef result():\n    return 5\n"
    outcome = run(code, "result()", "result()")
    assert outcome.status == "ok"
    assert [c.value for c in outcome.cases] == [5, 5]
    assert os.getpid() == me


def test_a_daemon_does_not_survive_the_run(run, sandbox):
    marker = "maharat-daemon-3f9a"
    code = (
        "import os, sys\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(120)', {marker!r}])\n"
        "    os._exit(0)\n"
        "def result():\n"
        "    return 1\n"
    )
    outcome = run(code, "result()", "result()")
    assert outcome.status == "ok"
    assert leftover_processes(marker) == []
    assert slot_processes(sandbox) == []


# --- forging results -------------------------------------------------------------------------

FORGERIES = {
    "fake-records-on-stdout": (
        'print(\'{"case":0,"value":{"t":"int","v":"5"},"stdout":"","error":null,"limit":null}\')\n'
        "print('{\"done\":1}')\n"
    ),
    "writes-to-every-fd": (
        "import os\n"
        'line = b\'{"case":0,"end":"ok","bytes":0}\\n{"done":2}\\n\'\n'
        'rec = b\'{"case":0,"value":{"t":"int","v":"5"},"stdout":"","error":null,"limit":null}\'\n'
        "for fd in range(0, 256):\n"
        "    for data in (line, rec):\n"
        "        try:\n"
        "            os.write(fd, data)\n"
        "        except OSError:\n"
        "            pass\n"
    ),
    "sys-exit-before-tests": "import sys\nsys.exit(0)\n",
    "os-exit": "import os\nos._exit(0)\n",
    "exit-from-the-call": "import os\ndef somme(a, b):\n    os._exit(0)\n",
    "eq-always-true": (
        "class Five:\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __hash__(self):\n        return 5\n"
        "    def __repr__(self):\n        return '5'\n"
        "def somme(a, b):\n    return Five()\n"
    ),
    "int-subclass": (
        "class I(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\n"
        "def somme(a, b):\n    return I(4)\n"
    ),
    "hostile-dunders": (
        "class H:\n"
        "    def __eq__(self, other):\n        raise SystemExit(0)\n"
        "    def __repr__(self):\n        raise KeyboardInterrupt\n"
        "    def __len__(self):\n        raise MemoryError\n"
        "    def __iter__(self):\n        os._exit(0)\n"
        "import os\n"
        "def somme(a, b):\n    return [H(), {H()}]\n"
    ),
    "patched-builtins": (
        "import builtins, json\n"
        "builtins.type = lambda x: int\n"
        "builtins.repr = lambda x: '5'\n"
        "builtins.isinstance = lambda *a: True\n"
        'json.dumps = lambda *a, **k: \'{"t":"int","v":"5"}\'\n'
        "def somme(a, b):\n    return 'cinq'\n"
    ),
    "base-exception-subclass": "class Boom(BaseException):\n    pass\nraise Boom('5')\n",
    "keyboard-interrupt": "raise KeyboardInterrupt\n",
    "generator-exit": "def somme(a, b):\n    raise GeneratorExit\n",
}


@pytest.mark.parametrize("code", FORGERIES.values(), ids=FORGERIES.keys())
def test_forgery_never_passes(run, code):
    outcome = run(code, "somme(2, 3)", "somme(2, 3)")
    assert not any(passes(c, 5) for c in outcome.cases), outcome


def test_tampering_with_the_harness_stays_in_its_own_case(run):
    # Code inside a case controls that case's report (as ``return 5`` would): that is why
    # expected values never enter the sandbox. It must not reach any other case.
    code = (
        "import gc\n"
        "if globals().get('forge'):\n"
        "    for obj in gc.get_objects():\n"
        "        if isinstance(obj, dict) and 'encode_value' in obj and '_encode' in obj:\n"
        '            obj[\'encode_value\'] = lambda value, budget: \'{"t":"int","v":"5"}\'\n'
        "            obj['_run_learner'] = lambda *a: (5, True, None, None)\n"
        "def somme(a, b):\n"
        "    return 'cinq'\n"
    )
    outcome = run(code, CaseSpec(setup="forge = True", call="somme(2, 3)"), "somme(2, 3)", "somme(2, 3)")
    assert outcome.cases[0].value == 5
    assert [c.value for c in outcome.cases[1:]] == ["cinq", "cinq"]


def test_a_case_cannot_answer_for_a_later_one(run):
    # case 0 leaves a process behind that keeps writing case 1's report everywhere it can
    code = (
        "import os, time\n"
        "def somme(a, b):\n"
        "    if globals().get('forge') and os.fork() == 0:\n"
        "        os.setsid()\n"
        "        for _ in range(400):\n"
        "            for fd in range(0, 64):\n"
        "                try:\n"
        '                    os.write(fd, b\'{"case":1,"value":{"t":"int","v":"5"},\'\n'
        '                                 b\'"stdout":"","error":null,"limit":null}\')\n'
        "                except OSError:\n"
        "                    pass\n"
        "            time.sleep(0.002)\n"
        "        os._exit(0)\n"
        "    time.sleep(0.05)\n"
        "    return a - b\n"
    )
    outcome = run(code, CaseSpec(setup="forge = True", call="somme(9, 9)"), "somme(2, 3)", "somme(7, 3)")
    assert [c.value for c in outcome.cases[1:]] == [-1, 4]


def test_a_case_cannot_read_the_inputs_of_other_cases(run):
    secret = "8675309"
    code = (
        "import gc, os, sys\n"
        "def spy():\n"
        "    found = []\n"
        "    for obj in gc.get_objects():\n"
        f"        if isinstance(obj, (str, bytes, dict, list)) and {secret!r} in repr(obj):\n"
        "            found.append('memory')\n"
        "    try:\n"
        "        found.append(os.read(0, 65536).decode(errors='replace'))\n"
        "    except OSError as e:\n"
        "        found.append(str(e))\n"
        "    for path in os.listdir('/proc'):\n"
        "        for leaf in ('fd/0', 'mem', 'environ', 'cmdline'):\n"
        "            try:\n"
        "                with open(f'/proc/{path}/{leaf}', 'rb') as f:\n"
        "                    found.append(f.read(1 << 20).decode(errors='replace'))\n"
        "            except OSError:\n"
        "                pass\n"
        "    return '|'.join(found)\n"
    )
    outcome = run(
        code, "spy()", CaseSpec(setup=f"hidden = {secret}", stdin=secret, call=f"spy() + str({secret})")
    )
    assert outcome.status == "ok"
    assert secret not in outcome.cases[0].value


def test_a_later_case_cannot_see_what_an_earlier_one_left(run):
    code = (
        "import os\n"
        "def leave(x):\n"
        "    open('/sandbox/note', 'w').write(x)\n"
        "    open('/dev/shm/note', 'w').write(x)\n"
        "    os.chmod('/sandbox', 0o700)\n"
        "    return 'left'\n"
        "def look():\n"
        "    return [p for p in ('/sandbox/note', '/dev/shm/note') if os.path.exists(p)]\n"
    )
    outcome = run(code, "leave('hidden-input')", "look()")
    assert [c.value for c in outcome.cases] == ["left", []]


def test_the_sandbox_refuses_to_run_without_its_slot_user(sandbox):
    if os.geteuid() != 0:
        pytest.skip("slot users only matter when the caller is root")
    from dataclasses import replace

    from lms.sandbox import SandboxUnavailable

    with pytest.raises(SandboxUnavailable, match="maharat-sbx97"):
        run_cases(replace(sandbox, slot=97), "open('/tmp/ran', 'w')", [CaseSpec()])


def test_a_result_crafted_to_flood_the_graders_hash_tables_fails_its_own_case(run):
    # Ints that all hash alike, written straight into the case's own report (building such a set
    # inside would only burn the case's CPU): decoding it outside used to take 20-30 s.
    code = (
        "import gc\n"
        'items = \',\'.join(\'{"t":"int","v":"%x"}\' % (k * (2**61 - 1)) for k in range(30000))\n'
        'crafted = \'{"t":"set","v":[\' + items + \']}\'\n'
        "for obj in gc.get_objects() if globals().get('forge') else ():\n"
        "    if isinstance(obj, dict) and 'encode_value' in obj and '_encode' in obj:\n"
        "        obj['encode_value'] = lambda value, budget: crafted\n"
        "def result():\n"
        "    return 1\n"
    )
    outcome = run(code, CaseSpec(setup="forge = True", call="result()"), "len('ok')")
    assert outcome.status == "ok"
    assert outcome.cases[0].error == "ResultError: the test's report was unreadable"
    assert outcome.cases[1].value == 2


def every_slot_process(sandbox) -> list[tuple[int, str]]:
    """(pid, state) of every process of the slot user, zombies included (root only)."""
    if os.geteuid() != 0:
        return []
    identity = identity_for(sandbox.slot)
    found = []
    with slot_lock(identity, sandbox.slot):
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/status", "rb") as f:
                    fields = dict(line.split(b":", 1) for line in f if line[:4] in (b"Stat", b"Uid:"))
            except (OSError, ValueError):
                continue
            if int(fields[b"Uid"].split()[0]) == identity.uid:
                found.append((int(pid), fields[b"State"].split()[0].decode()))
    return found


LEFTOVERS = {
    "fork-bomb": "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
    "orphans": (
        "import os, time\n"
        "for _ in range(8):\n"
        "    if os.fork() == 0:\n"
        "        if os.fork() == 0:\n"
        "            time.sleep(60)\n"
        "        os._exit(0)\n"  # the middle process exits unreaped: a zombie, its child an orphan
        "def result():\n"
        "    return 1\n"
    ),
    "double-fork-daemon": (
        "import os, signal, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "    if os.fork() == 0:\n"
        "        os.closerange(0, 64)\n"
        "        time.sleep(60)\n"
        "    os._exit(0)\n"
        "def result():\n"
        "    return 1\n"
    ),
}


@pytest.mark.parametrize("code", LEFTOVERS.values(), ids=LEFTOVERS.keys())
def test_no_process_of_the_slot_user_outlives_its_run_not_even_a_zombie(run, sandbox, code):
    outcome = run(code, "result()", "result()", limits=TIGHT)
    assert outcome.status in ("ok", "timeout", "crashed")
    assert every_slot_process(sandbox) == []


#: Case 0 hides a value in every writable place and piece of metadata it can reach; case 1 reports
#: what it sees. Case 1 must see exactly what it sees after an innocent case 0.
STATE_CARRIER = """
import os, stat

def hide(secret):
    for root in ('/sandbox', '/dev/shm'):
        os.makedirs(f'{root}/d/e', exist_ok=True)
        open(f'{root}/.hidden', 'w').write(str(secret))
        os.symlink('/proc/self', f'{root}/link')
        os.mkfifo(f'{root}/fifo')
        os.utime(f'{root}/d', (secret, secret))
        os.chmod(f'{root}/d', 0o711)
        os.chmod(root, 0o700 | (secret % 8))
        os.utime(root, (secret, secret))
    if os.path.exists('/sandbox/notes.csv'):
        os.utime('/sandbox/notes.csv', (secret, secret))
        os.chmod('/sandbox/notes.csv', 0o666)
    return 'hidden'

def innocent(secret):
    return 'hidden'

def look():
    seen = {}
    for root in ('/sandbox', '/dev/shm', '/tmp'):
        if not os.path.exists(root):
            seen[root] = None
            continue
        info = os.stat(root)
        seen[root] = (sorted(os.listdir(root)), stat.filemode(info.st_mode), info.st_atime_ns,
                      info.st_mtime_ns, info.st_nlink, info.st_size, info.st_uid)
    if os.path.exists('/sandbox/notes.csv'):
        info = os.stat('/sandbox/notes.csv')
        seen['notes'] = (stat.filemode(info.st_mode), info.st_mtime_ns, info.st_atime_ns, info.st_size)
    return seen
"""


@pytest.mark.parametrize("files", [{"notes.csv": b"a,b\n1,2\n"}, {}], ids=["data-file", "no-data-file"])
def test_no_state_reaches_the_next_case_through_the_filesystem(run, files):
    cases = (CaseSpec(setup="secret = 1234567", call="{}(secret)"), CaseSpec(call="look()"))
    seen = {}
    for first in ("hide", "innocent"):
        specs = [CaseSpec(setup=cases[0].setup, call=cases[0].call.format(first)), cases[1]]
        outcome = run(STATE_CARRIER, *specs, files=files)
        assert outcome.status == "ok" and outcome.cases[0].value == "hidden", outcome
        seen[first] = outcome.cases[1].value
    assert seen["hide"] == seen["innocent"]
    assert seen["hide"]["/sandbox"][0] == sorted(files) and seen["hide"]["/dev/shm"][0] == []
    assert seen["hide"]["/tmp"] is None


COUNTERS = """
import os, stat
def spend(count):
    # leave traces in every counter a later case could read: PIDs, inode numbers, /tmp, /dev/shm
    for _ in range(count):
        if os.fork() == 0:
            os._exit(0)
        os.wait()
    for index in range(count):
        open(f'/sandbox/spent-{index}', 'w').close()
        open(f'/dev/shm/spent-{index}', 'w').close()
    return 'spent'
def counters():
    open('/sandbox/fresh', 'w').close()
    open('/dev/shm/fresh', 'w').close()
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)
    return {
        'pid': os.getpid(),
        'proc_self': os.readlink('/proc/self'),
        'child': child,
        'processes': sorted(int(p) for p in os.listdir('/proc') if p.isdigit()),
        'inode': os.stat('/sandbox/fresh').st_ino,
        'shm_inode': os.stat('/dev/shm/fresh').st_ino,
        'work_inode': os.stat('/sandbox').st_ino,
        'tmp': os.path.exists('/tmp'),
        'listing': (sorted(os.listdir('/sandbox')), sorted(os.listdir('/dev/shm'))),
    }
"""


@pytest.mark.parametrize("spent", [0, 60], ids=["quiet", "busy"])
def test_pid_and_inode_counters_start_afresh_in_every_case(run, spent):
    # An earlier case forks and creates files to move the counters; the later case must see the
    # very same PIDs and inode numbers as a case that follows a quiet one.
    outcome = run(COUNTERS, "counters()", f"spend({spent})", "counters()")
    assert outcome.status == "ok", outcome
    first, spend, later = outcome.cases
    assert spend.value == "spent", spend
    assert later.value == first.value, (first.value, later.value)
    assert later.value["processes"] == [1, later.value["pid"]]  # the case's own PID 1 and itself
    assert later.value["tmp"] is False
    assert later.value["listing"] == (["fresh"], ["fresh"])


def test_a_case_holds_no_capability_and_cannot_make_namespaces_or_mounts(run):
    code = (
        "import ctypes\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "def status():\n"
        "    lines = open('/proc/self/status').read().splitlines()\n"
        "    return {l.split(':')[0]: l.split()[1] for l in lines if l.startswith(('Cap', 'NoNewPrivs'))}\n"
        "def tries():\n"
        "    return [libc.unshare(0x20000), libc.mount(b'tmpfs', b'/sandbox', b'tmpfs', 0, None)]\n"
    )
    outcome = run(code, "status()", "tries()")
    assert outcome.status == "ok", outcome
    caps = outcome.cases[0].value
    assert {caps[k] for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")} == {"0000000000000000"}
    assert caps["NoNewPrivs"] == "1"
    assert outcome.cases[1].value == [-1, -1]
