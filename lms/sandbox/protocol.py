"""The caller's side of the harness protocol (the other side is harness.py).

The caller trusts nothing the sandbox writes: every record is parsed strictly, must come in
order and exactly once, and any deviation turns the whole run into ``protocol_error``.
"""

from __future__ import annotations

import json
import marshal
import re

from .cases import CaseOutcome
from .codec import DecodeError, decode_value

FRAME_DIGITS = 10
MAX_HEADER_LINE = 256
#: Child endings after which the harness stops running cases (same list in harness.py).
STOPPING_ENDS = ("cpu", "output")


class ProtocolViolation(ValueError):
    """The sandbox's report does not follow the protocol: nothing from it counts."""


def frame(payload: dict) -> bytes:
    """Length-prefix one marshalled dict of plain data for the harness."""
    data = marshal.dumps(payload, 4)
    return b"%0*d\n" % (FRAME_DIGITS, len(data)) + data


def _reject_constant(name: str) -> object:
    raise ProtocolViolation(f"non-JSON constant {name}")


def _strict_object(pairs: list[tuple[str, object]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ProtocolViolation("duplicate key in record")
    return result


def parse_json(data: bytes) -> dict:
    """Parse one JSON object, refusing duplicates, NaN and anything that is not an object."""
    try:
        value = json.loads(
            data.decode("utf-8"), object_pairs_hook=_strict_object, parse_constant=_reject_constant
        )
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise ProtocolViolation(f"unreadable record: {e}") from e
    if type(value) is not dict:
        raise ProtocolViolation("record is not an object")
    return value


class RecordReader:
    """Consume the record stream incrementally and check it against the protocol.

    ``feed`` takes bytes as they arrive; ``wants_case`` tells when the harness waits for the
    next case; ``finish`` checks the stream ended properly and returns the outcomes.
    """

    def __init__(self, case_count: int, max_report: int) -> None:
        self.case_count = case_count
        self.max_report = max_report
        self.buffer = bytearray()
        self.ready = False
        self.done = False
        self.pending: dict | None = None  # header of a case whose report bytes are still coming
        self.cases: list[CaseOutcome] = []
        self.ends: list[str] = []
        self.limits: list[str] = []

    def feed(self, data: bytes) -> None:
        """Take more bytes from the record fd."""
        self.buffer += data
        while self._step():
            pass

    def _step(self) -> bool:
        if self.pending is not None:
            size = self.pending["bytes"]
            if len(self.buffer) < size:
                return False
            report = bytes(self.buffer[:size])
            del self.buffer[:size]
            self._accept_case(self.pending, report)
            self.pending = None
            return True
        newline = self.buffer.find(b"\n")
        if newline < 0:
            if len(self.buffer) > MAX_HEADER_LINE:
                raise ProtocolViolation("record line too long")
            return False
        if newline > MAX_HEADER_LINE:
            raise ProtocolViolation("record line too long")
        line = bytes(self.buffer[:newline])
        del self.buffer[: newline + 1]
        self._accept_line(parse_json(line))
        return True

    def _accept_line(self, record: dict) -> None:
        if self.done:
            raise ProtocolViolation("record after done")
        if not self.ready:
            if record != {"ready": 1}:
                raise ProtocolViolation("first record is not ready")
            self.ready = True
            return
        if set(record) == {"done"}:
            self._accept_done(record["done"])
            return
        if set(record) != {"case", "end", "bytes"}:
            raise ProtocolViolation(f"unexpected record keys {sorted(record)}")
        index, end, size = record["case"], record["end"], record["bytes"]
        if type(index) is not int or index != len(self.ends) or index >= self.case_count:
            raise ProtocolViolation(f"case {index!r} out of order")
        if self.ends and self.ends[-1] in STOPPING_ENDS:
            raise ProtocolViolation("case after the run stopped")
        if type(end) is not str or type(size) is not int or not 0 <= size <= self.max_report:
            raise ProtocolViolation("bad case record")
        self.pending = record

    def _accept_done(self, count: object) -> None:
        stopped = bool(self.ends) and self.ends[-1] in STOPPING_ENDS
        if type(count) is not int or count != len(self.ends) or (count != self.case_count and not stopped):
            raise ProtocolViolation(f"done after {count!r} of {self.case_count} cases")
        self.done = True

    def _accept_case(self, header: dict, report: bytes) -> None:
        self.ends.append(header["end"])
        outcome, limit = _outcome(header["case"], header["end"], report)
        if limit:
            self.limits.append(limit)
        self.cases.append(outcome)

    @property
    def wants_case(self) -> int | None:
        """Index of the case the harness is ready for, or None."""
        if not self.ready or self.done or self.pending is not None:
            return None
        if self.ends and self.ends[-1] in STOPPING_ENDS:
            return None
        return len(self.ends)

    def finish(self) -> list[CaseOutcome]:
        """Check the stream ended after ``done`` and nothing else."""
        if self.pending is not None or self.buffer:
            raise ProtocolViolation("stream ended inside a record")
        if not self.done:
            raise ProtocolViolation("no done record")
        return self.cases


#: How a child's ending or report maps to a run status that voids the run.
_END_LIMITS = {"cpu": "timeout", "output": "output_limit"}
_REPORT_LIMITS = {"memory": "memory", "output": "output_limit"}
#: The keys of a case's record; the harness adds where the error was raised and what went to stderr.
_RECORD_KEYS = frozenset({"case", "value", "stdout", "error", "limit"})
_WHERE_KEYS = frozenset({"line", "stderr"})


def _outcome(index: int, end: str, report: bytes) -> tuple[CaseOutcome, str | None]:
    """Turn how the child ended and what it reported into the case's outcome and limit hit."""
    if end != "ok":
        return CaseOutcome(None, False, "", _ending_error(end)), _END_LIMITS.get(end)
    if not report:
        return CaseOutcome(None, False, "", "SystemExit: the program ended before the test finished"), None
    try:
        record = parse_json(report)
        if set(record) not in (_RECORD_KEYS, _RECORD_KEYS | _WHERE_KEYS):
            raise ProtocolViolation("bad case report")
        stdout, error, limit = record["stdout"], record["error"], record["limit"]
        line, stderr = record.get("line"), record.get("stderr", "")
        if (line is not None and type(line) is not int) or type(stderr) is not str:
            raise ProtocolViolation("bad case report")
        where = {"line": line if error is not None else None, "stderr": _clean_error(stderr, len(stderr))}
        if type(record["case"]) is not int or record["case"] != index or type(stdout) is not str:
            raise ProtocolViolation("bad case report")
        if (error is not None and type(error) is not str) or (
            limit is not None and limit not in _REPORT_LIMITS
        ):
            raise ProtocolViolation("bad case report")
        if error is not None:
            error = _clean_error(error)
        if record["value"] is None or error is not None:
            return CaseOutcome(None, False, stdout, error, **where), _REPORT_LIMITS.get(limit)
        outcome = CaseOutcome(decode_value(record["value"]), True, stdout, None, **where)
        return outcome, _REPORT_LIMITS.get(limit)
    except (ProtocolViolation, DecodeError):
        # Only code that tampered with its own process writes this; it fails its own case.
        return CaseOutcome(None, False, "", "ResultError: the test's report was unreadable"), None


#: An error is text for people ("TypeName: message"): the harness caps it, and so do we.
ERROR_CHARS = 2000
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _clean_error(error: str, cap: int = ERROR_CHARS) -> str:
    """The error text as it may be shown: capped, without lone surrogates, NUL or control characters.

    Values and standard output stay exactly as produced (they are compared); an error is only shown.
    """
    return _UNSHOWABLE.sub("\ufffd", error[:cap])


def _ending_error(end: str) -> str:
    if end.startswith("signal:"):
        return f"Crashed: the program was killed by {end[7:]}"
    if end.startswith("exit:"):
        return f"SystemExit: the program exited with status {end[5:]} before the test finished"
    if end == "oversize":
        return "ResultError: the test's report was too large"
    return f"Crashed: {end}"
