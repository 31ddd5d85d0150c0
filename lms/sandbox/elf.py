"""Read the dynamic-linking needs of ELF files.

The sandbox shows the interpreter only the system libraries it really loads. Reading
``DT_NEEDED`` ourselves (instead of running ``ldd``) means nothing is executed outside the
sandbox to work that out.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field

_PT_LOAD, _PT_DYNAMIC, _PT_INTERP = 1, 2, 3
_DT_NULL, _DT_NEEDED, _DT_STRTAB, _DT_RPATH, _DT_RUNPATH = 0, 1, 5, 15, 29


@dataclass
class DynamicInfo:
    """What the dynamic loader needs to load one ELF object."""

    interpreter: str | None = None
    needed: list[str] = field(default_factory=list)
    rpath: list[str] = field(default_factory=list)
    runpath: list[str] = field(default_factory=list)


def read_dynamic_info(path: str) -> DynamicInfo | None:
    """Return the loader info of a 64-bit little-endian ELF file, or None for anything else."""
    try:
        with open(path, "rb") as f:
            ident = f.read(64)
            if len(ident) < 64 or ident[:4] != b"\x7fELF" or ident[4] != 2 or ident[5] != 1:
                return None
            (phoff,) = struct.unpack_from("<Q", ident, 32)
            phentsize, phnum = struct.unpack_from("<HH", ident, 54)
            f.seek(phoff)
            table = f.read(phentsize * phnum)
            segments = [struct.unpack_from("<IIQQQQQQ", table, i * phentsize) for i in range(phnum)]
            return _parse(f, segments)
    except (OSError, struct.error):
        return None


def _parse(f, segments: list[tuple[int, ...]]) -> DynamicInfo:
    info = DynamicInfo()
    loads = [(s[3], s[2], s[5]) for s in segments if s[0] == _PT_LOAD]  # vaddr, offset, filesz

    def file_offset(vaddr: int) -> int | None:
        for start, offset, size in loads:
            if start <= vaddr < start + size:
                return offset + vaddr - start
        return None

    for p_type, _flags, offset, _vaddr, _paddr, filesz, _memsz, _align in segments:
        if p_type == _PT_INTERP:
            f.seek(offset)
            info.interpreter = f.read(filesz).split(b"\0", 1)[0].decode()
    dynamic = next((s for s in segments if s[0] == _PT_DYNAMIC), None)
    if dynamic is None:
        return info
    f.seek(dynamic[2])
    raw = f.read(dynamic[5])
    entries = []
    for i in range(len(raw) // 16):
        tag, value = struct.unpack_from("<qQ", raw, i * 16)
        if tag == _DT_NULL:
            break
        entries.append((tag, value))
    strtab = next((value for tag, value in entries if tag == _DT_STRTAB), None)
    base = file_offset(strtab) if strtab is not None else None
    if base is None:
        return info

    def string(index: int) -> str:
        f.seek(base + index)
        chunk = f.read(4096)
        return chunk.split(b"\0", 1)[0].decode(errors="replace")

    for tag, value in entries:
        if tag == _DT_NEEDED:
            info.needed.append(string(value))
        elif tag == _DT_RPATH:
            info.rpath.extend(p for p in string(value).split(":") if p)
        elif tag == _DT_RUNPATH:
            info.runpath.extend(p for p in string(value).split(":") if p)
    return info


def resolve_libraries(roots: list[str], system_dirs: list[str]) -> tuple[set[str], set[str]]:
    """Resolve the shared libraries ``roots`` load, transitively, like the dynamic loader.

    Returns the library paths as the loader would open them (not symlink-resolved) and the
    sonames that could not be found (extension modules whose library is not installed simply
    fail to import, inside as outside).
    """
    found: set[str] = set()
    missing: set[str] = set()
    queue = list(roots)
    seen: set[str] = set()
    while queue:
        obj = queue.pop()
        real = os.path.realpath(obj)
        if real in seen:
            continue
        seen.add(real)
        info = read_dynamic_info(real)
        if info is None:
            continue
        if info.interpreter:
            found.add(info.interpreter)
            queue.append(info.interpreter)
        origin = os.path.dirname(real)
        search = [] if info.runpath else _expand(info.rpath, origin)
        search += _expand(info.runpath, origin) + system_dirs
        for name in info.needed:
            path = name if "/" in name else _search(name, search)
            if path is None:
                missing.add(name)
                continue
            found.add(path)
            queue.append(path)
    return found, missing


def _expand(paths: list[str], origin: str) -> list[str]:
    return [p.replace("$ORIGIN", origin).replace("${ORIGIN}", origin) for p in paths]


def _search(name: str, dirs: list[str]) -> str | None:
    for directory in dirs:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            return os.path.normpath(candidate)
    return None
