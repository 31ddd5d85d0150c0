"""The caller's reading of the harness's records: in order, exactly once, or nothing counts."""

from __future__ import annotations

import json

import pytest

from lms.sandbox.protocol import ProtocolViolation, RecordReader

READY = b'{"ready":1}\n'


def case(index: int, value=5, end: str = "ok", **fields) -> bytes:
    report = {
        "case": index,
        "value": {"t": "int", "v": format(value, "x")},
        "stdout": "",
        "error": None,
        "limit": None,
    }
    report.update(fields)
    body = json.dumps(report).encode()
    return b'{"case":%d,"end":"%s","bytes":%d}\n' % (index, end.encode(), len(body)) + body


def read(stream: bytes, cases: int = 2, chunk: int = 7) -> RecordReader:
    reader = RecordReader(cases, 1 << 20)
    for i in range(0, len(stream), chunk):  # records arrive in arbitrary pieces
        reader.feed(stream[i : i + chunk])
    return reader


def test_a_complete_stream_gives_every_case():
    reader = read(READY + case(0, 5) + case(1, 7) + b'{"done":2}\n')
    outcomes = reader.finish()
    assert [(c.value, c.has_value, c.error) for c in outcomes] == [(5, True, None), (7, True, None)]
    assert reader.limits == []


def test_the_harness_is_asked_for_one_case_at_a_time():
    reader = read(READY, cases=3)
    assert reader.wants_case == 0
    reader.feed(case(0)[:10])
    assert reader.wants_case == 0
    reader.feed(case(0)[10:])
    assert reader.wants_case == 1


@pytest.mark.parametrize(
    "stream",
    [
        case(0),  # no ready
        READY + READY,
        READY + case(1),  # out of order
        READY + case(0) + case(0),  # twice
        READY + case(0) + case(1) + case(2),  # more than asked
        READY + case(0) + b'{"done":1}\n',  # too early
        READY + case(0) + case(1) + b'{"done":3}\n',
        READY + case(0) + case(1) + b'{"done":2}\n' + b'{"done":2}\n',
        READY + b'{"case":0,"case":0,"end":"ok","bytes":0}\n',  # duplicate key
        READY + b'{"case":0,"end":"ok","bytes":-1}\n',
        READY + b'{"case":0,"end":"ok","bytes":99999999}\n',
        READY + b'{"case":true,"end":"ok","bytes":0}\n',
        READY + b'{"case":0,"end":"ok","bytes":0,"value":5}\n',
        READY + b'{"case":NaN,"end":"ok","bytes":0}\n',
        READY + b"[1]\n",
        READY + b"\xff\n",
        READY + b"x" * 300,
    ],
)
def test_any_deviation_is_a_violation(stream):
    with pytest.raises(ProtocolViolation):
        read(stream).finish()


def test_a_truncated_stream_is_a_violation():
    with pytest.raises(ProtocolViolation):
        read(READY + case(0) + case(1)[:-3]).finish()
    with pytest.raises(ProtocolViolation):
        read(READY + case(0) + case(1)).finish()


def test_a_stopping_case_ends_the_run_early():
    reader = read(READY + case(0, end="cpu") + b'{"done":1}\n', cases=3)
    reader.finish()
    assert reader.limits == ["timeout"]
    assert reader.wants_case is None


def test_reports_mapping_to_limits():
    reader = read(READY + case(0, value=0, error="MemoryError", limit="memory") + case(1) + b'{"done":2}\n')
    reader.finish()
    assert reader.limits == ["memory"]


def test_a_bad_report_fails_only_its_case():
    bad = b'{"case":0,"end":"ok","bytes":5}\nhello'
    reader = read(READY + bad + case(1) + b'{"done":2}\n')
    first, second = reader.finish()
    assert not first.has_value and first.error.startswith("ResultError")
    assert second.value == 5


def test_a_report_for_another_case_is_unreadable():
    body = json.dumps(
        {"case": 1, "value": {"t": "int", "v": "5"}, "stdout": "", "error": None, "limit": None}
    )
    stream = (
        READY + b'{"case":0,"end":"ok","bytes":%d}\n' % len(body) + body.encode() + case(1) + b'{"done":2}\n'
    )
    first, _ = read(stream).finish()
    assert not first.has_value


@pytest.mark.parametrize(
    ("end", "error"),
    [
        ("signal:SIGSEGV", "Crashed: the program was killed by SIGSEGV"),
        ("exit:3", "SystemExit: the program exited with status 3 before the test finished"),
        ("oversize", "ResultError: the test's report was too large"),
    ],
)
def test_abnormal_endings_become_case_errors(end, error):
    header = b'{"case":0,"end":"%s","bytes":0}\n' % end.encode()
    (outcome,) = read(READY + header + b'{"done":1}\n', cases=1).finish()
    assert outcome.error == error and not outcome.has_value


def test_an_empty_report_means_the_program_left_early():
    (outcome,) = read(READY + b'{"case":0,"end":"ok","bytes":0}\n{"done":1}\n', cases=1).finish()
    assert outcome.error.startswith("SystemExit") and not outcome.has_value


def test_both_sides_agree_on_the_protocol():
    # harness.py runs where lms is not importable, so it repeats these constants
    from lms.sandbox import harness, protocol

    assert harness.STOPPING_ENDS == protocol.STOPPING_ENDS
    assert harness.FRAME_PREFIX == protocol.FRAME_DIGITS + 1
    assert len(protocol.frame({"x": 1})) == harness.FRAME_PREFIX + len(
        __import__("marshal").dumps({"x": 1}, 4)
    )
