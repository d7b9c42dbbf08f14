"""Fuzz targets shared by the atheris harness in ``fuzz/`` and the CI-bounded run in
``tests/test_fuzz.py``.

A target takes raw bytes and raises ``AssertionError`` (or any unexpected exception) when
mojifix misbehaves. What counts as misbehaving:

* ``repair_bytes`` / ``fix_bytes`` raising anything but a :class:`mojifix.MojifixError`
  subclass, or a ``MojifixError`` whose message is empty or spans several lines;
* a result that is not a ``str``, that holds surrogates other than the kept raw bytes of
  mostly-UTF-8 input, or whose report (``to_dict``) is not JSON-serialisable;
* a change whose line/column do not point at its offset in the decoded input;
* ``repair_text`` raising anything at all on any ``str``.

The first two bytes of an input choose the options (a forced encoding, fixers on or off), so
the fuzzer explores configurations as well as data.
"""

from __future__ import annotations

import json

import mojifix
from mojifix import Config, MojifixError

ENCODINGS: tuple[str | None, ...] = (
    None, None, None, None, None, None, None, None,
    "utf-8", "gbk", "big5", "shift_jis", "cp1251", "utf-16", "latin-1", "no-such-codec",
)


def config_from(flags: int, enc: int) -> Config:
    """A configuration chosen by two bytes (most inputs get the defaults)."""
    if flags < 0x80:
        return Config(encoding=ENCODINGS[enc % len(ENCODINGS)])
    return Config(
        encoding=ENCODINGS[enc % len(ENCODINGS)],
        fix_mojibake=bool(flags & 1),
        unescape_html=bool(flags & 2),
        remove_zero_width=bool(flags & 4),
        remove_glosses=bool(flags & 8),
        uncurl_quotes=bool(flags & 16),
        fix_line_breaks=bool(flags & 32),
        normalization="NFC" if flags & 64 else None,
    )


def _check_repair(repair: mojifix.Repair) -> None:
    assert isinstance(repair.text, str)
    assert isinstance(repair.original, str)
    json.dumps(repair.to_dict(), ensure_ascii=False)
    original = repair.original
    for ch in repair.changes:
        assert 0 <= ch.offset <= len(original), ch
        assert ch.line == original.count("\n", 0, ch.offset) + 1, ch
        line_start = original.rfind("\n", 0, ch.offset) + 1
        assert ch.column == ch.offset - line_start + 1, ch


def fix_bytes_target(data: bytes) -> None:
    """``repair_bytes`` on arbitrary bytes: a ``str`` or a one-line ``MojifixError``."""
    if len(data) >= 2:
        config, payload = config_from(data[0], data[1]), data[2:]
    else:
        config, payload = Config(), data
    try:
        repair = mojifix.repair_bytes(payload, config)
    except MojifixError as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)
        return
    _check_repair(repair)
    # Text decoded from bytes holds no surrogates but the raw bytes of mostly-UTF-8 input
    # (U+DC80..U+DCFF), which are written back as exactly those bytes.
    out = repair.text.encode("utf-8", "surrogateescape")
    raw = sum(0xDC80 <= ord(c) <= 0xDCFF for c in repair.original)
    assert sum(0xDC80 <= ord(c) <= 0xDCFF for c in repair.text) == raw
    if raw:
        assert config.encoding is None and repair.encoding == "utf-8"
        assert out.count(b"\xff") >= repair.text.count("\udcff")
    assert mojifix.fix_bytes(payload, config) == repair.text


def fix_text_target(data: bytes) -> None:
    """``repair_text`` on any string (here: the bytes decoded leniently) never raises."""
    text = data.decode("utf-8", errors="surrogateescape")
    repair = mojifix.repair_text(text)
    _check_repair(repair)
    assert repair.original == text


TARGETS = {"fix_bytes": fix_bytes_target, "fix_text": fix_text_target}


JSONL_FIELDS = ("text", "meta.body", "turns.0.text")


def _set(obj: object, parts: list[str], value: object) -> None:
    for part in parts[:-1]:
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]  # type: ignore[index]
    last = parts[-1]
    if isinstance(obj, list):
        obj[int(last)] = value
    else:
        obj[last] = value  # type: ignore[index]


def _get(obj: object, parts: list[str]) -> object:
    for part in parts:
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]  # type: ignore[index]
    return obj


def jsonl_target(data: bytes) -> None:
    """``mojifix.files.jsonl.repair_jsonl`` (batch mode's ``--jsonl --field``) on arbitrary lines.

    Nothing dropped, nothing reordered: one output line per input line, each either the input
    line byte for byte or, for a record whose field was repaired, the same record with only that
    field changed (to ``fix_text`` of it) and the same line ending. Invalid lines pass through.
    """
    from mojifix.files.jsonl import repair_jsonl  # lands with the batch branch

    field = JSONL_FIELDS[data[0] % len(JSONL_FIELDS)] if data else "text"
    parts = field.split(".")
    lines = data[1:].split(b"\n")
    lines = [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    written: list[bytes] = []
    result = repair_jsonl(iter(lines), field, Config(), write=written.append)
    assert len(written) == len(lines), (len(written), len(lines))
    invalid = {number for number, _ in result.invalid}
    for number, (before, after) in enumerate(zip(lines, written, strict=True), 1):
        if before == after:
            continue
        assert number not in invalid, number
        body = before.rstrip(b"\r\n")
        assert after.endswith(before[len(body):]), (before, after)
        old = json.loads(body.decode("utf-8").lstrip("\ufeff"))
        new = json.loads(after.rstrip(b"\r\n").decode("utf-8").lstrip("\ufeff"))
        assert _get(new, parts) == mojifix.fix_text(_get(old, parts))  # type: ignore[arg-type]
        _set(old, parts, _get(new, parts))
        assert json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True)


TARGETS["jsonl"] = jsonl_target
